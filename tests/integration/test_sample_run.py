"""Integration: materialize one day of the bundled samples on a temporary warehouse.

Checks the run against ``sample_expectations.json`` (written with the sample pages), that every
contract table is filled, that a broken page is a recorded failure and not a failed run, and
that re-running the partition leaves identical tables.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dagster import materialize

from pipelines.defs.resources import FixturePageFetcher, NewsSettings, Warehouse, WarehouseIOManager
from pipelines.lib.warehouse import query
from tests.conftest import REPO, fetch_dicts

EXPECTED = json.loads((Path(__file__).parent / "sample_expectations.json").read_text(encoding="utf-8"))
CRAWL_DATE = EXPECTED["crawl_date"]
CONTRACT = [
    "outlets",
    "pages",
    "articles",
    "stories",
    "article_copies",
    "actors",
    "actor_mentions",
    "date_mentions",
]
# Columns that measure the run rather than the data.
TIMING = {"elapsed_ms"}


def _fold(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u200c", "").split())


def run_day(tmp: Path, partition: str = CRAWL_DATE):
    from pipelines.definitions import ALL_ASSETS
    from pipelines.defs.checks import all_checks

    warehouse = tmp / "warehouse.duckdb"
    resources = {
        "warehouse_io_manager": WarehouseIOManager(database=str(warehouse), schema="main"),
        "warehouse": Warehouse(path=str(warehouse)),
        "settings": NewsSettings(
            sources_file=str(REPO / EXPECTED["sources_file"]), data_dir=str(tmp / "data")
        ),
        "page_fetcher": FixturePageFetcher(),
    }
    return (
        materialize(
            [*ALL_ASSETS, *all_checks], partition_key=partition, resources=resources, raise_on_error=False
        ),
        warehouse,
    )


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("samples")
    result, warehouse = run_day(tmp)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    conn = duckdb.connect(str(warehouse), read_only=True)
    yield tmp, result, conn
    conn.close()


def _article(conn, ref: str) -> dict | None:
    file, _, segment = ref.partition("#")
    locator = Path(file).name
    rows = fetch_dicts(
        conn,
        "select a.* from articles a join pages p using (page_id) "
        "where p.source_locator like ? and a.segment = ?",
        [f"%{locator}", int(segment or 1)],
    )
    return rows[0] if rows else None


def test_every_contract_table_has_rows(sample_run) -> None:
    _, _, conn = sample_run
    for table in CONTRACT:
        assert conn.execute(f"select count(*) from {table}").fetchone()[0] > 0, table


def test_expected_counts(sample_run) -> None:
    _, _, conn = sample_run
    for table, count in EXPECTED["expected_counts"].items():
        if table in CONTRACT:
            assert conn.execute(f"select count(*) from {table}").fetchone()[0] == count, table


def test_checks_pass(sample_run) -> None:
    _, result, _ = sample_run
    evaluations = [e for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    assert evaluations
    failed = [e.event_specific_data.check_name for e in evaluations if not e.event_specific_data.passed]
    assert not failed


def test_broken_pages_are_recorded_failures(sample_run) -> None:
    _, _, conn = sample_run
    for broken in EXPECTED["broken"]:
        name = Path(broken["file"]).name
        (row,) = fetch_dicts(
            conn,
            "select p.error, e.outcome, e.reason from pages p join extractions e using (page_id) "
            "where p.source_locator like ?",
            [f"%{name}"],
        )
        assert row["error"] is not None or row["outcome"] in ("empty", "parse_error"), row
        assert row["error"] or row["reason"], row
        n = conn.execute(
            "select count(*) from articles a join pages p using (page_id) where p.source_locator like ?",
            [f"%{name}"],
        ).fetchone()[0]
        assert n == 0, name


@pytest.mark.parametrize("page", EXPECTED["pages"], ids=lambda p: Path(p["file"]).name)
def test_page(sample_run, page: dict) -> None:
    _, _, conn = sample_run
    name = Path(page["file"]).name
    articles = fetch_dicts(
        conn,
        "select a.* from articles a join pages p using (page_id) "
        "where p.source_locator like ? order by segment",
        [f"%{name}"],
    )
    assert len(articles) == page["n_segments"]
    for article, segment in zip(articles, page["segments"], strict=True):
        where = f"{name}#{segment['segment']}"
        assert article["credited_outlet"] == segment["credited_outlet"], where
        assert _fold(article["title"]) == _fold(segment["title"]), where
        assert article["language"] == segment["language"], where
        assert str(article["published_date"]) == segment["published"], where
        text = _fold(article["text"])
        assert text.startswith(_fold(segment["first_sentence"])), f"{where}: starts {text[:120]!r}"
        assert text.endswith(_fold(segment["last_sentence"])), f"{where}: ends {text[-120:]!r}"
        raw_text = " ".join(article["text"].split())
        for banned in segment.get("must_not_contain", []):
            # Compared as written: "&quot;" must not survive as an entity.
            assert " ".join(banned.split()) not in raw_text, f"{where}: {banned!r} survived cleaning"
        mentions = fetch_dicts(
            conn,
            "select m.surface, a.name_en, a.type from actor_mentions m join actors a using (actor_id) "
            "where m.article_id = ?",
            [article["article_id"]],
        )
        found = {m["name_en"] for m in mentions}
        for must in segment.get("actors", {}).get("must", []):
            assert must["name_en"] in found, f"{where}: actor {must['name_en']} not found"
        for banned in segment.get("actors", {}).get("must_not", []):
            assert banned not in found, f"{where}: actor {banned} must not be found"
        dates = fetch_dicts(conn, "select * from date_mentions where article_id = ?", [article["article_id"]])
        for wanted in segment.get("dates", []):
            hits = [d for d in dates if _fold(wanted["surface"]) in _fold(d["surface"])]
            assert any(str(d["value"]) == wanted["value"] for d in hits), (
                f"{where}: {wanted} not in {[(d['surface'], str(d['value'])) for d in dates]}"
            )


def test_families_and_hard_negatives(sample_run) -> None:
    _, _, conn = sample_run
    copies = {r["article_id"]: r for r in fetch_dicts(conn, "select * from article_copies")}
    for name, family in EXPECTED["families"].items():
        original = _article(conn, family["original"])
        assert original is not None, name
        assert copies[original["article_id"]]["is_original"], f"family {name}: original"
        for ref in family["copies"]:
            copy = _article(conn, ref)
            assert copy is not None, ref
            row = copies[copy["article_id"]]
            assert row["story_id"] == copies[original["article_id"]]["story_id"], f"family {name}: {ref}"
            assert not row["is_original"], ref
    # story_members: one primary row per article, in its article_copies story.
    primary = conn.execute(
        "select article_id, story_id from story_members where is_primary order by article_id"
    ).fetchall()
    assert primary == sorted((a, c["story_id"]) for a, c in copies.items())
    for negative in EXPECTED["hard_negatives"]:
        a, b = (_article(conn, ref) for ref in negative["articles"])
        if a is None or b is None:
            continue
        assert copies[a["article_id"]]["story_id"] != copies[b["article_id"]]["story_id"], negative["id"]


def test_round_up_is_a_secondary_member(sample_run) -> None:
    """The round-up page: primary in one family's story, secondary member of the other's."""
    _, _, conn = sample_run
    counts = EXPECTED["expected_counts"]
    total, secondary = conn.execute(
        "select count(*), count(*) filter (where not is_primary) from story_members"
    ).fetchone()
    assert (total, secondary) == (counts["story_members"], counts["secondary_members"])
    assert len(EXPECTED["secondary_members"]) == secondary
    story_of = dict(conn.execute("select article_id, story_id from article_copies").fetchall())
    for expected in EXPECTED["secondary_members"]:
        page = _article(conn, expected["article"])
        assert page is not None, expected["article"]
        primary_story, secondary_story = (
            story_of[_article(conn, EXPECTED["families"][expected[key]]["original"])["article_id"]]
            for key in ("primary_family", "secondary_family")
        )
        assert primary_story != secondary_story, "secondary membership must not merge the two stories"
        rows = fetch_dicts(
            conn,
            "select story_id, is_primary, containment from story_members where article_id = ?",
            [page["article_id"]],
        )
        assert {(r["story_id"], r["is_primary"]) for r in rows} == {
            (primary_story, True),
            (secondary_story, False),
        }, expected["article"]
        # The page carries the whole release: docs/syndication.md "Membership of more than one story".
        (carried,) = [r for r in rows if not r["is_primary"]]
        assert carried["containment"] >= 0.7
        reach = fetch_dicts(
            conn, "select * from story_reach where story_id in (?, ?)", [primary_story, secondary_story]
        )
        by_story = {r["story_id"]: r for r in reach}
        assert by_story[secondary_story]["n_secondary"] == 1
        assert by_story[secondary_story]["n_carriers"] == by_story[secondary_story]["n_articles"] + 1
        assert by_story[primary_story]["n_secondary"] == 0
        # The run summary's story table shows the reach too (n_carriers).
        top = query(
            conn,
            "reports/top_stories",
            {"date_from": date(1900, 1, 1), "date_to": date(2999, 12, 31), "top_n": 50},
        )
        row = top.filter(pl.col("story_id") == secondary_story).row(0, named=True)
        assert row["n_carriers"] == row["n_articles"] + 1


def _snapshot(path: Path) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(path), read_only=True) as conn:
        out = {}
        for table in [*CONTRACT, "extractions", "copy_candidates", "story_members"]:
            df = conn.execute(f"select * from {table}").pl()
            df = df.drop([c for c in df.columns if c in TIMING])
            out[table] = df.sort(df.columns)
        return out


def test_rerun_leaves_identical_tables(sample_run) -> None:
    tmp, _, conn = sample_run
    warehouse = tmp / "warehouse.duckdb"
    conn.close()
    before = _snapshot(warehouse)
    result, _ = run_day(tmp)
    assert result.success
    after = _snapshot(warehouse)
    for table in before:
        assert before[table].equals(after[table]), table


def test_empty_day_is_fine(tmp_path: Path) -> None:
    """A sources file with nothing to read gives an empty, successful day."""
    from pipelines.definitions import ALL_ASSETS

    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - id: empty.example\n    name: Empty\n", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    result = materialize(
        ALL_ASSETS,
        partition_key=CRAWL_DATE,
        resources={
            "warehouse_io_manager": WarehouseIOManager(database=str(warehouse), schema="main"),
            "warehouse": Warehouse(path=str(warehouse)),
            "settings": NewsSettings(sources_file=str(sources), data_dir=str(tmp_path / "data")),
            "page_fetcher": FixturePageFetcher(),
        },
    )
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 0
        assert conn.execute("select count(*) from story_members").fetchone()[0] == 0
        assert conn.execute("select count(*) from outlets").fetchone()[0] >= 1
