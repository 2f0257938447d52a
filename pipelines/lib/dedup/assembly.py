"""Story assembly: original choice, direct copies, the witness rule, release parts, bundles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from pipelines.lib.dedup import settings
from pipelines.lib.dedup.model import (
    WEAK_RULES,
    DedupArticle,
    _key,
    _norm_outlet,
    _Pair,
    _pub_date,
    _time_key,
    _Unit,
)
from pipelines.lib.dedup.tokens import _token_lists, overlap

# Wire agencies mark the later parts of a long item "<headline> إضافة أولى / ثانية ... / أخيرة"
# ("first / second ... / last addition"); normalised tokens.
_ADD_MARKER = "اضافه"
_ADD_ORDINALS = frozenset("اولي ثانيه ثالثه رابعه خامسه سادسه سابعه ثامنه تاسعه عاشره اخيره واخيره".split())


def _is_bundle(
    o: int,
    adj: dict[int, set[int]],
    pairs: dict[tuple[int, int], _Pair],
    units: list[_Unit],
    containment_threshold: float,
    series: Mapping[int, set[int]],
) -> bool:
    """True when ``o`` contains two texts that do not match each other (an aggregator page bundle).

    Such a page must not become the original, or it would pull two unrelated stories together.
    Two parts of one release (``series``) are one text: a page reprinting both is not a bundle; nor
    are two excerpts of one text trimmed differently, which overlap (``BUNDLE_MAX_OVERLAP``).
    """
    # Smaller neighbours mostly inside ``o`` (whichever rule matched them: a big half of a two-story
    # page also passes the Jaccard rule).
    contained = [
        m
        for m in sorted(adj[o])
        if len(units[m].shingles) < len(units[o].shingles)
        and pairs[_key(o, m)].containment >= containment_threshold
    ]

    def distinct(m1: int, m2: int) -> bool:
        if m2 in adj[m1] or m2 in series.get(m1, set()):
            return False
        p = pairs.get(_key(m1, m2))
        shared = p.containment if p is not None else overlap(units[m1].shingles, units[m2].shingles)[1]
        return shared < settings.BUNDLE_MAX_OVERLAP

    return any(distinct(m1, m2) for i, m1 in enumerate(contained) for m2 in contained[i + 1 :])


def _series(units: list[_Unit], fresh: set[int]) -> dict[int, set[int]]:
    """Parts of one multi-part release: for each unit, the other units of the same outlet and
    published day whose headline is the same once the "إضافة <ordinal>" marker is removed, in a
    group where at least one headline carries the marker (the outlet itself declares the parts).

    SPA sends a long statement (a cabinet session, a press conference) as several items under one
    headline; newspapers reprint it whole. The parts do not match each other but are one text.
    """
    by_key: dict[tuple[str, str, date | None], set[int]] = {}
    marked: set[tuple[str, str, date | None]] = set()
    members = [(u, m) for u in sorted(fresh) for m in units[u].members]
    # All titles at once in Polars; Python only looks at the few titles carrying the marker and
    # at those equal to a marked headline (a loop over 100k titles cost seconds).
    titles = _token_lists([m.title for _, m in members]).fill_null([])
    joined = titles.list.join(" ")
    with_marker = titles.list.contains(_ADD_MARKER).fill_null(False).to_numpy()
    heads: set[str] = set()
    for i in np.flatnonzero(with_marker).tolist():
        title = titles[i].to_list()
        # "... إضافة ثانية", "... إضافة أولى وأخيرة": the marker and its ordinals end the headline.
        at = len(title) - 1 - title[::-1].index(_ADD_MARKER)
        if at < len(title) - 1 and all(t in _ADD_ORDINALS for t in title[at + 1 :]):
            head = title[:at]
            if len(head) >= settings.MIN_SERIES_TITLE_TOKENS:
                heads.add(" ".join(head))
                u, m = members[i]
                key = (_norm_outlet(m.outlet_id), " ".join(head), _pub_date(m))
                by_key.setdefault(key, set()).add(u)
                marked.add(key)
    if not heads:
        return {}
    for i in np.flatnonzero(joined.is_in(list(heads)).to_numpy()).tolist():
        u, m = members[i]
        by_key.setdefault((_norm_outlet(m.outlet_id), joined[i], _pub_date(m)), set()).add(u)
    out: dict[int, set[int]] = {}
    for key in sorted(marked):
        group = by_key[key]
        for u in group:
            out.setdefault(u, set()).update(group - {u})
    return out


def _story_members(
    orig_unit: int,
    remaining: set[int],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
    series: Mapping[int, set[int]],
    aligned: Mapping[int, set[int]] | None = None,
) -> dict[int, int]:
    """Units of the story led by ``orig_unit``, each with the unit it was copied from (its source).

    - the core: the original and the other parts of its release (source: the original);
    - direct copies: units matching a core unit (the original preferred, then the best Jaccard);
    - copies through a witness: a unit matching a direct copy ``p`` (not the core) joins when at
      least ``WITNESS_SHARE`` of the shingles it shares with ``p`` are the core's own text (it copied
      the original's text via an edited copy; source ``p``). Only one step, and the shared text
      must be the original's: a text sharing a quote, a background paragraph, or the paragraphs a
      copy added never joins through it, so there is no chaining;
    - copies by alignment: a remaining unit whose sentence-alignment match (``aligned``) is with the
      original itself AND whose whole-text match is with a member already placed (source: the
      original). Verified against the original like a direct copy, by the weaker rule, and
      corroborated by a member: two outlets keeping different paragraphs of one release align with
      each other while a fuller third copy matches both by whole text (before, the component split
      into two stories of one release). A unit whose whole-text matches are all outside the story
      stays for the story of those texts (the weaker evidence does not claim it first).
    """
    core = sorted({orig_unit} | (series.get(orig_unit, set()) & remaining))
    source = {c: orig_unit for c in core}

    def best(u: int, among: Sequence[int]) -> int | None:
        found = [c for c in among if c in adj[u]]
        if not found:
            return None
        return min(found, key=lambda c: (c != orig_unit, -pairs[_key(u, c)].jaccard, c))

    direct = {}
    for u in sorted(remaining - set(core)):
        c = best(u, core)
        if c is not None:
            direct[u] = c
    source |= direct
    if not direct:
        return _aligned_to_original(source, orig_unit, remaining, adj, aligned)
    core_text = units[core[0]].shingles
    for c in core[1:]:
        core_text = np.union1d(core_text, units[c].shingles)
    for u in sorted(remaining - set(source)):
        witnesses = []
        for p in sorted(direct):
            if p not in adj[u]:
                continue
            shared = np.intersect1d(units[u].shingles, units[p].shingles, assume_unique=True)
            inside = len(np.intersect1d(shared, core_text, assume_unique=True))
            if len(shared) and inside / len(shared) >= settings.WITNESS_SHARE:
                witnesses.append(p)
        if witnesses:
            source[u] = min(witnesses, key=lambda p: (-pairs[_key(u, p)].jaccard, p))
    return _aligned_to_original(source, orig_unit, remaining, adj, aligned)


def _aligned_to_original(
    source: dict[int, int],
    orig_unit: int,
    remaining: set[int],
    adj: Mapping[int, set[int]],
    aligned: Mapping[int, set[int]] | None,
) -> dict[int, int]:
    """Add the remaining units aligned with the original itself and matching (whole text) a member
    already placed (see ``_story_members``)."""
    if aligned is None:
        return source
    placed = set(source)
    for u in sorted(remaining - placed):
        if orig_unit in aligned.get(u, ()) and adj[u] & placed:
            source[u] = orig_unit
    return source


_Story = tuple[DedupArticle, int, dict[int, int]]  # original, its unit, unit -> unit it was copied from


def _build_stories(
    fresh: set[int],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
    series: Mapping[int, set[int]],
    bundle: Mapping[int, bool],
    aligned: Mapping[int, set[int]] | None = None,
) -> list[_Story]:
    """Per connected component of ``adj`` (plus release parts), repeatedly take the best original
    among the remaining units and attach only the units that match it directly (``_story_members``;
    ``aligned``: sentence-alignment matches, which never link a component, only verify a member)."""
    stories: list[_Story] = []
    seen: set[int] = set()
    for start in sorted(fresh):
        if start in seen:
            continue
        component: set[int] = set()
        stack = [start]
        while stack:
            u = stack.pop()
            if u in component:
                continue
            component.add(u)
            # Parts of one release belong together even when only a full reprint links them.
            stack.extend((adj[u] | series.get(u, set())) - component)
        seen |= component
        remaining = set(component)
        while remaining:
            original, orig_unit = _pick_original(remaining, adj, units, bundle)
            source = _story_members(orig_unit, remaining, adj, units, pairs, series, aligned)
            remaining -= set(source)
            stories.append((original, orig_unit, source))
    return stories


def _attach_aligned(
    stories: list[_Story],
    fresh: set[int],
    adj: Mapping[int, set[int]],
    units: list[_Unit],
    pairs: Mapping[tuple[int, int], _Pair],
    bundle: Mapping[int, bool],
) -> list[_Story]:
    """Place the texts that whole-text matching left alone, by their sentence-alignment matches.

    A lone text aligned with the original of a story of several texts joins it as a copy of that
    original (the best Jaccard wins); the other lone texts form stories among themselves by their
    alignment matches, with the same original choice and direct-match rule as ``_build_stories``.
    Stories of several texts keep their original and members, so the weaker evidence never moves a
    text the whole-text rules placed, and a text aligned only with a copy (not the original) of a
    story does not join it (no chaining).
    """
    aligned = {u: {v for v in adj[u] & fresh if pairs[_key(u, v)].rule in WEAK_RULES} for u in fresh}
    alone = {orig_unit for _, orig_unit, source in stories if len(source) == 1}
    kept = [s for s in stories if len(s[2]) > 1]
    led_by = {orig_unit: source for _, orig_unit, source in kept}
    rest: set[int] = set()
    for u in sorted(alone):
        targets = [o for o in aligned[u] if o in led_by]
        if targets:
            o = min(targets, key=lambda o: (-pairs[_key(u, o)].jaccard, o))
            led_by[o][u] = o
        else:
            rest.add(u)
    rest_adj = {u: aligned[u] & rest for u in rest}
    return kept + _build_stories(rest, rest_adj, units, pairs, {}, bundle)


def _pick_original(
    remaining: set[int], adj: dict[int, set[int]], units: list[_Unit], bundle: dict[int, bool]
) -> tuple[DedupArticle, int]:
    """Best original among the remaining units: not a bundle page, the credited outlet's own page,
    then earliest published, then earliest fetched, then smallest article_id."""
    best: tuple[tuple[object, ...], DedupArticle, int] | None = None
    for u in remaining:
        # Outlets credited by the story this unit would lead (itself plus its direct matches).
        neighbourhood = {u} | (adj[u] & remaining)
        credited = {
            _norm_outlet(m.credited_outlet)
            for n in neighbourhood
            for m in units[n].members
            if m.credited_outlet
        }
        for a in units[u].members:
            key = (bundle[u], _norm_outlet(a.outlet_id) not in credited, *_time_key(a))
            if best is None or key < best[0]:
                best = (key, a, u)
    assert best is not None
    return best[1], best[2]
