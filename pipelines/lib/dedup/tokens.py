"""Text -> normalised word tokens -> 64-bit shingle hashes, and exact overlap of shingle sets."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.lib.alignment import fmix64, split_sentences
from pipelines.lib.arabic import normalize_char
from pipelines.lib.dedup import settings

_TAG_RE = re.compile(r"<[^<>]{0,300}>")


def _normalisation_table() -> dict[str, str]:
    """``arabic.normalize_char`` as a replacement table: every character it changes in Latin,
    Greek, Cyrillic, Arabic (+ presentation forms) and the zero-width / format characters.

    Polars applies it to all texts at once in Rust (``replace_many``); ``normalize_text`` maps
    characters one by one in Python, which was most of the time of a run.
    """
    ranges = [range(0x0000, 0x0530), range(0x0600, 0x0800), range(0x08A0, 0x0900), range(0x2000, 0x2070)]
    ranges += [range(0xFB50, 0xFE00), range(0xFE70, 0xFF00)]
    table = {}
    for r in ranges:
        for code in r:
            ch = chr(code)
            mapped = normalize_char(ch)
            if mapped != ch:
                table[ch] = mapped
    return table


_NORM_TABLE = _normalisation_table()
_NORM_FROM, _NORM_TO = list(_NORM_TABLE), list(_NORM_TABLE.values())
_WORD_PATTERN = r"\w+"
_MUL = np.uint64(0x9E3779B97F4A7C15)


_TOKEN_SEEDS = (11, 23, 37, 53)


def _pre_clean(text: str | None) -> str:
    if not text:
        return ""
    # Entities may be escaped twice on real pages (&amp;quot;); unescape until stable.
    for _ in range(3):
        if "&" not in text:
            break
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return _TAG_RE.sub(" ", text) if "<" in text else text


@functools.cache
def _python_word_re() -> tuple[dict[int, str], re.Pattern[str]]:
    """``str.translate`` table and a Python regex equal to Polars' (Rust) ``\\w+`` on the BMP.

    Rust's ``\\w`` includes combining marks and excludes other numbers (①) unlike Python's, so the
    class is read off Polars itself once (0.6 s), which keeps both paths token for token equal.
    """
    codes = [c for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    is_word = pl.Series([chr(c) for c in codes]).str.contains(r"^\w$").to_numpy()
    words = [c for c, w in zip(codes, is_word, strict=True) if w]
    ranges: list[tuple[int, int]] = []
    for c in words:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    cls = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return str.maketrans(_NORM_TABLE), re.compile(f"[{cls}]+")


def _token_lists(texts: Sequence[str | None]) -> pl.Series:
    """Normalised word tokens of every text (a List[String] series), computed in Polars.

    Polars builds its ``replace_many`` automaton on every call (1.7 ms), which made one call per
    title cost minutes at 200k articles; a few texts go through ``str.translate`` and an equal
    Python regex instead (texts outside the BMP, rare, stay on the Polars path).
    """
    return _tokens_of_cleaned([_pre_clean(t) for t in texts])


def _tokens_of_cleaned(cleaned: Sequence[str | None]) -> pl.Series:
    """:func:`_token_lists` for texts already through ``_pre_clean``."""
    if len(cleaned) <= settings._SMALL_BATCH and all(not t or max(t) <= "\uffff" for t in cleaned):
        table, word_re = _python_word_re()
        tokens = [word_re.findall(t.translate(table)) for t in cleaned]
        return pl.Series("text", tokens, dtype=pl.List(pl.String))
    series = pl.Series("text", cleaned, dtype=pl.String)
    return series.str.replace_many(_NORM_FROM, _NORM_TO).str.extract_all(_WORD_PATTERN)


def dedup_tokens(text: str | None) -> list[str]:
    """Normalised word tokens of ``text`` (HTML entities and stray tags removed, punctuation dropped)."""
    tokens = _token_lists([text])[0]
    return [] if tokens is None else tokens.to_list()


@dataclass(frozen=True)
class _Tokenised:
    token_hashes: np.ndarray  # uint64, all texts concatenated
    offsets: np.ndarray  # int64, len(texts) + 1

    def of(self, i: int) -> np.ndarray:
        return self.token_hashes[self.offsets[i] : self.offsets[i + 1]]


def _tokenise(texts: Sequence[str | None], chunk: int = 20_000) -> _Tokenised:
    # In chunks: the token lists of all texts at once would hold every token string in memory.
    parts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for start in range(0, len(texts), chunk):
        lists = _token_lists(texts[start : start + chunk])
        lengths.append(lists.list.len().fill_null(0).to_numpy().astype(np.int64))
        # Polars' seeded hash (deterministic for the pinned Polars version; it may change with an
        # upgrade, which only moves LSH candidates: every decision is verified exactly).
        parts.append(lists.explode(empty_as_null=True).drop_nulls().hash(*_TOKEN_SEEDS).to_numpy())
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    if lengths:
        np.cumsum(np.concatenate(lengths), out=offsets[1:])
    hashes = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
    return _Tokenised(hashes, offsets)


def _shingles_of(tok: _Tokenised, docs: Sequence[int], size: int) -> list[np.ndarray]:
    """Sorted unique 64-bit shingle hashes of each text in ``docs`` (all texts at once in numpy).

    A shingle's hash is a polynomial over its tokens' hashes, mixed by the MurmurHash3
    finalizer. A text of ``size`` words or fewer is one shingle.
    """
    docs = list(docs)
    lengths = np.array([tok.offsets[d + 1] - tok.offsets[d] for d in docs], dtype=np.int64)
    out: list[np.ndarray] = [np.empty(0, dtype=np.uint64)] * len(docs)
    long_docs = [i for i, n in enumerate(lengths) if n > size]
    with np.errstate(over="ignore"):
        for i, n in enumerate(lengths):
            if 0 < n <= size:  # rare: one shingle of the whole text
                t = tok.of(docs[i])
                h = t[0]
                for x in t[1:]:
                    h = h * _MUL + x
                out[i] = fmix64(np.array([h], dtype=np.uint64))
        if not long_docs:
            return out
        parts = [tok.of(docs[i]) for i in long_docs]
        t = np.concatenate(parts)
        n_sh = np.array([len(p) - size + 1 for p in parts], dtype=np.int64)
        starts = np.zeros(len(parts), dtype=np.int64)
        np.cumsum([len(p) for p in parts[:-1]], out=starts[1:])
        # Positions where a full shingle starts inside its own text.
        pos = np.repeat(starts, n_sh) + (np.arange(n_sh.sum()) - np.repeat(np.cumsum(n_sh) - n_sh, n_sh))
        h = t[pos].copy()
        for j in range(1, size):
            h = h * _MUL + t[pos + j]
        h = fmix64(h)
    # Sorting each text's hashes separately is ~20x faster than one lexsort over (text, hash).
    for i, arr in zip(long_docs, np.split(h, np.cumsum(n_sh)[:-1]), strict=True):
        arr = np.sort(arr)
        out[i] = arr[np.concatenate(([True], arr[1:] != arr[:-1]))]
    return out


def shingle_array(tokens: Sequence[str], size: int = 5) -> np.ndarray:
    """Sorted unique 64-bit hashes of the word ``size``-grams of a token list (uint64)."""
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    hashes = pl.Series(list(tokens), dtype=pl.String).hash(*_TOKEN_SEEDS).to_numpy()
    tok = _Tokenised(hashes, np.array([0, len(hashes)], dtype=np.int64))
    return _shingles_of(tok, [0], size)[0]


def overlap(a: set[int] | np.ndarray, b: set[int] | np.ndarray) -> tuple[float, float]:
    """Exact (Jaccard, containment) of two shingle sets; containment = |A∩B| / min(|A|, |B|)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        inter = len(np.intersect1d(a, b, assume_unique=True))
    else:
        inter = len(set(a) & set(b))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def sentence_tokens(texts: Sequence[str | None]) -> list[list[list[str]]]:
    """Normalised word tokens of each sentence (``alignment.split_sentences``) of each text, in one
    tokeniser call for all texts (one call per text cost 1.4 ms each)."""
    split = [split_sentences(_pre_clean(t)) for t in texts]
    flat = [s for sentences in split for s in sentences]
    tokens = [t if t is not None else [] for t in _tokens_of_cleaned(flat).to_list()] if flat else []
    out, at = [], 0
    for sentences in split:
        out.append(tokens[at : at + len(sentences)])
        at += len(sentences)
    return out


def _ordered_shingles(texts: Sequence[str | None], size: int) -> list[np.ndarray]:
    """Each text's ``size``-word shingle hashes in text order (hashed as ``_shingles_of``; a text of
    ``size`` words or fewer: none)."""
    tok = _tokenise(list(texts))
    out = []
    with np.errstate(over="ignore"):
        for i in range(len(texts)):
            t = tok.of(i)
            n = len(t) - size + 1
            if n <= 0:
                out.append(np.empty(0, dtype=np.uint64))
                continue
            h = t[:n].copy()
            for j in range(1, size):
                h = h * _MUL + t[j : j + n]
            out.append(fmix64(h))
    return out


def _in_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Membership of ``values`` in a sorted unique array (``np.isin`` re-sorts the set on every call,
    which cost minutes with a large formula set)."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values
