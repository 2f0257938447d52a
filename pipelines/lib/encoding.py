"""Bytes to text for HTML pages: BOM, declared charset, meta charset, then detection.

A declared charset is only trusted when the bytes decode cleanly with it: Arabic sites often
declare utf-8 and serve windows-1256. Detection uses charset-normalizer.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML body; returns ``(text, encoding used)``."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    candidates: list[str] = []
    for declared in (
        charset_from_content_type(content_type),
        (m.group(1).decode("ascii", "ignore") if (m := _META_CHARSET.search(body[:4096])) else None),
    ):
        codec = _codec(declared)
        if codec and codec not in candidates:
            candidates.append(codec)
    # Strict UTF-8 first: windows-1256 text is almost never valid UTF-8, while a single-byte
    # codec accepts any bytes, so a UTF-8 page that declares windows-1256 would come out garbled.
    candidates = ["utf-8", *(c for c in candidates if c != "utf-8")]
    for codec in candidates:
        # Single-byte codecs accept almost any bytes, so only trust them when declared and
        # when the page is not valid UTF-8 (checked first when utf-8 is also a candidate).
        try:
            return body.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return str(best), _codec(best.encoding) or best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"


def looks_binary(body: bytes) -> bool:
    """True for bodies that are clearly not text (NUL bytes or mostly control bytes)."""
    head = body[:2048]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.1
