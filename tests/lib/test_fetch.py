"""Tests for the HTTP reader (loopback servers only) and the directory reader."""

from __future__ import annotations

import gzip
import http.server
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.lib.fetch import FetchedPage, HttpFetcher, HttpSettings, canonical_url, read_directory
from tests.conftest import Route, serve_bytes

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


def _redirect(location: str) -> Route:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handler


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
    base = http_server({"/old": _redirect("/new"), "/new": serve_bytes(PAGE)})
    page = _fetch(f"{base}/old")
    assert page.error is None
    assert page.url == f"{base}/old"
    assert page.final_url == f"{base}/new"
    assert page.body == PAGE


def test_redirect_loop(http_server: Start) -> None:
    base = http_server({"/a": _redirect("/b"), "/b": _redirect("/a")})
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
