"""Country names a text names, for the "one template, another country" guard (``COUNTRY_GUARD``).

The names are the actor registry's own country surfaces, read once per process by the registry's
loader (``pipelines.lib.actors.registry``: its YAML reader refusing a key written twice, and
``add_countries``: pycountry ISO countries with their Babel CLDR Arabic names minus ``drop_aliases``
such as مالي "financial", curated aliases, and every inflected form of the curated or derived nisba
stems), without the registry's other actors or its automaton. Only this small dictionary is built
here, never the actor matcher: each text's content words (``rules.content_sequence``) are scanned
once, with one dict lookup per word.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from pipelines.lib.actors import registry as actor_registry
from pipelines.lib.dedup.rules import content_sequence
from pipelines.lib.dedup.tokens import sentence_tokens

REGISTRY_DIR = actor_registry.DEFAULT_DIR
# The registry readings that are the country itself: its names (CLDR, curated aliases) and nisba forms.
# Not its capitals (a metonym is a city in a dateline or a venue as often as the state), English names,
# the لX variants (content_sequence strips the ل), strict spellings or conditional readings.
_SURFACE_MATCHES = frozenset({"alias", "nisba"})


def _registry_surfaces(directory: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The registry's country layer, built by its own loader (as ``load_registry`` starts, without the
    other actors, the cities or the automaton). Two lists of (registry key, alpha-3): the country's names
    and nisba forms, and its other readings (capitals, strict or conditional spellings: عمان is Oman's
    name and, conditionally, Amman, Jordan's capital)."""
    _, builder = actor_registry._country_layer(directory)
    surfaces: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for key, bucket in builder.by_key.items():
        for e in bucket:
            if not (e.actor_id or "").startswith("country:") or e.latin or e.lam:
                continue  # English names; the لX variants (content_sequence strips the ل anyway)
            code = e.actor_id.removeprefix("country:")
            plain = e.match in _SURFACE_MATCHES and not e.conditional and e.strict is None
            (surfaces if plain else others).append((key, code))
    return surfaces, others


@functools.lru_cache(maxsize=4)
def country_keys(directory: Path = REGISTRY_DIR) -> dict[tuple[str, ...], str]:
    """Each country surface of the registry as the content words ``content_sequence`` makes of it
    (same tokeniser, article and clitics stripped) -> alpha-3 code. Dropped, since they name no country
    for sure: a surface left empty (all short words); one two countries share; one that is also another
    country's capital or conditional reading (عمان: Oman, or Amman).

    The registry's ``not_surfaces`` cannot apply here: they are written forms the matcher tells apart
    from a surface by a letter normalisation folds (اليمنى "right" / اليمني "Yemeni"), so here they are
    the same content word as the surface; dropping it would lose a frequent nisba (in the shared corpus
    the content word يمني occurs 194 times, written اليمنى / يمنى 11 of them)."""
    surfaces, others = _registry_surfaces(directory)
    tokens = sentence_tokens([text for group in (surfaces, others) for text, _ in group])
    content = [tuple(content_sequence(sentences)) for sentences in tokens]
    keys: dict[tuple[str, ...], str] = {}
    unsure: set[tuple[str, ...]] = set()
    for (_, code), key in zip(surfaces, content[: len(surfaces)], strict=True):
        if not key:
            continue
        if keys.get(key, code) != code:
            unsure.add(key)
        keys[key] = code
    for (_, code), key in zip(others, content[len(surfaces) :], strict=True):
        if key in keys and keys[key] != code:
            unsure.add(key)
    return {k: c for k, c in keys.items() if k not in unsure}


@functools.lru_cache(maxsize=4)
def _index(directory: Path = REGISTRY_DIR) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the keys starting with it, longest first (longest match wins)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in country_keys(directory):
        by_first.setdefault(key[0], []).append(key)
    return {w: tuple(sorted(ks, key=len, reverse=True)) for w, ks in by_first.items()}


def countries(
    sequence: Sequence[str], directory: Path = REGISTRY_DIR
) -> dict[str, frozenset[tuple[str, str]]]:
    """The countries a content-word sequence names (by name, alias or nisba): alpha-3 code -> the
    frames it sits in, each the content word before and the one after it ("" at an end)."""
    index, keys = _index(directory), country_keys(directory)
    found: dict[str, set[tuple[str, str]]] = {}
    k, n = 0, len(sequence)
    while k < n:
        step = 1
        for key in index.get(sequence[k], ()):
            if tuple(sequence[k : k + len(key)]) == key:
                end = k + len(key)
                found.setdefault(keys[key], set()).add(
                    (sequence[k - 1] if k else "", sequence[end] if end < n else "")
                )
                step = len(key)
                break
        k += step
    return {code: frozenset(frames) for code, frames in found.items()}


# Words before a country that make it an outlet's name, not a template's slot: two texts closing
# with different agency credits ("وكالة الأنباء السعودية" / "وكالة أنباء الإمارات") are not two events
# (كاله: the content words strip و from وكالة as a conjunction).
_OUTLET_WORDS = frozenset(
    {"انباء", "وكاله", "كاله", "صحيفه", "جريده", "قناه", "اذاعه", "تلفزيون", "موقع", "مجله"}
)


def other_country(a: dict[str, frozenset[tuple[str, str]]], b: dict[str, frozenset[tuple[str, str]]]) -> bool:
    """One template told for two countries: a country only ``a`` names and one only ``b`` names sit in the
    same frame (same word before and after: "جمهورية تشاد بمناسبة" / "جمهورية الإكوادور بمناسبة"). Two
    round-ups of reactions naming other countries in other sentences, or a copy adding a country, do not;
    nor do frames at a text's end (a credit) or after an outlet noun."""

    def slots(frames: frozenset[tuple[str, str]]) -> set[tuple[str, str]]:
        return {f for f in frames if f[0] and f[1] and f[0] not in _OUTLET_WORDS}

    only_a = {f for code, frames in a.items() if code not in b for f in slots(frames)}
    if not only_a:
        return False
    return any(f in only_a for code, frames in b.items() if code not in a for f in slots(frames))
