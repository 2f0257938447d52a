"""WARC and WARC.gz files (fastwarc): one ``FetchedPage`` per HTTP response record.

The page URL is the record's ``WARC-Target-URI`` and ``fetched_at`` its ``WARC-Date``: the archive
is the fetch, so the crawl that wrote it is what the ``pages`` row describes. The locator is the
file name and the record's byte offset, stable across machines and re-runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from pipelines.lib.encoding import looks_binary
from pipelines.lib.fetch import FetchedPage


def _failure(path: Path, outlet_id: str, error: str, locator: str | None = None) -> FetchedPage:
    return FetchedPage(
        url=f"file:{outlet_id}/{path.name}",
        final_url=None,
        outlet_id=outlet_id,
        source_kind="warc",
        locator=locator or path.name,
        fetched_at=datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        if path.exists()
        else datetime.now(UTC),
        http_status=None,
        content_type=None,
        body=None,
        error=error,
        elapsed_ms=0.0,
    )


def read_warc(path: Path, outlet_id: str, max_bytes: int = 20_000_000) -> Iterator[FetchedPage]:
    """Response records of a WARC file (plain or gzip), in file order."""
    if not path.is_file():
        yield _failure(path, outlet_id, f"warc file not found: {path}")
        return
    offset = 0
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(
                handle, record_types=WarcRecordType.response, parse_http=True, auto_decode="all"
            )
            for record in records:
                started = time.perf_counter()
                offset = record.stream_pos
                url = record.headers.get("WARC-Target-URI") or f"file:{outlet_id}/{path.name}@{offset}"
                url = url.strip("<> ")
                fetched_at = record.record_date or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
                if fetched_at.tzinfo is None:
                    fetched_at = fetched_at.replace(tzinfo=UTC)
                status = record.http_headers.status_code if record.http_headers else None
                content_type = record.http_headers.get("Content-Type") if record.http_headers else None
                body: bytes | None = record.reader.read(max_bytes + 1)
                error = None
                if status is not None and status >= 400:
                    error, body = f"http {status}", None
                elif body is not None and len(body) > max_bytes:
                    error, body = f"body larger than {max_bytes} bytes", None
                elif body is not None and not body.strip():
                    error = "empty record"
                elif body is not None and looks_binary(body):
                    error = "binary content, not HTML"
                yield FetchedPage(
                    url=url,
                    final_url=url,
                    outlet_id=outlet_id,
                    source_kind="warc",
                    locator=f"{path.name}@{offset}",
                    fetched_at=fetched_at.astimezone(UTC),
                    http_status=status,
                    content_type=content_type,
                    body=body,
                    error=error,
                    elapsed_ms=(time.perf_counter() - started) * 1000,
                )
    except OSError as exc:
        # A truncated or corrupt archive: keep what was read, record where it broke.
        yield _failure(path, outlet_id, f"warc read error: {exc}", locator=f"{path.name}@error")
