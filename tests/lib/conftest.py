"""The actor registry fixture and the small readers of ``find_mentions`` that the actor tests share
(tests/lib/test_actor*.py, tests/lib/test_actors.py). Import the helpers with
``from tests.lib.conftest import found, ids``."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.lib.actors import MATCH_KINDS, Mention, Registry, find_mentions, load_registry


@pytest.fixture(scope="session")
def reg() -> Registry:
    """The default registry (``data/actors``); ``load_registry`` caches it, so every test shares one."""
    return load_registry()


def found(text: str, reg: Registry, on_date: date | None = None) -> list[Mention]:
    """``find_mentions``, checking that every offset points into ``text`` and every match kind is known."""
    mentions = find_mentions(text, reg, on_date)
    for m in mentions:
        assert text[m.start : m.end] == m.surface, m
        assert m.match in MATCH_KINDS
    return mentions


def ids(mentions: list[Mention]) -> set[str]:
    return {m.actor_id for m in mentions}


def triples(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(m.actor_id, m.surface, m.match) for m in mentions}


def role_holders(text: str, reg: Registry, on_date: date) -> list[str]:
    """Person ids resolved from a bare title (match "role") in ``text`` on ``on_date``."""
    return [m.actor_id for m in find_mentions(text, reg, on_date) if m.match == "role"]
