"""The crawl journal: every HTTP fetch outcome, written as it happens, kept across nights.

A SQLite file under ``NEWS_DATA_DIR/crawl_state/`` rather than the warehouse: the DuckDB IO
manager writes the ``pages`` partition once, at the end of the asset, so a run killed half-way
leaves nothing there, and the run itself holds DuckDB's single-writer lock. The journal is
committed row by row (WAL), so:

- a re-run or a resumed run of a crawl date replays that date's rows instead of fetching again
  (identical rows, no duplicates, no second request for what is already stored);
- a later night reads the latest earlier row of each URL for its validators (ETag,
  Last-Modified) and content hash: conditional GET, and unchanged pages are not processed again.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
create table if not exists fetches (
    crawl_date text not null,
    page_id text not null,
    outlet_id text not null,
    url_key text not null,
    content_sha1 text,
    row_json text not null,
    primary key (crawl_date, page_id)
);
create index if not exists fetches_by_url on fetches (outlet_id, url_key, crawl_date);
"""

_DATETIMES = ("fetched_at", "hint_published")


@dataclass(frozen=True)
class PreviousFetch:
    """The latest successful fetch of a URL on an earlier night."""

    crawl_date: date
    row: dict[str, Any]

    @property
    def content_sha1(self) -> str | None:
        return self.row.get("content_sha1")

    @property
    def fetched_at(self) -> datetime | None:
        return self.row.get("fetched_at")


def _encode(row: dict[str, Any]) -> str:
    def default(value: Any) -> str:
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")

    return json.dumps(row, default=default, ensure_ascii=False, sort_keys=True)


def _decode(text: str) -> dict[str, Any]:
    row = json.loads(text)
    for key in _DATETIMES:
        if row.get(key):
            row[key] = datetime.fromisoformat(row[key])
    if row.get("crawl_date"):
        row["crawl_date"] = date.fromisoformat(row["crawl_date"])
    return row


class CrawlState:
    """SQLite journal of fetch outcomes; safe to call from fetch worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, timeout=60)
        self._conn.execute("pragma journal_mode=wal")
        self._conn.execute("pragma synchronous=normal")
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, crawl_date: date, url_key: str, row: dict[str, Any]) -> None:
        """Journal one ``pages`` row of ``crawl_date`` (committed at once: a kill loses nothing)."""
        with self._lock, self._conn:
            self._conn.execute(
                "insert or replace into fetches values (?, ?, ?, ?, ?, ?)",
                (
                    crawl_date.isoformat(),
                    row["page_id"],
                    row["outlet_id"],
                    url_key,
                    # Only a good body is a valid "previous copy" for later nights.
                    row.get("content_sha1") if row.get("error") is None else None,
                    _encode(row),
                ),
            )

    def replay(self, crawl_date: date) -> dict[str, dict[str, Any]]:
        """Rows already journaled for ``crawl_date``, by page_id."""
        with self._lock:
            cursor = self._conn.execute(
                "select page_id, row_json from fetches where crawl_date = ?", (crawl_date.isoformat(),)
            )
            return {page_id: _decode(text) for page_id, text in cursor.fetchall()}

    def latest_before(self, crawl_date: date) -> dict[tuple[str, str], PreviousFetch]:
        """Per ``(outlet_id, url_key)``, the latest fetch with a body on a night before ``crawl_date``.

        Only earlier nights count, so re-running a date (or back-filling an older one) sees the
        same history as its first run.
        """
        sql = """
            select outlet_id, url_key, crawl_date, row_json from (
                select *, row_number() over (
                    partition by outlet_id, url_key order by crawl_date desc, page_id
                ) as rank
                from fetches
                where crawl_date < ? and content_sha1 is not null
            ) where rank = 1
        """
        with self._lock:
            rows = self._conn.execute(sql, (crawl_date.isoformat(),)).fetchall()
        return {
            (outlet, key): PreviousFetch(date.fromisoformat(day), _decode(text))
            for outlet, key, day, text in rows
        }
