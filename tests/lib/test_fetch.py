"""Tests for the HTTP reader (loopback servers only) and the directory reader."""

from __future__ import annotations

import gzip
import http.server
import itertools
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.lib.fetch import FetchedPage, HttpFetcher, HttpSettings, canonical_url, read_directory
from tests.conftest import Route, redirect_to, serve_bytes

Start = Callable[[dict[str, Route]], str]

PAGE = (
    "<html><head><title>اختبار</title></head><body><p>نص عربي قصير للاختبار فقط.</p></body></html>".encode()
)
FAST = HttpSettings(backoff_base=0.01, connect_timeout=2.0, read_timeout=5.0)


def _fetch(url: str, settings: HttpSettings = FAST, outlet: str = "example.test") -> FetchedPage:
    (page,) = HttpFetcher(settings).fetch_many([(url, outlet)])
    return page


def _sequence(*routes: Route) -> tuple[Route, list[int]]:
    """A route that answers with ``routes[i]`` on the i-th call (the last one repeats)."""
    calls = [0]
    lock = threading.Lock()

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        with lock:
            index = calls[0]
            calls[0] += 1
        routes[min(index, len(routes) - 1)](request)

    return handler, calls


def test_ok_page(http_server: Start) -> None:
    base = http_server({"/a": serve_bytes(PAGE)})
    page = _fetch(f"{base}/a", outlet="alittihad.ae")
    assert page.error is None
    assert page.http_status == 200
    assert page.body == PAGE
    assert page.url == page.final_url == page.locator == f"{base}/a"
    assert page.outlet_id == "alittihad.ae"
    assert page.source_kind == "urls"
    assert page.content_type == "text/html; charset=utf-8"
    assert page.fetched_at.tzinfo is not None
    assert page.elapsed_ms >= 0


def test_empty_request_list() -> None:
    assert HttpFetcher(FAST).fetch_many([]) == []


def test_results_keep_request_order(http_server: Start) -> None:
    routes = {f"/p{i}": serve_bytes(f"<html><body>page {i}</body></html>".encode()) for i in range(6)}
    base = http_server(routes)
    pages = HttpFetcher(FAST).fetch_many([(f"{base}/p{i}", "o") for i in range(6)])
    assert [p.url for p in pages] == [f"{base}/p{i}" for i in range(6)]
    assert [p.body for p in pages] == [f"<html><body>page {i}</body></html>".encode() for i in range(6)]


def test_404_is_not_retried_and_has_no_body(http_server: Start) -> None:
    handler, calls = _sequence(serve_bytes(b"<html>missing</html>", status=404))
    base = http_server({"/gone": handler})
    page = _fetch(f"{base}/gone")
    assert page.error == "http 404"
    assert page.http_status == 404
    assert page.body is None
    assert calls[0] == 1


@pytest.mark.parametrize("status", [500, 503, 429])
def test_retryable_status_then_success(http_server: Start, status: int) -> None:
    handler, calls = _sequence(serve_bytes(b"busy", status=status), serve_bytes(PAGE))
    base = http_server({"/flaky": handler})
    page = _fetch(f"{base}/flaky")
    assert page.error is None
    assert page.http_status == 200
    assert page.body == PAGE
    assert calls[0] == 2


def test_retries_exhausted(http_server: Start) -> None:
    handler, calls = _sequence(serve_bytes(b"down", status=500))
    base = http_server({"/down": handler})
    page = _fetch(f"{base}/down", HttpSettings(backoff_base=0.01, retries=2))
    assert page.error == "http 500"
    assert page.body is None
    assert calls[0] == 3


def test_redirect_sets_final_url(http_server: Start) -> None:
    base = http_server({"/old": redirect_to("/new"), "/new": serve_bytes(PAGE)})
    page = _fetch(f"{base}/old")
    assert page.error is None
    assert page.url == f"{base}/old"
    assert page.final_url == f"{base}/new"
    assert page.body == PAGE


def test_redirect_loop(http_server: Start) -> None:
    base = http_server({"/a": redirect_to("/b"), "/b": redirect_to("/a")})
    page = _fetch(f"{base}/a", HttpSettings(backoff_base=0.01, max_redirects=3))
    assert page.error is not None
    assert "redirects" in page.error
    assert page.body is None


def test_body_larger_than_max_bytes(http_server: Start) -> None:
    big = b"<html><body>" + b"x" * 5000 + b"</body></html>"
    base = http_server({"/big": serve_bytes(big)})
    page = _fetch(f"{base}/big", HttpSettings(max_bytes=1000, backoff_base=0.01))
    assert page.error == "body larger than 1000 bytes"
    assert page.body is None
    assert page.http_status == 200


def test_slow_server_times_out(http_server: Start) -> None:
    def slow(request: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        try:
            serve_bytes(PAGE)(request)
        except OSError:
            pass

    base = http_server({"/slow": slow})
    page = _fetch(f"{base}/slow", HttpSettings(read_timeout=0.5, retries=0, backoff_base=0.01))
    assert page.error is not None and page.error.startswith("timeout")
    assert page.body is None
    assert page.http_status is None


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    page = _fetch(
        f"http://127.0.0.1:{port}/x", HttpSettings(retries=1, backoff_base=0.01, connect_timeout=1.0)
    )
    assert page.error is not None and page.error.startswith("connection error")
    assert page.http_status is None
    assert page.body is None


@pytest.mark.parametrize(("url", "scheme"), [("ftp://127.0.0.1/file.html", "ftp"), ("127.0.0.1/x", "none")])
def test_unsupported_scheme(url: str, scheme: str) -> None:
    page = _fetch(url)
    assert page.error == f"unsupported scheme: {scheme}"
    assert page.body is None
    assert page.final_url is None


def test_binary_body_served_as_html(http_server: Start) -> None:
    binary = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    base = http_server({"/img": serve_bytes(binary, content_type="text/html")})
    page = _fetch(f"{base}/img")
    assert page.error == "binary content, not HTML"
    assert page.http_status == 200


# --- directory reader ----------------------------------------------------------------------


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_read_directory(tmp_path: Path) -> None:
    root = tmp_path / "saved"
    canonical = (
        b'<html><head><link rel="canonical" href="https://example.test/news/1"></head><body>one</body></html>'
    )
    _write(root / "b.html", canonical)
    _write(root / "a.htm", b"<html><body>plain</body></html>")
    _write(root / "sub" / "c.html.gz", gzip.compress(b"<html><body>zipped</body></html>"))
    _write(root / "notes.txt", b"not a page")
    _write(root / "empty.html", b"  \n ")
    _write(root / "blob.html", b"\x00\x01\x02\x03" * 50)
    now = datetime(2024, 12, 10, 8, 0, tzinfo=UTC)
    pages = list(read_directory(root, "example.test", now=now))
    assert [p.locator for p in pages] == ["a.htm", "b.html", "blob.html", "empty.html", "sub/c.html.gz"]
    by = {p.locator: p for p in pages}
    assert by["a.htm"].url == by["a.htm"].final_url == "file:example.test/a.htm"
    assert by["a.htm"].error is None
    assert by["b.html"].url == "https://example.test/news/1"
    assert by["sub/c.html.gz"].body == b"<html><body>zipped</body></html>"
    assert by["sub/c.html.gz"].url == "file:example.test/sub/c.html.gz"
    assert by["empty.html"].error == "empty file"
    assert by["blob.html"].error == "binary content, not HTML"
    assert all(p.source_kind == "directory" and p.outlet_id == "example.test" for p in pages)
    assert all(p.fetched_at == now and p.http_status is None for p in pages)


def test_read_directory_uses_mtime(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.html", b"<html><body>x</body></html>")
    stamp = datetime(2023, 5, 1, 12, 0, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    (page,) = read_directory(tmp_path, "o")
    assert page.fetched_at == datetime(2023, 5, 1, 12, 0, tzinfo=UTC)


def test_read_directory_bad_gzip(tmp_path: Path) -> None:
    _write(tmp_path / "broken.html.gz", b"this is not gzip data")
    (page,) = read_directory(tmp_path, "o")
    assert page.error is not None and page.error.startswith("read error")
    assert page.body is None


def test_read_directory_missing(tmp_path: Path) -> None:
    missing = tmp_path / "absent"
    pages = list(read_directory(missing, "example.test"))
    assert len(pages) == 1
    assert pages[0].error == f"directory not found: {missing}"
    assert pages[0].url == "file:example.test/"
    assert pages[0].body is None


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b'<link rel="canonical" href="https://example.test/a">', "https://example.test/a"),
        (b"<LINK REL='canonical' HREF='https://example.test/b' />", "https://example.test/b"),
        (b'<link href="https://example.test/c" rel="canonical">', "https://example.test/c"),
        (b"<link rel=canonical href='https://example.test/d'>", "https://example.test/d"),
        (b'<link rel="stylesheet" href="/s.css">', None),
        (b'<link rel="canonical">', None),
        (b'<link rel="canonical" href="  ">', None),
        (b"<html><body>no head</body></html>", None),
    ],
)
def test_canonical_url(html: bytes, expected: str | None) -> None:
    assert canonical_url(html) == expected


def test_canonical_url_unescapes_entities() -> None:
    html = b'<link rel="canonical" href="https://example.test/news?id=7&amp;lang=ar">'
    assert canonical_url(html) == "https://example.test/news?id=7&lang=ar"


# --- production HTTP behaviour ---------------------------------------------------------------


def test_410_is_recorded_and_not_retried(http_server: Start) -> None:
    handler, calls = _sequence(serve_bytes(b"gone", status=410))
    base = http_server({"/gone": handler})
    page = _fetch(f"{base}/gone")
    assert (page.error, page.http_status, page.body, page.attempts) == ("http 410", 410, None, 1)
    assert calls[0] == 1


def _with_headers(status: int, headers: dict[str, str], body: bytes = b"") -> Route:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        for key, value in headers.items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def test_429_honours_retry_after(http_server: Start) -> None:
    handler, calls = _sequence(_with_headers(429, {"Retry-After": "1"}), serve_bytes(PAGE))
    base = http_server({"/busy": handler})
    started = time.monotonic()
    page = _fetch(f"{base}/busy")
    assert page.error is None and page.body == PAGE and page.attempts == 2
    # backoff_base is 0.01 s here, so only Retry-After explains a wait of a second.
    assert time.monotonic() - started >= 0.95
    assert calls[0] == 2


def test_retry_after_too_long_gives_up(http_server: Start) -> None:
    handler, calls = _sequence(_with_headers(503, {"Retry-After": "3600"}))
    base = http_server({"/later": handler})
    page = _fetch(f"{base}/later", HttpSettings(backoff_base=0.01, max_retry_after=5))
    assert page.error == "http 503 (retry-after 3600s too long)"
    assert calls[0] == 1


def test_retry_after_http_date() -> None:
    from pipelines.lib.fetch import retry_after_seconds

    now = datetime(2025, 1, 15, 2, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 15 Jan 2025 02:00:30 GMT", now=now) == 30
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def _reset(request: http.server.BaseHTTPRequestHandler) -> None:
    # SO_LINGER 0: close sends RST, the client sees "connection reset by peer".
    import struct

    request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.connection.close()
    request.close_connection = True


def test_connection_reset_then_success(http_server: Start) -> None:
    handler, _ = _sequence(_reset, serve_bytes(PAGE))
    base = http_server({"/reset": handler})
    page = _fetch(f"{base}/reset")
    assert page.error is None and page.body == PAGE and page.attempts == 2


def test_connection_reset_every_time(http_server: Start) -> None:
    handler, calls = _sequence(_reset)
    base = http_server({"/reset": handler})
    page = _fetch(f"{base}/reset", HttpSettings(backoff_base=0.01, retries=1))
    assert page.error is not None and page.error.startswith("connection error")
    assert calls[0] == 2


def test_50_mb_body_is_cut_off(http_server: Start) -> None:
    chunk = b"<p>" + b"x" * (1 << 20) + b"</p>"

    def big(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()  # no Content-Length: the limit must hold while streaming
        try:
            for _ in range(50):
                request.wfile.write(chunk)
        except OSError:
            pass

    def declared(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(50 << 20))
        request.end_headers()  # refused on the header alone: nothing needs to follow

    base = http_server({"/big": big, "/declared": declared})
    fetcher = HttpFetcher(HttpSettings(backoff_base=0.01))
    started = time.monotonic()
    streamed, announced = fetcher.fetch_many([(f"{base}/big", "o"), (f"{base}/declared", "o")])
    assert streamed.error == announced.error == "body larger than 20000000 bytes"
    assert streamed.body is None and announced.body is None
    assert time.monotonic() - started < 10


def test_gzip_transfer_is_decoded(http_server: Start) -> None:
    handler = _with_headers(
        200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, gzip.compress(PAGE)
    )
    base = http_server({"/gz": handler})
    page = _fetch(f"{base}/gz")
    assert page.error is None
    assert page.body == PAGE


def test_robots_disallow_is_honoured(http_server: Start) -> None:
    seen: list[str] = []

    def track(route: Route) -> Route:
        def handler(request: http.server.BaseHTTPRequestHandler) -> None:
            seen.append(request.path)
            route(request)

        return handler

    robots = b"User-agent: *\nDisallow: /private\n\nUser-agent: other-bot\nDisallow: /\n"
    base = http_server(
        {
            "/robots.txt": track(serve_bytes(robots, "text/plain")),
            "/private/a": track(serve_bytes(PAGE)),
            "/public/a": track(serve_bytes(PAGE)),
        }
    )
    settings = HttpSettings(backoff_base=0.01, obey_robots=True)
    private, public = HttpFetcher(settings).fetch_many(
        [(f"{base}/private/a", "o"), (f"{base}/public/a", "o")]
    )
    assert private.error == "robots.txt disallows"
    assert private.body is None and private.http_status is None
    assert public.error is None
    assert "/private/a" not in seen
    assert seen.count("/robots.txt") == 1


def test_robots_for_our_user_agent(http_server: Start) -> None:
    robots = b"User-agent: news-pipelines\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    base = http_server({"/robots.txt": serve_bytes(robots, "text/plain"), "/a": serve_bytes(PAGE)})
    page = _fetch(f"{base}/a", HttpSettings(user_agent="news-pipelines/0.1 (test)", backoff_base=0.01))
    assert page.error == "robots.txt disallows"
    other = _fetch(f"{base}/a", HttpSettings(user_agent="someone-else/1.0", backoff_base=0.01))
    assert other.error is None


def test_robots_unreachable_disallows(http_server: Start) -> None:
    base = http_server({"/robots.txt": serve_bytes(b"oops", status=503), "/a": serve_bytes(PAGE)})
    page = _fetch(f"{base}/a", HttpSettings(backoff_base=0.01, retries=1))
    assert page.error == "http 503 (robots.txt)"
    assert page.attempts == 2


def _timed(delay: float, log: list[tuple[str, float, float]], name: str, state: dict) -> Route:
    """A page that takes ``delay`` seconds and records (host, start, end) and peak concurrency."""
    lock = state.setdefault("lock", threading.Lock())

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        with lock:
            state[name] = state.get(name, 0) + 1
            state[f"max {name}"] = max(state.get(f"max {name}", 0), state[name])
        start = time.monotonic()
        time.sleep(delay)
        end = time.monotonic()
        with lock:
            state[name] -= 1
            log.append((name, start, end))
        serve_bytes(PAGE)(request)

    return handler


def test_per_host_limit_across_hosts(http_server: Start) -> None:
    log: list[tuple[str, float, float]] = []
    state: dict = {}
    bases = []
    for host in ("h1", "h2", "h3"):
        bases.append(http_server({f"/p{i}": _timed(0.1, log, host, state) for i in range(8)}))
    requests = [(f"{base}/p{i}", "o") for base in bases for i in range(8)]  # grouped by host
    fetcher = HttpFetcher(HttpSettings(per_host=2, max_workers=16, backoff_base=0.01))
    started = time.monotonic()
    pages = fetcher.fetch_many(requests)
    elapsed = time.monotonic() - started
    assert all(p.error is None for p in pages)
    assert [state[f"max {h}"] for h in ("h1", "h2", "h3")] == [2, 2, 2]
    assert max(fetcher.max_active_per_host.values()) == 2
    # 24 pages x 0.1 s sequential would be 2.4 s; 3 hosts x 2 in flight should take ~0.4 s.
    assert elapsed < 1.5


def test_min_delay_between_requests_to_one_host(http_server: Start) -> None:
    log: list[tuple[str, float, float]] = []
    state: dict = {}
    base = http_server({f"/p{i}": _timed(0.0, log, "h", state) for i in range(4)})
    other = http_server({"/x": _timed(0.0, log, "other", state)})
    settings = HttpSettings(per_host=2, min_delay=0.3, backoff_base=0.01)
    HttpFetcher(settings).fetch_many([*((f"{base}/p{i}", "o") for i in range(4)), (f"{other}/x", "o")])
    starts = sorted(start for name, start, _ in log if name == "h")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(gaps) == 3 and min(gaps) >= 0.25
    # The other host was not made to wait behind the first one's delay.
    (other_start,) = [start for name, start, _ in log if name == "other"]
    assert other_start < starts[1]


def test_crawl_delay_from_robots(http_server: Start) -> None:
    log: list[tuple[str, float, float]] = []
    state: dict = {}
    routes = {f"/p{i}": _timed(0.0, log, "h", state) for i in range(3)}
    routes["/robots.txt"] = serve_bytes(b"User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
    base = http_server(routes)
    HttpFetcher(HttpSettings(per_host=2, backoff_base=0.01)).fetch_many(
        [(f"{base}/p{i}", "o") for i in range(3)]
    )
    starts = sorted(start for _, start, _ in log)
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.35


def test_one_slow_host_does_not_hold_up_others(http_server: Start) -> None:
    log: list[tuple[str, float, float]] = []
    state: dict = {}
    slow = http_server({f"/p{i}": _timed(0.3, log, "slow", state) for i in range(6)})
    fast = http_server({"/a": _timed(0.0, log, "fast", state)})
    requests = [*((f"{slow}/p{i}", "o") for i in range(6)), (f"{fast}/a", "o")]
    started = time.monotonic()
    done_at: dict[str, float] = {}
    HttpFetcher(HttpSettings(per_host=1, max_workers=4, backoff_base=0.01)).fetch_many(
        requests, on_result=lambda p: done_at.setdefault(p.url, time.monotonic() - started)
    )
    assert done_at[f"{fast}/a"] < 0.3  # not queued behind the six slow pages
    assert state["max slow"] == 1


def test_conditional_get_not_modified(http_server: Start) -> None:
    from pipelines.lib.fetch import FetchRequest

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == '"v1"':
            request.send_response(304)
            request.send_header("ETag", '"v1"')
            request.end_headers()
            return
        _with_headers(200, {"ETag": '"v1"', "Last-Modified": "Tue, 14 Jan 2025 08:00:00 GMT"}, PAGE)(request)

    base = http_server({"/a": handler})
    fetcher = HttpFetcher(FAST)
    (first,) = fetcher.fetch_many([FetchRequest(f"{base}/a", "o")])
    assert first.etag == '"v1"' and first.last_modified == "Tue, 14 Jan 2025 08:00:00 GMT"
    assert first.body == PAGE and not first.from_cache
    (second,) = fetcher.fetch_many([FetchRequest(f"{base}/a", "o", etag=first.etag)])
    assert second.http_status == 304 and second.from_cache and second.error is None and second.body is None


def test_on_result_sees_every_page(http_server: Start) -> None:
    base = http_server({"/a": serve_bytes(PAGE)})
    seen: list[str] = []
    pages = HttpFetcher(FAST).fetch_many(
        [(f"{base}/a", "o"), (f"{base}/b", "o"), ("ftp://x/y", "o")], seen.append
    )
    assert sorted(p.url for p in seen) == sorted(p.url for p in pages)
    assert [p.error for p in pages] == [None, "http 404", "unsupported scheme: ftp"]
