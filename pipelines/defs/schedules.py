"""The nightly job, its schedule, and the sensor that notices a missed night."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dagster import (
    AssetKey,
    AssetSelection,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    ScheduleEvaluationContext,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    define_asset_job,
    schedule,
    sensor,
)

nightly_job = define_asset_job(
    "nightly_crawl",
    selection=AssetSelection.all(),
    description="Fetch, clean, deduplicate and extract one crawl date, then load the warehouse.",
    tags={"warehouse": "duckdb"},
)

NIGHTLY_HOUR_UTC = 2
# A night counts as missed when its pages are not in the warehouse this long after the schedule
# fired (a normal night takes minutes; the margin covers a slow crawl and a queued backfill).
MISSED_AFTER = timedelta(hours=4)
# How far back the sensor looks: older gaps are a backfill decision, not an automatic catch-up.
LOOKBACK_NIGHTS = 7
_ACTIVE = [
    DagsterRunStatus.QUEUED,
    DagsterRunStatus.NOT_STARTED,
    DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED,
]


@schedule(cron_schedule=f"0 {NIGHTLY_HOUR_UTC} * * *", job=nightly_job, execution_timezone="UTC")
def nightly_schedule(context: ScheduleEvaluationContext) -> RunRequest:
    """At 02:00 UTC, crawl that night's date."""
    crawl_date = context.scheduled_execution_time.date().isoformat()
    return RunRequest(run_key=crawl_date, partition_key=crawl_date)


def missed_nights(now: datetime, materialized: set[str], active: set[str]) -> list[str]:
    """Crawl dates of the last ``LOOKBACK_NIGHTS`` nights whose deadline passed with no pages loaded
    and no run on the way (oldest first)."""
    nights = []
    for back in range(LOOKBACK_NIGHTS, -1, -1):
        night = (now - timedelta(days=back)).date()
        deadline = datetime(night.year, night.month, night.day, NIGHTLY_HOUR_UTC, tzinfo=UTC) + MISSED_AFTER
        key = night.isoformat()
        if now >= deadline and key not in materialized and key not in active:
            nights.append(key)
    return nights


@sensor(
    job=nightly_job,
    minimum_interval_seconds=1800,
    default_status=DefaultSensorStatus.STOPPED,  # turned on with the schedule, in production
    description=(
        f"Every 30 minutes: a crawl date of the last {LOOKBACK_NIGHTS} nights whose `pages` are not "
        f"loaded {MISSED_AFTER} after the 02:00 schedule is a missed night; it is reported here and "
        "a catch-up run is requested (tag news/missed_night, once per date)."
    ),
)
def missed_night_sensor(context: SensorEvaluationContext) -> SensorResult | SkipReason:
    now = datetime.now(UTC)
    materialized = set(context.instance.get_materialized_partitions(AssetKey("pages")))
    runs = context.instance.get_runs(filters=RunsFilter(job_name=nightly_job.name, statuses=_ACTIVE))
    active = {run.tags.get("dagster/partition") for run in runs} - {None}
    missed = missed_nights(now, materialized, active)
    if not missed:
        return SkipReason(f"no missed night in the last {LOOKBACK_NIGHTS} days")
    context.log.warning(f"missed nights: {', '.join(missed)}")
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=f"missed-{night}",
                partition_key=night,
                tags={"news/missed_night": "true"},
            )
            for night in missed
        ]
    )
