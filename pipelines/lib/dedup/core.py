"""``find_stories``: tokens, units, candidates, verification, second looks, stories, frames."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from pipelines.lib.alignment import Paraphrase, Words, align, paraphrase, prepare_many, spelled_figures, words
from pipelines.lib.alignment import figures as sentence_figures
from pipelines.lib.dedup import settings
from pipelines.lib.dedup.assembly import _attach_aligned, _build_stories, _is_bundle, _series
from pipelines.lib.dedup.candidates import _candidates
from pipelines.lib.dedup.formula import _formula_flags, _formula_shingles
from pipelines.lib.dedup.frames import _copy_row, _frame, _method_of, independent_sources
from pipelines.lib.dedup.members import _lone_members, _secondary_members
from pipelines.lib.dedup.model import (
    COPIES_SCHEMA,
    MEMBERS_SCHEMA,
    METHOD_PART,
    METHOD_SINGLE,
    PAIRS_SCHEMA,
    RULE_ALIGNED,
    RULE_BELOW,
    RULE_BRIEF,
    RULE_CONTAINMENT,
    RULE_EXACT,
    RULE_FORMULA,
    RULE_JACCARD,
    RULE_OTHER_COUNTRY,
    RULE_OTHER_PLACE,
    RULE_PARAPHRASE,
    RULE_PASSAGE,
    RULE_REWORDED,
    RULE_TRIMMED,
    STORIES_SCHEMA,
    WEAK_RULES,
    DedupArticle,
    DedupResult,
    _key,
    _Pair,
    _pub_date,
    _Unit,
)
from pipelines.lib.dedup.places import (
    countries,
    dateline_end,
    other_country,
    other_place,
    places,
)
from pipelines.lib.dedup.rules import (
    _aligned_copy,
    _brief_copy,
    _decide,
    _paraphrased_copy,
    _passage_copy,
    _reworded_copy,
    _trimmed_copy,
    content_sequence,
    weekdays,
)
from pipelines.lib.dedup.tokens import (
    _in_sorted,
    _ordered_shingles,
    _shingles_of,
    _tokenise,
    overlap,
    sentence_tokens,
)
from pipelines.lib.ids import stable_id


def find_stories(
    articles: Sequence[DedupArticle],
    *,
    shingle_size: int = 3,
    num_perm: int = 128,
    lsh_threshold: float = 0.3,
    jaccard_threshold: float = 0.4,
    containment_threshold: float = 0.6,
    seed: int = 1,
    min_containment_shingles: int = 10,
    sketch_size: int = 32,
    align_sentences: bool = True,  # second look by sentence alignment (see ALIGN_*)
) -> DedupResult:
    """Group articles into stories of copies of one text and pick each story's original.

    Articles with a ``story_id`` were assigned on an earlier night and keep it: a new article joins
    such a story when it matches the story's original directly (the best-matching original wins);
    the other new articles form stories among themselves. Only new articles get ``copies`` rows;
    ``stories`` has one row per story with a new article (counts over every given member), and
    ``pairs`` the candidates involving a new article.

    Returns frames without ``crawl_date`` (the caller adds it and conforms them). Deterministic:
    the same articles in any order give the same ids and decisions.
    """
    ordered = sorted(articles, key=lambda a: a.article_id)
    ids = [a.article_id for a in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("find_stories: duplicate article_id in input")

    # 1. Tokens, exact-copy units (same token sequence). Empty texts never match anything.
    tok = _tokenise([a.text for a in ordered])
    groups: dict[bytes | str, list[int]] = {}
    for i, a in enumerate(ordered):
        t = tok.of(i)
        key = hashlib.blake2b(t.tobytes(), digest_size=16).digest() if len(t) else f"empty:{a.article_id}"
        groups.setdefault(key, []).append(i)
    reps = [members[0] for members in groups.values()]  # insertion order = article_id order
    shingles = _shingles_of(tok, reps, shingle_size)
    units = [
        _Unit(index=k, members=[ordered[i] for i in members], shingles=shingles[k])
        for k, members in enumerate(groups.values())
    ]
    del tok, shingles

    # 2. Candidates, verified exactly. Pairs of two earlier articles were decided on their night.
    # Sketch share tuned below the decision threshold: candidate recall first, all are verified.
    min_share = 0.75 * containment_threshold
    if align_sentences:  # the second look needs the band's candidates (containment >= 0.25) too
        min_share = min(min_share, settings.SKETCH_MIN_SHARE)
    candidates = _candidates(
        units, num_perm, seed, lsh_threshold, min_containment_shingles, sketch_size, min_share
    )
    pairs: dict[tuple[int, int], _Pair] = {}
    adj: dict[int, set[int]] = {u.index: set() for u in units}
    second_look: list[tuple[int, int]] = []  # below both thresholds, in the alignment band
    # The lowest containment any second look reads (a look switched off does not lower it).
    band = min(
        settings.ALIGN_MIN_CONTAINMENT,
        *([settings.PARA_MIN_CONTAINMENT] if settings.PARAPHRASE_LOOK else []),
        *([settings.REWORD_MIN_CONTAINMENT] if settings.REWORD_LOOK else []),
        *([settings.BRIEF_MIN_CONTAINMENT] if settings.BRIEF_LOOK else []),
    )
    for i, j in sorted(candidates):
        if not (units[i].is_new or units[j].is_new):
            continue
        a, b = units[i].shingles, units[j].shingles
        jac, cont = overlap(a, b)
        decision, rule = _decide(
            jac, cont, min(len(a), len(b)), jaccard_threshold, containment_threshold, min_containment_shingles
        )
        if align_sentences and rule == RULE_BELOW and cont >= band:
            if min(len(a), len(b)) >= min_containment_shingles:
                second_look.append((i, j))
        pairs[(i, j)] = _Pair(jac, cont, decision, rule)
        if decision:
            adj[i].add(j)
            adj[j].add(i)
    # Formula text: whole-text matches re-checked without it; the second look skips its sentences.
    formula = np.empty(0, dtype=np.uint64)
    if settings.FORMULA_MIN_SPREAD is not None:
        formula = _formula_shingles(units, adj, settings.FORMULA_MIN_SPREAD)
    if len(formula):
        informative: dict[int, np.ndarray] = {}

        def info(u: int) -> np.ndarray:
            if u not in informative:
                sh = units[u].shingles
                informative[u] = sh[~_in_sorted(sh, formula)]
            return informative[u]

        for (i, j), p in sorted(pairs.items()):
            if not p.decision or p.rule not in (RULE_JACCARD, RULE_CONTAINMENT):
                continue
            a, b = info(i), info(j)
            smaller = min(len(a), len(b))
            if (len(a), len(b)) == (len(units[i].shingles), len(units[j].shingles)) or (
                smaller < min_containment_shingles  # (almost) all formula: too little left to judge
            ):
                continue
            jac, cont = overlap(a, b)
            if _decide(
                jac, cont, smaller, jaccard_threshold, containment_threshold, min_containment_shingles
            )[0]:
                continue
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, False, RULE_FORMULA)
            adj[i].discard(j)
            adj[j].discard(i)
            if align_sentences:
                second_look.append((i, j))
    # Sentence alignment of the band's pairs: texts tokenised in one batch and indexed once each.
    looked = sorted({u for pair in second_look for u in pair})
    sentences = dict(zip(looked, sentence_tokens([units[u].rep.text for u in looked]), strict=True))
    # Formula sentences are skipped by shingle alignment and are never a paraphrase counterpart, but
    # they stay in the paraphrase look's text (left out, they would raise the share of the template
    # sentences left: two rain bulletins are a formula sentence plus two template sentences).
    for_align = sentences
    formula_flags: dict[int, list[bool]] = {}
    if len(formula) and looked:
        flags = _formula_flags([sentences[u] for u in looked], formula, shingle_size)
        formula_flags = {u: f for u, f in zip(looked, flags, strict=True) if any(f)}
        for_align = {
            u: [[] if is_formula else s for s, is_formula in zip(sentences[u], formula_flags[u], strict=True)]
            if u in formula_flags
            else sentences[u]
            for u in looked
        }
    # Shingle-indexed only the texts of pairs the alignment rule looks at (containment >= its floor).
    to_align = sorted(
        {
            u
            for i, j in second_look
            if pairs[(i, j)].containment >= settings.ALIGN_MIN_CONTAINMENT
            for u in (i, j)
        }
    )
    prepared = dict(zip(to_align, prepare_many([for_align[u] for u in to_align]), strict=True))
    content_words: dict[int, Words] = {}  # each text indexed once for the paraphrase look

    def indexed(u: int) -> Words:
        if u not in content_words:
            w = words(sentences[u])
            if u in formula_flags:  # formula sentences: content, but no words to match
                kept = zip(w.sentences, formula_flags[u], strict=True)
                w = Words(tuple((n, frozenset() if f else ws) for (n, ws), f in kept), w.content, w.numbers)
            content_words[u] = w
        return content_words[u]

    figures_of: dict[tuple[int, bool, bool], frozenset[str]] = {}  # each text's figures once

    def figures(u: int, every: bool = False, stamp: bool = True) -> frozenset[str]:
        stamp = stamp or not signed(u)  # a text without a time stamp has one set of figures
        if (u, every, stamp) not in figures_of:
            figures_of[(u, every, stamp)] = _figures(u, every, stamp)
        return figures_of[(u, every, stamp)]

    def _figures(u: int, every: bool, stamp: bool) -> frozenset[str]:
        # One writing per figure (1,500 = ١٬٥٠٠ = 1500; و25 is 25): see ``alignment.figures``. ``every``
        # (what the other text may hold): all sentences, and with SPELLED_FIGURES the figures spelled
        # as words too (أربعين = 40), so a reworded copy writing the agency's 40 as a word keeps it.
        # ``stamp``: with the agency's closing time stamp (see ``pair_figures``).
        flags = formula_flags.get(u) or [False] * len(sentences[u])
        kept = [
            s
            for s, f in zip(sentences[u], flags, strict=True)
            if (every or not f) and (stamp or not _sign_off_time(s))
        ]
        out = {f for s in kept for f in sentence_figures(s)}
        if every and settings.SPELLED_FIGURES:
            out.update(f for s in kept for f in spelled_figures(s))
        return frozenset(out)

    def pair_figures(
        i: int, j: int
    ) -> tuple[tuple[frozenset[str], frozenset[str]], tuple[frozenset[str], frozenset[str]]]:
        """Each text's own figures and all its figures, for the figure checks of a pair. An agency item's
        closing time stamp ("17:15 ت م") is left out when only one of the two carries one
        (SKIP_SIGN_OFF_TIME): a copy drops it; two agency items (two bulletins on one template) each keep
        their own minute."""
        stamp = not settings.SKIP_SIGN_OFF_TIME or (signed(i) and signed(j))
        return (figures(i, False, stamp), figures(j, False, stamp)), (
            figures(i, True, stamp),
            figures(j, True, stamp),
        )

    signs: dict[int, bool] = {}  # whether each text closes with a time stamp, once

    def signed(u: int) -> bool:
        if u not in signs:
            signs[u] = any(_sign_off_time(s) for s in sentences[u])
        return signs[u]

    sequences: dict[int, list[str]] = {}  # each text's content words once, for the reworded look

    def sequence(u: int) -> list[str]:
        if u not in sequences:
            sequences[u] = content_sequence(sentences[u], formula_flags.get(u, ()))
        return sequences[u]

    days_of: dict[int, frozenset[str]] = {}  # each text's weekdays once, for the reworded and brief looks

    def pair_days(i: int, j: int) -> tuple[frozenset[str], frozenset[str]]:
        for u in (i, j):
            if u not in days_of:
                days_of[u] = weekdays(sequence(u))
        return days_of[i], days_of[j]

    # Shingles in text order, only for the texts of pairs the trimmed look may take.
    to_trim = sorted(
        {
            u
            for i, j in second_look
            if settings.TRIM_LOOK and pairs[(i, j)].containment >= settings.TRIM_MIN_LEAD
            for u in (i, j)
        }
    )
    in_order = dict(
        zip(to_trim, _ordered_shingles([units[u].rep.text for u in to_trim], shingle_size), strict=True)
    )
    named: dict[int, dict[str, frozenset[tuple[str, str]]]] = {}  # each text's countries once
    # ... and its places below the country, with its content words (``places.other_place``)
    placed: dict[int, tuple[dict[str, frozenset[tuple[str, str]]], frozenset[str]]] = {}

    def refused_by_place(i: int, j: int) -> str | None:
        """The guard's rule when one template is told for two places, else None."""
        # One template told for two addressees: another country in the same frame (``places``).
        for u in (i, j):
            if u not in named:
                named[u] = countries(sequence(u))
        if other_country(named[i], named[j]):
            return RULE_OTHER_COUNTRY
        if not settings.PLACE_GUARD:
            return None
        # ... or a place below the country: a city, a region, a district after a place noun.
        for u in (i, j):
            if u not in placed:
                # past its dateline: the first short line among the first few (``places.dateline_end``)
                start = dateline_end(sentences[u], formula_flags.get(u, ()))
                placed[u] = (places(sequence(u), start=start), frozenset(sequence(u)))
        if other_place(placed[i][0], placed[j][0], placed[i][1], placed[j][1]):
            return RULE_OTHER_PLACE
        return None

    for i, j in second_look:
        p = pairs[(i, j)]
        al = align(prepared[i], prepared[j]) if p.containment >= settings.ALIGN_MIN_CONTAINMENT else None
        rule = None
        compared: Paraphrase | None = None  # the pair's content-word comparison, for the two looks reading it
        if al is not None and _aligned_copy(al):
            rule = RULE_ALIGNED
        elif al is not None and settings.PASSAGE_LOOK and _passage_copy(al):
            rule = RULE_PASSAGE
        elif (
            settings.TRIM_LOOK
            and p.containment >= settings.TRIM_MIN_LEAD
            and _trimmed_copy(
                in_order[i],
                in_order[j],
                formula,
                *pair_figures(i, j),
            )
        ):
            rule = RULE_TRIMMED
        elif settings.PARAPHRASE_LOOK and _paraphrased_copy(
            indexed(i), indexed(j), compared := paraphrase(indexed(i), indexed(j))
        ):
            rule = RULE_PARAPHRASE
        elif (
            settings.REWORD_LOOK
            and p.containment >= settings.REWORD_MIN_CONTAINMENT
            and _reworded_copy(sequence(i), sequence(j), *pair_figures(i, j), pair_days(i, j))
        ):
            rule = RULE_REWORDED
        elif (
            settings.BRIEF_LOOK
            and p.containment >= settings.BRIEF_MIN_CONTAINMENT
            and _brief_copy(
                indexed(i),
                indexed(j),
                pair_days(i, j),
                *pair_figures(i, j),
                compared,
            )
        ):
            rule = RULE_BRIEF
        if rule is None:
            continue
        refused = refused_by_place(i, j) if settings.COUNTRY_GUARD else None
        if refused is not None:
            pairs[(i, j)] = _Pair(p.jaccard, p.containment, False, refused)
            continue
        pairs[(i, j)] = _Pair(p.jaccard, p.containment, True, rule)
        adj[i].add(j)
        adj[j].add(i)

    copy_rows: list[dict[str, object]] = []
    story_rows: list[dict[str, object]] = []
    members_of: dict[str, list[tuple[DedupArticle, int]]] = {}  # story_id -> (article, unit)
    originals: dict[str, tuple[DedupArticle, int]] = {}
    for u in units:
        for m in u.members:
            if m.story_id is not None:
                members_of.setdefault(m.story_id, []).append((m, u.index))
                if stable_id("s_", m.article_id) == m.story_id:
                    originals[m.story_id] = (m, u.index)

    # 3a. New articles join an earlier story when they match its original directly.
    touched: set[str] = set()
    joined: set[int] = set()
    for u in units:
        if not u.is_new:
            continue
        best: tuple[tuple[bool, float, float, str], str] | None = None
        for story_id, (_orig, ou) in originals.items():
            if ou != u.index and ou not in adj[u.index]:
                continue
            p = pairs.get(_key(u.index, ou), _Pair(1.0, 1.0, True, RULE_EXACT))
            # A whole-text match beats a sentence-alignment match (weaker evidence), then Jaccard.
            key = (p.rule in WEAK_RULES, -p.jaccard, -p.containment, story_id)
            if best is None or key < best[0]:
                best = (key, story_id)
        if best is None:
            continue
        story_id = best[1]
        orig, ou = originals[story_id]
        for m in u.members:
            if m.story_id is None:
                members_of[story_id].append((m, u.index))
                copy_rows.append(_copy_row(m, story_id, orig, u.index, ou, pairs))
        joined.add(u.index)
        touched.add(story_id)

    # 3b. The remaining new units: per connected component, repeatedly take the best original among
    # them and attach only the units that match it directly.
    fresh = {u.index for u in units if u.is_new and u.index not in joined}
    series = _series(units, fresh)
    bundle = {u: _is_bundle(u, adj, pairs, units, containment_threshold, series) for u in sorted(fresh)}
    # Whole-text matches build the stories; sentence-alignment matches (weaker evidence) then only
    # place texts left alone, so they never change a story's original or members (_attach_aligned).
    strong_adj = {u: {v for v in adj[u] & fresh if pairs[_key(u, v)].rule not in WEAK_RULES} for u in fresh}
    # Only shingle alignment verifies a member inside a component; paraphrase (the weakest evidence)
    # only places texts left alone (measured: it otherwise claimed a text from its own release's story).
    aligned_adj = {u: {v for v in adj[u] & fresh if pairs[_key(u, v)].rule == RULE_ALIGNED} for u in fresh}
    stories = _build_stories(fresh, strong_adj, units, pairs, series, bundle, aligned_adj)
    stories = _attach_aligned(stories, fresh, adj, units, pairs, bundle)
    new_stories: set[str] = set()
    for original, orig_unit, source in stories:
        story_units = sorted(source)
        story_id = stable_id("s_", original.article_id)
        members = [m for s in story_units for m in units[s].members]
        single = len(members) == 1
        for s in story_units:
            src = units[source[s]].rep if source[s] != orig_unit else original
            part = s != orig_unit and s in series.get(orig_unit, set())
            for m in units[s].members:
                if part:  # not a copy: the same outlet's next part of the original's text
                    jac, cont = overlap(units[s].shingles, units[orig_unit].shingles)
                    row = {"article_id": m.article_id, "story_id": story_id, "is_original": False,
                           "copy_of": None, "similarity": jac, "containment": cont,
                           "method": METHOD_PART}  # fmt: skip
                else:
                    row = _copy_row(m, story_id, src, s, source[s], pairs)
                if single:
                    row["method"] = METHOD_SINGLE
                copy_rows.append(row)
                members_of.setdefault(story_id, []).append((m, s))
        originals[story_id] = (original, orig_unit)
        touched.add(story_id)
        new_stories.add(story_id)

    # 3c. Secondary memberships: texts carrying another story's text too (see ``_secondary_members``).
    primary_of = {r["article_id"]: r["story_id"] for r in copy_rows}
    for u in units:
        for m in u.members:
            if m.story_id is not None:
                primary_of.setdefault(m.article_id, m.story_id)
    shapes = {
        story_id: (
            ou,
            {ou} | (series.get(ou, set()) & {v for _, v in members_of[story_id]}),
            {v for _, v in members_of[story_id]},
        )
        for story_id, (_, ou) in originals.items()
    }
    member_rows = [
        {**{c: r[c] for c in COPIES_SCHEMA if c != "is_original"}, "is_primary": True} for r in copy_rows
    ]
    secondary = _secondary_members(shapes, adj, units, pairs)
    if settings.LONE_MEMBERS:
        secondary += _lone_members(shapes, adj, pairs)
    added: set[tuple[str, str]] = set()
    for story_id, u, src in secondary:
        new_story = story_id in new_stories
        for m in units[u].members:
            if primary_of.get(m.article_id) == story_id or (m.story_id is not None and not new_story):
                continue  # its own story, or decided on the night both were there
            if (m.article_id, story_id) in added:
                continue
            added.add((m.article_id, story_id))
            p = pairs[_key(u, src)]
            method = _method_of(p.rule)
            copy_of = originals[story_id][0] if src == originals[story_id][1] else units[src].rep
            member_rows.append(
                {
                    "article_id": m.article_id,
                    "story_id": story_id,
                    "is_primary": False,
                    "copy_of": copy_of.article_id,
                    "similarity": p.jaccard,
                    "containment": p.containment,
                    "method": method,
                }
            )

    for story_id in sorted(touched):
        original = originals[story_id][0]
        members = [m for m, _ in members_of[story_id]]
        dates = [d for d in (_pub_date(m) for m in members) if d is not None]
        story_rows.append(
            {
                "story_id": story_id,
                "original_article_id": original.article_id,
                "title": original.title,
                "first_published_date": min(dates) if dates else None,
                "n_articles": len(members),
                "n_outlets": len({m.outlet_id for m in members}),
                "n_independent": independent_sources(members),
            }
        )

    pair_rows = []
    for (i, j), p in pairs.items():
        a_id, b_id = sorted((units[i].rep.article_id, units[j].rep.article_id))
        pair_rows.append(
            {
                "article_a": a_id,
                "article_b": b_id,
                "jaccard": p.jaccard,
                "containment": p.containment,
                "decision": p.decision,
                "rule": p.rule,
            }
        )
    for unit in units:
        for member in unit.members[1:]:
            if unit.rep.story_id is not None and member.story_id is not None:
                continue
            pair_rows.append(
                {
                    "article_a": unit.rep.article_id,
                    "article_b": member.article_id,
                    "jaccard": 1.0,
                    "containment": 1.0,
                    "decision": True,
                    "rule": RULE_EXACT,
                }
            )

    return DedupResult(
        copies=_frame(copy_rows, COPIES_SCHEMA, ["article_id"]),
        stories=_frame(story_rows, STORIES_SCHEMA, ["story_id"]),
        pairs=_frame(pair_rows, PAIRS_SCHEMA, ["article_a", "article_b"]),
        members=_frame(member_rows, MEMBERS_SCHEMA, ["article_id", "story_id"]),
    )


def _sign_off_time(tokens: Sequence[str]) -> bool:
    """An agency item's closing time stamp ("17:15 ت م", Makkah time, after "// انتهى //"): the minute the
    wire filed it, not a figure of the story."""
    return 3 <= len(tokens) <= 4 and list(tokens[-2:]) == ["ت", "م"] and all(t.isdigit() for t in tokens[:-2])
