"""Syndication stage: copies of the same text across outlets grouped into stories."""

from datetime import date, timedelta

import polars as pl
from dagster import AssetExecutionContext, AssetIn, AssetOut, Config, Output, multi_asset
from pydantic import Field

from pipelines.defs.metadata import frame_metadata
from pipelines.defs.partitions import crawl_dates
from pipelines.defs.resources import Warehouse
from pipelines.lib.stories import syndication
from pipelines.lib.warehouse import query

_PARTITIONED = {"partition_expr": "crawl_date"}


class SyndicationConfig(Config):
    lookback_days: int = Field(
        default=7,
        ge=0,
        description="Earlier crawl dates whose articles tonight's copies are matched against (0: none).",
    )


def earlier_articles(warehouse: Warehouse, crawl_date: date, lookback_days: int) -> pl.DataFrame | None:
    """Articles of the look-back window with their stories (None when there is nothing to read)."""
    if lookback_days <= 0:
        return None
    params = {"crawl_date": crawl_date, "window_start": crawl_date - timedelta(days=lookback_days)}
    with warehouse.connect(read_only=True) as conn:
        tables = {r[0] for r in conn.execute("select table_name from information_schema.tables").fetchall()}
        if not {"articles", "article_copies", "pages"} <= tables:
            return None
        return query(conn, "queries/syndication_lookback", params)


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
        "story_members": AssetOut(
            io_manager_key="warehouse_io_manager",
            metadata=_PARTITIONED,
            description=(
                "Every story whose text an article carries: its primary story plus secondary ones "
                "(a round-up page reprinting two releases is a member of both)."
            ),
        ),
    },
)
def story_groups(
    context: AssetExecutionContext,
    config: SyndicationConfig,
    warehouse: Warehouse,
    articles: pl.DataFrame,
    pages: pl.DataFrame,
):
    """Exact and near-duplicate copies (MinHash LSH, verified exactly), grouped into stories.

    Tonight's articles are also matched against the articles of the previous ``lookback_days``
    nights, which keep their stories (see ``pipelines/lib/stories.py``).
    """
    crawl_date = date.fromisoformat(context.partition_key)
    earlier = earlier_articles(warehouse, crawl_date, config.lookback_days)
    context.log.info(
        f"syndication: {articles.height} articles tonight, "
        f"{0 if earlier is None else earlier.height} from the look-back window"
    )
    result = syndication(articles, pages, crawl_date, earlier)
    yield Output(
        result.stories,
        output_name="stories",
        metadata=frame_metadata(
            result.stories, ["story_id", "title", "n_articles", "n_outlets", "n_independent"]
        ),
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
    yield Output(
        result.story_members,
        output_name="story_members",
        metadata=frame_metadata(
            result.story_members,
            ["article_id", "story_id", "is_primary", "copy_of", "containment"],
            by="is_primary",
        ),
    )
