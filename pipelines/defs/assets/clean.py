"""Clean stage: pages → articles (main text, segments, credits, language, publication date)."""

import polars as pl
from dagster import AssetExecutionContext, AssetOut, MetadataValue, Output, multi_asset

from pipelines.defs.metadata import counts, frame_metadata
from pipelines.defs.partitions import crawl_dates
from pipelines.defs.resources import NewsSettings
from pipelines.lib.articles import extract_articles


@multi_asset(
    group_name="clean",
    compute_kind="trafilatura",
    partitions_def=crawl_dates,
    outs={
        "articles": AssetOut(
            io_manager_key="warehouse_io_manager",
            metadata={"partition_expr": "crawl_date"},
            description=(
                "Articles found on the crawl date's pages: trafilatura main text without the "
                "boilerplate it keeps, aggregator pages split into their bundled articles, each "
                "credited to the outlet that wrote it, with language and publication date."
            ),
        ),
        "extractions": AssetOut(
            io_manager_key="warehouse_io_manager",
            metadata={"partition_expr": "crawl_date"},
            description="One row per page: extraction outcome (ok, empty, parse_error, skipped) and why.",
        ),
    },
)
def clean_articles(context: AssetExecutionContext, settings: NewsSettings, pages: pl.DataFrame):
    """Extract, split, de-boilerplate and credit the articles of every fetched page."""
    result = extract_articles(pages, settings.raw_store(), settings.sources(), settings.resolver())
    articles, extractions = result.articles, result.extractions
    article_meta = frame_metadata(
        articles,
        ["outlet_id", "segment", "credited_outlet", "title", "published_date", "language"],
        by="language",
    )
    article_meta["articles_by_credit_source"] = MetadataValue.json(counts(articles, "credit_source"))
    article_meta["articles_by_published_source"] = MetadataValue.json(counts(articles, "published_source"))
    extraction_meta = frame_metadata(
        extractions, ["page_id", "outcome", "reason", "n_articles"], by="outcome"
    )
    failed = extractions.filter(pl.col("outcome").is_in(["empty", "parse_error"]))
    if failed.height:
        context.log.warning(f"{failed.height} page(s) gave no article: {counts(failed, 'reason')}")
    yield Output(articles, output_name="articles", metadata=article_meta)
    yield Output(extractions, output_name="extractions", metadata=extraction_meta)
