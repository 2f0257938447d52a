"""Output rows and frames (``copies``, ``members``) and story counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from pipelines.lib.dedup.model import (
    METHOD_ALIGNED,
    METHOD_CONTAINMENT,
    METHOD_EXACT,
    METHOD_MINHASH,
    METHOD_ORIGINAL,
    RULE_CONTAINMENT,
    RULE_JACCARD,
    DedupArticle,
    _key,
    _norm_outlet,
    _Pair,
)


def _method_of(rule: str) -> str:
    """The article_copies / story_members ``method`` of a pair decided by ``rule``."""
    return {RULE_JACCARD: METHOD_MINHASH, RULE_CONTAINMENT: METHOD_CONTAINMENT}.get(rule, METHOD_ALIGNED)


def independent_sources(members: Sequence[DedupArticle]) -> int:
    """Outlets in a story that wrote the text rather than copied it: distinct credited authors.

    A member counts for the outlet its text is credited to (``credited_outlet``, else the serving
    outlet). A site republishing an agency item credits the agency, so twenty copies of one wire
    item are one source; two outlets each presenting the same text as their own count twice (one
    of them copied without credit, which an analyst should see).
    """
    return len({_norm_outlet(m.credited_outlet or m.outlet_id) for m in members})


def _copy_row(
    m: DedupArticle,
    story_id: str,
    original: DedupArticle,
    unit: int,
    orig_unit: int,
    pairs: dict[tuple[int, int], _Pair],
) -> dict[str, object]:
    if m.article_id == original.article_id:
        return {
            "article_id": m.article_id,
            "story_id": story_id,
            "is_original": True,
            "copy_of": None,
            "similarity": 1.0,
            "containment": 1.0,
            "method": METHOD_ORIGINAL,
        }
    if unit == orig_unit:
        jac, cont, method = 1.0, 1.0, METHOD_EXACT
    else:
        p = pairs[_key(unit, orig_unit)]
        jac, cont = p.jaccard, p.containment
        method = _method_of(p.rule)
    return {
        "article_id": m.article_id,
        "story_id": story_id,
        "is_original": False,
        "copy_of": original.article_id,
        "similarity": jac,
        "containment": cont,
        "method": method,
    }


def _frame(rows: list[dict[str, object]], schema: Mapping[str, Any], sort: list[str]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame({c: [r.get(c) for r in rows] for c in schema}, schema=schema).sort(sort)
