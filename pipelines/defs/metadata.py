"""Materialization metadata: row counts, counts by outcome and a Markdown preview."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from dagster import MetadataValue


def markdown_preview(df: pl.DataFrame, columns: Sequence[str], rows: int = 10, width: int = 60) -> str:
    """A Markdown table of the first rows, long cells cut to ``width`` characters."""
    columns = [c for c in columns if c in df.columns]
    if df.is_empty() or not columns:
        return "_no rows_"

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        text = text.replace("\n", " ").replace("|", "\\|")
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in df.select(columns).head(rows).iter_rows():
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines)


def counts(df: pl.DataFrame, column: str) -> dict[str, int]:
    """Row counts by the values of ``column`` (nulls as 'null')."""
    if df.is_empty():
        return {}
    grouped = df.group_by(column).len().sort(column, nulls_last=True)
    return {("null" if key is None else str(key)): int(n) for key, n in grouped.iter_rows()}


def frame_metadata(df: pl.DataFrame, preview: Sequence[str], by: str | None = None) -> dict:
    metadata: dict = {
        "dagster/row_count": MetadataValue.int(df.height),
        "preview": MetadataValue.md(markdown_preview(df, preview)),
    }
    if by is not None:
        metadata[f"rows_by_{by}"] = MetadataValue.json(counts(df, by))
    return metadata
