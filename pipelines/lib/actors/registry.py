"""Loading the actor registry from ``data/actors/*.yaml``.

Countries come from pycountry with their Arabic/English CLDR names from Babel, plus the curated
entries of the YAML files (see ``data/actors/README.md`` for the format); then the curated actors,
the generated state bodies (``templates``), the sports blocks and the blocklist. ``build`` compiles
one Aho-Corasick automaton over every normalised key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import babel
import pycountry
import yaml

from pipelines.lib.actors.forms import _expand, _key, _nisba_forms, _skeleton
from pipelines.lib.actors.model import ACTOR_TYPES, Actor, Registry, Role, _Entry
from pipelines.lib.actors.templates import (
    _BARE_BODIES,
    _CONSTRUCT_CENTRAL_BANKS,
    _CONSTRUCT_NAMES_AR,
    _CONSTRUCT_TITLES,
    _GENERIC_BODIES,
    _SPORTS_NAME,
    _SPORTS_NISBA,
    _STATE_FORM_WORDS,
)

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "data" / "actors"
_ARABIC_START = {chr(c) for c in range(0x0621, 0x064B)} | {chr(c) for c in range(0x0671, 0x06D4)}
_ACTOR_KEYS = {
    "id", "type", "name_en", "name_ar", "country", "wikidata_id", "aliases_ar", "aliases_en",
    "metonyms", "nisba", "nisba_extra", "titles", "roles", "links", "notes", "not_surfaces",
    "drop_aliases", "former_names",
}  # fmt: skip
_ALIAS_KEYS = {"text", "strict", "only_after_full", "requires_any", "unless_any", "from", "until"} | {
    "after_any",
    "unless_after",
    "not_construct",
}
_TITLE_KEYS = {"role", "aliases_ar", "from", "until"}
# libyaml's C parser when available: the pure-Python one was two thirds of load_registry's time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _as_date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: bad date {value!r}") from exc


def _as_list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
    return value


class _Builder:
    """Collects actors and key entries while the YAML files are read."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.person_roles: dict[str, list[Role]] = {}
        self.not_surfaces: dict[str, frozenset[str]] = {}
        self.by_key: dict[str, list[_Entry]] = {}
        self.nisba_stems: dict[str, list[str]] = {}  # alpha-3 -> stems
        self.country_names: dict[str, list[str]] = {}  # alpha-3 -> unconditional Arabic names
        self.country_keys: dict[str, tuple[str, str]] = {}  # key -> (country actor id, match)
        self.pending_refs: list[tuple[str, str]] = []  # (where, referenced actor id)

    def add_key(self, text: str, entry: _Entry) -> None:
        key = _key(text)
        if not key:
            return
        latin = key[0] not in _ARABIC_START
        strict = entry.strict
        if latin:
            strict = " ".join(text.split())  # English: case-sensitive exact spelling
        elif strict is not None:
            strict = _skeleton(text)
        entry = _replace(entry, strict=strict, latin=latin, nested=self._nested(key, entry))
        self._put(key, entry)
        words = key.split(" ")
        if not latin and strict is None and len(words) >= 3 and all(len(w) <= 3 for w in words):
            # An acronym spelled in letter names (سي إن إن, بي بي سي) is also written with dots.
            for sep in (".", " . "):
                dotted = sep.join(words)
                self._put(dotted, _replace(entry, nested=self._nested(dotted, entry)))
        if not latin and key.startswith("ال") and len(key) > 3:
            lam_key = "ل" + key[2:]
            self._put(lam_key, _replace(entry, lam=True, nested=self._nested(lam_key, entry)))

    def _put(self, key: str, entry: _Entry) -> None:
        bucket = self.by_key.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def _nested(self, key: str, entry: _Entry) -> tuple[tuple[int, int, str, str], ...]:
        """Country references inside a government/title alias (e.g. الأميركي in a title)."""
        if entry.actor_id is None or not (entry.match == "title" or self._is_gov(entry.actor_id)):
            return ()
        spans = []
        pos = 0
        starts = []
        for word in key.split(" "):
            starts.append((pos, pos + len(word)))
            pos += len(word) + 1
        i = 0
        while i < len(starts):
            found = None
            for j in range(len(starts) - 1, i - 1, -1):  # longest word sequence first
                sub = key[starts[i][0] : starts[j][1]]
                if sub in self.country_keys and sub != key:
                    found = (j, self.country_keys[sub])
                    break
            if found:
                j, (actor_id, match) = found
                spans.append((starts[i][0], starts[j][1], actor_id, match))
                i = j + 1
            else:
                i += 1
        return tuple(spans)

    def _is_gov(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.type == "government"

    def alias_items(self, raw: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
        items = []
        for item in _as_list(raw, where):
            if isinstance(item, str):
                items.append((item, {}))
            elif isinstance(item, dict):
                unknown = set(item) - _ALIAS_KEYS
                if unknown or "text" not in item:
                    raise ValueError(f"{where}: bad alias {item!r} (keys: {sorted(_ALIAS_KEYS)})")
                items.append((str(item["text"]), item))
            else:
                raise ValueError(f"{where}: alias must be a string or a mapping, got {item!r}")
        return items

    def entry(
        self, actor_id: str | None, match: str, opts: Mapping[str, Any], where: str, **kw: Any
    ) -> _Entry:
        requires = tuple(opts.get("requires_any") or ())
        unless = tuple(opts.get("unless_any") or ())
        for ref in requires + unless:
            self.pending_refs.append((where, ref))
        return _Entry(
            actor_id=actor_id,
            match=match,
            strict="" if opts.get("strict") else None,
            only_after_full=bool(opts.get("only_after_full")),
            requires_any=requires,
            unless_any=unless,
            after_any=tuple(_key(str(w)) or str(w) for w in _as_list(opts.get("after_any"), where)),
            unless_after=tuple(_key(str(w)) or str(w) for w in _as_list(opts.get("unless_after"), where)),
            not_construct=bool(opts.get("not_construct")),
            valid_from=_as_date(opts.get("from"), where),
            valid_until=_as_date(opts.get("until"), where),
            **kw,
        )

    # -- countries ------------------------------------------------------------------------
    def add_countries(self, curated: Mapping[str, Any]) -> None:
        # Local import: the country facts module is helper D's; it has no other dependency here.
        from pipelines.lib import countries as facts_mod

        ar = babel.Locale("ar").territories
        en = babel.Locale("en").territories
        facts = facts_mod.load_facts()
        codes: dict[str, tuple[str | None, str | None, list[str]]] = {}
        for c in pycountry.countries:
            names_en = [en.get(c.alpha_2), c.name, getattr(c, "common_name", None)]
            codes[c.alpha_3] = (ar.get(c.alpha_2), en.get(c.alpha_2) or c.name, [n for n in names_en if n])
        for a3, extra in curated.items():
            if a3 not in codes:  # a territory pycountry lacks (e.g. Kosovo): CLDR names via alpha2
                extra = extra if isinstance(extra, dict) else {}
                a2 = extra.get("alpha2")
                name_ar = extra.get("name_ar") or (ar.get(a2) if a2 else None)
                name_en = extra.get("name_en") or (en.get(a2) if a2 else None)
                if not name_en or not name_ar:
                    raise ValueError(
                        f"countries.{a3}: not an ISO alpha-3 code; give alpha2 (CLDR) or name_en and name_ar"
                    )
                codes[a3] = (name_ar, name_en, [name_en])
        # Pass 1: names. A capital spelled like any country's name is that country, not a metonym.
        plans: dict[str, tuple[dict[str, Any], list[str]]] = {}
        name_keys: dict[str, str] = {}
        for a3 in sorted(codes):
            name_ar = codes[a3][0]
            extra = curated.get(a3) or {}
            where = f"countries.{a3}"
            unknown = set(extra) - _ACTOR_KEYS - facts_mod.COUNTRY_ONLY_KEYS
            if unknown:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            drop = {_key(a) for a in _as_list(extra.get("drop_aliases"), where)}
            # CLDR names like "ميانمار (بورما)" keep only the part before the bracket.
            cldr_ar = [name_ar.split("(")[0].strip()] if name_ar else []
            aliases_ar = [a for a in cldr_ar if _key(a) not in drop]
            plans[a3] = (extra, aliases_ar)
            for text, _ in [(a, {}) for a in aliases_ar] + self.alias_items(extra.get("aliases_ar"), where):
                name_keys.setdefault(_key(text), a3)
        # Pass 2: actors and keys.
        for a3 in sorted(codes):
            name_ar, name_en, names_en = codes[a3]
            extra, aliases_ar = plans[a3]
            where = f"countries.{a3}"
            actor_id = f"country:{a3}"
            fact = facts.get(a3)
            alias_items = [(a, {}) for a in aliases_ar] + self.alias_items(extra.get("aliases_ar"), where)
            en_items = [(n, {}) for n in names_en] + self.alias_items(extra.get("aliases_en"), where)
            aliases_en = list(dict.fromkeys(t for t, _ in en_items))
            metonyms = self.alias_items(extra.get("metonyms"), where)
            curated_met = {_key(t) for t, _ in metonyms}
            drop_met = {_key(t) for t in _as_list(extra.get("drop_metonyms"), where)}
            generated_met = [
                t
                for t in facts_mod.capital_metonyms(a3, facts, name_keys, drop_met, _key)
                if _key(t) not in curated_met
            ]
            metonyms += [(t, {}) for t in generated_met]
            # Nisba: curated stems when the entry has `nisba:` (an empty list means none), else one
            # derived from the CLDR name, unless that name is a dropped common word (مالي).
            if "nisba" in extra:
                stems = [str(s) for s in _as_list(extra.get("nisba"), where)]
                nisba_origin = "curated"
            else:
                derived = facts_mod.derive_nisba(name_ar) if aliases_ar and name_ar else None
                stems = [derived] if derived else []
                nisba_origin = "generated from the CLDR name"
            nisba_extra = [str(s) for s in _as_list(extra.get("nisba_extra"), where)]
            # {nisba} templates (generated state bodies, curated aliases); _expand inflects both
            # words of a two-word nisba (كوري جنوبي).
            self.nisba_stems[a3] = [s.strip() for s in stems if s.strip()]
            self.country_names[a3] = [t for t, opts in alias_items if not opts]
            notes = []
            if stems:
                notes.append(f"nisba {nisba_origin}: {', '.join(stems)}")
            if generated_met:
                source = fact.capital_source if fact else "?"
                notes.append(f"capital metonyms from {source}: {', '.join(generated_met)}")
            self.actors[actor_id] = Actor(
                actor_id=actor_id,
                type="country",
                name_en=name_en,
                name_ar=extra.get("name_ar") or name_ar,
                country=a3,
                wikidata_id=extra.get("wikidata_id") or (fact.wikidata_id if fact else None),
                aliases_ar=tuple(
                    dict.fromkeys([t for t, _ in alias_items] + [t for t, _ in metonyms] + stems)
                ),
                aliases_en=tuple(aliases_en),
                notes="; ".join(notes) or None,
            )
            if extra.get("not_surfaces"):
                self.not_surfaces[actor_id] = frozenset(_skeleton(s) for s in extra["not_surfaces"])
            for text, opts in alias_items:
                self.add_key(text, self.entry(actor_id, "alias", opts, where))
            for text, opts in en_items:
                self.add_key(text, self.entry(actor_id, "alias", opts, where))
            for text, opts in metonyms:
                self.add_key(text, self.entry(actor_id, "metonym", opts, where))
            for stem in stems:
                for form in _nisba_forms(stem):
                    self.add_key(form, self.entry(actor_id, "nisba", {}, where))
            for form in nisba_extra:
                self.add_key(form, self.entry(actor_id, "nisba", {}, where))
        # Unconditional country keys, used to find the country inside government/title aliases.
        for key, bucket in self.by_key.items():
            for e in bucket:
                if e.actor_id and not e.conditional and not e.lam and not e.latin and e.strict is None:
                    self.country_keys.setdefault(
                        key, (e.actor_id, "nisba" if e.match == "nisba" else e.match)
                    )

    # -- other actors ---------------------------------------------------------------------
    def add_actor(self, raw: Mapping[str, Any], where: str) -> None:
        if not isinstance(raw, dict) or "id" not in raw:
            raise ValueError(f"{where}: every actor needs an id")
        actor_id = str(raw["id"])
        where = f"{where} ({actor_id})"
        unknown = set(raw) - _ACTOR_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        if actor_id in self.actors:
            raise ValueError(f"{where}: duplicate actor id")
        kind = raw.get("type")
        if kind not in ACTOR_TYPES - {"country"}:
            raise ValueError(f"{where}: type must be one of {sorted(ACTOR_TYPES - {'country'})}")
        country = raw.get("country")
        if country is not None and f"country:{country}" not in self.actors:
            raise ValueError(f"{where}: unknown country {country!r} (use ISO alpha-3)")
        stems = self.nisba_stems.get(country or "", [])
        alias_items = self.alias_items(raw.get("aliases_ar"), where)
        former = [str(n) for n in _as_list(raw.get("former_names"), where)]
        # A former name (الجولاني for أحمد الشرع) still finds the actor: it is an alias too.
        known = {_key(t) for t, _ in alias_items}
        alias_items += [(n, {}) for n in former if _key(n) not in known]
        expanded = [(t, o) for text, o in alias_items for t in _expand(text, stems)]
        if any("{nisba" in t for t, _ in expanded):
            raise ValueError(f"{where}: {{nisba}} used but country {country!r} has no nisba stems")
        en_items = self.alias_items(raw.get("aliases_en"), where)
        links = raw.get("links") or {}
        for ref in links.values():
            self.pending_refs.append((where, str(ref)))
        self.actors[actor_id] = Actor(
            actor_id=actor_id,
            type=kind,
            name_en=raw.get("name_en"),
            name_ar=raw.get("name_ar"),
            country=country,
            wikidata_id=raw.get("wikidata_id"),
            aliases_ar=tuple(dict.fromkeys(t for t, _ in expanded)),
            aliases_en=tuple(dict.fromkeys(t for t, _ in en_items)),
            links=tuple(sorted((str(k), str(v)) for k, v in links.items())),
            notes=raw.get("notes"),
            former_names=tuple(former),
        )
        for text, opts in expanded:
            self.add_key(text, self.entry(actor_id, "alias", opts, where))
        for text, opts in en_items:
            self.add_key(text, self.entry(actor_id, "alias", opts, where))
        for title in _as_list(raw.get("titles"), where):
            if not isinstance(title, dict) or not title.get("role"):
                raise ValueError(f"{where}: a title needs a role and aliases_ar")
            if set(title) - _TITLE_KEYS:
                raise ValueError(f"{where}: unknown title keys {sorted(set(title) - _TITLE_KEYS)}")
            dates = {k: title[k] for k in ("from", "until") if k in title}
            for text, alias_opts in self.alias_items(title.get("aliases_ar"), where):
                # A title alias's own conditions hold too (they were dropped), its dates win.
                opts = {**dates, **alias_opts}
                for t in _expand(text, stems):
                    self.add_key(t, self.entry(actor_id, "title", opts, where, role=str(title["role"])))
        roles = []
        for r in _as_list(raw.get("roles"), where):
            if not isinstance(r, dict) or not r.get("role"):
                raise ValueError(f"{where}: a role needs role/start/end")
            roles.append(
                Role(str(r["role"]), actor_id, _as_date(r.get("start"), where), _as_date(r.get("end"), where))
            )
        if roles:
            self.person_roles[actor_id] = roles
        if raw.get("not_surfaces"):
            self.not_surfaces[actor_id] = frozenset(_skeleton(s) for s in raw["not_surfaces"])

    def add_generic_governments(self) -> None:
        """State bodies written "<body> <nisba>" for every country with nisba stems.

        Added after the curated actors: a phrase a curated actor already claims (e.g. a dated
        "الحكومة السورية") is skipped, and a body whose id is curated is not generated. This is
        what makes "الجيش السوداني" the Sudanese army rather than a Sudani surname.
        """
        for a3, stems in sorted(self.nisba_stems.items()):
            if not stems:
                continue
            country = self.actors[f"country:{a3}"]
            name = country.name_en or a3
            for suffix, label, aliases, titles in _GENERIC_BODIES:
                actor_id = f"gov:{a3}{suffix}"
                if actor_id in self.actors:
                    # A curated body keeps its own titles but also gets the generic phrases it lacks
                    # ("القوات الأميركية", "وزارة الطاقة الأميركية" for the curated US bodies).
                    self._extend(actor_id, [t for a in aliases for t in _expand(a, stems)])
                    continue
                if suffix == "" and any(self._claimed(t) for t in _expand(aliases[0], stems)):
                    # The country's government is curated (the dated Syrian governments): its other
                    # bodies ("وزارة الصحة السورية", "المصرف المركزي السوري") belong to whichever
                    # government "الحكومة <nisba>" is on the article's date, with the same bounds.
                    self._give_bodies_to_holders(_expand(aliases[0], stems), aliases[1:], stems)
                    continue
                free = [t for a in aliases for t in _expand(a, stems) if not self._claimed(t)]
                free_titles = [
                    (role.format(name=name), t)
                    for role, phrases in titles
                    for a in phrases
                    for t in _expand(a, stems)
                    if not self._claimed(t)
                ]
                if not free:
                    continue
                self.actors[actor_id] = Actor(
                    actor_id=actor_id,
                    type="government",
                    name_en=label.format(name=name),
                    name_ar=free[0],
                    country=a3,
                    aliases_ar=tuple(dict.fromkeys(free)),
                    notes="generated from the country's nisba (templates._GENERIC_BODIES)",
                )
                for text in free:
                    self.add_key(text, _Entry(actor_id=actor_id, match="alias"))
                for role, text in free_titles:
                    self.add_key(text, _Entry(actor_id=actor_id, match="title", role=role))

    def add_construct_titles(self) -> None:
        """Title-only state bodies for the countries without nisba stems (_CONSTRUCT_TITLES), so
        their office holders can carry dated roles. A curated body or phrase wins."""
        for a3, stems in sorted(self.nisba_stems.items()):
            if stems:
                continue
            names = [n for n in self.country_names.get(a3, []) if not n.startswith("جمهورية")]
            names += [n for n in self.country_names.get(a3, []) if n.startswith("جمهورية")]
            if not names:
                continue
            name = self.actors[f"country:{a3}"].name_en or a3
            for suffix, label, role, phrases in _CONSTRUCT_TITLES:
                actor_id = f"gov:{a3}{suffix}"
                texts = [
                    p.format(n=n)
                    for n in names
                    for p in phrases
                    # "رئيس جمهورية جمهورية مالي": the name already says جمهورية
                    if not (n.startswith("جمهورية") and "جمهورية {n}" in p)
                ]
                free = [t for t in dict.fromkeys(texts) if not self._claimed(t)]
                if not free:
                    continue
                if actor_id not in self.actors:
                    self.actors[actor_id] = Actor(
                        actor_id=actor_id,
                        type="government",
                        name_en=label.format(name=name),
                        name_ar=_CONSTRUCT_NAMES_AR[suffix].format(n=names[0]),
                        country=a3,
                        notes="title-only body for a country without nisba (templates._CONSTRUCT_TITLES)",
                    )
                elif self.actors[actor_id].type != "government":
                    continue
                for text in free:
                    self.add_key(text, _Entry(actor_id=actor_id, match="title", role=role.format(name=name)))

    def add_construct_central_banks(self) -> None:
        """ "بنك/مصرف <country> المركزي" for every country (_CONSTRUCT_CENTRAL_BANKS): a state body,
        given to the actor that "البنك المركزي <nisba>" reaches (a curated central bank, else the
        generated government) or, without a nisba, to the country's title-only government. Like
        any government alias it also reports the country inside it. A curated phrase wins."""
        for a3, names in sorted(self.country_names.items()):
            stems = self.nisba_stems.get(a3, [])
            target = None
            for written in _expand("البنك المركزي {nisba}", stems) if stems else []:
                target = next(
                    (
                        e.actor_id
                        for e in self.by_key.get(_key(written), ())
                        if e.actor_id and e.match == "alias"
                    ),
                    None,
                )
                if target:
                    break
            target = target or f"gov:{a3}"
            actor = self.actors.get(target)
            if actor is None or actor.type != "government":
                continue
            plain = [n for n in names if not n.startswith(_STATE_FORM_WORDS)]
            free = [
                t
                for n in plain
                for t in (p.format(n=n) for p in _CONSTRUCT_CENTRAL_BANKS)
                if not self._claimed(t)
            ]
            if not free:
                continue
            self.actors[target] = replace(actor, aliases_ar=tuple(dict.fromkeys([*actor.aliases_ar, *free])))
            for text in free:
                self.add_key(text, _Entry(actor_id=target, match="alias"))

    def _give_bodies_to_holders(
        self, government: list[str], aliases: Iterable[str], stems: list[str]
    ) -> None:
        holders = sorted(
            {
                (e.actor_id, e.valid_from or date.min, e.valid_until or date.max)
                for t in government
                for e in self.by_key.get(_key(t), ())
                if e.actor_id is not None and e.match == "alias" and not e.conditional and not e.lam
            }
        )
        free = [t for a in aliases for t in _expand(a, stems) if not self._claimed(t)]
        for actor_id, valid_from, valid_until in holders:
            actor = self.actors[actor_id]
            if actor.type != "government":
                continue
            self.actors[actor_id] = replace(
                actor, aliases_ar=tuple(dict.fromkeys([*actor.aliases_ar, *free]))
            )
            for text in free:
                entry = _Entry(
                    actor_id=actor_id,
                    match="alias",
                    valid_from=None if valid_from == date.min else valid_from,
                    valid_until=None if valid_until == date.max else valid_until,
                )
                self.add_key(text, entry)

    def _extend(self, actor_id: str, phrases: list[str]) -> None:
        actor = self.actors[actor_id]
        if actor.type != "government":
            return
        free = [t for t in phrases if not self._claimed(t)]
        if not free:
            return
        self.actors[actor_id] = replace(actor, aliases_ar=tuple(dict.fromkeys([*actor.aliases_ar, *free])))
        for text in free:
            self.add_key(text, _Entry(actor_id=actor_id, match="alias"))

    def add_sports_blocks(self) -> None:
        """National teams and leagues are not the state: "المنتخب السعودي", "منتخب مصر", "الدوري
        القطري" win longest-match and emit nothing (blocklist entries, generated per country)."""
        for a3, stems in sorted(self.nisba_stems.items()):
            country = self.actors[f"country:{a3}"]
            names = [n for n in country.aliases_ar if n not in stems][:4]
            phrases = [t for p in _SPORTS_NISBA for t in _expand(p, stems)] if stems else []
            phrases += [f"{p} {n}" for p in _SPORTS_NAME for n in names]
            for text in phrases:
                if not self._claimed(text):
                    self.add_key(text, _Entry(actor_id=None, match="block"))

    def _nest_igos(self) -> None:
        """An organisation named inside a title is reported too, like a country: "الأمين العام
        للأمم المتحدة" gives igo:un besides the title (done once every key is known)."""
        igo_keys: dict[str, str] = {}
        # A spokesperson's title names the body spoken for ("المتحدث باسم وزارة الخارجية الأميركية"):
        # that body is reported too, whatever its type (NewsFANE tags it there).
        body_keys: dict[str, str] = {}
        for key, bucket in self.by_key.items():
            for e in bucket:
                if e.actor_id and e.match == "alias" and not (e.conditional or e.lam or e.latin or e.strict):
                    kind = self.actors[e.actor_id].type
                    if kind == "igo":
                        igo_keys.setdefault(key, e.actor_id)
                    if kind in ("igo", "government", "armed_group", "organization"):
                        body_keys.setdefault(key, e.actor_id)
        for key, bucket in self.by_key.items():
            if not any(e.match == "title" for e in bucket):
                continue
            words, pos = [], 0
            for word in key.split(" "):
                words.append((pos, word))
                pos += len(word) + 1
            known = body_keys if "باسم" in key.split(" ") else igo_keys
            spans = []
            for i, (w_start, word) in enumerate(words):
                # "للامم المتحده" is ل + "الامم المتحده": look the organisation up with ال restored;
                # "لحلف شمال الاطلسي" is ل + an indefinite head.
                heads = [word]
                if word.startswith("لل"):
                    heads.append("ال" + word[2:])
                elif word.startswith("ل") and len(word) > 3:
                    heads.append(word[1:])
                for j in range(len(words) - 1, i - 1, -1):
                    tail = " ".join(w for _, w in words[i + 1 : j + 1])
                    sub = next(
                        (h2 for h in heads if (h2 := f"{h} {tail}" if tail else h) in known and h2 != key),
                        None,
                    )
                    if sub is not None:
                        spans.append((w_start, words[j][0] + len(words[j][1]), known[sub], "alias"))
                        break
                if spans and spans[-1][0] == w_start:
                    break  # one organisation per title
            if not spans:
                continue
            for n, e in enumerate(bucket):
                if e.match == "title":
                    taken = [(a, b) for a, b, _, _ in e.nested]
                    # a body around a nested country keeps both (the body's own alias reports both)
                    extra = tuple(
                        sp
                        for sp in spans
                        if all(sp[1] <= a or b <= sp[0] or sp[0] <= a < b <= sp[1] for a, b in taken)
                    )
                    bucket[n] = _replace(e, nested=e.nested + extra)

    def _claimed(self, text: str) -> bool:
        """Does a curated actor (not the blocklist) already own this phrase?"""
        return any(e.actor_id is not None for e in self.by_key.get(_key(text), ()))

    def build(self) -> Registry:
        for where, ref in self.pending_refs:
            if ref not in self.actors:
                raise ValueError(f"{where}: reference to unknown actor {ref!r}")
        roles: dict[str, list[Role]] = {}
        for person_roles in self.person_roles.values():
            for r in person_roles:
                roles.setdefault(r.role, []).append(r)
        self._nest_igos()
        reg = Registry(self.actors, roles, self.person_roles, self.not_surfaces)
        automaton = ahocorasick.Automaton()
        for index, key in enumerate(sorted(self.by_key)):
            # Strict spellings first, then file order: the first valid entry wins a key.
            bucket = sorted(self.by_key[key], key=lambda e: e.strict is None)
            reg.keys.append(key)
            reg.entries.append(tuple(bucket))
            automaton.add_word(key, index)
        automaton.make_automaton()
        reg.automaton = automaton
        reg.key_index = {k: i for i, k in enumerate(reg.keys)}
        reg.nisba_stems = dict(self.nisba_stems)
        bare = ahocorasick.Automaton()
        for phrase, gender in _BARE_BODIES:
            key = _key(phrase)
            variants = [(key, False)] + ([("ل" + key[2:], True)] if key.startswith("ال") else [])
            for variant, lam in variants:
                reg.bare_bodies[variant] = (phrase, gender, lam)
                bare.add_word(variant, variant)
        bare.make_automaton()
        reg.bare_automaton = bare
        return reg


def _replace(entry: _Entry, **changes: Any) -> _Entry:
    return replace(entry, **changes)


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_YAML_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: top level must be a mapping (countries:/actors:/block:)")
    unknown = set(data) - {"countries", "actors", "block"}
    if unknown:
        raise ValueError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    return data


@lru_cache(maxsize=8)
def _load_cached(directory: str, signature: tuple[tuple[str, int, int], ...]) -> Registry:
    del signature  # only part of the cache key: edited files give a new registry
    files = [_read_yaml(p) for p in sorted(Path(directory).glob("*.yaml"))]
    builder = _Builder()
    curated: dict[str, Any] = {}
    for data in files:
        curated.update(data.get("countries") or {})
    builder.add_countries(curated)
    # Governments first so their aliases can be recognised as such when computing nested spans.
    raw_actors = [(a, i) for i, data in enumerate(files) for a in _as_list(data.get("actors"), "actors")]
    raw_actors.sort(key=lambda pair: (pair[0].get("type") != "government", pair[1]))
    for n, (raw, _) in enumerate(raw_actors):
        builder.add_actor(raw, f"actors[{n}]")
    builder.add_generic_governments()
    builder.add_construct_titles()
    builder.add_construct_central_banks()
    builder.add_sports_blocks()
    for data in files:
        for phrase in _as_list(data.get("block"), "block"):
            builder.add_key(str(phrase), _Entry(actor_id=None, match="block"))
    return builder.build()


def load_registry(directory: Path | None = None) -> Registry:
    """Load (and cache) the registry from ``directory`` (default ``<repo>/data/actors``)."""
    path = Path(directory or DEFAULT_DIR).resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"actor registry directory not found: {path}")
    # *.tsv too: country_facts.tsv (generated) feeds the country actors.
    files = sorted([*path.glob("*.yaml"), *path.glob("*.tsv")])
    signature = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load_cached(str(path), signature)
