"""Tests for canonical URLs and de-duplication keys."""

from __future__ import annotations

import pytest

from pipelines.lib.urls import absolute_url, canonical, host_of, is_feed_proxy, url_key


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://WWW.Example.org/news/1?utm_source=rss&fbclid=x#top", "https://www.example.org/news/1"),
        ("https://example.org/news?id=7&lang=ar", "https://example.org/news?id=7&lang=ar"),  # ids kept
        ("http://example.org:80/a", "http://example.org/a"),
        ("http://127.0.0.1:8080/a?gclid=1", "http://127.0.0.1:8080/a"),
        ("ftp://example.org/a", "ftp://example.org/a"),
    ],
)
def test_canonical(url: str, expected: str) -> None:
    assert canonical(url) == expected


def test_url_key_merges_variants() -> None:
    variants = [
        "https://www.example.org/news/1",
        "http://example.org/news/1/",
        "https://example.org/news/1?utm_medium=feed#comments",
    ]
    assert len({url_key(u) for u in variants}) == 1
    assert url_key("https://example.org/news/1") != url_key("https://example.org/news/2")
    assert url_key("https://example.org/news?id=1") != url_key("https://example.org/news?id=2")


def test_helpers() -> None:
    assert absolute_url("../b?x=1&amp;y=2", "https://e.example/a/c/") == "https://e.example/a/b?x=1&y=2"
    assert host_of("HTTPS://E.example:8443/x") == "https://e.example:8443"
    assert is_feed_proxy("http://feedproxy.google.com/~r/x/~3/y/z")
    assert not is_feed_proxy("https://example.org/feed")
