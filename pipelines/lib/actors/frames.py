"""The registry as warehouse tables: ``actors``, ``actor_roles``, ``actor_links``."""

from __future__ import annotations

from datetime import date

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.actors.model import Registry


def actors_frame(registry: Registry) -> pl.DataFrame:
    """The ``actors`` table, one row per registry actor, sorted by actor_id."""
    rows = [
        {
            "actor_id": a.actor_id,
            "name_en": a.name_en,
            "name_ar": a.name_ar,
            "type": a.type,
            "country": a.country,
            "wikidata_id": a.wikidata_id,
            "aliases_ar": list(a.aliases_ar),
            "aliases_en": list(a.aliases_en),
        }
        for a in sorted(registry.actors.values(), key=lambda a: a.actor_id)
    ]
    return schemas.conform("actors", schemas.frame("actors", rows))


def actor_roles_frame(registry: Registry) -> pl.DataFrame:
    """The ``actor_roles`` table: every dated role of every person (end exclusive)."""
    rows = [
        {"actor_id": actor_id, "role": r.role, "start_date": r.start, "end_date": r.end}
        for actor_id in sorted(registry.person_roles)
        for r in sorted(registry.person_roles[actor_id], key=lambda r: (r.start or date.min, r.role))
    ]
    return schemas.conform("actor_roles", schemas.frame("actor_roles", rows))


def actor_links_frame(registry: Registry) -> pl.DataFrame:
    """The ``actor_links`` table: renames/successions between actors and former names."""
    rows = []
    for a in sorted(registry.actors.values(), key=lambda a: a.actor_id):
        rows += [{"actor_id": a.actor_id, "relation": k, "target_actor_id": v} for k, v in a.links]
        rows += [{"actor_id": a.actor_id, "relation": "former_name", "name": n} for n in a.former_names]
    return schemas.conform("actor_links", schemas.frame("actor_links", rows))
