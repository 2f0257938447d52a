"""Formula text (chosen on dev + dev2, validated on dev3): shingles found in the texts of several stories
(a dateline, a closing formula, a background paragraph many stories append) are not evidence of a copy;
and the lone-text membership switch (``LONE_MEMBERS``, off by default after dev3)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from pipelines.lib import dedup
from pipelines.lib.dedup import DedupResult, find_stories, sentence_tokens
from pipelines.lib.dedup.formula import _formula_flags, _formula_shingles
from pipelines.lib.dedup.model import _Unit
from tests.lib.test_dedup import (
    A_BODY,
    B_TEXT,
    C_TEXT,
    FILLER,
    FIRE_1,
    E,
    art,
    assert_order_independent,
    pair_row,
    rows,
    story_of,
    story_sets,
)

# Texts written for these tests. An agency's dateline and closing formula, the same in every item.
DATELINE = "الرياض في الخامس والعشرين من شهر شوال لعام ألف وأربعمئة وستة وثلاثين للهجرة واس"
CLOSING = "وتتابع الوكالة تفاصيل هذا الخبر وتوافي المشتركين بالمستجدات أولا بأول على مدار الساعة"
# Five unrelated agency items carrying both formulas: the formulas' shingles recur in five stories.
BODIES = [A_BODY, B_TEXT, C_TEXT, "\n".join(E), FIRE_1]


def _item(body: str) -> str:
    return "\n".join([DATELINE, body, CLOSING])


def _bulletin(place: str, detail: str) -> str:
    # A short template item: formula, one sentence of its own (the place, the detail), formula.
    return "\n".join([DATELINE, f"هطلت أمطار متوسطة على {place} صباح اليوم {detail}", CLOSING])


BULLETIN_1 = _bulletin("محافظة العلا وما جاورها من القرى", "وسالت على إثرها أودية المنطقة الشمالية")
BULLETIN_2 = _bulletin("مركز الحناكية التابع للمدينة", "واستمرت حتى ساعات الظهيرة دون أضرار تذكر")


def _agency_day() -> list:
    items = [art(f"item-{k}", _item(b), outlet="spa", day=1) for k, b in enumerate(BODIES)]
    return [
        *items,
        art("rain-1", BULLETIN_1, outlet="spa", day=1),
        art("rain-2", BULLETIN_2, outlet="spa", day=1),
    ]


def test_template_items_sharing_only_formulas_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    res = find_stories(_agency_day())
    p = pair_row(res, "rain-1", "rain-2")
    # By whole text the two bulletins pass the Jaccard rule: the formulas are most of their text.
    assert p["jaccard"] >= 0.4
    assert not p["decision"] and p["rule"] == "shared_formula"
    assert story_of(res, "rain-1") != story_of(res, "rain-2")
    assert not (story_sets(res)["rain-1"] & story_sets(res)["rain-2"])
    # The five items do not match each other either.
    assert len({story_of(res, f"item-{k}") for k in range(len(BODIES))}) == len(BODIES)
    # Without the formula rule they were one story (the false positive it removes).
    monkeypatch.setattr(dedup.settings, "FORMULA_MIN_SPREAD", None)
    off = find_stories(_agency_day())
    assert pair_row(off, "rain-1", "rain-2")["rule"] == "jaccard"
    assert story_of(off, "rain-1") == story_of(off, "rain-2")


def test_formula_needs_several_stories() -> None:
    # The same formulas in only two texts besides the bulletins are not a formula (a wire item copied by
    # a few outlets looks like that): the bulletins' Jaccard match stands.
    arts = [art("item-0", _item(BODIES[0]), day=1), art("item-1", _item(BODIES[1]), day=1)]
    arts += [art("rain-1", BULLETIN_1, day=1), art("rain-2", BULLETIN_2, day=1)]
    res = find_stories(arts)
    assert pair_row(res, "rain-1", "rain-2")["rule"] == "jaccard"


def test_wire_item_copied_by_many_outlets_is_one_story_despite_formulas() -> None:
    # Twelve outlets carry one agency item (edited: prefix, one paragraph dropped, dateline removed):
    # its shingles recur in twelve texts, all copies of each other, so they are one group, not a formula.
    body = "\n".join(E)
    texts = [_item(body), "عام / " + _item(body), "\n".join([DATELINE, *E[:-1], CLOSING]), body]
    arts = [art("wire-orig", _item(body), outlet="spa", credited="spa", day=1)]
    arts += [
        art(
            f"wire-{k}",
            texts[k % len(texts)] + ("\nالمصدر واس" if k >= len(texts) else ""),
            outlet=f"o{k}",
            day=1,
        )
        for k in range(11)
    ]
    others = [
        art(f"item-{k}", _item(b), outlet="spa", day=1) for k, b in enumerate(BODIES) if b != "\n".join(E)
    ]
    res = find_stories([*arts, *others])
    story = story_of(res, "wire-orig")
    assert all(story_of(res, f"wire-{k}") == story for k in range(11))
    assert rows(res)["wire-orig"]["is_original"]
    assert all(story_of(res, o.article_id) != story for o in others)


# Two background sentences several stories close with, and a short page that opens with one sentence of
# its own followed by that background, then two of its own.
BACKGROUND = [
    "ويأتي ذلك بعد أن حذرت منظمة السلامة الجوية الأوروبية شركات الطيران من مخاطر التحليق فوق شرق "
    "المتوسط خلال الأيام المقبلة بسبب احتمال تنفيذ ضربات جوية بصواريخ بعيدة المدى",
    "وقالت المنظمة في نشرتها الموجهة إلى الطيارين إن أنظمة الملاحة والاتصالات في المنطقة قد تتعرض "
    "لانقطاعات متقطعة ودعت إلى أخذ ذلك في الحسبان عند التخطيط للرحلات",
]
_OWN = [
    "وأوضحت الشركة في بيان أن المسافرين المتأثرين يمكنهم تعديل حجوزاتهم مجانا أو استرداد قيمة التذاكر "
    "كاملة عبر موقعها الإلكتروني أو مكاتب المبيعات المنتشرة في المدن الرئيسية",
    "وأشارت إلى أن فرق العمليات تراقب الوضع على مدار الساعة بالتنسيق مع سلطات الطيران المدني وستعلن "
    "موعد استئناف الرحلات فور التأكد من سلامة الأجواء",
]
BG_PAGE = "\n".join(["أعلنت شركة طيران خليجية تعليق رحلاتها إلى بيروت حتى إشعار آخر", *BACKGROUND, *_OWN])


def test_background_paragraph_of_many_stories_is_not_alignment_evidence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Five stories close with the background; sentence alignment alone would take it as the page's
    # copied lead (two aligned sentences from the start of the short text).
    stories = [art(f"bg-{k}", "\n".join([b, *BACKGROUND]), day=1) for k, b in enumerate(BODIES)]
    arts = [*stories, art("bg-page", BG_PAGE, outlet="okaz", day=2)]
    res = find_stories(arts)
    decided = [
        p
        for p in res.pairs.iter_rows(named=True)
        if "bg-page" in (p["article_a"], p["article_b"]) and p["decision"]
    ]
    assert decided == []
    assert rows(res)["bg-page"]["method"] == "single"
    # The formula rule is what keeps it out: without it the page aligns with the stories' background.
    monkeypatch.setattr(dedup.settings, "FORMULA_MIN_SPREAD", None)
    off = find_stories(arts)
    assert any(
        p["decision"] and p["rule"].startswith("aligned") and "bg-page" in (p["article_a"], p["article_b"])
        for p in off.pairs.iter_rows(named=True)
    )


def test_formula_flags_use_the_whole_text_shingle_hashes() -> None:
    # A sentence is a formula when most of its shingles are formula shingles, hashed as the whole text.
    sentences = sentence_tokens([_item(A_BODY)])[0]
    formula = dedup.shingle_array(dedup.dedup_tokens(DATELINE), 3)
    flags = _formula_flags([sentences], formula, 3)[0]
    assert flags[0] and not any(flags[1:])
    assert _formula_flags([sentences], np.empty(0, np.uint64), 3)[0] == [False] * len(sentences)


def test_formula_decisions_are_deterministic() -> None:
    assert_order_independent(_agency_day(), seeds=(5,))


# --- lone-text membership (LONE_MEMBERS, off by default) ----------------------------------------
B = B_TEXT.split("\n")


def _lone_case() -> list:
    # o: a report; p: o reprinted with four wire paragraphs appended (a direct copy of o); lone: the
    # wire paragraphs as its lead, then its own text (a weak match with p only; nothing shared with o).
    o = art("ln-o", "\n".join(B), outlet="spa", day=1)
    p = art("ln-p", "\n".join([*B, *E[0:4]]), outlet="okaz", day=2)
    lone = art("ln-lone", "\n".join([*E[0:4], *FILLER[0:4]]), outlet="alwatan", day=3)
    return [o, p, lone]


def test_lone_text_takes_the_copy_it_shares_wire_text_with_as_secondary_member(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    res = find_stories(_lone_case())
    p = pair_row(res, "ln-lone", "ln-p")
    assert p["decision"] and p["rule"].startswith("aligned")
    assert not (story_sets(res)["ln-lone"] & story_sets(res)["ln-p"])  # off by default
    monkeypatch.setattr(dedup.settings, "LONE_MEMBERS", True)
    res = find_stories(_lone_case())
    r, m = rows(res), story_sets(res)
    assert r["ln-p"]["story_id"] == r["ln-o"]["story_id"] != r["ln-lone"]["story_id"]  # primaries unchanged
    assert m["ln-p"] == {r["ln-o"]["story_id"], r["ln-lone"]["story_id"]}
    # No chaining: the report and the lone text share no story.
    assert m["ln-o"] == {r["ln-o"]["story_id"]} and m["ln-lone"] == {r["ln-lone"]["story_id"]}
    row = next(
        x for x in res.members.iter_rows(named=True) if x["article_id"] == "ln-p" and not x["is_primary"]
    )
    assert row["copy_of"] == "ln-lone" and row["method"] == "aligned"


def _bg_pairs(res: DedupResult) -> list[dict]:
    return [p for p in res.pairs.iter_rows(named=True) if "bg-page" in (p["article_a"], p["article_b"])]


def test_copies_of_one_earlier_story_count_once_for_the_formula_spread() -> None:
    # Last night five outlets carried one report closing with the background (one story: their pairs
    # are not computed again tonight, only their story_id says they are copies). Tonight the page
    # reuses the background: it is in two groups (the story and the page), not a formula, and the page
    # aligns with the report as it would if all had come in one night.
    report = "\n".join([A_BODY, *BACKGROUND])
    copies = [
        art("bgs-orig", report, outlet="spa", day=1),
        *(art(f"bgs-{k}", "\n".join([report, FILLER[k]]), outlet=f"o{k}", day=1) for k in range(4)),
    ]
    one_night = find_stories([*copies, art("bg-page", BG_PAGE, outlet="okaz", day=2)])
    story = story_of(one_night, "bgs-orig")
    assert all(story_of(one_night, f"bgs-{k}") == story for k in range(4))
    assert any(p["decision"] and p["rule"].startswith("aligned") for p in _bg_pairs(one_night))
    earlier = [dataclasses.replace(a, story_id=story) for a in copies]
    tonight = find_stories([*earlier, art("bg-page", BG_PAGE, outlet="okaz", day=2)])
    assert [(p["article_b"], p["rule"]) for p in _bg_pairs(tonight) if p["decision"]] == [
        (p["article_b"], p["rule"]) for p in _bg_pairs(one_night) if p["decision"]
    ]
    assert story_of(tonight, "bg-page") == story
    # Five earlier stories (not copies of each other) closing with it do make it a formula.
    units = [_Unit(k, [a], dedup.shingle_array(dedup.dedup_tokens(a.text), 3)) for k, a in enumerate(earlier)]
    assert len(_formula_shingles(units, {u.index: set() for u in units}, 5)) == 0
    apart = [_Unit(u.index, [dataclasses.replace(u.rep, story_id=f"s{u.index}")], u.shingles) for u in units]
    assert len(_formula_shingles(apart, {u.index: set() for u in units}, 5)) > 0
