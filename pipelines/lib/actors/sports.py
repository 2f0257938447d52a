"""Sport in a sentence: a country named in a match report or a results list is a team or a venue,
not a political actor."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from threading import Lock

from pipelines.lib.actors.words import _norm_set

# Sport in a sentence: a country named there is a team or a venue, not a political actor.
# Words that also have a common political sense (هدف "aim", الفريق "lieutenant general", سباق
# "race", الفوز "winning") are left out; a sentence needs two cues, or a score and one cue.
_SPORTS_CUES = _norm_set(
    (
        "مباراة", "المباراة", "مباراتي", "مباريات", "المباريات", "منتخب", "المنتخب", "الدوري", "كأس",
        "بطولة", "البطولة", "التصفيات", "المونديال", "الشوط", "لاعب", "اللاعب", "لاعبي", "لاعبا", "اللاعبين",
        "النادي", "نادي", "الملعب", "ملعب", "تعادل", "بالتعادل", "الميدالية", "ميدالية", "الأولمبية",
        "أولمبياد", "الأولمبياد", "المدرب", "هدفين", "بهدف", "بهدفين", "ركلات", "ركلة", "الحارس", "مرمى",
        "المرمى", "كرة", "الكرة", "القدم", "السلة", "التنس", "فازت", "فاز", "يلتقي", "الذهاب", "الإياب",
        "استاد", "الاستاد", "تغلب", "بالتسجيل", "المهاجم",
    )
)  # fmt: skip
# Words that are sport only next to a strong cue, a score or a sports sentence before them ("الجولة"
# is also a minister's tour, "الفريق" a general's rank).
_WEAK_SPORTS_CUES = _norm_set(
    (
        "الدقيقة", "فوزا", "ضيفه", "مضيفه", "مواجهة", "لمواجهة", "الجولة", "المجموعة", "النقاط", "البطل",
        "الفريق", "الهجوم", "هدف", "الهدف", "الفوز", "سباق", "الموسم", "صفر", "مدرب", "مدربا",
    )
)  # fmt: skip
# A sentence with a single cue (or a score and no cue) is about sport when the sentence before it
# is: match reports and results lists run over several sentences ("تعادل ليل الفرنسي مع ميلان").
_SCORE = re.compile(r"(?<![\d.])\d{1,2} ?- ?(?:\d{1,2}|صفر)(?![\d.])|صفر ?- ?\d{1,2}")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


_ENDS_CACHE: OrderedDict[int, tuple[str, tuple[int, ...]]] = OrderedDict()
_ENDS_LOCK = Lock()


def _sentence_ends(norm: str) -> tuple[int, ...]:
    """Offsets just after each sentence end of ``norm``, ascending: computed once per text (a
    search from the text's start on every call made long texts quadratic: 300 kB took seconds).

    Cached by the text object (identity), for the last 8 texts: a cache keyed by equality compared
    the whole text on every call when two equal texts alternate (the dual heads' reading of the
    normalised text), one comparison of a 1 MB text per country name."""
    with _ENDS_LOCK:
        cached = _ENDS_CACHE.get(id(norm))
        if cached is not None and cached[0] is norm:
            _ENDS_CACHE.move_to_end(id(norm))
            return cached[1]
    ends = tuple(m.end() for m in _SENTENCE_END.finditer(norm))
    with _ENDS_LOCK:
        _ENDS_CACHE[id(norm)] = (norm, ends)  # holding the text keeps its id from being reused
        _ENDS_CACHE.move_to_end(id(norm))
        while len(_ENDS_CACHE) > 8:
            _ENDS_CACHE.popitem(last=False)
    return ends


def _sentence_start(norm: str, pos: int) -> int:
    """Start of the sentence holding ``norm[pos]``: just after the last sentence end before it."""
    ends = _sentence_ends(norm)
    k = bisect_right(ends, pos)
    return ends[k - 1] if k else 0


def _sports_at(
    norm: str, pos: int, sports: dict[int, tuple[bool, bool]], loose: bool, depth: int = 0
) -> bool:
    """Is the sentence holding ``norm[pos]`` about sport (memoised by sentence start; the same
    answer whatever was asked before with the same memo)?

    Strict: its own cues (two strong, or a score and one). Loose: the sentence before counts
    too (up to three back): a results list or a match report goes on over sentences with a single
    cue or just a score ("وفي المجموعة ذاتها، تعادل ليل الفرنسي مع ميلان الإيطالي").
    """
    begin = _sentence_start(norm, pos)
    if depth == 0 and begin in sports:
        strict, carried = sports[begin]
        return carried if loose else strict
    found = _SENTENCE_END.search(norm, pos)
    sentence = norm[begin : found.start() if found else len(norm)]
    cues = _sports_cues(sentence)
    strict = carried = _sports_verdict(cues, None)
    if not strict and cues != (0, 0, False):
        previous = begin > 0 and depth < 3 and _sports_at(norm, begin - 1, sports, True, depth + 1)
        carried = _sports_verdict(cues, previous)
    if depth == 0:
        # Only a sentence's own verdict is kept: one reached in a look-back had fewer sentences
        # of its own look-back left, and kept it would make the answers depend on the order asked.
        sports[begin] = (strict, carried)
    return carried if loose else strict


def _cue_forms() -> dict[str, tuple[str, bool]]:
    """Every written form of a sports cue → (cue, strong): with a glued و/ب/ل/ف/ك, لل for ال, and
    a possessive suffix (منتخبنا, مباراته with ة → ت). One dict lookup per word then."""
    forms: dict[str, tuple[str, bool]] = {}
    for strong, cues in ((False, _WEAK_SPORTS_CUES), (True, _SPORTS_CUES)):
        for cue in cues:
            stems = {cue} | ({cue[:-1] + "ت"} if cue.endswith("ه") else set())
            written = {cue} | {stem + suffix for stem in stems for suffix in ("ها", "نا", "ه")}
            for form in written:
                variants = {form} | {p + form for p in "وبلفك"}
                if form.startswith("ال"):
                    variants.add("ل" + form[1:])  # لل
                for v in variants:
                    forms[v] = (cue, strong)
    return forms


_CUE_FORMS = _cue_forms()


def _sports_cues(sentence: str) -> tuple[int, int, bool]:
    """(strong cues, weak cues, has a score) of a normalised sentence (distinct cues)."""
    found = {_CUE_FORMS[w] for w in set(sentence.split()) if w in _CUE_FORMS}
    strong = sum(1 for _, is_strong in found if is_strong)
    return strong, len(found) - strong, _SCORE.search(sentence) is not None


def is_sports_sentence(sentence: str, previous_is_sports: bool | None = None) -> bool:
    """Is this (normalised) sentence about sport: two strong sports words, or a score and one?

    With ``previous_is_sports`` given (the loose reading), a score with a weak cue counts too, and
    after a sports sentence any cue or a score does.
    """
    return _sports_verdict(_sports_cues(sentence), previous_is_sports)


def _sports_verdict(cues: tuple[int, int, bool], previous_is_sports: bool | None) -> bool:
    strong, weak, score = cues
    if strong >= 2 or (score and strong >= 1):
        return True
    if previous_is_sports is None:
        return False
    return (score and weak >= 1) or (previous_is_sports and (strong + weak >= 1 or score))
