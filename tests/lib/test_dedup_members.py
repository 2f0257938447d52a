"""Membership of more than one story: round-up pages carrying the text of several stories."""

from __future__ import annotations

import polars as pl

from pipelines.lib import dedup
from pipelines.lib.dedup import (
    MEMBERS_SCHEMA,
    DedupResult,
    dedup_tokens,
    find_stories,
    overlap,
    shingle_array,
)
from tests.lib.test_dedup import (
    A_TEXT,
    B_TEXT,
    C_TEXT,
    FIRE_1,
    FIRE_2,
    E,
    _bundle_articles,
    _earlier,
    art,
    assert_order_independent,
    rows,
)


def members(result: DedupResult) -> dict[str, dict[str, dict]]:
    """article_id -> story_id -> its story_members row."""
    out: dict[str, dict[str, dict]] = {}
    for r in result.members.iter_rows(named=True):
        out.setdefault(r["article_id"], {})[r["story_id"]] = r
    return out


def _check_primary_rows(result: DedupResult) -> None:
    # The primary rows are the article_copies rows, one per article.
    primary = result.members.filter(pl.col("is_primary")).select("article_id", "story_id", "copy_of")
    assert primary.equals(result.copies.select("article_id", "story_id", "copy_of"))


def test_roundup_page_is_a_member_of_both_stories_and_primary_in_one() -> None:
    articles = _bundle_articles(3, "spa")
    res = find_stories(articles)
    r, m = rows(res), members(res)
    story_a, story_b = r["a-orig"]["story_id"], r["b-orig"]["story_id"]
    assert story_a != story_b
    page = m["agg-page"]
    assert set(page) == {story_a, story_b}
    primary = [s for s, row in page.items() if row["is_primary"]]
    assert primary == [r["agg-page"]["story_id"]]
    (secondary,) = {story_a, story_b} - set(primary)
    row = page[secondary]
    # It carries the other story's text, taken from that story's original.
    assert row["copy_of"] == (r["a-orig"] if secondary == story_a else r["b-orig"])["article_id"]
    assert row["containment"] > 0.95 and row["method"] in {"minhash", "containment"}
    # Every other article is in its primary story only; the primary counts are unchanged.
    assert all(len(v) == 1 for k, v in m.items() if k != "agg-page")
    assert res.stories["n_articles"].sum() == len(articles)
    assert dict(res.members.schema) == MEMBERS_SCHEMA
    _check_primary_rows(res)


def test_no_chaining_through_a_shared_roundup_page() -> None:
    res = find_stories(_bundle_articles(1, None))
    r, m = rows(res), members(res)
    story_a, story_b = r["a-orig"]["story_id"], r["b-orig"]["story_id"]
    assert story_a != story_b  # two stories sharing a page stay two stories
    for a in ("a-orig", "a-copy", "agg-seg1"):
        assert set(m[a]) == {story_a}, a
    for b in ("b-orig", "b-copy", "agg-seg2"):
        assert set(m[b]) == {story_b}, b
    assert set(m["agg-page"]) == {story_a, story_b}


def test_page_reusing_some_paragraphs_of_another_story_is_not_its_member() -> None:
    # The page reprints A whole and four of the six paragraphs of the report Y: it matches Y by the
    # containment rule (a copy if nothing better), but does not carry Y's text (under
    # SECONDARY_MIN_CONTAINMENT of it).
    report = "\n".join(E)
    page = A_TEXT + "\n" + "\n".join(E[:4])
    jac, cont = overlap(shingle_array(dedup_tokens(page), 3), shingle_array(dedup_tokens(report), 3))
    assert 0.6 <= cont < dedup.settings.SECONDARY_MIN_CONTAINMENT and jac < 0.4
    res = find_stories(
        [art("a", A_TEXT, outlet="spa", day=1), art("y", report, outlet="okaz", day=2), art("p", page, day=3)]
    )
    r, m = rows(res), members(res)
    assert r["p"]["story_id"] == r["a"]["story_id"] != r["y"]["story_id"]
    assert set(m["p"]) == {r["a"]["story_id"]}


def test_members_are_deterministic() -> None:
    articles = [*_bundle_articles(3), art("y", "\n".join(E), day=1), art("p", A_TEXT + "\n" + E[0], day=4)]
    first = assert_order_independent(articles, seeds=(3,))
    assert first.members.filter(~pl.col("is_primary")).height == 1


def test_roundup_page_on_a_later_night_joins_both_earlier_stories() -> None:
    day1 = find_stories([art("a", A_TEXT, outlet="spa", day=1), art("b", B_TEXT, outlet="riyadh", day=1)])
    s = {k: v["story_id"] for k, v in rows(day1).items()}
    earlier = [_earlier(art("a", A_TEXT, outlet="spa", day=1), s["a"]),
               _earlier(art("b", B_TEXT, outlet="riyadh", day=1), s["b"])]  # fmt: skip
    res = find_stories([*earlier, art("page", A_TEXT + "\n" + B_TEXT, outlet="portal", day=2)])
    m = members(res)
    assert set(m) == {"page"}  # earlier articles keep their rows from their own night
    assert set(m["page"]) == {s["a"], s["b"]}
    assert sum(row["is_primary"] for row in m["page"].values()) == 1
    _check_primary_rows(res)


def test_earlier_roundup_page_carries_a_story_new_tonight() -> None:
    # Night 1: the page bundles A with B's text, B's own page is not there yet.
    page = A_TEXT + "\n" + B_TEXT
    day1 = find_stories([art("a", A_TEXT, outlet="spa", day=1), art("page", page, outlet="portal", day=1)])
    s = rows(day1)["a"]["story_id"]
    assert rows(day1)["page"]["story_id"] == s
    earlier = [_earlier(art("a", A_TEXT, outlet="spa", day=1), s),
               _earlier(art("page", page, outlet="portal", day=1), s)]  # fmt: skip
    res = find_stories([*earlier, art("b", B_TEXT, outlet="riyadh", day=1)])
    r, m = rows(res), members(res)
    assert set(r) == {"b"} and r["b"]["story_id"] != s  # B starts its own story (no chaining via page)
    # The earlier page is recorded tonight as carrying the new story too.
    assert m["page"][r["b"]["story_id"]]["is_primary"] is False
    assert set(m["page"]) == {r["b"]["story_id"]}


def test_page_aligned_with_a_storys_original_is_a_secondary_member() -> None:
    # The page reprints B whole (its primary story) and the two lead paragraphs of the report Y:
    # below both whole-text thresholds, but the sentence alignment with Y's original decides.
    report = "\n".join(E[:4])
    page = "\n".join([B_TEXT, FIRE_1, E[0], E[1]])
    res = find_stories(
        [
            art("b", B_TEXT, outlet="riyadh", day=1),
            art("y", report, outlet="okaz", day=1),
            art("p", page, day=2),
        ]
    )
    r, m = rows(res), members(res)
    assert r["p"]["story_id"] == r["b"]["story_id"] != r["y"]["story_id"]
    row = m["p"][r["y"]["story_id"]]
    assert not row["is_primary"] and row["copy_of"] == "y" and row["method"] == "aligned"
    assert row["containment"] < 0.6
    assert set(m["y"]) == {r["y"]["story_id"]}


def test_weak_secondary_membership_only_from_the_longer_text() -> None:
    # x (with its reprint x2) shares its two lead paragraphs with the long page l (and l2): the pair
    # aligns (containment 0.35). l carries x's lead: a secondary member of x's story. x does not carry
    # l's text (it is the excerpt): it is not a member of l's story.
    x = "\n".join([E[0], E[1], C_TEXT])
    long_page = "\n".join([E[0], E[1], B_TEXT, FIRE_1, FIRE_2])
    res = find_stories(
        [
            art("x", x, outlet="a", day=1),
            art("x2", "عام / " + x, outlet="b", day=2),
            art("l", long_page, outlet="c", day=1),
            art("l2", "عام / " + long_page, outlet="d", day=2),
        ]
    )
    r, m = rows(res), members(res)
    story_x, story_l = r["x"]["story_id"], r["l"]["story_id"]
    assert story_x != story_l
    assert set(m["x"]) == set(m["x2"]) == {story_x}
    assert m["l"][story_x]["method"] == "aligned" and not m["l"][story_x]["is_primary"]
