"""Partial copies chosen on the dev + dev2 labels: a shared passage of several sentences anywhere, a
short release reworded whole, and what must stay apart (closing background, templates, chaining)."""

from __future__ import annotations

import dataclasses

import pytest

from pipelines.lib import dedup
from pipelines.lib.alignment import align, paraphrase
from pipelines.lib.dedup import find_stories, sentence_tokens
from tests.lib.test_dedup import (
    A1,
    A2,
    A3,
    B_TEXT,
    C_TEXT,
    FILLER,
    E,
    _reword,
    art,
    assert_order_independent,
    pair_row,
    rows,
    story_of,
    story_sets,
)

B = B_TEXT.split("\n")
C = C_TEXT.split("\n")


# --- shared passage ------------------------------------------------------------------------------
REPORT = "\n".join([*E, A1, A2, A3])
# A follow-up (a video page) opens with four paragraphs of its own, then reuses the report's first four
# paragraphs verbatim: the shared text starts past the first third of the follow-up (no lead rule).
FOLLOW_UP = "\n".join([*FILLER[0:4], *E[0:4]])


def test_alignment_reports_the_longest_run_of_consecutive_sentences() -> None:
    al = align(*sentence_tokens([FOLLOW_UP, REPORT]))
    assert al.run == 4 and al.run_tokens == sum(len(e.split()) for e in E[0:4])
    assert al.start > 1 / 3 and al.long_start == 0.0


def test_follow_up_reusing_a_passage_of_the_report_joins_by_passage() -> None:
    res = find_stories([art("ps-report", REPORT, day=1), art("ps-video", FOLLOW_UP, outlet="okaz", day=2)])
    p = pair_row(res, "ps-report", "ps-video")
    assert p["jaccard"] < 0.4 and 0.25 <= p["containment"] < 0.6
    assert p["decision"] and p["rule"] == "aligned_passage"
    r = rows(res)
    assert r["ps-video"]["story_id"] == r["ps-report"]["story_id"] and r["ps-report"]["is_original"]
    assert r["ps-video"]["method"] == "aligned" and r["ps-video"]["copy_of"] == "ps-report"


def test_passage_rule_needs_several_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three shared sentences (81 words) are under the passage's length: two stories may share that
    # much background (a quote and its context). The length condition is what keeps it out.
    short = "\n".join([*FILLER[0:4], *E[0:3]])
    res = find_stories([art("pl-report", REPORT, day=1), art("pl-short", short, outlet="okaz", day=2)])
    assert not pair_row(res, "pl-report", "pl-short")["decision"]
    monkeypatch.setattr(dedup.settings, "PASSAGE_MIN_TOKENS", 60)
    res = find_stories([art("pl-report", REPORT, day=1), art("pl-short", short, outlet="okaz", day=2)])
    assert pair_row(res, "pl-report", "pl-short")["rule"] == "aligned_passage"


def test_shared_closing_background_passage_stays_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two different stories close with the same four background paragraphs (a run of four sentences,
    # over 100 words): the passage starts past the first third of BOTH texts, so it is background.
    x = "\n".join([A1, A2, A3, *E[2:6]])
    y = "\n".join([*B, *E[2:6]])
    arts = [art("cb-x", x, day=1), art("cb-y", y, outlet="okaz", day=1)]
    res = find_stories(arts)
    p = pair_row(res, "cb-x", "cb-y")
    assert 0.25 <= p["containment"] < 0.6 and not p["decision"]
    assert story_of(res, "cb-x") != story_of(res, "cb-y")
    assert not (story_sets(res)["cb-x"] & story_sets(res)["cb-y"])
    # The start condition is what keeps it out.
    monkeypatch.setattr(dedup.settings, "PASSAGE_MAX_START", 1.0)
    assert pair_row(find_stories(arts), "cb-x", "cb-y")["rule"] == "aligned_passage"


def test_passage_shared_with_a_copys_added_paragraphs_does_not_chain() -> None:
    # c reprints the report and inserts four paragraphs of its own after the lead; x carries those four
    # paragraphs after its own text. x and c share a passage, x and the report nothing: x stays out of
    # the report's story (checked against the original, never through a copy).
    report = "\n".join(E)
    c = "\n".join([E[0], *FILLER[0:4], *E[1:6]])
    x = "\n".join([B[0], B[1], C[0], *FILLER[0:4]])
    res = find_stories(
        [
            art("pc-r", report, day=1),
            art("pc-c", c, outlet="okaz", day=2),
            art("pc-x", x, outlet="madina", day=3),
        ]
    )
    assert pair_row(res, "pc-c", "pc-x")["rule"] == "aligned_passage"
    r = rows(res)
    assert r["pc-c"]["story_id"] == r["pc-r"]["story_id"] and r["pc-r"]["is_original"]
    assert r["pc-x"]["story_id"] != r["pc-r"]["story_id"]
    assert r["pc-r"]["story_id"] not in story_sets(res)["pc-x"]


def test_passage_copy_on_a_later_day_joins_the_earlier_story() -> None:
    from tests.lib.test_dedup import _earlier

    first = find_stories([art("pd-report", REPORT, outlet="spa", day=1)])
    story = rows(first)["pd-report"]["story_id"]
    res = find_stories(
        [_earlier(art("pd-report", REPORT, outlet="spa", day=1), story), art("pd-video", FOLLOW_UP, day=2)]
    )
    r = rows(res)["pd-video"]
    assert r["story_id"] == story and r["copy_of"] == "pd-report" and r["method"] == "aligned"


def test_passage_decisions_do_not_depend_on_input_order() -> None:
    arts = [
        art("po-report", REPORT, day=1),
        art("po-video", FOLLOW_UP, outlet="okaz", day=2),
        art("po-x", "\n".join([A1, A2, A3, *E[2:6]]), outlet="madina", day=2),
        art("po-c", C_TEXT, outlet="madina", day=3),
    ]
    assert_order_independent(arts)


# --- a short release reworded whole ---------------------------------------------------------------
def _release(people: int, hours: int, rescued: int) -> str:
    return "\n".join(
        [
            f"أعلنت المديرية العامة للدفاع المدني بمنطقة مكة المكرمة أن فرقها أخلت {people} شخصا من مبنى "
            f"سكني مكون من ثمانية طوابق في حي العزيزية بعد اندلاع حريق في الطابق الأرضي فجر اليوم",
            f"وأوضح المتحدث الرسمي أن الفرق سيطرت على الحريق خلال {hours} ساعات وأن {rescued} من السكان "
            f"نقلوا إلى المستشفيات القريبة لتلقي العلاج من حالات اختناق بسيطة دون تسجيل أي وفيات",
        ]
    )


def test_short_release_reworded_whole_joins_by_paraphrase() -> None:
    o, copy = _release(120, 3, 14), "\n".join(_reword(p) for p in _release(120, 3, 14).split("\n"))
    pp = paraphrase(*sentence_tokens([o, copy]))
    assert pp.matched == 2 and pp.cover == 1.0 and pp.figures_differ == 0
    res = find_stories([art("rw-o", o, day=1), art("rw-c", copy, outlet="okaz", day=1)])
    p = pair_row(res, "rw-o", "rw-c")
    assert p["jaccard"] < 0.4 and p["containment"] < 0.6
    assert p["decision"] and p["rule"] == "aligned_paraphrase"
    assert story_of(res, "rw-o") == story_of(res, "rw-c")


def test_two_reports_on_one_template_with_other_figures_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # The next day's report on the same template: other figures, another district and building, the
    # second sentence worded a little differently (Jaccard 0.33, containment 0.5: in the band).
    first, second = _release(85, 2, 9).split("\n")
    first = first.replace("العزيزية", "الشرائع").replace("ثمانية", "ستة")
    o, other = _release(120, 3, 14), "\n".join([first, _reword(second)])
    pp = paraphrase(*sentence_tokens([o, other]))
    assert pp.matched == 2 and pp.cover == 1.0 and pp.figures_differ == 3
    arts = [art("tf-1", o, day=1), art("tf-2", other, outlet="okaz", day=2)]
    res = find_stories(arts)
    assert not pair_row(res, "tf-1", "tf-2")["decision"]
    assert story_of(res, "tf-1") != story_of(res, "tf-2")
    # The figures are what keep it out: without that check it would join.
    same_figures = lambda a, b: dataclasses.replace(paraphrase(a, b), figures_differ=0)  # noqa: E731
    monkeypatch.setattr(dedup.core, "paraphrase", same_figures)  # one comparison per pair, made there
    assert pair_row(find_stories(arts), "tf-1", "tf-2")["rule"] == "aligned_paraphrase"


# --- a round-up carrying most of a release ----------------------------------------------------------
def test_round_up_carrying_most_of_a_release_is_a_secondary_member(monkeypatch: pytest.MonkeyPatch) -> None:
    # The page reprints a match report (its primary story) and the release without its last paragraph:
    # it contains 0.78 of the release (a page reusing background paragraphs: 0.55-0.65).
    release = "\n".join([*E, A2])
    arts = [
        art("rs-rel", release, outlet="spa", day=1),
        art("rs-b", B_TEXT, outlet="sabq", day=1),
        art("rs-page", "\n".join([*B, *E]), outlet="okaz", day=2),
    ]
    res = find_stories(arts)
    m = story_sets(res)
    assert story_of(res, "rs-page") == story_of(res, "rs-b")
    assert m["rs-page"] == {story_of(res, "rs-b"), story_of(res, "rs-rel")}
    assert story_of(res, "rs-rel") != story_of(res, "rs-b")  # the page never merges the two stories
    monkeypatch.setattr(dedup.settings, "SECONDARY_MIN_CONTAINMENT", 0.8)
    assert story_sets(find_stories(arts))["rs-page"] == {story_of(res, "rs-b")}
