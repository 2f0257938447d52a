"""Dual heads in long texts: each conjunct is read in a window around it, with the rest of the
text's context passed in, and gives what the whole-text reading gave. Sentences written for the
tests."""

from __future__ import annotations

import random
import time
from unittest.mock import patch

from pipelines.lib.actors import duals, find_mentions, matcher
from pipelines.lib.actors.model import Mention

# No actor in these: filler that puts the context far from the dual head.
_FILLER = (
    "وتحدث المشاركون في الندوة عن الطقس والزراعة وأسعار الخضار في الأسواق الشعبية. ",
    "وقال أحد الحضور إن الموسم كان جيدا رغم قلة الأمطار في الشتاء الماضي. ",
    "وشهدت القاعة نقاشا طويلا حول تنظيم المعارض الصيفية للكتاب. ",
)
_DUALS = (
    "واجتمع ممثلو الحزبين الديمقراطي والجمهوري في المساء. ",
    "ويرفض حزبا الدعوة والفضيلة هذا الاقتراح. ",
    "ودعت اللجنة حركتي فتح وحماس إلى الحوار. ",
    "ورحب تنظيما القاعدة وداعش بذلك في بيان. ",
)
_CONTEXT = ("وقال الرئيس الأميركي في كلمته. ", "وزار الوفد رام الله في الضفة الغربية. ")


def _filler(n: int) -> str:
    return "".join(_FILLER[i % len(_FILLER)] for i in range(n))


def _whole_text_reading():
    """The reading before windows: every conjunct matched in the whole text."""
    return patch.multiple(duals, _CORE=10**9, _EDGE=10**9)


def test_a_conjunct_sees_context_named_far_away(reg):
    # The US parties need the US in context; here it is named some 6 kB before the dual head.
    text = _CONTEXT[0] + _filler(80) + _DUALS[0] + _filler(80)
    got = {m.actor_id for m in find_mentions(text, reg)}
    assert {"org:us-democratic-party", "org:us-republican-party"} <= got
    # ... and named far after it
    text = _filler(80) + _DUALS[0] + _filler(80) + _CONTEXT[0]
    assert "org:us-republican-party" in {m.actor_id for m in find_mentions(text, reg)}
    # Without it anywhere: no party (the window alone must not read as the whole text)
    text = _filler(80) + _DUALS[0] + _filler(80)
    assert "org:us-republican-party" not in {m.actor_id for m in find_mentions(text, reg)}


def test_windowed_conjuncts_read_as_the_whole_text_did(reg):
    rng = random.Random(5)
    for _ in range(3):
        parts = [rng.choice(_FILLER) for _ in range(150)]
        for sentence in rng.sample(_DUALS + _CONTEXT, 5):
            parts.insert(rng.randrange(len(parts)), sentence)
        text = "".join(parts)
        windowed = find_mentions(text, reg)
        with _whole_text_reading():
            whole = find_mentions(text, reg)
        assert windowed == whole
        assert any(m.actor_id in ("org:dawa-party", "group:al-qaeda") for m in windowed)


def test_a_long_text_with_many_dual_heads_stays_fast(reg):
    # Every conjunct re-ran the matcher over the whole text: 400 heads in 100 kB took 27 s CPU.
    # Windowed, about 0.5 s; the bound leaves room for a loaded 2-core machine.
    text = "".join(_DUALS[i % len(_DUALS)] + "".join(_FILLER) for i in range(400)) + _CONTEXT[0]
    assert len(text) > 90_000
    started = time.process_time()
    got = find_mentions(text, reg)
    elapsed = time.process_time() - started
    assert elapsed < 5, f"{elapsed:.1f}s"
    assert sum(m.actor_id == "org:fadhila" for m in got) == 100
    assert sum(m.actor_id == "org:us-republican-party" for m in got) == 100


def test_a_conjunct_needing_the_full_name_finds_it_far_before(reg):
    # "الجبهة الشعبية" is the PFLP only after its full name; here that comes some 5 kB earlier.
    dual = "وأعلنت الجبهتان الشعبية والديمقراطية رفضهما للاقتراح. "
    full = "وقالت الجبهة الشعبية لتحرير فلسطين والجبهة الديمقراطية لتحرير فلسطين في بيان. "
    for text, expected in (
        (full + _filler(80) + dual, {"group:pflp", "group:dflp"}),
        (_filler(80) + dual, set()),
    ):
        got = {m.actor_id for m in find_mentions(text, reg) if m.start >= len(text) - len(dual)}
        assert got == expected


def _rereads(reg, text):
    """find_mentions of ``text``, with the calls that read the whole normalised text again for the
    dual heads' windows: (mentions, [how each was asked: "candidates" given or "whole" reading])."""
    asked = []
    real = matcher._find_mentions

    def spy(*args, **kwargs):
        if kwargs.get("passes") is not None:
            asked.append("candidates" if kwargs.get("candidates") is not None else "whole")
        return real(*args, **kwargs)

    with patch.object(matcher, "_find_mentions", spy):
        return find_mentions(text, reg), asked


def test_windows_take_the_texts_own_hits_and_read_as_before(reg):
    # The conjunct windows need the whole text's hits: the reading that found the dual heads has them.
    rng = random.Random(7)
    for extra in ("", "وقالت شبكة CNN في تقريرها. ", "وكتب في صحيفة الرأي الأردنية. "):
        parts = [rng.choice(_FILLER) for _ in range(150)]
        for sentence in [*_DUALS, *_CONTEXT, extra]:
            parts.insert(rng.randrange(len(parts)), sentence)
        text = "".join(parts)
        got, asked = _rereads(reg, text)
        # CNN and الرأي are strict spellings, which read otherwise once normalised (cnn, الراي): then
        # the two passes run again on the normalised text's own candidates, never a whole reading.
        assert asked == (["candidates"] if extra else [])
        with patch.object(matcher, "_prepared_already", lambda norm: False):
            again, asked = _rereads(reg, text)  # the reading of the normalised text the windows had before
        assert asked == ["whole"] and got == again
        with _whole_text_reading():
            assert got == find_mentions(text, reg)
        assert {"org:us-democratic-party", "org:fadhila"} <= {m.actor_id for m in got}


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def test_a_conjunct_over_a_name_already_found_is_not_added_again(reg):
    # The matcher finds "العدالة والتنمية" itself; the conjunct reading "حزب العدالة والتنمية التركي" names
    # the same party over a longer span: it must not come back as a second, overlapping mention of it.
    for text, party, other in (
        (
            "وتنافس حزبا الشعب الجمهوري والعدالة والتنمية التركي على أصوات الناخبين في إسطنبول. ",
            "org:akp",
            "org:chp",
        ),
        (
            "وفاز حزبا الاستقلال والعدالة والتنمية المغربي بأكبر عدد من المقاعد في الرباط. ",
            "org:pjd-morocco",
            "org:istiqlal",
        ),
    ):
        for whole in (text, _filler(40) + text + _filler(40)):  # read whole, and in a window
            got = find_mentions(whole, reg)
            assert other in {m.actor_id for m in got}
            named = [m for m in got if m.actor_id == party]
            assert len(named) == 1, named
            assert not any(
                _overlap(a, b) for i, a in enumerate(got) for b in got[i + 1 :] if a.actor_id == b.actor_id
            )


def _conjuncts(reg, text: str, found: set[Mention]) -> list[tuple[int, int, str]]:
    """``duals._dual_conjuncts`` of a short text (one window: the whole text) given ``found``; its
    offsets are those of ``text`` (normalising it maps each character to one)."""
    norm, offsets = matcher._prepare(text)
    assert offsets == list(range(len(text) + 1))

    def no_passes():
        raise AssertionError("a short text is read whole, without the passes of a longer one")

    return duals._dual_conjuncts(
        norm, reg, None, found, offsets, matcher._find_mentions, matcher._context_of, no_passes
    )


def test_a_conjunct_is_dropped_exactly_when_a_found_mention_overlaps_it(reg):
    # The edges cannot be met through find_mentions (a found name never touches a conjunct: a space or
    # the conjunction و always lies between), so the check is asked directly, with made-up mentions.
    text = "ويرفض حزبا الدعوة والفضيلة هذا الاقتراح."
    dawa, fadhila = text.index("الدعوة"), text.index("الفضيلة")
    both = [(dawa, dawa + 6, "org:dawa-party"), (fadhila, fadhila + 7, "org:fadhila")]
    assert _conjuncts(reg, text, set()) == both

    def kept(*spans: tuple[int, int]) -> list[str]:
        found = {Mention("country:IRQ", text[s:e], s, e, "nisba") for s, e in spans}
        return [actor_id for _, _, actor_id in _conjuncts(reg, text, found)]

    s, e = dawa, dawa + 6
    assert kept((0, s)) == ["org:dawa-party", "org:fadhila"]  # ends where the conjunct starts
    assert kept((e, e + 2)) == ["org:dawa-party", "org:fadhila"]  # starts where it ends
    assert kept((0, s + 1)) == ["org:fadhila"]  # its first character
    assert kept((e - 1, e + 2)) == ["org:fadhila"]  # its last character
    assert kept((s + 2, s + 4)) == ["org:dawa-party", "org:fadhila"]  # inside it: gives way to the conjunct
    # A long one covering it, with a short one after that start ending before it: the furthest end counts.
    assert kept((0, len(text)), (2, 4)) == []
    assert kept((2, 4), (e, fadhila)) == ["org:dawa-party", "org:fadhila"]  # between the two: touches both


def test_a_name_found_inside_a_conjunct_gives_way_to_it(reg):
    # "الأمم المتحدة" is found by itself inside the conjunct "منظمة الأمم المتحدة للطفولة" (UNICEF), "الوطني
    # الجزائرية" ends a front's name: the whole name wins, as when it is read directly.
    unicef = "ودعت منظمتا الصحة العالمية والأمم المتحدة للطفولة إلى وقف القتال. "
    fln = "وأشادت جبهتا البوليساريو والتحرير الوطني الجزائرية بالاتفاق. "
    for text, wanted, inner in (
        (unicef, {"igo:who", "igo:unicef"}, "igo:un"),
        (fln, {"group:polisario", "org:fln"}, "country:DZA"),
    ):
        got = {m.actor_id for m in find_mentions(text, reg)}
        assert wanted <= got and inner not in got, got
