"""Sentence alignment of two texts: which sentences of one are (near-)copies of text in the other.

A second look for syndication pairs whose whole-text overlap is ambiguous (see ``dedup.rules._decide``):
a copy that keeps only part of a release (an excerpt inside a round-up, an update keeping the
earlier lead, a release reprinted as a second item) and two different texts sharing a background
paragraph, a quote or a statement template have the same whole-text overlap, but not the same
shape. Wire copies and excerpts keep the LEAD of the news text and run as one block; a shared
background paragraph or the closing formula of a template sits further down.

Functions take sentences already tokenised (lists of normalised word tokens, see
``dedup.sentence_tokens``), so this module does not depend on the tokeniser. Shingles are 64-bit
hashes computed in numpy: a text is indexed once (:func:`prepare_many`) and aligned with each of
its candidates in microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import polars as pl

# Sentence ends: Latin/Arabic full stop, ?, !, Arabic question mark and semicolon, line breaks.
# The Arabic comma (،) is not a sentence end: Arabic news runs long comma-joined sentences.
SENTENCE_END_RE = re.compile(r"(?<!\d)[.!?؟؛]+(?!\d)|\n+")
SHINGLE = 3  # words per shingle inside a sentence (as the whole-text rule)
MIN_SENTENCE_TOKENS = 6  # shorter pieces (a dateline, a credit, "عام /") carry no content of their own
# A sentence is aligned when this share of its shingles occurs in the other text: tolerant to a
# word or two edited, and to a sentence the other text split in two or merged with the next one.
SENTENCE_MATCH = 0.6

_SEEDS = (7, 19, 31, 43)
_MUL = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


@dataclass(frozen=True)
class Alignment:
    """How two texts align sentence by sentence (``short`` = the text with fewer content tokens).

    - ``short_cover`` / ``long_cover``: share of each text's content tokens (sentences of at least
      ``MIN_SENTENCE_TOKENS`` words) in sentences aligned to the other text;
    - ``short_lead`` / ``long_lead``: the first content sentence of each text is aligned;
    - ``block``: the longest run of consecutive aligned content sentences of the short text, as a
      share of its content tokens (a copied excerpt is one run, shared boilerplate is scattered);
    - ``aligned``: number of aligned content sentences of the short text;
    - ``start`` / ``long_start``: share of each text's content tokens before its first aligned
      sentence (0: the lead is aligned; 1: nothing is);
    - ``run`` / ``run_tokens``: the longest run of consecutive aligned content sentences of the short
      text, in sentences and in tokens (a shared passage of several sentences in the same order,
      wherever it sits).

    The syndication rule (``dedup.rules._aligned_copy``) uses ``aligned``, ``short_cover`` and ``start``;
    the others are printed by the evaluation's diagnostics. A feature for a statement template
    repeated with other figures (aligned sentences differing only in numbers) was measured too and
    dropped: on the 330 labelled pairs it was non-zero for one copy pair and for no other pair, as
    real templates differ in words as well (days, places, verbs), which already keeps their
    sentences from aligning.
    """

    short_cover: float
    long_cover: float
    short_lead: bool
    long_lead: bool
    block: float
    aligned: int
    start: float
    long_start: float
    run: int = 0
    run_tokens: int = 0


@dataclass(frozen=True)
class Prepared:
    """A text ready to align: sentence lengths and the distinct shingle hashes of each sentence."""

    lengths: np.ndarray  # tokens per sentence (int64)
    hashes: np.ndarray  # shingle hashes, distinct within each sentence (uint64)
    sentence: np.ndarray  # sentence index of each hash (int64)
    own: np.ndarray  # distinct shingles per sentence (int64)
    vocabulary: np.ndarray  # sorted distinct shingle hashes of the whole text (uint64)
    content: int  # tokens in content sentences


def split_sentences(text: str) -> list[str]:
    """Sentences of a raw text (cut at sentence punctuation and line breaks, not at decimal points)."""
    return [s for s in (p.strip() for p in SENTENCE_END_RE.split(text or "")) if s]


def fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, vectorised (dedup hashes shingles with it too)."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _prepared(token_hashes: np.ndarray, lengths: np.ndarray) -> Prepared:
    n = len(token_hashes)
    content = int(lengths[lengths >= MIN_SENTENCE_TOKENS].sum())
    if n < SHINGLE:
        none = np.empty(0, dtype=np.uint64)
        return Prepared(lengths, none, np.empty(0, np.int64), np.zeros(len(lengths), np.int64), none, content)
    sentence_of_token = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    first = np.arange(n - SHINGLE + 1)
    inside = sentence_of_token[first] == sentence_of_token[first + SHINGLE - 1]  # not across sentences
    h = token_hashes[first] * _MUL[0]
    for k in range(1, SHINGLE):
        h = h + token_hashes[first + k] * _MUL[k]
    h, sid = fmix64(h[inside]), sentence_of_token[first][inside]
    order = np.lexsort((h, sid))
    h, sid = h[order], sid[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (sid[1:] != sid[:-1])
    h, sid = h[keep], sid[keep]
    own = np.bincount(sid, minlength=len(lengths)).astype(np.int64)
    return Prepared(lengths, h, sid, own, np.unique(h), content)


def prepare_many(texts: Sequence[Sequence[Sequence[str]]]) -> list[Prepared]:
    """Index texts given as tokenised sentences, hashing all their tokens in one Polars call."""
    flat = [t for sentences in texts for s in sentences for t in s]
    hashes = pl.Series(flat, dtype=pl.String).hash(*_SEEDS).to_numpy() if flat else np.empty(0, np.uint64)
    out, at = [], 0
    for sentences in texts:
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        total = int(lengths.sum())
        out.append(_prepared(hashes[at : at + total], lengths))
        at += total
    return out


def prepare(sentences: Sequence[Sequence[str]]) -> Prepared:
    """Index one text (see :func:`prepare_many`)."""
    return prepare_many([sentences])[0]


def _aligned(text: Prepared, other: Prepared) -> np.ndarray:
    """Per sentence of ``text``: a content sentence with ``SENTENCE_MATCH`` of its shingles in ``other``."""
    found = np.zeros(len(text.hashes), dtype=bool)
    if len(other.vocabulary) and len(text.hashes):
        pos = np.minimum(np.searchsorted(other.vocabulary, text.hashes), len(other.vocabulary) - 1)
        found = other.vocabulary[pos] == text.hashes
    shared = np.bincount(text.sentence, weights=found, minlength=len(text.lengths))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(text.own > 0, shared / np.maximum(text.own, 1), 0.0)
    return (text.lengths >= MIN_SENTENCE_TOKENS) & (share >= SENTENCE_MATCH)


def _start(text: Prepared, aligned: np.ndarray) -> float:
    """Share of a text's content tokens before its first aligned sentence (1.0: none aligned)."""
    if not aligned.any() or not text.content:
        return 1.0
    first = int(np.argmax(aligned))
    before = text.lengths[:first]
    return float(before[before >= MIN_SENTENCE_TOKENS].sum()) / text.content


def align(first: Prepared | Sequence[Sequence[str]], second: Prepared | Sequence[Sequence[str]]) -> Alignment:
    """Align two texts given as tokenised sentences or :func:`prepare` d (see the class for the
    features). Symmetric: the short text is the one with fewer content tokens (ties: by content)."""
    pa = first if isinstance(first, Prepared) else prepare(first)
    pb = second if isinstance(second, Prepared) else prepare(second)
    if pa.content > pb.content or (
        pa.content == pb.content
        and (pa.lengths.tolist(), pa.hashes.tolist()) > (pb.lengths.tolist(), pb.hashes.tolist())
    ):
        pa, pb = pb, pa
    ma, mb = _aligned(pa, pb), _aligned(pb, pa)
    content_a = pa.lengths >= MIN_SENTENCE_TOKENS

    def cover(p: Prepared, m: np.ndarray) -> float:
        return float(p.lengths[m].sum()) / p.content if p.content else 0.0

    def lead(p: Prepared, m: np.ndarray) -> bool:
        content = np.flatnonzero(p.lengths >= MIN_SENTENCE_TOKENS)
        return bool(len(content)) and bool(m[content[0]])

    best = run = count = best_count = best_count_tokens = 0
    for length, is_content, hit in zip(pa.lengths.tolist(), content_a.tolist(), ma.tolist(), strict=True):
        if not is_content:
            continue  # short pieces neither extend nor break a run
        run, count = (run + length, count + 1) if hit else (0, 0)
        best = max(best, run)
        if (count, run) > (best_count, best_count_tokens):
            best_count, best_count_tokens = count, run
    return Alignment(
        short_cover=cover(pa, ma),
        long_cover=cover(pb, mb),
        short_lead=lead(pa, ma),
        long_lead=lead(pb, mb),
        block=best / pa.content if pa.content else 0.0,
        aligned=int(ma.sum()),
        start=_start(pa, ma),
        long_start=_start(pb, mb),
        run=best_count,
        run_tokens=best_count_tokens,
    )


# --------------------------------------------------------------------------- paraphrase
# A sentence reworded by an editor (words reordered, synonyms, a clause dropped) keeps most of its
# content words but few of its 3-word shingles. The paraphrase look compares word sets instead.
PARAPHRASE_MATCH = 0.5  # share of a sentence's content words found in one sentence of the other text
# Article and clitics before a word of 3+ letters ("بالطائف" ~ "الطائف" ~ "طائف"), else the conjunction
# و before a word of 4+ letters (وزير stays). One regex over a sentence: a Python call per token cost
# seconds at 100k articles.
CLITIC_PREFIX_RE = re.compile(r"\b(?:(?:وال|بال|كال|فال|لل|ال)(?=\w{3})|و(?=\w{4}))")


@dataclass(frozen=True)
class Words:
    """A text ready for :func:`paraphrase`: per sentence, its token count and content-word set."""

    sentences: tuple[tuple[int, frozenset[str]], ...]
    content: int  # tokens in content sentences
    numbers: tuple[frozenset[str], ...] = ()  # per sentence, its figures (see :func:`figures`)


_DIGITS_RE = re.compile(r"\d+")


def figures(tokens: Sequence[str]) -> list[str]:
    """The figures of a tokenised sentence, written one way: the digit runs of its tokens (a clitic
    glued to a figure, و25 / ب30, hides nothing), thousands groups joined again. The tokeniser cuts
    1,500 / 1٬500 / 1 500 into 1 + 500 (Arabic-Indic digits are already ASCII after normalisation):
    a group of exactly 3 digits after a figure ending in 1-3 digits continues it. A decimal (2.5 ->
    2 + 5) stays two tokens in every writing; 2020 + 500 (4 digits first) stays two figures."""
    out: list[str] = []
    joinable = False
    for t in tokens:
        runs = _DIGITS_RE.findall(t)
        if not runs:
            joinable = False
            continue
        if joinable and len(t) == 3 and len(runs) == 1 and runs[0] == t:
            out[-1] += t  # one more thousands group: stays joinable (1,500,000)
            continue
        out.extend(runs)
        joinable = t[-1].isdigit() and len(runs[-1]) <= 3
    return out


# Cardinal number words (normalised tokens: ة -> ه, ئ -> ي, أ -> ا) and the figure each stands for: an
# outlet rewording a release writes "أربعين" / "مائة" where the agency wrote 40 / 100.
_NUMBER_WORDS = {
    w: str(n)
    for n, forms in (
        (1, "واحد"), (2, "اثنين اثنان"), (3, "ثلاث ثلاثه"), (4, "اربع اربعه"), (5, "خمس خمسه"),
        (6, "ست سته"), (7, "سبع سبعه"), (8, "ثمان ثماني ثمانيه"), (9, "تسع تسعه"), (10, "عشر عشره"),
        (20, "عشرين عشرون"), (30, "ثلاثين ثلاثون"), (40, "اربعين اربعون"), (50, "خمسين خمسون"),
        (60, "ستين ستون"), (70, "سبعين سبعون"), (80, "ثمانين ثمانون"), (90, "تسعين تسعون"),
        (100, "مايه ميه"), (200, "مايتين مايتان ميتين ميتان"), (1000, "الف"), (2000, "الفين الفان"),
    )
    for w in forms.split()
}  # fmt: skip
# ... with their clitics (و / ف, ب / ل / ك, the article), as one lookup table: a word of 3+ letters only.
_NUMBER_FORMS = {
    **{
        p + w: v
        for w, v in _NUMBER_WORDS.items()
        if len(w) >= 3
        for p in "و ف ب ل ك وب ول وك فب فل ال وال فال بال كال لل ولل وبال".split()
        # الاثنين with the article is Monday ("يوم الاثنين"), not 2
        if not (v == "2" and ("ال" in p or p.endswith("لل")))
    },
    **_NUMBER_WORDS,
}


_TEEN = frozenset({"عشر", "عشره"})  # "خمسة عشر" is 15: neither 5 nor 10


def spelled_figures(tokens: Sequence[str]) -> list[str]:
    """The figures a tokenised sentence spells as single number words (أربعين -> 40, بمائة -> 100;
    clitics stripped). Compound numbers (ثلاثة آلاف) are not read: only what one word says, and a
    teen (خمسة عشر) gives nothing."""
    values = [_NUMBER_FORMS.get(t) for t in tokens]
    out = []
    for k, v in enumerate(values):
        if v is None:
            continue
        in_teen = (tokens[k] in _TEEN and k and values[k - 1] is not None) or (
            k + 1 < len(tokens) and tokens[k + 1] in _TEEN
        )
        if not in_teen:
            out.append(v)
    return out


def words(sentences: Sequence[Sequence[str]]) -> Words:
    """Index a text (tokenised sentences) by content words: 3+ letters, article and clitics stripped."""
    out = []
    numbers = []
    for s in sentences:
        kept = " ".join(t for t in s if len(t) >= 3)
        out.append((len(s), frozenset(CLITIC_PREFIX_RE.sub("", kept).split())))
        numbers.append(frozenset(figures(s)))
    return Words(tuple(out), sum(n for n, _ in out if n >= MIN_SENTENCE_TOKENS), tuple(numbers))


@dataclass(frozen=True)
class Paraphrase:
    """Sentence correspondence by content words (``short`` = the text with fewer content tokens).

    - ``cover``: share of the short text's content tokens in sentences with a counterpart (at least
      ``PARAPHRASE_MATCH`` of its content words, words of 3+ letters without article/clitics, in one
      sentence of the other text);
    - ``matched``: number of such sentences; ``ordered``: consecutive matched sentences whose
      counterparts come later in the other text too (a rewritten release keeps the order);
    - ``start``: share of the short text's content tokens before its first matched sentence;
    - ``figures_differ``: figures (:func:`figures`) of matched sentences of the short text absent from
      their counterparts (a daily report written on one template with other figures);
    - ``long_lead``: the first matched sentence's counterpart is the long text's first content sentence
      (its lead: a brief or a caption condenses a release's lead); ``lead_matched``: the long text's lead
      is one of the counterparts, in any place (a brief reordering a release still condenses its lead).
    """

    cover: float
    matched: int
    ordered: int
    start: float
    figures_differ: int = 0
    long_lead: bool = False
    lead_matched: bool = False


def paraphrase(first: Words | Sequence[Sequence[str]], second: Words | Sequence[Sequence[str]]) -> Paraphrase:
    """Compare two texts (tokenised sentences of normalised tokens, or :func:`words` d) by
    content-word sets. Symmetric: the short text is the one with fewer content tokens."""
    wa = first if isinstance(first, Words) else words(first)
    wb = second if isinstance(second, Words) else words(second)
    if wa.content > wb.content or (
        wa.content == wb.content
        and [sorted(w) for _, w in wa.sentences] > [sorted(w) for _, w in wb.sentences]
    ):
        wa, wb = wb, wa
    a, b, content_a = wa.sentences, wb.sentences, wa.content
    if not content_a:
        return Paraphrase(0.0, 0, 0, 1.0)
    others = [(j, w) for j, (n, w) in enumerate(b) if n >= MIN_SENTENCE_TOKENS and w]
    counterparts: list[int] = []
    covered = before = differ = 0
    first_at: int | None = None
    for i, (n, ws) in enumerate(a):
        if n < MIN_SENTENCE_TOKENS or not ws:
            continue
        share, j = max(((len(ws & w) / len(ws), -j) for j, w in others), default=(0.0, 0))
        if share >= PARAPHRASE_MATCH:
            counterparts.append(-j)
            covered += n
            if first_at is None:
                first_at = before
            if wa.numbers and wb.numbers:
                differ += len(wa.numbers[i] - wb.numbers[-j])
        before += n
    ordered = sum(1 for x, y in pairwise(counterparts) if y > x)
    start = (first_at if first_at is not None else content_a) / content_a
    long_lead = bool(counterparts) and counterparts[0] == others[0][0]
    lead_matched = bool(counterparts) and others[0][0] in counterparts
    return Paraphrase(covered / content_a, len(counterparts), ordered, start, differ, long_lead, lead_matched)
