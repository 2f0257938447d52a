"""Articles frame → syndication frames (stories, article_copies, copy_candidates)."""

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


def syndication(articles: pl.DataFrame, pages: pl.DataFrame | None, crawl_date: date) -> SyndicationResult:
    """Group the crawl date's articles into stories of copies, with the evidence pairs."""
    fetched = {}
    if pages is not None and not pages.is_empty():
        fetched = dict(zip(pages["page_id"].to_list(), pages["fetched_at"].to_list(), strict=True))
    inputs = [
        DedupArticle(
            article_id=row["article_id"],
            outlet_id=row["outlet_id"],
            credited_outlet=row["credited_outlet"],
            title=row["title"],
            text=row["text"] or "",
            published_at=row["published_at"],
            published_date=row["published_date"],
            fetched_at=fetched.get(row["page_id"]),
        )
        for row in articles.sort("article_id").iter_rows(named=True)
    ]
    if not inputs:
        return SyndicationResult(
            schemas.empty("stories"), schemas.empty("article_copies"), schemas.empty("copy_candidates")
        )
    result = find_stories(inputs)
    stamp = pl.lit(crawl_date, dtype=pl.Date).alias("crawl_date")
    return SyndicationResult(
        stories=schemas.conform("stories", result.stories.with_columns(stamp)).sort("story_id"),
        article_copies=schemas.conform("article_copies", result.copies.with_columns(stamp)).sort(
            "article_id"
        ),
        copy_candidates=schemas.conform("copy_candidates", result.pairs.with_columns(stamp)).sort(
            ["article_a", "article_b"]
        ),
    )
