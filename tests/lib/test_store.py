"""Tests for the content-addressed raw store."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from pipelines.lib.store import RawStore


def test_put_get_has_round_trip(tmp_path: Path) -> None:
    store = RawStore(tmp_path / "raw")
    body = "<html><body><p>خبر تجريبي قصير</p></body></html>".encode()
    sha1 = store.put(body)
    assert sha1 == hashlib.sha1(body).hexdigest()
    assert store.has(sha1)
    assert store.get(sha1) == body


def test_put_is_idempotent(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    body = b"<html>same</html>"
    first = store.put(body)
    path = store.path_for(first)
    mtime = path.stat().st_mtime_ns
    assert store.put(body) == first
    assert path.stat().st_mtime_ns == mtime
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files == [path]  # no temporary files left behind


def test_path_is_content_addressed_and_gzipped(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    body = b"https://example.test/news/2024/story?id=7"
    sha1 = store.put(body)
    path = store.path_for(sha1)
    assert path == tmp_path / sha1[:2] / f"{sha1}.gz"
    assert "example" not in str(path.relative_to(tmp_path))
    assert gzip.decompress(path.read_bytes()) == body
    # Deterministic bytes (mtime=0): the same body gives the same file in another store.
    other = RawStore(tmp_path / "other")
    other.put(body)
    assert other.path_for(sha1).read_bytes() == path.read_bytes()


def test_empty_body_and_missing(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    sha1 = store.put(b"")
    assert store.get(sha1) == b""
    missing = "0" * 40
    assert not store.has(missing)
    with pytest.raises(FileNotFoundError):
        store.get(missing)
