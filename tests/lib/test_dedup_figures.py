"""Figures spelled as words (``SPELLED_FIGURES``, round 7): a reworded copy that writes the agency's 40 as
"أربعين" keeps the figure for the figure checks of the trimmed and reworded looks; another figure, spelled
or not, still keeps a template item apart. The agency's closing time stamp (``SKIP_SIGN_OFF_TIME``, round
9) is no figure of the story when only one text of the pair carries one."""

from __future__ import annotations

import pytest

from pipelines.lib.dedup import find_stories
from pipelines.lib.dedup.rules import _new_figures
from tests.lib.test_dedup import art, assert_setting_flips, pair_row, shares_story
from tests.lib.test_dedup_reworded import COPY, RELEASE

# The release with 40 minutes; the reworded copy spells them out (or names another figure).
RELEASE_40 = RELEASE.replace("45", "40")
COPY_SPELLED = COPY.replace("45", "أربعين")
COPY_OTHER = COPY.replace("45", "تسعين")


def test_figure_spelled_as_a_word_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [art("sf-o", RELEASE_40, day=1, hour=8), art("sf-c", COPY_SPELLED, outlet="okaz", day=1, hour=10)]
    # Without reading number words the release's 40 is missing from the copy: a template with another
    # figure, by the figure check.
    assert_setting_flips(
        monkeypatch, arts, "sf-o", "sf-c", "SPELLED_FIGURES", False, before="aligned_reworded"
    )


def test_another_figure_spelled_as_a_word_stays_apart() -> None:
    arts = [art("so-o", RELEASE_40, day=1, hour=8), art("so-x", COPY_OTHER, outlet="okaz", day=1, hour=10)]
    res = find_stories(arts)
    assert not pair_row(res, "so-o", "so-x")["decision"]
    assert not shares_story(res, "so-o", "so-x")


# --- the agency's closing time stamp (SKIP_SIGN_OFF_TIME, round 9) ------------------------------------
STAMP = "\n// انتهى //\n17:15 ت م"
# The agency item (closing with the minute it was filed) and a newspaper's reworded copy adding a sentence
# of its own, so that the agency item is the shorter text whose figures the copy must hold.
AGENCY = RELEASE + STAMP
PAPER = COPY + "\nوتعد هذه الحادثة الثالثة من نوعها في المنطقة منذ بداية فصل الصيف بحسب متابعات الصحيفة."


def test_sign_off_time_is_no_figure_of_the_story(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.lib.dedup.core import _sign_off_time

    assert _sign_off_time(["17", "15", "ت", "م"]) and _sign_off_time(["1715", "ت", "م"])
    assert not _sign_off_time(["قتل", "15", "ت", "م"]) and not _sign_off_time(["ت", "م"])
    arts = [
        art("so-o", AGENCY, outlet="was", day=1, hour=8),
        art("so-c", PAPER, outlet="okaz", day=1, hour=10),
    ]
    # Counted as figures, 17 and 15 are missing from the copy: "a template with other figures".
    assert_setting_flips(
        monkeypatch, arts, "so-o", "so-c", "SKIP_SIGN_OFF_TIME", False, before="aligned_reworded"
    )


def test_two_agency_items_keep_their_own_minutes() -> None:
    # Two agency items on one template, filed at other minutes for another place: the stamps still count.
    other = COPY.replace("العوالي", "الشرائع") + "\n// انتهى //\n18:40 ت م"
    arts = [art("sm-o", AGENCY, outlet="was", day=1, hour=8), art("sm-x", other, outlet="was", day=1, hour=9)]
    res = find_stories(arts)
    assert not pair_row(res, "sm-o", "sm-x")["decision"] and not shares_story(res, "sm-o", "sm-x")


def test_another_districts_agency_item_re_served_without_its_stamp_stays_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The item for another district as a newspaper re-served it, without the agency's closing line: its
    # stamp is left out of the pair, and with it the only figure that told the two items apart (review RB).
    # The place guard reads the district after "بحي" and the word before it. The generated rewording scrambles
    # words inside a third of a sentence ("قيد تجاري بحي الإنشاء العوالي"); here the phrase is kept as an
    # editor would keep it, with the other district.
    other = COPY.replace("قيد تجاري بحي الإنشاء العوالي", "تجاري قيد الإنشاء بحي الشرائع")
    assert other != COPY
    arts = [
        art("su-o", AGENCY, outlet="was", day=1, hour=8),
        art("su-x", other, outlet="okaz", day=1, hour=9),
    ]
    assert_setting_flips(monkeypatch, arts, "su-o", "su-x", "PLACE_GUARD", False, before="other_place")


# --- the figure check the trimmed, reworded and brief rules share (``rules._new_figures``) --------------
@pytest.mark.parametrize(
    ("own", "other", "limit", "refused"),
    [
        ({"40"}, {"40", "2015"}, 0, False),  # every figure found in the other text
        ({"40", "17"}, {"40"}, 0, True),  # one figure of its own
        ({"40", "17"}, {"40"}, 1, False),  # ... within a limit of one
        ({"40", "17", "9"}, {"40"}, 1, True),
        ({"40", "17", "9"}, set(), None, False),  # no check
    ],
)
def test_new_figures_counts_the_first_texts_own_figures(
    own: set[str], other: set[str], limit: int | None, refused: bool
) -> None:
    figures = (frozenset(own), frozenset({"99"}))  # the second text's own figures play no part
    all_figures = (frozenset(own | {"5"}), frozenset(other))
    assert _new_figures(figures, all_figures, limit) is refused
