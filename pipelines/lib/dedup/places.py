"""Country names a text names, for the "one template, another country" guard (``COUNTRY_GUARD``).

The names are read once per process from the maintained lists the actor registry is built from
(pycountry ISO countries with their Babel CLDR Arabic names, plus ``data/actors/countries.yaml``'s
aliases and nisba stems, minus its ``drop_aliases``: CLDR names that are also common words, such as
مالي "financial"). Only this small dictionary is built here, never the actor matcher: each text's
content words (``rules.content_sequence``) are scanned once, with one dict lookup per word.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import babel
import pycountry
import yaml

from pipelines.lib.actors.forms import _nisba_forms
from pipelines.lib.dedup.rules import content_sequence
from pipelines.lib.dedup.tokens import sentence_tokens

COUNTRIES_FILE = Path(__file__).resolve().parents[3] / "data" / "actors" / "countries.yaml"


def _surfaces(path: Path) -> list[tuple[str, str]]:
    """(Arabic surface, alpha-3 code) pairs: CLDR names, curated aliases, nisba forms."""
    curated = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("countries", {}) or {}
    names = babel.Locale("ar").territories
    out: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_3
        entry = curated.get(code) or {}
        dropped = {str(d) for d in entry.get("drop_aliases") or []}
        cldr = names.get(country.alpha_2)
        if cldr and cldr not in dropped:
            out.append((cldr, code))
        for alias in entry.get("aliases_ar") or []:
            text = alias["text"] if isinstance(alias, dict) else str(alias)
            if text not in dropped:
                out.append((text, code))
        for stem in entry.get("nisba") or []:
            out.extend((form, code) for form in _nisba_forms(str(stem)))
        out.extend((str(extra), code) for extra in entry.get("nisba_extra") or [])
    return out


# Country names that are also another country's capital: عمان is Oman and Amman (Jordan).
_AMBIGUOUS = frozenset({("عمان",)})


@functools.lru_cache(maxsize=4)
def country_keys(path: Path = COUNTRIES_FILE) -> dict[tuple[str, ...], str]:
    """Each country surface as the content words ``content_sequence`` makes of it (same tokeniser,
    article and clitics stripped) -> alpha-3 code. A surface left empty (all short words) is dropped;
    a surface two countries share is dropped too (it names neither for sure)."""
    surfaces = _surfaces(path)
    keys: dict[tuple[str, ...], str] = {}
    shared: set[tuple[str, ...]] = set()
    for (_, code), sentences in zip(surfaces, sentence_tokens([s for s, _ in surfaces]), strict=True):
        key = tuple(content_sequence(sentences))
        if not key:
            continue
        if keys.get(key, code) != code:
            shared.add(key)
        keys[key] = code
    return {k: c for k, c in keys.items() if k not in shared and k not in _AMBIGUOUS}


@functools.lru_cache(maxsize=4)
def _index(path: Path = COUNTRIES_FILE) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the keys starting with it, longest first (longest match wins)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in country_keys(path):
        by_first.setdefault(key[0], []).append(key)
    return {w: tuple(sorted(ks, key=len, reverse=True)) for w, ks in by_first.items()}


def countries(sequence: Sequence[str], path: Path = COUNTRIES_FILE) -> dict[str, frozenset[tuple[str, str]]]:
    """The countries a content-word sequence names (by name, alias or nisba): alpha-3 code -> the
    frames it sits in, each the content word before and the one after it ("" at an end)."""
    index, keys = _index(path), country_keys(path)
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
