"""Cities (type ``city``, generated from GeoNames: ``pipelines/lib/cities.py``): when is a city's
Arabic name the city?

A city name is often a word too (صور "pictures", جدة "grandmother", حماة "protectors", الأمل
"hope") or a personal name (صفوان، خالص، صلاح الدين), and one name may be two cities (طرابلس:
Libya and Lebanon). So every city alias is conditional (``_Entry.place``):

* ``PLACE_STRONG`` right before the name (مدينة، بلدة، محافظة، ريف، قضاء، سكان، أهالي ...) makes
  it the city, whatever the name;
* a large city (``place == 1``) is the city also after a locative (``PLACE_WEAK``: في، قرب، شمال،
  من، إلى، بين ... or a glued ب: بجدة) or when the text names its country;
* a smaller city (``place == 2``) also when the text names its country (a locative alone is not
  enough: "في بيان" is "in a statement", Bayan being a Kuwaiti town);
* a name that is also a common word or a given name, and a world city outside the region
  (``place == 3``), needs, besides the strong cue, a locative AND its country named;
* a name in ``BLOCKED_CITY_NAMES`` (a word first: بيان، إطار، جامعة، سنة ...) is never a city;
* a name two countries share carries ``requires_any`` = its country (the loader's doing): it is
  the city of the country the text names, else nothing.

Never a city: a name inside a personal name (بن/أبو/أم before it), one heading a construct with
an institution (``guards._in_institution_name``: جامعة حلب, مطار بغداد) and one in a sentence
about sport (a club's home town: ``sports``).
"""

from __future__ import annotations

import re

from pipelines.lib.actors.guards import _in_institution_name
from pipelines.lib.actors.model import _Entry, _Hit
from pipelines.lib.actors.sports import _sports_at
from pipelines.lib.actors.words import _after_definite_noun, _norm_set, _word_before
from pipelines.lib.arabic import normalize_text

_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "لل", "ولل", "بال", "وبال")
# Words that say the next name is a place, whatever else it could be.
PLACE_STRONG = _norm_set(
    (
        "مدينة", "مدينتي", "بلدة", "بلدتي", "قرية", "محافظة", "محافظتي", "ريف", "قضاء", "ناحية",
        "مخيم", "ولاية", "سكان", "أهالي", "منطقة", "مدن", "بلدات", "محافظات", "مدينتا",
        "محافظ", "عمدة", "بلدية", "ضواحي", "أطراف", "مشارف", "شوارع",
    ),
    _CLITICS,
)  # fmt: skip
# Locatives: a place follows, but so may a common noun ("في جدة الأمر").
PLACE_WEAK = _norm_set(
    (
        "في", "قرب", "بقرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "من",
        "إلى", "الى", "بين", "حول", "داخل", "وسط", "أنحاء", "نحو", "باتجاه", "عبر", "قرابة",
        "مقربة", "محيط", "حتى", "جنوبا", "شمالا", "شرقا", "غربا",
    ),
    ("", "و", "ف"),
)  # fmt: skip
# Before a name these make it part of a personal name (صلاح الدين بن ..., أبو ..., أم ...).
_NAME_BEFORE = _norm_set(("بن", "ابن", "بنت", "أبو", "ابو", "أبي", "أم", "ام", "آل", "الشيخ", "الأمير"))
_NAME_AFTER = _norm_set(("بن", "ابن", "بنت"))


# Heads whose construct with a city name is not the city: the Gaza Strip, the Dubai market.
# A club named by its city: "إنتر ميلان", "بايرن ميونيخ", "حسنية أكادير"; a prison, mosque, court,
# island or gulf named by it (سجن أبو غريب, مسجد الكوفة, جزيرة كيش).
_NOT_CITY_HEADS = _norm_set(
    (
        "قطاع", "سوق", "أسواق", "بورصة", "مؤشر", "إمارة", "ميناء", "سهم", "أسهم", "سجن", "مسجد", "جامع",
        "محكمة", "جزيرة", "خليج", "بحر", "البحر", "شركة", "إنتر", "انتر", "بايرن", "حسنية", "أسيك",
        "فريق", "فريقي", "نادي", "ناديي", "لاعب", "مدرب", "منتخب", "إدارة", "اتحاد", "مطار", "جامعة",
    ),
    ("", "و", "ف", "ب", "ل"),
)  # fmt: skip


# A city whose name is also another state's capital metonym (round 19), read as the city by
# context instead of being left out like other names an entry already holds. "place": Tel Aviv
# stands for Israel (وأعلنت تل أبيب) except after a place cue (في، إلى، من، شوارع، سكان ...), where
# the metonym gives way (``unless_after``) and the city is read. "context": Lebanon's Tripoli is
# the city when the text names Lebanon or a place of north Lebanon (``TWIN_CUES``) and not Libya;
# Libya's metonym needs Libya named and not Lebanon (countries.yaml), so the two never meet.
METONYM_TWINS: dict[str, tuple[str, str]] = {"تل أبيب": ("ISR", "place"), "طرابلس": ("LBN", "context")}
PLACE_TWIN = 4  # ``_Entry.place`` of a "context" twin: its country named or one of its cues near
# Places that put a twin city in its country without the country named: Tripoli's quarters and
# the districts and towns of north Lebanon; matched as whole words or phrases, with a proclitic.
# Not القبة / الميناء ("the dome", "the port"), محسن alone (a given name) nor المنية alone ("death":
# وافته المنية): common anywhere.
TWIN_CUES: dict[str, tuple[str, ...]] = {
    "LBN": (
        "باب التبانة", "التبانة", "جبل محسن", "عكار", "الضنية", "البداوي", "زغرتا",
        "البترون", "الكورة", "حلبا", "الفيحاء", "شمال لبنان", "الشمال اللبناني",
    )
}  # fmt: skip
_TWIN_PATTERNS = {
    a3: re.compile(
        r"(?<![^\W\d_])(?:وب|ول|[وفبل])?(?:"
        + "|".join(re.escape(normalize_text(c)) for c in cues)
        + r")(?![^\W\d_])"
    )
    for a3, cues in TWIN_CUES.items()
}
# "طرابلس والشمال", "طرابلس الشمال": the north (Lebanon's governorate) right after the name.
_TWIN_AFTER: dict[str, frozenset[str]] = {"LBN": _norm_set(("الشمال", "والشمال", "الشام"))}
_TWIN_WINDOW = 300  # characters either side searched for a cue


def twin_cue(norm: str, start: int, country: str) -> bool:
    """Is a place of ``country`` (``TWIN_CUES``) written within ``_TWIN_WINDOW`` characters of the
    name at ``norm[start]``, or the north right after it ("طرابلس والشمال")?"""
    pattern = _TWIN_PATTERNS.get(country)
    if pattern is not None and pattern.search(norm, max(0, start - _TWIN_WINDOW), start + _TWIN_WINDOW):
        return True
    after = norm[start : start + 64].split(None, 2)  # the name (one word) and the word after it
    return len(after) > 1 and after[1] in _TWIN_AFTER.get(country, frozenset())


def place_holds(e: _Entry, norm: str, start: int, token_before: str, context: set[str], country: str) -> bool:
    """Does the context make this city alias the city (see the module docstring)?"""
    if e.place == PLACE_TWIN:  # another state's capital too: only with its own country in view
        return f"country:{country}" in context or twin_cue(norm, start, country)
    if token_before in PLACE_STRONG:
        return True
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalpha():
        word_start -= 1
    named = f"country:{country}" in context
    locative = token_before in PLACE_WEAK or "ب" in norm[word_start:start]
    if e.place == 1:
        return named or locative
    if e.place == 2:
        return named
    return named and locative


def not_a_city(norm: str, hit: _Hit, sports: dict[int, tuple[bool, bool]]) -> bool:
    """A city name that is part of a personal or institution name, or a club's home in sport."""
    before = _word_before(norm, hit.start)
    if before in _NAME_BEFORE or before in _NOT_CITY_HEADS:
        return True
    # A window, not the rest of the text (one copy per city hit was quadratic on long texts).
    after = norm[hit.end : hit.end + 64].lstrip(" ").split(" ", 1)[0].split("\n", 1)[0]
    if after in _NAME_AFTER:
        return True
    if after.startswith("ال") and len(after) > 4 and after.endswith("ي") and before not in PLACE_STRONG:
        # a masculine adjective: a city is feminine, "برشلونة الإسباني" is the club; after ريف the
        # adjective agrees with ريف ("ريف إدلب الجنوبي")
        return True
    if (
        norm.startswith("ال", hit.key_start)
        and _after_definite_noun(norm, hit.start)
        and before not in PLACE_STRONG
    ):
        return True  # an adjective agreeing with the noun before: "عمره القصير", "البحر الأبيض"
    if _in_institution_name(norm, hit):
        return True
    return _sports_at(norm, hit.start, sports, True)


# City names that are also common words or given names, read off the corpus's most frequent city
# mentions and the list (the loader adds the team's given names and the registry's people's
# first names): they need a locative AND their country named, or a strong cue.
COMMON_CITY_NAMES = (
    "صور", "جدة", "حماة", "الأمل", "النصر", "السلام", "الحرية", "الخليل", "عدن", "بنت", "الرشيد",
    "المحمدية", "خالص", "القائم", "القاسم", "الزبير", "الجديدة",
    "العين", "الوحدة", "الثورة", "النهضة", "المنصورة", "الزرقاء", "القصر", "البيضاء", "الباب", "التل",
    "الميادين", "العقبة", "المفرق", "الطيبة", "الشامية", "الصويرة", "الرحمة", "الشروق", "العبور",
    "الوادي", "السلامة", "الفلاح", "المنار", "الرياض", "الخرج", "الأحمدي", "الجهراء", "الشارقة",
    "عالية", "عثمانية", "السد", "الخور", "الريان", "الوكرة", "الغرافة", "العربي",
)  # fmt: skip

# Never a city: words first, read off the corpus's most frequent city mentions (GeoNames gives
# them as the Arabic names of Bayan (KWT), Atar (MRT), Djamaa (DZA), Baneh and Sanandaj (IRN), Van
# (TUR), Lod and Yehud (ISR), Hue (VNM), Medan (IDN) ...) and Medina's bare "the city".
BLOCKED_CITY_NAMES = (
    "مدينة", "المدينة", "بيان", "إطار", "جامعة", "لاد", "بأنه", "وأن", "وإن", "الخبراء", "وقف", "الأشهر",
    "يهود", "عنه", "سنة", "سفيرة", "هوية", "ميدان", "الشهداء", "الساحل", "الحد", "الصف", "العلم", "الأم",
    "ابا", "ثورة", "بورصة", "رقة", "دورا", "إبادة", "أوز", "بركة", "خبر", "الصدر", "معسكر", "الوجه",
    "رماح", "عمران", "الحزم", "خان",
    "صلاح الدين", "دير", "سلطات", "سدة", "فوه", "عنك", "الطرف", "الحي", "بلد", "الجديد",
)  # fmt: skip
