"""Acceptance: the seed case (../shared/seed) served over loopback HTTP, run with the documented
``dagster asset materialize`` command, checked against every expectation of expected.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, SEED, fetch_dicts, require_shared, serve_bytes

PARTITION = "2024-12-10"
OUTLETS = {
    "almasalah.com": ("Al-Masalla", "المسلة", "outlet", "IRQ"),
    "alittihad.ae": ("Al-Ittihad", "الاتحاد", "outlet", "ARE"),
    "news-digest.example": ("News Digest", "موجز الأخبار", "aggregator", None),
}
CREDITED = {"المسلة": "almasalah.com", "الاتحاد": "alittihad.ae"}


def _strip_quotes(text: str) -> str:
    return text.strip('«»"“” ')


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    require_shared(SEED / "expected.json")
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    tmp = tmp_path_factory.mktemp("seed")

    # One loopback server; each page under /<outlet>/<file name>.
    import http.server
    import threading

    from tests.conftest import _Server

    routes = {}
    urls: dict[str, list[str]] = {outlet: [] for outlet in OUTLETS}
    for page in expected["pages"]:
        path = f"/{page['outlet']}/{Path(page['file']).stem}"
        routes[path] = serve_bytes((SEED / page["file"]).read_bytes())
        urls[page["outlet"]].append(path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
            else:
                route(self)

        def log_message(self, *args: object) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    lines = ["sources:"]
    for outlet, (name, name_ar, kind, country) in OUTLETS.items():
        lines += [f"  - id: {outlet}", f"    name: {name}", f"    name_ar: {name_ar}", f"    kind: {kind}"]
        if country:
            lines.append(f"    country: {country}")
        lines += ["    language: ar", "    urls:"] + [f"      - {base}{p}" for p in urls[outlet]]
    sources = tmp / "sources.yaml"
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    import os

    env = dict(os.environ)
    env.update(
        NEWS_SOURCES=str(sources),
        NEWS_WAREHOUSE=str(tmp / "warehouse.duckdb"),
        NEWS_DATA_DIR=str(tmp / "data"),
        DAGSTER_HOME=str(home),
    )
    dagster = Path(sys.executable).parent / "dagster"
    command = [str(dagster), "asset", "materialize", "-m", "pipelines.definitions", "--select", "*",
               "--partition", PARTITION]  # fmt: skip
    try:
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    conn = duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True)
    request.addfinalizer(conn.close)
    return expected, conn, done.stdout + done.stderr


def _articles_by_file(expected: dict, conn: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    out = {}
    for page in expected["pages"]:
        stem = Path(page["file"]).stem
        out[page["file"]] = fetch_dicts(
            conn,
            "select a.* from articles a join pages p using (page_id) where p.url like ? order by a.segment",
            [f"%/{stem}"],
        )
    return out


def test_counts(seed_run) -> None:
    expected, conn, _ = seed_run
    for table, count in expected["expected_counts"].items():
        assert conn.execute(f"select count(*) from {table}").fetchone()[0] == count, table
    for table in ("outlets", "pages", "articles", "stories", "article_copies", "actors", "actor_mentions",
                  "date_mentions"):  # fmt: skip
        assert conn.execute(f"select count(*) from {table}").fetchone()[0] > 0, table
    assert conn.execute("select count(*) from pages where error is not null").fetchone()[0] == 0


def test_pages_and_segments(seed_run) -> None:
    expected, conn, _ = seed_run
    by_file = _articles_by_file(expected, conn)
    for page in expected["pages"]:
        articles = by_file[page["file"]]
        assert len(articles) == len(page["segments"]), page["file"]
        for article, segment in zip(articles, page["segments"], strict=True):
            where = f"{page['file']}#{article['segment']}"
            assert article["outlet_id"] == page["outlet"], where
            assert article["credited_outlet"] == CREDITED[segment["outlet_credited"]], where
            assert article["title"] == segment["title"], where
            assert article["language"] == segment["language"], where
            assert str(article["published_date"]) == segment["published"], where
            text = article["text"]
            assert text.startswith(segment["first_sentence"]), where
            assert text.endswith(segment["last_sentence"]), where
            for banned in segment["must_not_contain"]:
                assert banned not in text, f"{where}: {banned!r} survived cleaning"
        if articles:
            assert articles[0]["url"] == page["url"]


def test_actors(seed_run) -> None:
    expected, conn, _ = seed_run
    by_file = _articles_by_file(expected, conn)
    for page in expected["pages"]:
        for article, segment in zip(by_file[page["file"]], page["segments"], strict=True):
            where = f"{page['file']}#{article['segment']}"
            mentions = fetch_dicts(
                conn,
                "select m.*, a.name_en, a.type from actor_mentions m join actors a using (actor_id) "
                "where m.article_id = ?",
                [article["article_id"]],
            )
            for must in segment["actors"]["must"]:
                found = [m for m in mentions if m["name_en"] == must["name_en"]]
                assert found, f"{where}: {must['name_en']} not found"
                assert all(m["type"] == must["type"] for m in found), f"{where}: {must['name_en']} type"
                for form in must["surface_forms"]:
                    form = _strip_quotes(form)
                    assert any(m["surface"] in form or form in m["surface"] for m in found), (
                        f"{where}: {must['name_en']} not found as {form!r}: {[m['surface'] for m in found]}"
                    )
            names = {m["name_en"] for m in mentions}
            for banned in segment["actors"]["must_not"]:
                assert banned not in names, f"{where}: {banned} must not be found"


def test_dates(seed_run) -> None:
    expected, conn, _ = seed_run
    by_file = _articles_by_file(expected, conn)
    for page in expected["pages"]:
        for article, segment in zip(by_file[page["file"]], page["segments"], strict=True):
            where = f"{page['file']}#{article['segment']}"
            mentions = fetch_dicts(
                conn, "select * from date_mentions where article_id = ?", [article["article_id"]]
            )
            for wanted in segment["dates"]:
                hits = [m for m in mentions if m["surface"] == wanted["surface"]]
                assert hits, (
                    f"{where}: date {wanted['surface']!r} not found in {[m['surface'] for m in mentions]}"
                )
                assert any(
                    str(m["value"]) == wanted["value"] and m["kind"] == wanted["kind"] for m in hits
                ), f"{where}: {wanted} vs {hits}"
            for m in mentions:
                if m["start_char"] is not None:
                    assert article["text"][m["start_char"] : m["end_char"]] == m["surface"]


def test_stories(seed_run) -> None:
    expected, conn, _ = seed_run
    by_file = _articles_by_file(expected, conn)

    def article_for(ref: str) -> dict:
        file, _, segment = ref.partition("#")
        return by_file[file][int(segment or 1) - 1]

    story_ids = set()
    for story in expected["stories"].values():
        original = article_for(story["original"])
        copies = [article_for(ref) for ref in story["copies"]]
        rows = {r["article_id"]: r for r in fetch_dicts(conn, "select * from article_copies")}
        story_id = rows[original["article_id"]]["story_id"]
        story_ids.add(story_id)
        assert rows[original["article_id"]]["is_original"] is True
        assert rows[original["article_id"]]["copy_of"] is None
        for copy in copies:
            assert rows[copy["article_id"]]["story_id"] == story_id
            assert rows[copy["article_id"]]["is_original"] is False
            assert rows[copy["article_id"]]["copy_of"] == original["article_id"]
        (story_row,) = fetch_dicts(conn, "select * from stories where story_id = ?", [story_id])
        assert story_row["original_article_id"] == original["article_id"]
        assert story_row["n_articles"] == 1 + len(copies)
    assert len(story_ids) == len(expected["stories"])
    # is_original per segment as expected.json states it
    for page in expected["pages"]:
        for article, segment in zip(by_file[page["file"]], page["segments"], strict=True):
            (row,) = fetch_dicts(
                conn, "select * from article_copies where article_id = ?", [article["article_id"]]
            )
            assert row["is_original"] is segment["is_original"]


def test_checks_passed(seed_run) -> None:
    _, _, log = seed_run
    assert "ASSET_CHECK_EVALUATION" in log
    assert "failed" not in " ".join(line for line in log.splitlines() if "ASSET_CHECK_EVALUATION" in line)
