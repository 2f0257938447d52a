"""The DuckDB warehouse: connections, migrations and the one helper that runs SQL files.

SQL lives in ``sql/`` (``ddl/`` numbered migrations, ``views/``, ``reports/``, ``queries/``);
values always go in as bound parameters, never formatted into the text.

DuckDB allows one writing process per file. Writers retry the connection with backoff, and the
Dagster instance runs one warehouse-writing run at a time (see ``dagster.yaml``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipelines.lib import schemas
from pipelines.paths import SQL_DIR

DUCKDB_TYPES = {
    "String": "varchar",
    "Date": "date",
    "Int32": "integer",
    "Int64": "bigint",
    "Float64": "double",
    "Boolean": "boolean",
}


def connect(path: Path | str, read_only: bool = False, attempts: int = 30) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting (with jittered backoff) while another process holds the lock."""
    if not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    delay = 0.1
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 5.0)
    raise AssertionError("unreachable")


def sql_text(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    path = SQL_DIR / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(f"no SQL file {path}")
    return path.read_text(encoding="utf-8")


def run_sql(
    conn: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Run ``sql/<name>.sql`` with named parameters (``$name`` in the file)."""
    text = sql_text(name)
    if params:
        return conn.execute(text, dict(params))
    return conn.execute(text)


def query(
    conn: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None
) -> pl.DataFrame:
    """Run a SELECT file and return a Polars frame."""
    return run_sql(conn, name, params).pl()


def migrations() -> list[Path]:
    return sorted((SQL_DIR / "ddl").glob("[0-9][0-9][0-9]_*.sql"))


def apply_migrations(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered DDL files not applied yet; returns the versions applied now.

    Migrations only create or alter: an existing warehouse is upgraded in place, no rows lost.
    """
    conn.execute(
        "create table if not exists schema_migrations (version varchar primary key, applied_at timestamptz)"
    )
    done = {row[0] for row in conn.execute("select version from schema_migrations").fetchall()}
    applied = []
    for path in migrations():
        version = path.stem
        if version in done:
            continue
        conn.execute("begin transaction")
        try:
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute("insert into schema_migrations values (?, now())", [version])
            conn.execute("commit")
        except Exception:
            conn.execute("rollback")
            raise
        applied.append(version)
    return applied


def duckdb_type(dtype: pl.DataType) -> str:
    """The DuckDB column type the DDL uses for a schema's Polars type."""
    if isinstance(dtype, pl.Datetime):
        return "timestamp with time zone" if dtype.time_zone else "timestamp"
    if isinstance(dtype, pl.List):
        return f"{duckdb_type(dtype.inner)}[]"
    name = type(dtype).__name__ if not isinstance(dtype, type) else dtype.__name__
    return DUCKDB_TYPES[name]


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """``(column, type)`` of a warehouse table in column order."""
    rows = conn.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [(name, dtype.lower()) for name, dtype in rows]


def schema_mismatches(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Tables whose columns differ from ``schemas.py`` (empty when the DDL matches)."""
    problems = {}
    for table, schema in schemas.TABLES.items():
        expected = [(c, duckdb_type(t)) for c, t in schema.items()]
        actual = table_columns(conn, table)
        if actual != expected:
            problems[table] = f"expected {expected}, found {actual}"
    return problems
