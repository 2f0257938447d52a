"""Integration: the whole ingest over loopback HTTP servers (feeds, sitemaps, WARC, failures),
then the next nights: re-run, incremental night, and a run killed half-way that resumes."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.crawl_state import CrawlState
from pipelines.lib.fetch import FetchRequest, HttpFetcher, HttpSettings, ResultCallback
from pipelines.lib.ingest import ingest_pages
from pipelines.lib.sources import Source
from pipelines.lib.store import RawStore
from tests.conftest import Route, redirect_to, serve_bytes
from tests.lib.test_warc import warc_record, write_warc

D1, D2 = date(2025, 1, 14), date(2025, 1, 15)
ARABIC = (
    "<html><head><title>{t}</title></head>"
    "<body><article><p>{t}: نص الخبر الكامل للتجربة.</p></article></body></html>"
)
SETTINGS = HttpSettings(
    backoff_base=0.01,
    read_timeout=0.5,
    total_timeout=2.0,
    connect_timeout=1.0,
    max_bytes=2_000_000,
    retries=2,
)


class Site:
    """A news site: counts hits, answers conditional requests, can change a page between nights."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.version = {"/news/2": "v1"}

    def page(self, title: str, etag: str | None = None, charset: str = "utf-8") -> Route:
        def handler(request: http.server.BaseHTTPRequestHandler) -> None:
            tag = etag or f'"{self.version.get(request.path, "v1")}"'
            if request.headers.get("If-None-Match") == tag:
                request.send_response(304)
                request.send_header("ETag", tag)
                request.end_headers()
                return
            body = ARABIC.format(t=f"{title} {self.version.get(request.path, '')}").encode(charset)
            request.send_response(200)
            request.send_header("Content-Type", f"text/html; charset={charset}")
            request.send_header("ETag", tag)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)

        return handler

    def routes(self, routes: dict[str, Route]) -> dict[str, Route]:
        def counted(path: str, route: Route) -> Route:
            def handler(request: http.server.BaseHTTPRequestHandler) -> None:
                with self.lock:
                    self.hits[path] += 1
                route(request)

            return handler

        return {path: counted(path, route) for path, route in routes.items()}


def _flaky_500() -> Route:
    calls = [0]

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        calls[0] += 1
        serve_bytes(b"down", status=500)(request) if calls[0] == 1 else serve_bytes(
            ARABIC.format(t="بعد الخطأ").encode()
        )(request)

    return handler


def _slow(request: http.server.BaseHTTPRequestHandler) -> None:
    time.sleep(1.0)
    try:
        serve_bytes(b"<html>late</html>")(request)
    except OSError:
        pass


@pytest.fixture
def world(http_server, tmp_path: Path):
    site, other = Site(), Site()
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Feed one</title><link>/news/1?utm_source=rss</link>
        <pubDate>Tue, 14 Jan 2025 06:00:00 GMT</pubDate></item>
      <item><title>Feed two</title><link>/news/2</link>
        <pubDate>Tue, 14 Jan 2025 07:00:00 GMT</pubDate></item>
      <item><title>Via redirect</title><link>/go/1</link></item>
    </channel></rss>"""
    home = b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>'
    news_sitemap = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>/news/3</loc><news:news><news:publication_date>2025-01-14T05:00:00Z</news:publication_date>
      <news:title>Sitemap three</news:title></news:news></url>
      <url><loc>/news/1</loc></url></urlset>"""
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>/sitemap-news.xml.gz</loc></sitemap></sitemapindex>"""
    base = http_server(
        site.routes(
            {
                "/robots.txt": serve_bytes(b"User-agent: *\nDisallow: /private\n", "text/plain"),
                "/": serve_bytes(home),
                "/feed.xml": serve_bytes(feed, "application/rss+xml"),
                "/sitemap_index.xml": serve_bytes(index, "application/xml"),
                "/sitemap-news.xml.gz": serve_bytes(gzip.compress(news_sitemap), "application/gzip"),
                "/news/1": site.page("خبر أول"),
                "/news/2": site.page("خبر ثان"),
                "/news/3": site.page("خبر ثالث"),
                "/go/1": redirect_to("/news/1"),
                "/cp1256": site.page("صفحة بترميز عربي", etag='"c"', charset="cp1256"),
                "/gone": serve_bytes(b"gone", status=410),
                "/flaky": _flaky_500(),
                "/slow": _slow,
                "/loop": redirect_to("/loop"),
                "/private/x": site.page("ممنوع"),
                "/binary": serve_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "text/html"),
            }
        )
    )
    other_base = http_server(other.routes({"/a": other.page("موقع آخر")}))
    warc = write_warc(
        tmp_path / "night.warc.gz",
        [warc_record("https://archive.example/a/1", ARABIC.format(t="أرشيف").encode("cp1256"))],
        compress=True,
    )
    sources = [
        Source(
            id="site.example",
            name="Site",
            feeds=(f"{base}/",),  # the home page: the feed is discovered from it
            sitemaps=(f"{base}/sitemap_index.xml",),
            urls=tuple(
                f"{base}{p}"
                for p in (
                    "/news/1",
                    "/cp1256",
                    "/gone",
                    "/flaky",
                    "/slow",
                    "/loop",
                    "/private/x",
                    "/binary",
                    "/missing",
                )
            ),
        ),
        Source(id="other.example", name="Other", urls=(f"{other_base}/a",), warc=(warc,)),
    ]
    return base, site, other, sources, tmp_path


def _run(world, day: date, fetcher=None):
    _, _, _, sources, tmp = world
    fetch = fetcher or HttpFetcher(SETTINGS).fetch_many
    with CrawlState(tmp / "data" / "crawl_state" / "journal.sqlite") as state:
        return ingest_pages(sources, day, RawStore(tmp / "data" / "raw"), fetch, state)


def test_first_night(world) -> None:
    base, site, other, _, tmp = world
    result = _run(world, D1)
    rows = {r["source_locator"]: r for r in result.pages.iter_rows(named=True)}
    assert result.pages["page_id"].n_unique() == result.pages.height

    def row(path: str) -> dict:
        return rows[f"{base}{path}"]

    assert row("/")["skip_reason"] == "feed document" and row("/")["error"] is None
    assert row("/feed.xml")["discovered_from"] == f"{base}/"
    assert row("/sitemap-news.xml.gz")["error"] is None  # gzip sitemap is not "binary content"
    # listed URL merged with its feed entry (tracking parameter dropped), hints kept
    assert row("/news/1")["source_kind"] == "urls" and row("/news/1")["hint_title"] == "Feed one"
    assert (
        row("/news/2")["source_kind"] == "feeds" and row("/news/2")["discovered_from"] == f"{base}/feed.xml"
    )
    assert str(row("/news/2")["hint_published"]) == "2025-01-14 07:00:00+00:00"
    assert row("/news/3")["source_kind"] == "sitemaps" and row("/news/3")["hint_title"] == "Sitemap three"
    assert row("/go/1")["final_url"] == f"{base}/news/1"
    assert row("/go/1")["skip_reason"].startswith("duplicate of p_")
    assert row("/cp1256")["encoding"] == "cp1256"
    assert row("/news/1")["etag"] == '"v1"' and row("/news/1")["change"] == "new"
    expected_errors = {
        "/gone": "http 410",
        "/loop": "too many redirects",
        "/private/x": "robots.txt disallows",
        "/binary": "binary content, not HTML",
        "/missing": "http 404",
        "/slow": "timeout",
    }
    for path, error in expected_errors.items():
        assert row(path)["error"].startswith(error), path
    assert row("/flaky")["error"] is None and row("/flaky")["attempts"] == 2
    assert rows["night.warc.gz@0"]["url"] == "https://archive.example/a/1"
    assert str(rows["night.warc.gz@0"]["fetched_at"]) == "2025-01-14 08:00:00+00:00"
    assert other.hits["/a"] == 1
    assert site.hits["/private/x"] == 0
    ok = result.pages.filter(result.pages["error"].is_null())
    store = RawStore(tmp / "data" / "raw")
    assert all(store.has(sha1) for sha1 in ok["content_sha1"])


def test_rerun_is_identical_and_fetches_nothing(world) -> None:
    _, site, other, _, _ = world
    first = _run(world, D1).pages
    hits = sum(site.hits.values()) + sum(other.hits.values())
    second = _run(world, D1).pages
    assert sum(site.hits.values()) + sum(other.hits.values()) == hits
    assert second.drop("elapsed_ms").equals(first.drop("elapsed_ms"))
    # HTTP rows are replayed from the journal, timings included (files on disk are simply re-read).
    http_rows = first["source_kind"] != "warc"
    assert second.filter(http_rows)["elapsed_ms"].equals(first.filter(http_rows)["elapsed_ms"])


def test_next_night_fetches_only_new_or_changed(world) -> None:
    base, site, _, _, _ = world
    _run(world, D1)
    site.version["/news/2"] = "v2"  # the page changed; its feed entry does not say so
    site.hits.clear()
    night = _run(world, D2)
    rows = {r["source_locator"]: r for r in night.pages.iter_rows(named=True)}
    listed = rows[f"{base}/news/1"]
    assert listed["http_status"] == 304 and listed["from_cache"] and listed["change"] == "unchanged"
    assert listed["skip_reason"] == "unchanged since 2025-01-14" and listed["content_sha1"] is not None
    # feed/sitemap entries fetched yesterday and not newer in the listing: not requested again
    assert site.hits["/news/2"] == 0 and site.hits["/news/3"] == 0
    assert f"{base}/news/2" not in rows
    assert night.stats["known, not fetched again"] >= 2
    assert rows[f"{base}/cp1256"]["change"] == "unchanged"
    assert rows[f"{base}/feed.xml"]["error"] is None  # feeds are read every night


def test_killed_run_resumes_without_refetching(world) -> None:
    fetcher = HttpFetcher(SETTINGS)
    recorded: list[str] = []
    lock = threading.Lock()

    def dies_after_five(requests: list[FetchRequest], on_result: ResultCallback | None = None):
        def recording(page):
            with lock:
                if len(recorded) >= 5:
                    raise KeyboardInterrupt("killed")
                on_result(page)
                recorded.append(page.url)

        return fetcher.fetch_many(requests, recording)

    with pytest.raises(KeyboardInterrupt):
        _run(world, D1, dies_after_five)
    assert len(recorded) == 5
    requested: list[str] = []

    def watching(requests: list[FetchRequest], on_result: ResultCallback | None = None):
        requested.extend(r.url for r in requests)
        return HttpFetcher(SETTINGS).fetch_many(requests, on_result)

    resumed = _run(world, D1, watching).pages
    assert requested and not set(requested) & set(recorded)  # what was stored is not fetched again
    assert resumed["page_id"].n_unique() == resumed.height
    assert set(recorded) <= set(resumed["url"])
    complete = _run(world, D1).pages  # and the resumed run is the complete night
    assert complete.drop("elapsed_ms").equals(resumed.drop("elapsed_ms"))
