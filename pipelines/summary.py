"""Print a short summary of the warehouse: rows per table, top actors, most-copied stories.

Usage: ``python -m pipelines.summary [--date YYYY-MM-DD]`` (the date limits the actor and
story lists to that crawl date; without it, everything).
``python -m pipelines.summary --report [--date YYYY-MM-DD]`` writes the nightly HTML report of
that crawl date (default: the warehouse's last one) to ``NEWS_DATA_DIR/report-<date>.html`` instead.
"""

from __future__ import annotations

import argparse
from datetime import date

import polars as pl

from pipelines.lib.warehouse import connect, query
from pipelines.paths import data_dir, warehouse_path


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


def report(crawl_date: date | None = None) -> str:
    """Write the HTML report of ``crawl_date`` (default: the last crawl date); returns its path."""
    from pipelines.lib.report import write_report

    path = warehouse_path()
    # read-only: a report can be written while a run holds the file (views fall back to temp views)
    with connect(path, read_only=True) as conn:
        night = crawl_date or conn.execute("select max(crawl_date) from pages").fetchone()[0]
        if night is None:
            raise SystemExit(f"{path} has no crawl date yet: make run first")
        out = data_dir() / f"report-{night.isoformat()}.html"
        write_report(conn, night, out)
    (data_dir() / "report.html").write_bytes(out.read_bytes())
    return str(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=date.fromisoformat, default=None)
    parser.add_argument("--report", action="store_true", help="write the HTML report instead")
    args = parser.parse_args()
    if args.report:
        print(f"report: {report(args.date)} (latest: {data_dir() / 'report.html'})")
        return
    print(summary(args.date))


if __name__ == "__main__":
    main()
