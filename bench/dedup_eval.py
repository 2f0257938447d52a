"""Syndication quality on a hand-labelled set of real article pairs.

``data/eval/syndication_pairs.tsv`` holds pairs of articles of ``../shared/corpus/arabic-text``
(ids only), each labelled by reading both texts: ``copy`` (one republishes the other, or both
republish the same source text, even edited) or ``not_copy`` (independent texts, including
independent reports of the same event), with the reason. The pairs were drawn by ``--sample``:
stratified by exact similarity band, plus same-topic pairs with little shared text (hard
negatives).

    .venv/bin/python bench/dedup_eval.py            # precision / recall / F1 / ARI, by band
    .venv/bin/python bench/dedup_eval.py --sweep    # the same for other thresholds and shingle sizes
    .venv/bin/python bench/dedup_eval.py --sample   # print a fresh stratified sample to label
    .venv/bin/python bench/dedup_eval.py --sweep-align --half dev   # alignment + paraphrase settings
    .venv/bin/python bench/dedup_eval.py --misses   # per-pair misses / false positives of dev .. dev6
    .venv/bin/python bench/dedup_eval.py --twins    # label twins: one question labelled twice, both ways

Predicted label of a pair, counted two ways when ``find_stories`` runs over the whole file the pair
comes from: ``primary`` = both articles in the same primary story (``article_copies``), ``any`` =
they share any story, primary or secondary (``story_members``: a round-up page carrying two
releases is a member of both stories). ARI compares the primary stories (a partition) with the gold
clusters (connected components of the ``copy`` pairs) on the labelled articles.

The pairs are split into two fixed halves by a hash of the pair's ids (:func:`half`): rules and
thresholds are chosen looking at the ``dev`` half only (``--half dev``); the ``held-out`` half
checks that they were not fitted to the labels. Every run prints both halves and all pairs, plus
the pairs the reader labelled with high confidence.

``data/eval/syndication_pairs_dev2.tsv`` is a second development sample (150 pairs, mostly from the
0.15-0.7 bands where partial copies and shared background text live, labelled blind by three readers):
development data like ``dev``, printed in every run and in ``--half dev`` sweeps (``dev2``, and
``dev+dev2`` together). ``--misses`` prints the misses and false positives of ``dev`` and ``dev2``
with their pair features (the labelled data rules may be designed on).

``data/eval/syndication_pairs_dev3.tsv`` (200 pairs, at most 3 per article, one blind reader per pair) is
the third development sample: printed as ``dev3`` and ``dev+dev2+dev3``, in ``--misses`` and in ``--half
dev`` sweeps. It was first a validation set (figures of the rules designed on dev + dev2 recorded before
any per-pair look, docs/syndication.md "Formula text, and the third development sample").

``data/eval/syndication_pairs_dev4.tsv`` (187 pairs, two blind readers per pair) was the validation sample
for the rules designed on dev + dev2 + dev3 (the reworded-release round, figures recorded in
docs/syndication.md before any per-pair look); development data since: printed as ``dev4`` and
``dev4 high-conf.``, in ``dev+dev2+dev3+dev4``, ``--misses`` and ``--half dev`` sweeps.

``data/eval/syndication_pairs_dev5.tsv`` (150 pairs from the 0.15-0.5 bands, two blind readers) was the
validation sample of the rules designed on the four development files (rounds 7-8, aggregates only);
development data since (like dev4 before it): printed as ``dev5``, ``dev5 high-conf.`` and
``dev+dev2+dev3+dev4+dev5`` (the ``dev+dev2+dev3+dev4`` row stays), in ``--misses`` and ``--half dev`` sweeps.

``data/eval/syndication_pairs_dev6.tsv`` (127 pairs, two blind readers) was held-out data for the rules
designed on dev .. dev5 (stop 14, aggregates only); development data since: printed as ``dev6``, ``dev6
high-conf.`` and ``dev+dev2+dev3+dev4+dev5+dev6``, in ``--misses`` and ``--half dev`` sweeps.

``data/eval/syndication_pairs_dev7.tsv`` (same columns), when present, is held-out data for the rules
designed on dev .. dev6: printed as ``dev7 (held-out test)`` and ``dev7 high-conf. (held-out test)``,
aggregates only (the word "test" lets ``| grep -v test`` hide them from the designer); never in
``--misses``, sweeps, per-pair output or the development aggregates.

``data/eval/syndication_pairs_dev8.tsv`` (when present) samples the 0.05-0.15 band only, by content-word
stratum (``LOW_STRATA``), for the band-weighted estimate; ``data/eval/syndication_pairs_dev9.tsv`` (when
present) is every other pair of that band's top stratum (with the other files' pairs there, a census).
Development data: printed as ``dev8 (0.05-0.15 band)`` and ``dev9 (low band, top stratum)``, in ``--misses``
and the weighted estimate's development part, not in the ``dev+...`` totals.

The files over-sample the rare bands where partial copies and shared background live (0.15-0.7),
and the development files the hard 0.15-0.5 bands most, so as-sampled recall is a figure of those
bands. The default run also prints a band-weighted estimate (:func:`weighted_estimate`, ``--no-weighted``
skips it): each band's labelled counts scaled to that band's share of the corpus's candidate pairs
(:func:`candidate_pairs`, the list every file was drawn from), with a bootstrap interval, and per band
of every file together the population, labelled pairs, copies and copies found.

``data/eval/syndication_pairs_test.tsv`` is a third sample (130 pairs, 2026-11-29), labelled blind
by other readers after the rules above were designed; the default run prints its figures (never
per-pair output, never in sweeps) so that no rule is chosen by looking at it.

``data/eval/syndication_pairs_test2.tsv`` is a second test sample (190 pairs, drawn like the first
with 30 per band, every pair read by two blind readers, who agreed on all labels), made while the
formula rule was being designed and never shown to its designer: printed as ``test2``, ``test+test2``
and ``all incl. tests`` (every labelled file together, dev6 to dev9 included when present), aggregates only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from itertools import combinations
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "arabic-text"
LABELS = ROOT / "data" / "eval" / "syndication_pairs.tsv"
# Development sample 2 (partial-copy bands), labelled blind; rules may be chosen on it like ``dev``.
DEV2_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev2.tsv"
# Development sample 3 (200 pairs, at most 3 per article), labelled blind, one reader per pair: first
# a validation set for the rules designed on dev + dev2 (figures recorded before any per-pair look),
# development data after that.
DEV3_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev3.tsv"
# Sample 4 (two blind readers per pair): the validation set of the reworded-release round (designed on
# dev + dev2 + dev3), development data since (like dev3 before it).
DEV4_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev4.tsv"
# Sample 5 (0.15-0.5 bands, two blind readers per pair): the validation set of rounds 7-8 (designed on the
# four development files), development data since (like dev4 before it).
DEV5_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev5.tsv"
# Sample 6 (two blind readers per pair): held out from the rules designed on dev .. dev5 (stop 14),
# development data since.
DEV6_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev6.tsv"
# Sample 7 (same columns as dev5), held out from the rules designed on dev .. dev6: aggregate rows only, each
# labelled "... (held-out test)" so that ``| grep -v test`` hides them; never per-pair output, never in
# sweeps, --misses or the development aggregates. Loaded only when the file exists.
DEV7_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev7.tsv"
# Sample 8: the 0.05-0.15 band only, by content-word stratum (LOW_STRATA), for the band-weighted estimate;
# development data (no rule was chosen on it when it was made).
DEV8_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev8.tsv"
# Sample 9: the rest of the 0.05-0.15 band's top content-word stratum (a census with the other files' pairs).
DEV9_LABELS = ROOT / "data" / "eval" / "syndication_pairs_dev9.tsv"
# The development files after the dev half of LABELS, in order: (name, path, note, high-confidence row).
# Each prints its own rows and the running development total ("dev+dev2+...").
DEV_FILES = [
    ("dev2", DEV2_LABELS, "development data", False),
    ("dev3", DEV3_LABELS, "development data", False),
    ("dev4", DEV4_LABELS, "development data (validation set of the reworded-release round)", True),
    ("dev5", DEV5_LABELS, "development data (validation set of rounds 7-8)", True),
    ("dev6", DEV6_LABELS, "development data (held-out set of stop 14)", True),
]
# A third, fresh sample labelled later, blind; never used to choose a rule or a threshold.
TEST_LABELS = ROOT / "data" / "eval" / "syndication_pairs_test.tsv"
TEST2_LABELS = ROOT / "data" / "eval" / "syndication_pairs_test2.tsv"
BANDS = [(0.9, 1.01), (0.7, 0.9), (0.5, 0.7), (0.3, 0.5), (0.15, 0.3), (0.05, 0.15), (0.0, 0.05)]


def load_corpus() -> dict[str, dict]:
    """Every article by id: {"id", "file", "outlet", "title", "text", "date"}."""
    out = {}
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            aid = d.get("id") or d["docno"]
            out[aid] = {
                "id": aid,
                "file": path.name,
                "outlet": d["source"],
                "title": d.get("title") or "",
                "text": d.get("content") or d.get("text") or "",
                "date": d.get("docno_date") or (d.get("date_extracted") or "")[:10],
                "seen": d.get("time") or d.get("date_extracted"),
            }
    return out


def adjusted_rand_index(labels_true: list, labels_pred: list) -> float:
    """Adjusted Rand index of two clusterings of the same items (Hubert & Arabie 1985)."""
    if len(labels_true) != len(labels_pred):
        raise ValueError("both clusterings must label the same items")
    n = len(labels_true)
    if n < 2:
        return 1.0
    contingency = Counter(zip(labels_true, labels_pred, strict=True))
    sum_cells = sum(comb(c, 2) for c in contingency.values())
    sum_true = sum(comb(c, 2) for c in Counter(labels_true).values())
    sum_pred = sum(comb(c, 2) for c in Counter(labels_pred).values())
    expected = sum_true * sum_pred / comb(n, 2)
    maximum = (sum_true + sum_pred) / 2
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)


def half(row: dict) -> str:
    """``dev`` or ``held-out``: a fixed split of the pairs by a hash of their two ids."""
    digest = hashlib.sha1(f"{row['article_a']}\t{row['article_b']}".encode()).hexdigest()
    return "held-out" if int(digest[:8], 16) % 2 else "dev"


def read_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def exact_scores(corpus: dict[str, dict], ids: list[str]) -> dict[str, object]:
    from pipelines.lib.dedup import dedup_tokens, shingle_array

    return {i: shingle_array(dedup_tokens(corpus[i]["text"])) for i in ids}


def predict(corpus: dict[str, dict], **params) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """article_id -> primary story_id, and article_id -> every story it is a member of, running
    find_stories over each corpus file separately.

    ``params`` are find_stories arguments, plus upper-case names of dedup's rule constants
    (``ALIGN_*``, ``PARA_*``, ``PARAPHRASE_LOOK``; set for this run only, to sweep them). They are set
    on ``dedup.settings``, the one module the rules read them from at call time."""
    from pipelines.lib.dedup import DedupArticle, find_stories, settings

    constants = {k: v for k, v in params.items() if k.isupper()}
    params = {k: v for k, v in params.items() if not k.isupper()}
    saved = {k: getattr(settings, k) for k in constants}  # AttributeError on a misspelt name
    for k, v in constants.items():
        setattr(settings, k, v)
    try:
        return _predict(corpus, find_stories, DedupArticle, **params)
    finally:
        for k, v in saved.items():
            setattr(settings, k, v)


def _predict(
    corpus: dict[str, dict], find_stories, DedupArticle, **params
) -> tuple[dict[str, str], dict[str, frozenset[str]]]:

    def seen(a: dict) -> datetime | None:
        # SaudiNewsNet: extraction time (UTC+3); ANT: the RFC-822 publication time.
        value = a["seen"]
        if not value:
            return None
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return datetime.fromisoformat(value).replace(tzinfo=timezone(timedelta(hours=3)))

    story: dict[str, str] = {}
    member: dict[str, set[str]] = {}
    by_file: dict[str, list] = {}
    for a in corpus.values():
        by_file.setdefault(a["file"], []).append(
            # SPA ("was") is the agency its copies come from: the credit a cleaned page would carry.
            DedupArticle(
                a["id"],
                a["outlet"],
                "was" if a["outlet"] == "was" else None,
                a["title"],
                a["text"],
                None,
                None,
                seen(a),
            )
        )
    for articles in by_file.values():
        res = find_stories(articles, **params)
        story.update(zip(res.copies["article_id"].to_list(), res.copies["story_id"].to_list(), strict=True))
        for a, s in zip(res.members["article_id"].to_list(), res.members["story_id"].to_list(), strict=True):
            member.setdefault(a, set()).add(s)
    return story, {a: frozenset(s) for a, s in member.items()}


def shares_story(members: dict[str, frozenset[str]], row: dict) -> bool:
    """A labelled pair's two articles are members of one story, primary or secondary (``any``)."""
    return bool(members[row["article_a"]] & members[row["article_b"]])


def evaluate(
    labels: list[dict], story: dict[str, str], members: dict[str, frozenset[str]] | None = None
) -> dict[str, float]:
    """Pair figures; with ``members``, a pair is predicted a copy when its articles share any story."""
    tp = fp = fn = tn = 0
    for r in labels:
        gold = r["label"] == "copy"
        if members is not None:
            pred = shares_story(members, r)
        else:
            pred = story[r["article_a"]] == story[r["article_b"]]
        tp += gold and pred
        fp += (not gold) and pred
        fn += gold and not pred
        tn += (not gold) and not pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # Gold clusters: connected components of the copy pairs over the labelled articles.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in labels:
        find(r["article_a"]), find(r["article_b"])
        if r["label"] == "copy":
            parent[find(r["article_a"])] = find(r["article_b"])
    items = sorted(parent)
    ari = adjusted_rand_index([find(i) for i in items], [story[i] for i in items])
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1,
            "ari": ari}  # fmt: skip


def candidate_pairs(corpus: dict[str, dict]) -> list[tuple[str, str, float, float]]:
    """The pairs every labelled file was drawn from, with their exact 5-word Jaccard and containment:
    every pair of one corpus file sharing a 5-word shingle, plus same-topic pairs (3+ title words in
    common) sharing none (scores 0.0), the hard negatives."""
    import numpy as np
    from scipy import sparse

    rows = []
    for file in sorted({a["file"] for a in corpus.values()}):
        ids = sorted(i for i, a in corpus.items() if a["file"] == file and a["text"].strip())
        sh = exact_scores(corpus, ids)
        vocab: dict[int, int] = {}
        r_, c_ = [], []
        for k, i in enumerate(ids):
            for h in sh[i].tolist():
                c_.append(vocab.setdefault(h, len(vocab)))
                r_.append(k)
        m = sparse.csr_matrix((np.ones(len(r_)), (r_, c_)), shape=(len(ids), len(vocab)))
        inter = sparse.triu(m @ m.T, k=1).tocoo()
        size = np.array([len(sh[i]) for i in ids])
        for a, b, n in zip(inter.row, inter.col, inter.data, strict=True):
            jac = n / (size[a] + size[b] - n)
            cont = n / min(size[a], size[b])
            rows.append((ids[a], ids[b], jac, cont))
        # Hard negatives: same topic (title words shared), little or no shared 5-word text.
        from pipelines.lib.dedup import dedup_tokens

        titles = {i: set(dedup_tokens(corpus[i]["title"])) - {"في", "من", "على", "الي", "عن"} for i in ids}
        scored = {(ids[a], ids[b]) for a, b in zip(inter.row, inter.col, strict=True)}
        for a, b in combinations(ids, 2):
            if (a, b) in scored or len(titles[a] & titles[b]) < 3:
                continue
            rows.append((a, b, 0.0, 0.0))
    return rows


def sample(corpus: dict[str, dict], per_band: int, hard: int, seed: int, max_per_article: int = 0) -> None:
    """Print a stratified sample of pairs (by exact max(Jaccard, containment) band) to label.

    ``max_per_article`` (0: no cap) keeps one article from filling a band: in the labelled files one
    short agency item is in 41 of the 68 not-copy pairs of the 0.15-0.6 band, which leaves too few
    distinct negatives to judge a rule (or fit one) on."""
    rng = random.Random(seed)
    rows = candidate_pairs(corpus)
    chosen = []
    used: Counter = Counter()
    for lo, hi in BANDS:
        band = [r for r in rows if lo <= max(r[2], r[3]) < hi]
        k = hard if (lo, hi) == (0.0, 0.05) else per_band
        if not max_per_article:
            chosen += rng.sample(band, min(k, len(band)))
            continue
        taken = 0
        for r in rng.sample(band, len(band)):
            if taken == k:
                break
            if used[r[0]] < max_per_article and used[r[1]] < max_per_article:
                chosen.append(r)
                used.update(r[:2])
                taken += 1
    for a, b, jac, cont in chosen:
        print(f"{a}\t{b}\t{jac:.3f}\t{cont:.3f}")


def band_of(row: dict) -> int:
    """Index in BANDS of a labelled pair's exact max(Jaccard, containment) (the sampling band)."""
    top = max(float(row["jaccard"]), float(row["containment"]))
    return next(k for k, (lo, hi) in enumerate(BANDS) if lo <= top < hi)


def band_name(k: int) -> str:
    lo, hi = BANDS[k]
    return f"[{lo:.2f}, {min(hi, 1):.2f})"


# The 0.05-0.15 band holds 12,610 of the 30,707 candidate pairs and a few copies (whole releases reworded),
# almost all among the pairs sharing most of their content words: it is split by that share
# (:func:`content_overlap`) into strata of 157 / 753 / 11,700 pairs, sampled separately (dev8, drawn from
# the 150 / 739 / 11,523 left once the other files' pairs were removed).
LOW_BAND = (0.05, 0.15)
LOW_STRATA = (0.45, 0.3)
# In the bands from 0.15 up, an article with at least HUB_MIN_PAIRS candidate pairs in the band (an agency's
# sign-on notice or rain bulletin sharing its formula with 170+ texts) fills the band with its pairs, but
# the files' per-article caps (3-5) kept them out of the samples: its pairs are a stratum of their own (sub-
# stratum HUB), so that the few labelled ones are not weighted as if they were the band's other pairs.
HUB_MIN_PAIRS = 50
HUB = 9


def content_overlap(text_a: str, text_b: str) -> float:
    """Share of the smaller text's distinct words of 4+ letters (dedup tokens) found in the other."""
    a, b = _long_words(text_a), _long_words(text_b)
    return len(a & b) / max(1, min(len(a), len(b)))


@cache
def _long_words(text: str) -> frozenset[str]:
    from pipelines.lib.dedup import dedup_tokens

    return frozenset(w for w in dedup_tokens(text) if len(w) >= 4)


def stratum_of(
    corpus: dict[str, dict], row: dict, hubs: frozenset[tuple[int, str]] = frozenset()
) -> tuple[int, int]:
    """(band index, sub-stratum): in LOW_BAND by content-word share (0 = most shared); above it HUB for a
    pair of a hub article (``hubs``: (band, article) pairs, see :func:`hub_articles`), else 0."""
    k = band_of(row)
    if BANDS[k] != LOW_BAND:
        if (k, row["article_a"]) in hubs or (k, row["article_b"]) in hubs:
            return k, HUB
        return k, 0
    share = content_overlap(corpus[row["article_a"]]["text"], corpus[row["article_b"]]["text"])
    return k, next((n for n, t in enumerate(LOW_STRATA) if share >= t), len(LOW_STRATA))


def hub_articles(rows: list[dict]) -> frozenset[tuple[int, str]]:
    """(band, article) of the articles with at least HUB_MIN_PAIRS of ``rows`` (candidate pairs) in one band
    from 0.15 up."""
    degree: Counter = Counter()
    for r in rows:
        k = band_of(r)
        if BANDS[k][0] >= 0.15:
            degree[(k, r["article_a"])] += 1
            degree[(k, r["article_b"])] += 1
    return frozenset(key for key, n in degree.items() if n >= HUB_MIN_PAIRS)


def weighted_estimate(
    rows: list[dict],
    members: dict[str, frozenset[str]],
    population: dict[tuple[int, int], int],
    stratum: dict[tuple[str, str], tuple[int, int]],
    draws: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """Precision and recall on the corpus's candidate pairs rather than on the sample: each band's
    labelled counts scaled by population / labelled pairs of that band (a stratified estimate: the
    files over-sample the rare bands where the hard cases live, so the as-sampled recall weighs a
    pair of the 12,610-pair 0.05-0.15 band like one of the 385-pair top band). ``lo``/``hi``: a 90 %
    bootstrap interval, labelled pairs resampled within each band. The strata are the bands, the low
    band split further (:func:`stratum_of`; ``stratum``: each pair's). Strata without labelled pairs
    are left out (``unlabelled``: their population). The interval counts the labelled pairs' variation
    only: a stratum whose labelled pairs are all of one kind adds none (0 copies in 197 labelled pairs
    does not rule out ~1.5 % of 11,700), and a stratum labelled in full still varies (no finite-population
    correction)."""
    by_band: dict[tuple[int, int], list[tuple[bool, bool]]] = {}
    for r in rows:
        pred = shares_story(members, r)
        key = stratum[(r["article_a"], r["article_b"])]
        if not population.get(key):  # a weight of 0 would drop the pair silently (no ids: it may be held out)
            raise ValueError(f"a labelled pair's stratum {key} has no candidate pairs")
        by_band.setdefault(key, []).append((r["label"] == "copy", pred))

    def figures(sample: dict[tuple[int, int], list[tuple[bool, bool]]]) -> tuple[float, float, float]:
        tp = fp = fn = 0.0
        for k, pairs in sample.items():
            w = population[k] / len(pairs)
            tp += w * sum(g and p for g, p in pairs)
            fp += w * sum(p and not g for g, p in pairs)
            fn += w * sum(g and not p for g, p in pairs)
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0), tp + fn

    precision, recall, copies = figures(by_band)
    rng = random.Random(seed)
    boot_p, boot_r = [], []
    for _ in range(draws):
        p, r, _c = figures({k: rng.choices(v, k=len(v)) for k, v in by_band.items()})
        boot_p.append(p)
        boot_r.append(r)
    boot_p.sort()
    boot_r.sort()
    lo, hi = int(0.05 * draws), int(0.95 * draws) - 1
    return {
        "precision": precision,
        "recall": recall,
        "copies": copies,
        "p_lo": boot_p[lo],
        "p_hi": boot_p[hi],
        "r_lo": boot_r[lo],
        "r_hi": boot_r[hi],
        "unlabelled": sum(n for k, n in population.items() if k not in by_band),
    }


def _dev_labels(path: Path, name: str, note: str) -> list[dict]:
    """A labelled file's rows (none when it is absent), its size and label counts printed."""
    rows = read_labels(path) if path.exists() else []
    if rows:
        counts = Counter(r["label"] for r in rows)
        print(f"{name}: {len(rows)} pairs ({counts['copy']} copy, {counts['not_copy']} not_copy), {note}")
    return rows


# Two texts at least this alike (exact 5-word Jaccard) are one text for the label audit (:func:`label_twins`).
TWIN_MIN_JACCARD = 0.9


def label_twins(
    corpus: dict[str, dict], rows: list[dict], min_jaccard: float = TWIN_MIN_JACCARD
) -> tuple[int, list[tuple[dict, dict]]]:
    """Label twins: two labelled rows (x, y) and (x, z) whose other texts y and z are near-identical (two
    outlets' copies of one wire item, one item filed in two sections), so that they ask one question. Returns
    how many such twins ``rows`` hold and those labelled differently (the labels contradict each other). A
    pair labelled in two rows is not counted (the label files repeat no pair)."""
    import numpy as np

    by_article: dict[str, list[tuple[str, dict]]] = {}
    for r in rows:
        by_article.setdefault(r["article_a"], []).append((r["article_b"], r))
        by_article.setdefault(r["article_b"], []).append((r["article_a"], r))
    shingles = exact_scores(corpus, sorted(by_article))
    twins, split = 0, []
    for _x, others in sorted(by_article.items()):
        for (y, ry), (z, rz) in combinations(others, 2):
            a, b = shingles[y], shingles[z]
            if y == z or not len(a) or not len(b):
                continue
            shared = len(np.intersect1d(a, b))
            if shared / (len(a) + len(b) - shared) < min_jaccard:
                continue
            twins += 1
            if ry["label"] != rz["label"]:
                split.append((ry, rz))
    return twins, split


def misses(corpus: dict[str, dict], parts: list[tuple[str, list[dict]]]) -> None:
    """Per-pair misses and false positives (any story) of the development pairs, with features."""
    from pipelines.lib import alignment
    from pipelines.lib.dedup import dedup_tokens, overlap, sentence_tokens, shingle_array

    _story, members = predict(corpus)
    for name, rows in parts:
        print(f"\n{name}:")
        for r in rows:
            a, b = r["article_a"], r["article_b"]
            gold, pred = r["label"] == "copy", shares_story(members, r)
            if gold == pred:
                continue
            sa, sb = (shingle_array(dedup_tokens(corpus[x]["text"]), 3) for x in (a, b))
            jac, cont = overlap(sa, sb)
            ta, tb = sentence_tokens([corpus[a]["text"], corpus[b]["text"]])
            al, pa = alignment.align(ta, tb), alignment.paraphrase(ta, tb)
            kind = "MISS" if gold else "FP"
            print(f"{kind:<4} {a} {b} {r['confidence']:<4} j={jac:.2f} c={cont:.2f} "
                  f"al n={al.aligned} cov={al.short_cover:.2f}/{al.long_cover:.2f} block={al.block:.2f} "
                  f"start={al.start:.2f}/{al.long_start:.2f} para n={pa.matched} ord={pa.ordered} "
                  f"cov={pa.cover:.2f} start={pa.start:.2f} | {r['reason']}")  # fmt: skip


def twins_report(
    corpus: dict[str, dict], development: list[tuple[str, list[dict]]], held_out: list[tuple[str, list[dict]]]
) -> None:
    """Print the label twins (:func:`label_twins`) of every labelled pair together, and those labelled both
    ways: development rows by id, a held-out row only counted."""
    names = {id(r): name for name, rows in development + held_out for r in rows}
    shown = {id(r) for _name, rows in development for r in rows}
    every = [r for _name, rows in development + held_out for r in rows]
    twins, split = label_twins(corpus, every)
    print(f"label twins (two rows with one text in common, their other texts at exact 5-word Jaccard >= "
          f"{TWIN_MIN_JACCARD}): {twins}; labelled both ways: {len(split)}")  # fmt: skip
    for ry, rz in split:
        if id(ry) in shown and id(rz) in shown:
            print("  " + " | ".join(f"{r['article_a']} {r['article_b']} {r['label']} {r['confidence']} "
                                    f"{names[id(r)]}" for r in (ry, rz)))  # fmt: skip
        else:
            print("  (a held-out row)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--sweep-align", action="store_true", help="sweep the sentence-alignment rule")
    parser.add_argument("--misses", action="store_true", help="per-pair errors of dev .. dev6")
    parser.add_argument("--no-weighted", action="store_true", help="skip the band-weighted estimate")
    parser.add_argument("--twins", action="store_true", help="label twins labelled both ways")
    parser.add_argument("--per-band", type=int, default=45)
    parser.add_argument("--hard", type=int, default=60)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--max-per-article", type=int, default=0,
                        help="with --sample: cap of pairs per article (0: none; 3 advised)")  # fmt: skip
    parser.add_argument("--half", choices=["all", "dev", "held-out"], default="all",
                        help="with --sweep: the half printed (choose settings on dev)")  # fmt: skip
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent: the evaluation reads the shared corpus")
    corpus = load_corpus()
    if args.sample:
        sample(corpus, args.per_band, args.hard, args.seed, args.max_per_article)
        return
    labels = read_labels()
    counts = Counter(r["label"] for r in labels)
    print(f"{len(labels)} labelled pairs ({counts['copy']} copy, {counts['not_copy']} not_copy), "
          f"{len({r['article_a'] for r in labels} | {r['article_b'] for r in labels})} articles")  # fmt: skip
    configs = [{}]
    if args.sweep:
        configs = [
            {"jaccard_threshold": j, "containment_threshold": c}
            for j in (0.3, 0.4, 0.5)
            for c in (0.5, 0.6, 0.7, 0.8)
        ]
        configs += [{"shingle_size": s} for s in (2, 4, 5, 6, 8)]
    if args.sweep_align:  # one setting varied at a time around the chosen rule; "off" = no second look
        on = {"align_sentences": True}
        configs = [on, {"align_sentences": False}]
        configs += [{**on, "ALIGN_MIN_CONTAINMENT": v} for v in (0.2, 0.25, 0.35, 0.4)]
        configs += [{**on, "ALIGN_MIN_SENTENCES": v} for v in (1, 3, 4)]
        configs += [{**on, "ALIGN_MIN_COVER": v} for v in (0.2, 0.3, 0.4, 0.5)]
        configs += [{**on, "ALIGN_MAX_START": v} for v in (0.15, 0.25, 0.5, 1.0)]
        configs += [{**on, "ALIGN_START_EITHER": True}]
        # The paraphrase look (content-word sentence counterparts, see dedup.PARA_*).
        configs += [{**on, "PARAPHRASE_LOOK": False}]
        configs += [{**on, "PARA_MIN_CONTAINMENT": v} for v in (0.15, 0.2)]
        configs += [{**on, "PARA_MIN_SENTENCES": 2, "PARA_MIN_ORDERED": 1}, {**on, "PARA_MIN_ORDERED": 0}]
        configs += [{**on, "PARA_MIN_SENTENCES": 4}]
        configs += [{**on, "PARA_MIN_COVER": v} for v in (0.5, 0.6, 0.8)]
        # Rules chosen on dev + dev2 (see dedup.PASSAGE_*, PARA_FULL*, SECONDARY_MIN_CONTAINMENT).
        configs += [{**on, "PASSAGE_LOOK": False}]
        configs += [{**on, "PASSAGE_MIN_SENTENCES": v} for v in (2, 4)]
        configs += [{**on, "PASSAGE_MIN_TOKENS": v} for v in (60, 80, 150)]
        configs += [{**on, "PASSAGE_MAX_START": v} for v in (0.2, 0.5, 1.0)]
        configs += [{**on, "PARA_FULL": False}, {**on, "PARA_FULL_COVER": 0.85}]
        configs += [{**on, "SECONDARY_MIN_CONTAINMENT": v} for v in (0.6, 0.65, 0.75, 0.8)]
        # Rules chosen on dev + dev2 before dev3 (see dedup.FORMULA_*, LONE_MEMBERS).
        configs += [{**on, "FORMULA_MIN_SPREAD": v} for v in (None, 3, 4, 6, 8, 12)]
        configs += [{**on, "FORMULA_SENTENCE_SHARE": v} for v in (0.3, 0.7)]
        configs += [{**on, "LONE_MEMBERS": True}]
        args.sweep = True
    test_labels = read_labels(TEST_LABELS) if TEST_LABELS.exists() else []
    test2_labels = read_labels(TEST2_LABELS) if TEST2_LABELS.exists() else []
    dev_files = {name: _dev_labels(path, name, note) for name, path, note, _high in DEV_FILES}
    dev8_labels = _dev_labels(
        DEV8_LABELS, "dev8", "development data (the 0.05-0.15 band by content-word stratum)"
    )
    dev9_labels = _dev_labels(
        DEV9_LABELS, "dev9", "development data (the rest of the 0.05-0.15 band's top stratum)"
    )
    # Held out: never read for --misses or sweeps (not even loaded), aggregates only otherwise.
    held_out = not (args.sweep or args.misses)
    dev7_labels = _dev_labels(DEV7_LABELS, "dev7", "held-out test: aggregates only") if held_out else []
    dev = [r for r in labels if half(r) == "dev"]
    if args.misses:
        misses(corpus, [("dev", dev), *dev_files.items(), ("dev8", dev8_labels), ("dev9", dev9_labels)])
        return
    if args.twins:
        twins_report(corpus, [("dev", dev), *dev_files.items(), ("dev8", dev8_labels), ("dev9", dev9_labels)],
                     [("held-out half", [r for r in labels if half(r) != "dev"]), ("dev7", dev7_labels),
                      ("test", test_labels), ("test2", test2_labels)])  # fmt: skip
        return
    if test_labels and not args.sweep:
        counts = Counter(r["label"] for r in test_labels)
        print(f"test set: {len(test_labels)} pairs ({counts['copy']} copy, {counts['not_copy']} not_copy), "
              "labelled blind, never used to choose settings (not shown in sweeps)")  # fmt: skip
    if test2_labels and not args.sweep:
        counts = Counter(r["label"] for r in test2_labels)
        print(f"test2 set: {len(test2_labels)} pairs ({counts['copy']} copy, {counts['not_copy']} not_copy), "
              "two blind readers per pair, never used to choose settings")  # fmt: skip
    halves = Counter(half(r) for r in labels)
    print(f"halves: dev {halves['dev']} pairs, held-out {halves['held-out']} pairs")
    header = f"{'setting':<50} {'pairs':<31} {'story':<8} {'precision':>9} {'recall':>7} {'F1':>6} {'ARI':>6}"
    print(f"{header} {'tp':>4} {'fp':>4} {'fn':>4}")

    def sure(rows: list[dict], high: bool = True) -> list[dict]:
        return [r for r in rows if (r.get("confidence", "high") == "high") == high]

    # The labelled rows of each part (held-out and test sets: figures only, never per-pair output).
    rows_of = {
        "all": labels,
        "high-confidence": sure(labels),
    }  # high: only the pairs the readers were sure of
    shown = ["all", "dev", "held-out"] if not args.sweep or args.half == "all" else [args.half]
    development, total = dev, "dev"
    for name, _path, _note, high in DEV_FILES:
        rows = dev_files[name]
        development, total = development + rows, f"{total}+{name}"
        rows_of |= {name: rows, f"{name} high-conf.": sure(rows), total: development}
        if rows and (not args.sweep or args.half in ("all", "dev")):
            shown += [name, f"{name} high-conf.", total] if high else [name, total]
    for name, rows in (("dev8 (0.05-0.15 band)", dev8_labels), ("dev9 (low band, top stratum)", dev9_labels)):
        rows_of[name] = rows
        if rows and (not args.sweep or args.half in ("all", "dev")):
            shown.append(name)
    rows_of |= {
        "dev7 (held-out test)": dev7_labels,
        "dev7 high-conf. (held-out test)": sure(dev7_labels),
        "test": test_labels,
        "test high-conf.": sure(test_labels),
        "test2": test2_labels,
        "test2 high-conf.": sure(test2_labels),
        "test+test2": test_labels + test2_labels,
        "all incl. tests": labels
        + development[len(dev) :]
        + dev7_labels
        + dev8_labels
        + dev9_labels
        + test_labels
        + test2_labels,
    }
    every = rows_of["all incl. tests"]
    rows_of["all incl. tests high-conf."] = sure(every)
    # the judgement calls: pairs a reader was unsure of, or the two readers split on
    rows_of["all incl. tests low-conf."] = sure(every, high=False)
    if not args.sweep:
        if dev7_labels:
            shown += ["dev7 (held-out test)", "dev7 high-conf. (held-out test)"]
        shown += ["high-confidence", "test", "test high-conf."]
        if test2_labels:
            shown += ["test2", "test2 high-conf.", "test+test2", "all incl. tests"]
            shown += ["all incl. tests high-conf.", "all incl. tests low-conf."]
    for params in configs:
        story, members = predict(corpus, **params)
        name = ", ".join(f"{k}={v}" for k, v in params.items()) or "defaults"
        for part in shown:
            rows = rows_of[part] if part in rows_of else [r for r in labels if half(r) == part]
            for way, m in (("primary", evaluate(rows, story)), ("any", evaluate(rows, story, members))):
                print(f"{name:<50} {part:<31} {way:<8} {m['precision']:>9.3f} {m['recall']:>7.3f} "
                      f"{m['f1']:>6.3f} {m['ari']:>6.3f} {m['tp']:>4} {m['fp']:>4} {m['fn']:>4}")  # fmt: skip
    if not args.sweep:  # configs == [{}]: the loop's last prediction is the defaults'
        print("\nby band of exact max(Jaccard, containment) (as sampled; any story):")
        by_band: dict[int, list[tuple[bool, bool]]] = {}
        for r in labels:
            by_band.setdefault(band_of(r), []).append((r["label"] == "copy", shares_story(members, r)))
        for k, pairs in sorted(by_band.items()):
            agree = sum(g == p for g, p in pairs)
            print(f"  {band_name(k):<14} pairs {len(pairs):>3}  copies {sum(g for g, _ in pairs):>3}  "
                  f"agree {agree:>3}")  # fmt: skip
        if not args.no_weighted:
            weighted_report(
                corpus,
                members,
                {
                    f"all {len(labels)}": labels,
                    "dev..dev6, dev8, dev9 (development)": development + dev8_labels + dev9_labels,
                    "dev7+test+test2 (held-out test)": dev7_labels + test_labels + test2_labels,
                    "all incl. tests": every,
                },
                every,
            )


def weighted_report(
    corpus: dict[str, dict],
    members: dict[str, frozenset[str]],
    parts: dict[str, list[dict]],
    every: list[dict],
) -> None:
    """Print the band-weighted estimate (:func:`weighted_estimate`) of each part (its rows among
    ``every``, all labelled pairs), and per stratum of ``every``: population, labelled pairs, copies,
    copies found."""
    # Rounded as the label files store them, so that a pair falls in the band it was sampled from.
    candidates = [
        {"article_a": a, "article_b": b, "jaccard": round(jac, 3), "containment": round(cont, 3)}
        for a, b, jac, cont in candidate_pairs(corpus)
    ]
    hubs = hub_articles(candidates)
    population = Counter(stratum_of(corpus, row, hubs) for row in candidates)
    stratum = {(r["article_a"], r["article_b"]): stratum_of(corpus, r, hubs) for r in every}
    print(f"\nband-weighted estimate: each band's labelled figures scaled to its {population.total():,} "
          "candidate pairs of the corpus (pairs sharing a 5-word shingle, plus same-topic pairs), any "
          "story, 90 % bootstrap interval:")  # fmt: skip
    for name, rows in parts.items():
        if not rows:
            continue
        m = weighted_estimate(rows, members, population, stratum)
        left = f", bands without labels left out: {m['unlabelled']:,} pairs" if m["unlabelled"] else ""
        print(f"  {name:<36} P {m['precision']:.3f} [{m['p_lo']:.3f}, {m['p_hi']:.3f}]  "
              f"R {m['recall']:.3f} [{m['r_lo']:.3f}, {m['r_hi']:.3f}]  "
              f"est. copies {m['copies']:,.0f}{left}")  # fmt: skip
    print("  per stratum, every labelled file (all incl. tests):")
    for key in sorted(population):
        k, sub = key
        name = band_name(k)
        if BANDS[k] == LOW_BAND:
            bounds = (1.0, *LOW_STRATA, 0.0)
            name += f" words [{bounds[sub + 1]:.2f}, {bounds[sub]:.2f})"
        elif sub == HUB:
            name += " hub articles"
        pairs = [r for r in every if stratum[(r["article_a"], r["article_b"])] == key]
        copies = [r for r in pairs if r["label"] == "copy"]
        found = sum(shares_story(members, r) for r in copies)
        print(f"    {name:<31} population {population[key]:>6,}  labelled {len(pairs):>4}  "
              f"copies {len(copies):>4}  found {found:>4}")  # fmt: skip


if __name__ == "__main__":
    main()
