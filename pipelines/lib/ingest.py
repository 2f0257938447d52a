"""Ingest: every source of the sources file → ``pages`` rows, bodies in the raw store."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.encoding import decode_html
from pipelines.lib.fetch import FetchedPage, read_directory
from pipelines.lib.ids import stable_id
from pipelines.lib.sources import Source
from pipelines.lib.store import RawStore

log = logging.getLogger(__name__)

UrlFetcher = Callable[[list[tuple[str, str]]], list[FetchedPage]]


def gather_fetches(sources: Sequence[Source], fetch_urls: UrlFetcher) -> list[FetchedPage]:
    """Read every directory source and fetch every URL source; one record per attempt."""
    fetched: list[FetchedPage] = []
    requests: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for source in sources:
        for directory in source.directories:
            for page in read_directory(directory, source.id):
                fetched.append(page)
        for url in source.urls:
            if (url, source.id) not in seen:
                seen.add((url, source.id))
                requests.append((url, source.id))
        for kind, items in (("feeds", source.feeds), ("sitemaps", source.sitemaps), ("warc", source.warc)):
            if items:
                log.warning("source %s: %s are not read yet (later ingest stage), skipped", source.id, kind)
    if requests:
        fetched.extend(fetch_urls(requests))
    return fetched


def pages_frame(fetched: Sequence[FetchedPage], crawl_date: date, store: RawStore) -> pl.DataFrame:
    """``pages`` rows for fetch attempts; successful bodies go to the raw store."""
    rows = []
    seen_ids: set[str] = set()
    for page in fetched:
        page_id = stable_id("p_", crawl_date.isoformat(), page.outlet_id, page.source_kind, page.locator)
        if page_id in seen_ids:
            continue
        seen_ids.add(page_id)
        sha1 = encoding = None
        size = len(page.body) if page.body is not None else None
        error = page.error
        if page.body is not None:
            sha1 = store.put(page.body)
            if error is None:
                _, encoding = decode_html(page.body, page.content_type)
        rows.append(
            {
                "page_id": page_id,
                "url": page.url,
                "final_url": page.final_url,
                "outlet_id": page.outlet_id,
                "crawl_date": crawl_date,
                "fetched_at": page.fetched_at.astimezone(UTC) if page.fetched_at else None,
                "http_status": page.http_status,
                "encoding": encoding,
                "bytes": size,
                "content_sha1": sha1,
                "error": error,
                "source_kind": page.source_kind,
                "content_type": page.content_type,
                "elapsed_ms": round(page.elapsed_ms, 3),
                "from_cache": page.from_cache,
                "source_locator": page.locator,
            }
        )
    return schemas.frame("pages", rows).sort("page_id")


def collect_pages(
    sources: Sequence[Source], crawl_date: date, store: RawStore, fetch_urls: UrlFetcher
) -> pl.DataFrame:
    """The ``pages`` frame of one crawl date."""
    return pages_frame(gather_fetches(sources, fetch_urls), crawl_date, store)


def now_utc() -> datetime:
    return datetime.now(UTC)
