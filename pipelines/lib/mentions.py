"""Articles frame → ``actor_mentions`` and ``date_mentions`` frames."""

from __future__ import annotations

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.actors import Registry, find_title_mentions
from pipelines.lib.actors.matcher import find_mentions_prepared
from pipelines.lib.actors.names import find_person_names
from pipelines.lib.dates import find_date_mentions, parse_date_line


def actor_mention_rows(articles: pl.DataFrame, registry: Registry) -> pl.DataFrame:
    """Every actor mention of every article's title and text, resolved on the article's own date.

    Text mentions carry offsets into ``articles.text``; title mentions (headlines name actors
    the body only implies, e.g. "واشنطن والدوحة ...") have ``location = 'title'`` and no offsets.
    People the registry does not know are added from the text by their names (``discovered``, role
    null; ``pipelines/lib/actors/names.py``).
    """
    rows = []
    for article in articles.sort("article_id").iter_rows(named=True):
        on_date = article["published_date"]
        text = article["text"] or ""
        # The name finder reads the matcher's normalised text: normalising it twice cost as much.
        in_text, norm, offsets = find_mentions_prepared(text, registry, on_date=on_date)
        in_text = sorted(
            [*in_text, *find_person_names(text, registry, in_text, prepared=(norm, offsets))],
            key=lambda m: (m.start, m.end, m.actor_id, m.match),
        )
        # The headline is read with the text's people: "بري يدعو ..." names the نبيه بري of the text.
        in_title = find_title_mentions(article["title"] or "", registry, on_date, in_text)
        for location, found in (("title", in_title), ("text", in_text)):
            for mention in found:
                has_offsets = location == "text"  # not in_text: that name holds the text's mentions
                rows.append(
                    {
                        "article_id": article["article_id"],
                        "actor_id": mention.actor_id,
                        "surface": mention.surface,
                        "start_char": mention.start if has_offsets else None,
                        "end_char": mention.end if has_offsets else None,
                        "match": mention.match,
                        "crawl_date": article["crawl_date"],
                        "role": mention.role,
                        "location": location,
                    }
                )
    return schemas.frame("actor_mentions", rows)


def date_mention_rows(articles: pl.DataFrame) -> pl.DataFrame:
    """Dates each article mentions, relative ones resolved against the article's own date.

    The visible publication date line of the article (shown above or at the head of the text,
    outside ``articles.text``) is recorded too, with ``location = 'header'`` and no offsets.
    """
    rows = []
    for article in articles.sort("article_id").iter_rows(named=True):
        anchor = article["published_date"]
        surface = article["published_surface"]
        if surface:
            value = parse_date_line(surface)
            if value is not None:
                rows.append(
                    {
                        "article_id": article["article_id"],
                        "surface": surface,
                        "start_char": None,
                        "end_char": None,
                        "value": value,
                        "value_end": None,
                        "granularity": "day",
                        "kind": "absolute",
                        "anchor_date": None,
                        "rule": "visible:publication-date",
                        "crawl_date": article["crawl_date"],
                        "location": "header",
                    }
                )
        for mention in find_date_mentions(article["text"] or "", anchor):
            rows.append(
                {
                    "article_id": article["article_id"],
                    "surface": mention.surface,
                    "start_char": mention.start,
                    "end_char": mention.end,
                    "value": mention.value,
                    "value_end": mention.value_end,
                    "granularity": mention.granularity,
                    "kind": mention.kind,
                    "anchor_date": mention.anchor_date,
                    "rule": mention.rule,
                    "crawl_date": article["crawl_date"],
                    "location": "text",
                }
            )
    return schemas.frame("date_mentions", rows)
