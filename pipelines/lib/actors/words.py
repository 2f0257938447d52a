"""The words around a position in normalised text, and the word lists several rules look for there
(honorifics, words that end a name, given names, reporting verbs)."""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.lib.arabic import normalize_text


def _norm_set(words: Iterable[str], prefixes: Iterable[str] = ("",)) -> frozenset[str]:
    """The normalised forms of ``words``, each also with every one of ``prefixes`` glued before it."""
    pre = tuple(prefixes)
    return frozenset(normalize_text(p + w) for w in words for p in pre)


# Honorifics between a title and a name ("وزير الخارجية السعودي الأمير فيصل بن فرحان").
_HONORIFICS = _norm_set(
    (
        "الأمير",
        "الأميرة",
        "الشيخ",
        "الشيخة",
        "الدكتور",
        "الدكتورة",
        "السيد",
        "السيدة",
        "الفريق",
        "سمو",
        "فخامة",
        "معالي",
        "جلالة",
        "العقيد",
        "العميد",
        "المشير",
        "اللواء",
    )
)
# Words that end a name after a title (particles, time words, reporting verbs, adjectives of the
# office): "وزير الدفاع الأميركي يزور ..." names no one. Normalised, so أ/إ/ى are folded.
_NOT_NAME = _norm_set(
    (
        "في", "من", "إلى", "على", "عن", "أن", "إن", "ما", "لا", "لم", "لن", "قد", "مع", "بعد", "قبل", "خلال",
        "أمام", "عند", "حول", "ضد", "الذي", "التي", "أو", "ثم", "كما", "بين", "يوم", "اليوم", "أمس", "غدا",
        "هذا", "هذه", "ذلك", "تلك", "إنه", "أنه", "أنها", "إنها", "لدى", "عبر", "منذ", "حتى", "بأن", "بان",
        "الذين", "عقب", "إثر", "بشأن", "لكن", "وقال", "وأكد", "وأضاف",
        "قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "أشار", "أشارت", "أوضح", "أضاف", "اعتبر", "دعا",
        "زار", "وصل", "التقى", "بحث", "يزور", "يصل", "يلتقي", "يبحث", "يقول", "يؤكد", "يعلن", "يدعو",
        "تلقى", "استقبل", "أجرى", "شدد", "حذر", "طالب", "نفى", "كشف", "ناقش", "ترأس", "وقع", "بدأ",
        "سيزور", "يجري", "يتوجه", "توجه", "غادر", "أبلغ", "هدد", "رحب", "أدان", "نظيره", "نظيرته",
        "الجديد", "الجديدة", "الحالي", "الحالية", "بالوكالة", "المكلف", "المؤقت", "الأول", "الأعلى",
        "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "مساء", "صباح",
        "حيث", "إذا", "إذ", "لأن", "كان", "كانت", "سوف", "وهو", "وهي", "هو", "هي", "ليس", "غير", "أي",
        "رئيس", "رئيسة", "وزير", "وزيرة", "نائب", "ولي", "أمير", "ملك", "مجلس", "حكومة", "مؤتمرا",
        "عقب", "جولة", "بجولة", "زيارة", "اتصالا", "رسالة", "بيانا", "تصريحات", "كلمة",
        "أيضا", "لقد", "بأي", "كذلك", "مجددا", "حاليا", "شخصيا", "نفسه", "فقط", "الآن",
    )
)  # fmt: skip
_OPEN_QUOTES = frozenset('"«“')
# Reporting verbs: "قال X لـ<outlet>" is told the outlet (للجزيرة, للشرق الأوسط).
_TOLD_VERBS = _norm_set(
    (
        "قال", "قالت", "صرح", "صرحت", "أكد", "أكدت", "كشف", "كشفت", "أوضح", "أوضحت", "أضاف", "أضافت",
        "أعلن", "أعلنت", "ذكر", "أرسلها", "أرسله", "تحدث", "تحدثت", "أفاد", "أفادت", "نفى", "نفت",
        "يقول", "يضيف", "يؤكد", "يوضح", "يصف", "وصف", "يكشف",
        # statements made to the outlet: "في تصريحات للجزيرة", "في حديث للشرق الأوسط"
        "تصريحات", "تصريح", "مقابلة", "حديث", "حوار",
    ),
    ("", "و", "ف"),
)  # fmt: skip
# Common given names: a country adjective right after one is a family name (علي السويدي, خالد
# الإيرلندي, عزام الأميركي). علي is left out: once ى is folded it is also the preposition على.
_GIVEN_NAMES = _norm_set(
    (
        "محمد", "أحمد", "محمود", "حسن", "حسين", "خالد", "فيصل", "سعيد", "سعد", "سعود", "عمر", "عثمان",
        "يوسف", "إبراهيم", "إسماعيل", "مصطفى", "طارق", "هشام", "وليد", "سامي", "سمير", "ماجد", "نبيل",
        "عادل", "جمال", "كمال", "رشيد", "ناصر", "منصور", "فهد", "سلطان", "حمد", "راشد", "صالح", "جاسم",
        "مشعل", "بندر", "عزام", "أسامة", "أيمن", "ياسر", "زياد", "فؤاد", "رياض", "حازم", "حمزة", "بلال",
        "عمرو", "مروان", "هاني", "رامي", "كريم", "مازن", "عبدالله", "عبدالرحمن", "عبدالعزيز", "الله",
        "فاطمة", "مريم", "ميساء", "هدى", "سعاد", "نادية", "ليلى", "منى", "سلمى", "رانيا", "دينا",
        # foreign given names before a surname that is also a nisba (جون كندي)
        "جون", "جورج", "روبرت", "إدوارد", "تيد", "جوزيف", "بول", "ديفيد", "مايكل", "بيتر", "توماس",
    )
)  # fmt: skip
# After a "not_construct" alias these definite words still leave it a name (فتح التي, حماس الفلسطينية
# is handled by the adjective ending).
_RELATIVES = _norm_set(("التي", "الذي", "الذين", "اللذين", "اللتين"))


def _words_before(norm: str, start: int, n: int) -> list[str]:
    """Up to ``n`` words before ``norm[start]``, nearest first, stopping at punctuation and lines."""
    out: list[str] = []
    pos = start
    while len(out) < n:
        word = _word_before(norm, pos)
        if not word:
            break
        out.append(word)
        pos = norm.rfind(word, 0, pos)
    return out


def _word_before(norm: str, start: int) -> str:
    """The word just before ``norm[start]`` (across spaces only), or ''."""
    end = _end_before_spaces(norm, start)
    if not end or not norm[end - 1].isalpha():
        return ""
    return norm[norm.rfind(" ", 0, end) + 1 : end]


def _line_word_before(norm: str, start: int) -> str:
    """The word just before ``norm[start]`` on the same line (across spaces only), or ''."""
    end = _end_before_spaces(norm, start)
    if not end or not norm[end - 1].isalpha():
        return ""
    space = norm.rfind(" ", 0, end)
    return norm[max(space, norm.rfind("\n", space + 1, end)) + 1 : end]


def _end_before_spaces(norm: str, start: int) -> int:
    """``start`` moved back over spaces. Index arithmetic, not ``norm[:start].rstrip()``: these run
    for every candidate, and copying the text before each made long texts quadratic."""
    while start > 0 and norm[start - 1] == " ":
        start -= 1
    return start


def _after_definite_noun(norm: str, start: int) -> bool:
    """Is the word right before ``start`` a definite noun (ال...) other than a name particle or
    honorific? Exactly one space in between (punctuation breaks it)."""
    if start < 2 or not norm[start - 1].isspace() or norm[start - 2].isspace():
        return False
    word = norm[norm.rfind(" ", 0, start - 1) + 1 : start - 1]
    return word.startswith("ال") and len(word) > 3 and word not in _HONORIFICS and word.isalpha()
