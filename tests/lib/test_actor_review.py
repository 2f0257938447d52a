"""Review of the actor package after the registry rounds 12-14: title aliases keep their conditions,
the text helpers no longer copy the text before each candidate (long texts went quadratic), and
give the answers the copying versions gave. Sentences written for the tests."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path
from unittest.mock import patch

import pytest

from pipelines.lib.actors import Registry, find_mentions, load_registry, matcher
from pipelines.lib.actors.sports import _SENTENCE_END, _sentence_start
from pipelines.lib.actors.words import _HONORIFICS, _after_definite_noun, _line_word_before, _word_before


def _one_actor(tmp_path: Path, title: str) -> Registry:
    (tmp_path / "t.yaml").write_text(
        "actors:\n"
        "  - id: gov:FRA:test-ministry\n    type: government\n    country: FRA\n"
        "    aliases_ar: [وزارة الاختبار الفرنسية]\n"
        f"    titles:\n{title}",
        encoding="utf-8",
    )
    return load_registry(tmp_path)


def test_a_title_alias_keeps_its_own_conditions(tmp_path):
    # The loader read a title's aliases as bare strings: a mapping's requires_any was dropped and
    # "وزير الاختبار" became a title in any text.
    mine = _one_actor(
        tmp_path,
        "      - role: Test Minister of France\n"
        "        until: 2020-01-01\n"
        "        aliases_ar: [وزير الاختبار الفرنسي, {text: وزير الاختبار, requires_any: ['country:FRA']}]\n",
    )
    on = date(2015, 1, 1)

    def titles(text: str, on_date: date = on) -> set[str]:
        return {m.surface for m in find_mentions(text, mine, on_date) if m.match == "title"}

    assert titles("قال وزير الاختبار إن الخطة جاهزة") == set()
    assert titles("قال وزير الاختبار في باريس إن فرنسا جاهزة") == {"وزير الاختبار"}
    assert titles("قال وزير الاختبار الفرنسي إن") == {"وزير الاختبار الفرنسي"}
    # the title's dates still hold for its mapping aliases
    assert titles("قال وزير الاختبار في باريس إن فرنسا جاهزة", date(2021, 1, 1)) == set()


def test_a_misspelt_title_key_is_an_error_not_ignored(tmp_path):
    with pytest.raises(ValueError, match="unknown title keys"):
        _one_actor(tmp_path, "      - role: Test Minister of France\n        untill: 2020-01-01\n"
                   "        aliases_ar: [وزير الاختبار الفرنسي]\n")  # fmt: skip


def _copying_word_before(norm: str, start: int, line: bool) -> str:
    # The definitions before the review, as the reference.
    before = norm[:start].rstrip(" ")
    if not before or not before[-1].isalpha():
        return ""
    word = before.rsplit(" ", 1)[-1]
    return word.rsplit("\n", 1)[-1] if line else word


def test_text_helpers_answer_as_the_copying_versions_did():
    rng = random.Random(7)
    pieces = ["قال", "الوزير", "الأمير", "الحكومه", "  ", " ", "\n", ".", "،", "مصر", "؟", "9", "و", "x"]
    for _ in range(300):
        norm = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for pos in range(len(norm) + 1):
            assert _word_before(norm, pos) == _copying_word_before(norm, pos, False), (norm, pos)
            assert _line_word_before(norm, pos) == _copying_word_before(norm, pos, True), (norm, pos)
            expected = max((m.end() for m in _SENTENCE_END.finditer(norm, 0, pos)), default=0)
            assert _sentence_start(norm, pos) == expected, (norm, pos)
            before = norm[:pos].rstrip().rsplit(" ", 1)[-1] if pos else ""
            after = norm[pos:].lstrip().split(" ", 1)[0] if pos < len(norm) else ""
            with patch.multiple(matcher, _NAME_BEFORE={before}, _NAME_AFTER=set()):
                assert matcher._is_name(norm, pos, pos), (norm, pos)
            with patch.multiple(matcher, _NAME_BEFORE=set(), _NAME_AFTER={after}):
                assert matcher._is_name(norm, pos, pos), (norm, pos)
            copy = norm[:pos].rstrip()
            word = copy.rsplit(" ", 1)[-1]
            definite = len(copy) == pos - 1 and word.startswith("ال") and len(word) > 3 and word.isalpha()
            definite = definite and word not in _HONORIFICS
            assert _after_definite_noun(norm, pos) == definite, (norm, pos)


def test_a_long_text_without_dual_heads_stays_fast(reg):
    # Every country in a sentence asked "is this sentence about sport", and the sentence start was
    # found by scanning from the text's start: 250 kB took ~8 s, now ~1 s.
    sentence = "وقال وزير الخارجية المصري إن مصر والأردن تدعمان الحل في سوريا. "
    started = time.process_time()
    got = find_mentions(sentence * 4000, reg)
    assert time.process_time() - started < 4
    assert len({m.start for m in got if m.actor_id == "country:JOR"}) == 4000


def test_a_waw_is_glued_only_before_an_arabic_word_on_its_line():
    # test_a_waw_written_apart_is_read_with_its_word checks "و 2005" finds nothing, which holds
    # whether or not the و is glued; the prepared text says what happened.
    from pipelines.lib.actors.matcher import _prepare

    assert _prepare("قال و  الحكومة") == ("قال والحكومه", [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14])
    assert _prepare("و 2005")[0] == "و 2005"
    assert _prepare("و\nالحكومة")[0] == "و\nالحكومه"
    assert _prepare("ثوو الحكومة")[0] == "ثوو الحكومه"  # a word ending in و is no conjunction


def test_bare_monetary_authority_is_not_palestinian_in_hong_kong(reg):
    # "سلطة النقد" alone was the Palestine Monetary Authority in any text
    assert "gov:PSE:central-bank" not in {
        m.actor_id for m in find_mentions("رفعت سلطة النقد في هونغ كونغ سعر الفائدة", reg)
    }
    got = {m.actor_id for m in find_mentions("قالت سلطة النقد في رام الله إن المصارف", reg)}
    assert "gov:PSE:central-bank" in got
