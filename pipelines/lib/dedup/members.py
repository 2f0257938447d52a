"""Secondary membership: texts that carry the text of a story they are not primary in."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np

from pipelines.lib.dedup import settings
from pipelines.lib.dedup.model import WEAK_RULES, _key, _Pair, _Unit


def _secondary_members(
    shapes: Mapping[str, tuple[int, set[int], set[int]]],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
) -> list[tuple[str, int, int]]:
    """(story, unit, source unit) for every unit carrying the text of a story it is not a primary
    member of. ``shapes``: story -> (original's unit, core units: the original and its release
    parts, primary member units).

    The evidence is checked against the story itself, never through a neighbour (and ``u`` must carry
    the text: longer, containment >= ``SECONDARY_MIN_CONTAINMENT``): a whole-text match
    with a core unit (the original preferred, then the best Jaccard), else the witness rule of
    ``_story_members`` with a direct copy of the original (``WITNESS_SHARE`` of the shared text is the
    core's own), else a weak match (sentence alignment, paraphrase, ...) from the longer text with the
    original itself or a direct copy of Jaccard >= ``SECONDARY_WEAK_SAME`` with it.
    Secondary membership only adds rows: it never merges two stories nor moves a primary member.
    """

    def strong(u: int, v: int) -> bool:
        if v not in adj[u] or len(units[u].shingles) <= len(units[v].shingles):
            return False
        p = pairs[_key(u, v)]
        return p.rule not in WEAK_RULES and p.containment >= settings.SECONDARY_MIN_CONTAINMENT

    def linked(u: int, v: int) -> bool:  # a whole-text match (who is a direct copy of the original)
        return v in adj[u] and pairs[_key(u, v)].rule not in WEAK_RULES

    out: list[tuple[str, int, int]] = []
    for story_id in sorted(shapes):
        orig, core, prim = shapes[story_id]
        direct = sorted(d for d in prim - core if any(linked(d, c) for c in core))
        near = set().union(*(adj[c] for c in core), *(adj[d] for d in direct)) - prim
        if not near:
            continue
        core_text = functools.reduce(np.union1d, [units[c].shingles for c in sorted(core)])
        for u in sorted(near):
            found = [c for c in sorted(core) if strong(u, c)]
            if found:
                out.append(
                    (story_id, u, min(found, key=lambda c: (c != orig, -pairs[_key(u, c)].jaccard, c)))
                )
                continue
            witnesses = []
            for d in direct:
                if strong(u, d):
                    shared = np.intersect1d(units[u].shingles, units[d].shingles, assume_unique=True)
                    inside = len(np.intersect1d(shared, core_text, assume_unique=True))
                    if len(shared) and inside / len(shared) >= settings.WITNESS_SHARE:
                        witnesses.append(d)
            if witnesses:
                out.append((story_id, u, min(witnesses, key=lambda d: (-pairs[_key(u, d)].jaccard, d))))
            else:
                # (weak evidence: not held to SECONDARY_MIN_CONTAINMENT, its pairs sit below 0.6)
                close = (pairs.get(_key(d, orig)) for d in direct)
                same = [orig]
                same += [
                    d
                    for d, p in zip(direct, close, strict=True)
                    if p and p.jaccard >= settings.SECONDARY_WEAK_SAME
                ]
                weak = [
                    v
                    for v in same
                    if v in adj[u]
                    and pairs[_key(u, v)].rule in WEAK_RULES
                    and len(units[u].shingles) > len(units[v].shingles)
                ]
                if weak:
                    out.append(
                        (story_id, u, min(weak, key=lambda v: (v != orig, -pairs[_key(u, v)].jaccard, v)))
                    )
    return out


def _lone_members(
    shapes: Mapping[str, tuple[int, set[int], set[int]]],
    adj: Mapping[int, set[int]],
    pairs: Mapping[tuple[int, int], _Pair],
) -> list[tuple[str, int, int]]:
    """(story, unit, source unit) for texts primary in another story that a weak rule matched with a
    lone text (a story of one, so its original): two paragraphs of one wire dispatch inside an
    article of another story; a release reworded by an outlet whose text sits in the story of a third
    edit. The evidence is the pair with the story's original itself, so nothing chains, and no primary
    membership moves (``LONE_MEMBERS``)."""
    out: list[tuple[str, int, int]] = []
    for story_id in sorted(shapes):
        orig, _core, prim = shapes[story_id]
        if prim != {orig}:
            continue
        weak = [v for v in sorted(adj[orig] - prim) if pairs[_key(orig, v)].rule in WEAK_RULES]
        out += [(story_id, v, orig) for v in weak]
    return out
