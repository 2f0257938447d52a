"""Tests for sitemap reading, against trafilatura's own sitemap reader."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

from courlan import get_hostinfo
from trafilatura.sitemaps import SitemapObject

from pipelines.lib.sitemaps import gunzip_if_needed, parse_sitemap, robots_sitemaps

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example.org/politics/2025/01/14/park</loc>
    <news:news><news:publication><news:name>Example</news:name><news:language>ar</news:language></news:publication>
      <news:publication_date>2025-01-14T08:00:00+03:00</news:publication_date>
      <news:title>افتتاح حديقة</news:title></news:news></url>
  <url><loc>https://news.example.org/economy/2025/01/13/market</loc><lastmod>2025-01-13</lastmod></url>
  <url><loc>https://news.example.org/economy/2025/01/13/market</loc></url>
</urlset>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.org/sitemap-news.xml</loc><lastmod>2025-01-14</lastmod></sitemap>
  <sitemap><loc>/sitemap-2025-01.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_news_sitemap_hints() -> None:
    sitemap = parse_sitemap(NEWS.encode(), "https://news.example.org/news-sitemap.xml")
    assert sitemap.valid and not sitemap.sitemaps
    first, second = sitemap.entries
    assert first.url == "https://news.example.org/politics/2025/01/14/park"
    assert first.title == "افتتاح حديقة"
    assert first.published == datetime(2025, 1, 14, 5, 0, tzinfo=UTC)
    assert second.published == datetime(2025, 1, 13, tzinfo=UTC) and second.title is None


def test_sitemap_index_relative_and_gzip() -> None:
    body = gzip.compress(INDEX.encode())
    sitemap = parse_sitemap(body, "https://news.example.org/sitemap_index.xml")
    assert [s.url for s in sitemap.sitemaps] == [
        "https://news.example.org/sitemap-news.xml",
        "https://news.example.org/sitemap-2025-01.xml.gz",
    ]
    assert not sitemap.entries
    assert gunzip_if_needed(body) == INDEX.encode()


def test_same_urls_as_trafilatura() -> None:
    url = "https://news.example.org/news-sitemap.xml"
    domain, baseurl = get_hostinfo(url)
    theirs = SitemapObject(baseurl, domain, [])
    theirs.current_url, theirs.content = url, NEWS
    theirs.process()
    assert set(theirs.urls) == {e.url for e in parse_sitemap(NEWS.encode(), url).entries}


def test_html_and_text_sitemaps() -> None:
    assert not parse_sitemap(b"<html><body>404</body></html>", "https://x.example/sitemap.xml").valid
    text = b"https://x.example/a/1\nhttps://x.example/a/2\n\nnot a url\n"
    assert [e.url for e in parse_sitemap(text, "https://x.example/sitemap.txt").entries] == [
        "https://x.example/a/1",
        "https://x.example/a/2",
    ]


def test_robots_sitemaps() -> None:
    robots = "User-agent: *\nDisallow: /admin\nSitemap: https://x.example/news.xml\nSitemap: /other.xml\n"
    assert robots_sitemaps(robots, "https://x.example") == [
        "https://x.example/news.xml",
        "https://x.example/other.xml",
    ]
