"""Analysis stage: the full-text search index and the nightly HTML report, after the tables load."""

import time
from datetime import date
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from pipelines.defs.metadata import markdown_preview
from pipelines.defs.partitions import crawl_dates
from pipelines.defs.resources import NewsSettings, Warehouse
from pipelines.lib.report import write_report
from pipelines.lib.warehouse import build_search_index

# Everything the report reads, so it runs last in a night and shows the night's final tables.
_TABLES = ["articles", "extractions", "article_copies", "actor_mentions", "date_mentions"]


def report_path(data_dir: str | Path, night: date | None = None) -> Path:
    """``<data>/report-<night>.html`` for one night, ``<data>/report.html`` for the latest."""
    name = f"report-{night.isoformat()}.html" if night else "report.html"
    return Path(data_dir) / name


@asset(
    group_name="analysis",
    compute_kind="duckdb",
    partitions_def=crawl_dates,
    deps=[AssetKey("articles")],
)
def article_search_index(warehouse: Warehouse) -> MaterializeResult:
    """BM25 full-text index over article titles and text (DuckDB fts, schema ``fts_main_articles``).

    DuckDB's fts index is a snapshot that does not follow later inserts, so it is rebuilt over the
    whole ``articles`` table after each night's load; ``sql/queries/search_articles.sql`` uses it.
    """
    started = time.perf_counter()
    with warehouse.connect() as conn:
        n = build_search_index(conn)
    return MaterializeResult(
        metadata={
            "articles_indexed": MetadataValue.int(n),
            "elapsed_s": MetadataValue.float(round(time.perf_counter() - started, 3)),
        }
    )


@asset(
    group_name="analysis",
    compute_kind="matplotlib",
    partitions_def=crawl_dates,
    deps=[AssetKey(t) for t in _TABLES],
)
def nightly_report(
    context: AssetExecutionContext, warehouse: Warehouse, settings: NewsSettings
) -> MaterializeResult:
    """A self-contained HTML report of the night (opens offline): stories and copies per day, top
    actors over 30 days, who copies whom, outlets with most original reporting, fetch health."""
    night = date.fromisoformat(context.partition_key)
    started = time.perf_counter()
    out = report_path(settings.data_dir, night)
    with warehouse.connect(read_only=True) as conn:
        data = write_report(conn, night, out)
    latest = report_path(settings.data_dir)
    latest.write_bytes(out.read_bytes())
    health = data.health.filter(data.health["crawl_date"] == night)
    return MaterializeResult(
        metadata={
            "report": MetadataValue.url(out.resolve().as_uri()),
            "report_path": MetadataValue.path(str(out.resolve())),
            "bytes": MetadataValue.int(out.stat().st_size),
            "night_health": MetadataValue.md(
                markdown_preview(
                    health,
                    ["n_pages", "n_fetched", "n_fetch_failed", "n_extracted", "n_empty", "n_articles"],
                )
            ),
            "copy_edges": MetadataValue.int(data.syndication.height),
            "elapsed_s": MetadataValue.float(round(time.perf_counter() - started, 3)),
        }
    )
