"""The Dagster code location: loads the Dagster objects of ``pipelines.defs``, nothing else."""

from dagster import Definitions, in_process_executor

from pipelines.defs.assets.clean import clean_articles
from pipelines.defs.assets.extract import actor_mentions, actors, date_mentions
from pipelines.defs.assets.ingest import outlets, pages
from pipelines.defs.assets.report import article_search_index, nightly_report
from pipelines.defs.assets.syndication import story_groups
from pipelines.defs.checks import all_checks
from pipelines.defs.resources import HttpPageFetcher, NewsSettings, Warehouse, WarehouseIOManager
from pipelines.defs.schedules import missed_night_sensor, nightly_job, nightly_schedule
from pipelines.paths import warehouse_path

ALL_ASSETS = [
    outlets,
    pages,
    clean_articles,
    story_groups,
    actors,
    actor_mentions,
    date_mentions,
    article_search_index,
    nightly_report,
]

defs = Definitions(
    assets=ALL_ASSETS,
    asset_checks=all_checks,
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[missed_night_sensor],
    resources={
        "warehouse_io_manager": WarehouseIOManager(database=str(warehouse_path()), schema="main"),
        "warehouse": Warehouse(),
        "settings": NewsSettings(),
        "page_fetcher": HttpPageFetcher(),
    },
    # One process, one step at a time: DuckDB takes one writer, and a step process per asset
    # would pay Dagster's import time for every step.
    executor=in_process_executor,
)
