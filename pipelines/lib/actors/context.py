"""Bare state bodies resolved by context: "الحكومة", "وزارة الخارجية", "وزير الدفاع" + name written
without a country are given to the one country the context names (match ``context_country``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import accumulate

from pipelines.lib.actors.forms import (
    _LAM_PROCLITICS,
    _PROCLITICS,
    _expand,
    _key,
    _strip_proclitic,
    _word_prefix,
)
from pipelines.lib.actors.model import Mention, Registry, _Entry
from pipelines.lib.actors.sports import _SENTENCE_END, _sports_at
from pipelines.lib.actors.words import _HONORIFICS, _RELATIVES, _line_word_before, _norm_set
from pipelines.lib.arabic import normalize_text

# A definite word right after a bare body names another body ("الحكومة الانتقالية", "الجيش الحر",
# "الشرطة الدولية"), except these adjectives of time.
_BARE_BODY_ADJ_OK = _norm_set(
    ("الجديد", "الجديدة", "الحالي", "الحالية", "المقبل", "المقبلة", "السابق", "السابقة")
)
# A country named right after these is a destination or a target ("لإرسال جنود إلى لبنان", "قرار
# الحكومة بغزو العراق"), not where the bare body belongs: it is no evidence for it.
_TARGET_BEFORE = _norm_set(
    ("إلى", "الى", "ضد", "غزو", "نحو", "لغزو", "احتلال", "مهاجمة", "قصف", "من"),
    ("", "و", "ب"),
)
# Before a bare body these make it an office or a contest, not the body ("كرسي الرئاسة").
_OFFICE_NOUNS = _norm_set(("كرسي", "منصب", "سدة", "انتخابات", "الانتخابات", "مرشح", "سباق", "رئاسة"))
_PEOPLE_ENDINGS = ("يين", "يون", "يان", "يتين", "يتان")
# The singular and feminine forms of a nisba; a nisba mention ending otherwise is a broken plural
# (الأتراك، الألمان، المغاربة): a people, like the sound plurals.
_ADJECTIVE_ENDINGS = ("ي", "يه", "يا", "يات")
# "بحث وزير الخارجية مع نظيره الروسي": the country named there is the other party's.
_COUNTERPART = _norm_set(("نظيره", "نظيرته", "نظيريه", "نظرائه", "نظيرها", "نظرائهم"))
# Forces are often abroad ("القوات في العراق" are American, "الجيش في سوريا" may be Russian): for
# them "في <country>" says where they are, not whose they are (round 19, ``_country_after_fi``).
_FORCES = frozenset(_key(p) for p in ("الجيش", "القوات المسلحة", "المخابرات", "الشرطة"))
_FI = normalize_text("في")


def _country_after_fi(norm: str, end: int, offsets: list[int], located: Mapping[int, str]) -> str | None:
    """The country named by name or capital right after "<body> في" ("وزارة الداخلية في كابول",
    "المجلس التشريعي في هونج كونج"): where a civil body sits is whose it is (round 19)."""
    if norm[end : end + 1] != " " or not norm.startswith(_FI + " ", end + 1):
        return None
    pos = end + 2 + len(_FI)
    return located.get(offsets[pos]) if pos < len(offsets) else None


def _bare_body_entry(
    registry: Registry, phrase: str, gender: str, a3: str, on_date: date | None
) -> _Entry | None:
    """The registry's reading of "<phrase> <nisba of a3>" (e.g. وزارة الخارجية السورية) on the date."""
    cached = registry._bare_cache.get((phrase, a3))
    if cached is None:
        template = f"{phrase} {{nisba_f}}" if gender == "f" else f"{phrase} {{nisba}}"
        found: list[_Entry] = []
        for written in _expand(template, registry.nisba_stems.get(a3, [])):
            index = registry.key_index.get(_key(written))
            if index is None:
                continue
            found += [
                e
                for e in registry.entries[index]
                if e.actor_id and e.match in ("alias", "title") and not e.conditional and not e.lam
            ]
        cached = registry._bare_cache[(phrase, a3)] = tuple(found)
    valid = [e for e in cached if e.valid_on(on_date)]
    if on_date is None:
        valid.sort(key=lambda e: e.valid_until is not None)  # the current reading, as for aliases
    return valid[0] if valid else None


def _context_bodies(
    norm: str,
    text: str,
    offsets: list[int],
    registry: Registry,
    on_date: date | None,
    taken: bytearray,
    persons: Mapping[int, str],
    mentions: Iterable[Mention],
    sports: dict[int, tuple[bool, bool]],
) -> list[tuple[int, int, str, str | None]]:
    """State bodies and titles written without a country (الحكومة, وزارة الخارجية, وزير الدفاع +
    name), given to the one country the context names: the country of a registry person right
    after a title; else the only country (or government's country) named in the sentence; else,
    when the sentence names none, the only one named in the sentence before. Two countries in the
    deciding sentence, or a counterpart (نظيره الروسي) in it, leave the body unresolved.

    Returns (start, end, actor_id, role) in normalised offsets for ``find_mentions``.
    """
    bounds = [0]
    for found in _SENTENCE_END.finditer(text):
        if any(ch.isalnum() for ch in text[bounds[-1] : found.end()]):
            bounds.append(found.end())
        else:
            bounds[-1] = found.end()  # ".\n": one end, not an empty sentence between

    def sentence_of(orig: int) -> int:
        return bisect_right(bounds, orig) - 1  # the last boundary <= orig (bounds[0] is 0)

    by_sentence: dict[int, set[str]] = {}
    bodies: dict[int, set[str]] = {}  # countries whose state body or title is named in the sentence
    # An embassy stands in another country ("خارج السفارة الصينية"): neither it nor its adjective
    # says where a bare body belongs.
    # A destination or an origin ("إلى لبنان", "الموت لبريطانيا", "من الصين", "إلى سمو أمير دولة
    # الكويت") is no evidence either, nor is a country named inside such a mention.
    excluded = []
    for m in mentions:
        glued = (
            m.match in ("alias", "metonym")
            and m.actor_id.startswith("country:")
            and ((m.start > 0 and text[m.start - 1] == "ل") or m.surface.startswith("لل"))
        )
        word = _line_word_before(text, m.start)
        before = normalize_text(word)
        if before in _HONORIFICS:
            before = normalize_text(_line_word_before(text, text.rfind(word, 0, m.start)))
        if glued or before in _TARGET_BEFORE or "سفاره" in normalize_text(m.surface):
            excluded.append((m.start, m.end))
    # Is a mention inside an excluded one: among those starting at or before it, does the furthest
    # reaching end at or after it? (a lookup, not a scan of every excluded mention per mention)
    excluded.sort()
    excluded_starts = [a for a, _ in excluded]
    reach = list(accumulate((b for _, b in excluded), max))
    # Countries named by name or capital, by where they start (for "<body> في <country>").
    located = {
        m.start: registry.actors[m.actor_id].country or ""
        for m in mentions
        if m.match in ("alias", "metonym")
        and m.actor_id.startswith("country:")
        and m.actor_id in registry.actors
    }
    for m in mentions:
        actor = registry.actors.get(m.actor_id)
        if actor is None or actor.country is None or actor.type not in ("country", "government"):
            continue
        k = bisect_right(excluded_starts, m.start)
        if k and reach[k - 1] >= m.end:
            continue
        surface = normalize_text(m.surface)
        if m.match == "nisba" and (
            surface.endswith(_PEOPLE_ENDINGS) or not surface.endswith(_ADJECTIVE_ENDINGS)
        ):
            continue  # a people ("بالأميركيين", "الفلسطينيين", "الأتراك") is often the other party
        by_sentence.setdefault(sentence_of(m.start), set()).add(actor.country)
        if actor.type == "government":
            bodies.setdefault(sentence_of(m.start), set()).add(actor.country)
    counterpart = {
        sentence_of(offsets[w.start()]) for w in re.finditer(r"\S+", norm) if w.group() in _COUNTERPART
    }
    out = []
    n = len(norm)
    hits = []
    for last, key in registry.bare_automaton.iter(norm):
        hits.append((last - len(key) + 1, last + 1, key))
    # Longest first: رئيس مجلس الوزراء before مجلس الوزراء.
    for start, end, key in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        phrase, gender, lam = registry.bare_bodies[key]
        prefix = _word_prefix(norm, start, end)
        if prefix is None or prefix not in (_LAM_PROCLITICS if lam else _PROCLITICS):
            continue
        m_start = start - 1 if lam else start  # the ل of لل stays with the surface (surface rule)
        if any(taken[m_start:end]):
            continue  # part of a longer mention (الجيش السوري, رئيس الوزراء العراقي) or blocked
        space = norm.find(" ", end + 1)
        nxt = norm[end + 1 : space if space >= 0 else n] if end < n and norm[end] == " " else ""
        if nxt.startswith(("ال", "لل")) and nxt not in _BARE_BODY_ADJ_OK and nxt not in _RELATIVES:
            continue  # another body: الحكومة الانتقالية, الجيش الحر, الشرطة الدولية
        if _sports_at(norm, start, sports, True):
            continue  # الجيش / الشرطة are also clubs
        office = _line_word_before(norm, m_start)
        if office in _OFFICE_NOUNS or _strip_proclitic(office) in _OFFICE_NOUNS:
            continue  # "كرسي الرئاسة", "انتخابات الرئاسة": the office, not a state body acting
        country = None
        after = end
        while after < n and norm[after] in " ,:-،":
            after += 1
        i = after
        while i < n and norm[i].isalpha():
            i += 1
        if norm[after:i] in _HONORIFICS:  # وزير الخارجية الأمير فيصل بن فرحان
            after = i + 1 if i < n and norm[i] == " " else i
        person = persons.get(after)
        if person is not None:
            country = registry.actors[person].country
        if country is None and _key(phrase) not in _FORCES:
            country = _country_after_fi(norm, end, offsets, located) or None
        if country is None:
            s = sentence_of(offsets[start])
            if s in counterpart:
                continue
            # The sentence's own country must not compete with another named just before
            # ("... بلغاريا مستعدة لإرسال جنود. وقال إن الحكومة ... في لبنان"); a sentence naming
            # none takes the one country of the sentence before.
            before = by_sentence.get(s - 1, set()) if s else set()
            named = by_sentence.get(s, set()) | before
            if len(named) != 1:
                continue
            country = next(iter(named))
            if not by_sentence.get(s) and (s - 1 in counterpart or country not in bodies.get(s - 1, ())):
                continue  # from the sentence before only when it names that state's own body
        entry = _bare_body_entry(registry, phrase, gender, country, on_date)
        if entry is None or entry.actor_id is None:
            continue
        taken[m_start:end] = b"\x01" * (end - m_start)
        out.append((m_start, end, entry.actor_id, entry.role))
    return out
