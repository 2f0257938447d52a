"""Project paths and the configuration variables of the warehouse contract.

Each variable has a default inside the project, so a fresh clone runs without any setting.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"
DATA_DIR_DEFAULT = ROOT / "data"


def _resolve(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (ROOT / path)


def sources_path() -> Path:
    """``NEWS_SOURCES``: the sources file (default ``data/sources.yaml``)."""
    return _resolve(os.environ.get("NEWS_SOURCES", "data/sources.yaml"))


def warehouse_path() -> Path:
    """``NEWS_WAREHOUSE``: the DuckDB file (default ``data/warehouse.duckdb``)."""
    return _resolve(os.environ.get("NEWS_WAREHOUSE", "data/warehouse.duckdb"))


def data_dir() -> Path:
    """``NEWS_DATA_DIR``: raw pages and other run data (default ``data/``)."""
    return _resolve(os.environ.get("NEWS_DATA_DIR", "data"))


def actor_cities() -> int | bool:
    """``NEWS_ACTOR_CITIES``: the actor registry's city layer: unset, ``1`` or ``on`` = on at its default
    population floor, ``0``/``off`` = off, a number above 1 = that floor (``load_registry(cities=...)``)."""
    raw = os.environ.get("NEWS_ACTOR_CITIES", "").strip().lower()
    if raw in ("", "1", "on", "yes", "true"):
        return True
    if raw in ("0", "off", "no", "false"):
        return False
    if not raw.isdigit():
        raise ValueError(f"NEWS_ACTOR_CITIES={raw!r}: expected 0/off, 1/on or a population floor (50000)")
    return int(raw)


def registry_dir() -> Path:
    """The actor registry shipped with the project."""
    return ROOT / "data" / "actors"
