"""Sitemaps, sitemap indexes, Google News sitemaps and plain-text URL lists.

trafilatura first: ``trafilatura.sitemaps.is_plausible_sitemap`` rejects HTML served for a
sitemap URL and ``extract_robots_sitemaps`` reads the ``Sitemap:`` lines of robots.txt. Its
``SitemapObject`` keeps only the ``<loc>`` of each URL (not ``<lastmod>``, ``news:publication_date``
or ``news:title``, the hints later stages use), tells an index from a URL set by a ``.xml`` suffix
rather than by the element, and fetches with ``fetch_url``, which drops failure reasons; so
sitemaps are read here with lxml and fetched by our own fetcher (``tests/lib/test_sitemaps.py``
checks that the URLs found match trafilatura's).
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field

from lxml import etree
from trafilatura.sitemaps import extract_robots_sitemaps, is_plausible_sitemap

from pipelines.lib.feeds import Entry, parse_date
from pipelines.lib.urls import absolute_url, canonical, is_http_url

MAX_ENTRIES = 50_000  # the sitemap protocol's own limit per file
MAX_UNZIPPED = 100_000_000


@dataclass
class Sitemap:
    """What one sitemap document lists."""

    entries: list[Entry] = field(default_factory=list)  # article URLs
    sitemaps: list[Entry] = field(default_factory=list)  # child sitemaps of an index
    valid: bool = True


def gunzip_if_needed(body: bytes) -> bytes:
    """``.xml.gz`` sitemaps are often served as plain ``application/gzip`` without Content-Encoding."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = inflater.decompress(body, MAX_UNZIPPED)
        return data
    except (zlib.error, gzip.BadGzipFile):
        return body


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, path: tuple[str, ...]) -> str | None:
    """Text of the first descendant along ``path`` of local names (namespaces ignored)."""
    current = [element]
    for name in path:
        current = [child for node in current for child in node if _local(child.tag) == name]
        if not current:
            return None
    text = "".join(current[0].itertext()).strip()
    return text or None


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """Entries of a sitemap (``urlset``), child sitemaps (``sitemapindex``) or a text list."""
    data = gunzip_if_needed(body)
    text = data.decode("utf-8", errors="replace")
    if not is_plausible_sitemap(url, text):
        return Sitemap(valid=False)
    result = Sitemap()
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("<"):
        # Plain-text sitemap: one URL per line.
        for line in stripped.splitlines()[:MAX_ENTRIES]:
            link = canonical(line.strip())
            if is_http_url(link) and " " not in link:
                result.entries.append(Entry(link))
        return result
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"), parser)
    except etree.XMLSyntaxError:
        return Sitemap(valid=False)
    if root is None:
        return Sitemap(valid=False)
    is_index = _local(root.tag) == "sitemapindex"
    seen: set[str] = set()
    for node in root:
        kind = _local(node.tag)
        if kind not in ("url", "sitemap"):
            continue
        loc = _child_text(node, ("loc",))
        if not loc:
            continue
        link = canonical(absolute_url(loc, url))
        if not is_http_url(link) or link in seen:
            continue
        seen.add(link)
        if is_index or kind == "sitemap":
            result.sitemaps.append(Entry(link, parse_date(_child_text(node, ("lastmod",)))))
            continue
        published = parse_date(_child_text(node, ("news", "publication_date"))) or parse_date(
            _child_text(node, ("lastmod",))
        )
        title = _child_text(node, ("news", "title"))
        result.entries.append(Entry(link, published, " ".join(title.split()) if title else None))
        if len(result.entries) >= MAX_ENTRIES:
            break
    return result


def robots_sitemaps(robots_txt: str, base_url: str) -> list[str]:
    """``Sitemap:`` URLs of a robots.txt (trafilatura's reader)."""
    return [canonical(u) for u in extract_robots_sitemaps(robots_txt, base_url)]
