"""Language identification with langdetect, seeded, on a sample of the text.

langdetect is not deterministic unless seeded (short Arabic texts flip between fa and ur),
and costs about 6 ms per 2 KB, so it reads a fixed-size sample from the middle-start of the
text. Texts with too few letters are flagged ``und`` rather than guessed. Letters settle what
langdetect confuses: Persian/Urdu-only letters among Arabic, Persian and Urdu; Han, kana and
Hangul among Chinese, Japanese and Korean. Codes are ISO 639-1 (``zh-cn``/``zh-tw`` → ``zh``).
"""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory, detector_factory
from langdetect.lang_detect_exception import LangDetectException

SAMPLE_CHARS = 1500
MIN_LETTERS = 25

# Letters that exist in Persian/Urdu but not in Arabic: langdetect alone confuses the three
# on short or mixed texts, these letters settle it.
_PERSIAN_ONLY = set("پچژگ")
_URDU_ONLY = set("ٹڈڑںےھ")

# Chinese, Japanese and Korean by script: langdetect calls short Chinese texts Korean.
_HANGUL = re.compile("[\u1100-\u11ff\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")

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


def sample(text: str, size: int | None = None) -> str:
    """The first ``size`` characters (default :data:`SAMPLE_CHARS`) after skipping a short lead
    (often a dateline)."""
    size = SAMPLE_CHARS if size is None else size
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
    # langdetect names Chinese by script (zh-cn, zh-tw); the column holds ISO 639-1 codes.
    lang, prob = best.lang.split("-")[0], float(best.prob)
    han, kana, hangul = (len(p.findall(chunk)) for p in (_HAN, _KANA, _HANGUL))
    if lang in ("zh", "ja", "ko") or han + kana + hangul > len(letters) / 2:
        if hangul > kana and hangul >= han / 4:
            lang = "ko"
        elif kana and kana >= han / 10:
            lang = "ja"
        elif han > len(letters) / 2:
            lang = "zh"
        if lang != best.lang.split("-")[0]:
            # Overridden by script: the confidence is langdetect's for that language, if any,
            # else the share of the text's letters in that script.
            listed = [c.prob for c in candidates if c.lang.split("-")[0] == lang]
            share = {"zh": han, "ja": han + kana, "ko": hangul}[lang] / len(letters)
            prob = float(listed[0]) if listed else min(1.0, share)
    elif lang in ("ar", "fa", "ur"):
        letter_set = set(letters)
        if letter_set & _URDU_ONLY and lang != "ur":
            lang = "ur" if len(letter_set & _URDU_ONLY) >= 2 else lang
        elif letter_set & _PERSIAN_ONLY and lang == "ar":
            lang = "fa"
        elif not (letter_set & (_PERSIAN_ONLY | _URDU_ONLY)) and lang in ("fa", "ur"):
            lang = "ar"
    return lang, round(prob, 4)
