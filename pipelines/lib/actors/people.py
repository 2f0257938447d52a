"""People: surnames used alone (after a title, a verb of saying, or as coreference to a full name
written earlier) and the name that follows a title (a registry person, a former holder, or a name
the registry does not know)."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from datetime import date

from pipelines.lib.actors.forms import _key, _strip_proclitic
from pipelines.lib.actors.model import Registry, _Entry, _Hit, _Seen
from pipelines.lib.actors.sports import _sports_at
from pipelines.lib.actors.words import (
    _GIVEN_NAMES,
    _HONORIFICS,
    _NOT_NAME,
    _end_before_spaces,
    _line_word_before,
    _norm_set,
)

# A title followed by one of these is not about the current holder ("the former president").
_NOT_CURRENT = _norm_set(("السابق", "الأسبق", "السابقة", "المنتخب", "المقبل", "الراحل"))
_NAME_PARTICLES = _norm_set(
    (
        "بن", "بنت", "آل", "عبد", "أبو", "ابو", "ابن", "أبي", "ولد",  # ولد: Mauritanian "son of"
        "لو", "دي", "فان", "دو", "دا", "فون",  # foreign particles (لولا دا سيلفا)
    )
)  # fmt: skip
_SON_OF = _norm_set(("بن", "ابن", "بنت"))
# Before a surname used alone (_surname_cue): a title or honorific; or a verb of saying when the
# text names the person's country (alone, "قال الكاظمي" is a family name many people share).
_SURNAME_TITLES = _norm_set(
    (
        "الرئيس", "الرئيسة", "الزعيم", "السيد", "السيدة", "الشيخ", "الوزير", "الوزيرة", "الجنرال",
        "المستشار", "المستشارة", "الملك", "الأمير", "السناتور", "العقيد", "المشير", "الدكتور",
    ),
    ("", "و", "ف", "ب", "ل", "وب", "ول"),
)  # fmt: skip
_SAYING_VERBS = _norm_set(
    (
        "قال", "قالت", "أكد", "أكدت", "أضاف", "أضافت", "أشار", "أشارت", "أوضح", "أوضحت", "أعلن", "أعلنت",
        "تابع", "تابعت", "صرح", "صرحت", "شدد", "شددت", "اعتبر", "اعتبرت", "دعا", "دعت", "حذر", "حذرت",
        "نفى", "نفت", "اتهم", "اتهمت", "وصف", "وصفت", "كشف", "كشفت", "أعرب", "أعربت", "رأى", "مضى",
    ),
    ("", "و", "ف"),
)  # fmt: skip
# Lone surnames that are also common words (عباس، مبارك "blessed", بري "land/wild", الحريري) are no
# registry aliases; they are read as a person only as coreference (_surname_coreference): the
# person's full name came earlier in the same text and the word stands where a name stands, right
# after one of these (a title, a verb, a preposition, a noun governing a person) or next to another
# person with و. "عيد مبارك", "هجوم بري" have none of them before the word.
_COREF_BEFORE = (
    _norm_set(
        (
            "التقى", "استقبل", "زار", "بحث", "هاجم", "انتقد", "طالب", "رفض", "وصل", "غادر", "أجرى", "ترأس",
            "أبلغ", "أمر", "حث", "اجتمع", "يلتقي", "يزور", "سيلتقي", "سيزور", "يستقبل", "اتصل", "تلقى",
            "أعرب", "جدد", "أدان", "رحب", "وجه", "ألقى", "اقترح", "عرض", "قرر", "أصدر", "يرى", "يعتبر",
            "مع", "بين", "عن", "من", "لدى", "إلى", "الى", "على", "ضد", "أن", "إن", "بأن", "إنه",
            "زيارة", "لقاء", "حكومة", "نظام", "عهد", "إدارة", "تصريحات", "خطاب", "كلمة", "دعوة", "مبادرة",
            "خطة", "اقتراح", "حكم", "أنصار", "مؤيدي", "مؤيدو", "تيار", "كتلة", "مكتب", "مستشار", "نجل",
            "حرس", "حراس", "موقف", "رسالة", "مقترحات", "مباحثات", "محادثات", "مهمة", "جولة", "رئاسة",
            "ولاية", "استقالة", "اغتيال", "مقتل", "محاكمة", "إطاحة", "سقوط", "رحيل", "عودة", "وفاة",
            "قرار", "مرسوم", "اتصال", "تصريح", "حديث", "مقابلة", "ترشيح", "حملة", "فوز", "انتخاب",
            # round 19: the feminine verbs (التقت رايس), كان/لكن opening a clause, more nouns
            "التقت", "استقبلت", "زارت", "بحثت", "هاجمت", "انتقدت", "طالبت", "رفضت", "وصلت", "غادرت",
            "أجرت", "ترأست", "أبلغت", "أمرت", "حثت", "اجتمعت", "تلتقي", "تزور", "ستلتقي", "ستزور",
            "تستقبل", "اتصلت", "تلقت", "جددت", "أدانت", "رحبت", "وجهت", "ألقت", "اقترحت", "عرضت",
            "قررت", "أصدرت", "عاد", "عادت", "كان", "كانت", "لكن", "ولكن", "خلافة", "تحذيرات",
            "تحذير", "إسقاط", "اختار", "اختارت", "أبدى", "أبدت",
        ),
        ("", "و", "ف", "ل", "ب"),
    )
    | _SURNAME_TITLES
    | _SAYING_VERBS
    | _HONORIFICS
)  # fmt: skip
# Where a lone surname counts without its full name (_surname_cue, person in office and named
# context): the coreference positions without the prepositions and "that" (على سلامة الركاب
# "the passengers' safety", من بري): after a preposition a surname is as often a common word.
_ALONE_BEFORE = _COREF_BEFORE - _norm_set(
    ("مع", "بين", "عن", "من", "لدى", "إلى", "الى", "على", "ضد", "أن", "إن", "بأن", "إنه"),
    ("", "و", "ف", "ل", "ب"),
)
# Surnames that are family names first (Chinese, Korean, Vietnamese): the last word written is the
# given name (بان كي مون), so no lone-surname coreference for people of these countries.
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "SGP"})
# The last word of a name that is half of a compound surname (نصر الله, عبد الله, صلاح الدين).
_COMPOUND_LAST = _norm_set(("الله", "الدين", "الرحمن", "الإسلام", "أوغلو", "اوغلو", "زاده"))
# A family name this many registry people share is a clan or dynasty (الصباح, آل ثاني): no coreference.
_CLAN_SIZE = 4
# A lone surname at a name position counts when the person's full name follows within this many
# characters (a headline, then the lead naming the person in full).
_CATAPHORA = 600
_LETTERS = re.compile(r"[^\W\d_]*")


def _surname_cue(
    norm: str,
    start: int,
    entries: tuple[_Entry, ...],
    seen: _Seen,
    registry: Registry,
    context: set[str],
    on_date: date | None,
    end: int,
    sports: dict[int, tuple[bool, bool]],
) -> str | None:
    """Is a person's surname alone (an ``only_after_full`` alias: أنان, رايس, السنيورة) used as a
    name here even though the full name was not written before? Returns that person's id, or None.
    Only when the surname is a person's and nothing else's, and it follows a title or honorific
    (الرئيس عرفات, السيد نصر الله, a registry title: الأمين العام للأمم المتحدة أنان) or a
    person's name with و (بوش ورايس). Elsewhere only when the person is in office on the article's
    date (``_person_in_context``) and the text names the person's country or the body
    of that role (the UN for Kofi Annan): alone ("قال الكاظمي", "قال أوستن إن الطقس بارد") the
    surname is a family name many people share or a common word. Then it counts where a name
    stands: after a verb of saying (وقال رايس, أكد نصر الله) and, since round 17, after the other
    words ``_ALONE_BEFORE`` lists (a verb, a noun governing a person: "التقى أنان", "خطة أنان"; not a
    preposition) or at the start of a line (a headline), when the next word does not continue
    another name. (Before round 17 a verb of saying and the country sufficed, in office or not.)
    A surname several registry people share (ليبرمان: Avigdor and Joe) is given to the one whose
    country the text names when it names none of the others' (and never without such a country).

    ``sports``: this text's sports memo (``_sports_at``), one dict per text."""
    if not entries or not all(
        e.only_after_full and (e.actor_id or "").startswith("person:") for e in entries
    ):
        return None  # also a country, word or outlet, or a plain alias
    ids = {e.actor_id or "" for e in entries}
    if len(ids) == 1:
        person = next(iter(ids))
    else:
        named = [i for i in ids if f"country:{registry.actors[i].country}" in context]
        countries = {registry.actors[i].country for i in ids}
        if len(named) != 1 or len(countries) != len(ids):
            return None  # no country, or two of them named: which one is meant is unknown
        person = named[0]
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalpha() and start - word_start < 3:
        word_start -= 1
    prefix = norm[word_start:start]
    if _sports_at(norm, start, sports, True):
        return None  # "وأضاف المالكي" in a match report is a player or a coach
    before = _line_word_before(norm, word_start)
    if before in _SURNAME_TITLES:
        return person
    gap = _end_before_spaces(norm, word_start)
    if gap and gap == word_start - 1 and any(h.entry.match == "title" for h in seen.ending_at(gap)):
        return person  # right after a registry title
    after_person = prefix.startswith("و") and any(
        h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person" for h in seen.ending_at(gap)
    )
    if after_person:
        return person
    at_name = (
        before in _ALONE_BEFORE
        or (bool(before) and _strip_proclitic(before) in _ALONE_BEFORE)
        or (not before and (gap == 0 or norm[gap - 1] == "\n"))
    )
    if not at_name or not _person_in_context(person, registry, context, on_date):
        return None
    return None if _name_goes_on(norm, end, registry) else person


def _person_in_context(
    person: str, registry: Registry, context: set[str] | frozenset[str], on_date: date | None
) -> bool:
    """Is the person in office on ``on_date`` (any role when the date is unknown; a person the
    registry gives no role at all, a figure such as a senator or party leader, has no dates to
    check), and does the text name the person's country or a body whose title is one of those
    roles? Out of office, a lone surname is too often somebody else or a word ("سلامة" "safety"
    in 2015, when Ghassan Salamé held no office; "عون" then meant Michel, not Joseph Aoun)."""
    all_roles = registry.person_roles.get(person, [])
    roles = [r for r in all_roles if on_date is None or r.holds(on_date)]
    if all_roles and not roles:
        return False
    country = registry.actors[person].country
    if country is not None and f"country:{country}" in context:
        return True
    bodies = _role_bodies(registry)
    return any(context.intersection(bodies.get(r.role, ())) for r in roles)


def _role_bodies(registry: Registry) -> dict[str, frozenset[str]]:
    """Role -> the actors whose titles carry it and the bodies they are ``part_of`` (the UN
    Secretariat and the UN for the Secretary-General), computed once per registry."""
    return registry.derived(_find_role_bodies)


def _find_role_bodies(registry: Registry) -> dict[str, frozenset[str]]:
    def with_parents(actor_id: str) -> set[str]:
        out, todo = set(), [actor_id]
        while todo:
            current = todo.pop()
            if current in out or current not in registry.actors:
                continue
            out.add(current)
            todo += [target for rel, target in registry.actors[current].links if rel == "part_of"]
        return out

    bodies: dict[str, set[str]] = {}
    for entries in registry.entries:
        for e in entries:
            if e.match == "title" and e.role and e.actor_id:
                bodies.setdefault(e.role, set()).update(with_parents(e.actor_id))
    # An organ named stands for the body it is part of: the Security Council puts the UN in view
    # for the Secretary-General (round 19).
    organs = [
        (a.actor_id, target)
        for a in registry.actors.values()
        if a.type in ("igo", "government")
        for rel, target in a.links
        if rel == "part_of"
    ]
    return {r: frozenset(ids | {o for o, t in organs if t in ids}) for r, ids in bodies.items()}


def _name_goes_on(norm: str, end: int, registry: Registry) -> bool:
    """Does the word after ``norm[end]`` continue a name ("عباس زكي")? Only a word known as part
    of a name does (``names.surname_goes_on``, round 19)."""
    from pipelines.lib.actors.names import surname_goes_on  # names imports this module

    if norm[end : end + 1] != " ":
        return False
    return surname_goes_on(_LETTERS.match(norm, end + 1).group(), registry)


def _surname_counts(registry: Registry) -> dict[str, int]:
    """How many registry people end a multi-word Arabic name with each word (computed once per
    registry)."""
    return registry.derived(_count_surnames)


def _count_surnames(registry: Registry) -> dict[str, int]:
    owners: dict[str, set[str]] = {}
    for a in registry.actors.values():
        if a.type != "person":
            continue
        for alias in (*a.aliases_ar, *((a.name_ar,) if a.name_ar else ())):
            words = _key(alias).split()
            if len(words) >= 2:
                owners.setdefault(words[-1], set()).add(a.actor_id)
    return {w: len(ids) for w, ids in owners.items()}


def _surname_pattern(surname: str) -> re.Pattern[str]:
    """A lone surname as a whole word in normalised text, with its proclitics (group 1: و ف ب ل ك)
    and the surname (group 2)."""
    forms = [re.escape(surname)]
    if surname.startswith("ال"):
        forms.append("ل" + re.escape(surname[1:]))  # لل: ل + ال with the alef dropped
    return re.compile(rf"(?<![^\W\d_])([وف]?[بلك]?)({'|'.join(forms)})(?![^\W\d_])")


def _surname_coreference(norm: str, registry: Registry, chosen: list[_Hit], taken: bytearray) -> list[_Hit]:
    """Lone surnames of people named in full earlier in the text ("نبيه بري ... وقال بري").

    Only surnames the registry does not already hold as a key (those have their own rules: the
    ``only_after_full`` aliases); only at a name position (``_COREF_BEFORE``, ``^``, or و joining
    another person) and not followed by a word that would continue another person's name ("عباس
    زكي": the next word must be a function word, a verb or title from ``_NOT_NAME``, a definite
    word, a word with و, or punctuation). When several people named earlier share the surname,
    the one named last before it is meant. Given names (حسين of صدام حسين) are never surnames.
    """
    full: dict[str, list[tuple[int, str]]] = {}  # surname key -> [(end of full name, person)]
    for h in chosen:
        actor = registry.actors.get(h.entry.actor_id or "")
        if actor is None or actor.type != "person" or h.entry.match != "alias":
            continue
        if actor.country in _FAMILY_NAME_FIRST:
            continue
        words = norm[h.key_start : h.end].split()
        if len(words) < 2:
            continue
        n = 2 if words[-1] in _COMPOUND_LAST or words[-2] in _NAME_PARTICLES else 1
        if len(words) <= n:
            continue
        surname = " ".join(words[-n:])
        if (
            len(surname) < 3
            or surname in _GIVEN_NAMES
            or surname in _NOT_NAME
            or _keyed_elsewhere(surname, actor.actor_id, registry)
            or _surname_counts(registry).get(surname, 0) >= _CLAN_SIZE
        ):
            continue
        if surname.startswith("ال") and surname[2:] in _GIVEN_NAMES:
            continue  # a patronymic (الفيصل "of Faisal"): alone it is as often the father
        full.setdefault(surname, []).append((h.end, actor.actor_id))
    if not full:
        return []
    persons = {
        h.start: h for h in chosen if h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person"
    }
    person_ends = {h.end for h in persons.values()}
    out = []
    for surname, names in full.items():
        pattern = _surname_pattern(surname)
        for found in _finditer_near(pattern, norm, _occurrences(norm, surname)):
            start, end = found.span(2)  # a لل form keeps its ل in the surface, as aliases do
            earlier = [(e, pid) for e, pid in names if e <= found.start()]
            before = _line_word_before(norm, found.start())
            gap = _end_before_spaces(norm, found.start())
            if not earlier and not before and (gap == 0 or norm[gap - 1] == "\n"):
                # A headline's surname: the full name follows in the lead (cataphora).
                earlier = [(e, pid) for e, pid in names if found.end() < e <= found.end() + _CATAPHORA][:1]
            if not earlier or any(taken[start:end]):
                continue
            prefix = found.group(1)
            lam = prefix.endswith("ل") or found.group(2).startswith("لل")
            cue = (
                before in _COREF_BEFORE
                or (bool(before) and _strip_proclitic(before) in _COREF_BEFORE)
                or (not before and (gap == 0 or norm[gap - 1] == "\n"))
                or lam  # "قال لبري", "للحريري": told / given to a person
                or (prefix.startswith("و") and gap in person_ends)  # "هنية وعباس"
            )
            if not cue:
                continue
            if (end + 1) not in persons and _name_goes_on(norm, end, registry):
                continue  # "عباس زكي": the word goes on into another person's name
            taken[start:end] = b"\x01" * (end - start)
            out.append(_Hit(start, end, start, _Entry(max(earlier)[1], "coreference")))
    return out


def _keyed_elsewhere(surname: str, person: str, registry: Registry) -> bool:
    """Is the surname a registry key with its own rules? A key that is only this person's alias
    after a title (``after_any``: الرئيس مبارك), or a city's name, leaves the other uses to coreference."""
    index = registry.key_index.get(surname)
    if index is None:
        return False
    # A city of that name (الجميل, أشرف) is read by its own place rules: it leaves coreference alone.
    return not all((e.actor_id == person and e.after_any) or e.place for e in registry.entries[index])


def _occurrences(norm: str, surname: str) -> list[int]:
    """Where a match of the surname's pattern may start: up to two letters (a proclitic) before
    each occurrence of the surname (or its لل form, which holds ``surname[1:]``), in order."""
    needle = surname[1:] if surname.startswith("ال") else surname
    shift = 1 if surname.startswith("ال") else 0  # "ال..." itself starts one letter before "ل..."
    out: set[int] = set()
    pos = norm.find(needle)
    while pos >= 0:
        for p in range(pos - shift - 2, pos + 1):
            if p >= 0:
                out.add(p)
        pos = norm.find(needle, pos + 1)
    return sorted(out)


def _finditer_near(pattern: re.Pattern[str], norm: str, candidates: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(norm)`` tried only at ``candidates`` (ascending), the only places a match
    can start: the same matches, without running the pattern at every position of a long text
    (one pattern per surname over the whole text made long texts superlinear)."""
    end = 0
    for p in candidates:
        if p < end:
            continue
        found = pattern.match(norm, p)
        if found:
            yield found
            end = max(found.end(), p + 1)


def _after_title(
    norm: str, end: int, person_starts: Container[int], taken: bytearray
) -> bool | tuple[int, int]:
    """What follows the title ending at ``norm[end]``.

    True: a registry person or a "former/elect" word (no role holder to add); a (start, end)
    span: a name the registry does not know (two to six words, honorifics skipped, stopping at
    particles, verbs, time words, punctuation and other actors); None: nothing name-like.
    """
    pos = end
    while pos < len(norm) and pos - end < 3 and norm[pos] in " ,:-،":
        pos += 1
    words: list[tuple[int, int]] = []
    scan = pos
    while scan < len(norm) and len(words) < 8:
        while scan < len(norm) and norm[scan] == " ":
            scan += 1
        w_end = scan
        while w_end < len(norm) and norm[w_end].isalpha():
            w_end += 1
        if w_end == scan:
            break
        words.append((scan, w_end))
        if w_end < len(norm) and norm[w_end] != " ":
            break  # punctuation ends the name
        scan = w_end
    i = 0
    while i < len(words) and norm[words[i][0] : words[i][1]] in _HONORIFICS:
        i += 1
    if (i < len(words) and words[i][0] in person_starts) or pos in person_starts:
        return True
    if not words or norm[words[0][0] : words[0][1]] in _NOT_CURRENT:
        return True if words else None
    name: list[tuple[int, int]] = []
    room = 3  # words of a name; each particle (بن، آل، عبد) allows one more
    after_particle = False
    closed = False  # a family name with ال was read: only بن can continue ("زين العابدين بن علي")
    for w_start, w_end in words[i:]:
        word = norm[w_start:w_end]
        if closed and word not in _SON_OF:
            break
        if any(taken[w_start:w_end]) or len(word) < 2:
            break
        if not after_particle and (word in _NOT_NAME or word in _NOT_CURRENT):
            break  # after بن any word is a name (علي is also على once ى is folded)
        if word.startswith(("بال", "وال", "فال", "كال", "لل")):
            break  # a preposition/conjunction glued to a noun: the sentence goes on
        if word.startswith("و") and word not in _NAME_PARTICLES and (not name or len(name) >= 2):
            break  # "ماكرون ونظيره": a conjunction; a first word with و is rarely a name here
        if word.startswith("ال") and not name:
            break  # a name does not start with ال ("وزير الخارجية الأميركي الأسبق" is handled above)
        if len(name) >= 2 and not after_particle and word.startswith(("ي", "ت", "سي", "ست")):
            break  # "بوتين يتحمل": a verb after a complete name
        name.append((w_start, w_end))
        is_particle = word in _NAME_PARTICLES
        room += is_particle
        closed = word.startswith("ال") and not is_particle and not after_particle  # (الشرع، السوداني)
        after_particle = is_particle
        if len(name) >= room:
            break
    while name and norm[name[-1][0] : name[-1][1]] in _NAME_PARTICLES:
        name.pop()  # a name does not end on بن / آل / أبو
    if len(name) < 2:
        return None
    return name[0][0], name[-1][1]
