"""Near-duplicate and syndication detection: shingles, MinHash/LSH candidates, exact verification, stories.

Pipeline of :func:`find_stories`:

1. Text -> word tokens: HTML entities unescaped and stray tags removed, the cleaning stage's
   normalisation (``arabic.normalize_char`` as one Polars ``replace_many`` table), punctuation
   dropped (word regex). Articles with the same token sequence are exact copies (content hash),
   handled as one *unit* from then on.
2. Candidate pairs of units: MinHash LSH (signatures equal to datasketch ``MinHash``, bands and
   rows from datasketch's optimiser, buckets by one sort) for Jaccard, plus bottom-k sketches
   joined against every shingle for containment, because a short text inside a long page has a
   low Jaccard that plain LSH misses. Every candidate is verified with EXACT Jaccard and
   containment (``|A∩B| / min(|A|, |B|)``) on the 64-bit shingle sets.
3. Stories: inside each connected group of verified matches the best original is picked first,
   then only units that match that original DIRECTLY join it (or another part of the original's
   multi-part release, "<headline> إضافة أولى ..."), plus units copied from one of those direct
   copies whose shared text is at least ``WITNESS_SHARE`` the original's own (one step, see
   ``_story_members``); the rest form further stories the same way. So A~B, B~C, A!~C never puts
   A and C together through a shared quote, background paragraph or added paragraph.
   Articles of earlier nights (``story_id`` set) keep their story; a new article joins the
   earlier story whose original it matches best.

Output conventions:

- ``copies.method``: ``single`` (story of one article), ``original`` (original of a story with
  copies), ``exact`` (same token sequence as the original), ``minhash`` (matched by the Jaccard
  rule), ``containment`` (matched by the containment rule only), ``aligned`` (matched by the
  sentence-alignment or paraphrase second look only), ``part`` (another part of the
  original's release: not a copy, ``copy_of`` null). ``copy_of`` is the story's original, or the
  direct copy a text was copied through.
- ``pairs`` holds every verified candidate between exact-copy groups, named by each group's
  representative (smallest article_id), plus one ``exact`` row per other group member;
  ``rule`` is ``exact``, ``jaccard``, ``containment``, ``aligned_lead``, ``aligned_paraphrase``,
  ``aligned_passage``, ``aligned_trimmed``, ``shared_formula`` (a whole-text match that fails without
  formula shingles),
  ``too_short`` or ``below_threshold``.
- Original: never an aggregator page that bundles two unrelated matched texts (two texts inside
  it that neither match nor share ``BUNDLE_MAX_OVERLAP`` of the smaller); then the
  credited outlet's own page (``outlet_id`` == a member's ``credited_outlet``, case-insensitive);
  then earliest published date/time, earliest fetch, smallest article_id.

Default thresholds (measured on 330 real pairs labelled by reading both texts in full,
``bench/dedup_eval.py --sweep --half dev``, chosen on the dev half; see the README section
"Syndication quality"):

- ``shingle_size=3``, ``jaccard_threshold=0.4``, ``containment_threshold=0.6``: the best F1 with
  precision >= 0.98 on the dev half (1.000 / recall 0.849; held-out 0.983 / 0.817); 2-word
  shingles and containment 0.5 gain recall but fall below 0.98 precision; 4-8 word shingles lose recall
  on edited copies, containment 0.5 or Jaccard 0.3 merge different stories written on the same
  statement template or sharing background paragraphs (precision < 0.98).
  Only texts with at least ``min_containment_shingles`` (10) shingles may match by containment,
  so tiny texts (a caption, a name) do not match every long page that happens to contain them.
- ``lsh_threshold=0.3`` and the sketch share ``0.75 * containment_threshold`` (with
  ``align_sentences``, at most ``ALIGN_MIN_CONTAINMENT``): candidate recall matters more than
  precision (everything is verified), so both sit below the decision rules.
- ``align_sentences=True``: candidates below both thresholds with containment >= 0.25 (0.3 before
  story_members; the candidate sketches at 0.25 since dev3, ``SKETCH_MIN_SHARE``) get a
  second look by sentence alignment (``_aligned_copy``, ``alignment.py``; rule ``aligned_lead``);
  chosen on the dev half (recall 0.849 -> 0.930, precision 1.000). These weaker matches only
  place texts the whole-text matches left alone (``_attach_aligned``), or verify a member of a
  whole-text component against its original when it also matches a placed member (shingle
  alignment only, ``_aligned_to_original``). Band pairs down to containment ``PARA_MIN_CONTAINMENT``
  that do not align get the paraphrase look (``_paraphrased_copy``, ``alignment.paraphrase``; rule
  ``aligned_paraphrase``; dev recall 0.930 -> 0.953 with the rule above, precision 1.000).
- Chosen on dev + the second development sample (``data/eval/syndication_pairs_dev2.tsv``, partial
  copies): band pairs the lead rule does not take are copies when they share a passage of at least 3
  consecutive sentences and 100 words starting in the first third of one of the texts (rule
  ``aligned_passage``, ``PASSAGE_*``), or when two sentences with content-word counterparts in order
  cover the whole shorter text and no figure differs (``PARA_FULL*``, rule ``aligned_paraphrase``).
  Both are weak evidence like the alignment rules (never merge stories, never chain).
- Formula text (chosen on dev + dev2, validated on dev3, ``FORMULA_*``): shingles found in texts of at
  least 5 groups of whole-text matches (datelines, stock sentences, shared background paragraphs) are not
  evidence: whole-text matches are re-checked without them (rule ``shared_formula``) and the second look
  skips sentences made of them. dev3 (fresh pairs): false positives 8 -> 4, two copy pairs lost.
- Trimmed copy (chosen on dev + dev2 + dev3, ``TRIM_*``, rule ``aligned_trimmed``): a band pair
  (containment >= 0.4) the other looks did not take is a copy when the shorter text is at most 3/4 of the
  longer one, >= 40 % of its informative shingles are in the longer text's lead (its first 1.5x the
  shorter text's length) and >= 30 % of its own first quarter is in the longer text, and it has no
  figure the longer text lacks: a release trimmed to its lead paragraphs, re-cut into other sentences
  (which sentence alignment cannot see). dev3 recall 0.764 -> 0.811, no false positive on the labelled sets.
- Secondary membership (``members``, ``_secondary_members``): a text primary in one story that
  carries another story's text (longer, containment >= ``SECONDARY_MIN_CONTAINMENT``, 0.7 since
  dev2, 0.8 before, of a
  whole-text match with that story's original or, by the witness rule, a direct copy; or a
  sentence-alignment match, from the longer text, with the original or a copy of Jaccard >= 0.8
  with it) is a member of that story too. Dev half, counting a pair as predicted when its texts
  share any story: recall 0.965 -> 0.977 (with the alignment floor at 0.25: 0.953 -> 0.965),
  precision 1.000.

Output ``members``: one row per (article, story whose text it carries): the ``copies`` row as the
primary one (``is_primary``), plus secondary rows (``copy_of`` = the original or the direct copy the
text is carried from, scores of that pair, ``method`` from its rule). New articles only, plus an
earlier article carrying a story that is new in this run.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import polars as pl
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from pipelines.lib import schemas
from pipelines.lib.alignment import (
    Alignment,
    Words,
    align,
    fmix64,
    paraphrase,
    prepare_many,
    split_sentences,
    words,
)
from pipelines.lib.arabic import normalize_char
from pipelines.lib.ids import stable_id

COPIES_SCHEMA = {k: v for k, v in schemas.ARTICLE_COPIES.items() if k != "crawl_date"}
STORIES_SCHEMA = {k: v for k, v in schemas.STORIES.items() if k != "crawl_date"}
PAIRS_SCHEMA = {k: v for k, v in schemas.COPY_CANDIDATES.items() if k != "crawl_date"}
MEMBERS_SCHEMA = {k: v for k, v in schemas.STORY_MEMBERS.items() if k != "crawl_date"}

# Pair rules (pairs.rule) and copy methods (copies.method).
RULE_EXACT = "exact"
RULE_JACCARD = "jaccard"
RULE_CONTAINMENT = "containment"
RULE_TOO_SHORT = "too_short"  # containment high, but the smaller text has too few shingles
RULE_BELOW = "below_threshold"
RULE_ALIGNED = "aligned_lead"  # whole-text overlap in the second-look band, sentence alignment decided
RULE_PARAPHRASE = "aligned_paraphrase"  # reworded sentence by sentence: content-word alignment decided
RULE_PASSAGE = "aligned_passage"  # a long passage of consecutive sentences shared, anywhere in the texts
RULE_FORMULA = "shared_formula"  # a whole-text match that fails once formula shingles are left out
RULE_TRIMMED = "aligned_trimmed"  # the shorter text is the other's lead, trimmed (and lightly edited)
# evidence that verifies a member, never links
WEAK_RULES = frozenset({RULE_ALIGNED, RULE_PARAPHRASE, RULE_PASSAGE, RULE_TRIMMED})
METHOD_EXACT = "exact"
METHOD_MINHASH = "minhash"
METHOD_CONTAINMENT = "containment"
METHOD_ALIGNED = "aligned"  # matched by the sentence-alignment rule only
METHOD_SINGLE = "single"
METHOD_ORIGINAL = "original"  # original of a story with at least one copy
METHOD_PART = "part"  # another part of the original's multi-part release (same outlet, title, day)

# Story membership through a witness (see ``_story_members``): the share of what a text shares with
# a direct copy of the original that must be the original's own text. 0.8 keeps a text that only
# overlaps a copy's added paragraphs, or slides one paragraph further along, out of the story.
WITNESS_SHARE = 0.8
# Secondary membership (``_secondary_members``): a text primary in one story also carries the text of
# another (a round-up bundling two releases) when it matches that story's original (or one of its
# release parts) by a whole-text rule, or a direct copy of it through the witness rule. With
# SECONDARY_WEAK, a sentence-alignment / paraphrase match with the original itself counts too.
SECONDARY_WEAK = True
# With SECONDARY_WEAK: a direct copy at least this close to the original (Jaccard) stands for it (the
# same text re-served by another outlet), so a weak match with that copy counts too (None: off).
SECONDARY_WEAK_SAME = 0.8
# ... and only from the longer text (it carries the other, as for whole-text matches): an excerpt of a
# long original that bundles several releases is not a member of that original's story.
SECONDARY_WEAK_LONGER = True
# ... and only when it CARRIES that text: it is the longer of the two and contains at least this share
# of the other's shingles. A page that reuses another story's background paragraphs matches it at
# containment 0.55-0.65 (three such pages in the labelled set); a round-up reprinting a whole release
# contains 0.84-0.99 of it. The primary story already took the best match; a second story needs this.
# 0.7 chosen on dev + dev2 (0.8 before): two round-ups carrying 0.71 and 0.80 of a text (3-word
# shingles) join it; 0.65-0.7 tie; 0.6 takes two background-sharing `not_copy` pages (all-330).
SECONDARY_MIN_CONTAINMENT = 0.7
# Two texts inside one page are different stories (a bundle) when they share less than half of the
# smaller one (a page combining a match preview and a standings report sharing a few sentences:
# 0.43); two excerpts of one release trimmed differently share more (0.53 on a real page).
BUNDLE_MAX_OVERLAP = 0.3
MIN_SERIES_TITLE_TOKENS = 4  # a release's parts share a specific headline, not "News in brief"
# Wire agencies mark the later parts of a long item "<headline> إضافة أولى / ثانية ... / أخيرة"
# ("first / second ... / last addition"); normalised tokens.
_ADD_MARKER = "اضافه"
_ADD_ORDINALS = frozenset("اولي ثانيه ثالثه رابعه خامسه سادسه سابعه ثامنه تاسعه عاشره اخيره واخيره".split())

# Second look by sentence alignment (``_aligned_copy``, measured on the dev half of the labelled pairs,
# see the README "Syndication quality"): a pair below both thresholds whose containment is at least
# ALIGN_MIN_CONTAINMENT is a copy when at least ALIGN_MIN_SENTENCES content sentences of the shorter
# text are near-copies of sentences of the other, covering ALIGN_MIN_COVER of its content, and the
# first of them starts within ALIGN_MAX_START of it: a copied excerpt keeps the lead of the news
# text, while a shared background paragraph, quote or closing template sits further down.
ALIGN_MIN_CONTAINMENT = 0.25
# The containment sketches' share for candidates (alignment on): the band's floor (0.3 until dev3). A
# bottom-32 sketch at 0.3 missed band pairs by sampling noise (3-word containment 0.33 and 0.42, dev3) and
# every pair at 0.25-0.3; 0.25 (chosen after seeing dev3: +1 dev2, +1 dev3 pair, no false positive) costs
# +69 % candidate pairs and ~+4 s CPU at 100k generated articles (47 s wall).
SKETCH_MIN_SHARE = 0.25
ALIGN_MIN_SENTENCES = 2
ALIGN_MIN_COVER = 0.3
ALIGN_MAX_START = 1 / 3
# The start is taken in either text: a copy that adds its own intro (an update, a new lead before the
# wire text) keeps the other text's lead, which then starts early in that text (the added-intro pattern).
ALIGN_START_EITHER = False  # measured: -1 dev pair (README), so off
# Paraphrase look (``_paraphrased_copy``, dev half): a candidate below both thresholds with containment
# of at least PARA_MIN_CONTAINMENT, not aligned by shingles, is a copy when at least PARA_MIN_SENTENCES
# sentences of the shorter text have a content-word counterpart in the other (``alignment.paraphrase``),
# PARA_MIN_ORDERED of them in the same order, covering PARA_MIN_COVER of it from its first third
# (ALIGN_MAX_START): a release rewritten sentence by sentence keeps its sentences' words and order;
# two reports of one event share names and places in a sentence or two, not the whole text in order.
PARAPHRASE_LOOK = True
PARA_MIN_CONTAINMENT = 0.25  # 0.15-0.25 tie on dev; the highest is the cheapest (fewer band pairs)
PARA_MIN_SENTENCES = 3
PARA_MIN_ORDERED = 2
PARA_MIN_COVER = 0.7
# A short release condensed or reworded whole (chosen on dev + dev2): two sentences suffice when they
# cover all of the shorter text (PARA_FULL_COVER), in the same order, and no figure of a matched sentence
# is missing from its counterpart: two daily reports written on one template (the `not_copy` pairs that
# pass the rest) differ in their figures; a reworded release keeps them.
PARA_FULL = True
PARA_FULL_SENTENCES = 2
PARA_FULL_COVER = 0.95
# Shared passage (``_passage_copy``, chosen on dev + dev2): a band pair that the lead rule did not take is
# a copy when the shorter text shares a run of at least PASSAGE_MIN_SENTENCES consecutive content
# sentences, together at least PASSAGE_MIN_TOKENS words, with the other text, wherever the run sits: a
# follow-up or a video page reusing an earlier article's paragraphs, a new lead before a wire passage.
# A shared background paragraph, a quote or a template formula is one or two sentences (on the labelled
# dev pairs no `not_copy` pair has a run of 3 sentences over 60 words; copies have 120-415).
PASSAGE_LOOK = True
PASSAGE_MIN_SENTENCES = 3
PASSAGE_MIN_TOKENS = 100
# ... and the shared text starts early in one of the two texts (its lead, or right after a short new
# intro): background paragraphs two stories share close both texts.
PASSAGE_MAX_START = 1 / 3

# Formula text (``_formula_shingles``, chosen on dev + dev2): a shingle found in texts of at least
# FORMULA_MIN_SPREAD different stories (connected groups of whole-text matches) is a formula or a
# background paragraph (the SPA dateline, a stock rain sentence, a background paragraph several stories
# append), not evidence that two texts are copies: a wire item copied by twenty outlets is in one
# group, its copies match each other by whole text. Whole-text matches are re-checked without formula
# shingles (rule ``shared_formula`` when they fail) and the second look ignores formula sentences
# (FORMULA_SENTENCE_SHARE of their shingles). None: off.
FORMULA_MIN_SPREAD: int | None = 5
FORMULA_SENTENCE_SHARE = 0.5
# A weak match (``WEAK_RULES``) between a lone text (the only text of its story, hence its original) and
# a text primary in another story makes that text a secondary member of the lone text's story, whichever
# is longer (``_lone_members``; chosen on dev + dev2: +2 dev2 copy pairs, +1 dev, no false positive).
# The evidence is the pair with the story's original itself: it never chains, never moves a primary
# member. Whole-text matches with a lone text already count when the other text carries it
# (``_secondary_members``, SECONDARY_MIN_CONTAINMENT); counting them all took +1 dev2 pair and put a page
# reusing four paragraphs of a report into the report's story (a test says it must not).
LONE_MEMBERS = False

# Trimmed copy (``_trimmed_copy``, chosen on dev + dev2 + dev3): a band pair is a copy when the shorter
# text is at most TRIM_MAX_RATIO the longer one's length (in informative shingles: formula left out), at
# least TRIM_MIN_LEAD of its informative shingles occur in the longer text's lead (its first
# TRIM_LEAD_SPAN times the shorter text's length), and at least TRIM_MIN_HEAD of the shingles of its own
# first quarter occur in the longer text: an outlet that keeps a release's lead paragraphs and drops the
# rest (re-cut into other sentences, a clause edited). Measured on shingle positions, not sentences: a
# trimmed copy often merges three lead sentences into one, which no sentence-level rule aligns.
TRIM_LOOK = True
TRIM_MAX_RATIO = 0.75
TRIM_LEAD_SPAN = 1.5
TRIM_MIN_LEAD = 0.4
TRIM_MIN_HEAD = 0.3
# ... and no figure of the shorter text (outside formula sentences such as a dated dateline) is missing
# from the longer one: a trimmed copy keeps its figures; a daily report on one template (yesterday's
# tonnage, another fund's rebalancing) has others (None: no check).
TRIM_MAX_NEW_FIGURES: int | None = 0

_TAG_RE = re.compile(r"<[^<>]{0,300}>")
_MAX_DATE = date.max
_MAX_TS = float("inf")


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
    story_id: str | None = None  # set for an article assigned on an earlier night (kept as is)

    @classmethod
    def from_row(
        cls, row: Mapping[str, Any], fetched_at: datetime | None = None, story_id: str | None = None
    ) -> DedupArticle:
        """The input for one ``articles`` row (a dict of the articles schema's columns)."""
        return cls(
            article_id=row["article_id"],
            outlet_id=row["outlet_id"],
            credited_outlet=row["credited_outlet"],
            title=row["title"],
            text=row["text"] or "",
            published_at=row["published_at"],
            published_date=row["published_date"],
            fetched_at=fetched_at,
            story_id=story_id,
        )


@dataclass(frozen=True)
class DedupResult:
    copies: pl.DataFrame  # article_id, story_id, is_original, copy_of, similarity, containment, method
    stories: pl.DataFrame  # story_id, original_article_id, title, first_published_date, n_articles, n_outlets
    pairs: pl.DataFrame  # article_a, article_b, jaccard, containment, decision, rule
    # article_id, story_id, is_primary, copy_of, similarity, containment, method: every story whose
    # text an article carries (its primary story, as in ``copies``, plus secondary ones: round-ups)
    members: pl.DataFrame


# --------------------------------------------------------------------------- text -> shingles


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
_MAX_DF = 200  # containment sketches skip shingles found in more texts than this
_JOIN_BLOCK_ROWS = 20_000_000  # containment join rows per block (~1 GB of temporaries)
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


_SMALL_BATCH = 16  # below this many texts, tokenise in Python (see _token_lists)


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
    if len(cleaned) <= _SMALL_BATCH and all(not t or max(t) <= "\uffff" for t in cleaned):
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


# --------------------------------------------------------------------------- internals


@dataclass
class _Unit:
    """One exact-copy group: articles with identical token sequences (members sorted by id)."""

    index: int
    members: list[DedupArticle]
    shingles: np.ndarray  # sorted unique uint64

    @property
    def rep(self) -> DedupArticle:
        return self.members[0]

    @property
    def is_new(self) -> bool:
        return any(m.story_id is None for m in self.members)


@dataclass(frozen=True)
class _Pair:
    jaccard: float
    containment: float
    decision: bool
    rule: str


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


def _aligned_copy(al: Alignment) -> bool:
    """The sentence-alignment rule for a pair in the second-look band (see ``ALIGN_*``)."""
    return (
        al.aligned >= ALIGN_MIN_SENTENCES
        and al.short_cover >= ALIGN_MIN_COVER
        and (min(al.start, al.long_start) if ALIGN_START_EITHER else al.start) <= ALIGN_MAX_START
    )


def _passage_copy(al: Alignment) -> bool:
    """The shared-passage rule for a band pair the lead rule did not take (``PASSAGE_*``)."""
    return (
        al.run >= PASSAGE_MIN_SENTENCES
        and al.run_tokens >= PASSAGE_MIN_TOKENS
        and min(al.start, al.long_start) <= PASSAGE_MAX_START
    )


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


def _trimmed_copy(
    a: np.ndarray,
    b: np.ndarray,
    formula: np.ndarray,
    figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    all_figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> bool:
    """The trimmed-copy rule (``TRIM_*``) for two texts given as shingle hashes in text order.

    ``figures``: each text's figures outside formula sentences, ``all_figures``: all of them."""
    info_a = np.unique(a[~_in_sorted(a, formula)]) if len(formula) else np.unique(a)
    info_b = np.unique(b[~_in_sorted(b, formula)]) if len(formula) else np.unique(b)
    if len(info_a) > len(info_b) or (len(info_a) == len(info_b) and (a.tolist() > b.tolist())):
        a, b, info_a, info_b = b, a, info_b, info_a
        figures, all_figures = figures[::-1], all_figures[::-1]
    if not len(info_a) or len(info_a) > TRIM_MAX_RATIO * len(info_b):
        return False
    if TRIM_MAX_NEW_FIGURES is not None and len(figures[0] - all_figures[1]) > TRIM_MAX_NEW_FIGURES:
        return False  # the same template with other figures: another day's report, another fund
    lead = np.unique(b[: int(TRIM_LEAD_SPAN * len(a)) + 1])
    if _in_sorted(info_a, lead).mean() < TRIM_MIN_LEAD:
        return False
    # Starts measured on informative shingles (a dated dateline opens one text, not the other).
    seq_a = a[~_in_sorted(a, formula)] if len(formula) else a
    quarter = max(1, len(seq_a) // 4)
    return bool(_in_sorted(seq_a[:quarter], info_b).mean() >= TRIM_MIN_HEAD)


def _paraphrased_copy(a: Words | Sequence[Sequence[str]], b: Words | Sequence[Sequence[str]]) -> bool:
    """The paraphrase rule for a pair in the band that shingle alignment did not decide (``PARA_*``)."""
    p = paraphrase(a, b)
    if PARA_FULL and (
        p.matched >= PARA_FULL_SENTENCES
        and p.ordered >= 1
        and p.cover >= PARA_FULL_COVER
        and not p.figures_differ
    ):
        return True
    return (
        p.matched >= PARA_MIN_SENTENCES
        and p.ordered >= PARA_MIN_ORDERED
        and p.cover >= PARA_MIN_COVER
        and p.start <= ALIGN_MAX_START
    )


def _formula_shingles(units: list[_Unit], adj: Mapping[int, set[int]], min_spread: int) -> np.ndarray:
    """Sorted shingle hashes found in texts of at least ``min_spread`` groups of whole-text matches.

    Groups are the connected components of ``adj`` (exact copies are one unit already). A formula
    (dateline, stock sentence) or a background paragraph recurs in texts that do not otherwise
    match; a wire item's copies match each other and count once, however many outlets carry it.
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

    for u in sorted(adj):
        for v in adj[u]:
            ru, rv = find(u), find(v)
            if ru != rv:
                parent[max(ru, rv)] = min(ru, rv)
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


def _in_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Membership of ``values`` in a sorted unique array (``np.isin`` re-sorts the set on every call,
    which cost minutes with a large formula set)."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values


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
        flags = (own > 0) & (found >= FORMULA_SENTENCE_SHARE * own)
    out, at = [], 0
    for n in counts:
        out.append(flags[at : at + n].tolist())
        at += n
    return out


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
        .filter(pl.col("df") <= _MAX_DF)
        .filter(pl.int_range(pl.len()).over("q") < sketch_size)  # the smallest remaining hashes
    )
    del doc_freq
    per_q = q_frame.group_by("q").agg(k=pl.len(), rows=pl.col("df").sum()).sort("q")
    q_ids = per_q["q"].to_numpy()
    need = np.zeros(n_units, dtype=np.int64)
    need[q_ids] = np.ceil(per_q["k"].to_numpy() * min_share).astype(np.int64)
    # Only shingles that are in some sketch matter.
    index = index.join(q_frame.select("h").unique(), on="h", how="semi")
    index = index.with_columns(n=size[index["u"].to_numpy()])
    q_frame = q_frame.select("h", "q").with_columns(n_q=size[q_frame["q"].to_numpy()])
    cum_rows = np.cumsum(per_q["rows"].to_numpy())
    pairs: set[tuple[int, int]] = set()
    start = 0
    while start < len(q_ids):
        done = cum_rows[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(cum_rows, done + _JOIN_BLOCK_ROWS, side="right")))
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
        start = stop
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


def _is_bundle(
    o: int,
    adj: dict[int, set[int]],
    pairs: dict[tuple[int, int], _Pair],
    units: list[_Unit],
    containment_threshold: float,
    series: Mapping[int, set[int]],
) -> bool:
    """True when ``o`` contains two texts that do not match each other (an aggregator page bundle).

    Such a page must not become the original, or it would pull two unrelated stories together.
    Two parts of one release (``series``) are one text: a page reprinting both is not a bundle; nor
    are two excerpts of one text trimmed differently, which overlap (``BUNDLE_MAX_OVERLAP``).
    """
    # Smaller neighbours mostly inside ``o`` (whichever rule matched them: a big half of a two-story
    # page also passes the Jaccard rule).
    contained = [
        m
        for m in sorted(adj[o])
        if len(units[m].shingles) < len(units[o].shingles)
        and pairs[_key(o, m)].containment >= containment_threshold
    ]

    def distinct(m1: int, m2: int) -> bool:
        if m2 in adj[m1] or m2 in series.get(m1, set()):
            return False
        p = pairs.get(_key(m1, m2))
        shared = p.containment if p is not None else overlap(units[m1].shingles, units[m2].shingles)[1]
        return shared < BUNDLE_MAX_OVERLAP

    return any(distinct(m1, m2) for i, m1 in enumerate(contained) for m2 in contained[i + 1 :])


def _series(units: list[_Unit], fresh: set[int]) -> dict[int, set[int]]:
    """Parts of one multi-part release: for each unit, the other units of the same outlet and
    published day whose headline is the same once the "إضافة <ordinal>" marker is removed, in a
    group where at least one headline carries the marker (the outlet itself declares the parts).

    SPA sends a long statement (a cabinet session, a press conference) as several items under one
    headline; newspapers reprint it whole. The parts do not match each other but are one text.
    """
    by_key: dict[tuple[str, str, date | None], set[int]] = {}
    marked: set[tuple[str, str, date | None]] = set()
    members = [(u, m) for u in sorted(fresh) for m in units[u].members]
    # All titles at once in Polars; Python only looks at the few titles carrying the marker and
    # at those equal to a marked headline (a loop over 100k titles cost seconds).
    titles = _token_lists([m.title for _, m in members]).fill_null([])
    joined = titles.list.join(" ")
    with_marker = titles.list.contains(_ADD_MARKER).fill_null(False).to_numpy()
    heads: set[str] = set()
    for i in np.flatnonzero(with_marker).tolist():
        title = titles[i].to_list()
        # "... إضافة ثانية", "... إضافة أولى وأخيرة": the marker and its ordinals end the headline.
        at = len(title) - 1 - title[::-1].index(_ADD_MARKER)
        if at < len(title) - 1 and all(t in _ADD_ORDINALS for t in title[at + 1 :]):
            head = title[:at]
            if len(head) >= MIN_SERIES_TITLE_TOKENS:
                heads.add(" ".join(head))
                u, m = members[i]
                key = (_norm_outlet(m.outlet_id), " ".join(head), _pub_date(m))
                by_key.setdefault(key, set()).add(u)
                marked.add(key)
    if not heads:
        return {}
    for i in np.flatnonzero(joined.is_in(list(heads)).to_numpy()).tolist():
        u, m = members[i]
        by_key.setdefault((_norm_outlet(m.outlet_id), joined[i], _pub_date(m)), set()).add(u)
    out: dict[int, set[int]] = {}
    for key in sorted(marked):
        group = by_key[key]
        for u in group:
            out.setdefault(u, set()).update(group - {u})
    return out


def _story_members(
    orig_unit: int,
    remaining: set[int],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
    series: Mapping[int, set[int]],
    aligned: Mapping[int, set[int]] | None = None,
) -> dict[int, int]:
    """Units of the story led by ``orig_unit``, each with the unit it was copied from (its source).

    - the core: the original and the other parts of its release (source: the original);
    - direct copies: units matching a core unit (the original preferred, then the best Jaccard);
    - copies through a witness: a unit matching a direct copy ``p`` (not the core) joins when at
      least ``WITNESS_SHARE`` of the shingles it shares with ``p`` are the core's own text (it copied
      the original's text via an edited copy; source ``p``). Only one step, and the shared text
      must be the original's: a text sharing a quote, a background paragraph, or the paragraphs a
      copy added never joins through it, so there is no chaining;
    - copies by alignment: a remaining unit whose sentence-alignment match (``aligned``) is with the
      original itself AND whose whole-text match is with a member already placed (source: the
      original). Verified against the original like a direct copy, by the weaker rule, and
      corroborated by a member: two outlets keeping different paragraphs of one release align with
      each other while a fuller third copy matches both by whole text (before, the component split
      into two stories of one release). A unit whose whole-text matches are all outside the story
      stays for the story of those texts (the weaker evidence does not claim it first).
    """
    core = sorted({orig_unit} | (series.get(orig_unit, set()) & remaining))
    source = {c: orig_unit for c in core}

    def best(u: int, among: Sequence[int]) -> int | None:
        found = [c for c in among if c in adj[u]]
        if not found:
            return None
        return min(found, key=lambda c: (c != orig_unit, -pairs[_key(u, c)].jaccard, c))

    direct = {}
    for u in sorted(remaining - set(core)):
        c = best(u, core)
        if c is not None:
            direct[u] = c
    source |= direct
    if not direct:
        return _aligned_to_original(source, orig_unit, remaining, adj, aligned)
    core_text = units[core[0]].shingles
    for c in core[1:]:
        core_text = np.union1d(core_text, units[c].shingles)
    for u in sorted(remaining - set(source)):
        witnesses = []
        for p in sorted(direct):
            if p not in adj[u]:
                continue
            shared = np.intersect1d(units[u].shingles, units[p].shingles, assume_unique=True)
            inside = len(np.intersect1d(shared, core_text, assume_unique=True))
            if len(shared) and inside / len(shared) >= WITNESS_SHARE:
                witnesses.append(p)
        if witnesses:
            source[u] = min(witnesses, key=lambda p: (-pairs[_key(u, p)].jaccard, p))
    return _aligned_to_original(source, orig_unit, remaining, adj, aligned)


def _aligned_to_original(
    source: dict[int, int],
    orig_unit: int,
    remaining: set[int],
    adj: Mapping[int, set[int]],
    aligned: Mapping[int, set[int]] | None,
) -> dict[int, int]:
    """Add the remaining units aligned with the original itself and matching (whole text) a member
    already placed (see ``_story_members``)."""
    if aligned is None:
        return source
    placed = set(source)
    for u in sorted(remaining - placed):
        if orig_unit in aligned.get(u, ()) and adj[u] & placed:
            source[u] = orig_unit
    return source


def _secondary_members(
    shapes: Mapping[str, tuple[int, set[int], set[int]]],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
) -> list[tuple[str, int, int]]:
    """(story, unit, source unit) for every unit carrying the text of a story it is not a primary
    member of. ``shapes``: story -> (original's unit, core units: the original and its release
    parts, primary member units).

    The evidence is checked against the story itself, never through a neighbour (and ``u`` must carry
    the text: longer, containment >= ``SECONDARY_MIN_CONTAINMENT``): a whole-text match
    with a core unit (the original preferred, then the best Jaccard), else the witness rule of
    ``_story_members`` with a direct copy of the original (``WITNESS_SHARE`` of the shared text is the
    core's own), else (``SECONDARY_WEAK``) a sentence-alignment match with the original itself.
    Secondary membership only adds rows: it never merges two stories nor moves a primary member.
    """

    def strong(u: int, v: int) -> bool:
        if v not in adj[u] or len(units[u].shingles) <= len(units[v].shingles):
            return False
        p = pairs[_key(u, v)]
        return p.rule not in WEAK_RULES and p.containment >= SECONDARY_MIN_CONTAINMENT

    def linked(u: int, v: int) -> bool:  # a whole-text match (who is a direct copy of the original)
        return v in adj[u] and pairs[_key(u, v)].rule not in WEAK_RULES

    out: list[tuple[str, int, int]] = []
    for story_id in sorted(shapes):
        orig, core, prim = shapes[story_id]
        direct = sorted(d for d in prim - core if any(linked(d, c) for c in core))
        near = set().union(*(adj[c] for c in core), *(adj[d] for d in direct)) - prim
        if not near:
            continue
        core_text = functools.reduce(np.union1d, [units[c].shingles for c in sorted(core)])
        for u in sorted(near):
            found = [c for c in sorted(core) if strong(u, c)]
            if found:
                out.append(
                    (story_id, u, min(found, key=lambda c: (c != orig, -pairs[_key(u, c)].jaccard, c)))
                )
                continue
            witnesses = []
            for d in direct:
                if strong(u, d):
                    shared = np.intersect1d(units[u].shingles, units[d].shingles, assume_unique=True)
                    inside = len(np.intersect1d(shared, core_text, assume_unique=True))
                    if len(shared) and inside / len(shared) >= WITNESS_SHARE:
                        witnesses.append(d)
            if witnesses:
                out.append((story_id, u, min(witnesses, key=lambda d: (-pairs[_key(u, d)].jaccard, d))))
            elif SECONDARY_WEAK:
                # (weak evidence: not held to SECONDARY_MIN_CONTAINMENT, its pairs sit below 0.6)
                same = [orig]
                if SECONDARY_WEAK_SAME is not None:
                    close = (pairs.get(_key(d, orig)) for d in direct)
                    same += [
                        d
                        for d, p in zip(direct, close, strict=True)
                        if p and p.jaccard >= SECONDARY_WEAK_SAME
                    ]
                weak = [
                    v
                    for v in same
                    if v in adj[u]
                    and pairs[_key(u, v)].rule in WEAK_RULES
                    and (not SECONDARY_WEAK_LONGER or len(units[u].shingles) > len(units[v].shingles))
                ]
                if weak:
                    out.append(
                        (story_id, u, min(weak, key=lambda v: (v != orig, -pairs[_key(u, v)].jaccard, v)))
                    )
    return out


def _lone_members(
    shapes: Mapping[str, tuple[int, set[int], set[int]]],
    adj: Mapping[int, set[int]],
    pairs: Mapping[tuple[int, int], _Pair],
) -> list[tuple[str, int, int]]:
    """(story, unit, source unit) for texts primary in another story that a weak rule matched with a
    lone text (a story of one, so its original): two paragraphs of one wire dispatch inside an
    article of another story; a release reworded by an outlet whose text sits in the story of a third
    edit. The evidence is the pair with the story's original itself, so nothing chains, and no primary
    membership moves (``LONE_MEMBERS``)."""
    out: list[tuple[str, int, int]] = []
    for story_id in sorted(shapes):
        orig, _core, prim = shapes[story_id]
        if prim != {orig}:
            continue
        weak = [v for v in sorted(adj[orig] - prim) if pairs[_key(orig, v)].rule in WEAK_RULES]
        out += [(story_id, v, orig) for v in weak]
    return out


def _method_of(rule: str) -> str:
    """The article_copies / story_members ``method`` of a pair decided by ``rule``."""
    return {RULE_JACCARD: METHOD_MINHASH, RULE_CONTAINMENT: METHOD_CONTAINMENT}.get(rule, METHOD_ALIGNED)


def _key(u: int, v: int) -> tuple[int, int]:
    return (u, v) if u < v else (v, u)


_Story = tuple[DedupArticle, int, dict[int, int]]  # original, its unit, unit -> unit it was copied from


def _build_stories(
    fresh: set[int],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
    series: Mapping[int, set[int]],
    bundle: Mapping[int, bool],
    aligned: Mapping[int, set[int]] | None = None,
) -> list[_Story]:
    """Per connected component of ``adj`` (plus release parts), repeatedly take the best original
    among the remaining units and attach only the units that match it directly (``_story_members``;
    ``aligned``: sentence-alignment matches, which never link a component, only verify a member)."""
    stories: list[_Story] = []
    seen: set[int] = set()
    for start in sorted(fresh):
        if start in seen:
            continue
        component: set[int] = set()
        stack = [start]
        while stack:
            u = stack.pop()
            if u in component:
                continue
            component.add(u)
            # Parts of one release belong together even when only a full reprint links them.
            stack.extend((adj[u] | series.get(u, set())) - component)
        seen |= component
        remaining = set(component)
        while remaining:
            original, orig_unit = _pick_original(remaining, adj, units, bundle)
            source = _story_members(orig_unit, remaining, adj, units, pairs, series, aligned)
            remaining -= set(source)
            stories.append((original, orig_unit, source))
    return stories


def _attach_aligned(
    stories: list[_Story],
    fresh: set[int],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
    bundle: Mapping[int, bool],
) -> list[_Story]:
    """Place the texts that whole-text matching left alone, by their sentence-alignment matches.

    A lone text aligned with the original of a story of several texts joins it as a copy of that
    original (the best Jaccard wins); the other lone texts form stories among themselves by their
    alignment matches, with the same original choice and direct-match rule as ``_build_stories``.
    Stories of several texts keep their original and members, so the weaker evidence never moves a
    text the whole-text rules placed, and a text aligned only with a copy (not the original) of a
    story does not join it (no chaining).
    """
    aligned = {u: {v for v in adj[u] & fresh if pairs[_key(u, v)].rule in WEAK_RULES} for u in fresh}
    alone = {orig_unit for _, orig_unit, source in stories if len(source) == 1}
    kept = [s for s in stories if len(s[2]) > 1]
    led_by = {orig_unit: source for _, orig_unit, source in kept}
    rest: set[int] = set()
    for u in sorted(alone):
        targets = [o for o in aligned[u] if o in led_by]
        if targets:
            o = min(targets, key=lambda o: (-pairs[_key(u, o)].jaccard, o))
            led_by[o][u] = o
        else:
            rest.add(u)
    rest_adj = {u: aligned[u] & rest for u in rest}
    return kept + _build_stories(rest, rest_adj, units, pairs, {}, bundle)


# --------------------------------------------------------------------------- public API


def find_stories(
    articles: Sequence[DedupArticle],
    *,
    shingle_size: int = 3,
    num_perm: int = 128,
    lsh_threshold: float = 0.3,
    jaccard_threshold: float = 0.4,
    containment_threshold: float = 0.6,
    seed: int = 1,
    min_containment_shingles: int = 10,
    sketch_size: int = 32,
    align_sentences: bool = True,  # second look by sentence alignment (see ALIGN_*)
) -> DedupResult:
    """Group articles into stories of copies of one text and pick each story's original.

    Articles with a ``story_id`` were assigned on an earlier night and keep it: a new article joins
    such a story when it matches the story's original directly (the best-matching original wins);
    the other new articles form stories among themselves. Only new articles get ``copies`` rows;
    ``stories`` has one row per story with a new article (counts over every given member), and
    ``pairs`` the candidates involving a new article.

    Returns frames without ``crawl_date`` (the caller adds it and conforms them). Deterministic:
    the same articles in any order give the same ids and decisions.
    """
    ordered = sorted(articles, key=lambda a: a.article_id)
    ids = [a.article_id for a in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("find_stories: duplicate article_id in input")

    # 1. Tokens, exact-copy units (same token sequence). Empty texts never match anything.
    tok = _tokenise([a.text for a in ordered])
    groups: dict[bytes | str, list[int]] = {}
    for i, a in enumerate(ordered):
        t = tok.of(i)
        key = hashlib.blake2b(t.tobytes(), digest_size=16).digest() if len(t) else f"empty:{a.article_id}"
        groups.setdefault(key, []).append(i)
    reps = [members[0] for members in groups.values()]  # insertion order = article_id order
    shingles = _shingles_of(tok, reps, shingle_size)
    units = [
        _Unit(index=k, members=[ordered[i] for i in members], shingles=shingles[k])
        for k, members in enumerate(groups.values())
    ]
    del tok, shingles

    # 2. Candidates, verified exactly. Pairs of two earlier articles were decided on their night.
    # Sketch share tuned below the decision threshold: candidate recall first, all are verified.
    min_share = 0.75 * containment_threshold
    if align_sentences:  # the second look needs the band's candidates (containment >= 0.3) too
        min_share = min(min_share, SKETCH_MIN_SHARE)
    candidates = _candidates(
        units, num_perm, seed, lsh_threshold, min_containment_shingles, sketch_size, min_share
    )
    pairs: dict[tuple[int, int], _Pair] = {}
    adj: dict[int, set[int]] = {u.index: set() for u in units}
    second_look: list[tuple[int, int]] = []  # below both thresholds, in the alignment band
    band = min(ALIGN_MIN_CONTAINMENT, PARA_MIN_CONTAINMENT) if PARAPHRASE_LOOK else ALIGN_MIN_CONTAINMENT
    for i, j in sorted(candidates):
        if not (units[i].is_new or units[j].is_new):
            continue
        a, b = units[i].shingles, units[j].shingles
        jac, cont = overlap(a, b)
        decision, rule = _decide(
            jac, cont, min(len(a), len(b)), jaccard_threshold, containment_threshold, min_containment_shingles
        )
        if align_sentences and rule == RULE_BELOW and cont >= band:
            if min(len(a), len(b)) >= min_containment_shingles:
                second_look.append((i, j))
        pairs[(i, j)] = _Pair(jac, cont, decision, rule)
        if decision:
            adj[i].add(j)
            adj[j].add(i)
    # Formula text: whole-text matches re-checked without it; the second look skips its sentences.
    formula = np.empty(0, dtype=np.uint64)
    if FORMULA_MIN_SPREAD is not None:
        formula = _formula_shingles(units, adj, FORMULA_MIN_SPREAD)
    if len(formula):
        informative: dict[int, np.ndarray] = {}

        def info(u: int) -> np.ndarray:
            if u not in informative:
                sh = units[u].shingles
                informative[u] = sh[~_in_sorted(sh, formula)]
            return informative[u]

        for (i, j), p in sorted(pairs.items()):
            if not p.decision or p.rule not in (RULE_JACCARD, RULE_CONTAINMENT):
                continue
            a, b = info(i), info(j)
            smaller = min(len(a), len(b))
            if (len(a), len(b)) == (len(units[i].shingles), len(units[j].shingles)) or (
                smaller < min_containment_shingles  # (almost) all formula: too little left to judge
            ):
                continue
            jac, cont = overlap(a, b)
            if _decide(
                jac, cont, smaller, jaccard_threshold, containment_threshold, min_containment_shingles
            )[0]:
                continue
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, False, RULE_FORMULA)
            adj[i].discard(j)
            adj[j].discard(i)
            if align_sentences:
                second_look.append((i, j))
    # Sentence alignment of the band's pairs: texts tokenised in one batch and indexed once each.
    looked = sorted({u for pair in second_look for u in pair})
    sentences = dict(zip(looked, sentence_tokens([units[u].rep.text for u in looked]), strict=True))
    # Formula sentences are skipped by shingle alignment and are never a paraphrase counterpart, but
    # they stay in the paraphrase look's text (left out, they would raise the share of the template
    # sentences left: two rain bulletins are a formula sentence plus two template sentences).
    for_align = sentences
    formula_flags: dict[int, list[bool]] = {}
    if len(formula) and looked:
        flags = _formula_flags([sentences[u] for u in looked], formula, shingle_size)
        formula_flags = {u: f for u, f in zip(looked, flags, strict=True) if any(f)}
        for_align = {
            u: [[] if is_formula else s for s, is_formula in zip(sentences[u], formula_flags[u], strict=True)]
            if u in formula_flags
            else sentences[u]
            for u in looked
        }
    # Shingle-indexed only the texts of pairs the alignment rule looks at (containment >= its floor).
    to_align = sorted(
        {u for i, j in second_look if pairs[(i, j)].containment >= ALIGN_MIN_CONTAINMENT for u in (i, j)}
    )
    prepared = dict(zip(to_align, prepare_many([for_align[u] for u in to_align]), strict=True))
    content_words: dict[int, Words] = {}  # each text indexed once for the paraphrase look

    def indexed(u: int) -> Words:
        if u not in content_words:
            w = words(sentences[u])
            if u in formula_flags:  # formula sentences: content, but no words to match
                kept = zip(w.sentences, formula_flags[u], strict=True)
                w = Words(tuple((n, frozenset() if f else ws) for (n, ws), f in kept), w.content, w.numbers)
            content_words[u] = w
        return content_words[u]

    def figures(u: int, every: bool = False) -> frozenset[str]:
        flags = formula_flags.get(u) or [False] * len(sentences[u])
        kept = (s for s, f in zip(sentences[u], flags, strict=True) if every or not f)
        return frozenset(t for s in kept for t in s if t.isdigit())

    # Shingles in text order, only for the texts of pairs the trimmed look may take.
    to_trim = sorted(
        {
            u
            for i, j in second_look
            if TRIM_LOOK and pairs[(i, j)].containment >= TRIM_MIN_LEAD
            for u in (i, j)
        }
    )
    in_order = dict(
        zip(to_trim, _ordered_shingles([units[u].rep.text for u in to_trim], shingle_size), strict=True)
    )
    for i, j in second_look:
        p = pairs[(i, j)]
        al = align(prepared[i], prepared[j]) if p.containment >= ALIGN_MIN_CONTAINMENT else None
        if al is not None and _aligned_copy(al):
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, True, RULE_ALIGNED)
        elif al is not None and PASSAGE_LOOK and _passage_copy(al):
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, True, RULE_PASSAGE)
        elif (
            TRIM_LOOK
            and p.containment >= TRIM_MIN_LEAD
            and _trimmed_copy(
                in_order[i],
                in_order[j],
                formula,
                (figures(i), figures(j)),
                (figures(i, True), figures(j, True)),
            )
        ):
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, True, RULE_TRIMMED)
        elif PARAPHRASE_LOOK and _paraphrased_copy(indexed(i), indexed(j)):
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, True, RULE_PARAPHRASE)
        else:
            continue
        adj[i].add(j)
        adj[j].add(i)

    copy_rows: list[dict[str, object]] = []
    story_rows: list[dict[str, object]] = []
    members_of: dict[str, list[tuple[DedupArticle, int]]] = {}  # story_id -> (article, unit)
    originals: dict[str, tuple[DedupArticle, int]] = {}
    for u in units:
        for m in u.members:
            if m.story_id is not None:
                members_of.setdefault(m.story_id, []).append((m, u.index))
                if stable_id("s_", m.article_id) == m.story_id:
                    originals[m.story_id] = (m, u.index)

    # 3a. New articles join an earlier story when they match its original directly.
    touched: set[str] = set()
    joined: set[int] = set()
    for u in units:
        if not u.is_new:
            continue
        best: tuple[tuple[bool, float, float, str], str] | None = None
        for story_id, (_orig, ou) in originals.items():
            if ou != u.index and ou not in adj[u.index]:
                continue
            p = pairs.get(_key(u.index, ou), _Pair(1.0, 1.0, True, RULE_EXACT))
            # A whole-text match beats a sentence-alignment match (weaker evidence), then Jaccard.
            key = (p.rule in WEAK_RULES, -p.jaccard, -p.containment, story_id)
            if best is None or key < best[0]:
                best = (key, story_id)
        if best is None:
            continue
        story_id = best[1]
        orig, ou = originals[story_id]
        for m in u.members:
            if m.story_id is None:
                members_of[story_id].append((m, u.index))
                copy_rows.append(_copy_row(m, story_id, orig, u.index, ou, pairs))
        joined.add(u.index)
        touched.add(story_id)

    # 3b. The remaining new units: per connected component, repeatedly take the best original among
    # them and attach only the units that match it directly.
    fresh = {u.index for u in units if u.is_new and u.index not in joined}
    series = _series(units, fresh)
    bundle = {u: _is_bundle(u, adj, pairs, units, containment_threshold, series) for u in sorted(fresh)}
    # Whole-text matches build the stories; sentence-alignment matches (weaker evidence) then only
    # place texts left alone, so they never change a story's original or members (_attach_aligned).
    strong_adj = {u: {v for v in adj[u] & fresh if pairs[_key(u, v)].rule not in WEAK_RULES} for u in fresh}
    # Only shingle alignment verifies a member inside a component; paraphrase (the weakest evidence)
    # only places texts left alone (measured: it otherwise claimed a text from its own release's story).
    aligned_adj = {u: {v for v in adj[u] & fresh if pairs[_key(u, v)].rule == RULE_ALIGNED} for u in fresh}
    stories = _build_stories(fresh, strong_adj, units, pairs, series, bundle, aligned_adj)
    stories = _attach_aligned(stories, fresh, adj, units, pairs, bundle)
    new_stories: set[str] = set()
    for original, orig_unit, source in stories:
        story_units = sorted(source)
        story_id = stable_id("s_", original.article_id)
        members = [m for s in story_units for m in units[s].members]
        single = len(members) == 1
        for s in story_units:
            src = units[source[s]].rep if source[s] != orig_unit else original
            part = s != orig_unit and s in series.get(orig_unit, set())
            for m in units[s].members:
                if part:  # not a copy: the same outlet's next part of the original's text
                    jac, cont = overlap(units[s].shingles, units[orig_unit].shingles)
                    row = {"article_id": m.article_id, "story_id": story_id, "is_original": False,
                           "copy_of": None, "similarity": jac, "containment": cont,
                           "method": METHOD_PART}  # fmt: skip
                else:
                    row = _copy_row(m, story_id, src, s, source[s], pairs)
                if single:
                    row["method"] = METHOD_SINGLE
                copy_rows.append(row)
                members_of.setdefault(story_id, []).append((m, s))
        originals[story_id] = (original, orig_unit)
        touched.add(story_id)
        new_stories.add(story_id)

    # 3c. Secondary memberships: texts carrying another story's text too (see ``_secondary_members``).
    primary_of = {r["article_id"]: r["story_id"] for r in copy_rows}
    for u in units:
        for m in u.members:
            if m.story_id is not None:
                primary_of.setdefault(m.article_id, m.story_id)
    shapes = {
        story_id: (
            ou,
            {ou} | (series.get(ou, set()) & {v for _, v in members_of[story_id]}),
            {v for _, v in members_of[story_id]},
        )
        for story_id, (_, ou) in originals.items()
    }
    member_rows = [
        {**{c: r[c] for c in COPIES_SCHEMA if c != "is_original"}, "is_primary": True} for r in copy_rows
    ]
    secondary = _secondary_members(shapes, adj, units, pairs)
    if LONE_MEMBERS:
        secondary += _lone_members(shapes, adj, pairs)
    added: set[tuple[str, str]] = set()
    for story_id, u, src in secondary:
        new_story = story_id in new_stories
        for m in units[u].members:
            if primary_of.get(m.article_id) == story_id or (m.story_id is not None and not new_story):
                continue  # its own story, or decided on the night both were there
            if (m.article_id, story_id) in added:
                continue
            added.add((m.article_id, story_id))
            p = pairs[_key(u, src)]
            method = _method_of(p.rule)
            copy_of = originals[story_id][0] if src == originals[story_id][1] else units[src].rep
            member_rows.append(
                {
                    "article_id": m.article_id,
                    "story_id": story_id,
                    "is_primary": False,
                    "copy_of": copy_of.article_id,
                    "similarity": p.jaccard,
                    "containment": p.containment,
                    "method": method,
                }
            )

    for story_id in sorted(touched):
        original = originals[story_id][0]
        members = [m for m, _ in members_of[story_id]]
        dates = [d for d in (_pub_date(m) for m in members) if d is not None]
        story_rows.append(
            {
                "story_id": story_id,
                "original_article_id": original.article_id,
                "title": original.title,
                "first_published_date": min(dates) if dates else None,
                "n_articles": len(members),
                "n_outlets": len({m.outlet_id for m in members}),
                "n_independent": independent_sources(members),
            }
        )

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
            if unit.rep.story_id is not None and member.story_id is not None:
                continue
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
        members=_frame(member_rows, MEMBERS_SCHEMA, ["article_id", "story_id"]),
    )


def independent_sources(members: Sequence[DedupArticle]) -> int:
    """Outlets in a story that wrote the text rather than copied it: distinct credited authors.

    A member counts for the outlet its text is credited to (``credited_outlet``, else the serving
    outlet). A site republishing an agency item credits the agency, so twenty copies of one wire
    item are one source; two outlets each presenting the same text as their own count twice (one
    of them copied without credit, which an analyst should see).
    """
    return len({_norm_outlet(m.credited_outlet or m.outlet_id) for m in members})


def _copy_row(
    m: DedupArticle,
    story_id: str,
    original: DedupArticle,
    unit: int,
    orig_unit: int,
    pairs: dict[tuple[int, int], _Pair],
) -> dict[str, object]:
    if m.article_id == original.article_id:
        return {
            "article_id": m.article_id,
            "story_id": story_id,
            "is_original": True,
            "copy_of": None,
            "similarity": 1.0,
            "containment": 1.0,
            "method": METHOD_ORIGINAL,
        }
    if unit == orig_unit:
        jac, cont, method = 1.0, 1.0, METHOD_EXACT
    else:
        p = pairs[_key(unit, orig_unit)]
        jac, cont = p.jaccard, p.containment
        method = _method_of(p.rule)
    return {
        "article_id": m.article_id,
        "story_id": story_id,
        "is_original": False,
        "copy_of": original.article_id,
        "similarity": jac,
        "containment": cont,
        "method": method,
    }


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


def _frame(rows: list[dict[str, object]], schema: Mapping[str, Any], sort: list[str]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame({c: [r.get(c) for r in rows] for c in schema}, schema=schema).sort(sort)
