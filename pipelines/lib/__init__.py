"""Plain functions behind the Dagster assets. Nothing in this package imports Dagster."""
