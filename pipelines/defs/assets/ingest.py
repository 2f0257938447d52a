"""Ingest stage: outlets from the sources file; pages fetched or read for a crawl date."""

from datetime import date
from pathlib import Path

import polars as pl
from dagster import AssetExecutionContext, MetadataValue, Output, asset

from pipelines.defs.metadata import counts, frame_metadata
from pipelines.defs.partitions import crawl_dates
from pipelines.defs.resources import NewsSettings, PageFetcher
from pipelines.lib import schemas
from pipelines.lib.crawl_state import CrawlState
from pipelines.lib.ingest import ingest_pages
from pipelines.lib.sources import outlet_rows


@asset(group_name="ingest", compute_kind="python", io_manager_key="warehouse_io_manager")
def outlets(settings: NewsSettings) -> Output[pl.DataFrame]:
    """Outlets, aggregators and agencies: the sources file (``NEWS_SOURCES``) plus the agency list.

    One row per outlet_id; not partitioned: the table always holds the current sources file.
    """
    df = schemas.frame("outlets", outlet_rows(settings.outlets())).sort("outlet_id")
    return Output(
        df, metadata=frame_metadata(df, ["outlet_id", "name", "name_ar", "kind", "country"], by="kind")
    )


@asset(
    group_name="ingest",
    compute_kind="python",
    partitions_def=crawl_dates,
    metadata={"partition_expr": "crawl_date"},
    io_manager_key="warehouse_io_manager",
)
def pages(
    context: AssetExecutionContext, settings: NewsSettings, page_fetcher: PageFetcher
) -> Output[pl.DataFrame]:
    """Every fetch attempt of the crawl date: URL sources over HTTP, directory sources from disk.

    Failures are rows too (``error`` says why); bodies go to the content-addressed raw store
    under ``NEWS_DATA_DIR/raw``, keyed by ``content_sha1``.
    """
    crawl_date = date.fromisoformat(context.partition_key)
    # The journal survives runs (see pipelines/lib/crawl_state.py); the warehouse does not hold it.
    with CrawlState(Path(settings.data_dir) / "crawl_state" / "journal.sqlite") as state:
        result = ingest_pages(
            settings.sources(),
            crawl_date,
            settings.raw_store(),
            page_fetcher.fetch,
            state=state,
            progress=context.log.info,
        )
    df = result.pages
    outcome = df.with_columns(
        pl.when(pl.col("error").is_null())
        .then(pl.lit("ok"))
        .otherwise(pl.col("error").str.extract(r"^([^:(]+)").str.strip_chars())
        .alias("outcome")
    )
    metadata = frame_metadata(df, ["outlet_id", "url", "http_status", "bytes", "error"])
    metadata["pages_by_outcome"] = MetadataValue.json(counts(outcome, "outcome"))
    metadata["pages_by_outlet"] = MetadataValue.json(counts(df, "outlet_id"))
    metadata["pages_by_source_kind"] = MetadataValue.json(counts(df, "source_kind"))
    metadata["pages_by_change"] = MetadataValue.json(
        counts(df.filter(pl.col("change").is_not_null()), "change")
    )
    metadata["ingest_counts"] = MetadataValue.json(result.stats)
    return Output(df, metadata=metadata)
