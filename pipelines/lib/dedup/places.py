"""Country names a text names, for the "one template, another country" guard (``COUNTRY_GUARD``), and its
places below the country (cities, Saudi regions, districts) for the same guard one level down
(``PLACE_GUARD``, second half of this module).

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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pipelines.lib.actors import registry as actor_registry
from pipelines.lib.dedup.rules import _DAYS, _DAYS_AFTER_YAWM, content_sequence
from pipelines.lib.dedup.tokens import sentence_tokens

REGISTRY_DIR = actor_registry.DEFAULT_DIR
# The registry readings that are the country itself: its names (CLDR, curated aliases) and nisba forms.
# Not its capitals (a metonym is a city in a dateline or a venue as often as the state), English names,
# the لX variants (content_sequence strips the ل), strict spellings or conditional readings.
_SURFACE_MATCHES = frozenset({"alias", "nisba"})


@functools.lru_cache(maxsize=4)
def _layer(directory: Path) -> tuple[list[dict[str, Any]], actor_registry._Builder]:
    """The registry's files and country layer, built once for both guards (0.4 s a build)."""
    return actor_registry._country_layer(directory)


def _registry_surfaces(directory: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The registry's country layer, built by its own loader (as ``load_registry`` starts, without the
    other actors, the cities or the automaton). Two lists of (registry key, alpha-3): the country's names
    and nisba forms, and its other readings (capitals, strict or conditional spellings: عمان is Oman's
    name and, conditionally, Amman, Jordan's capital)."""
    _, builder = _layer(directory)
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


def _by_first_word(keys: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the keys starting with it, longest first (longest match wins)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in keys:
        by_first.setdefault(key[0], []).append(key)
    return {w: tuple(sorted(ks, key=len, reverse=True)) for w, ks in by_first.items()}


def _key_at(
    sequence: Sequence[str], k: int, index: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[str, ...] | None:
    """The first of ``index``'s keys for ``sequence[k]`` (longest first) that the sequence holds from k on."""
    return next((key for key in index.get(sequence[k], ()) if tuple(sequence[k : k + len(key)]) == key), None)


@functools.lru_cache(maxsize=4)
def _index(directory: Path = REGISTRY_DIR) -> dict[str, tuple[tuple[str, ...], ...]]:
    return _by_first_word(country_keys(directory))


def countries(
    sequence: Sequence[str], directory: Path = REGISTRY_DIR
) -> dict[str, frozenset[tuple[str, str]]]:
    """The countries a content-word sequence names (by name, alias or nisba): alpha-3 code -> the
    frames it sits in, each the content word before and the one after it ("" at an end)."""
    index, keys = _index(directory), country_keys(directory)
    found: dict[str, set[tuple[str, str]]] = {}
    k, n = 0, len(sequence)
    while k < n:
        key = _key_at(sequence, k, index)
        if key is None:
            k += 1
            continue
        end = k + len(key)
        frame = (sequence[k - 1] if k else "", sequence[end] if end < n else "")
        found.setdefault(keys[key], set()).add(frame)
        k = end
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
    nor do frames at a text's end (a credit) or after an outlet noun. :func:`other_place`'s test: a
    country's frames are single words (no place noun) and its codes no district words."""
    return other_place(a, b)


# Places below the country (``PLACE_GUARD``, round 10): the cities of the actor registry's city layer
# (``data/actors/cities.tsv``, generated from GeoNames by ``pipelines.lib.cities``) and Saudi Arabia's 13
# regions (``data/places/sau_regions.tsv``: ISO 3166-2:SA, none of them is in cities15000 under the region's
# own name when it differs from its capital's: عسير، القصيم، الشرقية ...).
REGIONS_PATH = Path(__file__).resolve().parents[3] / "data" / "places" / "sau_regions.tsv"
# A place noun: a place right after it sits in the template's place slot ("بمنطقة عسير" / "بمنطقة جازان"),
# whatever words follow; a listed name that is also a word counts only there.
PLACE_NOUNS = frozenset(
    {"منطقه", "محافظه", "محافظ", "مدينه", "امانه", "بلديه", "حي", "قريه", "بلده", "ولايه"}
)
# A district no list holds: any word after حي ("بحي العوالي" / "بحي الشرائع"); not after the other nouns,
# where منطقة is as often "the region" (المنطقة العربية): measured, any word after any place noun lost 29
# copy pairs of dev..dev5 (any story).
DISTRICT_NOUNS = frozenset({"حي"})
# The first content words of a text are its dateline ("عام / الرياض 12 مارس واس"): a copy re-served under
# another city's dateline is still a copy.
DATELINE_WORDS = 3
# ... or, when one of its first DATELINE_LINES lines is short (at most DATELINE_LINE_WORDS content words:
# "الطائف - واس", "وكالة الأنباء السعودية - أبها"), all up to that line (a headline above it).
DATELINE_LINES = 2
DATELINE_LINE_WORDS = 5


def dateline_end(sentences: Sequence[Sequence[str]], skip: Sequence[bool] = ()) -> int:
    """Where a text's places start: past DATELINE_WORDS, or past its first short line among its first
    DATELINE_LINES. ``sentences``: its tokenised sentences (lines), ``skip`` as for ``content_sequence``
    (formula sentences count no word)."""
    end = 0
    for k, s in enumerate(sentences[:DATELINE_LINES]):
        n = len(content_sequence([s], skip[k : k + 1]))
        end += n
        if 0 < n <= DATELINE_LINE_WORDS:
            return max(end, DATELINE_WORDS)
    return DATELINE_WORDS


def _place_noun(word: str) -> str:
    """The place noun a content word is, with a ب / ل / و the content words keep ("بمنطقه"), else ""."""
    if word in PLACE_NOUNS:
        return word
    return word[1:] if word[:1] in ("ب", "ل", "و") and word[1:] in PLACE_NOUNS else ""


def _content_keys(names: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(content_sequence(s)) for s in sentence_tokens(list(names))]


def _read_regions(path: Path) -> list[tuple[str, tuple[str, ...], bool]]:
    with path.open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    return [(code, tuple(names.split("|")), cue == "1") for code, _, names, cue in rows[1:]]


@functools.lru_cache(maxsize=4)
def place_keys(
    directory: Path = REGISTRY_DIR, regions: Path = REGIONS_PATH
) -> dict[tuple[str, ...], tuple[str, bool]]:
    """Each city and region name as ``content_sequence`` writes it -> (place id, needs a place noun).
    Cities: ``city:<geonameid>`` (a name two cities share is ``name:<key>``: still one place for the guard),
    spelling variants of one city one id; regions ``region:<ISO 3166-2>`` unless a city holds the name (the
    region named after its capital). The city layer's ambiguity lists are reused: ``BLOCKED_CITY_NAMES`` are
    never a place; ``COMMON_CITY_NAMES`` and given names (``registry._common_names``) and the regions marked
    ``cue_only`` are one only right after a place noun. A country's name (``country_keys``) stays the country
    guard's."""
    from pipelines.lib import cities as cities_mod
    from pipelines.lib.actors.places import BLOCKED_CITY_NAMES

    files, _ = _layer(directory)
    # A weekday is a word too (الخميس: Khemis).
    common = set(_content_keys(sorted(actor_registry._common_names(directory, files))))
    common |= {(day,) for day in _DAYS | _DAYS_AFTER_YAWM}
    blocked = set(_content_keys(BLOCKED_CITY_NAMES)) | set(country_keys(directory))
    path = directory / actor_registry._CITIES_NAME
    rows = cities_mod.load_cities(path) if path.exists() else []
    names = [(f"city:{c.geonameid}", n) for c in rows for n in c.names_ar]
    ids: dict[tuple[str, ...], str] = {}
    for (place, name), key in zip(names, _content_keys([n for _, n in names]), strict=True):
        # A name a short word drops out of is another word ("كان ثو" Can Tho -> كان "was", "ود مدني" -> مدني).
        if key and key not in blocked and len(key) == len(name.split()):
            ids[key] = place if ids.get(key, place) == place else "name:" + " ".join(key)
    cue_only = {k for k in ids if k in common}
    for code, region_names, cue in _read_regions(regions):
        for key in _content_keys(region_names):
            if key and key not in ids:
                ids[key] = "region:" + code
            if key and cue:
                cue_only.add(key)  # also when a city holds the name (الجوف: a Libyan town, and "the hollow")
    return {k: (p, k in cue_only) for k, p in ids.items()}


@functools.lru_cache(maxsize=4)
def _place_index(
    directory: Path = REGISTRY_DIR, regions: Path = REGIONS_PATH
) -> dict[str, tuple[tuple[str, ...], ...]]:
    return _by_first_word(place_keys(directory, regions))


def places(
    sequence: Sequence[str],
    directory: Path = REGISTRY_DIR,
    regions: Path = REGIONS_PATH,
    start: int = DATELINE_WORDS,
) -> dict[str, frozenset[tuple[str, str]]]:
    """The places below the country a content-word sequence names: place id -> its frames (word before,
    word after). A listed name anywhere past the dateline; after a place noun, any word (``word:<w>``: a
    district no list holds) and the listed names that are also words."""
    index, keys = _place_index(directory, regions), place_keys(directory, regions)
    found: dict[str, set[tuple[str, str]]] = {}
    k, n = max(start, 1), len(sequence)  # k - 1 must not wrap to the text's last word
    while k < n:
        step, noun = 1, _place_noun(sequence[k - 1])
        cue, place = bool(noun), None
        if noun in DISTRICT_NOUNS and not _place_noun(sequence[k]):
            # After حي a district, also when a city bears its name (حي الشفا; شفا a city of the layer), and
            # a final hamza is a spelling of it (الشفاء / الشفا, الصفاء / الصفا).
            place = "word:" + sequence[k].removesuffix("ء")
        key = _key_at(sequence, k, index) if place is None else None
        if key is not None:
            place, needs_cue = keys[key]
            place = place if cue or not needs_cue else None
            step = len(key)
        if place is not None:
            end = k + step
            # After a place noun the slot is the two words leading to the place, whatever follows (a reworded
            # copy goes on with other words); else the word before and the one after.
            frame = (
                (f"{sequence[k - 2] if k > 1 else ''} {noun}", "")
                if noun
                else (sequence[k - 1], sequence[end] if end < n else "")
            )
            found.setdefault(place, set()).add(frame)
        k += step
    return {p: frozenset(frames) for p, frames in found.items()}


def other_place(
    a: dict[str, frozenset[tuple[str, str]]],
    b: dict[str, frozenset[tuple[str, str]]],
    words_a: frozenset[str] = frozenset(),
    words_b: frozenset[str] = frozenset(),
) -> bool:
    """One template told for two places: a place only ``a`` names and one only ``b`` names sit in the same
    frame (``other_country``'s condition), or both right after the same place noun with the same word before
    it ("المدني بمنطقة عسير المواطنين" / "المدني بمنطقة جازان من": the template's words lead to the slot, a
    reworded copy may go on with other words; two pages naming "مدينة بريدة" / "مدينة جدة" in other
    sentences do not). ``words_a`` /
    ``words_b``: each text's content words; a district word the other text holds anywhere is no other
    place (a reworded copy moving a word in: "بحي العوالي" / "بحي الإنشاء العوالي")."""

    def only(
        x: dict[str, frozenset[tuple[str, str]]],
        y: dict[str, frozenset[tuple[str, str]]],
        words: frozenset[str],
    ) -> Iterator[frozenset[tuple[str, str]]]:
        for p, frames in x.items():
            if p not in y and not (p.startswith("word:") and (p[5:] in words or p[5:] + "ء" in words)):
                yield frames

    def slots(frames: frozenset[tuple[str, str]]) -> set[tuple[str, str]]:
        # A frame at a text's end (a credit) or after an outlet noun is no slot; a place noun's frame has
        # no word after (" " in it: the word before the noun and the noun).
        return {f for f in frames if f[0] and f[0] not in _OUTLET_WORDS and (f[1] or " " in f[0])}

    only_a = {f for frames in only(a, b, words_b) for f in slots(frames)}
    if not only_a:
        return False
    return any(f in only_a for frames in only(b, a, words_a) for f in slots(frames))
