"""Language identification with langdetect, seeded, on a sample of the text.

langdetect is not deterministic unless seeded (short Arabic texts flip between fa and ur),
and costs about 6 ms per 2 KB, so it reads a fixed-size sample from the middle-start of the
text. Texts with too few letters are flagged ``und`` rather than guessed.
"""

from __future__ import annotations

import threading

from langdetect import DetectorFactory, detector_factory
from langdetect.lang_detect_exception import LangDetectException

SAMPLE_CHARS = 1500
MIN_LETTERS = 25

# Letters that exist in Persian/Urdu but not in Arabic: langdetect alone confuses the three
# on short or mixed texts, these letters settle it.
_PERSIAN_ONLY = set("پچژگ")
_URDU_ONLY = set("ٹڈڑںےھ")

_lock = threading.Lock()
_factory_ready = False


def _ensure_factory() -> None:
    global _factory_ready
    with _lock:
        if not _factory_ready:
            detector_factory.init_factory()
            # Seeded once for every detector this factory creates.
            detector_factory._factory.set_seed(0)
            DetectorFactory.seed = 0
            _factory_ready = True


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """The first ``size`` characters after skipping a short lead (often a dateline)."""
    if len(text) <= size:
        return text
    start = min(len(text) - size, 200)
    return text[start : start + size]


def detect_language(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)``; ``('und', 0.0)`` when the text is too short."""
    chunk = sample(text)
    letters = [ch for ch in chunk if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return "und", 0.0
    _ensure_factory()
    try:
        detector = detector_factory._factory.create()
        detector.append(chunk)
        candidates = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    if not candidates:
        return "und", 0.0
    best = candidates[0]
    lang, prob = best.lang, float(best.prob)
    if lang in ("ar", "fa", "ur"):
        letter_set = set(letters)
        if letter_set & _URDU_ONLY and lang != "ur":
            lang = "ur" if len(letter_set & _URDU_ONLY) >= 2 else lang
        elif letter_set & _PERSIAN_ONLY and lang == "ar":
            lang = "fa"
        elif not (letter_set & (_PERSIAN_ONLY | _URDU_ONLY)) and lang in ("fa", "ur"):
            lang = "ar"
    return lang, round(prob, 4)
