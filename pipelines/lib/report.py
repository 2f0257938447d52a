"""The nightly report: one self-contained HTML file (charts embedded as PNG data URIs, no network).

Sections: stories per day with their copies stacked, the top actors of the last 30 days as small
multiples, the syndication network (who copies whom), the outlets with most original reporting,
and the night's fetch and extraction health. Data comes from the views through
``sql/queries/report_*.sql``; charts are matplotlib (Agg, no display needed).

Charts label actors by their English name and outlets by id: matplotlib does not shape Arabic
(letters would come out detached and left-to-right); Arabic titles appear in the HTML tables,
which the browser shapes.
"""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # before pyplot: the report renders on servers without a display

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import polars as pl

from pipelines.lib.warehouse import ensure_views, query

WINDOW_DAYS = 30
TOP_ACTORS = 12
TOP_OUTLETS = 15
ORIGINAL_COLOR = "#1f77b4"
COPY_COLOR = "#ff7f0e"
OTHER_COLOR = "#9ca3af"


@dataclass
class ReportData:
    """What the report shows, as frames (also used for the asset's metadata)."""

    night: date
    date_from: date
    stories_per_day: pl.DataFrame
    top_actors: pl.DataFrame
    syndication: pl.DataFrame
    original_outlets: pl.DataFrame
    health: pl.DataFrame
    night_failures: pl.DataFrame
    widest_stories: pl.DataFrame = field(default_factory=pl.DataFrame)


def load_report_data(conn: duckdb.DuckDBPyConnection, night: date, days: int = WINDOW_DAYS) -> ReportData:
    """Query the views for the night and the ``days`` days ending on it."""
    ensure_views(conn)
    window = {"date_from": night - timedelta(days=days - 1), "date_to": night}
    health = query(conn, "queries/report_night_health", {**window, "date_from": night - timedelta(days=13)})
    return ReportData(
        night=night,
        date_from=window["date_from"],
        stories_per_day=query(conn, "queries/report_stories_per_day", window),
        top_actors=query(conn, "queries/report_top_actors", {**window, "top_n": TOP_ACTORS}),
        syndication=query(conn, "queries/report_syndication", window),
        original_outlets=query(conn, "queries/report_original_outlets", {**window, "top_n": TOP_OUTLETS}),
        health=health,
        night_failures=query(conn, "queries/report_night_failures", {"night": night}),
        widest_stories=query(conn, "queries/widest_stories"),
    )


def _png(fig: plt.Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _empty(fig_size: tuple[float, float], message: str) -> str:
    fig, ax = plt.subplots(figsize=fig_size)
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555")
    ax.set_axis_off()
    return _png(fig)


def _days(data: ReportData) -> list[date]:
    return [data.date_from + timedelta(days=i) for i in range((data.night - data.date_from).days + 1)]


def chart_stories_per_day(data: ReportData) -> str:
    """Stacked bars: new stories (originals) and copies per day over the window."""
    df = data.stories_per_day
    if df.is_empty():
        return _empty((9, 3), "no articles in the window")
    by_day = {row["day"]: row for row in df.iter_rows(named=True)}
    days = _days(data)
    originals = [by_day.get(d, {}).get("n_stories", 0) for d in days]
    copies = [by_day.get(d, {}).get("n_copies", 0) for d in days]
    fig, ax = plt.subplots(figsize=(9, 3))
    ax.bar(days, originals, color=ORIGINAL_COLOR, label="stories (originals)")
    ax.bar(days, copies, bottom=originals, color=COPY_COLOR, label="copies")
    ax.set_ylabel("articles")
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    _date_axis(ax, 8)
    return _png(fig)


def chart_top_actors(data: ReportData) -> str:
    """Small multiples: stories per day of each top actor, on a shared y axis."""
    df = data.top_actors
    if df.is_empty():
        return _empty((9, 2), "no actor mentions in the window")
    actors = df.select("actor_id", "name_en", "total_stories").unique(maintain_order=True)
    n = actors.height
    cols = 4
    rows = math.ceil(n / cols)
    days = _days(data)
    fig, axes = plt.subplots(rows, cols, figsize=(10, 1.9 * rows), sharex=True, sharey=True, squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_axis_off()
    for ax, actor in zip(axes.flat, actors.iter_rows(named=True), strict=False):
        series = df.filter(pl.col("actor_id") == actor["actor_id"])
        by_day = dict(zip(series["day"], series["n_stories"], strict=True))
        ax.fill_between(days, [by_day.get(d, 0) for d in days], step="mid", color=ORIGINAL_COLOR, alpha=0.8)
        ax.set_title(f"{actor['name_en'] or actor['actor_id']} ({actor['total_stories']})", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=7)
        _date_axis(ax, 3)
    fig.tight_layout()
    return _png(fig)


def chart_syndication(data: ReportData) -> str:
    """The network: outlets on a circle, an arrow from source to copier, width by copies."""
    df = data.syndication
    if df.is_empty():
        return _empty((7, 2), "no copies in the window")
    outlets = sorted(set(df["source_outlet"]) | set(df["copier_outlet"]))
    angle = {o: 2 * math.pi * i / len(outlets) for i, o in enumerate(outlets)}
    pos = {o: (math.cos(a), math.sin(a)) for o, a in angle.items()}
    most = max(df["n_copies"])
    fig, ax = plt.subplots(figsize=(7, 7))
    for row in df.iter_rows(named=True):
        src, dst = pos[row["source_outlet"]], pos[row["copier_outlet"]]
        if row["source_outlet"] == row["copier_outlet"]:
            continue  # an outlet re-running its own text: counted in the table, not drawn
        ax.annotate(
            "",
            xy=dst,
            xytext=src,
            arrowprops={
                "arrowstyle": "-|>",
                "color": COPY_COLOR,
                "lw": 1 + 4 * row["n_copies"] / most,
                "alpha": 0.75,
                "shrinkA": 14,
                "shrinkB": 14,
                "connectionstyle": "arc3,rad=0.12",
            },
        )
    sent = dict(df.group_by("source_outlet").agg(pl.col("n_copies").sum()).iter_rows())
    for outlet, (x, y) in pos.items():
        ax.scatter([x], [y], s=120 + 60 * sent.get(outlet, 0), color=ORIGINAL_COLOR, zorder=3)
        ax.text(x * 1.18, y * 1.18, outlet, ha="center", va="center", fontsize=8)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return _png(fig)


def chart_original_outlets(data: ReportData) -> str:
    """Horizontal stacked bars: own originals, originals credited to others, copies."""
    df = data.original_outlets
    if df.is_empty():
        return _empty((8, 2), "no articles in the window")
    df = df.reverse()  # largest at the top
    fig, ax = plt.subplots(figsize=(8, 0.35 * df.height + 1))
    names = df["outlet_id"].to_list()
    own = df["n_original"].to_list()
    other = df["n_other_credited"].to_list()
    copies = df["n_copies"].to_list()
    ax.barh(names, own, color=ORIGINAL_COLOR, label="original reporting")
    ax.barh(names, other, left=own, color=OTHER_COLOR, label="first seen here, credited to others")
    ax.barh(
        names, copies, left=[a + b for a, b in zip(own, other, strict=True)], color=COPY_COLOR, label="copies"
    )
    ax.set_xlabel("articles")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def chart_health(data: ReportData, nights: int = 14) -> str:
    """The last ``nights`` crawl dates: pages extracted, empty, failed, skipped (0 for a missed night)."""
    days = [data.night - timedelta(days=i) for i in range(nights - 1, -1, -1)]
    by_day = {row["crawl_date"]: row for row in data.health.iter_rows(named=True)}

    def series(*columns: str) -> list[int]:
        return [sum(by_day[d][c] for c in columns) if d in by_day else 0 for d in days]

    ok = series("n_extracted")
    empty = series("n_empty", "n_parse_error")
    failed = series("n_fetch_failed")
    total = series("n_pages")
    other = [max(0, t - a - b - c) for t, a, b, c in zip(total, ok, empty, failed, strict=True)]
    fig, ax = plt.subplots(figsize=(8, 2.8))
    bottom = [0] * len(days)
    for values, color, label in (
        (ok, ORIGINAL_COLOR, "extracted"),
        (empty, "#d62728", "empty / parse error"),
        (failed, "#7f7f7f", "fetch failed"),
        (other, "#c7c7c7", "skipped"),
    ):
        ax.bar(days, values, bottom=bottom, color=color, label=label)
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    ax.set_ylabel("pages")
    ax.set_ylim(0, max([*bottom, 1]) * 1.35)
    ax.legend(loc="upper left", frameon=False, fontsize=8, ncols=4)
    ax.spines[["top", "right"]].set_visible(False)
    _date_axis(ax)
    return _png(fig)


def _date_axis(ax: plt.Axes, ticks: int = 6) -> None:
    locator = mdates.AutoDateLocator(minticks=2, maxticks=ticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _table(df: pl.DataFrame, columns: list[str], rows: int = 15) -> str:
    columns = [c for c in columns if c in df.columns]
    if df.is_empty() or not columns:
        return "<p class='empty'>no rows</p>"

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.2f}" if not math.isnan(value) else ""
        return html.escape("" if value is None else str(value))

    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td dir='auto'>{cell(v)}</td>" for v in row) + "</tr>"
        for row in df.select(columns).head(rows).iter_rows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0; } .sub { color: #666; margin-top: .2rem; }
section { margin: 2rem 0; } img.chart { max-width: 100%; display: block; margin: .5rem 0; }
table { border-collapse: collapse; font-size: .85rem; } td, th { padding: .2rem .6rem; text-align: left;
border-bottom: 1px solid #e5e7eb; } th { background: #f3f4f6; }
.kpis { display: flex; gap: 1.5rem; } .kpi { background: #f3f4f6; padding: .6rem 1rem; border-radius: 6px; }
.kpi b { display: block; font-size: 1.4rem; } .empty { color: #888; }
"""

# Runs in the browser: marks the page with the number of charts whose image decoded, which the
# headless-Chromium test reads from the DOM (a broken image has naturalWidth 0).
_SCRIPT = """
window.addEventListener('load', () => {
  const charts = Array.from(document.querySelectorAll('img.chart'));
  const drawn = charts.filter(img => img.complete && img.naturalWidth > 0);
  document.body.dataset.charts = String(charts.length);
  document.body.dataset.chartsDrawn = String(drawn.length);
});
"""


def render_html(data: ReportData) -> str:
    """The report page for ``data``: every chart and table inline."""
    night_health = data.health.filter(pl.col("crawl_date") == data.night)
    kpi = night_health.row(0, named=True) if night_health.height else {}
    kpis = [
        ("pages", kpi.get("n_pages", 0)),
        ("fetch failed", kpi.get("n_fetch_failed", 0)),
        ("extracted", kpi.get("n_extracted", 0)),
        ("articles", kpi.get("n_articles", 0)),
        (
            "stories in window",
            int(data.stories_per_day["n_stories"].sum()) if data.stories_per_day.height else 0,
        ),
    ]
    sections = [
        (
            "Stories per day",
            "New stories (the original article of each) and the copies that followed, by publication day.",
            chart_stories_per_day(data),
            _table(
                data.widest_stories,
                ["title", "original_outlet", "first_seen", "n_articles", "outlets_reached"],
                10,
            ),
        ),
        (
            f"Top actors, last {WINDOW_DAYS} days",
            "Stories per day naming each actor (a story counts once however many copies); total in brackets.",
            chart_top_actors(data),
            "",
        ),
        (
            "Who copies whom",
            "Arrows go from the copied outlet to the outlet that copied it; width by copies.",
            chart_syndication(data),
            _table(data.syndication, ["source_outlet", "copier_outlet", "n_copies", "median_delay_hours"]),
        ),
        (
            "Outlets with most original reporting",
            "Originals written by the outlet itself, originals it carried from others, and copies.",
            chart_original_outlets(data),
            "",
        ),
        (
            "The night's fetch and extraction health",
            "Pages of the last 14 crawl dates by outcome; the night's failures below.",
            chart_health(data),
            _table(data.night_failures, ["outcome", "n_pages", "outlets", "example_reason"]),
        ),
    ]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>News pipeline report {data.night.isoformat()}</title>",
        f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head><body>",
        f"<h1>Night of {data.night.isoformat()}</h1>",
        f"<p class='sub'>window {data.date_from.isoformat()} to {data.night.isoformat()}</p>",
        "<div class='kpis'>"
        + "".join(f"<div class='kpi'><b>{v}</b>{html.escape(k)}</div>" for k, v in kpis)
        + "</div>",
    ]
    for title, note, image, table in sections:
        parts.append(
            f"<section><h2>{html.escape(title)}</h2><p class='sub'>{html.escape(note)}</p>"
            f"<img class='chart' alt='{html.escape(title)}' src='{image}'>{table}</section>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(conn: duckdb.DuckDBPyConnection, night: date, out: Path) -> ReportData:
    """Render the report for ``night`` into ``out`` (parents created); returns its data."""
    data = load_report_data(conn, night)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(render_html(data), encoding="utf-8")
    tmp.replace(out)  # atomic: a browser never opens half a report
    return data
