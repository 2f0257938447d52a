"""The sources file (``NEWS_SOURCES``): outlets and where their pages come from.

Format (see README and ``../shared/design/warehouse.md``)::

    sources:
      - id: almasalah.com          # outlet_id: the site's registered domain
        name: Al-Masalla
        name_ar: المسلة
        kind: outlet               # outlet | aggregator | agency
        country: IRQ
        language: ar
        aliases: [المسلة نيوز]     # optional: other names the outlet is credited as
        urls: [https://almasalah.com/archives/187455]
        directory: data/samples/almasalah
        feeds: [https://almasalah.com/feed/]          # RSS/Atom/JSON feeds or a home page
        sitemaps: [https://almasalah.com/sitemap.xml] # sitemaps, indexes, Google News sitemaps
        warc: [data/warc/almasalah.warc.gz]           # WARC / WARC.gz files

Relative ``directory``/``warc`` paths are resolved against the sources file's folder when
that path exists there, else against the project root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipelines.lib.arabic import normalize_text

KINDS = ("outlet", "aggregator", "agency")
LOCATOR_KEYS = ("urls", "directory", "feeds", "sitemaps", "warc")


class SourcesError(ValueError):
    """The sources file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Source:
    """One outlet of the sources file."""

    id: str
    name: str
    name_ar: str | None = None
    kind: str = "outlet"
    country: str | None = None
    language: str | None = None
    aliases: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    directories: tuple[Path, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    warc: tuple[Path, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def source_kinds(self) -> list[str]:
        kinds = []
        if self.urls:
            kinds.append("urls")
        if self.directories:
            kinds.append("directory")
        if self.feeds:
            kinds.append("feeds")
        if self.sitemaps:
            kinds.append("sitemaps")
        if self.warc:
            kinds.append("warc")
        return kinds

    def names(self) -> list[str]:
        """Every name this outlet may be credited as (for attribution)."""
        names = [self.name, *(self.aliases)]
        if self.name_ar:
            names.insert(1, self.name_ar)
        return [n for n in names if n]


def _as_list(value: Any, key: str, where: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, Path)):
        return [value]
    if isinstance(value, list):
        return value
    raise SourcesError(f"{where}: '{key}' must be a string or a list, got {type(value).__name__}")


def _resolve_path(value: str, base: Path, root: Path) -> Path:
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    beside = base / path
    return beside if beside.exists() else root / path


def parse_sources(data: Any, base: Path, root: Path) -> list[Source]:
    """Validate the parsed YAML of a sources file and return typed sources."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError("the sources file must have a top-level list 'sources:'")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["sources"], start=1):
        where = f"sources[{index}]"
        if not isinstance(entry, dict):
            raise SourcesError(f"{where}: each source must be a mapping")
        outlet_id = str(entry.get("id") or "").strip().lower()
        if not outlet_id:
            raise SourcesError(f"{where}: 'id' (the outlet's domain) is required")
        where = f"source '{outlet_id}'"
        if outlet_id in seen:
            raise SourcesError(f"{where}: duplicate id")
        seen.add(outlet_id)
        kind = str(entry.get("kind") or "outlet")
        if kind not in KINDS:
            raise SourcesError(f"{where}: kind must be one of {', '.join(KINDS)}, got '{kind}'")
        known = {"id", "name", "name_ar", "kind", "country", "language", "aliases", *LOCATOR_KEYS}
        sources.append(
            Source(
                id=outlet_id,
                name=str(entry.get("name") or outlet_id),
                name_ar=entry.get("name_ar"),
                kind=kind,
                country=entry.get("country"),
                language=entry.get("language"),
                aliases=tuple(str(a) for a in _as_list(entry.get("aliases"), "aliases", where)),
                urls=tuple(str(u).strip() for u in _as_list(entry.get("urls"), "urls", where)),
                directories=tuple(
                    _resolve_path(str(d), base, root)
                    for d in _as_list(entry.get("directory"), "directory", where)
                ),
                feeds=tuple(str(u) for u in _as_list(entry.get("feeds"), "feeds", where)),
                sitemaps=tuple(str(u) for u in _as_list(entry.get("sitemaps"), "sitemaps", where)),
                warc=tuple(
                    _resolve_path(str(w), base, root) for w in _as_list(entry.get("warc"), "warc", where)
                ),
                extra={k: v for k, v in entry.items() if k not in known},
            )
        )
    return sources


def load_sources(path: Path, root: Path | None = None) -> list[Source]:
    """Read and validate the sources file at ``path``."""
    if not path.exists():
        raise SourcesError(f"sources file not found: {path} (set NEWS_SOURCES)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {exc}") from exc
    return parse_sources(data, path.parent, root or path.parent)


def load_agencies(path: Path, root: Path) -> list[Source]:
    """News agencies credited in texts (``data/agencies.yaml``), as sources of kind ``agency``."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = [{**entry, "kind": "agency"} for entry in data.get("agencies", [])]
    return parse_sources({"sources": entries}, path.parent, root)


def with_agencies(sources: list[Source], agencies: list[Source]) -> list[Source]:
    """Sources plus the agencies they do not list themselves (the sources file wins)."""
    known = {s.id for s in sources}
    return [*sources, *(a for a in agencies if a.id not in known)]


def outlet_rows(outlets: list[Source]) -> list[dict[str, Any]]:
    """``outlets`` table rows, one per outlet_id."""
    return [
        {
            "outlet_id": s.id,
            "name": s.name,
            "name_ar": s.name_ar,
            "kind": s.kind,
            "country": s.country,
            "language": s.language,
            "aliases": list(s.aliases),
            "source_kinds": s.source_kinds,
        }
        for s in outlets
    ]


def _name_key(name: str) -> str:
    """Normalised key for an outlet name: Arabic normalisation, no prefixes or punctuation."""
    key = normalize_text(name).strip()
    key = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in key)
    words = key.split()
    for prefix in ("صحيفه", "جريده", "موقع", "وكاله", "قناه", "مجله", "the"):
        if len(words) > 1 and words[0] == prefix:
            words = words[1:]
    return " ".join(words)


class OutletResolver:
    """Resolves a credited name ("المسلة", "صحيفة الاتحاد", "AFP") to an outlet_id."""

    def __init__(self, sources: list[Source], extra_names: dict[str, str] | None = None) -> None:
        self._by_key: dict[str, str] = {}
        for name, outlet_id in (extra_names or {}).items():
            self._by_key.setdefault(_name_key(name), outlet_id)
        for source in sources:
            # The sources file wins over the built-in agency list.
            for name in (*source.names(), source.id):
                self._by_key[_name_key(name)] = source.id
            self._by_key[_name_key(source.id.split(".")[0])] = source.id

    def resolve(self, name: str | None) -> str | None:
        """The outlet_id for ``name`` if known, else None."""
        if not name:
            return None
        return self._by_key.get(_name_key(name))

    def credited(self, name: str | None) -> str | None:
        """The ``credited_outlet`` value: outlet_id where known, else the name as written."""
        if not name:
            return None
        return self.resolve(name) or name.strip()

    def names(self) -> list[str]:
        return sorted(self._by_key)
