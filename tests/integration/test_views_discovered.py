"""The ``discovered_actors`` review view on a small warehouse built from real matcher output."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from pipelines.lib import schemas
from pipelines.lib.actors import load_registry
from pipelines.lib.mentions import actor_mention_rows
from pipelines.lib.warehouse import apply_migrations

# Two outlets name the same unknown (invented) minister after his title; a fourth article names a
# registry person after a title (not discovered).
MINISTER = "وزير الخارجية الموريتاني يوسف ولد حمدان"
ARTICLES = [
    ("a1", "one.example", None, date(2025, 3, 2), f"التقى {MINISTER} أمس وفدا."),
    ("a2", "two.example", "one.example", date(2025, 3, 4), f"وصل {MINISTER} إلى الرباط."),
    ("a3", "two.example", None, date(2025, 3, 5), f"وقال {MINISTER} إن الاتصالات مستمرة."),
    ("a4", "two.example", None, date(2025, 3, 5), "قال وزير الخارجية التركي هاكان فيدان إن أنقرة تتابع."),
]


def _warehouse() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect()
    apply_migrations(conn)
    rows = [
        {
            "article_id": aid,
            "page_id": f"p-{aid}",
            "segment": 1,
            "outlet_id": outlet,
            "credited_outlet": credited,
            "title": "",
            "text": text,
            "word_count": len(text.split()),
            "crawl_date": day,
            "published_date": day,
        }
        for aid, outlet, credited, day, text in ARTICLES
    ]
    articles = schemas.frame("articles", rows)
    mentions = actor_mention_rows(articles, load_registry())
    conn.register("articles_in", articles.to_arrow())
    conn.register("mentions_in", mentions.to_arrow())
    conn.execute("insert into articles by name select * from articles_in")
    conn.execute("insert into actor_mentions by name select * from mentions_in")
    return conn


def test_discovered_actors_view_one_row_per_name_and_role() -> None:
    conn = _warehouse()
    rows = conn.execute("select * from discovered_actors").pl()
    assert rows.height == 1, rows
    row = rows.row(0, named=True)
    assert row["name"] == "يوسف ولد حمدان"
    assert row["actor_id"].startswith("discovered:")
    assert row["role"] == "Foreign Minister of Mauritania"
    assert (row["n_mentions"], row["n_articles"], row["n_outlets"]) == (3, 3, 2)
    assert row["outlets"] == ["one.example", "two.example"]  # a2 is credited to one.example
    assert (row["first_seen"], row["last_seen"]) == (date(2025, 3, 2), date(2025, 3, 5))
    assert row["example_article_id"] == "a1"
    # the known holder after the same kind of title is a registry person, not a discovery
    known = conn.execute("select actor_id from actor_mentions where article_id = 'a4'").pl()
    assert not known.filter(pl.col("actor_id").str.starts_with("discovered:")).height
