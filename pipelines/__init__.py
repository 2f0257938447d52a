"""News-intelligence pipeline: Dagster code location and plain-Python library."""
