"""Tests for the WARC reader (files written here, record by record)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

from pipelines.lib.warc import read_warc

ARABIC = "<html><head><title>خبر</title></head><body><p>نص عربي للتجربة</p></body></html>"


def warc_record(url: str, body: bytes, status: int = 200, date: str = "2025-01-14T08:00:00Z") -> bytes:
    """One WARC/1.0 response record (the format is plain text headers around the HTTP message)."""
    reason = {200: "OK", 404: "Not Found"}[status]
    http = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=windows-1256\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def write_warc(path: Path, records: list[bytes], compress: bool) -> Path:
    path.write_bytes(b"".join(gzip.compress(r) if compress else r for r in records))
    return path


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    records = [
        warc_record("https://news.example.org/a/1", ARABIC.encode("cp1256")),
        warc_record("https://news.example.org/a/2", b"gone", status=404, date="2025-01-14T09:00:00Z"),
    ]
    for name, compress in (("crawl.warc", False), ("crawl.warc.gz", True)):
        pages = list(read_warc(write_warc(tmp_path / name, records, compress), "news.example.org"))
        assert [p.url for p in pages] == ["https://news.example.org/a/1", "https://news.example.org/a/2"]
        ok, missing = pages
        assert ok.fetched_at == datetime(2025, 1, 14, 8, tzinfo=UTC)  # from the record, not the clock
        assert ok.body == ARABIC.encode("cp1256") and ok.error is None and ok.http_status == 200
        assert ok.content_type == "text/html; charset=windows-1256"
        assert ok.source_kind == "warc" and ok.locator == f"{name}@0"
        assert missing.error == "http 404" and missing.body is None
        assert missing.locator != ok.locator and missing.locator.startswith(f"{name}@")


def test_missing_and_corrupt_warc(tmp_path: Path) -> None:
    (missing,) = read_warc(tmp_path / "absent.warc.gz", "o")
    assert missing.error.startswith("warc file not found")
    good = warc_record("https://x.example/1", b"<html><body>x</body></html>")
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(gzip.compress(good) + gzip.compress(good)[:40])
    pages = list(read_warc(broken, "o"))
    assert pages[0].error is None and pages[0].url == "https://x.example/1"
