"""Syndication across nights on a real DuckDB warehouse: the look-back query, stable story ids,
idempotent re-runs and the "every article in exactly one story" check per crawl date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl

from pipelines.defs.assets.syndication import earlier_articles
from pipelines.defs.resources import Warehouse
from pipelines.lib import schemas, warehouse
from pipelines.lib.stories import syndication
from tests.lib.test_dedup import A_BODY, A_TEXT, B_TEXT, C_TEXT

DAY1, DAY2, DAY3 = date(2025, 1, 13), date(2025, 1, 14), date(2025, 1, 15)


def _articles(day: date, rows: list[tuple[str, str, str, str | None]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = schemas.frame(
        "articles",
        [
            {
                "article_id": aid,
                "page_id": "p-" + aid,
                "segment": 1,
                "outlet_id": outlet,
                "credited_outlet": credit,
                "text": text,
                "published_date": day,
                "crawl_date": day,
                "title": aid,
                "word_count": len(text.split()),
            }
            for aid, outlet, text, credit in rows
        ],
    )
    pages = schemas.frame(
        "pages",
        [
            {
                "page_id": "p-" + aid,
                "crawl_date": day,
                "fetched_at": datetime(day.year, day.month, day.day, 3, tzinfo=UTC),
                "url": "http://x/" + aid,
                "outlet_id": outlet,
                "source_kind": "urls",
            }
            for aid, outlet, _, _ in rows
        ],
    )
    return articles, pages


def _write(conn, table: str, day: date, frame: pl.DataFrame) -> None:
    # What the IO manager does: replace the crawl date's rows.
    conn.execute(f"delete from {table} where crawl_date = ?", [day])
    conn.register("frame_view", schemas.conform(table, frame).to_arrow())
    conn.execute(f"insert into {table} select * from frame_view")
    conn.unregister("frame_view")


def _run_night(wh: Warehouse, day: date, rows, lookback: int = 7):
    articles, pages = _articles(day, rows)
    with wh.connect() as conn:
        _write(conn, "pages", day, pages)
        _write(conn, "articles", day, articles)
    result = syndication(articles, pages, day, earlier_articles(wh, day, lookback))
    with wh.connect() as conn:
        _write(conn, "stories", day, result.stories)
        _write(conn, "article_copies", day, result.article_copies)
        _write(conn, "copy_candidates", day, result.copy_candidates)
        _write(conn, "story_members", day, result.story_members)
    return result


def _copies(wh: Warehouse) -> dict[str, dict]:
    with wh.connect(read_only=True) as conn:
        df = conn.execute("select * from article_copies").pl()
    return {r["article_id"]: r for r in df.iter_rows(named=True)}


def test_copies_across_nights(tmp_path) -> None:
    wh = Warehouse(path=str(tmp_path / "w.duckdb"))
    with wh.connect() as conn:
        warehouse.apply_migrations(conn)
    _run_night(wh, DAY1, [("a1", "spa.gov.sa", A_TEXT, "spa.gov.sa"), ("b1", "riyadh", B_TEXT, None)])
    story_a = _copies(wh)["a1"]["story_id"]

    # Night 2: a copy of yesterday's wire item and a new text.
    night2 = [("a2", "okaz", "عام / " + A_BODY, "spa.gov.sa"), ("c2", "alyaum", C_TEXT, None)]
    first = _run_night(wh, DAY2, night2)
    copies = _copies(wh)
    assert copies["a2"]["story_id"] == story_a and copies["a2"]["copy_of"] == "a1"
    assert copies["a2"]["crawl_date"] == DAY2 and copies["a1"]["crawl_date"] == DAY1
    row = first.stories.filter(pl.col("story_id") == story_a).row(0, named=True)
    assert (row["n_articles"], row["n_outlets"], row["n_independent"]) == (2, 2, 1)
    assert set(first.copy_candidates["article_b"]) | set(first.copy_candidates["article_a"]) >= {"a1", "a2"}

    # Re-running night 2 gives the same rows (idempotent), and the check query finds nothing.
    again = _run_night(wh, DAY2, night2)
    assert again.article_copies.equals(first.article_copies) and again.stories.equals(first.stories)
    with wh.connect(read_only=True) as conn:
        for day in (DAY1, DAY2):
            assert warehouse.query(conn, "checks/articles_without_story", {"crawl_date": day}).is_empty()
            assert warehouse.query(conn, "checks/story_members_primary", {"crawl_date": day}).is_empty()
        n = conn.execute("select count(*) from stories where story_id = ?", [story_a]).fetchone()[0]
    assert n == 2  # one row per night the story got an article (its state as of that night)

    # Night 3 with a look-back of 0 days does not see earlier nights: the copy starts its own story.
    _run_night(wh, DAY3, [("a3", "madina", A_TEXT + " انتهى", "spa.gov.sa")], lookback=0)
    assert _copies(wh)["a3"]["story_id"] != story_a
    # ... and with the default window it joins the night-1 story.
    _run_night(wh, DAY3, [("a3", "madina", A_TEXT + " انتهى", "spa.gov.sa")])
    assert _copies(wh)["a3"]["story_id"] == story_a


def test_story_members_check_finds_a_missing_or_wrong_primary_row(tmp_path) -> None:
    wh = Warehouse(path=str(tmp_path / "w.duckdb"))
    with wh.connect() as conn:
        warehouse.apply_migrations(conn)
    _run_night(wh, DAY1, [("a1", "spa.gov.sa", A_TEXT, "spa.gov.sa"), ("b1", "riyadh", B_TEXT, None)])
    with wh.connect() as conn:
        assert warehouse.query(conn, "checks/story_members_primary", {"crawl_date": DAY1}).is_empty()
        conn.execute("delete from story_members where article_id = 'a1'")
        story_b = conn.execute("select story_id from article_copies where article_id = 'b1'").fetchone()[0]
        conn.execute("update story_members set story_id = 'elsewhere' where article_id = 'b1'")
        bad = warehouse.query(conn, "checks/story_members_primary", {"crawl_date": DAY1})
    rows = {r["article_id"]: r for r in bad.iter_rows(named=True)}
    assert set(rows) == {"a1", "b1"}
    assert rows["a1"]["n_primary"] == 0
    assert rows["b1"]["member_story"] == "elsewhere" and rows["b1"]["copies_story"] == story_b
