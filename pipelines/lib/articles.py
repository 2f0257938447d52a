"""Pages → ``articles`` and ``extractions`` rows (one extraction row per page, failures included)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.clean import PageExtraction, Segment, credited_outlet, extract_page, word_count
from pipelines.lib.dedup import DedupArticle, find_stories
from pipelines.lib.encoding import decode_html
from pipelines.lib.ids import stable_id
from pipelines.lib.language import detect_language
from pipelines.lib.sources import OutletResolver, Source
from pipelines.lib.store import RawStore

EXTRACTOR = "trafilatura+segments/1"


@dataclass(frozen=True)
class ArticlesResult:
    articles: pl.DataFrame
    extractions: pl.DataFrame


def _segment_date(segment: Segment, extraction: PageExtraction) -> tuple:
    """``(published_date, published_at, published_source, surface)`` for one segment.

    A segment's own visible date line wins (a bundled article keeps its own date); otherwise
    the page's date, marked ``page:`` for bundled segments so the analyst sees it was inherited.
    """
    page_date = extraction.page_date
    if segment.date_line_value is not None:
        published_at = None
        if page_date and page_date.published_date == segment.date_line_value:
            published_at = page_date.published_at
        return segment.date_line_value, published_at, "visible:segment", segment.date_line
    if page_date is None or page_date.published_date is None:
        # The page chain looks beside an <h1>; old layouts put the title in another tag.
        nearest = extraction.nearest_visible_date()
        if nearest is None:
            return None, None, None, None
        surface, value = nearest
        return (
            value,
            None,
            "visible:near-title" if segment.segment == 1 else "page:visible:near-title",
            surface,
        )
    source = page_date.source if segment.segment == 1 else f"page:{page_date.source}"
    surface = page_date.surface or extraction.visible_date_surface(page_date.published_date)
    return page_date.published_date, page_date.published_at, source, surface


def article_rows(
    page: dict, extraction: PageExtraction, source: Source | None, resolver: OutletResolver
) -> list[dict]:
    """``articles`` rows of one extracted page."""
    rows = []
    kind = source.kind if source else "outlet"
    for segment in extraction.segments:
        credited, credit_source = credited_outlet(segment, page["outlet_id"], kind, resolver)
        published_date, published_at, published_source, surface = _segment_date(segment, extraction)
        language, confidence = detect_language(segment.text)
        rows.append(
            {
                "article_id": stable_id("a_", page["page_id"], segment.segment),
                "page_id": page["page_id"],
                "segment": segment.segment,
                "url": segment.url or page["final_url"] or page["url"],
                "outlet_id": page["outlet_id"],
                "credited_outlet": credited,
                "title": segment.title,
                "author": extraction.author if segment.segment == 1 else None,
                "published_date": published_date,
                "published_at": published_at,
                "published_source": published_source,
                "language": language,
                "language_confidence": confidence,
                "text": segment.text,
                "word_count": word_count(segment.text),
                "crawl_date": page["crawl_date"],
                "credited_name": segment.credited_name,
                "credit_source": credit_source,
                "dateline": segment.dateline,
                "site_name": extraction.site_name,
                "description": extraction.description if segment.segment == 1 else None,
                "n_segments": len(extraction.segments),
                "published_surface": surface,
                "removed_boilerplate": segment.removed,
                # The page's tags describe its own article, not the ones it bundles (as author).
                "tags": extraction.tags if segment.segment == 1 else [],
            }
        )
    return rows


def dates_from_originals(rows: list[dict]) -> int:
    """Give a bundled segment without its own date the date of its original, when found.

    A segment of an aggregator page that shows no date of its own inherited the page's date
    (``published_source = 'page:...'``). When the syndication matching (the same function the
    syndication stage uses) finds the article it is a copy of among the day's articles, that
    original's date is the better evidence: ``published_source`` becomes ``original:<source>``.
    Inherited dates take no part in choosing the original. Returns how many rows changed.
    """
    inherited = {r["article_id"] for r in rows if (r["published_source"] or "").startswith("page:")}
    if not inherited or len(rows) < 2:
        return 0
    inputs = [
        replace(a, published_at=None, published_date=None) if a.article_id in inherited else a
        for a in (DedupArticle.from_row(r) for r in sorted(rows, key=lambda r: r["article_id"]))
    ]
    copy_of = {
        row["article_id"]: row["copy_of"]
        for row in find_stories(inputs).copies.iter_rows(named=True)
        if row["copy_of"] is not None
    }
    by_id = {r["article_id"]: r for r in rows}
    changed = 0
    for article_id in sorted(inherited):
        original = by_id.get(copy_of.get(article_id) or "")
        if original is None or original["article_id"] in inherited or original["published_date"] is None:
            continue
        row = by_id[article_id]
        if row["published_date"] != original["published_date"]:
            row["published_surface"] = None  # the page's date line no longer shows this article's date
        row["published_date"] = original["published_date"]
        row["published_at"] = original["published_at"]
        row["published_source"] = f"original:{original['published_source']}"
        changed += 1
    return changed


def extract_articles(
    pages: pl.DataFrame, store: RawStore, sources: Sequence[Source], resolver: OutletResolver
) -> ArticlesResult:
    """Extract the articles of every fetched page; a failing page becomes an extraction row."""
    by_id = {s.id: s for s in sources}
    articles: list[dict] = []
    extractions: list[dict] = []
    for page in pages.sort("page_id").iter_rows(named=True):
        started = time.perf_counter()
        outcome, reason, count = "skipped", None, 0
        if page.get("skip_reason"):
            # Feed/sitemap documents, unchanged pages and redirect duplicates: their articles (if
            # any) were extracted on the night they changed; extracting again would duplicate them.
            reason = page["skip_reason"]
        elif page["error"] is not None or page["content_sha1"] is None:
            reason = f"not fetched: {page['error']}"
        else:
            try:
                body = store.get(page["content_sha1"])
                html, _ = decode_html(body, page["content_type"])
                extraction = extract_page(html, page["final_url"] or page["url"])
                outcome, reason = extraction.outcome, extraction.reason
                if extraction.outcome == "ok":
                    rows = article_rows(page, extraction, by_id.get(page["outlet_id"]), resolver)
                    articles.extend(rows)
                    count = len(rows)
            except FileNotFoundError:
                outcome, reason = "parse_error", "raw body missing from the store"
            except Exception as exc:
                outcome, reason = "parse_error", f"{type(exc).__name__}: {exc}"
        extractions.append(
            {
                "page_id": page["page_id"],
                "crawl_date": page["crawl_date"],
                "outcome": outcome,
                "reason": reason,
                "n_articles": count,
                "extractor": EXTRACTOR,
                "elapsed_ms": round((time.perf_counter() - started) * 1000, 3),
            }
        )
    dates_from_originals(articles)
    return ArticlesResult(schemas.frame("articles", articles), schemas.frame("extractions", extractions))
