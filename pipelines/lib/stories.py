"""Articles frame → syndication frames (stories, article_copies, copy_candidates, story_members).

Across nights: the caller passes the earlier articles of the look-back window (with the story
each was given on its night, see ``sql/queries/syndication_lookback.sql``). They keep their story;
tonight's articles join one when they match its original directly, else form new stories. So:

- ``article_copies``: one row per article, written in the article's own crawl date (never rewritten
  by a later night), so story ids stay stable and the "one story per article" check holds per date;
- ``stories``: one row per story that got an article tonight, in tonight's crawl date, with the
  counts as of tonight (members of the look-back window plus tonight). A story spreading over
  three nights has three rows; the latest is its current state;
- ``copy_candidates``: the pairs involving tonight's articles, in tonight's crawl date;
- ``story_members``: one row per (article, story whose text it carries), in tonight's crawl date:
  every tonight's article in its primary story (as ``article_copies``) and in any other story it
  carries (a round-up bundling two releases), plus an earlier article carrying a story new tonight.

Re-running a night gives the same rows as long as the earlier nights are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.dedup import DedupArticle, find_stories


@dataclass(frozen=True)
class SyndicationResult:
    stories: pl.DataFrame
    article_copies: pl.DataFrame
    copy_candidates: pl.DataFrame
    story_members: pl.DataFrame


def _inputs(articles: pl.DataFrame, fetched: dict, with_story: bool) -> list[DedupArticle]:
    return [
        DedupArticle.from_row(
            row,
            fetched_at=row["fetched_at"] if "fetched_at" in row else fetched.get(row["page_id"]),
            story_id=row["story_id"] if with_story else None,
        )
        for row in articles.sort("article_id").iter_rows(named=True)
    ]


def syndication(
    articles: pl.DataFrame,
    pages: pl.DataFrame | None,
    crawl_date: date,
    earlier: pl.DataFrame | None = None,
) -> SyndicationResult:
    """Group the crawl date's articles into stories of copies, with the evidence pairs.

    ``earlier``: articles of previous nights (columns of the look-back query: article fields,
    ``fetched_at`` and their ``story_id``); ``None`` or empty for a night on its own.
    """
    fetched = {}
    if pages is not None and not pages.is_empty():
        fetched = dict(zip(pages["page_id"].to_list(), pages["fetched_at"].to_list(), strict=True))
    inputs = _inputs(articles, fetched, with_story=False)
    if not inputs:
        return SyndicationResult(
            schemas.empty("stories"),
            schemas.empty("article_copies"),
            schemas.empty("copy_candidates"),
            schemas.empty("story_members"),
        )
    today = {a.article_id for a in inputs}
    context = []
    if earlier is not None and not earlier.is_empty():
        context = [a for a in _inputs(earlier, {}, with_story=True) if a.article_id not in today]
    result = find_stories([*context, *inputs])
    stamp = pl.lit(crawl_date, dtype=pl.Date).alias("crawl_date")
    return SyndicationResult(
        stories=schemas.conform("stories", result.stories.with_columns(stamp)).sort("story_id"),
        article_copies=schemas.conform("article_copies", result.copies.with_columns(stamp)).sort(
            "article_id"
        ),
        copy_candidates=schemas.conform("copy_candidates", result.pairs.with_columns(stamp)).sort(
            ["article_a", "article_b"]
        ),
        story_members=schemas.conform("story_members", result.members.with_columns(stamp)).sort(
            ["article_id", "story_id"]
        ),
    )
