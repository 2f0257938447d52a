"""Pair rules: the whole-text decision and the second looks (alignment, passage, trimmed, paraphrase,
reworded, brief)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from pipelines.lib.alignment import CLITIC_PREFIX_RE, Alignment, Paraphrase, Words, paraphrase
from pipelines.lib.dedup import settings
from pipelines.lib.dedup.model import RULE_BELOW, RULE_CONTAINMENT, RULE_JACCARD, RULE_TOO_SHORT
from pipelines.lib.dedup.tokens import _in_sorted


def _decide(
    jaccard: float, containment: float, smaller: int, jt: float, ct: float, min_shingles: int
) -> tuple[bool, str]:
    if jaccard >= jt:
        return True, RULE_JACCARD
    if containment >= ct:
        if smaller >= min_shingles:
            return True, RULE_CONTAINMENT
        return False, RULE_TOO_SHORT
    return False, RULE_BELOW


def _aligned_copy(al: Alignment) -> bool:
    """The sentence-alignment rule for a pair in the second-look band (see ``ALIGN_*``)."""
    return (
        al.aligned >= settings.ALIGN_MIN_SENTENCES
        and al.short_cover >= settings.ALIGN_MIN_COVER
        and (min(al.start, al.long_start) if settings.ALIGN_START_EITHER else al.start)
        <= settings.ALIGN_MAX_START
    )


def _passage_copy(al: Alignment) -> bool:
    """The shared-passage rule for a band pair the lead rule did not take (``PASSAGE_*``)."""
    return (
        al.run >= settings.PASSAGE_MIN_SENTENCES
        and al.run_tokens >= settings.PASSAGE_MIN_TOKENS
        and min(al.start, al.long_start) <= settings.PASSAGE_MAX_START
    )


def _new_figures(
    figures: tuple[frozenset[str], frozenset[str]],
    all_figures: tuple[frozenset[str], frozenset[str]],
    limit: int | None,
) -> bool:
    """Whether the first text holds more than ``limit`` figures of its own (``figures[0]``) found nowhere in
    the second (``all_figures[1]``): the same template with other figures. ``limit`` None: no check."""
    return limit is not None and len(figures[0] - all_figures[1]) > limit


def _trimmed_copy(
    a: np.ndarray,
    b: np.ndarray,
    formula: np.ndarray,
    figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    all_figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> bool:
    """The trimmed-copy rule (``TRIM_*``) for two texts given as shingle hashes in text order.

    ``figures``: each text's figures outside formula sentences, ``all_figures``: all of them."""
    info_a = np.unique(a[~_in_sorted(a, formula)]) if len(formula) else np.unique(a)
    info_b = np.unique(b[~_in_sorted(b, formula)]) if len(formula) else np.unique(b)
    if len(info_a) > len(info_b) or (len(info_a) == len(info_b) and (a.tolist() > b.tolist())):
        a, b, info_a, info_b = b, a, info_b, info_a
        figures, all_figures = figures[::-1], all_figures[::-1]
    if not len(info_a) or len(info_a) > settings.TRIM_MAX_RATIO * len(info_b):
        return False
    if _new_figures(figures, all_figures, settings.TRIM_MAX_NEW_FIGURES):
        return False  # the same template with other figures: another day's report, another fund
    lead = np.unique(b[: int(settings.TRIM_LEAD_SPAN * len(a)) + 1])
    if _in_sorted(info_a, lead).mean() < settings.TRIM_MIN_LEAD:
        return False
    # Starts measured on informative shingles (a dated dateline opens one text, not the other).
    seq_a = a[~_in_sorted(a, formula)] if len(formula) else a
    quarter = max(1, len(seq_a) // 4)
    return bool(_in_sorted(seq_a[:quarter], info_b).mean() >= settings.TRIM_MIN_HEAD)


def _paraphrased_copy(
    a: Words | Sequence[Sequence[str]], b: Words | Sequence[Sequence[str]], p: Paraphrase | None = None
) -> bool:
    """The paraphrase rule for a pair in the band that shingle alignment did not decide (``PARA_*``).
    ``p``: ``paraphrase(a, b)`` when the caller has it already."""
    p = paraphrase(a, b) if p is None else p
    if settings.PARA_FULL and (
        p.matched >= settings.PARA_FULL_SENTENCES
        and p.ordered >= 1
        and p.cover >= settings.PARA_FULL_COVER
        and not p.figures_differ
    ):
        return True
    return (
        p.matched >= settings.PARA_MIN_SENTENCES
        and p.ordered >= settings.PARA_MIN_ORDERED
        and p.cover >= settings.PARA_MIN_COVER
        and p.start <= settings.ALIGN_MAX_START
    )


# A token of 1-2 characters or a figure: not a content word (regex on the joined text: one call per text).
_SHORT_RE = re.compile(r"(?<!\S)(?:\S{1,2}|\d+)(?!\S)")


def content_sequence(sentences: Sequence[Sequence[str]], skip: Sequence[bool] = ()) -> list[str]:
    """The content words of a text in order (3+ characters, no token made only of digits: a figure glued
    to a clitic or a unit, و25 or 2015م, stays a word; article and clitics stripped as in
    ``alignment.words``), sentences flagged in ``skip`` (formula) left out."""
    text = " ".join(" ".join(s) for k, s in enumerate(sentences) if not (k < len(skip) and skip[k]))
    return CLITIC_PREFIX_RE.sub("", _SHORT_RE.sub("", text)).split()


# Weekday names after ``content_sequence``'s stripping; أحد / اثنين are also "one" / "two": a day only
# after يوم.
_DAYS = frozenset({"ثلاثاء", "اربعاء", "خميس", "جمعه", "سبت"})
_DAYS_AFTER_YAWM = frozenset({"احد", "اثنين"})


def weekdays(sequence: Sequence[str]) -> frozenset[str]:
    """The weekdays a content-word sequence names."""
    return frozenset(
        w
        for k, w in enumerate(sequence)
        if w in _DAYS or (w in _DAYS_AFTER_YAWM and k and sequence[k - 1] == "يوم")
    )


def _other_days(days: tuple[frozenset[str], frozenset[str]]) -> bool:
    """One template told on two days: each text names a weekday (:func:`weekdays`) the other does not.
    Symmetric, so the rules need not swap ``days`` with their texts."""
    return bool(days[0] - days[1] and days[1] - days[0])


def _reworded_copy(
    a: Sequence[str],
    b: Sequence[str],
    figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    all_figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    days: tuple[frozenset[str], frozenset[str]] | None = None,
) -> bool:
    """The reworded-release rule (``REWORD_*``) for two texts given as content-word sequences. ``days``:
    each text's weekdays (:func:`weekdays`) when the caller has them already."""
    if days is None:
        days = (weekdays(a), weekdays(b))
    if len(a) > len(b) or (len(a) == len(b) and list(a) > list(b)):
        a, b = b, a
        figures, all_figures = figures[::-1], all_figures[::-1]
    if len(a) < 2 or len(a) < settings.REWORD_MIN_RATIO * len(b):
        return False
    if settings.REWORD_DAYS and _other_days(days):
        return False  # one template told on two days (two interceptions, two daily reports)
    if _new_figures(figures, all_figures, settings.REWORD_MAX_NEW_FIGURES):
        return False
    vocab = set(b)
    if sum(w in vocab for w in a) < settings.REWORD_MIN_WORDS * len(a):
        return False
    pairs_a, pairs_b = set(pairwise(a)), set(pairwise(b))
    return len(pairs_a & pairs_b) >= settings.REWORD_MIN_PAIRS * len(pairs_a)


def _brief_copy(
    a: Words,
    b: Words,
    days: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    all_figures: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    compared: Paraphrase | None = None,
) -> bool:
    """The lead-brief rule (``BRIEF_*``): the shorter text is a brief or a caption condensing the other's
    lead. ``days``: each text's weekdays (:func:`weekdays`); figures as for :func:`_reworded_copy`;
    ``compared``: ``paraphrase(a, b)`` when the caller has it already (it is symmetric)."""
    if a.content > b.content:
        a, b = b, a
        figures, all_figures = figures[::-1], all_figures[::-1]
    if not a.content or a.content > settings.BRIEF_MAX_RATIO * b.content:
        return False  # about one length: two items on one template, not a brief of the other
    if _other_days(days):
        return False  # one template told on two days
    if _new_figures(figures, all_figures, 0):
        return False  # another figure: another day's report on one template
    p = paraphrase(a, b) if compared is None else compared
    # One sentence matched must be the other's lead; several sentences matched may come in another order,
    # the lead among them (else a statement quoted further down a round-up, its sentences swapped). With one
    # sentence matched, ``lead_matched`` is ``long_lead``.
    lead = p.lead_matched if settings.BRIEF_REORDERED else p.long_lead
    return p.cover >= settings.BRIEF_MIN_COVER and lead and not p.figures_differ
