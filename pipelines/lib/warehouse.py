"""The DuckDB warehouse: connections, migrations and the one helper that runs SQL files.

SQL lives in ``sql/`` (``ddl/`` numbered migrations, ``views/``, ``reports/``, ``queries/``);
values always go in as bound parameters, never formatted into the text.

DuckDB allows one writing process per file. Writers retry the connection with backoff, and the
Dagster instance runs one warehouse-writing run at a time (see ``dagster.yaml``).
"""

from __future__ import annotations

import hashlib
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
    create_views(conn)
    return applied


def views() -> list[Path]:
    """The view files, ``sql/views/<view name>.sql``, each one ``select`` (no ``create``)."""
    return sorted((SQL_DIR / "views").glob("*.sql"))


def _view_digest(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def create_views(conn: duckdb.DuckDBPyConnection, temporary: bool = False) -> list[str]:
    """(Re)create the views of ``sql/views/`` whose file changed; returns the names created now.

    Each view carries the SHA-1 of its file as its comment, so the IO manager's per-load call
    costs one catalog query and a view is only replaced when its SQL changed. ``temporary``
    creates them as temp views, for a read-only connection on a warehouse that predates them.
    Views may select from other views: a view whose dependency is not created yet is retried
    after the others.
    """
    existing = {
        name: comment
        for name, comment in conn.execute(
            "select view_name, comment from duckdb_views() where not internal and schema_name = 'main'"
            " and database_name = (case when $temp then 'temp' else current_database() end)",
            {"temp": temporary},
        ).fetchall()
    }
    pending = {}
    for path in views():
        text = path.read_text(encoding="utf-8")
        if existing.get(path.stem) != _view_digest(text):
            pending[path.stem] = text
    created: list[str] = []
    kind = "temp view" if temporary else "view"
    while pending:
        errors = {}
        created_before = len(created)
        for name, text in list(pending.items()):
            # The name is a file stem checked below, the body is our own SQL file: no values.
            if not name.replace("_", "").isalnum():
                raise ValueError(f"view file name {name!r} is not an identifier")
            try:
                conn.execute(f"create or replace {kind} {name} as\n{text}")
                if not temporary:
                    conn.execute(f"comment on view {name} is '{_view_digest(text)}'")
            except duckdb.CatalogException as error:
                errors[name] = error
                continue
            created.append(name)
            del pending[name]
        if len(created) == created_before:
            # No progress in a whole pass: a real error, not an ordering problem.
            name, error = next(iter(errors.items()))
            raise RuntimeError(f"view {name} (sql/views/{name}.sql): {error}") from error
    return created


def ensure_views(conn: duckdb.DuckDBPyConnection) -> None:
    """Make the views queryable on any connection: created in place, or as temp views when the
    connection is read-only (``make sql``, the report) and the warehouse predates them."""
    try:
        create_views(conn)
    except duckdb.Error as error:
        if "read-only" not in str(error).lower():
            raise
        create_views(conn, temporary=True)


def fts_extension_path() -> Path | None:
    """The fts extension shipped by the ``duckdb-extension-fts`` wheel (pinned with duckdb)."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    found = sorted(Path(duckdb_extension_fts.__file__).parent.rglob("fts.duckdb_extension"))
    return found[0] if found else None


def load_fts(conn: duckdb.DuckDBPyConnection) -> None:
    """Load full-text search from the wheel's file: no download at run time."""
    path = fts_extension_path()
    if path is None:
        raise RuntimeError("the duckdb-extension-fts package is not installed")
    conn.execute(f"load '{path.as_posix()}'")


def build_search_index(conn: duckdb.DuckDBPyConnection) -> int:
    """(Re)build the BM25 index over ``articles`` title and text; returns the articles indexed.

    DuckDB's fts index is a snapshot (schema ``fts_main_articles``): it must be rebuilt after
    articles change, which the ``article_search_index`` asset does after every night. Arabic
    Snowball stemmer; tokens are runs of letters and digits in any script (the default pattern
    keeps only a-z and would drop every Arabic word).
    """
    load_fts(conn)
    conn.execute(
        "pragma create_fts_index('articles', 'article_id', 'title', 'text', stemmer = 'arabic', "
        "stopwords = 'none', ignore = '(\\.|[^\\p{L}\\p{N}])+', strip_accents = 0, lower = 1, "
        "overwrite = 1)"
    )
    return conn.execute("select count(*) from fts_main_articles.docs").fetchone()[0]


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


def upgrade(path: Path | str) -> str:
    """Migrations and views on an existing warehouse, without waiting: ``make sql`` runs it before
    opening the CLI read-only, and a running pipeline (holding the lock) is left alone."""
    if not Path(path).exists():
        return f"no warehouse at {path} yet (make run creates it)"
    try:
        conn = connect(path, attempts=1)
    except duckdb.IOException:
        return "warehouse busy (a run holds it): views as they are"
    with conn:
        applied = apply_migrations(conn)
        messages = [f"migrations applied: {', '.join(applied)}"] if applied else []
        has_index = conn.execute(
            "select count(*) from duckdb_schemas() where schema_name = 'fts_main_articles'"
        ).fetchone()[0]
        if not has_index:
            # a warehouse from before the article_search_index asset: search works right away
            messages.append(f"search index built over {build_search_index(conn)} articles")
    return "; ".join(messages)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pipelines.lib.warehouse")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upgrade", help="apply migrations and views when the file is free").add_argument(
        "path"
    )
    commands.add_parser("fts-path", help="print the fts extension file shipped with duckdb")
    args = parser.parse_args(argv)
    if args.command == "upgrade":
        message = upgrade(args.path)
        if message:
            print(message)
    else:
        path = fts_extension_path()
        if path is None:
            raise SystemExit("duckdb-extension-fts is not installed")
        print(path)


if __name__ == "__main__":
    main()
