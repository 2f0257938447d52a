"""Source credits: an outlet named where a wire or photo credit stands, not taking part in the news.

"بيروت (أ ف ب) -", "الدوحة - قنا :", "( رويترز - أرشيف )" under a photo, "فرانس24/ أ ف ب" closing the
text, "المصدر: واس": the outlet is where the text (or picture) comes from. An analyst counting which
actors appear together filters these out, so such a mention gets the match ``credit`` instead of
``alias``. The outlet as reporter in a sentence stays ``alias``: "قالت وكالة رويترز", "ذكرت
الفرنسية", "وبحسب فرانس برس، أضاف", "نقلا عن وكالة أنباء الإمارات (وام)" (a parenthesised short
name after the full one is an apposition, not a credit), "قال مسؤول لرويترز:" (told the outlet).

Positions (decided on the original text, line by line; only ``media`` actors read by an alias):

- **line head** (a dateline): at most ``_HEAD_WORDS`` words before it on its line (more when they
  hold a year: "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس") and no sentence end, and
  either a separator right before it (``(`` ``-`` ``–`` ``—`` ``:`` ``/``, a date word) or, with
  nothing or one to three words before it, a separator right after it ("رويترز:", "(CNN)--",
  "غزة ا.ش.ا :"), or nothing else on the line. A lone separator opening the line is a bullet
  ("- رويترز ذكرت أن ..."): the outlet after it needs a separator after it or nothing else on the line;
- **parenthesised**: ``(name)`` / ``(name - أرشيف)`` anywhere (a photo caption's credit), unless it
  is an apposition or the object of a word: an outlet noun or the outlet's name in the three words
  before (``وكالة الأنباء الرسمية (سانا)``), a verb (also with an object pronoun: ``الذي نشرته
  (رويترز)``) or preposition right before, a letter glued
  to the bracket (``ل(الراية)``), a quotation mark before it;
- **line end**: nothing but closing punctuation after it on its line, and a separator before it
  (``/ أ ف ب``, ``- رويترز``, ``(رويترز)``) or a credit label opening the line (``المصدر``,
  ``تصوير``, ``الصورة``, ``بالاتفاق مع`` ...);
- **next to a credit**: joined to a credit only by separators or و ("استنبول - قنا - أ ف ب",
  "(رويترز، أ ف ب)").

A glued proclitic (وللجزيرة, لرويترز) is never a credit: a credit stands alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipelines.lib.actors.model import Mention, Registry
from pipelines.lib.actors.words import _norm_set
from pipelines.lib.arabic import normalize_text

# Words before a credit on its line (a dateline: city, region, country). More when the line holds
# a year: the SPA dateline spells out the Hijri and Gregorian dates before the credit.
_HEAD_WORDS = 5
_HEAD_WORDS_DATED = 14
_LOOK = 200  # characters looked at on each side: a credit is near its line's start or end
_YEAR = re.compile(r"(?<!\d)(?:1[3-4]|19|20)\d\d(?!\d)")
_SENTENCE_END = re.compile(r"[.!?؟؛]\s")
_SPACES = " \t\u00a0\u200e\u200f\u200b"
_QUOTES = "\"'«»“”‘’„"
_SEP_BEFORE = "(-–—−:/"
_SEP_AFTER = ")-–—−:/"
_CLOSING = set(")]»\"'”’.*،,:;؛-–— \t\u00a0\u200e\u200f")
# Date words ending an Arabic dateline before the credit ("... 2015 م واس").
_DATE_WORDS = frozenset({"م", "هـ", "ه", "مـ"})
# A credit label opening a line: "المصدر: واس", "تصوير: رويترز", "* بالاتفاق مع «بلومبيرغ»".
_LABELS = tuple(
    normalize_text(w)
    for w in (
        "المصدر", "مصدر الخبر", "المصادر", "تصوير", "بعدسة", "عدسة", "الصورة", "صورة", "الصور",
        "بالاتفاق مع", "بالتعاون مع", "خدمة", "نقلا عن", "عن",
    )
)  # fmt: skip
# Words that make the outlet after them an apposition or an object, not a credit: outlet nouns
# (stems, proclitics stripped), and verbs/prepositions right before the bracket.
_OUTLET_NOUNS = _norm_set(
    (
        "وكالة", "الوكالة", "وكالات", "أنباء", "الأنباء", "قناة", "القناة", "صحيفة", "الصحيفة", "صحف",
        "جريدة", "الجريدة", "إذاعة", "الإذاعة", "شبكة", "الشبكة", "تلفزيون", "التلفزيون", "التليفزيون",
        "موقع", "الموقع", "مجلة", "المجلة", "محطة", "المحطة", "فضائية", "الفضائية", "مراسل", "مراسلة",
        "هيئة", "مؤسسة", "يومية", "اليومية", "أسبوعية", "الأسبوعية", "برنامج",
    )
)  # fmt: skip
# Their construct/possessive stems (وكالة -> وكالت: وكالتها, قناتنا, صحيفتكم), for ``_governs``.
_OUTLET_CONSTRUCTS = tuple(n[:-1] + "ت" for n in _OUTLET_NOUNS if n.endswith("ه") and len(n) > 3)
_NOT_BEFORE_BRACKET = _norm_set(
    (
        "قال", "قالت", "ذكر", "ذكرت", "أفاد", "أفادت", "أورد", "أوردت", "نقل", "نقلت", "أضاف", "أضافت",
        "علم", "علمت", "أكد", "أكدت", "أوضح", "أوضحت", "نشر", "نشرت", "كشف", "كشفت", "بث", "بثت",
        "أعلن", "أعلنت", "تابع", "تابعت", "أشار", "أشارت", "لـ", "ل", "عن", "مع", "في", "من", "إلى",
        "على", "حسب", "بحسب", "وفق", "وفقا", "لدى", "عبر", "بين", "تحدث", "صرح", "أبلغ", "حديث",
        "تصريح", "تصريحات", "مقابلة", "حوار", "لصالح", "باسم",
    )
)  # fmt: skip
_PROCLITIC = re.compile(r"^(?:[وف]?[بلك]?)")
_PRONOUN_SUFFIX = re.compile(r"(?:ه|ها|هم|هما)$")
# Between two credits only these: "قنا - أ ف ب", "الاتحاد ووكالات", "(رويترز، أ ف ب)".
_JOIN = re.compile(r"^[\s\-–—−/،,()«»\"'“”و]*$")
# Words that may follow the outlet inside a credit's bracket: "(رويترز - أرشيف)", "(أ ف ب / Getty)".
_BRACKET_WORDS = _norm_set(("أرشيف", "أرشيفية", "صورة", "وكالات", "خاص", "Getty", "Images", "EPA", "AP"))
_WORD = re.compile(r"[^\W_]+")


def mark_credits(text: str, mentions: set[Mention], registry: Registry) -> set[Mention]:
    """``mentions`` with the media aliases in credit position turned into ``credit`` mentions."""
    media = sorted(
        (m for m in mentions if m.match == "alias" and _is_media(registry, m.actor_id)),
        key=lambda m: (m.start, m.end, m.actor_id),  # a total order: the mentions come from a set
    )
    if not media:
        return mentions
    credits = {m for m in media if _credit_position(text, m, mentions, registry)}
    # Chains: an outlet joined to a credit by separators only ("قنا - أ ف ب"), both ways.
    changed = bool(credits)
    while changed:
        changed = False
        for i, m in enumerate(media):
            if m in credits or _glued(text, m.start):
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(media) and media[j] in credits:
                    a, b = sorted((m, media[j]), key=lambda x: x.start)
                    if a.end <= b.start and b.start - a.end <= 12 and _JOIN.match(text[a.end : b.start]):
                        credits.add(m)
                        changed = True
                        break
    if not credits:
        return mentions
    return (mentions - credits) | {replace(m, match="credit") for m in credits}


def _is_media(registry: Registry, actor_id: str) -> bool:
    actor = registry.actors.get(actor_id)
    return actor is not None and actor.type == "media"


def _glued(text: str, start: int) -> bool:
    """Is a letter glued before ``text[start]`` (a proclitic: لرويترز, وللجزيرة)?"""
    return start > 0 and text[start - 1].isalpha()


def _credit_position(text: str, m: Mention, mentions: set[Mention], registry: Registry) -> bool:
    if _glued(text, m.start) or normalize_text(m.surface).startswith("لل"):
        return False
    line_start = text.rfind("\n", max(0, m.start - _LOOK), m.start) + 1
    head = text[line_start : m.start] if line_start or m.start <= _LOOK else None
    line_end = text.find("\n", m.end, m.end + _LOOK)
    tail = text[m.end : line_end if line_end >= 0 else m.end + _LOOK]
    at_line_end = (line_end >= 0 or m.end + _LOOK >= len(text)) and all(ch in _CLOSING for ch in tail)
    near = head if head is not None else text[max(0, m.start - _LOOK) : m.start]
    stripped = near.rstrip(_SPACES + _QUOTES)
    quoted = any(ch in _QUOTES for ch in near[len(stripped) :])
    prev = stripped[-1:]
    if prev == "(":
        return _bracket_closes(tail, m, mentions, registry) and not _apposition(stripped[:-1], m, mentions)
    if head is not None and not _SENTENCE_END.search(head + " "):
        words = [normalize_text(w) for w in _WORD.findall(head)]
        limit = _HEAD_WORDS_DATED if _YEAR.search(head) else _HEAD_WORDS
        # A reporting verb, preposition or outlet noun before it makes the outlet a subject or an
        # object ("وقال القنطار لـ بي بي سي:", "وأفادت إذاعة وتلفزيون / تي أر تي /", "في الديلي تلغراف:").
        if len(words) <= limit and not any(_governs(w) for w in words):
            nxt = tail.lstrip(_SPACES + _QUOTES)[:1]
            # A lone separator opening the line is a bullet, and the outlet after it a subject ("- رويترز
            # ذكرت أن ..."): then a credit needs a separator after it (or nothing else on the line, below).
            if (
                prev
                and prev in _SEP_BEFORE
                and (words or head.strip(_SPACES + _QUOTES) != prev or nxt in _SEP_AFTER)
            ):
                return True
            if words and words[-1] in _DATE_WORDS and _YEAR.search(head) and not quoted:
                return True
            if len(words) <= 3 and ((nxt and nxt in _SEP_AFTER) or (at_line_end and not words)):
                return True
    if at_line_end:
        if prev and prev in _SEP_BEFORE and not _governs(_last_word(stripped[:-1])):
            return True
        if head is not None and _labelled(head):
            return True
    return False


def _last_word(text: str) -> str:
    words = _WORD.findall(text[-40:])
    return normalize_text(words[-1]) if words else ""


def _governs(word: str) -> bool:
    """Is ``word`` (normalised) a verb, preposition or outlet noun the outlet after it depends on?"""
    if not word:
        return False
    bare = _PROCLITIC.sub("", word, count=1)
    # The verb with an object pronoun ("الذي نشرته (رويترز)", نقلتها); not عنه/منه (short words).
    verb = _PRONOUN_SUFFIX.sub("", bare) if len(bare) > 3 else bare
    if word in _NOT_BEFORE_BRACKET or bare in _NOT_BEFORE_BRACKET or verb in _NOT_BEFORE_BRACKET:
        return True
    # the noun itself, or its construct/possessive form (صحيفتكم, قناتنا, وكالتها)
    return any(w in _OUTLET_NOUNS or w.startswith(_OUTLET_CONSTRUCTS) for w in (word, bare))


def _bracket_closes(tail: str, m: Mention, mentions: set[Mention], registry: Registry) -> bool:
    """Does the bracket around the outlet hold nothing but credits ("(رويترز - أرشيف)", "(رويترز،
    أ ف ب)")? "(شبيغل أفير)" names an affair, not a source."""
    close = tail.find(")")
    if close < 0 or "(" in tail[:close] or close > 40:
        return False
    inside = tail[:close]
    for o in mentions:
        if o.start >= m.end and o.end <= m.end + close and _is_media(registry, o.actor_id):
            inside = inside.replace(o.surface, " ")
    return all(normalize_text(w) in _BRACKET_WORDS for w in _WORD.findall(inside))


def _labelled(head: str) -> bool:
    """Does the line before the mention consist of a credit label ("المصدر:", "* تصوير")?"""
    norm = " ".join(_WORD.findall(normalize_text(head)))
    return norm in _LABELS


def _apposition(before: str, m: Mention, mentions: set[Mention]) -> bool:
    """Is a bracketed outlet name an apposition or an object ("وكالة الأنباء الرسمية (سانا)",
    "ونقلت (واس)", "ل(الراية)") rather than a credit? ``before`` is the text before the bracket."""
    if not before:
        return False
    if before[-1].isalpha() or before[-1] in _QUOTES:
        return True  # "ل(الراية)", "«(فوكس نيوز)"
    words = [normalize_text(w) for w in _WORD.findall(before[-60:])][-3:]
    if words and (words[-1] in _NOT_BEFORE_BRACKET or any(_governs(w) for w in words)):
        return True
    # The outlet's own longer name just before: "سكاي نيوز (عربية)", "الشرق الأوسط (الشرق الأوسط)".
    return any(
        o.actor_id == m.actor_id and o.end <= m.start and m.start - o.end <= 40 for o in mentions if o != m
    )
