"""Reading pages: HTTP fetches and directories of saved pages, one record per attempt.

Every attempt yields a :class:`FetchedPage`, failures included (with the reason in ``error``),
so the ``pages`` table shows what was tried. Feeds, sitemaps and WARC files are later readers
that produce the same record.

trafilatura's ``fetch_response`` returns ``None`` on a connection error and logs the reason,
so the reason would be lost; the HTTP reader uses httpx directly and keeps every reason.
"""

from __future__ import annotations

import gzip
import html
import random
import re
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from pipelines.lib.encoding import looks_binary

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_CANONICAL = re.compile(rb"""<link[^>]+rel=["']?canonical["']?[^>]*>""", re.IGNORECASE)
_HREF = re.compile(rb"""href=["']([^"']+)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class FetchedPage:
    """One attempt at reading a page."""

    url: str
    final_url: str | None
    outlet_id: str
    source_kind: str  # urls | directory | feeds | sitemaps | warc
    locator: str  # what was read: the URL, or the file path relative to its directory source
    fetched_at: datetime
    http_status: int | None
    content_type: str | None
    body: bytes | None
    error: str | None
    elapsed_ms: float
    from_cache: bool = False


@dataclass(frozen=True)
class HttpSettings:
    """Limits of the HTTP reader."""

    user_agent: str = "news-pipelines/0.1 (+https://github.com/; research crawler)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff_base: float = 0.5
    max_workers: int = 8
    per_host: int = 2


def canonical_url(body: bytes) -> str | None:
    """The ``<link rel="canonical">`` of a page, if it has one."""
    match = _CANONICAL.search(body[:200_000])
    if not match:
        return None
    href = _HREF.search(match.group(0))
    if not href:
        return None
    value = html.unescape(href.group(1).decode("utf-8", errors="replace")).strip()
    # A relative canonical link says nothing stable about the page's address.
    return value if value.lower().startswith(("http://", "https://")) else None


def read_directory(directory: Path, outlet_id: str, now: datetime | None = None) -> Iterator[FetchedPage]:
    """Saved pages of a directory source, in sorted path order.

    The page URL is the page's canonical link (it is a saved copy of that URL) or else a
    ``file:`` URL made of the outlet id and the relative path, stable across machines.
    """
    if not directory.is_dir():
        yield FetchedPage(
            url=f"file:{outlet_id}/",
            final_url=None,
            outlet_id=outlet_id,
            source_kind="directory",
            locator=str(directory),
            fetched_at=now or datetime.now(UTC),
            http_status=None,
            content_type=None,
            body=None,
            error=f"directory not found: {directory}",
            elapsed_ms=0.0,
        )
        return
    paths = sorted(p for p in directory.rglob("*") if p.is_file() and p.name.lower().endswith(HTML_SUFFIXES))
    for path in paths:
        relative = path.relative_to(directory).as_posix()
        started = time.perf_counter()
        # The file's modification time is when the page was saved; it also keeps re-runs identical.
        fetched_at = now or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        error = None
        body: bytes | None = None
        try:
            body = path.read_bytes()
            if path.name.lower().endswith(".gz"):
                body = gzip.decompress(body)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            error = f"read error: {exc}"
            body = None
        if body is not None and not body.strip():
            error = "empty file"
        elif body is not None and looks_binary(body):
            error = "binary content, not HTML"
        url = (canonical_url(body) if body else None) or f"file:{outlet_id}/{relative}"
        yield FetchedPage(
            url=url,
            final_url=url,
            outlet_id=outlet_id,
            source_kind="directory",
            locator=relative,
            fetched_at=fetched_at,
            http_status=None,
            content_type="text/html",
            body=body,
            error=error,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )


class HttpFetcher:
    """Fetches URLs concurrently with per-host limits, retries and size limits."""

    def __init__(self, settings: HttpSettings | None = None) -> None:
        self.settings = settings or HttpSettings()
        self._host_locks: dict[str, threading.Semaphore] = {}
        self._guard = threading.Lock()

    def _host_semaphore(self, host: str) -> threading.Semaphore:
        with self._guard:
            if host not in self._host_locks:
                self._host_locks[host] = threading.Semaphore(self.settings.per_host)
            return self._host_locks[host]

    def fetch_many(self, requests: Iterable[tuple[str, str]]) -> list[FetchedPage]:
        """Fetch ``(url, outlet_id)`` pairs; results in the order given."""
        requests = list(requests)
        if not requests:
            return []
        limits = httpx.Limits(max_connections=self.settings.max_workers * 2)
        timeout = httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout)
        with (
            httpx.Client(
                headers={"User-Agent": self.settings.user_agent},
                follow_redirects=True,
                max_redirects=self.settings.max_redirects,
                timeout=timeout,
                limits=limits,
            ) as client,
            ThreadPoolExecutor(max_workers=self.settings.max_workers) as pool,
        ):
            return list(pool.map(lambda r: self.fetch_one(client, r[0], r[1]), requests))

    def fetch_one(self, client: httpx.Client, url: str, outlet_id: str) -> FetchedPage:
        """Fetch one URL, retrying on 429, 5xx and connection errors."""
        base = FetchedPage(
            url=url,
            final_url=None,
            outlet_id=outlet_id,
            source_kind="urls",
            locator=url,
            fetched_at=datetime.now(UTC),
            http_status=None,
            content_type=None,
            body=None,
            error=None,
            elapsed_ms=0.0,
        )
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            return replace(base, error=f"unsupported scheme: {scheme or 'none'}")
        attempt = 0
        while True:
            started = time.perf_counter()
            result = self._attempt(client, url, base, started)
            retryable = result.error is not None and (
                (result.http_status is None and result.error.startswith(("connection", "timeout")))
                or result.http_status in (429, 500, 502, 503, 504)
            )
            if not retryable or attempt >= self.settings.retries:
                return result
            attempt += 1
            delay = self.settings.backoff_base * (2 ** (attempt - 1)) * (1 + random.random() * 0.25)
            time.sleep(min(delay, 10.0))

    def _attempt(self, client: httpx.Client, url: str, base: FetchedPage, started: float) -> FetchedPage:
        host = urlsplit(url).hostname or ""
        deadline = started + self.settings.total_timeout
        with self._host_semaphore(host):
            fetched_at = datetime.now(UTC)
            try:
                with client.stream("GET", url) as response:
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.settings.max_bytes:
                            return replace(
                                base,
                                fetched_at=fetched_at,
                                final_url=str(response.url),
                                http_status=response.status_code,
                                error=f"body larger than {self.settings.max_bytes} bytes",
                                elapsed_ms=(time.perf_counter() - started) * 1000,
                            )
                        if time.perf_counter() > deadline:
                            raise httpx.ReadTimeout("total timeout exceeded")
                        chunks.append(chunk)
                    body = b"".join(chunks)
                    status = response.status_code
                    content_type = response.headers.get("content-type")
                    error = None
                    if status >= 400:
                        error = f"http {status}"
                    elif looks_binary(body):
                        error = "binary content, not HTML"
                    return replace(
                        base,
                        fetched_at=fetched_at,
                        final_url=str(response.url),
                        http_status=status,
                        content_type=content_type,
                        body=body if status < 400 else None,
                        error=error,
                        elapsed_ms=(time.perf_counter() - started) * 1000,
                    )
            except httpx.TooManyRedirects as exc:
                error = f"too many redirects: {exc}"
            except httpx.TimeoutException as exc:
                error = f"timeout: {exc or type(exc).__name__}"
            except httpx.TransportError as exc:
                error = f"connection error: {exc or type(exc).__name__}"
            except httpx.HTTPError as exc:
                error = f"http error: {exc}"
            return replace(
                base,
                fetched_at=fetched_at,
                error=error,
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )
