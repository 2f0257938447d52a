"""Asset checks on the warehouse. Blocking ones stop downstream assets when they fail."""

from datetime import date

import polars as pl
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    MetadataValue,
    asset_check,
)

from pipelines.defs.metadata import markdown_preview
from pipelines.defs.resources import Warehouse
from pipelines.lib.warehouse import ensure_views, query

# Above these shares a night is suspicious (a site changed layout, a block, a network fault).
MAX_FAILED_FETCH_SHARE = 0.5
MAX_EMPTY_EXTRACTION_SHARE = 0.5
# Language shift: total variation distance between a night's language shares and the shares of
# the nights before it. 0.25 = a quarter of the articles moved language; judged only when both
# sides have enough articles for shares to mean something.
MAX_LANGUAGE_SHIFT = 0.25
LANGUAGE_BASELINE_DAYS = 14
MIN_ARTICLES_FOR_SHIFT = 20


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
    asset="story_members",
    blocking=True,
    description="Every article has exactly one primary story_members row, its article_copies story.",
)
def story_members_primary(context: AssetCheckExecutionContext, warehouse: Warehouse) -> AssetCheckResult:
    return _rows_check(
        warehouse,
        "story_members_primary",
        ["article_id", "n_primary", "member_story", "copies_story"],
        "articles without exactly one primary membership in their story",
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


def language_shift_distance(shares: pl.DataFrame) -> float:
    """Total variation distance (0 = same mix, 1 = disjoint) between night and baseline shares."""
    if shares.is_empty():
        return 0.0
    return 0.5 * float((shares["night_share"] - shares["baseline_share"]).abs().sum())


@asset_check(
    asset="articles",
    description=(
        f"The night's language mix stays within {MAX_LANGUAGE_SHIFT:.0%} (total variation distance) of "
        f"the {LANGUAGE_BASELINE_DAYS} nights before it (a broken source, a site serving another edition)."
    ),
)
def language_distribution_shift(
    context: AssetCheckExecutionContext, warehouse: Warehouse
) -> AssetCheckResult:
    night = _crawl_date(context)
    if night is None:
        return AssetCheckResult(passed=True, description="no crawl date: nothing to compare")
    with warehouse.connect(read_only=True) as conn:
        ensure_views(conn)
        shares = query(
            conn, "queries/language_shift", {"night": night, "baseline_days": LANGUAGE_BASELINE_DAYS}
        )
    distance = language_shift_distance(shares)
    night_n = int(shares["night_articles"].sum()) if shares.height else 0
    baseline_n = int(shares["baseline_articles"].sum()) if shares.height else 0
    judged = night_n >= MIN_ARTICLES_FOR_SHIFT and baseline_n >= MIN_ARTICLES_FOR_SHIFT
    passed = not judged or distance <= MAX_LANGUAGE_SHIFT
    if not judged:
        description = f"too few articles to judge ({night_n} tonight, {baseline_n} before)"
    else:
        description = f"language shift {distance:.2f} (limit {MAX_LANGUAGE_SHIFT})"
    return AssetCheckResult(
        passed=passed,
        severity=AssetCheckSeverity.WARN,
        description=description,
        metadata={
            "distance": MetadataValue.float(round(distance, 4)),
            "night_articles": MetadataValue.int(night_n),
            "baseline_articles": MetadataValue.int(baseline_n),
            "shares": MetadataValue.md(
                markdown_preview(shares, ["language", "night_articles", "night_share", "baseline_share"], 20)
            ),
        },
    )


all_checks = [
    unique_ids,
    articles_have_pages,
    every_article_in_one_story,
    story_members_primary,
    mention_offsets_match,
    failure_shares,
    language_distribution_shift,
]
