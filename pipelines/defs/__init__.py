"""Dagster objects only: assets by stage, resources, partitions, schedules, checks."""
