"""People the registry does not know, found by their names (``discovered`` mentions for review).

The matcher records an unknown person only right after a known title. This module finds more of
them from the shape of the name itself: a given name (the first word(s) of every registry person's
Arabic names, plus the team's own list in ``data/actors/given_names.txt``; compounds built with
عبد / أبو / أبي and X الله / X الدين), followed by one to three name-like words (family names,
a father's name, بن / آل / ولد chains). Evidence that it is a person and not a phrase:

- a given name that is also a common word (``*`` in the list: حسن "good", علي = على once ى is
  folded, صباح "morning") counts only with a cue next to the name: a verb of saying, a title,
  honorific or role noun in the few words before it, or a role noun right after it
  ("X وزير الخارجية", "X ، المتحدث باسم ...");
- the words after the given name must be name-like: not a function word, verb of saying, time
  word or role noun, not a preposition glued to a definite noun (بال/لل...), not a verb after a
  complete name, and not a word the registry knows as something other than a person;
- a lone given name is never a discovery; a lone family name is one only as coreference: the full
  name was found earlier in the same text and the surname stands where a name stands (after a
  verb, preposition, title ... as in the matcher's own surname coreference).

Mentions have match ``discovered``, ``actor_id`` ``discovered:<normalised name, words joined by ->``
(the same slug the matcher gives a name after a title), role None, offsets into the given text,
and never overlap the ``taken`` mentions (the matcher's own). Measured by ``bench/names_eval.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pipelines.lib.actors.matcher import _prepare
from pipelines.lib.actors.model import Mention, Registry
from pipelines.lib.actors.people import (
    _COMPOUND_LAST,
    _COREF_BEFORE,
    _FAMILY_NAME_FIRST,
    _NAME_PARTICLES,
    _SAYING_VERBS,
    _SURNAME_TITLES,
)
from pipelines.lib.actors.registry import DEFAULT_DIR
from pipelines.lib.actors.words import _HONORIFICS, _NOT_NAME, _norm_set
from pipelines.lib.arabic import normalize_text

GIVEN_NAMES_FILE = DEFAULT_DIR / "given_names.txt"


# Heads of a compound given name: the next word belongs to it (عبد الله, أبو بكر).
_COMPOUND_HEADS = _norm_set(("عبد", "أبو", "ابو", "أبي", "ابي"))
# Particles inside a name after the given name: each allows one more word (محمد بن راشد آل مكتوم).
_INNER_PARTICLES = _norm_set(("بن", "ابن", "بنت", "آل", "ولد", "أبو", "عبد", "أبي"))
_NAME_INSIDE = _INNER_PARTICLES | _COMPOUND_HEADS  # after these a word is inside a name
# Role nouns: before a name (within a few words: "المتحدث باسم الوزارة X") or right after it
# ("X وزير الخارجية") they say that a person is named. Also never part of a name.
_ROLE_NOUNS = _norm_set(
    (
        "وزير", "وزيرة", "رئيس", "رئيسة", "مدير", "مديرة", "المدير", "المتحدث", "المتحدثة", "الناطق",
        "الناطقة", "متحدث", "ناطق", "سفير", "السفير", "قائد", "القائد", "مسؤول", "المسؤول", "نائب",
        "النائب", "مستشار", "المستشار", "عضو", "العضو", "أمين", "الأمين", "محافظ", "المحافظ", "زعيم",
        "الزعيم", "اللواء", "العقيد", "العميد", "الجنرال", "الرائد", "النقيب", "المقدم", "الملازم",
        "الشرطي", "الجندي", "المواطن", "الشاب", "الطفل", "الكاتب", "الصحفي", "الصحافي", "المراسل",
        "مراسل", "الفنان", "الفنانة", "اللاعب", "لاعب", "المدرب", "مدرب", "الحارس", "الممثل",
        "الممثلة", "المخرج", "الشاعر", "الروائي", "الباحث", "الأستاذ", "أستاذ", "البروفيسور",
        "الإمام", "القاضي", "المحامي", "محامي", "الخبير", "خبير", "المحلل", "المعلق", "الأسير",
        "المعتقل", "الشهيد", "القيادي", "الداعية", "المطرب", "المغني", "الكابتن", "النجم", "المهاجم",
        "المخرج", "الموسيقار", "الأديب", "المؤرخ", "الفيلسوف", "العالم", "الطبيب", "المهندس",
        "رجل", "السيناتور", "المبعوث", "مبعوث", "الوسيط", "المرشح", "مرشح", "المدعي", "النائبة",
        "الوزير", "الرئيس", "الملك", "الأمير", "الشيخ", "السيد", "السيدة", "الدكتور", "الدكتورة",
        "الحاج", "الأب", "البطريرك", "المطران", "الكاردينال", "البابا", "اللورد", "السير",
        "سكرتير", "السكرتير", "رئيسا", "وزيرا", "مديرا", "قائدا", "عضوا", "نائبا", "سفيرا",
        "المفوض", "مفوض", "الممثل", "ممثل", "منسق", "المنسق", "مساعد", "المساعد", "المراقب",
        "المحقق", "المدعو", "المتهم", "الضحية", "المصور", "الزميل", "الفريق", "المشير", "العماد",
        "المطرانية", "الحاخام", "آية", "حجة", "مؤسس", "مؤسسة", "النحات", "نحات",
    ),
    ("", "و", "ف", "ل", "ب"),
)  # fmt: skip
# Words that never continue a name (beyond the matcher's _NOT_NAME): function words, pronouns,
# numbers written out, common verbs and nouns that follow a given name used as an adjective.
_STOP = (
    _NOT_NAME
    | _SAYING_VERBS
    | _norm_set(
        (
            "الى", "إلى", "علي", "على", "أم", "أو",
            "الذي", "التي", "هو", "هي", "هم", "هما", "انه", "انها", "لقد",
            "كل", "بعض", "جميع", "عدد", "احد", "إحدى", "أحد", "نحو", "حوالي", "قرابة", "منها", "منه",
            "له", "لها", "لهم", "به", "بها", "فيه", "فيها", "عليه", "عليها", "اليه", "إليه", "ان", "إذ",
            "لدي", "ليست", "كانوا", "يكون", "تكون", "أصبح", "اصبح", "ظل", "بات", "عام", "عاما", "سنة",
            "شهر", "أسبوع", "ساعة", "دقيقة", "مرة", "مرات", "أول", "اول", "آخر", "اخر", "ثاني", "ثالث",
            "واحد", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "مئة",
            "مائة", "ألف", "الف", "مليون", "مليار", "رغم", "الرغم", "جانب", "أيضا", "ايضا", "مثل",
            "ضمن", "دون", "بدون", "لدى", "أمس", "امس", "اليوم", "غدا", "الليلة", "صباحا", "مساء", "ظهر",
            "بشكل", "بصورة", "بسبب", "بناء", "بحضور", "برئاسة", "بمشاركة", "بقيادة", "لصالح", "لمدة",
            "بدلا", "بعدما", "لأن", "لكي", "كي", "كبير", "كبيرة", "كبار",
            "فجر", "ليلة", "الفضاء",
            "وقت", "حين", "بينما", "عندما", "لما", "كلما", "طالما", "إلا", "الا", "أما",
            "اما", "إما", "لو", "لولا", "نفس", "ذات", "قرب", "وسط", "شمال", "جنوب", "شرق", "غرب",
            "قوله", "قولها", "بيان", "تصريح", "تقرير", "خبر", "نبأ", "مصدر", "مصادر", "مسؤولون",
            "يذكر", "يشار", "يقال", "يقول", "تقول", "قائلا", "مضيفا", "مؤكدا", "موضحا", "مشيرا", "معربا",
            "داعيا", "محذرا", "مشددا", "معتبرا", "لافتا", "نقلا", "وفق", "وفقا", "حسب", "بحسب", "طبقا",
            "النبي", "الرسول", "صلى", "عليه", "السلام", "رضي", "رحمه", "تعالى", "سبحانه",
            "جائزة", "شارع", "مدينة", "مسجد", "جامعة", "مستشفى", "مطار", "ميناء", "مدرسة", "حي",
            "ميدان", "ساحة", "قاعة", "مركز", "مؤسسة", "شركة", "بنك", "جمعية", "دار", "مكتبة", "متحف",
            "فندق", "قصر", "برج", "جسر", "نادي", "ملعب", "استاد", "كأس", "بطولة", "دوري", "منتخب",
            "فريق", "حزب", "حركة", "جبهة", "كتائب", "ألوية", "سرايا", "لواء", "مجموعة", "تنظيم",
            "قرية", "بلدة", "محافظة", "ولاية", "إقليم", "منطقة", "مخيم", "معبر", "سجن", "قاعدة",
        ),
        ("", "و", "ف"),
    )
)  # fmt: skip
# Past-tense verbs that open a clause after a subject ("أن محمد أحمد محمود اعتقل"): after a name of two
# or more words they end it (a lone given name before one is left to the other checks).
_PAST_VERBS = _norm_set(
    (
        "اعتقل", "اعتقلت", "قتل", "قتلت", "أصيب", "اصيب", "أصيبت", "توفي", "توفيت", "غادر", "غادرت",
        "وصل", "وصلت", "توجه", "فاز", "فازت", "خسر", "شارك", "شاركت", "حضر", "زار", "زارت", "التقى",
        "استقبل", "وقع", "ترأس", "افتتح", "دعا", "طالب", "رفض", "نفى", "كشف", "تسلم", "تلقى", "حصل",
        "سجل", "أصدر", "قدم", "ألقى", "اختطف", "أعدم", "اغتيل", "استشهد", "فر", "هرب", "سلم",
    ),
    ("", "و", "ف"),
)  # fmt: skip
# Words after which a name follows: verbs of saying and the matcher's titles and honorifics.
_CUE_BEFORE = _SAYING_VERBS | _SURNAME_TITLES | _HONORIFICS | _ROLE_NOUNS
# Role nouns that head a construct (وزير الخارجية X, المتحدث باسم الوزارة X): a name may follow
# their complement, so they count a few words before the name, not only right before it.
_WINDOW_ROLES = frozenset(
    w for w in _ROLE_NOUNS if not w.startswith(("ال", "وال", "فال", "بال", "لل"))
) | _norm_set(("المتحدث", "المتحدثة", "الناطق", "الناطقة", "المدير", "الأمين", "المستشار"), ("", "و", "ف"))
# A name right after these names a place or an institution after a person (خان يونس، جامعة
# السلطان قابوس، مطار الملك خالد، أسرة مينغ), not the person.
_PLACE_BEFORE = _norm_set(
    (
        "خان", "مخيم", "مدينة", "شارع", "جامعة", "مطار", "مسجد", "جامع", "كنيسة", "مستشفى", "مدرسة",
        "قاعة", "مركز", "مؤسسة", "جائزة", "ميدان", "ساحة", "حي", "قرية", "بلدة", "جسر", "سد", "قصر",
        "ضريح", "مقام", "ملعب", "استاد", "نادي", "شركة", "مصنع", "مكتبة", "متحف", "مقبرة", "أسرة",
        "صندوق", "جمعية", "معهد", "كلية", "أكاديمية", "برج", "فندق", "دار", "مجمع", "مستشفى", "بوابة", "باب",
        "مضيق", "بحيرة", "جبل", "وادي", "نهر", "قناة", "محطة", "ميناء", "كورنيش", "منتجع", "مزارع",
        "عائلة", "آل", "قبيلة", "سجن", "مستشفيات", "فنادق", "منشورات", "سانت", "شهر",
        "عشيرة", "سلالة", "دولة", "إمارة", "مملكة", "ضاحية", "بئر", "تل",
    ),
    ("", "و", "ف", "ب", "ل"),
)  # fmt: skip
_ALI = normalize_text("علي")
# A preposition carrying a pronoun: after a word, it makes that word a verb or noun of the sentence.
_PRONOUN_PREPOSITIONS = _norm_set(
    (
        "عنه", "عنها", "عنهم", "منه", "منها", "منهم", "له", "لها", "لهم", "عليه", "عليها", "عليهم",
        "به", "بها", "بهم", "فيه", "فيها", "فيهم", "إليه", "إليها", "إليهم", "معه", "معها", "معهم",
    )
)  # fmt: skip
_TANWEEN = frozenset("ًٌٍ")
_SHARED_GIVEN = 2  # registry people starting a name with a word for it to count as a given name alone
_CUE_WINDOW = 4  # words before the name searched for a role noun (المتحدث باسم وزارة الخارجية X)
_LETTER_RUN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class GivenNames:
    plain: frozenset[str]  # normalised given names good alone as a name's first word
    ambiguous: frozenset[str]  # also common words: a cue is needed
    listed: frozenset[str] = frozenset()  # the team's list (plain and ambiguous)


def read_given_names(path: Path = GIVEN_NAMES_FILE) -> tuple[frozenset[str], frozenset[str]]:
    """The team's list: (names, names that are also common words), normalised."""
    plain: set[str] = set()
    ambiguous: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, flag = line.partition(" ")
        (ambiguous if flag.strip() == "*" else plain).add(normalize_text(name))
    return frozenset(plain - ambiguous), frozenset(ambiguous)


def given_names_file(registry: Registry) -> Path:
    """The registry's own list when its directory has one (as for country_facts.tsv), else the default."""
    return given_names_in(registry.directory)


def given_names_in(directory: str | Path | None) -> Path:
    """:func:`given_names_file` of the registry loaded from ``directory`` (also before it is built)."""
    own = Path(directory) / GIVEN_NAMES_FILE.name if directory else None
    return own if own is not None and own.exists() else GIVEN_NAMES_FILE


def _team_list(registry: Registry) -> tuple[frozenset[str], frozenset[str]]:
    return read_given_names(given_names_file(registry))


def _list_only(registry: Registry) -> GivenNames:
    """The team's list alone (``NameOptions(registry_given=False)``)."""
    plain, ambiguous = registry.derived(_team_list)
    return GivenNames(plain, ambiguous, plain | ambiguous)


def given_names(registry: Registry) -> GivenNames:
    """Given names from the list plus the first word of every registry person's Arabic names
    (people of family-name-first countries, honorifics, particles and ال-words left out). Computed
    once per registry (``Registry.derived``)."""
    return registry.derived(_find_given_names)


def _find_given_names(registry: Registry) -> GivenNames:
    plain, ambiguous = registry.derived(_team_list)
    found: dict[str, set[str]] = {}  # first word -> registry people starting a name with it
    for actor in registry.actors.values():
        if actor.type != "person" or actor.country in _FAMILY_NAME_FIRST:
            continue
        for alias in (actor.name_ar, *actor.aliases_ar):
            words = normalize_text(alias or "").split()
            if len(words) < 2:
                continue  # a lone word (a surname alias) says nothing about given names
            first = words[0]
            if (
                len(first) < 3
                or first.startswith("ال")
                or first in _HONORIFICS
                or first in _SURNAME_TITLES
                or first in _ROLE_NOUNS
                or first in _NAME_PARTICLES
                or first in _COMPOUND_HEADS
                or first in _STOP
            ):
                continue
            found.setdefault(first, set()).add(actor.actor_id)
    # A first word only one registry person has is as often a common word (بيت، أكبر، سلام).
    shared = {w for w, people in found.items() if len(people) >= _SHARED_GIVEN}
    single = set(found) - shared - plain
    # A given name that starts with ال once normalised (ألفريد، ألان) is also a definite word
    # (الفريد "the unique", الان "now").
    article = {w for w in plain | shared if w.startswith("ال")}
    return GivenNames(
        frozenset((plain | shared) - ambiguous - article),
        frozenset(ambiguous | single | article),
        frozenset(plain | ambiguous),
    )


def name_words(registry: Registry) -> frozenset[str]:
    """Words that may go on into a person's name after a lone surname ("عباس زكي", "مبارك
    الفاضل" aside, which is definite): the given names (``given_names``) and every word of a
    registry person's multi-word Arabic name, minus the words that end a name (``_STOP``). Computed
    once per registry (``Registry.derived``)."""
    return registry.derived(_find_name_words)


def _find_name_words(registry: Registry) -> frozenset[str]:
    given = given_names(registry)
    words: set[str] = set(given.plain | given.ambiguous | given.listed)
    for actor in registry.actors.values():
        if actor.type != "person":
            continue
        for alias in (actor.name_ar, *actor.aliases_ar):
            parts = normalize_text(alias or "").split()
            if len(parts) >= 2:
                words.update(parts)
    return frozenset(w for w in words if len(w) >= 2 and w not in _STOP)


def surname_goes_on(word: str, registry: Registry) -> bool:
    """Does ``word``, right after a lone surname, continue another person's name ("عباس زكي",
    "رايس هيل")? Only a word known as part of a name does: a verb ("نجاد يعاني", "الحريري اتفاق"),
    a noun with a pronoun or a preposition glued on ("قوله", "باستبعاده", "ليؤكد") or an
    accusative ("اجتماعا") after the surname is the sentence going on, not a name. Round 19, for
    ``people._name_goes_on`` (whose rule, any word not in ``_NOT_NAME``, not definite and without
    و, took 16 of NewsFANE's 63 missed lone surnames for the start of another name)."""
    if not word or word in _NOT_NAME or word.startswith(("ال", "لل", "و")):
        return False
    return word in name_words(registry)


@dataclass(frozen=True)
class NameOptions:
    """Which evidence the finder uses (the defaults are the measured choice; bench/names_eval.py
    prints the others beside it)."""

    cue: str = "ambiguous"  # when a cue is needed: "ambiguous" given names only, "all", "none"
    registry_given: bool = True  # registry people's first words as given names (else the list only)
    coreference: bool = True  # lone family names of names found earlier in the text
    # An ambiguous given name before a definite word: only a cue right next to the name will do
    # (off: the role-noun window is tight enough; measured equal precision, a little more recall).
    near_definite: bool = False
    # A definite word after the given name that is no nisba (الكتب, not الزغبي): a cue is needed
    # whatever the given name ("ويحمل أحمد الكتب", but also "محمد الصدر").
    definite_needs_cue: bool = False
    room: int = 3  # words after the given name (a particle بن/آل/عبد takes none)


_DEFAULT = NameOptions()
# Role nouns whose complement starts with باسم "in the name of" (المتحدث باسم): not the name باسم.
_SPOKESMAN = _norm_set(
    ("المتحدث", "المتحدثة", "الناطق", "الناطقة", "متحدث", "ناطق", "متحدثا", "ناطقا"), ("", "و", "ف", "ل")
)


class _Token(NamedTuple):  # a tuple: one is built per word of every text
    start: int
    end: int
    word: str
    joined: bool  # only spaces between this token and the next one (no punctuation, no line break)


def _tokens(norm: str) -> list[_Token]:
    found = list(_LETTER_RUN.finditer(norm))
    out = []
    for i, m in enumerate(found):
        nxt = found[i + 1].start() if i + 1 < len(found) else -1
        joined = nxt > 0 and norm[m.end() : nxt].strip(" ") == ""
        out.append(_Token(m.start(), m.end(), m.group(), joined))
    return out


def _strip(word: str, given: GivenNames, listed: frozenset[str]) -> tuple[int, str]:
    """(length of a glued proclitic, the word without it) when what remains is a given name or a
    compound head (وقال محمد → no; ولمحمد → محمد); else (0, word)."""
    # Not ب/ك: "بيان" is not ب + يان, "بليون" not ب + ليون; a name after them is rare.
    # A short remainder only after و/ف and when it is on the team's list: لجان is "committees",
    # ورود "and roses".
    if not word or word[0] not in "وفل":
        return 0, word
    for pre in ("ول", "فل", "و", "ف", "ل"):
        rest = word[len(pre) :]
        short_ok = len(rest) == 3 and rest in listed and pre in ("و", "ف")
        if word.startswith(pre) and (len(rest) >= 4 or short_ok):
            if rest in given.plain or rest in _COMPOUND_HEADS:
                return len(pre), rest
    return 0, word


def _name_like(word: str, registry: Registry) -> bool:
    """Can ``word`` continue a name after a given name?"""
    if len(word) < 2 or word in _STOP or word in _ROLE_NOUNS:
        return False
    if word.startswith(("بال", "وال", "فال", "كال", "لل")):
        return False  # a preposition or conjunction glued to a definite noun: the sentence goes on
    entries = registry.entries[registry.key_index[word]] if word in registry.key_index else ()
    # A word the registry knows as something other than a person (a country, an outlet, a body):
    # "محمد مصر" does not occur as a name, "قال أحمد إن مصر" does as a sentence.
    return not any(
        e.actor_id is not None
        and not e.place  # a city's name is also a family name (نايف، رشيد، الزبير)
        and not e.actor_id.startswith("person:")
        and e.match != "nisba"
        for e in entries
    )


def _cue_before(tokens: list[_Token], i: int, strip: int, near: bool = False) -> bool:
    """A verb of saying, title, honorific or role noun right before token ``i`` (or glued to it:
    ولمحمد has no cue), or (unless ``near``) a role noun heading a construct among the few words
    before it, within the same clause (المتحدث باسم وزارة الخارجية X)."""
    if strip:
        return False
    j = i - 1
    if j < 0 or not tokens[j].joined:
        return False
    if tokens[j].word in _CUE_BEFORE:
        return True
    if near:
        return False
    for k in range(j, max(-1, i - 1 - _CUE_WINDOW), -1):
        if tokens[k].word in _WINDOW_ROLES:
            return True
        if k > 0 and not tokens[k - 1].joined:
            break  # a comma or a full stop: another clause
    return False


def _cue_after(norm: str, tokens: list[_Token], last: int) -> bool:
    """A role noun heading a construct right after the name, a comma allowed between ("X وزير
    الخارجية", "X ، المتحدث باسم ..."); not المقدم, الشاعر: also "the submitted", "the poet's"."""
    nxt = last + 1
    if nxt >= len(tokens):
        return False
    between = norm[tokens[last].end : tokens[nxt].start].strip()
    if between not in ("", ",", "-", "("):
        return False
    return tokens[nxt].word in _WINDOW_ROLES


def find_person_names(
    text: str,
    registry: Registry,
    taken: Iterable[Mention] = (),
    options: NameOptions = _DEFAULT,
    prepared: tuple[str, list[int]] | None = None,
) -> list[Mention]:
    """Names of people the registry does not know in ``text`` (see the module docstring), as
    ``discovered`` mentions with offsets into ``text``, none overlapping ``taken``. ``prepared``:
    the matcher's normalised text and offset map of ``text`` (``find_mentions_prepared``), when
    the caller has them."""
    if not text:
        return []
    given = given_names(registry) if options.registry_given else registry.derived(_list_only)
    norm, offsets = prepared if prepared is not None else _prepare(text)
    tokens = _tokens(norm)
    # Original offsets -> normalised: mark every normalised position whose original char is taken.
    busy_orig = bytearray(len(text) + 1)
    for m in taken:
        busy_orig[m.start : m.end] = b"\x01" * (m.end - m.start)

    def free(tok: _Token, skip: int = 0) -> bool:
        # Only the candidates' letters are looked up (a map of the whole text cost as much as the rest).
        return not any(busy_orig[offsets[k]] for k in range(tok.start + skip, tok.end))

    spans: list[tuple[int, int]] = []  # normalised (start, end) of full names found
    firm: list[tuple[int, int]] = []  # ... of those whose given name is not also a common word
    i = 0
    while i < len(tokens):
        found = _name_at(text, offsets, norm, tokens, i, registry, given, free, options)
        if found is None:
            i += 1
            continue
        start, last, ambiguous = found
        spans.append((start, tokens[last].end))
        if not ambiguous:
            firm.append(spans[-1])
        i = last + 1
    if options.coreference:
        # Only the family names of firm names: a phrase taken for a name (بيت الشعر) must not
        # spread its last word (الشعر) over the text.
        corefs = _surname_coreference(norm, tokens, firm, spans, given, free)
    else:
        corefs = []

    def make(n_start: int, n_end: int, full: tuple[int, int] | None = None) -> Mention:
        o_start, o_end = offsets[n_start], offsets[n_end - 1] + 1
        # A lone family name is the person of the full name: it gets that name's id.
        slug = "-".join(norm[full[0] : full[1]].split()) if full else "-".join(norm[n_start:n_end].split())
        return Mention(f"discovered:{slug}", text[o_start:o_end], o_start, o_end, "discovered", None)

    found = [make(s, e) for s, e in spans] + [make(s, e, full) for s, e, full in corefs]
    return sorted(found, key=lambda m: (m.start, m.end))


def _name_at(
    text: str,
    offsets: list[int],
    norm: str,
    tokens: list[_Token],
    i: int,
    registry: Registry,
    given: GivenNames,
    free: Callable[..., bool],
    options: NameOptions,
) -> tuple[int, int, bool] | None:
    """A full name starting at token ``i``: (normalised start, index of its last token, whether its
    given name is also a common word), or None."""
    tok = tokens[i]
    if tok.word in given.plain or tok.word in given.ambiguous or tok.word in _COMPOUND_HEADS:
        strip, core = 0, tok.word
    else:
        strip, core = _strip(tok.word, given, given.listed)
        if not strip:
            return None  # the common case, decided before anything else
    if not free(tok, strip):
        return None
    if i > 0 and tokens[i - 1].joined and tokens[i - 1].word in _NAME_INSIDE:
        return None  # inside a name that started earlier (بن محمد) and was not taken as one
    if core == "باسم" and any(
        k >= 0 and tokens[k].joined and tokens[k].word in _SPOKESMAN for k in (i - 1, i - 2)
    ):  # (المتحدث الرسمي باسم)
        return None  # المتحدث باسم الوزارة: "in the name of", not a man called Basim
    if not strip and _after_place(tokens, i):
        return None
    if core == _ALI and text[offsets[tok.end - 1]] == "ى":
        return None  # written على: the preposition, not the name علي
    head_end = i  # last token of the given name
    ambiguous = core in given.ambiguous
    if core in _COMPOUND_HEADS:
        if not tok.joined or i + 1 >= len(tokens) or not free(tokens[i + 1]):
            return None
        nxt = tokens[i + 1].word
        if nxt in _STOP or nxt.startswith(("بال", "وال", "لل")) or len(nxt) < 2:
            return None
        head_end, ambiguous = i + 1, False
    elif core in given.plain or core in given.ambiguous:
        if tok.joined and i + 1 < len(tokens) and tokens[i + 1].word in _COMPOUND_LAST:
            head_end, ambiguous = i + 1, False  # صلاح الدين, نصر الله
    else:
        return None
    name_end = head_end
    room = options.room
    after_particle = False
    k = head_end
    while tokens[k].joined and k + 1 < len(tokens) and room > 0:
        nxt = tokens[k + 1]
        word = nxt.word
        if not free(nxt):
            break
        is_particle = word in _INNER_PARTICLES
        if not after_particle:
            if not _name_like(word, registry):
                break
            if word.startswith("و") and (word[1:] in given.plain or word[1:] in given.ambiguous):
                break  # "محمد وأحمد": a conjunction
            if word.startswith("و") and name_end > head_end:
                break  # "محمد سالم وعائلته"
            if word.startswith(("ي", "ت", "سي")) and word not in given.plain and word not in given.ambiguous:
                if name_end > head_end or len(word) >= 5:
                    break  # a verb after a complete name ("أحمد قريع يلتقي") or the given name (عمر يناهز)
            if name_end > head_end and word in _PAST_VERBS:
                break  # a clause's verb after a complete name
            if len(word) >= 5 and word.endswith(("ها", "هم", "هما", "كم")):
                break  # a pronoun suffix: "لدفنها", "ذويهم" are no names
            if (
                name_end > head_end
                and len(word) >= 5
                and word.startswith(("ب", "ل"))
                and word not in given.plain
            ):
                break  # after a family name, a preposition glued to a noun: "فرانك باسي بشكل مؤقت"
            if _tanween_after(text, offsets, nxt):
                break  # an indefinite accusative (صوراً): a noun of the sentence, never a name
            if k + 2 < len(tokens) and nxt.joined and tokens[k + 2].word in _PRONOUN_PREPOSITIONS:
                break  # "غاب عنها", "ترك له": a verb with its object, not a family name
        elif word in _STOP or len(word) < 2:
            break
        k += 1
        name_end = k
        after_particle = is_particle
        if is_particle:
            continue  # a particle takes no room of its own
        room -= 1
        if word.startswith("ال") and not after_particle:
            break  # a family name with ال closes the name (محمد الصدر)
    while name_end > head_end and tokens[name_end].word in _INNER_PARTICLES:
        name_end -= 1
    if name_end == head_end:
        return None  # a lone given name is not a discovery
    needs_cue = options.cue == "all" or (options.cue == "ambiguous" and ambiguous)
    # An ambiguous word before a definite one is mostly a phrase (على الحاجة، حسن الجوار): only a
    # cue right next to the name will do.
    first = tokens[head_end + 1].word
    near = options.near_definite and ambiguous and first.startswith("ال")
    if options.definite_needs_cue and first.startswith("ال") and not first.endswith(("ي", "يه")):
        needs_cue = options.cue != "none"
    if core == _ALI and needs_cue:
        # علي is also على (ى folded, or written ي as in much newswire): after a verb it is the
        # preposition the verb governs (شدد على، حصل على); only a title or role noun right before
        # it, or a role noun after the name, says it is the name.
        before = tokens[i - 1].word if i > 0 and tokens[i - 1].joined and not strip else ""
        if not (before in _ROLE_NOUNS or before in _HONORIFICS or _cue_after(norm, tokens, name_end)):
            return None
    if needs_cue and not (_cue_before(tokens, i, strip, near) or _cue_after(norm, tokens, name_end)):
        return None
    return tok.start + strip, name_end, ambiguous


def _tanween_after(text: str, offsets: list[int], tok: _Token) -> bool:
    """Does the word carry tanween in the original (صوراً، كتابٌ)? Names are not written with it."""
    pos = offsets[tok.end - 1] + 1
    while pos < len(text) and (text[pos] in _TANWEEN or text[pos] in "َُِّْ"):
        if text[pos] in _TANWEEN:
            return True
        pos += 1
    # the tanween may sit on the letter before a final alef (صورًا)
    return text[offsets[tok.end - 1]] == "ا" and text[offsets[tok.end - 1] - 1] in _TANWEEN


def _after_place(tokens: list[_Token], i: int) -> bool:
    """Is the name at token ``i`` part of a place or institution name (خان يونس، ملعب لوفتس رود،
    جامعة الإمام محمد بن سعود): a place noun one or two words before it in the same clause, or
    before the titles and honorifics in front of it?"""
    j = i - 1
    seen = 0  # words passed that are not titles
    while j >= 0 and tokens[j].joined and seen < 2:
        word = tokens[j].word
        if word in _PLACE_BEFORE:
            return True
        if not (word in _HONORIFICS or word in _SURNAME_TITLES or word in _ROLE_NOUNS):
            seen += 1
        j -= 1
    return False


def _surname_coreference(
    norm: str,
    tokens: list[_Token],
    firm: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    given: GivenNames,
    free: Callable[..., bool],
) -> list[tuple[int, int, tuple[int, int]]]:
    """Lone family names of the ``firm`` full names found earlier in the text, at a name position
    (outside every name in ``spans``): (start, end, the full name's span)."""
    surnames: dict[str, tuple[int, int]] = {}  # surname -> its first full name
    for start, end in firm:
        words = norm[start:end].split()
        last = words[-1]
        if (
            len(words) < 2
            or len(last) < 3
            or last in given.plain
            or last in given.ambiguous
            or last in _STOP
            or last in _COMPOUND_LAST
            or words[-2] in _INNER_PARTICLES
        ):
            continue
        surnames.setdefault(last, (start, end))
    if not surnames:
        return []
    inside = bytearray(len(norm) + 1)
    for start, end in spans:
        inside[start:end] = b"\x01" * (end - start)
    out = []
    for i, tok in enumerate(tokens):
        full = surnames.get(tok.word)
        if full is None or tok.start < full[1] or any(inside[tok.start : tok.end]) or not free(tok):
            continue
        before = tokens[i - 1].word if i > 0 and tokens[i - 1].joined else ""
        if not (before in _COREF_BEFORE or before in _CUE_BEFORE):
            continue
        if tok.joined and i + 1 < len(tokens) and _name_continues(tokens[i + 1].word):
            continue  # "عباس زكي": the word goes on into another name
        out.append((tok.start, tok.end, full))
    return out


def _name_continues(word: str) -> bool:
    return not (word in _STOP or word in _ROLE_NOUNS or word.startswith(("ال", "لل", "و")))
