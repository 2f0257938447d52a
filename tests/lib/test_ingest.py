"""Tests for ingest: sources → ``pages`` rows with bodies in the raw store (no network)."""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from pipelines.lib import schemas
from pipelines.lib.fetch import FetchedPage, FetchRequest, ResultCallback
from pipelines.lib.ingest import ingest_pages, pages_frame
from pipelines.lib.sources import Source
from pipelines.lib.store import RawStore

CRAWL = date(2024, 12, 10)
FETCHED_AT = datetime(2024, 12, 10, 9, 30, tzinfo=UTC)
OK_BODY = "<html><head><meta charset='utf-8'></head><body><p>خبر محلي قصير للتجربة</p></body></html>".encode()
DIR_BODY = "<html><body><p>صفحة محفوظة على القرص</p></body></html>".encode("cp1256")


class FakeFetcher:
    """Stands in for ``HttpFetcher.fetch_many``: one page succeeds, ``/missing`` is a 404."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def __call__(
        self, requests: list[FetchRequest], on_result: ResultCallback | None = None
    ) -> list[FetchedPage]:
        self.calls.append([(r.url, r.outlet_id) for r in requests])
        pages = []
        for request in requests:
            url, outlet = request.url, request.outlet_id
            missing = url.endswith("/missing")
            pages.append(
                FetchedPage(
                    url=url,
                    final_url=url,
                    outlet_id=outlet,
                    source_kind=request.source_kind,
                    locator=request.locator or url,
                    fetched_at=FETCHED_AT,
                    http_status=404 if missing else 200,
                    content_type="text/html; charset=utf-8",
                    body=None if missing else OK_BODY,
                    error="http 404" if missing else None,
                    elapsed_ms=12.3456,
                )
            )
            if on_result:
                on_result(pages[-1])
        return pages


@pytest.fixture
def sources(tmp_path: Path) -> list[Source]:
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "one.html").write_bytes(DIR_BODY)
    (saved / "two.html.gz").write_bytes(gzip.compress(OK_BODY))
    return [
        Source(
            id="example.test",
            name="Example",
            urls=("http://127.0.0.1:9/ok", "http://127.0.0.1:9/missing", "http://127.0.0.1:9/ok"),
        ),
        Source(id="saved.example", name="Saved", directories=(saved,)),
    ]


def test_ingest_pages_rows(tmp_path: Path, sources: list[Source]) -> None:
    store = RawStore(tmp_path / "raw")
    fetcher = FakeFetcher()
    pages = ingest_pages(sources, CRAWL, store, fetcher).pages
    assert pages.schema == pl.Schema(schemas.PAGES)
    # The duplicate URL is requested once; directory pages plus two fetches.
    assert fetcher.calls == [
        [("http://127.0.0.1:9/ok", "example.test"), ("http://127.0.0.1:9/missing", "example.test")]
    ]
    assert pages.height == 4
    assert pages["page_id"].to_list() == sorted(pages["page_id"].to_list())
    assert pages["page_id"].n_unique() == 4
    assert all(pid.startswith("p_") for pid in pages["page_id"])
    assert set(pages["crawl_date"]) == {CRAWL}

    rows = {row["source_locator"]: row for row in pages.iter_rows(named=True)}
    ok = rows["http://127.0.0.1:9/ok"]
    assert ok["error"] is None
    assert ok["http_status"] == 200
    assert ok["encoding"] == "utf-8"
    assert ok["bytes"] == len(OK_BODY)
    assert ok["content_sha1"] == hashlib.sha1(OK_BODY).hexdigest()
    assert store.get(ok["content_sha1"]) == OK_BODY
    assert ok["fetched_at"] == FETCHED_AT
    assert ok["elapsed_ms"] == 12.346
    assert ok["source_kind"] == "urls"

    missing = rows["http://127.0.0.1:9/missing"]
    assert missing["error"] == "http 404"
    assert missing["http_status"] == 404
    assert missing["content_sha1"] is None
    assert missing["encoding"] is None
    assert missing["bytes"] is None

    one = rows["one.html"]
    assert one["error"] is None
    assert one["source_kind"] == "directory"
    assert one["url"] == "file:saved.example/one.html"
    assert one["encoding"] == "cp1256"
    assert store.get(one["content_sha1"]) == DIR_BODY

    two = rows["two.html.gz"]
    assert two["encoding"] == "utf-8"
    # Same body as the fetched page: stored once.
    assert two["content_sha1"] == ok["content_sha1"]
    assert len(list((tmp_path / "raw").rglob("*.gz"))) == 2

    # error is null exactly on success
    for row in pages.iter_rows(named=True):
        assert (row["error"] is None) == (row["content_sha1"] is not None and row["encoding"] is not None)


def test_page_ids_stable_across_calls(tmp_path: Path, sources: list[Source]) -> None:
    store = RawStore(tmp_path / "raw")
    first = ingest_pages(sources, CRAWL, store, FakeFetcher()).pages
    second = ingest_pages(sources, CRAWL, store, FakeFetcher()).pages
    assert first["page_id"].to_list() == second["page_id"].to_list()
    assert first.drop("elapsed_ms").equals(second.drop("elapsed_ms"))
    other_day = ingest_pages(sources, date(2024, 12, 11), store, FakeFetcher()).pages
    assert set(other_day["page_id"]).isdisjoint(set(first["page_id"]))


def test_no_urls_means_no_fetch_call(tmp_path: Path) -> None:
    fetcher = FakeFetcher()
    missing_dir = Source(id="gone.example", name="Gone", directories=(tmp_path / "absent",))
    pages = ingest_pages([missing_dir], CRAWL, RawStore(tmp_path / "raw"), fetcher).pages
    assert fetcher.calls == []
    assert pages.height == 1
    row = pages.row(0, named=True)
    assert row["error"].startswith("directory not found")
    assert row["content_sha1"] is None


def test_error_with_body_stores_body_without_encoding(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "blob.html").write_bytes(b"\x00\x01\x02" * 40)
    store = RawStore(tmp_path / "raw")
    pages = ingest_pages(
        [Source(id="s.example", name="S", directories=(saved,))], CRAWL, store, FakeFetcher()
    ).pages
    row = pages.row(0, named=True)
    assert row["error"] == "binary content, not HTML"
    assert row["encoding"] is None
    assert store.has(row["content_sha1"])


def test_pages_frame_without_history(tmp_path: Path) -> None:
    page = FakeFetcher()([FetchRequest("http://127.0.0.1:9/ok", "example.test")])[0]
    frame = pages_frame([page, page], CRAWL, RawStore(tmp_path))
    assert frame.height == 1
    assert frame.row(0, named=True)["change"] == "new"
