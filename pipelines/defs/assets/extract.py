"""Extract stage: the actor registry, actor mentions and date mentions."""

import polars as pl
from dagster import AssetExecutionContext, AssetIn, Output, asset

from pipelines import paths
from pipelines.defs.metadata import frame_metadata
from pipelines.defs.partitions import crawl_dates
from pipelines.lib.actors import actors_frame, load_registry
from pipelines.lib.mentions import actor_mention_rows, date_mention_rows

_PARTITIONED = {"partition_expr": "crawl_date"}


@asset(group_name="extract", compute_kind="yaml", io_manager_key="warehouse_io_manager")
def actors() -> Output[pl.DataFrame]:
    """The actor registry (``data/actors/``): countries, governments, armed groups, people, organisations."""
    df = actors_frame(load_registry(paths.registry_dir()))
    return Output(
        df, metadata=frame_metadata(df, ["actor_id", "name_en", "name_ar", "type", "country"], by="type")
    )


@asset(
    group_name="extract",
    compute_kind="pyahocorasick",
    partitions_def=crawl_dates,
    metadata=_PARTITIONED,
    io_manager_key="warehouse_io_manager",
    ins={"articles": AssetIn()},
    deps=[actors],
)
def actor_mentions(context: AssetExecutionContext, articles: pl.DataFrame) -> Output[pl.DataFrame]:
    """Mentions of registry actors in article text, with offsets into ``articles.text``."""
    df = actor_mention_rows(articles, load_registry(paths.registry_dir()))
    return Output(df, metadata=frame_metadata(df, ["article_id", "actor_id", "surface", "match"], by="match"))


@asset(
    group_name="extract",
    compute_kind="python",
    partitions_def=crawl_dates,
    metadata=_PARTITIONED,
    io_manager_key="warehouse_io_manager",
    ins={"articles": AssetIn()},
)
def date_mentions(context: AssetExecutionContext, articles: pl.DataFrame) -> Output[pl.DataFrame]:
    """Dates each article mentions: absolute, Hijri and relative (resolved on the article's own date)."""
    df = date_mention_rows(articles)
    return Output(
        df, metadata=frame_metadata(df, ["article_id", "surface", "value", "kind", "rule"], by="kind")
    )
