"""Tests for robots.txt rules for our user agent."""

from __future__ import annotations

from courlan import UrlStore

from pipelines.lib.robots import parse_robots

ROBOTS = """
User-agent: news-pipelines
Crawl-delay: 2.5
Disallow: /search

User-agent: *
Crawl-delay: 10
Disallow: /private
"""
UA = "news-pipelines/0.1 (research crawler)"


def test_rules_for_our_agent() -> None:
    rules = parse_robots(ROBOTS)
    assert rules.crawl_delay(UA) == 2.5
    assert rules.crawl_delay("other/1.0") == 10
    assert not rules.allowed("https://x.example/search?q=a", UA)
    assert rules.allowed("https://x.example/private/a", UA)  # our group replaces the * group
    assert not rules.allowed("https://x.example/private/a", "other/1.0")


def test_courlan_urlstore_reads_only_the_star_delay() -> None:
    # Why the fetcher does not take its delay from courlan's UrlStore: it asks for "*" only.
    store = UrlStore()
    store.store_rules("https://x.example", parse_robots(ROBOTS).parser)
    assert store.get_crawl_delay("https://x.example") == 10
    assert parse_robots(ROBOTS).crawl_delay(UA) == 2.5


def test_empty_robots_allows_all() -> None:
    rules = parse_robots("")
    assert rules.allowed("https://x.example/a", UA)
    assert rules.crawl_delay(UA) is None
