"""Ingest: every source of the sources file → ``pages`` rows, bodies in the raw store.

Order of work for one crawl date:

1. directories and WARC files are read from disk;
2. feeds and sitemaps (and the home pages or robots.txt they are discovered from) are fetched,
   level by level (a sitemap index → its sitemaps), and give article URLs with date/title hints;
3. article URLs (``urls:`` plus what step 2 found) are de-duplicated per outlet on their
   canonical key (tracking parameters, fragment, ``www.``, http/https) and fetched.

Each HTTP outcome is stored and journaled (``crawl_state.py``) as soon as it arrives. A re-run
of the date replays the journal; a later night sends conditional requests for URLs it fetched
before, and skips feed/sitemap URLs already fetched unless the listing says they changed.
Rows the clean stage should not extract again say why in ``skip_reason``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.crawl_state import CrawlState, PreviousFetch
from pipelines.lib.encoding import decode_html
from pipelines.lib.feeds import Entry, discover_feeds, looks_like_feed, parse_feed
from pipelines.lib.fetch import FetchedPage, FetchRequest, ResultCallback, read_directory, unfetched_page
from pipelines.lib.ids import stable_id
from pipelines.lib.sitemaps import gunzip_if_needed, parse_sitemap, robots_sitemaps
from pipelines.lib.sources import Source
from pipelines.lib.store import RawStore
from pipelines.lib.urls import canonical, host_of, url_key
from pipelines.lib.warc import read_warc

log = logging.getLogger(__name__)

MAX_INDEX_LEVELS = 4  # home page → feed; robots.txt → sitemap index → sitemap → (one spare)
INDEX_ROLES = {"feed": "feed document", "sitemap": "sitemap document", "robots": "robots.txt"}


class UrlFetcher(Protocol):
    def __call__(
        self, requests: list[FetchRequest], on_result: ResultCallback | None = None
    ) -> list[FetchedPage]: ...


@dataclass
class _Candidate:
    """An article URL to fetch, with where it came from and the listing's hints."""

    url: str
    outlet_id: str
    source_kind: str
    discovered_from: str | None = None
    hint_published: datetime | None = None
    hint_title: str | None = None


@dataclass
class IngestResult:
    pages: pl.DataFrame
    stats: dict[str, Any] = field(default_factory=dict)


class _Progress:
    """Counts per outlet, rate and ETA, reported every ``every`` seconds while fetching."""

    def __init__(self, report: Callable[[str], None] | None, every: float = 5.0) -> None:
        self.report = report
        self.every = every
        self.lock = threading.Lock()
        self.total: Counter[str] = Counter()
        self.done: Counter[str] = Counter()
        self.started = time.monotonic()
        self.last = self.started

    def expect(self, outlet_id: str, n: int = 1) -> None:
        self.total[outlet_id] += n

    def tick(self, outlet_id: str, force: bool = False) -> None:
        with self.lock:
            self.done[outlet_id] += 1
            now = time.monotonic()
            if self.report is None or (not force and now - self.last < self.every):
                return
            self.last = now
        self.report(self.line())

    def line(self) -> str:
        done, total = sum(self.done.values()), sum(self.total.values())
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate > 0 else float("inf")
        open_outlets = sorted(o for o in self.total if self.done[o] < self.total[o])
        per = ", ".join(f"{o} {self.done[o]}/{self.total[o]}" for o in open_outlets[:12])
        more = f" (+{len(open_outlets) - 12} more)" if len(open_outlets) > 12 else ""
        return (
            f"ingest: {done}/{total} fetched ({100 * done / max(total, 1):.0f}%), {rate:.1f} pages/s, "
            f"ETA {eta:.0f}s; in progress: {per or 'none'}{more}"
        )

    def per_outlet(self) -> dict[str, int]:
        return dict(sorted(self.done.items()))


class _Run:
    """One crawl date's rows, the journal, and the history of earlier nights."""

    def __init__(
        self,
        crawl_date: date,
        store: RawStore,
        state: CrawlState | None,
        progress: Callable[[str], None] | None,
    ) -> None:
        self.crawl_date = crawl_date
        self.store = store
        self.state = state
        self.replayed = state.replay(crawl_date) if state else {}
        self.previous: dict[tuple[str, str], PreviousFetch] = state.latest_before(crawl_date) if state else {}
        self.rows: dict[str, dict[str, Any]] = {}
        self.progress = _Progress(progress)
        self.stats: Counter[str] = Counter()
        self.lock = threading.Lock()

    def page_id(self, outlet_id: str, source_kind: str, locator: str) -> str:
        return stable_id("p_", self.crawl_date.isoformat(), outlet_id, source_kind, locator)

    def row(
        self,
        page: FetchedPage,
        *,
        candidate: _Candidate | None = None,
        role: str | None = None,
        previous: PreviousFetch | None = None,
    ) -> dict[str, Any]:
        """The ``pages`` row of a fetch; stores the body (before anything else can be lost)."""
        sha1 = encoding = None
        size = len(page.body) if page.body is not None else None
        error = page.error
        change = skip_reason = None
        if page.body is not None:
            sha1 = self.store.put(page.body)
            if error is None and role is None:
                _, encoding = decode_html(page.body, page.content_type)
        if (
            role == "sitemap"
            and error == "binary content, not HTML"
            and (page.body or b"")[:2] == b"\x1f\x8b"
        ):
            error = None  # a gzip sitemap looks binary to the page reader; for a sitemap it is fine
        if page.http_status == 304:
            if previous is None:
                error = "http 304 without a stored copy"
            else:
                # Not modified: the body is the one stored on the earlier night.
                sha1, size = previous.content_sha1, previous.row.get("bytes")
                encoding = previous.row.get("encoding")
        if error is None and page.source_kind not in ("directory", "warc"):
            if previous is None:
                change = "new"
            elif sha1 == previous.content_sha1:
                change = "unchanged"
                skip_reason = f"unchanged since {previous.crawl_date.isoformat()}"
            else:
                change = "changed"
        if role is not None and error is None:
            skip_reason = INDEX_ROLES[role]
        return {
            "page_id": self.page_id(page.outlet_id, page.source_kind, page.locator),
            "url": page.url,
            "final_url": page.final_url,
            "outlet_id": page.outlet_id,
            "crawl_date": self.crawl_date,
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
            "hint_published": candidate.hint_published if candidate else None,
            "hint_title": candidate.hint_title if candidate else None,
            "discovered_from": candidate.discovered_from if candidate else None,
            "etag": page.etag,
            "last_modified": page.last_modified,
            "attempts": page.attempts,
            "change": change,
            "skip_reason": skip_reason,
        }

    def add(self, row: dict[str, Any]) -> None:
        with self.lock:
            self.rows.setdefault(row["page_id"], row)

    def fetch(
        self,
        fetch_urls: UrlFetcher,
        jobs: list[tuple[FetchRequest, _Candidate, str | None, PreviousFetch | None]],
    ) -> list[dict[str, Any]]:
        """Fetch ``(request, candidate, role, previous)`` jobs, replaying journaled ones."""
        out: list[dict[str, Any] | None] = [None] * len(jobs)
        todo: list[int] = []
        for i, (request, _, _, _) in enumerate(jobs):
            page_id = self.page_id(request.outlet_id, request.source_kind, request.locator or request.url)
            if page_id in self.replayed:
                out[i] = self.replayed[page_id]
                self.stats["replayed from journal"] += 1
            else:
                todo.append(i)
                self.progress.expect(request.outlet_id)
        by_locator = {(jobs[i][0].outlet_id, jobs[i][0].locator or jobs[i][0].url): i for i in todo}

        def on_result(page: FetchedPage) -> None:
            i = by_locator[(page.outlet_id, page.locator)]
            request, candidate, role, previous = jobs[i]
            page = replace(page, source_kind=request.source_kind)
            row = self.row(page, candidate=candidate, role=role, previous=previous)
            if self.state is not None:
                self.state.record(self.crawl_date, url_key(candidate.url), row)
            out[i] = row
            self.progress.tick(page.outlet_id)

        if todo:
            fetch_urls([jobs[i][0] for i in todo], on_result)
        missing = [i for i in todo if out[i] is None]
        for i in missing:  # a fetcher that lost a request must not lose the page
            request, candidate, role, previous = jobs[i]
            page = unfetched_page(request, "fetch error: no result from the fetcher")
            out[i] = self.row(page, candidate=candidate, role=role, previous=previous)
        rows = [r for r in out if r is not None]
        for row in rows:
            self.add(row)
        return rows

    def body(self, row: dict[str, Any]) -> bytes | None:
        if row.get("error") is not None and row.get("content_sha1") is None:
            return None
        sha1 = row.get("content_sha1")
        if sha1 is None or not self.store.has(sha1):
            return None
        return self.store.get(sha1)


def _index_jobs(sources: Sequence[Source]) -> list[tuple[_Candidate, str]]:
    jobs = []
    for source in sources:
        for url in source.feeds:
            jobs.append((_Candidate(canonical(url), source.id, "feeds"), "feed"))
        for url in source.sitemaps:
            jobs.append((_Candidate(canonical(url), source.id, "sitemaps"), "sitemap"))
    return jobs


def _is_home(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


def _read_index(
    run: _Run, row: dict[str, Any], candidate: _Candidate, role: str
) -> tuple[list[Entry], list[tuple[_Candidate, str]]]:
    """Entries and further index documents found in one fetched feed/sitemap/robots/home page."""
    body = run.body(row)
    if body is None or row.get("error") not in (None, "binary content, not HTML"):
        return [], []
    base = row.get("final_url") or row["url"]
    follow: list[tuple[_Candidate, str]] = []

    def more(url: str, next_role: str) -> None:
        follow.append((_Candidate(url, candidate.outlet_id, candidate.source_kind, base), next_role))

    if role == "feed":
        text, _ = decode_html(body, row.get("content_type"))
        if looks_like_feed(text):
            return parse_feed(body, base), []
        for url in discover_feeds(text, base):
            more(url, "feed")
        return [], follow
    if role == "robots":
        for url in robots_sitemaps(body.decode("utf-8", errors="replace"), host_of(base)):
            more(url, "sitemap")
        return [], follow
    sitemap = parse_sitemap(gunzip_if_needed(body), base)
    if not sitemap.valid:
        if _is_home(candidate.url):  # a home page given as "sitemap": robots.txt says where
            more(f"{host_of(base)}/robots.txt", "robots")
        return [], follow
    for child in sitemap.sitemaps:
        more(child.url, "sitemap")
    return sitemap.entries, follow


def ingest_pages(
    sources: Sequence[Source],
    crawl_date: date,
    store: RawStore,
    fetch_urls: UrlFetcher,
    state: CrawlState | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """The ``pages`` frame of one crawl date and counts for the run's metadata."""
    run = _Run(crawl_date, store, state, progress)
    # 1. files on disk
    for source in sources:
        for directory in source.directories:
            for page in read_directory(directory, source.id):
                run.add(run.row(page))
        for path in source.warc:
            for page in read_warc(path, source.id):
                run.add(run.row(page))

    # 2. feeds and sitemaps, level by level
    entries: list[_Candidate] = []
    level = _index_jobs(sources)
    seen_index: set[tuple[str, str]] = set()
    for depth in range(MAX_INDEX_LEVELS):
        batch = []
        for candidate, role in level:
            key = (candidate.outlet_id, url_key(candidate.url))
            if key in seen_index:
                continue
            seen_index.add(key)
            request = FetchRequest(candidate.url, candidate.outlet_id, candidate.source_kind, candidate.url)
            batch.append((request, candidate, role, None))
        if not batch:
            break
        rows = run.fetch(fetch_urls, batch)
        level = []
        for row, (_, candidate, role, _) in zip(rows, batch, strict=True):
            found, follow = _read_index(run, row, candidate, role)
            source_url = row.get("final_url") or row["url"]
            for entry in found:
                entries.append(
                    _Candidate(
                        entry.url,
                        candidate.outlet_id,
                        candidate.source_kind,
                        source_url,
                        entry.published,
                        entry.title,
                    )
                )
            level.extend(follow if depth + 1 < MAX_INDEX_LEVELS else [])
            run.stats[f"{role} entries"] += len(found)

    # 3. article URLs
    candidates: dict[tuple[str, str], _Candidate] = {}
    for source in sources:
        for url in source.urls:
            candidates.setdefault((source.id, url_key(url)), _Candidate(canonical(url), source.id, "urls"))
    for entry in entries:
        key = (entry.outlet_id, url_key(entry.url))
        if key in candidates:
            known = candidates[key]
            known.hint_published = known.hint_published or entry.hint_published
            known.hint_title = known.hint_title or entry.hint_title
            run.stats["duplicate listings"] += 1
        else:
            candidates[key] = entry
    jobs = []
    for (outlet_id, key), candidate in candidates.items():
        previous = run.previous.get((outlet_id, key))
        if previous is not None and candidate.source_kind != "urls":
            # Listed again by a feed/sitemap: fetch only when the listing's date is newer.
            fetched = previous.fetched_at
            if candidate.hint_published is None or (
                fetched is not None and candidate.hint_published <= fetched
            ):
                run.stats["known, not fetched again"] += 1
                continue
        request = FetchRequest(
            candidate.url,
            outlet_id,
            candidate.source_kind,
            candidate.url,
            etag=previous.row.get("etag") if previous else None,
            last_modified=previous.row.get("last_modified") if previous else None,
        )
        jobs.append((request, candidate, None, previous))
    run.fetch(fetch_urls, jobs)
    if progress is not None and sum(run.progress.total.values()):
        progress(run.progress.line())

    _mark_redirect_duplicates(run.rows)
    frame = schemas.frame("pages", run.rows.values()).sort("page_id")
    stats = dict(run.stats)
    stats["fetched per outlet"] = run.progress.per_outlet()
    return IngestResult(frame, stats)


def _mark_redirect_duplicates(rows: dict[str, dict[str, Any]]) -> None:
    """Two listed URLs that land on the same page (feed-proxy links, redirects): extract it once.

    The page fetched at its own address is kept; among redirects, the smallest page_id.
    """
    groups: dict[tuple[str, str], list[tuple[bool, str]]] = {}
    for page_id, row in rows.items():
        if row["error"] is not None or row["skip_reason"] is not None:
            continue
        if row["source_kind"] in ("directory", "warc"):
            continue
        final = url_key(row["final_url"] or row["url"])
        groups.setdefault((row["outlet_id"], final), []).append((url_key(row["url"]) != final, page_id))
    for members in groups.values():
        members.sort()
        for _, page_id in members[1:]:
            rows[page_id]["skip_reason"] = f"duplicate of {members[0][1]}"


def pages_frame(fetched: Sequence[FetchedPage], crawl_date: date, store: RawStore) -> pl.DataFrame:
    """``pages`` rows for fetch attempts (no history); successful bodies go to the raw store."""
    run = _Run(crawl_date, store, None, None)
    for page in fetched:
        run.add(run.row(page))
    return schemas.frame("pages", run.rows.values()).sort("page_id")
