"""Tests for the candidate generation of ``dedup`` (tokens, containment sketches, LSH): the fast paths
must give exactly what the reference computation gives, and candidates must cover every pair the
exact rules accept."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from pipelines.lib import dedup
from pipelines.lib.dedup import overlap
from pipelines.lib.dedup.candidates import _candidates, _containment_pairs
from pipelines.lib.dedup.model import _Unit
from pipelines.lib.dedup.tokens import _token_lists

# Texts that tell Python's ``\w`` from Rust's: combining marks, circled numbers, presentation forms,
# HTML entities, tatweel, Arabic-Indic digits, a non-BMP character, empty and missing texts.
TRICKY = [
    "قالَ الوزيرُ إنّ المشروعَ سيكتمل",
    "النتيجة ① و ⑪ ثم ٣٤٥ هدفا",
    "ﻻ ﺍﻟﻠﻪ ﷲ presentation ﺑﺴﻢ",
    "&amp;quot;عاجل&amp;quot; <b>الرياض</b> &nbsp;- واس",
    "كتــــاب e\u0301 a\u0308 x\u200dy",
    "مرحبا 𝐀𝐁 😀 نص",
    "",
    None,
    "Ünïcödé ÇA va — «اقتباس» (قوس) [1]",
]


def test_small_batches_tokenise_like_polars() -> None:
    # One text per call takes the Python path; a batch above _SMALL_BATCH takes the Polars path.
    batch = TRICKY * 3
    assert len(batch) > dedup.settings._SMALL_BATCH
    big = _token_lists(batch).to_list()
    small = [_token_lists([t]).to_list()[0] for t in batch]
    assert small == big
    assert big[0] == ["قال", "الوزير", "ان", "المشروع", "سيكتمل"]


def _units(arrays: list[np.ndarray]) -> list[_Unit]:
    return [_Unit(index=i, members=[], shingles=a) for i, a in enumerate(arrays)]


def _reference_containment(
    arrays: list[np.ndarray],
    min_shingles: int,
    k: int,
    share: float,
    max_df: int,
    near_share: float | None = None,
) -> set[tuple[int, int]]:
    """Pairs from the definition: the smaller text's bottom-k sketch (frequent shingles skipped,
    taken from its 4k smallest hashes) has at least ceil(k' * share) hashes in the other text; or
    (``near_share``) at least ceil(k' * near_share) of them and an exact containment >= ``share``."""
    df: dict[int, int] = {}
    for a in arrays:
        for h in a.tolist():
            df[h] = df.get(h, 0) + 1
    out = set()
    for q, a in enumerate(arrays):
        if len(a) < min_shingles:
            continue
        sketch = [h for h in a[: 4 * k].tolist() if df[h] <= max_df][:k]
        if not sketch:
            continue
        need = math.ceil(len(sketch) * share)
        near = max(1, math.ceil(len(sketch) * near_share)) if near_share is not None else need
        for u, b in enumerate(arrays):
            if u == q or not len(b) or (len(b), u) <= (len(a), q):
                continue
            hits = len(np.intersect1d(sketch, b))
            if hits >= need or (hits >= near and overlap(a, b)[1] >= share):
                out.add((min(q, u), max(q, u)))
    return out


def _random_arrays(rng: random.Random, n: int) -> list[np.ndarray]:
    # Texts drawn from a small shingle pool plus excerpts and padded copies of earlier texts, so
    # every kind of pair (contained, overlapping, unrelated, frequent shingles) occurs.
    pool = rng.sample(range(1, 2**62), 3000)
    arrays: list[np.ndarray] = []
    for i in range(n):
        kind = rng.randrange(3) if i else 0
        if kind == 0:
            vals = rng.sample(pool, rng.randint(5, 120))
        elif kind == 1:
            src = arrays[rng.randrange(i)].tolist()
            vals = rng.sample(src, max(1, int(len(src) * rng.uniform(0.3, 1.0))))
        else:
            vals = arrays[rng.randrange(i)].tolist() + rng.sample(pool, rng.randint(1, 150))
        arrays.append(np.unique(np.array(vals, dtype=np.uint64)))
    return arrays


@pytest.mark.parametrize("block_rows", [20_000_000, 300])
def test_containment_pairs_equal_the_definition_in_any_block_size(
    monkeypatch: pytest.MonkeyPatch, block_rows: int
) -> None:
    arrays = _random_arrays(random.Random(5), 250)
    monkeypatch.setattr(dedup.settings, "_MAX_DF", 12)  # small, so that frequent shingles are skipped here
    monkeypatch.setattr(dedup.settings, "_JOIN_BLOCK_ROWS", block_rows)  # 300: many blocks
    monkeypatch.setattr(dedup.settings, "SKETCH_NEAR_SHARE", None)  # the sketch alone (the default)
    got = _containment_pairs(_units(arrays), 10, 32, 0.45)
    expected = _reference_containment(arrays, 10, 32, 0.45, 12)
    assert len(expected) > 50
    assert got == expected
    # With near misses checked exactly: the same plus the pairs the sketch missed by sampling noise.
    monkeypatch.setattr(dedup.settings, "SKETCH_NEAR_SHARE", 0.17)
    near = _containment_pairs(_units(arrays), 10, 32, 0.45)
    assert near == _reference_containment(arrays, 10, 32, 0.45, 12, 0.17)
    assert near > got


def test_near_miss_of_the_sketch_is_checked_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    # Hand-made shingle hashes: the small text's sketch is its 32 smallest hashes (1..32). "big" holds
    # 6 of them (under the 8 the share 0.25 needs) and 30 of its other hashes: containment 0.36, a band
    # pair the sketch misses by sampling. "noise" holds the same 6 sketch hashes and nothing else (0.06).
    small = np.arange(1, 101, dtype=np.uint64)
    big = np.concatenate((small[:6], small[40:70], np.arange(1000, 1100, dtype=np.uint64)))
    noise = np.concatenate((small[:6], np.arange(2000, 2200, dtype=np.uint64)))
    units = _units([small, np.sort(big), np.sort(noise)])
    assert overlap(small, units[1].shingles)[1] == pytest.approx(0.36)
    monkeypatch.setattr(dedup.settings, "SKETCH_NEAR_SHARE", None)
    assert _containment_pairs(units, 10, 32, 0.25) == set()
    monkeypatch.setattr(dedup.settings, "SKETCH_NEAR_SHARE", 0.17)  # 6 of 32 hits: checked exactly
    assert _containment_pairs(units, 10, 32, 0.25) == {(0, 1)}
    monkeypatch.setattr(dedup.settings, "SKETCH_NEAR_SHARE", 0.2)  # needs 7 hits: not even looked at
    assert _containment_pairs(units, 10, 32, 0.25) == set()


def test_candidates_cover_every_pair_the_rules_accept() -> None:
    # Edited copies, excerpts and padded pages of invented word sequences: every pair passing the
    # exact Jaccard / containment rules (checked over all pairs) must be a candidate.
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(4000)]
    texts: list[list[str]] = []
    for i in range(300):
        if i < 100:
            texts.append(rng.choices(vocab, k=rng.randint(40, 200)))
            continue
        src = list(texts[rng.randrange(i)])
        kind = rng.randrange(4)
        if kind == 0:  # excerpt
            start = rng.randrange(len(src) // 2)
            src = src[start : start + max(15, len(src) // 3)]
        elif kind == 1:  # inside a page
            src = rng.choices(vocab, k=rng.randint(50, 300)) + src + rng.choices(vocab, k=50)
        elif kind == 2:  # word edits
            for _ in range(len(src) // 12):
                src[rng.randrange(len(src))] = rng.choice(vocab)
        else:  # paragraph dropped
            cut = rng.randrange(len(src))
            src = src[:cut] + src[cut + len(src) // 4 :]
        texts.append(src)
    arrays = [dedup.shingle_array(t, 3) for t in texts]
    units = _units(arrays)
    cands = _candidates(units, 128, 1, 0.3, 10, 32, 0.45)
    accepted = set()
    for i in range(len(arrays)):
        for j in range(i + 1, len(arrays)):
            jac, cont = overlap(arrays[i], arrays[j])
            if jac >= 0.4 or (cont >= 0.6 and min(len(arrays[i]), len(arrays[j])) >= 10):
                accepted.add((i, j))
    assert len(accepted) > 200
    assert accepted <= cands


def test_a_big_wire_cluster_is_one_unit_and_linear() -> None:
    # 400 copies of one wire text (exact after normalisation) plus 100 lightly edited ones: exact
    # copies collapse to one unit, so the verified pairs grow with the edited copies, not as 500^2.
    rng = random.Random(3)
    words = [f"k{i}" for i in range(3000)]
    wire = " ".join(rng.choices(words, k=150))
    texts = [("عام / " if i % 2 else "") + wire for i in range(400)]
    for _ in range(100):
        w = wire.split()
        for _ in range(5):
            w[rng.randrange(len(w))] = rng.choice(words)
        texts.append(" ".join(w))
    from datetime import date

    arts = [
        dedup.DedupArticle(f"a{i:04d}", f"o{i % 37}", None, None, t, None, date(2025, 1, 1), None)
        for i, t in enumerate(texts)
    ]
    res = dedup.find_stories(arts)
    assert res.stories.height == 1 and res.stories["n_articles"][0] == 500
    # Two exact-copy units (with and without the prefix) + 100 edited: at most 102 * 101 / 2 pairs
    # of units, plus one exact row per duplicate member.
    assert res.pairs.height <= 102 * 101 // 2 + 400
