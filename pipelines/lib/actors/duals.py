"""Dual heads: "حزبا الدعوة والفضيلة", "الحزبين الديمقراطي والجمهوري" name one body per conjunct."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from pipelines.lib.actors.model import Mention, Registry

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


def _dual_conjuncts(
    norm: str,
    registry: Registry,
    on_date: date | None,
    found: set[Mention],
    offsets: list[int],
    match_text: Callable[..., list[Mention]],
) -> list[tuple[int, int, str]]:
    """Parties or movements named after a dual head: "حزبا الدعوة والفضيلة" names حزب الدعوة and
    حزب الفضيلة, "الحزبين الديمقراطي والجمهوري" الحزب الديمقراطي and الحزب الجمهوري.

    Each of the (at most two) conjuncts is matched as "<singular head> <conjunct>"; a reading
    counts only when the registry's key starts at the head and covers the conjunct's first word.
    Returns (start, end, actor_id) in normalised offsets. ``match_text`` is the matcher's
    ``_find_mentions`` (passed in, since the matcher imports this module).
    """
    out: list[tuple[int, int, str]] = []
    if "ين " not in norm and "ا " not in norm and "ي " not in norm and "ان " not in norm:
        return out
    taken = [(m.start, m.end) for m in found]  # original offsets of what is already found
    for head in _DUAL_HEAD.finditer(norm):
        if head.group(1) and head.group(3) in ("ا", "ي"):
            continue  # "الحزبي", "التنظيمي": a definite adjective, not a dual (that is الحزبين/الحزبان)
        singular = ("ال" if head.group(1) else "") + _DUAL_SINGULAR[head.group(2)]
        pos = head.end() + 1
        for _conjunct in range(2):
            if pos >= len(norm) or not norm[pos].isalpha():
                break
            # The whole text around it stays, so conditional names see their context.
            prefix = f"{norm[: head.start()]} {singular} "
            at = len(prefix) - len(singular) - 1
            best = None
            for m in match_text(prefix + norm[pos:], registry, on_date, duals=False):
                kind = registry.actors[m.actor_id].type if m.actor_id in registry.actors else None
                if m.start == at and m.end > len(prefix) and kind in _DUAL_TYPES and m.match == "alias":
                    if best is None or m.end > best.end:
                        best = m
            if best is None:
                break
            start, end = pos, pos + best.end - len(prefix)
            o_start = offsets[start]
            if not any(t_start < offsets[end - 1] + 1 and o_start < t_end for t_start, t_end in taken):
                out.append((start, end, best.actor_id))
            # the next conjunct: "و" glued to it, after an optional "( abbreviation )"
            skip = _NEXT_CONJUNCT.match(norm, end)
            if not skip:
                break
            pos = skip.end()
    return out
