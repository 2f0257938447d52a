"""The actor data model: actors, dated roles, mentions, and the compiled registry.

``_Entry`` is one reading of a normalised registry key (which actor, how, under which conditions);
``_Hit`` is one entry found in a text. Both are shared by the loader and the matcher modules.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

_T = TypeVar("_T")

ACTOR_TYPES = {"country", "government", "armed_group", "person", "organization", "media", "igo", "city"}
# coreference: a lone surname (بري, عباس) read as the person whose full name came earlier in the text;
# credit: an outlet named as the source of the text or picture ("بيروت (أ ف ب) -"), see ``credits``.
MATCH_KINDS = {
    "alias", "metonym", "nisba", "title", "role", "discovered", "context_country", "coreference", "credit",
}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """One actor mention; ``text[start:end] == surface`` in the ORIGINAL text."""

    actor_id: str
    surface: str
    start: int
    end: int
    match: str
    role: str | None = None


@dataclass(frozen=True)
class Actor:
    actor_id: str
    type: str
    name_en: str | None
    name_ar: str | None
    country: str | None = None
    wikidata_id: str | None = None
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    notes: str | None = None
    former_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    role: str
    person_id: str
    start: date | None
    end: date | None  # exclusive: first day no longer in office

    def holds(self, on_date: date) -> bool:
        return (self.start is None or self.start <= on_date) and (self.end is None or on_date < self.end)


@dataclass(frozen=True)
class _Entry:
    """One reading of a normalised key: which actor, how, and under which conditions."""

    actor_id: str | None  # None = blocklist phrase (wins longest-match, emits nothing)
    match: str
    role: str | None = None  # for titles
    strict: str | None = None  # required skeleton of the original surface
    latin: bool = False
    lam: bool = False  # "لX" variant of an "الX" alias, only after ل (لل)
    only_after_full: bool = False
    requires_any: tuple[str, ...] = ()
    unless_any: tuple[str, ...] = ()
    after_any: tuple[str, ...] = ()  # normalised words / punctuation one of which must precede
    unless_after: tuple[str, ...] = ()  # ... none of which may precede
    not_construct: bool = False  # a common noun too: not when it heads a construct (فتح المعابر)
    valid_from: date | None = None
    valid_until: date | None = None  # exclusive
    nested: tuple[tuple[int, int, str, str], ...] = ()  # (start, end, country actor, match) in key
    place: int = 0  # a city's name: 1 large, 2 small, 3 also a common word or given name (``places``)

    @property
    def conditional(self) -> bool:
        return (
            self.only_after_full
            or self.not_construct
            or bool(self.place)
            or bool(self.requires_any or self.unless_any or self.after_any or self.unless_after)
        )

    @property
    def local_only(self) -> bool:
        """Conditional on the neighbouring words only (not on other actors in the text)."""
        return self.conditional and not (
            self.only_after_full or self.requires_any or self.unless_any or self.place
        )

    def valid_on(self, on_date: date | None) -> bool:
        if on_date is None:
            return True
        if self.valid_from is not None and on_date < self.valid_from:
            return False
        return self.valid_until is None or on_date < self.valid_until


@dataclass
class Registry:
    """All actors plus the compiled automaton. Build with :func:`load_registry`."""

    actors: dict[str, Actor]
    roles: dict[str, list[Role]]  # role name -> holders
    person_roles: dict[str, list[Role]]
    not_surfaces: dict[str, frozenset[str]]
    keys: list[str] = field(default_factory=list)
    entries: list[tuple[_Entry, ...]] = field(default_factory=list)
    automaton: Any = None
    key_index: dict[str, int] = field(default_factory=dict)
    nisba_stems: dict[str, list[str]] = field(default_factory=dict)  # alpha-3 -> nisba stems
    # The directory the registry was loaded from (its given_names.txt feeds the name finder).
    directory: str | None = None
    # Bare bodies (_BARE_BODIES): automaton over their keys -> (phrase, gender, lam variant).
    bare_automaton: Any = None
    bare_bodies: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    _bare_cache: dict[tuple[str, str], tuple[_Entry, ...]] = field(default_factory=dict, repr=False)
    # What ``derived`` computed from the registry, by the function that computes it.
    _derived: dict[Callable[[Registry], Any], Any] = field(default_factory=dict, repr=False)

    def derived(self, build: Callable[[Registry], _T]) -> _T:
        """``build(self)``, computed once per registry (the tables the matcher modules derive from it:
        ``people._surname_counts``, ``people._role_bodies``, ``matcher._shared_mastheads``). The
        registry must not change after it is built."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]

    def holder(self, role: str, on_date: date) -> str | None:
        """The person holding ``role`` on ``on_date`` (first listed if several)."""
        for r in self.roles.get(role, []):
            if r.holds(on_date):
                return r.person_id
        return None


@dataclass
class _Hit:
    start: int  # normalised offsets of the mention
    end: int
    key_start: int  # where the automaton key starts (differs from start for لل)
    entry: _Entry


class _Seen:
    """The hits a pass-2 (conditional) candidate reads: the pass-1 hits plus the pass-2 hits that end
    before it, indexed so that each question is a lookup, not a scan over every hit (a scan per
    candidate made long texts quadratic).

    ``fixed`` hits count wherever they are; a hit ``add``-ed (pass 2, in text order) counts for a
    candidate starting at or after its end. Questions: was an actor named before a position
    (``named_before``, for ``only_after_full``), and which hits end exactly at a position
    (``ending_at``, for a surname after a title or a person). ``before``, for a window of a longer
    text, answers the same questions for the longer text's hits before the window (fixed hits too).
    """

    def __init__(self, fixed: list[_Hit], before: _SeenBefore | None = None) -> None:
        self._before = before
        # actor (None: a blocklist phrase) -> earliest start among fixed hits / end among added hits
        self._first_start: dict[str | None, int] = {}
        self._first_end: dict[str | None, int] = {}
        self._by_end: dict[int, list[_Hit]] = {}
        self._starts: dict[str | None, list[int]] = {}  # actor -> starts of its fixed hits, ascending
        for h in fixed:
            actor = h.entry.actor_id
            if h.start < self._first_start.get(actor, h.start + 1):
                self._first_start[actor] = h.start
            self._by_end.setdefault(h.end, []).append(h)
            self._starts.setdefault(actor, []).append(h.start)
        for starts in self._starts.values():
            starts.sort()

    def add(self, h: _Hit) -> None:
        actor = h.entry.actor_id
        if h.end < self._first_end.get(actor, h.end + 1):
            self._first_end[actor] = h.end
        # By end only: asked for a position before the asking candidate, so only hits that end
        # before it can answer (what the unindexed "ends before the candidate" filter kept).
        self._by_end.setdefault(h.end, []).append(h)

    def named_before(self, actor_id: str | None, start: int) -> bool:
        """Is ``actor_id`` named by a fixed hit starting before ``start``, or an added hit ending
        at or before it?"""
        fixed = self._first_start.get(actor_id)
        added = self._first_end.get(actor_id)
        return (
            (fixed is not None and fixed < start)
            or (added is not None and added <= start)
            or (self._before is not None and self._before.named_before(actor_id, start))
        )

    def named_after(self, actor_id: str | None, start: int, limit: int) -> bool:
        """Is ``actor_id`` named by a fixed hit starting after ``start`` and at most ``limit``
        characters later (a headline's surname, the full name in the lead)?"""
        starts = self._starts.get(actor_id, [])
        i = bisect_right(starts, start)
        return i < len(starts) and starts[i] <= start + limit

    def ending_at(self, end: int) -> list[_Hit]:
        own = self._by_end.get(end, [])
        return own if self._before is None else self._before.ending_at(end) + own


class _SeenBefore(Protocol):
    """The hits of a longer text before a window, asked in the window's offsets (``duals``)."""

    def named_before(self, actor_id: str | None, start: int) -> bool: ...

    def ending_at(self, end: int) -> list[_Hit]: ...
