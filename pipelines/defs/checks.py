"""Asset checks on the warehouse. Blocking ones stop downstream assets when they fail."""

from datetime import date

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    MetadataValue,
    asset_check,
)

from pipelines.defs.metadata import markdown_preview
from pipelines.defs.resources import Warehouse
from pipelines.lib.warehouse import query

# Above these shares a night is suspicious (a site changed layout, a block, a network fault).
MAX_FAILED_FETCH_SHARE = 0.5
MAX_EMPTY_EXTRACTION_SHARE = 0.5


def _crawl_date(context: AssetCheckExecutionContext) -> date | None:
    """The run's crawl date: checks look at the day being written, not at a concurrent run's day."""
    return date.fromisoformat(context.partition_key) if context.has_partition_key else None


def _rows_check(
    warehouse: Warehouse,
    sql_name: str,
    columns: list[str],
    what: str,
    crawl_date: date | None = None,
    scoped: bool = True,
) -> AssetCheckResult:
    params = {"crawl_date": crawl_date} if scoped else None
    with warehouse.connect(read_only=True) as conn:
        bad = query(conn, f"checks/{sql_name}", params)
    return AssetCheckResult(
        passed=bad.is_empty(),
        description=f"{bad.height} {what}" if bad.height else f"no {what}",
        metadata={
            "n_bad": MetadataValue.int(bad.height),
            "sample": MetadataValue.md(markdown_preview(bad, columns)),
        },
    )


@asset_check(
    asset="pages", blocking=True, description="page_id, article_id and article_copies ids are unique."
)
def unique_ids(warehouse: Warehouse) -> AssetCheckResult:
    return _rows_check(warehouse, "duplicate_ids", ["table_name", "id", "n"], "duplicated ids", scoped=False)


@asset_check(asset="articles", blocking=True, description="Every article belongs to a page in `pages`.")
def articles_have_pages(context: AssetCheckExecutionContext, warehouse: Warehouse) -> AssetCheckResult:
    return _rows_check(
        warehouse,
        "articles_without_page",
        ["article_id", "page_id"],
        "articles without a page",
        _crawl_date(context),
    )


@asset_check(asset="article_copies", blocking=True, description="Every article is in exactly one story.")
def every_article_in_one_story(context: AssetCheckExecutionContext, warehouse: Warehouse) -> AssetCheckResult:
    return _rows_check(
        warehouse,
        "articles_without_story",
        ["article_id", "n_stories"],
        "articles not in exactly one story",
        _crawl_date(context),
    )


@asset_check(
    asset="actor_mentions",
    blocking=True,
    description="Mention offsets point at their surface text in articles.text (actors and dates).",
)
def mention_offsets_match(context: AssetCheckExecutionContext, warehouse: Warehouse) -> AssetCheckResult:
    return _rows_check(
        warehouse,
        "mention_offsets",
        ["table_name", "article_id", "surface", "start_char"],
        "misplaced mentions",
        _crawl_date(context),
    )


@asset_check(
    asset="extractions",
    description=(
        f"Failed fetches and empty extractions stay under {MAX_FAILED_FETCH_SHARE:.0%} and "
        f"{MAX_EMPTY_EXTRACTION_SHARE:.0%} of a night's pages."
    ),
)
def failure_shares(warehouse: Warehouse) -> AssetCheckResult:
    with warehouse.connect(read_only=True) as conn:
        shares = query(conn, "checks/failure_shares")
    bad = shares.filter(
        (shares["failed_fetch_share"] > MAX_FAILED_FETCH_SHARE)
        | (shares["empty_extraction_share"] > MAX_EMPTY_EXTRACTION_SHARE)
    )
    return AssetCheckResult(
        passed=bad.is_empty(),
        severity=AssetCheckSeverity.WARN,
        description=f"{bad.height} crawl date(s) over the thresholds"
        if bad.height
        else "shares under thresholds",
        metadata={
            "by_crawl_date": MetadataValue.md(
                markdown_preview(
                    shares.tail(14),
                    ["crawl_date", "n_pages", "failed_fetch_share", "empty_extraction_share"],
                    14,
                )
            )
        },
    )


all_checks = [
    unique_ids,
    articles_have_pages,
    every_article_in_one_story,
    mention_offsets_match,
    failure_shares,
]
