"""The analysis views and ready queries on the integration warehouse (the sample day).

Expected numbers come from ``sample_expectations.json`` (the families A-D written with the sample
pages) and from the pages' own metadata, not from the views; the co-occurrence view is also
recomputed in Python from the raw tables.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.warehouse import create_views, load_fts, query, views
from pipelines.paths import SQL_DIR
from tests.conftest import fetch_dicts
from tests.integration.test_sample_run import run_day

EXPECTED = json.loads((Path(__file__).parent / "sample_expectations.json").read_text(encoding="utf-8"))
NIGHT = date.fromisoformat(EXPECTED["crawl_date"])
OUTLET_OF_FILE = {page["file"]: page["outlet_id"] for page in EXPECTED["pages"]}
QUERY_PARAMS = {
    "date_from": NIGHT - timedelta(days=29),
    "date_to": NIGHT,
    "night": NIGHT,
    "top_n": 10,
    "baseline_days": 14,
    "crawl_date": NIGHT,
    "window_start": NIGHT - timedelta(days=7),
}
# queries that are empty on a single night: the syndication stage's look-back at earlier nights
EMPTY_ON_ONE_NIGHT = {"syndication_lookback"}
# views that may be empty on the sample day: no person there is unknown to the registry (after a
# title or by name)
# (discovered_actors has its own warehouse test, tests/integration/test_views_discovered.py)
EMPTY_ON_SAMPLE = {"discovered_actors"}


def _outlet(ref: str) -> str:
    return OUTLET_OF_FILE[ref.partition("#")[0]]


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("views")
    result, warehouse = run_day(tmp)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def test_every_view_exists_and_runs(conn: duckdb.DuckDBPyConnection) -> None:
    names = {p.stem for p in views()}
    assert {
        "actor_cooccurrence_daily",
        "actor_timeline",
        "story_timeline",
        "syndication_network",
        "outlet_profile",
        "dates_mentioned",
    } <= names
    created = {
        r[0] for r in conn.execute("select view_name from duckdb_views() where not internal").fetchall()
    }
    assert names <= created, "the run's migrations step creates every view"
    for name in sorted(names):
        n_rows = conn.execute(f"select count(*) from {name}").fetchone()[0]
        assert n_rows > 0 or name in EMPTY_ON_SAMPLE, name


@pytest.mark.parametrize("path", sorted((SQL_DIR / "queries").glob("*.sql")), ids=lambda p: p.stem)
def test_every_query_runs(conn: duckdb.DuckDBPyConnection, path: Path, tmp_path: Path) -> None:
    if path.stem == "search_articles":
        pytest.skip("needs the fts index: test_search_articles")
    text = path.read_text(encoding="utf-8")
    wanted = set(re.findall(r"\$([a-z_]+)", text))
    assert wanted <= set(QUERY_PARAMS), f"add test values for {wanted - set(QUERY_PARAMS)}"
    df = query(conn, f"queries/{path.stem}", {k: QUERY_PARAMS[k] for k in wanted} or None)
    assert df.height > 0 or path.stem in EMPTY_ON_ONE_NIGHT, path.stem


def test_syndication_network_is_the_families(conn: duckdb.DuckDBPyConnection) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    for family in EXPECTED["families"].values():
        for copy in family["copies"]:
            expected[(_outlet(family["original"]), _outlet(copy))] += 1
    network = fetch_dicts(conn, "select * from syndication_network")
    assert {(r["source_outlet"], r["copier_outlet"]): r["n_copies"] for r in network} == dict(expected)
    edge = next(
        r
        for r in network
        if (r["source_outlet"], r["copier_outlet"]) == ("gulf-wire.example", "khaleej-daily.example")
    )
    # Family A: the wire item at 06:30 UTC, the Khaleej copy at 10:05 UTC (the pages' meta tags).
    assert edge["median_delay_hours"] == pytest.approx(3 + 35 / 60)
    assert edge["median_delay_days"] == 0


def test_story_timeline_counts_outlets_once(conn: duckdb.DuckDBPyConnection) -> None:
    counts = EXPECTED["expected_counts"]
    totals = conn.execute("select count(distinct story_id), sum(n_articles) from story_timeline").fetchone()
    assert totals == (counts["stories_total_if_singletons_counted"], counts["articles"])
    per_story = fetch_dicts(
        conn,
        "select story_id, min(first_seen) as first_seen, max(outlets_reached) as reached, "
        "sum(n_articles) as n, sum(n_copies) as copies from story_timeline group by story_id",
    )
    spread = sorted((r["reached"], r["n"], r["copies"]) for r in per_story if r["n"] > 1)
    expected = sorted(
        (len({_outlet(f["original"]), *map(_outlet, f["copies"])}), 1 + len(f["copies"]), len(f["copies"]))
        for f in EXPECTED["families"].values()
    )
    assert spread == expected
    # outlets_reached never decreases and ends at the story's distinct outlets
    rows = fetch_dicts(
        conn, "select story_id, day, outlets_reached from story_timeline order by story_id, day"
    )
    for _, group in itertools.groupby(rows, key=lambda r: r["story_id"]):
        reached = [r["outlets_reached"] for r in group]
        assert reached == sorted(reached)


def test_story_reach_counts_primary_and_secondary_members(conn: duckdb.DuckDBPyConnection) -> None:
    reach = fetch_dicts(conn, "select * from story_reach")
    counts = EXPECTED["expected_counts"]
    assert sum(r["n_articles"] for r in reach) == counts["articles"]
    assert len(reach) == counts["stories_total_if_singletons_counted"]
    secondary = conn.execute("select count(*) from story_members where not is_primary").fetchone()[0]
    assert sum(r["n_secondary"] for r in reach) == secondary
    for r in reach:
        assert (
            r["n_carriers"] == r["n_articles"] + r["n_secondary"]
            and r["n_outlets_carrying"] >= r["n_outlets"]
        )
    # The README's query: every outlet that carried the widest story.
    conn.execute(
        "set variable story = (select story_id from story_reach order by n_outlets_carrying desc limit 1)"
    )
    outlets = conn.execute(
        "select a.outlet_id, m.is_primary, count(*) as n_articles from story_members m join articles a "
        "using (article_id) where m.story_id = getvariable('story') group by all order by 3 desc"
    ).fetchall()
    assert len({o for o, _, _ in outlets}) == max(r["n_outlets_carrying"] for r in reach)


def test_cooccurrence_counts_a_story_once(conn: duckdb.DuckDBPyConnection) -> None:
    # Recomputed from the raw tables: actor pairs per story, the story on its earliest day.
    story_of = dict(conn.execute("select article_id, story_id from article_copies").fetchall())
    day_of = dict(
        conn.execute("select article_id, coalesce(published_date, crawl_date) from articles").fetchall()
    )
    actors = defaultdict(set)
    story_day: dict[str, date] = {}
    for article_id, story_id in story_of.items():
        story_day[story_id] = min(day_of[article_id], story_day.get(story_id, date.max))
    for article_id, actor_id in conn.execute(
        "select article_id, actor_id from actor_mentions "
        "where match != 'credit' and actor_id in (select actor_id from actors)"
    ).fetchall():
        actors[story_of[article_id]].add(actor_id)
    expected: Counter[tuple[date, str, str]] = Counter()
    for story_id, found in actors.items():
        for a, b in itertools.combinations(sorted(found), 2):
            expected[(story_day[story_id], a, b)] += 1
    view = {
        (r["day"], r["actor_a"], r["actor_b"]): r["n_stories"]
        for r in fetch_dicts(conn, "select * from actor_cooccurrence_daily")
    }
    assert view == dict(expected)
    # Family A (3 copies naming Türkiye and the SDF) adds 1 to that pair, not 3.
    ids = {
        name: actor_id for actor_id, name in conn.execute("select actor_id, name_en from actors").fetchall()
    }
    a, b = sorted([ids["Türkiye"], ids["Syrian Democratic Forces"]])
    pair = (a, b)
    with_both = [s for s, found in actors.items() if set(pair) <= found]
    articles_with_both = sum(1 for s in story_of.values() if s in with_both)
    assert sum(n for (_, x, y), n in view.items() if (x, y) == pair) == len(with_both)
    assert articles_with_both - len(with_both) >= 2  # family A's two copies collapse into its story


def test_actor_timeline_stories_vs_copies(conn: duckdb.DuckDBPyConnection) -> None:
    # Hakan Fidan is named in family A only: one story (once on each day it had copies), three
    # articles, two of them copies.
    rows = fetch_dicts(
        conn,
        "select max(n_stories) as stories, sum(n_articles) as articles, sum(n_copies) as copies "
        "from actor_timeline where name_en = 'Hakan Fidan'",
    )
    assert rows == [{"stories": 1, "articles": 3, "copies": 2}]
    totals = conn.execute("select sum(n_mentions) from actor_timeline").fetchone()[0]
    # The views count registry actors only, source credits left out (tests/lib/test_actor_credits.py).
    counted = "where match != 'credit' and actor_id in (select actor_id from actors)"
    assert totals == conn.execute(f"select count(*) from actor_mentions {counted}").fetchone()[0]


def test_outlet_profile_of_the_aggregator(conn: duckdb.DuckDBPyConnection) -> None:
    (row,) = fetch_dicts(conn, "select * from outlet_profile where outlet_id = 'al-mawjaz.example'")
    # One aggregator page bundling two articles, both copies (families C and D) written by others.
    assert (row["n_pages"], row["n_articles"], row["n_original"], row["n_copies"]) == (1, 2, 0, 2)
    assert row["n_credited_elsewhere"] == 2
    assert row["original_share"] == 0
    assert row["languages"] == "ar 2"
    (wire,) = fetch_dicts(conn, "select * from outlet_profile where outlet_id = 'gulf-wire.example'")
    assert wire["n_copies"] == 0 and wire["original_share"] == 1.0
    n_outlets = conn.execute("select count(*) from outlets").fetchone()[0]
    assert conn.execute("select count(*) from outlet_profile").fetchone()[0] == n_outlets


def test_dates_mentioned_against_publication(conn: duckdb.DuckDBPyConnection) -> None:
    # sham-post 40112 (family B's original, published Monday 13 January) says "الأسبوع المقبل":
    # the week starting 20 January, seven days ahead of its publication.
    rows = fetch_dicts(
        conn,
        "select * from dates_mentioned where mentioned_date = '2025-01-20' and published_day = '2025-01-13'",
    )
    assert rows and rows[0]["days_from_publication"] == 7
    in_text = conn.execute(
        "select count(*) from date_mentions m join articles using (article_id) where m.location = 'text'"
    ).fetchone()[0]
    assert conn.execute("select sum(n_mentions) from dates_mentioned").fetchone()[0] == in_text


def test_language_daily_shares(conn: duckdb.DuckDBPyConnection) -> None:
    shares = dict(conn.execute("select language, n_articles from language_daily").fetchall())
    assert shares.get("fa") == 1  # tehran-daily, the Persian page
    total = conn.execute("select sum(share) from language_daily").fetchone()[0]
    assert total == pytest.approx(1.0)


def test_search_articles(conn: duckdb.DuckDBPyConnection) -> None:
    # The run's article_search_index asset built the index; searching only needs the extension.
    load_fts(conn)
    n_docs = conn.execute("select count(*) from fts_main_articles.docs").fetchone()[0]
    assert n_docs == conn.execute("select count(*) from articles").fetchone()[0]
    conn.execute("set variable search = 'قانون الحشد الشعبي'")
    hits = query(conn, "queries/search_articles")
    family = EXPECTED["families"]["C"]
    assert set(hits.head(2)["outlet_id"]) == {_outlet(family["original"]), *map(_outlet, family["copies"])}
    assert len(set(hits.head(2)["story_id"])) == 1


def test_create_views_only_replaces_changed(tmp_path: Path) -> None:
    from pipelines.lib.warehouse import apply_migrations

    with duckdb.connect(str(tmp_path / "v.duckdb")) as writer:
        apply_migrations(writer)
        assert create_views(writer) == []
        writer.execute("comment on view story_timeline is 'stale'")
        assert create_views(writer) == ["story_timeline"]
