"""Arabic normalisation with an offset map back to the original text.

Dedup and actor matching work on normalised text; mentions must still point into
``articles.text``. ``normalize`` returns the normalised string together with, for every
normalised character, the index of the original character it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Harakat, Quranic marks, superscript alef and tatweel: dropped entirely.
_DROP = (
    set(range(0x0610, 0x061B)) | set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | set(range(0x06D6, 0x06EE))
)
# Zero-width and bidi control characters that sit inside words on real pages.
_DROP |= {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x00AD}

_MAP: dict[int, str] = {}
for _ch in "أإآٱٲٳ":
    _MAP[ord(_ch)] = "ا"
_MAP[ord("ى")] = "ي"
_MAP[ord("ی")] = "ي"  # Persian yeh
_MAP[ord("ې")] = "ي"
_MAP[ord("ئ")] = "ي"
_MAP[ord("ؤ")] = "و"
_MAP[ord("ة")] = "ه"
_MAP[ord("ک")] = "ك"  # Persian kaf
_MAP[ord("ڪ")] = "ك"
# Hamza-carrier variants used in Persian/Urdu/old typesetting: wavy/high hamza alef and waw, yeh
# with hamza or tail, Urdu heh forms and teh marbuta goal.
for _ch in "ٵ":
    _MAP[ord(_ch)] = "ا"
_MAP[ord("ٶ")] = "و"
_MAP[ord("ٷ")] = "و"
for _ch in "ٸےۓ":
    _MAP[ord(_ch)] = "ي"
for _ch in "ۀھەۃ":
    _MAP[ord(_ch)] = "ه"
for _i in range(10):
    _MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _MAP[0x06F0 + _i] = str(_i)  # Persian (Extended Arabic-Indic) digits
# Typographic quotes and dashes folded to ASCII so punctuation does not split copies.
for _ch in "“”«»„‟″":
    _MAP[ord(_ch)] = '"'
for _ch in "‘’‚‛′":
    _MAP[ord(_ch)] = "'"
for _ch in "–—―‒":
    _MAP[ord(_ch)] = "-"
_MAP[0x00A0] = " "
_MAP[ord("،")] = ","
_MAP[ord("؛")] = ";"
_MAP[ord("؟")] = "?"
_MAP[0x066B] = "."  # Arabic decimal separator
_MAP[0x066C] = ","  # Arabic thousands separator
_MAP[0x066A] = "%"  # Arabic percent sign


def _presentation_forms() -> None:
    """Contextual glyph forms (U+FB50–FDFF, U+FE70–FEFF) from old or PDF-derived pages map to their
    letter when that is one character; ligatures such as ﻻ stay (offsets must stay one-to-one)."""
    import unicodedata

    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code) and ord(folded) not in _DROP:
            _MAP[code] = _MAP.get(ord(folded), folded)


_presentation_forms()

ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3"
_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus ``offsets[i]`` = index in the original of ``text[i]``.

    ``offsets`` has one extra trailing entry equal to ``len(original)`` so that an exclusive
    end offset ``j`` in the normalised text maps to ``offsets[j]`` in the original.
    """

    text: str
    offsets: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text back to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize_char(ch: str) -> str:
    """Normalise one character ("" when it is dropped)."""
    code = ord(ch)
    if code in _DROP:
        return ""
    mapped = _MAP.get(code)
    if mapped is not None:
        return mapped
    lowered = ch.lower()
    # A few letters lower-case to two characters ("İ"): keep those as they are, so offsets stay 1:1.
    return lowered if len(lowered) == 1 else ch


# The same mapping as a str.translate table: the per-character loop costs ~1 µs a character,
# which made normalisation the largest cost of cleaning a page.
_TABLE: dict[int, str | None] = {**_MAP, **dict.fromkeys(_DROP)}
_DROP_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_DROP)) + "]")
# Every character the table changes, and its replacement as a str ("" when dropped).
_CHANGED_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")
_REPLACEMENT: dict[str, str] = {chr(code): value or "" for code, value in _TABLE.items()}
# Replacing the distinct changed characters one after another equals one translate pass only if no
# replacement is itself a changed character (checked here, so a table edit cannot break it).
if any(ch in _REPLACEMENT for value in _REPLACEMENT.values() for ch in value):  # pragma: no cover
    raise RuntimeError("a normalisation replacement is itself a character the table changes")


def normalize(text: str) -> Normalized:
    """Normalise Arabic text (diacritics, tatweel, alef/hamza forms, ى/ي, ة/ه, digits, case).

    Every character maps to at most one output character, so offsets stay exact.
    """
    out = normalize_text(text)
    if len(out) == len(text):
        offsets = list(range(len(text) + 1))
    else:
        # Every kept character gives exactly one output character, in order.
        dropped = {m.start() for m in _DROP_RE.finditer(text)}
        offsets = [i for i in range(len(text)) if i not in dropped]
        offsets.append(len(text))
    return Normalized(out, offsets)


def normalize_text(text: str) -> str:
    """Normalised text only (no offset map), for dedup and registry keys."""
    # str.translate looks every non-ASCII character up in a dict (~50 ns a character, most of the
    # cost of cleaning Arabic pages); one regex scan finds the few distinct characters to change and
    # str.replace swaps each in C, about 8x faster on the corpus with the same result.
    folded = text
    for ch in set(_CHANGED_RE.findall(text)):
        folded = folded.replace(ch, _REPLACEMENT[ch])
    lowered = folded.lower()
    # str.lower differs from the per-character rule only where it changes the length ("İ") or
    # looks at context (final sigma); those rare texts take the per-character path.
    if len(lowered) == len(folded) and "Σ" not in folded:
        return lowered
    return "".join(normalize_char(ch) for ch in text)


def arabic_share(text: str) -> float:
    """Share of letters in ``text`` that are Arabic-script letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_RE.match(ch)) / len(letters)


_WORD_RE = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Word tokens of an already normalised text."""
    return _WORD_RE.findall(text)
