"""RSS, Atom, RDF and JSON feeds: entries with their date and title hints; feed discovery.

trafilatura first: ``trafilatura.feeds.is_potential_feed`` says whether a document is a feed and
``determine_feed`` finds the feeds a home page announces. Its ``extract_links`` returns bare URLs
(the entry's date and title, which later stages use as hints, are dropped) and validates them with
``courlan.check_url``, which rejects IP-address hosts; so entries are read here with lxml, and
``tests/lib/test_feeds.py`` checks that the links found are the ones trafilatura finds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed, is_potential_feed

from pipelines.lib.urls import absolute_url, canonical, is_http_url

MAX_ENTRIES = 5_000


@dataclass(frozen=True)
class Entry:
    """An article URL listed by a feed or sitemap, with what the listing says about it."""

    url: str
    published: datetime | None = None
    title: str | None = None


def parse_date(value: str | None) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 / W3C (Atom, sitemaps) date; naive values are taken as UTC."""
    if not value or not value.strip():
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) in names]


def _text(element: etree._Element, *names: str) -> str | None:
    for child in _children(element, *names):
        text = "".join(child.itertext()).strip()
        if text:
            return text
    return None


def looks_like_feed(text: str) -> bool:
    stripped = text.lstrip("\ufeff \t\r\n")
    return is_potential_feed(stripped) or stripped.startswith("{")


def _json_entries(text: str, base: str) -> list[Entry]:
    try:
        items = json.loads(text).get("items", [])
    except (ValueError, AttributeError, RecursionError):
        return []
    entries = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if link is None and is_http_url(str(item.get("id") or "")):
            link = item["id"]  # an id is only an address when it is an absolute URL
        if isinstance(link, str):
            published = parse_date(item.get("date_published") or item.get("date_modified"))
            entries.append(Entry(absolute_url(link, base), published, item.get("title")))
    return entries


def _entry_of(item: etree._Element, base: str) -> Entry | None:
    name = _local(item.tag)
    link: str | None = None
    # FeedBurner keeps the publisher's URL next to the proxy one: take it, no redirect needed.
    link = _text(item, "origlink")
    if link is None and name == "entry":  # Atom
        links = _children(item, "link")
        alternate = [lk for lk in links if lk.get("rel") in (None, "alternate") and lk.get("href")]
        if alternate:
            link = alternate[0].get("href")
    if link is None:
        link = _text(item, "link")
    if link is None and name == "item":
        about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        guid = _children(item, "guid")
        if about:
            link = about
        elif guid and guid[0].get("isPermaLink", "true").lower() == "true":
            link = _text(item, "guid")
    if not link:
        return None
    date = _text(item, "pubdate", "published", "date", "issued", "updated", "modified")
    return Entry(absolute_url(link, base), parse_date(date), _text(item, "title"))


def parse_feed(body: bytes | str, base_url: str) -> list[Entry]:
    """Entries of a feed, links made absolute against the feed's URL, in document order."""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        raw = _json_entries(text, base_url)
    else:
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"), parser)
        except etree.XMLSyntaxError:
            return []
        if root is None:
            return []
        raw = []
        for item in root.iter():
            if _local(item.tag) in ("item", "entry"):
                entry = _entry_of(item, base_url)
                if entry is not None:
                    raw.append(entry)
                if len(raw) >= MAX_ENTRIES:
                    break
    seen: set[str] = set()
    entries = []
    for entry in raw:
        url = canonical(entry.url)
        if not is_http_url(url) or url in seen:
            continue
        seen.add(url)
        title = " ".join(entry.title.split()) if entry.title else None
        entries.append(Entry(url, entry.published, title or None))
    return entries


def discover_feeds(page_html: str, page_url: str) -> list[str]:
    """Feed URLs a home page announces (trafilatura's ``determine_feed``)."""
    from courlan import get_hostinfo

    domain, base = get_hostinfo(page_url)
    params = FeedParameters(base or page_url, domain or "", page_url)
    return [canonical(u) for u in determine_feed(page_html, params)]
