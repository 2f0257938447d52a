"""Dual heads: "حزبا الدعوة والفضيلة", "الحزبين الديمقراطي والجمهوري" name one body per conjunct."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import accumulate

from pipelines.lib.actors.model import Mention, Registry, _Hit, _Seen

# Dual heads (حزبا الدعوة والفضيلة, الحزبين الديمقراطي والجمهوري, حركتي فتح وحماس): each conjunct
# after one names "<singular head> <conjunct>". Dual ending → the singular written before the name.
_DUAL_HEAD = re.compile(r"(?<![^\s(\"«])[وف]?(ال)?(حزب|حركت|جماعت|منظمت|جبهت|تنظيم)(ا|ي|ين|ان)(?= )")
# Between two conjuncts: "و" glued to the next one, after an optional "( abbreviation )".
_NEXT_CONJUNCT = re.compile(r" ?(\([^()\n]{1,30}\) ?)?و(?=\S)")
_DUAL_SINGULAR = {
    "حزب": "حزب",
    "حركت": "حركه",
    "جماعت": "جماعه",
    "منظمت": "منظمه",
    "جبهت": "جبهه",
    "تنظيم": "تنظيم",
}
_DUAL_TYPES = frozenset({"organization", "armed_group", "igo"})
# A conjunct is read in a window of the text, not the whole text (that made long texts with many
# dual heads quadratic): CORE characters each side of it count as they are read in the window,
# EDGE more characters beyond are read only so that the core's hits see the words around them.
_CORE = 400
_EDGE = 200


class _Outside:
    """What the matcher reading a window needs from the rest of the text (window offsets): the core
    (``lo``..``hi``), the context the hits outside the core give, and the pass-1 and pass-2 hits
    before the core, asked through ``named_before`` / ``ending_at`` (an index over the whole text,
    not a shifted copy of every earlier hit per window: that made many heads in a long text
    quadratic) or listed (``base_before``, rarely needed)."""

    def __init__(self, passes: _Passes, lo: int, hi: int, context: set[str], c_lo: int, shift: int) -> None:
        self.lo = lo
        self.hi = hi
        self.context = context
        self._passes = passes
        self._c_lo = c_lo  # the core's start in text offsets: the hits starting before it count
        self._shift = shift  # text offset = window offset + shift

    def named_before(self, actor_id: str | None, start: int) -> bool:
        """Does a hit before the core (pass 1 or 2) name ``actor_id`` and start before ``start``?"""
        return self._passes.seen.named_before(actor_id, min(self._c_lo, start + self._shift))

    def ending_at(self, end: int) -> list[_Hit]:
        """The hits before the core that end at ``end`` (window offsets)."""
        return [
            self._shift_hit(h) for h in self._passes.seen.ending_at(end + self._shift) if h.start < self._c_lo
        ]

    @property
    def base_before(self) -> list[_Hit]:
        """The pass-1 hits before the core, in window offsets."""
        i = bisect_left(self._passes.starts, self._c_lo)
        return [self._shift_hit(h) for h in self._passes.base[:i]]

    def _shift_hit(self, h: _Hit) -> _Hit:
        return replace(
            h, start=h.start - self._shift, end=h.end - self._shift, key_start=h.key_start - self._shift
        )


class _Passes:
    """The whole text's pass-1 and pass-2 hits, indexed to give any window its ``_Outside``."""

    def __init__(
        self, registry: Registry, base: list[_Hit], second: list[_Hit], context_of: Callable[..., set[str]]
    ) -> None:
        self.base = sorted(base, key=lambda h: h.start)
        self.starts = [h.start for h in self.base]
        # _context_of is a union over hits: count each hit's part, take the core's out per window.
        self.parts = [frozenset(context_of([h], registry)) for h in self.base]
        self.total: Counter[str] = Counter(a for part in self.parts for a in part)
        # Pass 1 and pass 2 together, indexed as the matcher indexes a text's hits (text offsets).
        self.seen = _Seen([*self.base, *sorted(second, key=lambda h: h.start)])

    def outside(self, c_lo: int, c_hi: int, shift: int, lo: int, hi: int) -> _Outside:
        """The hits outside ``c_lo``..``c_hi`` (text offsets); ``shift`` moves the ones before into
        window offsets."""
        i, j = bisect_left(self.starts, c_lo), bisect_left(self.starts, c_hi)
        core = Counter(a for part in self.parts[i:j] for a in part)
        context = {a for a, n in self.total.items() if n > core[a]}
        return _Outside(self, lo, hi, context, c_lo, shift)


def _dual_conjuncts(
    norm: str,
    registry: Registry,
    on_date: date | None,
    found: set[Mention],
    offsets: list[int],
    match_text: Callable[..., list[Mention]],
    context_of: Callable[[list[_Hit], Registry], set[str]],
    norm_passes: Callable[[], list[list[_Hit]]],
) -> list[tuple[int, int, str]]:
    """Parties or movements named after a dual head: "حزبا الدعوة والفضيلة" names حزب الدعوة and
    حزب الفضيلة, "الحزبين الديمقراطي والجمهوري" الحزب الديمقراطي and الحزب الجمهوري.

    Each of the (at most two) conjuncts is matched as "<singular head> <conjunct>"; a reading
    counts only when the registry's key starts at the head and covers the conjunct's first word.
    Returns (start, end, actor_id) in normalised offsets. A mention of ``found`` lying inside a conjunct
    (الأمم المتحدة in "الأمم المتحدة للطفولة") is removed from ``found``: the whole name wins, as when it is
    read directly; one reaching outside the conjunct keeps the conjunct out. ``match_text`` is the matcher's
    ``_find_mentions`` (passed in, since the matcher imports this module).

    In a long text the conjunct is matched in a window around it (``_CORE`` + ``_EDGE`` characters
    each side), given the rest of the text's context (``context_of``: the matcher's ``_context_of``),
    so a text's cost grows with its length, not with its length times its dual heads. That context
    comes from the pass-1 and pass-2 hits of ``norm`` itself read as a text (``norm_passes``, asked
    once, at the first window: not of the original text, since the whole-text reading this replaces
    also saw the normalised text, where e.g. a Latin name's exact case is lost). They are the
    matcher's own hits when ``norm`` reads the same, and are otherwise read again from ``norm``'s own
    candidates (the matcher's ``norm_passes``).
    """
    out: list[tuple[int, int, str]] = []
    if "ين " not in norm and "ا " not in norm and "ي " not in norm and "ان " not in norm:
        return out
    # What is already found (original offsets), by start, with the furthest end among each prefix: a
    # span overlaps one of them iff one starting before its end reaches past its start (a scan of all
    # of them per conjunct made a long text's cost its heads times its mentions).
    taken = sorted((m.start, m.end) for m in found)
    taken_starts = [t_start for t_start, _ in taken]
    reach = list(accumulate((t_end for _, t_end in taken), max))
    n = len(norm)
    passes: _Passes | None = None
    for head in _DUAL_HEAD.finditer(norm):
        if head.group(1) and head.group(3) in ("ا", "ي"):
            continue  # "الحزبي", "التنظيمي": a definite adjective, not a dual (that is الحزبين/الحزبان)
        singular = ("ال" if head.group(1) else "") + _DUAL_SINGULAR[head.group(2)]
        pos = head.end() + 1
        for _conjunct in range(2):
            if pos >= len(norm) or not norm[pos].isalpha():
                break
            # The text around it stays, so conditional names see their context.
            c_lo, c_hi = max(0, head.start() - _CORE), min(n, pos + _CORE)
            w_lo, w_hi = max(0, c_lo - _EDGE), min(n, c_hi + _EDGE)
            outside = None
            prefix = f"{norm[w_lo : head.start()]} {singular} "
            if w_lo > 0 or w_hi < n:
                if passes is None:
                    base, second = norm_passes()
                    passes = _Passes(registry, base, second, context_of)
                lo, hi = c_lo - w_lo, c_hi - pos + len(prefix)
                outside = passes.outside(c_lo, c_hi, w_lo, lo, hi)
            at = len(prefix) - len(singular) - 1
            best = None
            for m in match_text(prefix + norm[pos:w_hi], registry, on_date, duals=False, outside=outside):
                kind = registry.actors[m.actor_id].type if m.actor_id in registry.actors else None
                if m.start == at and m.end > len(prefix) and kind in _DUAL_TYPES and m.match == "alias":
                    if best is None or m.end > best.end:
                        best = m
            if best is None:
                break
            start, end = pos, pos + best.end - len(prefix)
            o_start, o_end = offsets[start], offsets[end - 1] + 1
            k = bisect_left(taken_starts, o_end)  # taken[:k] start before the span ends
            if not (k and reach[k - 1] > o_start):
                out.append((start, end, best.actor_id))
            else:
                # Names found inside the conjunct (الأمم المتحدة in "الأمم المتحدة للطفولة", a nisba
                # closing a party's name) give way to it, as they do to the whole name read directly;
                # one reaching outside it keeps the conjunct out. Rare: a scan of them all.
                over = [m for m in found if m.start < o_end and o_start < m.end]
                if all(o_start <= m.start and m.end <= o_end for m in over):
                    found.difference_update(over)
                    out.append((start, end, best.actor_id))
            # the next conjunct: "و" glued to it, after an optional "( abbreviation )"
            skip = _NEXT_CONJUNCT.match(norm, end)
            if not skip:
                break
            pos = skip.end()
    return out
