"""The nightly job and its schedule."""

from dagster import AssetSelection, RunRequest, ScheduleEvaluationContext, define_asset_job, schedule

nightly_job = define_asset_job(
    "nightly_crawl",
    selection=AssetSelection.all(),
    description="Fetch, clean, deduplicate and extract one crawl date, then load the warehouse.",
    tags={"warehouse": "duckdb"},
)


@schedule(cron_schedule="0 2 * * *", job=nightly_job, execution_timezone="UTC")
def nightly_schedule(context: ScheduleEvaluationContext) -> RunRequest:
    """At 02:00 UTC, crawl that night's date."""
    crawl_date = context.scheduled_execution_time.date().isoformat()
    return RunRequest(run_key=crawl_date, partition_key=crawl_date)
