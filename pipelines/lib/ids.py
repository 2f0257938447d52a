"""Stable text ids: same input, same id, on every run and every machine."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """``prefix`` + the first ``length`` hex digits of SHA-1 over the parts joined by NUL."""
    joined = "\x00".join("" if p is None else str(p) for p in parts)
    return f"{prefix}{hashlib.sha1(joined.encode('utf-8')).hexdigest()[:length]}"
