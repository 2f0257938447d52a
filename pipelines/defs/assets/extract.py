"""Extract stage: the actor registry, actor mentions and date mentions."""

from collections.abc import Iterator

import polars as pl
from dagster import AssetExecutionContext, AssetIn, AssetOut, Output, asset, multi_asset

from pipelines import paths
from pipelines.defs.metadata import frame_metadata
from pipelines.defs.partitions import crawl_dates
from pipelines.lib.actors import Registry, actor_links_frame, actor_roles_frame, actors_frame, load_registry
from pipelines.lib.mentions import actor_mention_rows, date_mention_rows

_PARTITIONED = {"partition_expr": "crawl_date"}
_REGISTRY_OUT = {"group_name": "extract", "io_manager_key": "warehouse_io_manager"}


def _registry() -> Registry:
    """The shipped registry with the city layer ``NEWS_ACTOR_CITIES`` asks for (cached)."""
    return load_registry(paths.registry_dir(), cities=paths.actor_cities())


@multi_asset(
    outs={
        "actors": AssetOut(
            description="The actor registry (data/actors/): countries, governments, groups, people, orgs.",
            **_REGISTRY_OUT,
        ),
        "actor_roles": AssetOut(description="Time-bounded roles of people (end exclusive).", **_REGISTRY_OUT),
        "actor_links": AssetOut(description="Renames, successions and former names.", **_REGISTRY_OUT),
    },
    compute_kind="yaml",
)
def actors() -> Iterator[Output[pl.DataFrame]]:
    """The registry and its companion tables, from one load of ``data/actors/``."""
    registry = _registry()
    df = actors_frame(registry)
    yield Output(
        df,
        output_name="actors",
        metadata=frame_metadata(df, ["actor_id", "name_en", "name_ar", "type", "country"], by="type"),
    )
    roles = actor_roles_frame(registry)
    yield Output(
        roles, output_name="actor_roles", metadata=frame_metadata(roles, ["actor_id", "role", "start_date"])
    )
    links = actor_links_frame(registry)
    yield Output(
        links,
        output_name="actor_links",
        metadata=frame_metadata(links, ["actor_id", "relation", "target_actor_id", "name"], by="relation"),
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
    df = actor_mention_rows(articles, _registry())
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
