"""The trimmed-copy look (``TRIM_*``, chosen on dev + dev2 + dev3): a shorter text that is the other's
lead, trimmed and re-cut into other sentences, is a copy; a shared closing passage, or the same report
template with other figures, is not."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.lib import dedup
from pipelines.lib.dedup import find_stories
from pipelines.lib.dedup.rules import _trimmed_copy
from pipelines.lib.dedup.tokens import _ordered_shingles
from tests.lib.test_dedup import (
    FILLER,
    E,
    art,
    assert_next_day_copy_joins,
    assert_order_independent,
    assert_setting_flips,
    pair_row,
    rows,
    shares_story,
)

RELEASE = "\n".join(E)


def _edit(sentence: str, keep: int) -> str:
    # An editor's touch, schematically: the first ``keep`` words kept, the rest reordered in pairs.
    words = sentence.rstrip(".").split()
    tail = words[keep:]
    for k in range(0, len(tail) - 1, 2):
        tail[k], tail[k + 1] = tail[k + 1], tail[k]
    return " ".join(words[:keep] + tail)


def _merged(*parts: str) -> str:
    # Several sentences of the release run together into one (the Arabic comma does not end a sentence).
    return "، ".join(parts) + "."


# The release's first three sentences, merged into one and edited: no sentence-level rule aligns it.
TRIMMED = _merged(_edit(E[0], 18), _edit(E[1], 14), _edit(E[2], 6))
# The same edits on the release's closing sentences: shared text, but not its lead.
CLOSING = _merged(_edit(E[4], 18), _edit(E[5], 14), _edit(E[3], 6))


def test_release_trimmed_to_its_lead_joins_by_the_trimmed_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [art("tr-o", RELEASE, day=1, hour=8), art("tr-c", TRIMMED, outlet="okaz", day=1, hour=10)]
    res = find_stories(arts)
    p = pair_row(res, "tr-o", "tr-c")
    assert p["jaccard"] < 0.4 and 0.4 <= p["containment"] < 0.6
    assert p["decision"] and p["rule"] == "aligned_trimmed"
    r = rows(res)
    assert r["tr-c"]["story_id"] == r["tr-o"]["story_id"] and r["tr-c"]["method"] == "aligned"
    # The look is what takes it: off, the pair stays below every rule.
    monkeypatch.setattr(dedup.settings, "TRIM_LOOK", False)
    res = find_stories(arts)
    assert not pair_row(res, "tr-o", "tr-c")["decision"]
    assert not shares_story(res, "tr-o", "tr-c")


def test_text_sharing_the_closing_sentences_is_not_a_trimmed_copy() -> None:
    res = find_stories([art("tc-o", RELEASE, day=1), art("tc-x", CLOSING, outlet="okaz", day=1)])
    p = pair_row(res, "tc-o", "tc-x")
    assert p["containment"] >= 0.4 and not p["decision"]  # same overlap as the trimmed copy
    assert not shares_story(res, "tc-o", "tc-x")


def test_trimmed_rule_needs_a_clearly_shorter_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # The release's first 80 % is its lead, but hardly shorter: two texts that close to each other's
    # length are judged by the whole-text rules (templates of one length share their opening too).
    words = RELEASE.split()
    long_lead = " ".join(words[: int(0.8 * len(words))])
    short_lead = " ".join(words[: int(0.5 * len(words))])
    none = np.empty(0, dtype=np.uint64)
    release, long_seq, short_seq = _ordered_shingles([RELEASE, long_lead, short_lead], 3)
    assert _trimmed_copy(short_seq, release, none)
    assert not _trimmed_copy(long_seq, release, none)
    assert not _trimmed_copy(release, long_seq, none)  # symmetric
    monkeypatch.setattr(dedup.settings, "TRIM_MAX_RATIO", 1.0)
    assert _trimmed_copy(long_seq, release, none)


# A daily report written on one template: yesterday's figures, today's figures.
_T = (
    "بلغ عدد السيارات الواردة إلى سوق مهرجان التمور أمس وفقا لتقرير فريق الإحصاء في المهرجان {a} سيارة "
    "محملة بنحو {b} عبوة كرتونية تزن {c} طنا من مختلف أنواع التمور، حيث استمرت الحركة التجارية على تداول "
    "كميات كبيرة من جميع الأصناف."
)
_T2 = (
    "وبينت الإحصائية أن كميات السكري كانت الأعلى تدفقا إلى السوق حيث بلغت {d} عبوة تزن {e} طنا، كما رصدت "
    "فرق ضبط الجودة {f} مخالفة في مقاسات العبوات."
)
DAY1 = "\n".join([_T.format(a=1554, b=209020, c=627), _T2.format(d=204732, e=614, f=13), *FILLER[0:2]])
DAY2 = "\n".join(
    [
        _T.format(a=1467, b=194792, c=584),
        "وشهدت الأسعار ارتفاعا نسبيا لشتى التمور المعروضة في ساحات السوق خلال الفترة الصباحية من يوم أمس.",
        "وأوضح المشرف على المهرجان أن اللجان المنظمة تواصل أعمالها لتسهيل حركة البيع والشراء وتنظيم دخول "
        "المركبات.",
    ]
)


def test_same_template_with_other_figures_stays_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [art("tf-1", DAY1, day=1), art("tf-2", DAY2, outlet="okaz", day=2)]
    res = find_stories(arts)
    p = pair_row(res, "tf-1", "tf-2")
    assert 0.4 <= p["containment"] < 0.6
    # The figures are what keep it apart: the text is the other's lead, shape for shape.
    assert_setting_flips(
        monkeypatch, arts, "tf-1", "tf-2", "TRIM_MAX_NEW_FIGURES", None, after="aligned_trimmed"
    )


def test_figure_written_otherwise_in_a_trimmed_copy_is_the_same_figure() -> None:
    # The release gives a figure in plain digits; the trimmed copy writes it with Arabic-Indic digits and
    # a thousands separator (tokenised 12 + 500): the figure check must not take it for a new figure.
    release = RELEASE.replace("في شهر يوليو", "في شهر يوليو بعد بيع 12500 وحدة", 1)
    trimmed = TRIMMED.replace("في شهر يوليو", "في شهر يوليو بعد بيع {} وحدة", 1)
    assert trimmed != TRIMMED and release != RELEASE
    for written, joins in (("١٢٬٥٠٠", True), ("12,500", True), ("13,500", False)):
        arts = [art("tw-o", release, day=1), art("tw-c", trimmed.format(written), outlet="okaz", day=1)]
        p = pair_row(find_stories(arts), "tw-o", "tw-c")
        assert 0.4 <= p["containment"] < 0.6
        assert p["decision"] is joins and (p["rule"] == "aligned_trimmed") is joins, written


def test_trimmed_copy_arriving_the_next_day_joins_the_earlier_story() -> None:
    assert_next_day_copy_joins(RELEASE, TRIMMED, "tn")


def test_trimmed_rule_is_deterministic_under_input_order() -> None:
    arts = [
        art("td-o", RELEASE, day=1),
        art("td-c", TRIMMED, outlet="okaz", day=1),
        art("td-x", CLOSING, outlet="sabq", day=1),
        art("td-1", DAY1, day=1),
        art("td-2", DAY2, outlet="okaz", day=2),
    ]
    assert_order_independent(arts)
