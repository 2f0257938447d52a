"""One Polars schema per warehouse table, in column order.

Frames leave ``lib`` through :func:`conform`, so every load sees the same columns in the same
order and types whatever the computation produced (the DuckDB IO manager inserts by position).
The required columns of ``../shared/design/warehouse.md`` come first; extra columns follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

UTC_TS = pl.Datetime("us", "UTC")

OUTLETS = {
    "outlet_id": pl.String,
    "name": pl.String,
    "name_ar": pl.String,
    "kind": pl.String,
    "country": pl.String,
    "language": pl.String,
    "aliases": pl.List(pl.String),
    "source_kinds": pl.List(pl.String),
}

PAGES = {
    "page_id": pl.String,
    "url": pl.String,
    "final_url": pl.String,
    "outlet_id": pl.String,
    "crawl_date": pl.Date,
    "fetched_at": UTC_TS,
    "http_status": pl.Int32,
    "encoding": pl.String,
    "bytes": pl.Int64,
    "content_sha1": pl.String,
    "error": pl.String,
    "source_kind": pl.String,
    "content_type": pl.String,
    "elapsed_ms": pl.Float64,
    "from_cache": pl.Boolean,
    "source_locator": pl.String,
    # production ingest (sql/ddl/002_pages_ingest.sql)
    "hint_published": UTC_TS,
    "hint_title": pl.String,
    "discovered_from": pl.String,
    "etag": pl.String,
    "last_modified": pl.String,
    "attempts": pl.Int32,
    "change": pl.String,
    "skip_reason": pl.String,
}

EXTRACTIONS = {
    "page_id": pl.String,
    "crawl_date": pl.Date,
    "outcome": pl.String,
    "reason": pl.String,
    "n_articles": pl.Int32,
    "extractor": pl.String,
    "elapsed_ms": pl.Float64,
}

ARTICLES = {
    "article_id": pl.String,
    "page_id": pl.String,
    "segment": pl.Int32,
    "url": pl.String,
    "outlet_id": pl.String,
    "credited_outlet": pl.String,
    "title": pl.String,
    "author": pl.String,
    "published_date": pl.Date,
    "published_at": UTC_TS,
    "published_source": pl.String,
    "language": pl.String,
    "language_confidence": pl.Float64,
    "text": pl.String,
    "word_count": pl.Int32,
    "crawl_date": pl.Date,
    "credited_name": pl.String,
    "credit_source": pl.String,
    "dateline": pl.String,
    "site_name": pl.String,
    "description": pl.String,
    "n_segments": pl.Int32,
    "published_surface": pl.String,
    "removed_boilerplate": pl.List(pl.String),
    "tags": pl.List(pl.String),
}

STORIES = {
    "story_id": pl.String,
    "original_article_id": pl.String,
    "title": pl.String,
    "first_published_date": pl.Date,
    "n_articles": pl.Int32,
    "n_outlets": pl.Int32,
    "crawl_date": pl.Date,
    "n_independent": pl.Int32,
}

ARTICLE_COPIES = {
    "article_id": pl.String,
    "story_id": pl.String,
    "is_original": pl.Boolean,
    "copy_of": pl.String,
    "similarity": pl.Float64,
    "containment": pl.Float64,
    "method": pl.String,
    "crawl_date": pl.Date,
}

# Every story whose text an article carries: its primary story (the ``article_copies`` row) plus
# secondary ones (a round-up page bundling several releases). Written on the night it was decided.
STORY_MEMBERS = {
    "article_id": pl.String,
    "story_id": pl.String,
    "is_primary": pl.Boolean,
    "copy_of": pl.String,
    "similarity": pl.Float64,
    "containment": pl.Float64,
    "method": pl.String,
    "crawl_date": pl.Date,
}

ACTORS = {
    "actor_id": pl.String,
    "name_en": pl.String,
    "name_ar": pl.String,
    "type": pl.String,
    "country": pl.String,
    "wikidata_id": pl.String,
    "aliases_ar": pl.List(pl.String),
    "aliases_en": pl.List(pl.String),
}

ACTOR_MENTIONS = {
    "article_id": pl.String,
    "actor_id": pl.String,
    "surface": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "match": pl.String,
    "crawl_date": pl.Date,
    "role": pl.String,
    "location": pl.String,
}

# Registry companions: time-bounded roles of people, and links between actors (renames,
# successions, parts) or to former names an actor was known by.
ACTOR_ROLES = {
    "actor_id": pl.String,
    "role": pl.String,
    "start_date": pl.Date,
    "end_date": pl.Date,
}

ACTOR_LINKS = {
    "actor_id": pl.String,
    "relation": pl.String,
    "target_actor_id": pl.String,
    "name": pl.String,
}

COPY_CANDIDATES = {
    "article_a": pl.String,
    "article_b": pl.String,
    "jaccard": pl.Float64,
    "containment": pl.Float64,
    "decision": pl.Boolean,
    "rule": pl.String,
    "crawl_date": pl.Date,
}

DATE_MENTIONS = {
    "article_id": pl.String,
    "surface": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "value": pl.Date,
    "value_end": pl.Date,
    "granularity": pl.String,
    "kind": pl.String,
    "anchor_date": pl.Date,
    "rule": pl.String,
    "crawl_date": pl.Date,
    "location": pl.String,
}

TABLES: dict[str, dict[str, Any]] = {
    "outlets": OUTLETS,
    "pages": PAGES,
    "extractions": EXTRACTIONS,
    "articles": ARTICLES,
    "stories": STORIES,
    "article_copies": ARTICLE_COPIES,
    "copy_candidates": COPY_CANDIDATES,
    "story_members": STORY_MEMBERS,
    "actors": ACTORS,
    "actor_mentions": ACTOR_MENTIONS,
    "date_mentions": DATE_MENTIONS,
    "actor_roles": ACTOR_ROLES,
    "actor_links": ACTOR_LINKS,
}


def empty(table: str) -> pl.DataFrame:
    """An empty frame with the table's schema."""
    return pl.DataFrame(schema=TABLES[table])


def frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """Build a frame for ``table`` from row dicts (missing keys become nulls)."""
    schema = TABLES[table]
    rows = list(rows)
    if not rows:
        return empty(table)
    data = {column: [row.get(column) for row in rows] for column in schema}
    return pl.DataFrame(data, schema=schema)


def conform(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Return ``df`` with exactly the table's columns, in order, cast to the schema."""
    schema = TABLES[table]
    missing = [c for c in schema if c not in df.columns]
    if missing:
        df = df.with_columns([pl.lit(None, dtype=schema[c]).alias(c) for c in missing])
    return df.select([pl.col(c).cast(dtype) for c, dtype in schema.items()])
