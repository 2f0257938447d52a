"""Formula text: shingles spread over many unrelated texts, and the sentences made of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl

from pipelines.lib.alignment import fmix64
from pipelines.lib.dedup import settings
from pipelines.lib.dedup.model import _Unit
from pipelines.lib.dedup.tokens import _MUL, _TOKEN_SEEDS, _in_sorted


def _formula_shingles(units: list[_Unit], adj: Mapping[int, set[int]], min_spread: int) -> np.ndarray:
    """Sorted shingle hashes found in texts of at least ``min_spread`` groups of whole-text matches.

    Groups are the connected components of ``adj`` (exact copies are one unit already), joined by
    earlier nights' stories: ``adj`` has no pair of two earlier articles (decided on their night), so
    the copies of one look-back story are one group through their ``story_id``, as they would be in
    one night. A formula (dateline, stock sentence) or a background paragraph recurs in texts that do
    not otherwise match; a wire item's copies match each other and count once, however many outlets
    carry it.
    """
    live = [u for u in units if len(u.shingles)]
    if len(live) < min_spread:
        return np.empty(0, dtype=np.uint64)
    parent = list(range(len(units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(u: int, v: int) -> None:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)

    for u in sorted(adj):
        for v in adj[u]:
            union(u, v)
    story_unit: dict[str, int] = {}
    for unit in units:
        for m in unit.members:
            if m.story_id is not None:
                union(unit.index, story_unit.setdefault(m.story_id, unit.index))
    index = pl.DataFrame(
        {
            "h": np.concatenate([u.shingles for u in live]),
            "c": np.repeat(
                np.array([find(u.index) for u in live], np.int64), [len(u.shingles) for u in live]
            ),
        }
    )
    # Shingles in fewer texts than min_spread cannot qualify: filter on the plain count first (cheap).
    wide = index.group_by("h").len().filter(pl.col("len") >= min_spread).select("h")
    index = index.join(wide, on="h", how="semi")
    spread = index.unique().group_by("h").len().filter(pl.col("len") >= min_spread)
    return np.sort(spread["h"].to_numpy().astype(np.uint64))


def _formula_flags(
    texts: Sequence[Sequence[Sequence[str]]], formula: np.ndarray, size: int
) -> list[list[bool]]:
    """Per text, per sentence: at least ``FORMULA_SENTENCE_SHARE`` of its ``size``-word shingles
    (hashed as the whole-text shingles, see ``_shingles_of``) are formula shingles. One tokeniser
    hash call for all texts."""
    counts = [len(sentences) for sentences in texts]
    flat_sentences = [s for sentences in texts for s in sentences]
    flat = [t for s in flat_sentences for t in s]
    flags = np.zeros(len(flat_sentences), dtype=bool)
    if flat and len(formula) and len(flat) >= size:
        lengths = np.array([len(s) for s in flat_sentences], dtype=np.int64)
        t = pl.Series(flat, dtype=pl.String).hash(*_TOKEN_SEEDS).to_numpy()
        sid = np.repeat(np.arange(len(flat_sentences)), lengths)
        first = np.arange(len(t) - size + 1)
        inside = sid[first] == sid[first + size - 1]  # shingles inside one sentence
        first = first[inside]
        with np.errstate(over="ignore"):
            h = t[first].copy()
            for k in range(1, size):
                h = h * _MUL + t[first + k]
            h = fmix64(h)
        hit = _in_sorted(h, formula)
        own = np.bincount(sid[first], minlength=len(flat_sentences))
        found = np.bincount(sid[first], weights=hit, minlength=len(flat_sentences))
        flags = (own > 0) & (found >= settings.FORMULA_SENTENCE_SHARE * own)
    out, at = [], 0
    for n in counts:
        out.append(flags[at : at + n].tolist())
        at += n
    return out
