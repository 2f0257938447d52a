"""Tests for the DuckDB warehouse helpers: migrations, schema contract, reports, locking."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.lib import schemas
from pipelines.lib.warehouse import (
    apply_migrations,
    connect,
    duckdb_type,
    migrations,
    query,
    schema_mismatches,
    sql_text,
    table_columns,
)


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    yield connection
    connection.close()


def test_apply_migrations_twice(conn: duckdb.DuckDBPyConnection) -> None:
    versions = [p.stem for p in migrations()]
    assert versions, "no migrations found"
    assert apply_migrations(conn) == versions
    assert apply_migrations(conn) == []
    recorded = [row[0] for row in conn.execute("select version from schema_migrations order by 1").fetchall()]
    assert recorded == versions


def test_ddl_matches_schemas(conn: duckdb.DuckDBPyConnection) -> None:
    apply_migrations(conn)
    assert schema_mismatches(conn) == {}
    for table, schema in schemas.TABLES.items():
        assert [c for c, _ in table_columns(conn, table)] == list(schema), table


def test_schema_mismatch_reported(conn: duckdb.DuckDBPyConnection) -> None:
    apply_migrations(conn)
    conn.execute("alter table stories add column extra_col varchar")
    problems = schema_mismatches(conn)
    assert set(problems) == {"stories"}
    assert "extra_col" in problems["stories"]


@pytest.mark.parametrize(
    ("dtype", "expected"),
    [
        (pl.String, "varchar"),
        (pl.Int32, "integer"),
        (pl.Int64, "bigint"),
        (pl.Float64, "double"),
        (pl.Boolean, "boolean"),
        (pl.Date, "date"),
        (pl.Datetime("us", "UTC"), "timestamp with time zone"),
        (pl.Datetime("us"), "timestamp"),
        (pl.List(pl.String), "varchar[]"),
    ],
)
def test_duckdb_type(dtype: pl.DataType, expected: str) -> None:
    assert duckdb_type(dtype) == expected


def test_existing_rows_survive_migrations(tmp_path: Path) -> None:
    path = tmp_path / "wh" / "warehouse.duckdb"
    first = connect(path)
    apply_migrations(first)
    first.execute(
        "insert into outlets (outlet_id, name, kind, aliases) values (?, ?, ?, ?)",
        ["alittihad.ae", "Al-Ittihad", "outlet", ["الاتحاد"]],
    )
    first.close()
    second = connect(path)
    assert apply_migrations(second) == []
    rows = second.execute("select outlet_id, name, aliases from outlets").fetchall()
    second.close()
    assert rows == [("alittihad.ae", "Al-Ittihad", ["الاتحاد"])]


def test_table_counts_report_lists_every_table(conn: duckdb.DuckDBPyConnection) -> None:
    apply_migrations(conn)
    conn.execute("insert into outlets (outlet_id, name, kind) values ('a.example', 'A', 'outlet')")
    counts = query(conn, "reports/table_counts")
    assert isinstance(counts, pl.DataFrame)
    assert set(counts["table_name"]) == set(schemas.TABLES)
    as_dict = dict(zip(counts["table_name"], counts["n_rows"], strict=True))
    assert as_dict["outlets"] == 1
    assert as_dict["pages"] == 0


def test_sql_text_missing() -> None:
    with pytest.raises(FileNotFoundError, match="no SQL file"):
        sql_text("reports/does_not_exist")


def test_connect_waits_for_lock(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    ready = tmp_path / "ready"
    holder = textwrap.dedent(
        f"""
        import pathlib, time, duckdb
        conn = duckdb.connect({str(path)!r})
        conn.execute("create table t (x integer)")
        conn.execute("insert into t values (1)")
        pathlib.Path({str(ready)!r}).write_text("ok")
        time.sleep(1.0)
        conn.close()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", holder])
    try:
        deadline = time.monotonic() + 15
        while not ready.exists():
            assert process.poll() is None, "lock holder exited early"
            assert time.monotonic() < deadline, "lock holder did not start"
            time.sleep(0.02)
        # The lock is held now: a plain connect fails immediately ...
        with pytest.raises(duckdb.IOException):
            duckdb.connect(str(path))
        # ... and connect() waits until the holder releases it.
        started = time.monotonic()
        conn = connect(path, attempts=30)
        waited = time.monotonic() - started
        try:
            assert conn.execute("select x from t").fetchall() == [(1,)]
        finally:
            conn.close()
        assert waited > 0.2
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_connect_gives_up_after_attempts(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    ready = tmp_path / "ready"
    holder = textwrap.dedent(
        f"""
        import pathlib, sys, duckdb
        conn = duckdb.connect({str(path)!r})
        pathlib.Path({str(ready)!r}).write_text("ok")
        sys.stdin.read()
        conn.close()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while not ready.exists():
            assert time.monotonic() < deadline
            time.sleep(0.02)
        with pytest.raises(duckdb.IOException):
            connect(path, attempts=2)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


def test_views_created_by_migrations(conn: duckdb.DuckDBPyConnection) -> None:
    from pipelines.lib.warehouse import views

    apply_migrations(conn)
    names = {r[0] for r in conn.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert {p.stem for p in views()} <= names
    for path in views():
        # every view binds and runs on an empty warehouse
        assert conn.execute(f"select count(*) from {path.stem}").fetchone() == (0,)


def test_create_views_skips_unchanged_and_orders_dependencies(conn: duckdb.DuckDBPyConnection) -> None:
    from pipelines.lib.warehouse import create_views

    apply_migrations(conn)
    assert create_views(conn) == []
    # article_facts is used by other views: dropping it and one dependant recreates both, in order
    conn.execute("drop view actor_timeline")
    conn.execute("drop view article_facts")
    assert create_views(conn) == ["article_facts", "actor_timeline"]


def test_broken_view_is_reported(
    conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from pipelines.lib import warehouse

    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "broken.sql").write_text("select * from no_such_table\n", encoding="utf-8")
    monkeypatch.setattr(warehouse, "SQL_DIR", tmp_path)
    with pytest.raises(RuntimeError, match="view broken"):
        warehouse.create_views(conn)


def test_read_only_warehouse_gets_temp_views(tmp_path: Path) -> None:
    from pipelines.lib.warehouse import ensure_views

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as writer:
        apply_migrations(writer)
        # a warehouse from before the views
        for name in [
            r[0] for r in writer.execute("select view_name from duckdb_views() where not internal").fetchall()
        ]:
            writer.execute(f"drop view {name}")
    with duckdb.connect(str(path), read_only=True) as reader:
        ensure_views(reader)
        assert reader.execute("select count(*) from story_timeline").fetchone() == (0,)


def test_search_index_over_arabic(conn: duckdb.DuckDBPyConnection) -> None:
    from pipelines.lib.warehouse import build_search_index, fts_extension_path

    assert fts_extension_path() is not None
    apply_migrations(conn)
    for i, (title, text) in enumerate(
        [
            ("البرلمان يناقش قانون الحشد", "ناقش البرلمان العراقي قانون الحشد الشعبي"),
            ("أسعار النفط", "ارتفعت أسعار النفط"),
        ]
    ):
        conn.execute(
            "insert into articles (article_id, page_id, segment, outlet_id, text, word_count, crawl_date,"
            " title) values (?, 'p', 1, 'o', ?, 5, '2025-01-15', ?)",
            [f"a{i}", text, title],
        )
    assert build_search_index(conn) == 2
    hits = conn.execute(
        "select article_id from (select article_id, fts_main_articles.match_bm25(article_id, 'الحشد') as s "
        "from articles) where s is not null"
    ).fetchall()
    assert hits == [("a0",)]
