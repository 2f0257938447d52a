"""Print a short summary of the warehouse: rows per table, top actors, most-copied stories.

Usage: ``python -m pipelines.summary [--date YYYY-MM-DD]`` (the date limits the actor and
story lists to that crawl date; without it, everything).
"""

from __future__ import annotations

import argparse
from datetime import date

import polars as pl

from pipelines.lib.warehouse import connect, query
from pipelines.paths import warehouse_path


def _table(df: pl.DataFrame, max_chars: int = 48) -> str:
    """A compact text table; long strings are cut so rows stay on one line."""
    df = df.with_columns(pl.col(c).str.slice(0, max_chars) for c, t in df.schema.items() if t == pl.String)
    with pl.Config(
        tbl_rows=20,
        tbl_cols=12,
        tbl_width_chars=220,
        fmt_str_lengths=max_chars,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
        tbl_formatting="ASCII_MARKDOWN",
    ):
        return str(df)


def summary(crawl_date: date | None = None) -> str:
    """The summary text for one crawl date (or the whole warehouse)."""
    params = {
        "date_from": crawl_date or date(1900, 1, 1),
        "date_to": crawl_date or date(2999, 12, 31),
        "top_n": 10,
    }
    path = warehouse_path()
    with connect(path, read_only=True) as conn:
        counts = query(conn, "reports/table_counts")
        outcomes = query(conn, "reports/fetch_outcomes", {k: params[k] for k in ("date_from", "date_to")})
        actors = query(conn, "reports/top_actors", params)
        stories = query(conn, "reports/top_stories", params)
    parts = [
        f"warehouse: {path}",
        "",
        "rows per table",
        _table(counts),
        "",
        "pages and extraction by crawl date",
        _table(outcomes),
        "",
        "top actors (stories mentioning them)",
        _table(actors),
        "",
        "stories with most copies",
        _table(stories),
    ]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=date.fromisoformat, default=None)
    args = parser.parse_args()
    print(summary(args.date))


if __name__ == "__main__":
    main()
