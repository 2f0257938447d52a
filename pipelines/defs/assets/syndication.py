"""Syndication stage: copies of the same text across outlets grouped into stories."""

from datetime import date

import polars as pl
from dagster import AssetExecutionContext, AssetIn, AssetOut, Output, multi_asset

from pipelines.defs.metadata import frame_metadata
from pipelines.defs.partitions import crawl_dates
from pipelines.lib.stories import syndication

_PARTITIONED = {"partition_expr": "crawl_date"}


@multi_asset(
    group_name="syndication",
    compute_kind="datasketch",
    partitions_def=crawl_dates,
    ins={"articles": AssetIn(), "pages": AssetIn()},
    outs={
        "stories": AssetOut(
            io_manager_key="warehouse_io_manager",
            metadata=_PARTITIONED,
            description="Groups of copies of one text, with the original and how far it spread.",
        ),
        "article_copies": AssetOut(
            io_manager_key="warehouse_io_manager",
            metadata=_PARTITIONED,
            description="Each article's story, whether it is the original, what it copied, and the scores.",
        ),
        "copy_candidates": AssetOut(
            io_manager_key="warehouse_io_manager",
            metadata=_PARTITIONED,
            description=(
                "Evidence: every candidate pair considered, its Jaccard and containment, "
                "the rule and the decision."
            ),
        ),
    },
)
def story_groups(context: AssetExecutionContext, articles: pl.DataFrame, pages: pl.DataFrame):
    """Exact and near-duplicate copies (MinHash LSH, verified exactly), grouped into stories."""
    result = syndication(articles, pages, date.fromisoformat(context.partition_key))
    yield Output(
        result.stories,
        output_name="stories",
        metadata=frame_metadata(result.stories, ["story_id", "title", "n_articles", "n_outlets"]),
    )
    yield Output(
        result.article_copies,
        output_name="article_copies",
        metadata=frame_metadata(
            result.article_copies,
            ["article_id", "story_id", "is_original", "copy_of", "similarity"],
            by="method",
        ),
    )
    yield Output(
        result.copy_candidates,
        output_name="copy_candidates",
        metadata=frame_metadata(
            result.copy_candidates,
            ["article_a", "article_b", "jaccard", "containment", "rule"],
            by="decision",
        ),
    )
