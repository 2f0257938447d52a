"""Tests for feed parsing (RSS, Atom, RDF, JSON) and feed discovery, against trafilatura's own reader."""

from __future__ import annotations

from datetime import UTC, datetime

from courlan import get_hostinfo
from trafilatura.feeds import FeedParameters, extract_links

from pipelines.lib.feeds import discover_feeds, looks_like_feed, parse_date, parse_feed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>أخبار</title><link>https://news.example.org/</link>
<item><title>افتتاح  حديقة عامة</title><link>/politics/2025/01/14/park-opening</link>
  <pubDate>Tue, 14 Jan 2025 08:30:00 +0300</pubDate></item>
<item><title>خبر ثان</title><link>https://news.example.org/economy/2025/01/14/market?utm_source=rss</link>
  <pubDate>Tue, 14 Jan 2025 10:00:00 GMT</pubDate></item>
<item><title>عبر فيدبيرنر</title><link>http://feedproxy.google.com/~r/example/~3/abc/story</link>
  <feedburner:origLink>https://news.example.org/local/2025/01/13/story</feedburner:origLink></item>
<item><title>مكرر</title><link>https://news.example.org/politics/2025/01/14/park-opening#comments</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<link rel="self" href="https://news.example.org/atom.xml"/>
<entry><title>First</title><link rel="alternate" href="https://news.example.org/a/1"/>
  <published>2025-01-14T07:00:00Z</published></entry>
<entry><title>Second</title><link href="b/2"/><updated>2025-01-13T22:00:00+02:00</updated></entry>
</feed>"""


def test_rss_entries_with_hints_and_relative_links() -> None:
    entries = parse_feed(RSS.encode(), "https://news.example.org/feed/")
    assert [e.url for e in entries] == [
        "https://news.example.org/politics/2025/01/14/park-opening",
        "https://news.example.org/economy/2025/01/14/market",  # tracking parameter removed
        "https://news.example.org/local/2025/01/13/story",  # FeedBurner's origLink, not the proxy
    ]
    assert entries[0].title == "افتتاح حديقة عامة"
    assert entries[0].published == datetime(2025, 1, 14, 5, 30, tzinfo=UTC)
    assert entries[2].published is None


def test_atom_entries() -> None:
    entries = parse_feed(ATOM, "https://news.example.org/atom.xml")
    assert [(e.url, e.title) for e in entries] == [
        ("https://news.example.org/a/1", "First"),
        ("https://news.example.org/b/2", "Second"),
    ]
    assert entries[1].published == datetime(2025, 1, 13, 20, 0, tzinfo=UTC)


def test_json_feed() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "/x/1", "title": "T",'
    body += b' "date_published": "2025-01-14T09:00:00Z"}, {"id": "no-url"}]}'
    (entry,) = parse_feed(body, "https://news.example.org/feed.json")
    assert entry.url == "https://news.example.org/x/1"
    assert entry.published == datetime(2025, 1, 14, 9, tzinfo=UTC)


def test_same_links_as_trafilatura() -> None:
    # trafilatura's reader finds the links (not the hints): ours must find the same pages.
    base = "https://news.example.org/feed/"
    domain, baseurl = get_hostinfo(base)
    params = FeedParameters(baseurl, domain, base)
    theirs = set(extract_links(ATOM, params))
    ours = {e.url for e in parse_feed(ATOM, "https://news.example.org/atom.xml")}
    assert theirs and ours == theirs


def test_broken_and_non_feeds() -> None:
    assert parse_feed(b"", "https://x.example/") == []
    assert parse_feed(b"<html><body>not a feed</body></html>", "https://x.example/") == []
    assert parse_feed(b"<rss><channel><item><link>https://x.example/a/1</link>", "https://x.example/")[
        0
    ].url == ("https://x.example/a/1")  # truncated XML is read as far as it goes
    assert looks_like_feed(RSS) and looks_like_feed(ATOM) and not looks_like_feed("<html></html>")


def test_discover_feeds_from_home_page() -> None:
    home = """<html><head>
      <link rel="alternate" type="application/rss+xml" href="/feed/">
      <link rel="alternate" type="application/atom+xml" href="https://news.example.org/atom.xml">
      <link rel="stylesheet" href="/s.css"></head><body></body></html>"""
    assert discover_feeds(home, "https://news.example.org/") == [
        "https://news.example.org/feed/",
        "https://news.example.org/atom.xml",
    ]


def test_parse_date() -> None:
    assert parse_date("Tue, 14 Jan 2025 08:30:00 +0300") == datetime(2025, 1, 14, 5, 30, tzinfo=UTC)
    assert parse_date("2025-01-14") == datetime(2025, 1, 14, tzinfo=UTC)
    assert parse_date("2025-01-14T07:00:00Z") == datetime(2025, 1, 14, 7, tzinfo=UTC)
    assert parse_date("yesterday") is None
    assert parse_date(None) is None
