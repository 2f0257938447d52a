"""Near-duplicate and syndication detection: shingles, MinHash/LSH candidates, exact verification, stories.

Pipeline of :func:`find_stories`:

1. Text -> word tokens: HTML entities unescaped and stray tags removed, ``arabic.normalize_text``,
   punctuation dropped (word regex). Articles with the same token sequence are exact copies
   (content hash), handled as one *unit* from then on.
2. Candidate pairs of units come from two datasketch indexes over word-shingle MinHashes:
   ``MinHashLSH`` (Jaccard, low threshold) and ``MinHashLSHEnsemble`` (containment), because a short
   text inside a long page has a low Jaccard that plain LSH misses. Every candidate is verified
   with EXACT Jaccard and containment (``|A∩B| / min(|A|, |B|)``) on the shingle sets.
3. Stories: inside each connected group of verified matches the best original is picked first,
   then only units that match that original DIRECTLY join it; the rest form further stories the
   same way. So A~B, B~C, A!~C never puts A and C together unless both match the chosen original.

Output conventions:

- ``copies.method``: ``single`` (story of one article), ``original`` (original of a story with
  copies), ``exact`` (same token sequence as the original), ``minhash`` (matched by the Jaccard
  rule), ``containment`` (matched by the containment rule only). ``copy_of`` is the story's original.
- ``pairs`` holds every verified candidate between exact-copy groups, named by each group's
  representative (smallest article_id), plus one ``exact`` row per other group member;
  ``rule`` is ``exact``, ``jaccard``, ``containment``, ``too_short`` or ``below_threshold``.
- Original: never an aggregator page that bundles two unrelated matched texts; then the
  credited outlet's own page (``outlet_id`` == a member's ``credited_outlet``, case-insensitive);
  then earliest published date/time, earliest fetch, smallest article_id.

Default thresholds (why):

- ``shingle_size=5``: 5-word shingles almost never repeat between independently written reports
  of the same event, yet one edited word only breaks 5 shingles.
- ``jaccard_threshold=0.5``: copies with a rewritten dateline / prefix / a dropped or added
  paragraph keep Jaccard well above 0.5; independent reports of one event stay below ~0.1.
- ``containment_threshold=0.8``: an excerpt or a copy inside a longer page keeps (nearly) all of
  its shingles; 0.8 still tolerates small edits. Only texts with at least
  ``min_containment_shingles`` (10) shingles may match by containment, so tiny texts
  ("read more ...") do not match every long page that happens to contain them.
- ``lsh_threshold=0.3``: candidate recall matters more than precision (everything is verified),
  so the Jaccard LSH is tuned well below the decision threshold.
- The containment ensemble is tuned to ``0.75 * containment_threshold`` for the same reason.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble

from pipelines.lib import schemas
from pipelines.lib.arabic import normalize_text, words
from pipelines.lib.ids import stable_id

COPIES_SCHEMA = {k: v for k, v in schemas.ARTICLE_COPIES.items() if k != "crawl_date"}
STORIES_SCHEMA = {k: v for k, v in schemas.STORIES.items() if k != "crawl_date"}
PAIRS_SCHEMA = {
    "article_a": pl.String,
    "article_b": pl.String,
    "jaccard": pl.Float64,
    "containment": pl.Float64,
    "decision": pl.Boolean,
    "rule": pl.String,
}

# Pair rules (pairs.rule) and copy methods (copies.method).
RULE_EXACT = "exact"
RULE_JACCARD = "jaccard"
RULE_CONTAINMENT = "containment"
RULE_TOO_SHORT = "too_short"  # containment high, but the smaller text has too few shingles
RULE_BELOW = "below_threshold"
METHOD_EXACT = "exact"
METHOD_MINHASH = "minhash"
METHOD_CONTAINMENT = "containment"
METHOD_SINGLE = "single"
METHOD_ORIGINAL = "original"  # original of a story with at least one copy

_TAG_RE = re.compile(r"<[^<>]{0,300}>")
_MAX_DATE = date.max
_MAX_TS = float("inf")
_SIZE_GRID = 1.05


@dataclass(frozen=True)
class DedupArticle:
    article_id: str
    outlet_id: str  # site that served it
    credited_outlet: str | None  # outlet the text is credited to (an outlet_id where known, else a name)
    title: str | None
    text: str
    published_at: datetime | None
    published_date: date | None
    fetched_at: datetime | None


@dataclass(frozen=True)
class DedupResult:
    copies: pl.DataFrame  # article_id, story_id, is_original, copy_of, similarity, containment, method
    stories: pl.DataFrame  # story_id, original_article_id, title, first_published_date, n_articles, n_outlets
    pairs: pl.DataFrame  # article_a, article_b, jaccard, containment, decision, rule


# --------------------------------------------------------------------------- text -> shingles


def dedup_tokens(text: str | None) -> list[str]:
    """Normalised word tokens of ``text`` (HTML entities and stray tags removed, punctuation dropped)."""
    if not text:
        return []
    # Entities may be escaped twice on real pages (&amp;quot;); unescape until stable.
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = _TAG_RE.sub(" ", text)
    return words(normalize_text(text))


def _hash64(value: str) -> int:
    # Deterministic across processes (Python's hash() of str is salted per process).
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_set(tokens: Sequence[str], size: int = 5) -> set[int]:
    """64-bit hashes of the word ``size``-grams; a text shorter than ``size`` words is one shingle."""
    if not tokens:
        return set()
    if len(tokens) <= size:
        return {_hash64(" ".join(tokens))}
    return {_hash64(" ".join(tokens[i : i + size])) for i in range(len(tokens) - size + 1)}


def content_hash(tokens: Sequence[str]) -> str:
    """Hash of the normalised token sequence: equal for exact copies up to punctuation/diacritics."""
    return hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()


def overlap(a: set[int], b: set[int]) -> tuple[float, float]:
    """Exact (Jaccard, containment) of two shingle sets; containment = |A∩B| / min(|A|, |B|)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b) if len(a) <= len(b) else len(b & a)
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


# --------------------------------------------------------------------------- internals


@dataclass
class _Unit:
    """One exact-copy group: articles with identical token sequences (members sorted by id)."""

    index: int
    members: list[DedupArticle]
    shingles: set[int]

    @property
    def rep(self) -> DedupArticle:
        return self.members[0]


@dataclass(frozen=True)
class _Pair:
    jaccard: float
    containment: float
    decision: bool
    rule: str


def _identity(value: int) -> int:
    return value


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def _pub_date(a: DedupArticle) -> date | None:
    if a.published_date is not None:
        return a.published_date
    return _aware(a.published_at).date() if a.published_at is not None else None


def _time_key(a: DedupArticle) -> tuple[date, float, float, str]:
    # Earliest published date, then published time, then fetch time; missing values sort last.
    pub = _pub_date(a)
    return (
        pub if pub is not None else _MAX_DATE,
        _aware(a.published_at).timestamp() if a.published_at is not None else _MAX_TS,
        _aware(a.fetched_at).timestamp() if a.fetched_at is not None else _MAX_TS,
        a.article_id,
    )


def _norm_outlet(value: str | None) -> str:
    return (value or "").strip().casefold()


def _decide(
    jaccard: float, containment: float, smaller: int, jt: float, ct: float, min_shingles: int
) -> tuple[bool, str]:
    if jaccard >= jt:
        return True, RULE_JACCARD
    if containment >= ct:
        if smaller >= min_shingles:
            return True, RULE_CONTAINMENT
        return False, RULE_TOO_SHORT
    return False, RULE_BELOW


def _size_bucket(size: int) -> int:
    """Set size rounded to a 5% geometric grid, for the LSH Ensemble only.

    The ensemble's partitioning is quadratic in the number of distinct sizes (2.5 s for 650 sizes,
    16 s for 1,700); sizes only steer partitions and band parameters, so +-2.5% is harmless
    (same recall on the saudinewsnet day) and every candidate is verified exactly anyway.
    """
    return max(1, round(_SIZE_GRID ** round(math.log(size, _SIZE_GRID))))


def _candidates(
    units: list[_Unit],
    num_perm: int,
    seed: int,
    lsh_threshold: float,
    ensemble_threshold: float,
    min_shingles: int,
) -> set[tuple[int, int]]:
    """Candidate unit pairs (i < j) from MinHash LSH (Jaccard) plus LSH Ensemble (containment)."""
    live = [u for u in units if u.shingles]
    if len(live) < 2:
        return set()
    # MinHash over pre-hashed shingles (low 32 bits; identity hashfunc avoids re-hashing with SHA-1).
    batches = [np.fromiter((h & 0xFFFFFFFF for h in sorted(u.shingles)), dtype=np.uint64) for u in live]
    minhashes = MinHash.bulk(batches, num_perm=num_perm, seed=seed, hashfunc=_identity)
    pairs: set[tuple[int, int]] = set()

    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    for unit, mh in zip(live, minhashes, strict=True):
        lsh.insert(unit.index, mh)
    for unit, mh in zip(live, minhashes, strict=True):
        for other in lsh.query(mh):
            if other != unit.index:
                pairs.add((min(unit.index, other), max(unit.index, other)))

    # Containment: query with each long-enough text to find the (longer) texts that contain it.
    big = [(u, mh) for u, mh in zip(live, minhashes, strict=True) if len(u.shingles) >= min_shingles]
    if len(big) >= 2:
        ensemble = MinHashLSHEnsemble(threshold=ensemble_threshold, num_perm=num_perm, num_part=16)
        ensemble.index([(u.index, mh, _size_bucket(len(u.shingles))) for u, mh in big])
        for unit, mh in big:
            for other in ensemble.query(mh, _size_bucket(len(unit.shingles))):
                if other != unit.index:
                    pairs.add((min(unit.index, other), max(unit.index, other)))
    return pairs


def _is_bundle(
    o: int,
    adj: dict[int, set[int]],
    pairs: dict[tuple[int, int], _Pair],
    units: list[_Unit],
    containment_threshold: float,
) -> bool:
    """True when ``o`` contains two texts that do not match each other (an aggregator page bundle).

    Such a page must not become the original, or it would pull two unrelated stories together.
    """
    # Smaller neighbours mostly inside ``o`` (whichever rule matched them: a big half of a two-story
    # page also passes the Jaccard rule).
    contained = [
        m
        for m in sorted(adj[o])
        if len(units[m].shingles) < len(units[o].shingles)
        and pairs[(min(o, m), max(o, m))].containment >= containment_threshold
    ]
    return any(m2 not in adj[m1] for i, m1 in enumerate(contained) for m2 in contained[i + 1 :])


# --------------------------------------------------------------------------- public API


def find_stories(
    articles: Sequence[DedupArticle],
    *,
    shingle_size: int = 5,
    num_perm: int = 128,
    lsh_threshold: float = 0.3,
    jaccard_threshold: float = 0.5,
    containment_threshold: float = 0.8,
    seed: int = 1,
    min_containment_shingles: int = 10,
) -> DedupResult:
    """Group articles into stories of copies of one text and pick each story's original.

    Returns frames without ``crawl_date`` (the caller adds it and conforms them). Deterministic:
    the same articles in any order give the same ids and decisions.
    """
    ordered = sorted(articles, key=lambda a: a.article_id)
    ids = [a.article_id for a in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("find_stories: duplicate article_id in input")

    # 1. Tokens, exact-copy units. Empty texts never match anything (each is its own unit).
    groups: dict[str, list[DedupArticle]] = {}
    group_tokens: dict[str, list[str]] = {}
    for a in ordered:
        toks = dedup_tokens(a.text)
        key = content_hash(toks) if toks else f"empty:{a.article_id}"
        groups.setdefault(key, []).append(a)
        group_tokens.setdefault(key, toks)
    units = [
        _Unit(index=i, members=members, shingles=shingle_set(group_tokens[key], shingle_size))
        for i, (key, members) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].article_id))
    ]

    # 2. Candidates, verified exactly.
    candidates = _candidates(
        units, num_perm, seed, lsh_threshold, 0.75 * containment_threshold, min_containment_shingles
    )
    pairs: dict[tuple[int, int], _Pair] = {}
    adj: dict[int, set[int]] = {u.index: set() for u in units}
    for i, j in sorted(candidates):
        a, b = units[i].shingles, units[j].shingles
        jac, cont = overlap(a, b)
        decision, rule = _decide(
            jac,
            cont,
            min(len(a), len(b)),
            jaccard_threshold,
            containment_threshold,
            min_containment_shingles,
        )
        pairs[(i, j)] = _Pair(jac, cont, decision, rule)
        if decision:
            adj[i].add(j)
            adj[j].add(i)

    # 3. Stories: per connected component, repeatedly take the best original among the remaining
    # units and attach only the units that match it directly.
    bundle = {u.index: _is_bundle(u.index, adj, pairs, units, containment_threshold) for u in units}
    copy_rows: list[dict[str, object]] = []
    story_rows: list[dict[str, object]] = []
    seen: set[int] = set()
    for start in range(len(units)):
        if start in seen:
            continue
        component: set[int] = set()
        stack = [start]
        while stack:
            u = stack.pop()
            if u in component:
                continue
            component.add(u)
            stack.extend(adj[u] - component)
        seen |= component
        remaining = set(component)
        while remaining:
            original, orig_unit = _pick_original(remaining, adj, units, bundle)
            story_units = sorted({orig_unit} | (adj[orig_unit] & remaining))
            remaining -= set(story_units)
            _emit_story(original, orig_unit, story_units, units, pairs, copy_rows, story_rows)

    pair_rows = []
    for (i, j), p in pairs.items():
        a_id, b_id = sorted((units[i].rep.article_id, units[j].rep.article_id))
        pair_rows.append(
            {
                "article_a": a_id,
                "article_b": b_id,
                "jaccard": p.jaccard,
                "containment": p.containment,
                "decision": p.decision,
                "rule": p.rule,
            }
        )
    for unit in units:
        for member in unit.members[1:]:
            pair_rows.append(
                {
                    "article_a": unit.rep.article_id,
                    "article_b": member.article_id,
                    "jaccard": 1.0,
                    "containment": 1.0,
                    "decision": True,
                    "rule": RULE_EXACT,
                }
            )

    return DedupResult(
        copies=_frame(copy_rows, COPIES_SCHEMA, ["article_id"]),
        stories=_frame(story_rows, STORIES_SCHEMA, ["story_id"]),
        pairs=_frame(pair_rows, PAIRS_SCHEMA, ["article_a", "article_b"]),
    )


def _pick_original(
    remaining: set[int], adj: dict[int, set[int]], units: list[_Unit], bundle: dict[int, bool]
) -> tuple[DedupArticle, int]:
    """Best original among the remaining units: not a bundle page, the credited outlet's own page,
    then earliest published, then earliest fetched, then smallest article_id."""
    best: tuple[tuple[object, ...], DedupArticle, int] | None = None
    for u in remaining:
        # Outlets credited by the story this unit would lead (itself plus its direct matches).
        neighbourhood = {u} | (adj[u] & remaining)
        credited = {
            _norm_outlet(m.credited_outlet)
            for n in neighbourhood
            for m in units[n].members
            if m.credited_outlet
        }
        for a in units[u].members:
            key = (bundle[u], _norm_outlet(a.outlet_id) not in credited, *_time_key(a))
            if best is None or key < best[0]:
                best = (key, a, u)
    assert best is not None
    return best[1], best[2]


def _emit_story(
    original: DedupArticle,
    orig_unit: int,
    story_units: list[int],
    units: list[_Unit],
    pairs: dict[tuple[int, int], _Pair],
    copy_rows: list[dict[str, object]],
    story_rows: list[dict[str, object]],
) -> None:
    story_id = stable_id("s_", original.article_id)
    members = [m for u in story_units for m in units[u].members]
    single = len(members) == 1
    for u in story_units:
        if u == orig_unit:
            jac, cont, method = 1.0, 1.0, METHOD_EXACT
        else:
            p = pairs[(min(u, orig_unit), max(u, orig_unit))]
            jac, cont = p.jaccard, p.containment
            method = METHOD_MINHASH if p.rule == RULE_JACCARD else METHOD_CONTAINMENT
        for m in units[u].members:
            is_orig = m.article_id == original.article_id
            copy_rows.append(
                {
                    "article_id": m.article_id,
                    "story_id": story_id,
                    "is_original": is_orig,
                    "copy_of": None if is_orig else original.article_id,
                    "similarity": 1.0 if is_orig else jac,
                    "containment": 1.0 if is_orig else cont,
                    "method": (METHOD_SINGLE if single else METHOD_ORIGINAL) if is_orig else method,
                }
            )
    dates = [d for d in (_pub_date(m) for m in members) if d is not None]
    story_rows.append(
        {
            "story_id": story_id,
            "original_article_id": original.article_id,
            "title": original.title,
            "first_published_date": min(dates) if dates else None,
            "n_articles": len(members),
            "n_outlets": len({m.outlet_id for m in members}),
        }
    )


def _frame(rows: list[dict[str, object]], schema: Mapping[str, Any], sort: list[str]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame({c: [r.get(c) for r in rows] for c in schema}, schema=schema).sort(sort)
