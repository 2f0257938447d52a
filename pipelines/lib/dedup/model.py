"""Inputs, outputs and internal records of the syndication detector: articles, units, pairs, rule and
method names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import polars as pl

from pipelines.lib import schemas

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
RULE_REWORDED = "aligned_reworded"  # one release reworded, re-cut and reordered whole (content words)
RULE_BRIEF = "aligned_brief"  # a brief or caption: the shorter text reworded from the other's lead
RULE_OTHER_COUNTRY = "other_country"  # a second look matched, but each text names a country the other lacks
RULE_OTHER_PLACE = "other_place"  # ... or a city, region or district the other lacks, in the same slot
# evidence that verifies a member, never links
WEAK_RULES = frozenset({RULE_ALIGNED, RULE_PARAPHRASE, RULE_PASSAGE, RULE_TRIMMED, RULE_REWORDED, RULE_BRIEF})
METHOD_EXACT = "exact"
METHOD_MINHASH = "minhash"
METHOD_CONTAINMENT = "containment"
METHOD_ALIGNED = "aligned"  # matched by the sentence-alignment rule only
METHOD_SINGLE = "single"
METHOD_ORIGINAL = "original"  # original of a story with at least one copy
METHOD_PART = "part"  # another part of the original's multi-part release (same outlet, title, day)


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


def _key(u: int, v: int) -> tuple[int, int]:
    return (u, v) if u < v else (v, u)
