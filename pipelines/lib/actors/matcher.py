"""Finding actor mentions in a text.

One Aho-Corasick pass over the normalised text (``_candidates``: word boundaries, proclitics,
dated and strict spellings), then the longest non-overlapping unconditional aliases, then the
conditional ones in their context, surname coreference, the country inside government/title
aliases, the person holding a bare title on the article's date, dual heads and bare bodies
resolved by context, and outlets in credit position (``credits``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from pipelines.lib.actors.context import _context_bodies
from pipelines.lib.actors.credits import mark_credits
from pipelines.lib.actors.duals import _dual_conjuncts, _Outside
from pipelines.lib.actors.forms import (
    _LAM_PROCLITICS,
    _PROCLITICS,
    _skeleton,
    _strip_proclitic,
    _word_prefix,
)
from pipelines.lib.actors.guards import _in_state_body, _not_the_state
from pipelines.lib.actors.model import Mention, Registry, _Entry, _Hit, _Seen
from pipelines.lib.actors.people import _CATAPHORA, _after_title, _surname_coreference, _surname_cue
from pipelines.lib.actors.places import not_a_city, place_holds
from pipelines.lib.actors.words import (
    _OPEN_QUOTES,
    _RELATIVES,
    _TOLD_VERBS,
    _after_definite_noun,
    _norm_set,
    _word_before,
    _words_before,
)
from pipelines.lib.arabic import normalize, normalize_text

# A bare nisba (تركي، سعودي) next to these words is a personal name: "فيصل بن تركي", "تركي بن سعود".
_NAME_BEFORE = _norm_set(("بن", "ابن", "بنت", "الأمير", "الأميرة", "الشيخ", "الدكتور"))
_NAME_AFTER = _norm_set(("بن", "ابن", "بنت", "آل"))
# A title after these is somebody else's ("نائب الرئيس الأميركي", "مستشار وزير الدفاع"): no holder.
_NOT_HOLDER_BEFORE = _norm_set(
    (
        "نائب", "مساعد", "مساعدة", "مستشار", "مستشارة", "ناطق", "باسم", "سفير", "مبعوث", "زوجة", "عقيلة",
        "نجل", "ابن", "ابنة", "شقيق", "شقيقة", "مكتب", "لنائب", "ونائب", "مرافقي", "مستشاري", "حرس",
    )
)  # fmt: skip
# Before a conditional alias these make it the common noun it also is ("هذه القاعدة" "this rule").
_DEMONSTRATIVES = _norm_set(
    ("هذه", "هذا", "تلك", "ذلك", "هاتين", "هذين", "هؤلاء", "بهذه", "بهذا", "لهذه", "لهذا")
)
# Written before a word, these are proclitics, not part of the previous word (for after_any).
_AFTER_STRIP = ("و", "ف")
# The letters of a word from a position on (match with pos: no copy of the text after it).
_LETTERS = re.compile(r"[^\W\d_]*")
_NOTHING_SEEN = _Seen([])
# What ``_prepare`` would still change in a text it already gave: whitespace other than one space or a
# newline, and a lone و before a word (it glues them).
_UNFOLDED = re.compile(r"[^\S\n]{2,}|[^\S\n ]|(?<!\S)و[^\S\n]+[\u0621-\u064a]")


def _prepare(text: str) -> tuple[str, list[int]]:
    """Normalised text with runs of spaces/tabs folded to one space, plus the offset map.

    A conjunction و written apart from its word ("صندوق الإيداع و التدبير", common in Maghreb
    text) is glued to it, as it is usually written, so names with و inside them match.
    """
    norm = normalize(text)
    chars: list[str] = []
    offsets: list[int] = []
    prev_space = False
    src = norm.text
    for i, (ch, off) in enumerate(zip(src, norm.offsets, strict=False)):
        if ch != "\n" and ch.isspace():
            if prev_space:
                continue
            if _lone_waw_before(chars, src, i):
                continue
            ch = " "
            prev_space = True
        else:
            prev_space = False
        chars.append(ch)
        offsets.append(off)
    offsets.append(len(text))
    return "".join(chars), offsets


def _prepared_already(norm: str) -> bool:
    """Does ``_prepare(norm)`` give ``norm`` back, with every offset where it was? (Normalising it changes
    nothing, and there is nothing left to fold.)"""
    return normalize_text(norm) == norm and _UNFOLDED.search(norm) is None


def _lone_waw_before(chars: list[str], src: str, i: int) -> bool:
    """Is ``src[i]`` a space after a standalone و (start, space or newline before it) and before an
    Arabic letter (after any further spaces)?"""
    if not chars or chars[-1] != "و" or (len(chars) > 1 and not chars[-2].isspace()):
        return False
    j = i
    while j < len(src) and src[j] != "\n" and src[j].isspace():
        j += 1
    return j < len(src) and "\u0621" <= src[j] <= "\u064a"


_Candidate = tuple[int, int, int, tuple[_Entry, ...]]


def _candidates(
    norm: str,
    text: str,
    offsets: list[int],
    reg: Registry,
    on_date: date | None,
    in_norm: list[_Candidate] | None = None,
) -> list[_Candidate]:
    """Every automaton hit that sits on word boundaries, with the entries still possible there.

    ``in_norm``, when given, receives the candidates ``norm`` itself read as a text would give (with
    ``_prepare(norm)`` giving it back unchanged): the same but where a spelling check
    (``_spelling_holds``) decides otherwise on ``norm`` than on ``text`` (a strict CNN is not cnn), for
    the dual heads' windows (``duals``), which read ``norm``."""
    out: list[_Candidate] = []
    for last, index in reg.automaton.iter(norm):
        key = reg.keys[index]
        start, end = last - len(key) + 1, last + 1
        prefix = _word_prefix(norm, start, end)
        if prefix is None:
            continue  # inside a longer word (قطر is not in قطرات)
        word_start = start - len(prefix)
        ok = []
        ok_in_norm = []  # differs from ok only after a spelling check read otherwise in norm
        for e in reg.entries[index]:
            if e.latin and prefix:
                continue
            if e.lam and prefix not in _LAM_PROCLITICS:
                continue
            if not e.lam and prefix not in _PROCLITICS:
                continue
            if not e.valid_on(on_date):
                continue
            holds = holds_in_norm = True
            if e.strict is not None or (e.actor_id in reg.not_surfaces):
                o_start, o_end = offsets[start], offsets[end - 1] + 1
                holds = _spelling_holds(e, text[o_start:o_end], text[offsets[word_start] : o_end], reg)
                if in_norm is not None:
                    holds_in_norm = _spelling_holds(e, norm[start:end], norm[word_start:end], reg)
            if e.match == "nisba" and not key.startswith("ال") and _is_name(norm, word_start, end):
                continue
            if holds:
                ok.append(e)
            if holds_in_norm:
                ok_in_norm.append(e)
        if ok:
            out.append((start, end, index, _in_order(ok, on_date)))
        if in_norm is not None and ok_in_norm:
            same = ok_in_norm == ok
            in_norm.append(out[-1] if same else (start, end, index, _in_order(ok_in_norm, on_date)))
    return out


def _in_order(entries: list[_Entry], on_date: date | None) -> tuple[_Entry, ...]:
    if on_date is None:
        # Without a date prefer the open-ended (current) reading of a dated alias.
        entries = sorted(entries, key=lambda e: (e.strict is None, e.valid_until is not None))
    return tuple(entries)


def _spelling_holds(e: _Entry, original: str, word: str, reg: Registry) -> bool:
    """The checks on the written text: the exact spelling of a strict entry (``original``: the hit as
    written) and the actor's ``not_surfaces`` (``word``: with its proclitics)."""
    if e.strict is not None and (original if e.latin else _skeleton(original)) != e.strict:
        return False
    return not (e.actor_id in reg.not_surfaces and _skeleton(word) in reg.not_surfaces[e.actor_id])


def _is_name(norm: str, word_start: int, end: int) -> bool:
    """Is the bare word at ``norm[word_start:end]`` part of a personal name (بن/الأمير around it)?"""
    # Index arithmetic, no copy of the text before/after: this runs for every bare-word candidate.
    stop = word_start
    while stop > 0 and norm[stop - 1].isspace():
        stop -= 1
    before = norm[norm.rfind(" ", 0, stop) + 1 : stop]
    begin = end
    while begin < len(norm) and norm[begin].isspace():
        begin += 1
    space = norm.find(" ", begin)
    after = norm[begin : space if space >= 0 else len(norm)]
    return before in _NAME_BEFORE or after in _NAME_AFTER


def _select(hits: Iterable[_Hit], taken: bytearray) -> list[_Hit]:
    """Longest first, then leftmost; skip hits overlapping anything already taken."""
    chosen = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if any(taken[hit.start : hit.end]):
            continue
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        chosen.append(hit)
    return chosen


def _token_before(norm: str, start: int, raw: bool = False) -> str:
    """The normalised word or punctuation mark before the word holding ``norm[start]``.

    The word's own proclitics (و/ف/ل before the alias) are skipped; a و/ف glued to the previous
    word is dropped (وذكرت → ذكرت); ``^`` is the start of the text or of a line.
    """
    word_start = start
    while word_start > 0 and start - word_start < 3 and norm[word_start - 1].isalpha():
        word_start -= 1
    pos = word_start
    while pos > 0 and norm[pos - 1] == " ":
        pos -= 1
    if pos == 0 or norm[pos - 1] == "\n":
        return "^"
    if not norm[pos - 1].isalpha():
        return norm[pos - 1]
    begin = pos - 1
    while begin > 0 and not norm[begin - 1].isspace():
        begin -= 1
    word = norm[begin:pos]
    while not raw and len(word) > 3 and word.startswith(_AFTER_STRIP):
        word = word[1:]
    return word


def _conditions_hold(
    e: _Entry,
    start: int,
    seen: _Seen,
    context: set[str],
    norm: str,
    end: int,
    registry: Registry,
    surname_cue: str | None = None,
) -> bool:
    if e.after_any and not _after_any_holds(e, norm, start, end, registry):
        return False
    before = _token_before(norm, start)  # one scan back, asked by four rules
    if before in _DEMONSTRATIVES:
        return False  # "شذ عن هذه القاعدة", "هذه الهيئة": a common noun, not the name
    if e.unless_after and before in e.unless_after:
        return False
    if e.not_construct and _heads_construct(norm, end):
        return False
    if (
        e.only_after_full
        and not (surname_cue is not None and e.actor_id == surname_cue)
        and not seen.named_before(e.actor_id, start)
        and not (before == "^" and seen.named_after(e.actor_id, start, _CATAPHORA))
    ):
        return False  # a short name in a headline counts when the full name follows in the lead
    if e.requires_any and not context.intersection(e.requires_any):
        return False
    if e.place and e.actor_id is not None:
        country = registry.actors[e.actor_id].country or ""
        if not place_holds(e, norm, start, before, context, country):
            return False
    return not context.intersection(e.unless_any)


def _after_any_holds(e: _Entry, norm: str, start: int, end: int, registry: Registry) -> bool:
    """Is the token before the alias one of ``e.after_any``? A quotation mark between is looked
    through (صحيفة "الشرق الأوسط"), a glued preposition dropped (لصحيفة الحياة); the "لX" form
    of an outlet also counts after a reporting verb ("قال رضوان للجزيرة": told Al Jazeera).
    An outlet's masthead standing alone between brackets or quotation marks counts too (round
    17): "التقت ( العربي ) الإمام", "ينتظرون «العربي» كل شهر" — the magazine naming itself or
    named by its title; the adjective or common noun is not written so. Not for a masthead
    several outlets share (النهار: Lebanese, Kuwaiti and Algerian papers), nor after a place or
    work noun (ملعب "الاتحاد", برنامج «الحياة»)."""
    if (
        (e.actor_id or "").startswith("media:")
        and _enclosed(norm, start, end)
        and norm[start:end] not in _shared_mastheads(registry)
    ):
        return True
    token = _token_before(norm, start)
    if token in _OPEN_QUOTES:
        quote = norm.rfind(token, 0, start)
        token = _token_before(norm, quote) if quote > 0 else token
    if token in e.after_any or _strip_proclitic(token) in e.after_any:
        return True
    if start > 0 and norm[start - 1] == "و" and f"{token} و" in e.after_any:
        return True  # "طالبان والقاعدة": an after_any "X و" needs the alias joined to X by و
    if token.isalpha() and _token_before(norm, start, raw=True) in e.after_any:
        return True  # a word that starts with و/ف itself (فضائية)
    if not e.lam or not (e.actor_id or "").startswith("media:"):
        return False  # only an outlet is "told" (عادت للقاعدة is not al-Qaeda)
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalpha():
        word_start -= 1
    words = _words_before(norm, word_start, 5)
    return bool(words) and not words[0].startswith("ال") and any(w in _TOLD_VERBS for w in words)


_CLOSERS = {"(": ")", "«": "»", "“": "”", '"': '"'}
# A quoted name after these is a place or a work named after the outlet's word, not the outlet.
_NOT_OUTLET_HEADS = _norm_set(
    (
        "ملعب", "استاد", "نادي", "فريق", "منتخب", "مسجد", "جامع", "فندق", "شارع", "حي", "برج", "سوق",
        "جامعة", "مدرسة", "كلية", "مستشفى", "مطار", "ميدان", "حديقة", "مهرجان", "فيلم", "مسلسل",
        "برنامج", "كتاب", "رواية", "قصيدة", "أغنية", "مسرحية", "مجمع", "مركز", "شركة", "مصرف", "بنك",
    ),
    ("", "و", "ف", "ب", "ل"),
)  # fmt: skip


def _enclosed(norm: str, start: int, end: int) -> bool:
    """Does the word at ``norm[start:end]`` (no proclitic) stand alone between an opening bracket
    or quotation mark and its closing one ("( العربي )", «العربي», لـ«الشرق الأوسط»)? The opening
    mark must open (a space, the line start or a lone proclitic before it) and the closing one
    close (no letter or digit right after it): in `"تي إف1" الفرنسية "لدينا` the marks around
    الفرنسية close one quotation and open the next."""
    if start > 0 and norm[start - 1].isalpha():
        return False  # a proclitic glued to the name
    before = start
    while before > 0 and norm[before - 1] == " ":
        before -= 1
    if before == 0 or norm[before - 1] not in _CLOSERS:
        return False
    opener = before - 1
    lead = opener
    if lead > 0 and norm[lead - 1] in "لبوف" and (lead == 1 or not norm[lead - 2].isalnum()):
        lead -= 1  # لـ«الشرق الأوسط» (the tatweel is normalised away)
    if lead > 0 and norm[lead - 1].isalnum():
        return False
    if _token_before(norm, lead) in _NOT_OUTLET_HEADS:
        return False
    after = end
    while after < len(norm) and norm[after] == " ":
        after += 1
    if after >= len(norm) or norm[after] != _CLOSERS[norm[opener]]:
        return False
    return after + 1 >= len(norm) or not norm[after + 1].isalnum()


def _shared_mastheads(registry: Registry) -> frozenset[str]:
    """Bare mastheads (a media alias with ``after_any``) that several outlets share: two outlets
    with the bare alias, or another outlet named "<masthead> <nisba>" (الجزيرة السعودية beside the
    channel, النهار الجزائرية beside the Lebanese paper). Computed once per registry."""
    return registry.derived(_find_shared_mastheads)


def _find_shared_mastheads(registry: Registry) -> frozenset[str]:
    owners: dict[str, set[str]] = {}
    for key, index in registry.key_index.items():
        for e in registry.entries[index]:
            if (e.actor_id or "").startswith("media:") and e.after_any and not e.lam:
                owners.setdefault(key, set()).add(e.actor_id or "")
    shared = {k for k, ids in owners.items() if len(ids) > 1}
    for key, index in registry.key_index.items():
        masthead, _, last = key.rpartition(" ")
        if masthead not in owners:
            continue
        last_index = registry.key_index.get(last)
        if last_index is None or not any(t.match == "nisba" for t in registry.entries[last_index]):
            continue
        if any(
            (e.actor_id or "").startswith("media:") and e.actor_id not in owners[masthead]
            for e in registry.entries[index]
        ):
            shared.add(masthead)
    return frozenset(shared)


def _heads_construct(norm: str, end: int) -> bool:
    """Is the word ending at ``norm[end]`` followed by a definite noun it governs ("فتح المعابر",
    "حماس الجماهير")? An adjective (…ي/…ية: "حماس الفلسطينية") or a relative pronoun does not count."""
    if end >= len(norm) or norm[end] != " ":
        return False  # punctuation, a clitic or the end: not a construct
    # The next word up to the first non-letter: "المعابر." ends a sentence and still governs.
    nxt = _LETTERS.match(norm, end + 1).group()
    if not nxt.startswith("ال") or nxt in _RELATIVES:
        return False
    return not nxt.endswith(("ي", "يه", "يين", "يون"))


def find_mentions(text: str, registry: Registry, on_date: date | None = None) -> list[Mention]:
    """All actor mentions in ``text`` (offsets into the original), sorted by start.

    ``on_date`` (the article's date) selects dated aliases and resolves bare titles to the
    person holding the role that day.
    """
    return _find_mentions(text, registry, on_date, duals=True)


def find_mentions_prepared(
    text: str, registry: Registry, on_date: date | None = None
) -> tuple[list[Mention], str, list[int]]:
    """:func:`find_mentions`, plus the normalised text and its offset map (``_prepare(text)``) the
    matcher read, so that a later reader of the same text (:func:`names.find_person_names`) need not
    normalise it again (that was nearly half of its cost)."""
    norm, offsets = _prepare(text)
    return _find_mentions(text, registry, on_date, duals=True, prepared=(norm, offsets)), norm, offsets


def find_title_mentions(
    title: str, registry: Registry, on_date: date | None = None, text_mentions: Iterable[Mention] = ()
) -> list[Mention]:
    """Mentions in an article's headline (offsets into ``title``), read with its text's people.

    A headline names people by surname alone ("نصر الله يهاجم ...", "بري يدعو إلى الحوار") and the
    text gives the full name; matched alone, the headline's surname has no earlier full name and is
    dropped. So the headline is also matched after the full names of the people the text names
    (``text_mentions``: the text's own mentions, so the text is not matched twice), and the people
    found in it that way (by alias or coreference: a surname those full names license) are added.
    """
    own = find_mentions(title, registry, on_date)
    actors = registry.actors
    names = dict.fromkeys(
        m.surface
        for m in text_mentions
        if m.match == "alias" and m.actor_id in actors and actors[m.actor_id].type == "person"
    )
    if not title or not names:
        return own
    context = "\n".join(names)
    shift = len(context) + 1
    extra = [
        replace(m, start=m.start - shift, end=m.end - shift)
        for m in find_mentions(f"{context}\n{title}", registry, on_date)
        if m.start >= shift
        and m.match in ("alias", "coreference")
        and registry.actors[m.actor_id].type == "person"
    ]
    extra = [m for m in extra if not any(o.start < m.end and m.start < o.end for o in own)]
    return sorted([*own, *extra], key=lambda m: (m.start, m.end, m.actor_id, m.match))


def _find_mentions(
    text: str,
    registry: Registry,
    on_date: date | None,
    duals: bool,
    outside: _Outside | None = None,
    passes: list[list[_Hit]] | None = None,
    prepared: tuple[str, list[int]] | None = None,
    candidates: list[_Candidate] | None = None,
) -> list[Mention]:
    """:func:`find_mentions`; ``duals=False`` skips the dual-head readings (the call that reads one
    conjunct must not expand the text's other dual heads again: that recursion grew exponentially
    with the number of heads).

    ``outside``: ``text`` is a window of a longer text (one dual conjunct read in place); only the
    hits in its core (``outside.lo``..``outside.hi``, offsets into ``text``) are context, with the
    rest of the longer text given as ``outside``. ``passes``, when given, receives the pass-1 and
    pass-2 hits (offsets into ``text``) that :mod:`duals` builds ``outside`` from, and nothing more is
    computed (no mentions are returned). ``prepared``: ``_prepare(text)``, when the caller already has
    it; ``candidates``: ``_candidates`` of it, likewise.
    """
    if not text:
        return []
    norm, offsets = prepared if prepared is not None else _prepare(text)
    taken = bytearray(len(norm))
    firm: list[_Hit] = []
    deferred: list[tuple[int, int, tuple[_Entry, ...]]] = []
    in_norm: list[_Candidate] | None = [] if duals else None  # the candidates of ``norm`` itself
    sports: dict[int, tuple[bool, bool]] = {}  # sentence start -> about sport (strict, loose)
    if candidates is None:
        candidates = _candidates(norm, text, offsets, registry, on_date, in_norm)
    for start, end, _index, entries in candidates:
        lam_shift = 1 if entries[0].lam else 0  # the preposition ل of لل belongs to the surface
        if len(entries) == 1 and entries[0].local_only:
            # Conditions on the neighbouring words only: decide now, so that a bare "حماس" is
            # context for other aliases (فتح requires Hamas or Palestine) like any firm alias.
            if _conditions_hold(entries[0], start, _NOTHING_SEEN, set(), norm, end, registry):
                firm.append(_Hit(start - lam_shift, end, start, entries[0]))
        elif any(e.conditional for e in entries):
            deferred.append((start, end, entries))  # resolved once the firm context is known
        else:
            entry = entries[0]
            if entry.match != "nisba" and _after_feminine_definite(norm, start - lam_shift):
                # A name that is also the feminine adjective (السعودية): after a definite feminine
                # noun it agrees with it ("العائلة المالكة السعودية"); "زار الوزير السعودية" cannot.
                same = entry.actor_id
                entry = next((e for e in entries if e.match == "nisba" and e.actor_id == same), entry)
            firm.append(_Hit(start - lam_shift, end, start, entry))
    # Pass 1: unconditional aliases.
    base = _select(firm, taken)
    if outside is None:
        known = base  # the hits context and earlier-name conditions read
        context = _context_of(base, registry)
    else:
        # A window: its edges are cut mid-text, so only its core counts, the rest comes from outside.
        known = [h for h in base if outside.lo <= offsets[h.start] < outside.hi]
        context = _context_of(known, registry) | outside.context
    # Pass 2: context-dependent aliases (الهيئة after HTS, الأسد with Syria, عمان Oman/Amman).
    second: list[_Hit] = []
    displaced: list[tuple[_Hit, list[_Hit]]] = []  # (conditional alias, the firm aliases inside it)
    # What a candidate reads: the pass-1 hits, and the pass-2 hits ending before it (a window's
    # only from its core on, plus those before the window).
    seen = _Seen(known, outside)
    # The pass-1 hits by position (they do not overlap: starts and ends both ascend).
    by_start = sorted(base, key=lambda h: h.start)
    starts = [h.start for h in by_start]
    ends = [h.end for h in by_start]
    # In text order, so that a surname resolved here (وقال نصر الله, with Lebanon named) is the
    # earlier mention a later lone surname of the same person needs ("كما هاجم نصر الله").
    for start, end, entries in sorted(deferred, key=lambda d: d[0]):
        # Exact spellings first, then satisfied conditional readings, then the plain reading.
        ordered = sorted(entries, key=lambda e: (e.strict is None, not e.conditional))
        if _after_definite_noun(norm, start) and any(e.match == "nisba" for e in ordered):
            # "الجيش السوداني", "الشعب السوداني": an adjective agreeing with a noun, not a surname.
            ordered = [e for e in ordered if e.match == "nisba"]
        cue = _surname_cue(norm, start, entries, seen, registry, context, on_date, end, sports)
        # The pass-1 hits overlapping the candidate, and those of them inside it.
        overlapping = by_start[bisect_right(ends, start) : bisect_left(starts, end)]
        inner = [
            h for h in overlapping if start <= h.start and h.end <= end and (h.start, h.end) != (start, end)
        ]
        if inner and len(inner) == len(overlapping):
            # It holds firm aliases (إعلان دمشق around دمشق): judged on the context without them,
            # so that the name inside does not license the longer name around it.
            outer = [h for h in (outside.base_before if outside else []) + known if h not in inner]
            outer_context = _context_of(outer, registry) | (outside.context if outside else set())
            outer_seen = _Seen(outer)  # indexed once, not once per entry tried
            entry = next(
                (
                    e
                    for e in ordered
                    # a city's name never displaces the names inside it (the firm reading stays)
                    if not e.place
                    and _conditions_hold(e, start, outer_seen, outer_context, norm, end, registry)
                ),
                None,
            )
            if entry is not None:
                displaced.append((_Hit(start - (1 if entry.lam else 0), end, start, entry), inner))
            continue
        entry = next(
            (e for e in ordered if _conditions_hold(e, start, seen, context, norm, end, registry, cue)), None
        )
        if entry is not None:
            hit = _Hit(start - (1 if entry.lam else 0), end, start, entry)
            second.append(hit)
            if outside is None or outside.lo <= offsets[hit.start]:
                seen.add(hit)
    if passes is not None:
        # Before the displacing aliases below take their inner hits out; in offsets into ``text``.
        def moved(h: _Hit) -> _Hit:
            return replace(
                h, start=offsets[h.start], end=offsets[h.end - 1] + 1, key_start=offsets[h.key_start]
            )

        passes += [[moved(h) for h in base], [moved(h) for h in second]]
        return []  # asked for its hits only (``norm_passes``): the mentions would go unread
    # This reading's hits before the displacing aliases below take some out of ``base`` (``norm_passes``).
    own_passes = [list(base), list(second)] if duals else []

    def norm_passes() -> list[list[_Hit]]:
        """The pass-1 and pass-2 hits of ``norm`` read as a text (offsets into it), which the dual heads'
        windows (``duals``) are read in: this reading's own when ``norm`` reads as ``text`` did
        (``_prepare`` gives it back with the same offsets and every spelling check decides alike on it);
        else the two passes run again on ``norm``'s own candidates (``in_norm``), or, when ``_prepare``
        would change ``norm``, on a whole reading of it."""
        hits: list[list[_Hit]] = []
        if not _prepared_already(norm):
            _find_mentions(norm, registry, on_date, duals=False, passes=hits)  # read it all again
        elif in_norm == candidates:
            hits = own_passes
        else:
            # A strict spelling or a not_surfaces form reads otherwise in ``norm`` (CNN, cnn): its passes
            # again, from its own candidates (no second normalisation or automaton run).
            again = (norm, list(range(len(norm) + 1)))
            _find_mentions(
                norm, registry, on_date, duals=False, passes=hits, prepared=again, candidates=in_norm
            )
        return hits

    # A satisfied conditional alias wins over the shorter firm aliases inside it, longest first.
    won: list[_Hit] = []
    for hit, inner in sorted(displaced, key=lambda d: (d[0].start - d[0].end, d[0].start)):
        if any(w.start < hit.end and hit.start < w.end for w in won):
            continue  # overlaps a longer displacing alias
        for h in inner:
            base.remove(h)
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        won.append(hit)
    chosen = base + won + _select(second, taken)
    chosen += _surname_coreference(norm, registry, chosen, taken)

    def make(start: int, end: int, actor_id: str, match: str, role: str | None = None) -> Mention:
        o_start, o_end = offsets[start], offsets[end - 1] + 1
        # Keep trailing harakat/shadda with the word so the surface is the whole written word.
        while o_end < len(text) and unicodedata.category(text[o_end]) == "Mn":
            o_end += 1
        return Mention(actor_id, text[o_start:o_end], o_start, o_end, match, role)

    # The people among the chosen hits, by start: a title before one names that person (no holder
    # added), and a bare body before one takes the person's country.
    persons = {
        h.start: h.entry.actor_id
        for h in chosen
        if h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person"
    }
    mentions: set[Mention] = set()
    for hit in chosen:
        e = hit.entry
        if e.actor_id is None:
            continue  # blocklist phrase
        if registry.actors[e.actor_id].type == "country" and _not_the_state(norm, hit, sports):
            continue
        if e.place and not_a_city(norm, hit, sports):
            continue
        role = e.role
        if (
            on_date is not None
            and e.match in ("alias", "coreference")
            and e.actor_id in registry.person_roles
        ):
            role = next((r.role for r in registry.person_roles[e.actor_id] if r.holds(on_date)), None)
        actor_id = e.actor_id
        if e.match == "nisba" and registry.actors[actor_id].type == "country" and _in_state_body(norm, hit):
            gov = "gov:" + actor_id.split(":", 1)[1]
            actor_id = gov if gov in registry.actors else actor_id
        mentions.add(make(hit.start, hit.end, actor_id, e.match, role))
        for n_start, n_end, country_id, match in e.nested:
            mentions.add(make(hit.key_start + n_start, hit.key_start + n_end, country_id, match))
        if e.match == "title" and e.role and _word_before(norm, hit.start) not in _NOT_HOLDER_BEFORE:
            after = _after_title(norm, hit.end, persons, taken)
            if isinstance(after, tuple):  # a name the registry does not know: record it for review
                n_start, n_end = after
                slug = "-".join(norm[n_start:n_end].split())
                mentions.add(make(n_start, n_end, f"discovered:{slug}", "discovered", e.role))
            elif after is None and on_date is not None:
                holder = registry.holder(e.role, on_date)
                if holder:
                    mentions.add(make(hit.start, hit.end, holder, "role", e.role))
    for d_start, d_end, actor_id in (
        _dual_conjuncts(norm, registry, on_date, mentions, offsets, _find_mentions, _context_of, norm_passes)
        if duals
        else ()
    ):
        mentions.add(make(d_start, d_end, actor_id, "alias"))
    # Not in the dual-head readings either: they keep only party/organisation aliases.
    if duals and registry.bare_automaton is not None:
        for b_start, b_end, actor_id, role in _context_bodies(
            norm, text, offsets, registry, on_date, taken, persons, mentions, sports
        ):
            mentions.add(make(b_start, b_end, actor_id, "context_country", role))
    if duals:
        # Not in the dual-head readings (``duals=False``): they keep only party/organisation aliases,
        # never a media credit, and the pass reading keeps nothing but its hits.
        mentions = mark_credits(text, mentions, registry)
    return sorted(mentions, key=lambda m: (m.start, m.end, m.actor_id, m.match))


def _context_of(hits: list[_Hit], registry: Registry) -> set[str]:
    """The actors the hits name, their nested countries, and the country of an outlet or body
    ("التلفزيون السوري" puts Syria in context for الأسد)."""
    context = {h.entry.actor_id for h in hits if h.entry.actor_id}
    context |= {nested[2] for h in hits for nested in h.entry.nested}
    context |= {
        f"country:{a.country}"
        for a in (registry.actors[i] for i in list(context) if i in registry.actors)
        if a.country and a.type in ("media", "government")
    }
    return context


def _after_feminine_definite(norm: str, start: int) -> bool:
    """Is the word before ``start`` a definite feminine noun or plural (…ة/…ات), which a feminine
    adjective would agree with?"""
    if not _after_definite_noun(norm, start):
        return False
    return norm[: start - 1].endswith(("ه", "ات"))
