"""Reading pages: HTTP fetches and directories of saved pages, one record per attempt.

Every attempt yields a :class:`FetchedPage`, failures included (with the reason in ``error``),
so the ``pages`` table shows what was tried. WARC files (``warc.py``) produce the same record.

trafilatura's ``fetch_response`` returns ``None`` on a connection error and logs the reason, and
it has no per-host scheduling, conditional GET or Retry-After, so the HTTP reader uses httpx
directly. courlan's ``UrlStore`` schedules one URL per host per polling call (``get_download_urls``)
and silently discards URLs it cannot validate (no ``pages`` row would say so), so the scheduler
here is a small per-host queue: at most ``per_host`` requests in flight per host, at least
``min_delay`` (or the robots.txt crawl-delay) between two request starts on one host, and hosts
served round-robin by ``max_workers`` threads so a long list from one outlet does not hold up
the others (``bench/fetch.py`` measures it).
"""

from __future__ import annotations

import gzip
import html
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from pipelines.lib.encoding import looks_binary
from pipelines.lib.robots import RobotsRules, fetch_robots
from pipelines.lib.urls import host_of

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_CANONICAL = re.compile(rb"""<link[^>]+rel=["']?canonical["']?[^>]*>""", re.IGNORECASE)
_HREF = re.compile(rb"""href=["']([^"']+)["']""", re.IGNORECASE)
RETRY_STATUSES = (429, 500, 502, 503, 504)


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
    from_cache: bool = False  # 304 Not Modified: the body is the one stored on an earlier night
    etag: str | None = None
    last_modified: str | None = None
    attempts: int | None = None  # HTTP attempts, retries included (None: not an HTTP fetch)


@dataclass(frozen=True)
class FetchRequest:
    """One URL to fetch, with the validators of the copy fetched on an earlier night."""

    url: str
    outlet_id: str
    source_kind: str = "urls"
    locator: str | None = None  # defaults to the URL
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class HttpSettings:
    """Limits of the HTTP reader."""

    user_agent: str = "news-pipelines/0.1 (research crawler)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff_base: float = 0.5
    max_backoff: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After gives up instead of stalling the night
    max_workers: int = 32
    per_host: int = 2
    min_delay: float = 0.0  # seconds between two request starts on one host
    max_crawl_delay: float = 30.0  # robots.txt crawl-delay is honoured up to this
    obey_robots: bool = True


ResultCallback = Callable[[FetchedPage], None]


def unfetched_page(req: FetchRequest, error: str | None = None) -> FetchedPage:
    """The record of a request before (or instead of) its fetch: no status, no body."""
    return FetchedPage(
        url=req.url,
        final_url=None,
        outlet_id=req.outlet_id,
        source_kind=req.source_kind,
        locator=req.locator or req.url,
        fetched_at=datetime.now(UTC),
        http_status=None,
        content_type=None,
        body=None,
        error=error,
        elapsed_ms=0.0,
    )


def _as_request(item: FetchRequest | tuple[str, str]) -> FetchRequest:
    if isinstance(item, FetchRequest):
        return item
    url, outlet_id = item
    return FetchRequest(url=url, outlet_id=outlet_id)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


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


@dataclass
class _Host:
    queue: deque[int] = field(default_factory=deque)
    active: int = 0
    next_start: float = 0.0
    delay: float = 0.0
    robots: RobotsRules | None = None
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    probing: bool = False  # robots.txt not read yet: one request at a time until its delay is known


class _Scheduler:
    """Per-host queues served round-robin under per-host concurrency and delay limits."""

    def __init__(self, hosts: dict[str, _Host], remaining: int, per_host: int) -> None:
        self.hosts = hosts
        self.order = list(hosts)
        self.turn = 0
        self.remaining = remaining
        self.per_host = per_host
        self.cond = threading.Condition()
        self.max_active: dict[str, int] = dict.fromkeys(hosts, 0)

    def acquire(self) -> tuple[str, int] | None:
        """The next ``(host, request index)`` allowed to start now; ``None`` when all are done."""
        with self.cond:
            while True:
                if self.remaining <= 0:
                    return None
                now = time.monotonic()
                wake = None
                for step in range(len(self.order)):
                    name = self.order[(self.turn + step) % len(self.order)]
                    host = self.hosts[name]
                    if not host.queue or host.active >= (1 if host.probing else self.per_host):
                        continue
                    if host.next_start > now:
                        wake = host.next_start if wake is None else min(wake, host.next_start)
                        continue
                    self.turn = (self.turn + step + 1) % len(self.order)
                    host.active += 1
                    self.max_active[name] = max(self.max_active[name], host.active)
                    host.next_start = now + host.delay
                    return name, host.queue.popleft()
                self.cond.wait(timeout=None if wake is None else max(wake - now, 0.001))

    def abort(self) -> None:
        with self.cond:
            self.remaining = 0
            self.cond.notify_all()

    def finish(self, name: str) -> None:
        with self.cond:
            self.hosts[name].active -= 1
            self.remaining -= 1
            self.cond.notify_all()

    def retry(self, name: str, index: int, delay: float) -> None:
        """Put a request back at the front of its host's queue; the host waits ``delay``."""
        with self.cond:
            host = self.hosts[name]
            host.active -= 1
            host.queue.appendleft(index)
            # 429/503 speak for the whole host, so the whole host waits.
            host.next_start = max(host.next_start, time.monotonic() + delay)
            self.cond.notify_all()

    def robots_read(self, name: str, delay: float | None) -> None:
        """robots.txt is known: apply its crawl-delay (the page request starts now)."""
        with self.cond:
            host = self.hosts[name]
            host.probing = False
            if delay:
                host.delay = max(host.delay, delay)
                host.next_start = max(host.next_start, time.monotonic() + host.delay)
            self.cond.notify_all()


class HttpFetcher:
    """Fetches URLs concurrently and politely: robots.txt, per-host limits, retries, size limits."""

    def __init__(self, settings: HttpSettings | None = None) -> None:
        self.settings = settings or HttpSettings()
        self.max_active_per_host: dict[str, int] = {}

    def _client(self) -> httpx.Client:
        s = self.settings
        timeout = httpx.Timeout(s.read_timeout, connect=s.connect_timeout, pool=s.total_timeout)
        return httpx.Client(
            headers={"User-Agent": s.user_agent},
            follow_redirects=True,
            max_redirects=s.max_redirects,
            timeout=timeout,
            limits=httpx.Limits(max_connections=s.max_workers * 2, max_keepalive_connections=s.max_workers),
        )

    def fetch_many(
        self, requests: Iterable[FetchRequest | tuple[str, str]], on_result: ResultCallback | None = None
    ) -> list[FetchedPage]:
        """Fetch every request; results in the order given. ``on_result`` sees each as it completes."""
        reqs = [_as_request(r) for r in requests]
        results: list[FetchedPage | None] = [None] * len(reqs)
        hosts: dict[str, _Host] = {}
        for index, req in enumerate(reqs):
            scheme = urlsplit(req.url).scheme.lower()
            if scheme not in ("http", "https") or not urlsplit(req.url).hostname:
                results[index] = replace(
                    self._base(req), error=f"unsupported scheme: {scheme or 'none'}", attempts=0
                )
                if on_result:
                    on_result(results[index])
                continue
            host = hosts.setdefault(
                host_of(req.url), _Host(delay=self.settings.min_delay, probing=self.settings.obey_robots)
            )
            host.queue.append(index)
        if hosts:
            pending = sum(len(h.queue) for h in hosts.values())
            scheduler = _Scheduler(hosts, pending, max(1, self.settings.per_host))
            attempts = [0] * len(reqs)
            workers = max(1, min(self.settings.max_workers, pending))
            with self._client() as client, ThreadPoolExecutor(max_workers=workers) as pool:
                futures = [
                    pool.submit(self._work, client, scheduler, reqs, results, attempts, on_result)
                    for _ in range(workers)
                ]
                for future in futures:
                    future.result()
            self.max_active_per_host = scheduler.max_active
        return [r for r in results if r is not None]

    def _work(
        self,
        client: httpx.Client,
        scheduler: _Scheduler,
        reqs: list[FetchRequest],
        results: list[FetchedPage | None],
        attempts: list[int],
        on_result: ResultCallback | None,
    ) -> None:
        while (job := scheduler.acquire()) is not None:
            name, index = job
            req = reqs[index]
            try:
                result, retry_in = self._step(client, scheduler, name, req, attempts, index)
            except Exception as exc:  # a bug here must not lose the page or hang the run
                result, retry_in = replace(self._base(req), error=f"fetch error: {exc!r}"), None
            if retry_in is not None:
                scheduler.retry(name, index, retry_in)
                continue
            results[index] = result
            scheduler.finish(name)
            if on_result:
                try:
                    on_result(result)
                except BaseException:
                    # The caller could not record a result (disk full, interrupted): stop fetching
                    # what could not be recorded either.
                    scheduler.abort()
                    raise

    def _step(
        self,
        client: httpx.Client,
        scheduler: _Scheduler,
        name: str,
        req: FetchRequest,
        attempts: list[int],
        index: int,
    ) -> tuple[FetchedPage, float | None]:
        s = self.settings
        host = scheduler.hosts[name]
        if s.obey_robots:
            with host.robots_lock:
                if host.robots is None:
                    host.robots = fetch_robots(client, name)
                    delay = host.robots.crawl_delay(s.user_agent)
                    scheduler.robots_read(name, min(delay, s.max_crawl_delay) if delay else None)
                rules = host.robots
                if rules.unreachable is not None:
                    # RFC 9309: an unreachable robots.txt disallows everything; read it again
                    # on the retry, the host may be back.
                    host.robots = None
            if rules.unreachable is not None:
                attempts[index] += 1
                result = replace(
                    self._base(req), error=f"{rules.unreachable} (robots.txt)", attempts=attempts[index]
                )
                if attempts[index] > s.retries:
                    return result, None
                return result, self._backoff(attempts[index])
            if not rules.allowed(req.url, s.user_agent):
                return replace(self._base(req), error="robots.txt disallows", attempts=attempts[index]), None
        attempts[index] += 1
        result, retry_after = self._attempt(client, req)
        result = replace(result, attempts=attempts[index])
        retryable = result.error is not None and (
            (result.http_status is None and result.error.startswith(("connection", "timeout")))
            or result.http_status in RETRY_STATUSES
        )
        if not retryable or attempts[index] > s.retries:
            return result, None
        if retry_after is not None:
            if retry_after > s.max_retry_after:
                return replace(
                    result, error=f"{result.error} (retry-after {retry_after:.0f}s too long)"
                ), None
            return result, retry_after
        return result, self._backoff(attempts[index])

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter, so retries of many pages do not arrive together."""
        s = self.settings
        return min(s.backoff_base * (2 ** (attempt - 1)) * (1 + random.random() * 0.5), s.max_backoff)

    @staticmethod
    def _base(req: FetchRequest) -> FetchedPage:
        return unfetched_page(req)

    def _attempt(self, client: httpx.Client, req: FetchRequest) -> tuple[FetchedPage, float | None]:
        """One GET; returns the record and the Retry-After delay, if the server sent one."""
        s = self.settings
        base = self._base(req)
        started = time.perf_counter()
        deadline = started + s.total_timeout
        headers = {}
        if req.etag:
            headers["If-None-Match"] = req.etag
        if req.last_modified:
            headers["If-Modified-Since"] = req.last_modified

        def done(**changes: object) -> FetchedPage:
            return replace(base, elapsed_ms=(time.perf_counter() - started) * 1000, **changes)  # type: ignore[arg-type]

        try:
            with client.stream("GET", req.url, headers=headers) as response:
                status = response.status_code
                meta = {
                    "final_url": str(response.url),
                    "http_status": status,
                    "content_type": response.headers.get("content-type"),
                    "etag": response.headers.get("etag"),
                    "last_modified": response.headers.get("last-modified"),
                }
                retry_after = retry_after_seconds(response.headers.get("retry-after"))
                if status == 304:
                    return done(**meta, from_cache=True), None
                if status >= 400:
                    return done(**meta, error=f"http {status}"), retry_after
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > s.max_bytes:
                    return done(**meta, error=f"body larger than {s.max_bytes} bytes"), None
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > s.max_bytes:
                        return done(**meta, error=f"body larger than {s.max_bytes} bytes"), None
                    if time.perf_counter() > deadline:
                        raise httpx.ReadTimeout(f"total timeout of {s.total_timeout}s exceeded")
                    chunks.append(chunk)
                body = b"".join(chunks)
                error = "binary content, not HTML" if looks_binary(body) else None
                return done(**meta, body=body, error=error), None
        except httpx.TooManyRedirects as exc:
            error = f"too many redirects: {exc}"
        except httpx.UnsupportedProtocol as exc:
            error = f"unsupported scheme: {exc}"
        except httpx.TimeoutException as exc:
            error = f"timeout: {exc or type(exc).__name__}"
        except httpx.TransportError as exc:
            error = f"connection error: {exc or type(exc).__name__}"
        except httpx.HTTPError as exc:
            error = f"http error: {exc}"
        return done(error=error), None
