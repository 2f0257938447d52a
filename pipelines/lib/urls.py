"""Canonical URLs and de-duplication keys (courlan's normalisation plus what a news crawl needs).

``courlan.normalize_url`` lowercases the host, drops default ports, sorts the query and removes
tracking parameters (``utm_*``, ``fbclid``...). Its ``strict`` mode is not used: it also drops
ordinary query parameters, and many news sites address articles by ``?id=``/``?p=``. Its
non-strict mode keeps fragments, so they are dropped here. ``courlan.check_url`` (used by
trafilatura's feed code) rejects IP-address hosts, which would reject every loopback test URL
and intranet mirror, so validation here is only "http or https with a host".

The de-duplication key also ignores ``http`` versus ``https`` and ``www.`` versus the bare
host: news sites serve the same article under all four.
"""

from __future__ import annotations

import html
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

FEED_PROXY_HOSTS = ("feedproxy.google.com", "feeds.feedburner.com", "feedburner.com")


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def absolute_url(link: str, base: str | None) -> str:
    """``link`` resolved against ``base`` (feeds and sitemaps may use relative links)."""
    link = html.unescape(link.strip())
    return urljoin(base, link) if base else link


def canonical(url: str) -> str:
    """The URL to fetch and to show: courlan-normalised, tracking parameters and fragment removed."""
    url = url.strip()
    if not is_http_url(url):
        return url
    try:
        normalized = normalize_url(url)
    except (ValueError, TypeError):
        return url
    parts = urlsplit(normalized)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def url_key(url: str) -> str:
    """De-duplication key: the canonical URL without scheme and ``www.``."""
    url = canonical(url)
    if not is_http_url(url):
        return url
    parts = urlsplit(url)
    netloc = parts.netloc.lower()
    if netloc.startswith("www."):
        netloc = netloc[4:]
    path = parts.path.rstrip("/") or "/"
    return f"//{netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def host_of(url: str) -> str:
    """``scheme://host:port`` — the unit of politeness (robots.txt, per-host limits)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


def is_feed_proxy(url: str) -> bool:
    """Feed-proxy links (FeedBurner) redirect to the article; their own URL says nothing."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in FEED_PROXY_HOSTS)
