"""Tests for the nightly report: data from the views, a self-contained page, charts that draw."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.report import load_report_data, render_html, write_report
from pipelines.lib.warehouse import apply_migrations
from tests.ui.chromium import chromium, png_colours

NIGHT = date(2025, 1, 15)


def _insert(conn: duckdb.DuckDBPyConnection, table: str, row: dict) -> None:
    # By column name: migrations that add columns do not break the fixture.
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"insert into {table} ({names}) values ({marks})", list(row.values()))


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """Three nights, two outlets: a wire story copied by a paper, one failed fetch on the night."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as conn:
        apply_migrations(conn)
        for outlet, kind in (("wire.example", "agency"), ("paper.example", "outlet")):
            _insert(conn, "outlets", {"outlet_id": outlet, "name": outlet, "kind": kind})
        _insert(conn, "actors", {"actor_id": "country:IRQ", "name_en": "Iraq", "type": "country"})
        _insert(conn, "actors", {"actor_id": "country:SYR", "name_en": "Syria", "type": "country"})
        for back in range(3):
            night = NIGHT - timedelta(days=back)
            for outlet in ("wire.example", "paper.example"):
                page = f"p_{outlet}_{night}"
                _insert(
                    conn,
                    "pages",
                    {
                        "page_id": page,
                        "url": f"https://{outlet}/{night}",
                        "outlet_id": outlet,
                        "crawl_date": night,
                        "source_kind": "urls",
                        "error": "http 404" if (back == 0 and outlet == "paper.example") else None,
                    },
                )
                failed = back == 0 and outlet == "paper.example"
                _insert(
                    conn,
                    "extractions",
                    {
                        "page_id": page,
                        "crawl_date": night,
                        "outcome": "skipped" if failed else "ok",
                        "n_articles": 0 if failed else 1,
                    },
                )
                if failed:
                    continue
                article = f"a_{outlet}_{night}"
                wire = f"a_wire.example_{night}"
                _insert(
                    conn,
                    "articles",
                    {
                        "article_id": article,
                        "page_id": page,
                        "segment": 1,
                        "outlet_id": outlet,
                        "credited_outlet": "wire.example",
                        "title": "خبر",
                        "published_date": night,
                        "language": "ar",
                        "text": "نص الخبر",
                        "word_count": 2,
                        "crawl_date": night,
                    },
                )
                _insert(
                    conn,
                    "article_copies",
                    {
                        "article_id": article,
                        "story_id": f"s_{night}",
                        "is_original": outlet == "wire.example",
                        "copy_of": None if outlet == "wire.example" else wire,
                        "method": "original" if outlet == "wire.example" else "exact",
                        "crawl_date": night,
                    },
                )
                for actor in ("country:IRQ", "country:SYR"):
                    _insert(
                        conn,
                        "actor_mentions",
                        {
                            "article_id": article,
                            "actor_id": actor,
                            "surface": "x",
                            "match": "alias",
                            "crawl_date": night,
                            "location": "text",
                        },
                    )
    return path


def test_report_data(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        data = load_report_data(conn, NIGHT)
    assert data.stories_per_day["n_stories"].to_list() == [1, 1, 1]
    # the paper's page failed on the night: no copy that day
    assert data.stories_per_day["n_copies"].to_list() == [1, 1, 0]
    assert data.syndication.rows() == [("wire.example", "paper.example", 2, None)]
    assert set(data.top_actors["name_en"]) == {"Iraq", "Syria"}
    assert data.top_actors.filter(data.top_actors["name_en"] == "Iraq")["total_stories"][0] == 3
    night = data.health.filter(data.health["crawl_date"] == NIGHT).row(0, named=True)
    assert (night["n_pages"], night["n_fetch_failed"], night["n_extracted"]) == (2, 1, 1)
    wire = data.original_outlets.filter(data.original_outlets["outlet_id"] == "wire.example")
    assert (wire["n_original"][0], wire["n_copies"][0]) == (3, 0)


def test_report_page_is_self_contained(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "report.html"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        write_report(conn, NIGHT, out)
    page = out.read_text(encoding="utf-8")
    assert page.count("<img class='chart'") == 5
    assert len(re.findall(r"src='data:image/png;base64,", page)) == 5
    # nothing fetched from the network when the file opens
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page)
    assert "Night of 2025-01-15" in page


def test_empty_warehouse_renders(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "empty.duckdb")) as conn:
        apply_migrations(conn)
        page = render_html(load_report_data(conn, NIGHT))
    assert page.count("<img class='chart'") == 5


def test_report_draws_in_chromium(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        write_report(conn, NIGHT, out)
    # The page's script counts the chart images that decoded (naturalWidth > 0) into the DOM.
    dom = chromium(["--virtual-time-budget=5000", "--dump-dom", out.as_uri()], tmp_path / "profile")
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body, dom.stderr[-2000:]
    assert 'data-charts="5"' in body.group(0)
    assert 'data-charts-drawn="5"' in body.group(0), body.group(0)
    shot = tmp_path / "report.png"
    chromium(["--window-size=1200,2400", f"--screenshot={shot}", out.as_uri()], tmp_path / "profile")
    assert shot.exists() and png_colours(shot) > 50
