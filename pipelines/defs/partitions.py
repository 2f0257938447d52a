"""Daily partitions on the crawl date."""

from dagster import DailyPartitionsDefinition

# end_offset=1: today's crawl date is a partition, so the nightly run (and `make run`) can
# crawl "today" rather than only the last finished day.
crawl_dates = DailyPartitionsDefinition(start_date="2024-01-01", timezone="UTC", end_offset=1)
