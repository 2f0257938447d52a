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
