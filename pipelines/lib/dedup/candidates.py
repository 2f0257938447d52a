"""Candidate pairs: MinHash LSH (Jaccard) and bottom-k sketches joined against every shingle
(containment)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from pipelines.lib.alignment import fmix64
from pipelines.lib.dedup import settings
from pipelines.lib.dedup.model import _Unit
from pipelines.lib.dedup.tokens import _MUL


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_signatures(shingles: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash signatures (n x num_perm, uint32), equal to datasketch ``MinHash`` (scheme affine32).

    Inputs are the low 32 bits of each shingle hash, as datasketch would get from an identity
    ``hashfunc``. Computed for many texts at once (one ``minimum.reduceat`` per permutation);
    datasketch's per-text ``update_batch`` costs a Python call and a (n, num_perm) array per text.
    Every array must be non-empty.
    """
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    a, b = a.astype(np.uint32), b.astype(np.uint32)
    out = np.empty((len(shingles), num_perm), dtype=np.uint32)
    chunk_rows = 2_000_000  # shingles per chunk: bounds the temporaries to ~8 MB per array
    start = 0
    with np.errstate(over="ignore"):
        while start < len(shingles):
            stop, total = start, 0
            while stop < len(shingles) and (total == 0 or total + len(shingles[stop]) <= chunk_rows):
                total += len(shingles[stop])
                stop += 1
            parts = shingles[start:stop]
            hv = _fmix32(np.concatenate(parts).astype(np.uint32))  # astype keeps the low 32 bits
            offsets = np.zeros(len(parts), dtype=np.int64)
            np.cumsum([len(p) for p in parts[:-1]], out=offsets[1:])
            for k in range(num_perm):
                out[start:stop, k] = np.minimum.reduceat(hv * a[k] + b[k], offsets)
            start = stop
    return out


def _group_pairs(keys: np.ndarray, units: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of units sharing a key (units sorted within each key group)."""
    order = np.lexsort((units, keys))
    keys, units = keys[order], units[order]
    same = keys[1:] == keys[:-1]
    if not same.any():
        return set()
    # Boundaries of runs of equal keys with at least two members.
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    ends = np.concatenate((starts[1:], [len(keys)]))
    pairs: set[tuple[int, int]] = set()
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        if e - s < 2:
            continue
        members = units[s:e].tolist()
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if x != y:
                    pairs.add((x, y) if x < y else (y, x))
    return pairs


def _lsh_pairs(signatures: np.ndarray, unit_ids: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """MinHash LSH banding: units whose signatures agree on one band are candidates.

    Bands and rows come from datasketch's own optimiser (``_optimal_param``, equal weights of
    false positives and negatives), as ``MinHashLSH(threshold)`` would choose them; the buckets are
    a sort over all band keys at once instead of datasketch's per-key Python dict (16 s for 100k
    texts measured, against well under a second here).
    """
    num_perm = signatures.shape[1]
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    pairs: set[tuple[int, int]] = set()
    with np.errstate(over="ignore"):
        for band in range(bands):
            block = signatures[:, band * rows : (band + 1) * rows].astype(np.uint64)
            key = np.full(len(block), band, dtype=np.uint64)
            for col in range(rows):
                key = fmix64(key * _MUL + block[:, col])
            pairs |= _group_pairs(key, unit_ids)
    return pairs


def _containment_pairs(
    units: list[_Unit], min_shingles: int, sketch_size: int, min_share: float
) -> set[tuple[int, int]]:
    """Candidates for containment: a text whose bottom-k shingles mostly occur in another text.

    The ``sketch_size`` smallest shingle hashes of a text are a uniform sample of its shingles, so
    the share of them found in a longer text estimates how much of the text it contains (a
    bottom-k MinHash sketch). Each sketch is joined against every shingle of every text; pairs
    sharing at least ``min_share`` of the sketch are candidates. This replaces datasketch's
    ``MinHashLSHEnsemble``, whose queries cost 1.2 ms each (two minutes for 100k texts).

    The join has one row per (sketch hash, text holding it): sum over sketch hashes of their
    document frequency, which grows faster than the number of texts when phrases recur. It runs
    in blocks of query texts holding at most ``_JOIN_BLOCK_ROWS`` rows, so memory stays bounded
    whatever the size, and pairs whose query is not the smaller text are dropped before counting.
    """
    live = [u for u in units if len(u.shingles)]
    queries = [u for u in live if len(u.shingles) >= min_shingles]
    if len(live) < 2 or not queries:
        return set()
    n_units = max(u.index for u in live) + 1
    size = np.zeros(n_units, dtype=np.int64)
    size[[u.index for u in live]] = [len(u.shingles) for u in live]
    index = pl.DataFrame(
        {
            "h": np.concatenate([u.shingles for u in live]),
            "u": np.repeat(np.array([u.index for u in live], np.int64), [len(u.shingles) for u in live]),
        }
    )
    doc_freq = index.group_by("h").len().rename({"len": "df"})
    # Shingles found in more than _MAX_DF texts (datelines, honorifics, set phrases) would make the
    # join quadratic; sketches skip them and take the next smallest hashes (the exact verification
    # still counts them).
    wide = 4 * sketch_size
    q_frame = (
        pl.DataFrame(
            {
                "h": np.concatenate([u.shingles[:wide] for u in queries]),
                "q": np.concatenate(
                    [np.full(min(wide, len(u.shingles)), u.index, np.int64) for u in queries]
                ),
            }
        )
        .join(doc_freq, on="h", how="left", maintain_order="left")
        .filter(pl.col("df") <= settings._MAX_DF)
        .filter(pl.int_range(pl.len()).over("q") < sketch_size)  # the smallest remaining hashes
    )
    del doc_freq
    per_q = q_frame.group_by("q").agg(k=pl.len(), rows=pl.col("df").sum()).sort("q")
    q_ids = per_q["q"].to_numpy()
    need = np.zeros(n_units, dtype=np.int64)
    need[q_ids] = np.ceil(per_q["k"].to_numpy() * min_share).astype(np.int64)
    # Near misses (``SKETCH_NEAR_SHARE``): fewer sketch hits than ``need`` but enough that the pair may
    # still reach ``min_share``; verified exactly below, so they add no candidate under it.
    # Off (the default): nothing of it runs in the blocks below.
    near_share = settings.SKETCH_NEAR_SHARE
    look_near = near_share is not None and near_share < min_share
    if look_near:
        near_need = need.copy()
        near_need[q_ids] = np.maximum(1, np.ceil(per_q["k"].to_numpy() * near_share)).astype(np.int64)
    near: list[np.ndarray] = []
    # Only shingles that are in some sketch matter.
    index = index.join(q_frame.select("h").unique(), on="h", how="semi")
    index = index.with_columns(n=size[index["u"].to_numpy()])
    q_frame = q_frame.select("h", "q").with_columns(n_q=size[q_frame["q"].to_numpy()])
    cum_rows = np.cumsum(per_q["rows"].to_numpy())
    pairs: set[tuple[int, int]] = set()
    start = 0
    while start < len(q_ids):
        done = cum_rows[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(cum_rows, done + settings._JOIN_BLOCK_ROWS, side="right")))
        hits = (
            index.join(q_frame.filter(pl.col("q").is_between(q_ids[start], q_ids[stop - 1])), on="h")
            # The query must be the smaller text (containment is measured on the smaller one).
            .filter(
                (pl.col("n_q") < pl.col("n")) | ((pl.col("n_q") == pl.col("n")) & (pl.col("q") < pl.col("u")))
            )
            .select(key=pl.col("q") * n_units + pl.col("u"))
        )
        # Counting by sorting the pair keys: Polars' sort is ~3x faster than its group_by here
        # (mostly pairs sharing one hash: tens of millions of distinct keys).
        keys = hits["key"].sort().to_numpy()
        del hits
        if not len(keys):
            start = stop
            continue
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        count = np.diff(np.append(first, len(keys)))
        key = keys[first]
        q, u = key // n_units, key % n_units
        ok = count >= need[q]
        pairs.update(zip(np.minimum(q[ok], u[ok]).tolist(), np.maximum(q[ok], u[ok]).tolist(), strict=True))
        if look_near:
            maybe = ~ok & (count >= near_need[q])
            if maybe.any():
                near.append(np.stack((q[maybe], u[maybe]), axis=1))
        start = stop
    shingles = {u.index: u.shingles for u in live} if near else {}
    for q, u in np.concatenate(near).tolist() if near else []:
        a = shingles[q]  # the query: the smaller text
        if len(np.intersect1d(a, shingles[u], assume_unique=True)) >= min_share * len(a):
            pairs.add((min(q, u), max(q, u)))
    return pairs


def _candidates(
    units: list[_Unit],
    num_perm: int,
    seed: int,
    lsh_threshold: float,
    min_shingles: int,
    sketch_size: int,
    min_share: float,
) -> set[tuple[int, int]]:
    """Candidate unit pairs (i < j): MinHash LSH (Jaccard) plus bottom-k sketches (containment)."""
    live = [u for u in units if len(u.shingles)]
    if len(live) < 2:
        return set()
    signatures = minhash_signatures([u.shingles for u in live], num_perm, seed)
    pairs = _lsh_pairs(signatures, np.array([u.index for u in live], dtype=np.int64), lsh_threshold)
    pairs |= _containment_pairs(units, min_shingles, sketch_size, min_share)
    return pairs
