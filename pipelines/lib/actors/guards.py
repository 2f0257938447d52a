"""Is a country name the state? Guards against place names (rivers, seas), institutions named after
a country or city, titles of works, personal names (nisba surnames) and sports teams, and the
adjective that closes a state body's name (given to the government)."""

from __future__ import annotations

from pipelines.lib.actors.forms import _strip_proclitic
from pipelines.lib.actors.model import _Hit
from pipelines.lib.actors.sports import _sports_at
from pipelines.lib.actors.words import (
    _GIVEN_NAMES,
    _HONORIFICS,
    _NOT_NAME,
    _OPEN_QUOTES,
    _TOLD_VERBS,
    _end_before_spaces,
    _norm_set,
    _word_before,
    _words_before,
)
from pipelines.lib.arabic import normalize_text

# A country name right after these is a place name (the Indian Ocean, the Niger river, the Gulf of
# Oman), not the state.
_GEO_NOUNS = _norm_set(
    ("نهر", "بحر", "بحيرة", "المحيط", "محيط", "خليج", "مضيق", "صحراء", "هضبة", "سهل", "وادي")
)
# A definite nisba after a kunya ("أبو أيوب المصري") is part of a personal name.
_KUNYA = _norm_set(("أبو", "ابو", "أبي", "أم"))
# Nouns that head the name of an institution. A country right after one, in construct (جامعة القاهرة,
# بنك إيطاليا, مطار دمشق, شركة نفط نيبال, دينامو كييف), or a country adjective closing a name headed
# by one (شركة توتال الفرنسية, الخطوط الجوية البريطانية, مركز التعاون الياباني) names where the
# institution is, not the state acting. State bodies (الحكومة, وزارة, الجيش, القوات) are not here:
# they are government actors (_GENERIC_BODIES, governments.yaml).
_INSTITUTION_NOUNS = frozenset(
    normalize_text(w)
    for base in (
        "جامعة", "جامعات", "بنك", "مصرف", "مطار", "مطاري", "نادي", "ملعب", "استاد", "فندق", "شركة", "شركات",
        "مستشفى", "متحف", "معهد", "كلية", "تلفزيون", "تليفزيون", "إذاعة", "جمعية", "رابطة", "اتحاد",
        "مركز", "بورصة", "ميناء", "مؤسسة", "حزب", "هيئة", "خطوط", "طيران", "قناة", "وكالة", "منظمة",
        "مجموعة", "صندوق", "صحيفة", "جريدة", "مجلة", "حركة", "ائتلاف", "جماعة", "أكاديمية", "مدرسة",
        # clubs named after their city (a capital is a metonym of its country otherwise)
        "دينامو", "سبارتاك", "سسكا", "لوكوموتيف", "سبورتينغ", "أياكس", "ريال", "أتلتيكو", "أولمبيك",
    )
    for w in (base, "ال" + base)
)  # fmt: skip
# Works whose title may hold a country's name: "كتاب روسيا بوتين", 'رواية "القاهرة الجديدة"'.
_WORK_NOUNS = _norm_set(("كتاب", "رواية", "فيلم", "فيلمي", "مسلسل", "مسرحية", "أغنية", "قصيدة", "ديوان"))
# Verbs of saying/acting right before an indefinite singular nisba: the nisba is a surname used
# alone ("وقال كيني", "وسجل كيني ميلر"); an adjective would follow a noun.
_VERBS_BEFORE_NAME = _norm_set(
    ("قال", "أضاف", "رفض", "سجل", "أكد", "صرح", "أوضح", "تابع", "أشار"),
    ("", "و"),
)
# Inside an institution noun's name these make it a state body, so the country adjective is the
# state's: "وكالة المخابرات المركزية الأميركية" (the CIA), "الطيران الإسرائيلي" (the air force,
# whereas "طيران الإمارات" in construct is an airline).
_STATE_SERVICE_WORDS = _norm_set(("المخابرات", "الاستخبارات", "الأمن", "الطيران", "الدفاع", "الشرطة"))
# Heads of a state body's name: a definite adjective closing such a name (مكتب التحقيقات الفدرالي
# الأميركي, المجلس التشريعي الفلسطيني, إدارة معلومات الطاقة الأميركية) names the state's
# government, so the mention is given to gov:<country> rather than to the country.
# In a body's name these make it a private one (business councils, businessmen's associations).
_PRIVATE_BODY_WORDS = _norm_set(("الأعمال", "رجال", "سيدات"))
_STATE_BODY_HEADS = frozenset(
    normalize_text(w)
    for base in (
        "مكتب", "جهاز", "أجهزة", "إدارة", "مجلس", "محكمة", "سلطة", "وزارة", "لجنة", "مصلحة", "دائرة",
        "مديرية", "قيادة", "هيئة", "المخابرات", "الاستخبارات",
    )
    for w in (base, base if base.startswith("ال") else "ال" + base)
)  # fmt: skip
# A country after these in a sports sentence is where the event is held, not a national team.
_LOCATIVE = frozenset({"في", "وفي", "داخل"})


def _not_the_state(norm: str, hit: _Hit, sports: dict[int, tuple[bool, bool]]) -> bool:
    """Is this country name a place, a personal name or a sports team rather than the state?"""
    before = _word_before(norm, hit.start)
    if before in _GEO_NOUNS or _strip_proclitic(before) in _GEO_NOUNS:  # "بالمحيط الهندي"
        return True
    if _in_institution_name(norm, hit) or _in_personal_name(norm, hit, before):
        return True
    if _in_work_title(norm, hit.start, before):
        return True
    # A club is named by its city or an adjective (كوبنهاغن، ليون الفرنسي): those read the
    # surrounding sentences too; a country's own name needs a sports sentence of its own, since
    # the gold reading of "( فرنسا )" in a results list is still the country.
    loose = hit.entry.match in ("nisba", "metonym")
    if not loose and _after_locative(norm, hit.start, before):
        return False  # "بطولة العالم المقامة في ألمانيا": the host country is not a team
    return _sports_at(norm, hit.start, sports, loose)


def _after_locative(norm: str, start: int, before: str) -> bool:
    """Is the name right after في / داخل, or with ب glued to it (بالمانيا, وبالصين)?"""
    if before in _LOCATIVE:
        return True
    glued = start
    while glued > 0 and norm[glued - 1].isalpha() and start - glued < 2:
        glued -= 1
    return norm[glued:start] in ("ب", "وب", "فب")


def _in_institution_name(norm: str, hit: _Hit) -> bool:
    """Is the country part of an institution's name (جامعة القاهرة, شركة توتال الفرنسية)?"""
    words = _words_before(norm, hit.start, 3)
    if not words:
        return False
    heads = [w if w in _INSTITUTION_NOUNS else _strip_proclitic(w) for w in words]
    if hit.entry.match != "nisba":
        if norm.startswith("لل", hit.start) or (hit.start > 0 and norm[hit.start - 1].isalpha()):
            return False  # a preposition glued to the name (مستشفى بالأردن): not a construct
        # Construct state: the head is indefinite, right before the name or one indefinite word
        # before it (شركة نفط نيبال, شركات طيران الإمارات).
        if heads[0] in _INSTITUTION_NOUNS and not heads[0].startswith("ال"):
            return True
        return (
            len(heads) > 1
            and heads[1] in _INSTITUTION_NOUNS
            and not heads[1].startswith("ال")
            and not words[0].startswith("ال")
            and words[0] not in _NOT_NAME
        )
    if not norm.startswith("ال", hit.start) and not norm.startswith("لل", hit.start):
        return False  # an indefinite adjective (شركة صينية) describes, it does not close a name
    if not norm.endswith(("ي", "يه"), hit.start, hit.end):
        return False  # a plural is a people (اتحاد للناشرين اليمنيين), not a name's adjective
    for word, head in zip(words, heads, strict=True):
        if head in _STATE_SERVICE_WORDS:
            return False  # a state service named by the adjective, not a private institution
        if head in _INSTITUTION_NOUNS:
            return True
        if word in _NOT_NAME or head in _NOT_NAME:
            return False  # a particle or verb: the adjective is not inside that name
    return False


def _in_state_body(norm: str, hit: _Hit) -> bool:
    """Does this definite singular nisba close the name of a state body (headed by مكتب, جهاز,
    إدارة, المجلس, المحكمة, السلطة, وزارة ... within four words of a construct chain, no particle,
    verb or company noun between: "إدارة معلومات الطاقة الأميركية")?"""
    if not norm.startswith(("ال", "لل"), hit.start) or not norm.endswith(("ي", "يه"), hit.start, hit.end):
        return False
    for word in _words_before(norm, hit.start, 4):
        head = _strip_proclitic(word)
        if head in _PRIVATE_BODY_WORDS:
            return False  # "مجلس الأعمال المصري": a business council, not a state body
        if head in _STATE_BODY_HEADS or word in _STATE_BODY_HEADS:
            return True
        if word in _NOT_NAME or head in _NOT_NAME or word in _TOLD_VERBS or head in _INSTITUTION_NOUNS:
            return False  # a particle or verb ends the name; a company's name is not a state body
    return False


def _in_work_title(norm: str, start: int, before: str) -> bool:
    """Is the country the start of a book's, film's or show's title (كتاب روسيا بوتين, رواية
    "القاهرة الجديدة")?"""
    if before and (before in _WORK_NOUNS or _strip_proclitic(before) in _WORK_NOUNS):
        return not norm.startswith("لل", start) and norm[start - 1] == " "
    quote = _end_before_spaces(norm, start)
    if not quote or norm[quote - 1] not in _OPEN_QUOTES:
        return False
    word = _word_before(norm, quote - 1)
    return word in _WORK_NOUNS or _strip_proclitic(word) in _WORK_NOUNS


def _in_personal_name(norm: str, hit: _Hit, before: str) -> bool:
    """Is this nisba a family name: after a kunya (أبو أيوب المصري, أبو عبد الله التركي), or
    after a common given name (خالد الإيرلندي, يوسف روسي)?"""
    if hit.entry.match != "nisba" or not before:
        return False
    surface = norm[hit.start : hit.end]
    if before in _VERBS_BEFORE_NAME and not surface.startswith("ال") and surface.endswith("ي"):
        return True
    words = _words_before(norm, hit.start, 3)
    if len(words) > 1 and words[1] in _KUNYA:
        return True
    if len(words) > 2 and words[1] == "عبد" and words[2] in _KUNYA:
        return True
    return before in _GIVEN_NAMES or (
        len(words) > 1 and words[1] in _HONORIFICS and not before.startswith("ال")
    )
