"""Figures spelled as words (``SPELLED_FIGURES``, round 7): a reworded copy that writes the agency's 40 as
"أربعين" keeps the figure for the figure checks of the trimmed and reworded looks; another figure, spelled
or not, still keeps a template item apart."""

from __future__ import annotations

import pytest

from pipelines.lib import dedup
from pipelines.lib.dedup import find_stories
from tests.lib.test_dedup import art, pair_row, shares_story
from tests.lib.test_dedup_reworded import COPY, RELEASE

# The release with 40 minutes; the reworded copy spells them out (or names another figure).
RELEASE_40 = RELEASE.replace("45", "40")
COPY_SPELLED = COPY.replace("45", "أربعين")
COPY_OTHER = COPY.replace("45", "تسعين")


def test_figure_spelled_as_a_word_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [art("sf-o", RELEASE_40, day=1, hour=8), art("sf-c", COPY_SPELLED, outlet="okaz", day=1, hour=10)]
    res = find_stories(arts)
    p = pair_row(res, "sf-o", "sf-c")
    assert p["decision"] and p["rule"] == "aligned_reworded"
    assert shares_story(res, "sf-o", "sf-c")
    # Without reading number words the release's 40 is missing from the copy: a template with another
    # figure, by the figure check.
    monkeypatch.setattr(dedup.settings, "SPELLED_FIGURES", False)
    res = find_stories(arts)
    assert not pair_row(res, "sf-o", "sf-c")["decision"]
    assert not shares_story(res, "sf-o", "sf-c")


def test_another_figure_spelled_as_a_word_stays_apart() -> None:
    arts = [art("so-o", RELEASE_40, day=1, hour=8), art("so-x", COPY_OTHER, outlet="okaz", day=1, hour=10)]
    res = find_stories(arts)
    assert not pair_row(res, "so-o", "so-x")["decision"]
    assert not shares_story(res, "so-o", "so-x")
