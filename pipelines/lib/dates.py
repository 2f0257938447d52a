"""Publication dates of pages and date mentions inside article text (Arabic first).

Publication date chain (``publication_date``), first hit wins:

1. JSON-LD ``datePublished`` (article-like ``@type`` preferred, ``@graph`` and lists walked).
2. ``<meta>``: ``article:published_time`` and other specific publication metas, then any element
   with ``itemprop="datePublished"``. Stamps in ISO basic format ("20180619T055000+0900") too.
3. ``<time datetime=...>`` outside nav/footer/aside, preferring ones marked as "published" and
   never ones marked as "modified"/"updated".
4. A visible date line near the title (the longest ``<h1>``: a logo is often an earlier one; with
   no ``<h1>``, an ``<h2>`` inside a "title" box): short text blocks right after the title, then
   those before it inside the title's container, read with ``parse_date_line``. A line is cut at
   "updated" ("Written: 2023-11-07 / Updated: ..." keeps the first date; a line starting with it
   is skipped). This is where Levantine month names ("15 كانون الأول 2024") are read. With no
   title box, a page's only ``<h2>``; a page whose body is all in ``<noscript>`` is read there. When
   no line reads and the page declares a language the grammar does not cover (not ar/fa), each line
   (split at ``<br>``) goes to dateparser (that language, strict, day+month+year required, absolute
   dates only; a leading "Place," dateline is dropped): source ``visible:dateparser``.
5. Generic ``date``/``dc.date`` metas: often the modification or render time, so below step 4.
6. A ``/YYYY/MM/DD/`` date in the URL (the given one, else ``<link rel=canonical>``/``og:url``).
7. ``htmldate`` (original_date=True), fast then extensive search, as last resort. A Jan-1 result
   (and with the extensive search any 1st of a month) is rejected unless the page literally
   contains that day: htmldate falls back to Jan 1 of a bare year when it cannot read an Arabic
   month name, and to the 1st for a month-year.

Conflict: a stamp written in UTC ("Z", "+00:00") whose day is one off the URL's day takes the URL
day as ``published_date`` (the CMS writes the path in local time) and keeps the instant.

Time zones: when a timestamp with an offset is known, ``published_at`` is that instant in UTC and
``published_date`` is the calendar day *as written* (the outlet's local day). A time without an
offset, or a day only, gives ``published_at=None``. No date beats a wrong date.

Date mentions (``find_date_mentions``) use a compiled regex grammar over the normalised text
(``pipelines.lib.arabic`` normalisation; offsets are mapped back so ``text[start:end] ==
surface``). dateparser is not used: it is slow per call and misreads short Arabic tokens.
Documented choices:

* Overlaps: the longest candidate wins; ties go to the rule listed first (absolute before relative).
* Weekday words ("الأحد", "يوم الأحد", "مساء الأحد") resolve to the most recent such day on or
  before the anchor (anchor's own weekday -> the anchor); with "الماضي" strictly before, with
  "المقبل"/"القادم" strictly after.
* Weeks are ISO weeks (Monday..Sunday): "الأسبوع الماضي" is the ISO week before the anchor's week;
  ``value``/``value_end`` are its first/last days. Months and years likewise (calendar month/year).
* ``value_end`` is set for every granularity except 'day'.
* "خلال الأيام الماضية" and similar: range [anchor-7, anchor]; "الأيام المقبلة": [anchor, anchor+7];
  "الساعات الماضية": [anchor-1, anchor].
* "منذ/قبل N أيام" -> anchor-N (day granularity); weeks -> 7*N days. Vague "منذ أيام" is skipped,
  and so is "قبل يومين من ..." (before some *event*). "بعد N أيام" is not emitted: in narrative it
  counts from the event just told ("وبعد 15 يوما تم القبض عليه"), not from the article date.
* Day + month without a year is emitted only with an anchor (kind 'absolute', anchor_date set,
  rule 'abs:day-month'); the year is the anchor's, moved back a year if that lands >120 days after
  the anchor, forward a year if >245 days before it; "المقبل"/"الماضي" after the month force the
  next/previous occurrence. "ثورة 25 يناير" (an event's name) is skipped.
* Years alone are emitted only after "عام/العام/سنة/السنة" (granularity 'year'). A year in a law
  or decree number ("القانون رقم 10 لسنة 2024", "قرار 5 لعام 2023") is skipped: it numbers the
  document, it is not an event date. Bare numbers, prices and phone numbers are never dates.
* "اليوم" after a few outlet names ("روسيا اليوم", "المصري اليوم", "صحيفة اليوم") is skipped.
* "اليوم" followed by a definite word ("اليوم العالمي", "اليوم التالي", "اليوم الأول") or preceded by
  "ذلك/تلك/نفس" is not "today" (weekday words after it are allowed: "اليوم الاثنين").
* "غدا" is also the verb "became"; it is accepted anyway (news usage is overwhelmingly "tomorrow").
* "الليلة" = anchor, "الليلة الماضية" = anchor-1; "أول أمس"/"أمس الأول" = anchor-2.
* Ordinal days ("الرابع من أبريل") need "من" before the month. Numeric dates are day-first
  (9/12/2024 = 9 Dec); month-first only when day-first is impossible (rule 'abs:numeric-mdy').
* Hijri dates (month name + year 1300-1500, optional "هـ"; numeric "14-09-1432 هـ" when the year can
  only be Hijri) are converted with hijridate (Umm al-Qura); a day the calendar lacks gives no date.
* A weekday beside a yearless date picks the year ("الخميس 15 آب": the year where it is a Thursday).
* "الأحد من الأسبوع الماضي", "ثلاثاء الأسبوع الفائت": that weekday of that ISO week. Colloquial
  "بكرة"، "امبارح"، "(يوم) قبل أمس"، "الأسبوع الجاي" are read; "اليوم السابق"/"الأسبوع التالي" are
  not (relative to a narrated event). Persian spellings of Gregorian months ("سپتامبر") are read.
"""

from __future__ import annotations

import calendar
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from hijridate import Hijri

from pipelines.lib.arabic import normalize, normalize_text

__all__ = [
    "DateMention",
    "PublicationDate",
    "find_date_mentions",
    "parse_date_line",
    "publication_date",
]


@dataclass(frozen=True)
class PublicationDate:
    published_at: datetime | None  # tz-aware UTC, None if only a day (or a zoneless time) is known
    published_date: date | None  # the outlet's local calendar day, as written
    source: str | None  # 'json-ld', 'meta:<name>', 'time-element', 'visible', 'url', 'htmldate'
    surface: str | None = None  # visible text the date was read from (source 'visible')
    utc_written: bool = False  # the stamp was written in UTC ("Z"/"+00:00"): its day may not be local


@dataclass(frozen=True)
class DateMention:
    surface: str
    start: int
    end: int
    value: date
    value_end: date | None
    granularity: str  # 'day' | 'week' | 'month' | 'year' | 'range'
    kind: str  # 'absolute' | 'relative' | 'hijri'
    anchor_date: date | None
    rule: str


# --------------------------------------------------------------------------------------------
# Normalisation with offsets
# --------------------------------------------------------------------------------------------


def _norm(text: str) -> tuple[str, list[int]]:
    """Normalised text and, per normalised char, its index in ``text`` (one char -> <= one char).

    ``arabic.normalize``: ``normalize_char`` per character (it never returns two characters, even
    for 'İ'), done with a few ``str.replace`` calls instead of a Python loop per character.
    """
    normalized = normalize(text)
    return normalized.text, normalized.offsets


def _n(word: str) -> str:
    return normalize_text(word)


def _alt(words: list[str] | set[str]) -> str:
    """Regex alternation of normalised words/phrases, longest first, spaces matching any space."""
    forms = sorted({_n(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


# --------------------------------------------------------------------------------------------
# Vocabulary (natural spellings; normalised when the grammar is compiled)
# --------------------------------------------------------------------------------------------

_AR_MONTH_FORMS: dict[int, list[str]] = {
    1: ["يناير", "كانون الثاني", "كانون ثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "يوليوز", "جويلية"],
    8: ["أغسطس", "آب", "غشت", "أوت"],
    9: ["سبتمبر", "أيلول", "شتنبر"],
    10: ["أكتوبر", "تشرين الأول", "تشرين أول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون أول", "دجنبر"],
}
# Persian spellings of the Gregorian months (Persian pages, Arabic script); "مارس"/"اوت" are shared.
_FA_MONTH_FORMS: dict[int, list[str]] = {
    1: ["ژانویه"], 2: ["فوریه"], 4: ["آوریل"], 5: ["مه"], 6: ["ژوئن"], 7: ["ژوئیه"], 8: ["اوت"],
    9: ["سپتامبر"], 10: ["اکتبر"], 11: ["نوامبر"], 12: ["دسامبر"],
}  # fmt: skip
for _month, _forms in _FA_MONTH_FORMS.items():
    _AR_MONTH_FORMS[_month] = _AR_MONTH_FORMS[_month] + _forms
# Month words that are also common words ("آب" father, "ماي", "أوت", "مارس" = he practised):
# month + year needs a day or "شهر" before them.
_AMBIGUOUS_MONTHS = {_n(w) for w in ["آب", "ماي", "أوت", "مارس", "مه"]}

_HIJRI_MONTH_FORMS: dict[int, list[str]] = {
    1: ["محرم", "المحرم"],
    2: ["صفر"],
    3: ["ربيع الأول", "ربيع أول"],
    4: ["ربيع الآخر", "ربيع الثاني", "ربيع ثاني"],
    5: ["جمادى الأولى", "جمادى الأول"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"],
    12: ["ذو الحجة", "ذي الحجة"],
}

_EN_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name[1:], start=1):
    _EN_MONTHS[_name.lower()] = _i
    _EN_MONTHS[_name.lower()[:3]] = _i
_EN_MONTHS["sept"] = 9

_WEEKDAY_FORMS: dict[int, list[str]] = {  # datetime.weekday(): Monday = 0
    0: ["الاثنين", "الإثنين"],
    1: ["الثلاثاء"],
    2: ["الأربعاء"],
    3: ["الخميس"],
    4: ["الجمعة"],
    5: ["السبت"],
    6: ["الأحد"],
}

_NUM_WORDS: dict[str, int] = {
    "يوم": 1, "يوما": 1, "يومين": 2, "يومان": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
}  # fmt: skip


def _ordinals() -> dict[str, int]:
    """Day ordinals as written in news: "الأول" .. "الحادي والثلاثين" (both case endings)."""
    units = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
    out = {"العاشر": 10, "العشرين": 20, "العشرون": 20, "الثلاثين": 30, "الثلاثون": 30, "أول": 1}
    for i, unit in enumerate(units, start=1):
        out[unit] = i
        teen = "الحادي" if i == 1 else unit
        out[f"{teen} عشر"] = out[f"{teen} عشرة"] = 10 + i
        for tens, base in (("العشرين", 20), ("العشرون", 20), ("الثلاثين", 30), ("الثلاثون", 30)):
            if base + i <= 31:
                out[f"{teen} و{tens}"] = base + i
    return {_n(k): v for k, v in out.items()}


def _lookup(forms: dict[int, list[str]]) -> dict[str, int]:
    return {_n(f): k for k, fs in forms.items() for f in fs}


_AR_MONTHS = _lookup(_AR_MONTH_FORMS)
_HIJRI_MONTHS = _lookup(_HIJRI_MONTH_FORMS)
_WEEKDAYS = _lookup(_WEEKDAY_FORMS)
_NUMS = {_n(k): v for k, v in _NUM_WORDS.items()}
_ORDINALS = _ordinals()


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s)


# --------------------------------------------------------------------------------------------
# Grammar (on normalised text: no hamza/alef variants, ة->ه, ى->ي, ASCII digits, "،"->",")
# --------------------------------------------------------------------------------------------

_B = r"(?<!\w)"  # word start
_E = r"(?!\w)"  # word end
_CLITIC = r"(?:[وفبل]{1,2})?"  # و ف ب ل glued before a word ("وأمس", "بالأمس")
# A number not glued to another number, a Latin word, a sign or a separator (Arabic clitics are fine).
_NUM_START = r"(?<![0-9a-z_.,:/+\-])"
_AR_M = _alt(list(_AR_MONTHS))
_HI_M = _alt(list(_HIJRI_MONTHS))
_EN_M = "|".join(sorted(_EN_MONTHS, key=lambda w: (-len(w), w)))
_WD = _alt(list(_WEEKDAYS))
_WD_PRE = (  # whole words: not the "يوم" of "اليوم"; "الخميس الموافق 14 شباط"
    rf"(?:(?:(?<!\w)يوم\s+)?(?<!\w)(?P<wdp>{_WD})\s*,?\s*(?:(?:في|الموافق)\s+)?)?"
)
_EN_WD = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)"
_DAY = r"(?:ال\s?)?(?P<d>[0-3]?\d)(?!\d)"
_GYEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*م(?!\w))?"
_HYEAR = r"(?P<y>1[34]\d\d|1500)(?!\d)(?:\s*(?:ه|للهجره|هجريه|هجري)(?!\w))?"
# "كانون الأول/ديسمبر", "كانون الأول (ديسمبر)": a second spelling of the same month.
_AR_M_FULL = rf"(?P<m>{_AR_M})(?:(?:\s*[/(\-]\s*|\s+)(?:{_AR_M}){_E}\s*\)?)?"
_OF_YEAR = r"(?:\s+من)?(?:\s+(?:عام|العام|سنه|السنه))?"

_DAY_WORDS = {
    "اليوم": 0, "الليله": 0, "امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1, "غد": 1, "الغد": 1,
    "امبارح": -1, "مبارح": -1, "بكره": 1, "بكرا": 1,  # Levantine/Egyptian colloquial, in quotes
}  # fmt: skip
_REL_DAY_CORE = (
    r"الليله\s+(?:الماضيه|المنصرمه|الفائته)|اول\s+(?:من\s+)?امس|امس\s+الاول|بعد\s+(?:ال)?غد"
    r"|(?:ال)?قبل\s+(?:امس|البارحه|امبارح|مبارح)|بعد\s+بكر[اه]"
    r"|الامس|امس|البارحه|امبارح|مبارح|اليوم|الليله|غدا|بكر[اه]|(?:ال)?غد"
)
_TIME_OF_DAY = r"(?:صباح|مساء|ظهر|عصر|فجر|ليل|ليله|ظهيره|يوم)"
_DIR_PAST = {
    _n(w) for w in ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه")
}
_DIR_NEXT = {_n(w) for w in ("المقبل", "المقبله", "القادم", "القادمه", "الجاي", "الجايه")}
_DIR_THIS = {_n(w) for w in ("الجاري", "الجاريه", "الحالي", "الحاليه")}
_DIR = _alt(_DIR_PAST | _DIR_NEXT | _DIR_THIS)
_NUM_W = _alt(list(_NUMS))
_ORD = _alt(list(_ORDINALS))
# "الرابع من أبريل": an ordinal day needs "من" before the month (bare "الثاني" is too common).
_ORD_DAY = rf"(?<!\w)(?:(?P<od>{_ORD})\s+من\s+|(?P<od1>اول)\s+(?=(?:شهر\s+)?(?:{_AR_M})(?!\w)))"
_RANGE_DIR = _alt(["الماضية", "الأخيرة", "المنصرمة", "الفائتة", "السابقة", "المقبلة", "القادمة"])


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], str, date | None], tuple | None]
    needs_anchor: bool = False


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


# Each resolver returns (value, value_end, granularity, kind, uses_anchor, rule) or None.


def _day_of(m: re.Match[str]) -> int:
    groups = m.groupdict()
    if groups.get("od1"):
        return 1
    return _ORDINALS[_key(groups["od"])] if groups.get("od") else int(m["d"])


def _r_ar_dmy(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    d = _safe_date(int(m["y"]), _AR_MONTHS[_key(m["m"])], _day_of(m))
    ordinal = m.groupdict().get("od") or m.groupdict().get("od1")
    rule = "abs:ordinal-day-month-year" if ordinal else "abs:day-month-year"
    return (d, None, "day", "absolute", False, rule) if d else None


def _r_ar_dm(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    if anchor is None:
        return None
    if re.search(r"ثوره\s+$", text[max(0, m.start() - 8) : m.start()]):
        return None  # "ثورة 25 يناير": the name of an event, not a date in this story
    month = _AR_MONTHS[_key(m["m"])]
    direction = _key(m["dir"]) if m["dir"] else None
    day = _day_of(m)
    d = _safe_date(anchor.year, month, day)
    if d is None:
        return None
    weekday = _WEEKDAYS.get(_key(m["wdp"])) if m.groupdict().get("wdp") else None
    fits = [c for y in (anchor.year - 1, anchor.year, anchor.year + 1)
            if (c := _safe_date(y, month, day)) and c.weekday() == weekday]  # fmt: skip
    if fits and not direction:
        # "الخميس 15 آب": the year in which that day is a Thursday (nearest the anchor).
        d = min(fits, key=lambda c: abs((c - anchor).days))
        ordinal = m.groupdict().get("od") or m.groupdict().get("od1")
        rule = "abs:ordinal-day-month" if ordinal else "abs:day-month"
        return d, None, "day", "absolute", True, f"{rule}:weekday-year"
    if direction in _DIR_NEXT:
        if d <= anchor:
            d = _safe_date(anchor.year + 1, month, d.day)
    elif direction in _DIR_PAST:
        if d >= anchor:
            d = _safe_date(anchor.year - 1, month, d.day)
    elif (d - anchor).days > 120:  # news mostly looks back; up to ~4 months ahead is the same year
        d = _safe_date(anchor.year - 1, month, d.day)
    elif (anchor - d).days > 245:
        d = _safe_date(anchor.year + 1, month, d.day)
    ordinal = m.groupdict().get("od") or m.groupdict().get("od1")
    rule = "abs:ordinal-day-month" if ordinal else "abs:day-month"
    return (d, None, "day", "absolute", True, rule) if d else None


def _r_ar_my(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    if _key(m["m"]) in _AMBIGUOUS_MONTHS and not m["shahr"]:
        return None
    start, end = _month_span(int(m["y"]), _AR_MONTHS[_key(m["m"])])
    return start, end, "month", "absolute", False, "abs:month-year"


def _r_hijri_dmy(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    try:
        g = Hijri(int(m["y"]), _HIJRI_MONTHS[_key(m["m"])], int(m["d"])).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day), None, "day", "hijri", False, "hijri:day-month-year"


def _r_hijri_num(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    """ "14-09-1432 هـ": a numeric day-first date whose year can only be Hijri (13xx/14xx)."""
    try:
        g = Hijri(int(m["y"]), int(m["b"]), int(m["a"])).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day), None, "day", "hijri", False, "hijri:numeric-dmy"


def _r_hijri_my(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    try:
        h = Hijri(int(m["y"]), _HIJRI_MONTHS[_key(m["m"])], 1)
        g1 = h.to_gregorian()
        g2 = Hijri(h.year, h.month, h.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None
    first, last = date(g1.year, g1.month, g1.day), date(g2.year, g2.month, g2.day)
    return first, last, "month", "hijri", False, "hijri:month-year"


def _r_num(order: str, rule: str) -> Callable[[re.Match[str], str, date | None], tuple | None]:
    def resolve(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
        a, b, c = int(m["a"]), int(m["b"]), int(m["c"])
        if order == "ymd":
            d = _safe_date(a, b, c)
            name = rule
        else:  # day-first (Arabic press); month-first only when day-first is impossible
            d = _safe_date(c, b, a)
            name = rule
            if d is None:
                d, name = _safe_date(c, a, b), "abs:numeric-mdy"
        if d is None or not 1900 <= d.year <= 2100:
            return None
        return d, None, "day", "absolute", False, name

    return resolve


def _r_en_dmy(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    d = _safe_date(int(m["y"]), _EN_MONTHS[m["m"]], int(m["d"]))
    return (d, None, "day", "absolute", False, "abs:en-day-month-year") if d else None


def _r_en_my(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    if len(m["m"]) < 4 and m["m"] != "may":
        return None  # "mar 2024" / "dec 2024" alone are too easily something else; full names only
    start, end = _month_span(int(m["y"]), _EN_MONTHS[m["m"]])
    return start, end, "month", "absolute", False, "abs:en-month-year"


_LAW_BEFORE = re.compile(r"(?:رقم\s*)?\(?\d+\)?\s*$")


def _r_year(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    if _LAW_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
        return None  # "القانون رقم 10 لسنة 2024": numbering of a document, not an event date
    y = int(m["y"])
    return date(y, 1, 1), date(y, 12, 31), "year", "absolute", False, "abs:year"


_REL_DAY_RULES = {0: "rel:today", -1: "rel:yesterday", -2: "rel:day-before-yesterday", 1: "rel:tomorrow",
                  2: "rel:day-after-tomorrow"}  # fmt: skip


def _r_rel_day(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    assert anchor is not None
    core = _key(m["w"])
    if core.startswith("الليله "):
        delta = -1  # "الليلة الماضية": last night
    elif core.startswith(("اول", "قبل", "القبل")) or core.endswith(" الاول"):
        delta = -2  # "أول أمس", "أمس الأول", "(يوم) قبل أمس"
    elif core.startswith("بعد"):
        delta = 2
    else:
        delta = _DAY_WORDS[core]
        if core in ("غد", "الغد") and not m["pre"]:
            return None  # bare "الغد" is also "the future" and a newspaper name
        after = text[m.end() : m.end() + 30]
        before = text[max(0, m.start() - 16) : m.start()]
        if core == "الليله" and re.match(r"\s+(?:الماضيه|المنصرمه|الفائته)(?!\w)", after):
            return None  # handled by the "last night" rule below
        if core in ("اليوم", "الليله"):
            nxt = re.match(r"\s+(\S+)", after)
            weekday_next = bool(nxt) and nxt.group(1).strip(",.") in _WEEKDAYS
            if nxt and (nxt.group(1).startswith("ال") or nxt.group(1)[:1].isdigit()):
                if _WEEKDAYS.get(nxt.group(1).strip(",.")) is None:
                    return None  # "اليوم العالمي", "اليوم التالي", "اليوم الأول"
            if re.search(r"(?:ذلك|تلك|نفس)\s+$", before):
                return None  # "ذلك اليوم": that day
            outlet = re.search(r"(?<!\w)(?:روسيا|عين|المصري|صحيفه|جريده)\s+$", before)
            if core == "اليوم" and outlet and not weekday_next:
                return None  # outlet names ("روسيا اليوم"), but "روسيا اليوم الثلاثاء" is today
        if core == "الامس" and re.match(r"\s+القريب", after):
            return None  # idiom: the recent past
    value = anchor + timedelta(days=delta)
    return value, None, "day", "relative", True, _REL_DAY_RULES[delta]


def _r_weekday(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    assert anchor is not None
    if not m["pre"] and re.search(r"(?:بين|كلا)\s+$", text[max(0, m.start() - 8) : m.start()]):
        return None  # "بين الاثنين": between the two
    if re.match(r"\s+عشر", text[m.end() : m.end() + 6]):
        return None  # "الأحد عشر": eleven
    target = _WEEKDAYS[m["wd"]]
    direction = _key(m["dir"]) if m["dir"] else None
    back = (anchor.weekday() - target) % 7
    if direction in _DIR_PAST:
        value, rule = anchor - timedelta(days=back or 7), "rel:weekday-past"
    elif direction in _DIR_NEXT:
        value, rule = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7), "rel:weekday-next"
    else:
        value, rule = anchor - timedelta(days=back), "rel:weekday"
    return value, None, "day", "relative", True, rule


_BARE_WD = {_n(w)[2:] if _n(w).startswith("ال") else _n(w): k for w, k in _WEEKDAYS.items()}
_BARE_WD_RE = _alt(list(_BARE_WD))


def _r_weekday_of_week(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    """ "الأحد من الأسبوع الماضي", "ثلاثاء الأسبوع الفائت": that weekday of that ISO week."""
    assert anchor is not None
    if not m["dir"] and not m["demo"]:
        return None
    direction = _key(m["dir"]) if m["dir"] else None
    step = -1 if direction in _DIR_PAST else 1 if direction in _DIR_NEXT else 0
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    value = monday + timedelta(days=_BARE_WD[m["wd"]])
    return value, None, "day", "relative", True, f"rel:weekday-of-week{step:+d}"


def _r_unit(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    assert anchor is not None
    if not m["dir"] and not m["demo"]:
        return None  # bare "العام" is also "general" ("الأمين العام"), bare "الشهر" just "the month"
    unit = m["unit"]
    direction = _key(m["dir"]) if m["dir"] else None
    step = -1 if direction in _DIR_PAST else 1 if direction in _DIR_NEXT else 0
    if unit == "الاسبوع":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6), "week", "relative", True, f"rel:week{step:+d}"
    if unit == "الشهر":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        start, end = _month_span(y, mo + 1)
        return start, end, "month", "relative", True, f"rel:month{step:+d}"
    y = anchor.year + step
    return date(y, 1, 1), date(y, 12, 31), "year", "relative", True, f"rel:year{step:+d}"


def _r_ago(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    assert anchor is not None
    after = text[m.end() : m.end() + 12]
    if m["p"] == "قبل" and re.match(r"\s+(?:من|على|علي|ال\w)", after):
        return None  # "قبل يومين من الانتخابات", "قبل يوم الخامس": relative to something else
    if m["n"]:
        n = int(m["n"]) if m["n"].isdigit() else _NUMS.get(_key(m["n"]))
    elif m["u"] in ("ايام", "اسابيع"):
        return None  # "منذ أيام": a few days, vague
    else:
        n = 2 if m["u"] in ("يومين", "يومان", "اسبوعين") else 1
    if not n or n > 400:
        return None
    weeks = m["u"].startswith("اسب")
    value = anchor - timedelta(days=n * (7 if weeks else 1))
    return value, None, "day", "relative", True, "rel:weeks-ago" if weeks else "rel:days-ago"


def _r_range(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    assert anchor is not None
    future = _key(m["dir"]) in _DIR_NEXT
    width = 1 if m["unit"].startswith("الساع") or "ساع" in m["unit"] else 7
    if future:
        return anchor, anchor + timedelta(days=width), "range", "relative", True, "rel:coming-days"
    return anchor - timedelta(days=width), anchor, "range", "relative", True, "rel:past-days"


_EN_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _r_en_weekday(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    """English "on Monday" / "last Monday" / "next Monday" in English pages (same rule as Arabic)."""
    assert anchor is not None
    target = _EN_WEEKDAY_INDEX[m["wd"][:3]]
    back = (anchor.weekday() - target) % 7
    if m["dir"] == "last":
        return anchor - timedelta(days=back or 7), None, "day", "relative", True, "rel:en-weekday-past"
    if m["dir"] == "next":
        ahead = (target - anchor.weekday()) % 7 or 7
        return anchor + timedelta(days=ahead), None, "day", "relative", True, "rel:en-weekday-next"
    return anchor - timedelta(days=back), None, "day", "relative", True, "rel:en-weekday"


_EN_REL_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _r_en_rel_day(m: re.Match[str], text: str, anchor: date | None) -> tuple | None:
    assert anchor is not None
    delta = _EN_REL_DAYS[m["w"]]
    return anchor + timedelta(days=delta), None, "day", "relative", True, f"rel:en-{m['w']}"


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p)


_RULES: list[_Rule] = [
    _Rule("ar-dmy", _c(rf"{_NUM_START}{_WD_PRE}{_DAY}\s*(?:من\s+)?(?:شهر\s+)?{_AR_M_FULL}\s*,?{_OF_YEAR}\s*"
                       rf"{_GYEAR}"), _r_ar_dmy),
    _Rule("hijri-dmy", _c(rf"{_NUM_START}{_WD_PRE}{_DAY}\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{_HI_M})\s*,?"
                          rf"{_OF_YEAR}\s*{_HYEAR}"), _r_hijri_dmy),
    _Rule("en-dmy", _c(rf"{_NUM_START}(?:{_EN_WD},?\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)\s*,?\s*"
                       rf"(?:of\s+)?(?P<m>{_EN_M})(?![a-z])\.?\s*,?\s*(?P<y>(?:19|20)\d\d)(?!\d)"),
          _r_en_dmy),
    _Rule("en-mdy", _c(rf"(?<![a-z])(?:{_EN_WD},?\s+)?(?P<m>{_EN_M})(?![a-z])\.?\s+(?P<d>[0-3]?\d)"
                       rf"(?:st|nd|rd|th)?(?!\d)\s*,?\s*(?P<y>(?:19|20)\d\d)(?!\d)"), _r_en_dmy),
    _Rule("iso", _c(rf"{_NUM_START}(?P<a>(?:19|20)\d\d)-(?P<b>[01]?\d)-(?P<c>[0-3]?\d)(?![\d\-/.])"),
          _r_num("ymd", "abs:iso")),
    _Rule("ymd-slash", _c(rf"{_NUM_START}(?P<a>(?:19|20)\d\d)/(?P<b>[01]?\d)/(?P<c>[0-3]?\d)(?![\d\-/.])"),
          _r_num("ymd", "abs:numeric-ymd")),
    _Rule("dmy-num", _c(rf"{_NUM_START}(?P<a>[0-3]?\d)(?P<s>[/.\-])(?P<b>[0-3]?\d)(?P=s)"
                        r"(?P<c>(?:19|20)\d\d)(?![\d\-/.]\d)"), _r_num("dmy", "abs:numeric-dmy")),
    _Rule("hijri-num", _c(rf"{_NUM_START}(?P<a>[0-3]?\d)(?P<s>[/.\-])(?P<b>[01]?\d)(?P=s){_HYEAR}"
                          r"(?![\d\-/.]\d)"), _r_hijri_num),
    _Rule("ar-my", _c(rf"{_B}(?P<shahr>(?:ل|ب|في\s+)?شهر\s+)?{_AR_M_FULL}\s*,?{_OF_YEAR}\s*{_GYEAR}"),
          _r_ar_my),
    _Rule("hijri-my", _c(rf"{_B}(?:شهر\s+)?(?P<m>{_HI_M})\s*,?{_OF_YEAR}\s*{_HYEAR}"), _r_hijri_my),
    _Rule("en-my", _c(rf"(?<![a-z])(?P<m>{_EN_M})(?![a-z])\.?\s*,?\s*(?P<y>(?:19|20)\d\d)(?!\d)"), _r_en_my),
    _Rule("ar-dm", _c(rf"{_NUM_START}{_WD_PRE}{_DAY}\s*(?:من\s+)?(?:شهر\s+)?{_AR_M_FULL}{_E}"
                      rf"(?:\s+(?P<dir>{_DIR}){_E})?"), _r_ar_dm,
          needs_anchor=True),
    _Rule("ar-ord-dmy", _c(rf"{_WD_PRE}{_ORD_DAY}(?:شهر\s+)?{_AR_M_FULL}\s*,?{_OF_YEAR}\s*{_GYEAR}"),
          _r_ar_dmy),
    _Rule("ar-ord-dm", _c(rf"{_WD_PRE}{_ORD_DAY}(?:شهر\s+)?{_AR_M_FULL}{_E}(?:\s+(?P<dir>{_DIR}){_E})?"),
          _r_ar_dm, needs_anchor=True),
    _Rule("year", _c(rf"{_B}{_CLITIC}(?P<kw>عام|العام|سنه|السنه)\s+{_GYEAR}"), _r_year),
    _Rule("range", _c(rf"{_B}{_CLITIC}(?P<pp>(?:خلال|في|طوال|طيله|على\s+مدى|على\s+مدار)\s+)?"
                      rf"(?P<unit>الايام|ال\s?24\s+ساعه|الساعات)\s+(?:القليله\s+)?(?P<dir>{_RANGE_DIR}){_E}"),
          _r_range, needs_anchor=True),
    _Rule("ago", _c(rf"{_B}{_CLITIC}(?P<p>منذ|قبل)\s+(?:(?P<n>\d{{1,3}}|{_NUM_W})\s+)?"
                    rf"(?P<u>ايام|يوما|يوم|يومين|يومان|اسابيع|اسبوعا|اسبوع|اسبوعين){_E}"), _r_ago,
          needs_anchor=True),
    _Rule("unit", _c(rf"{_B}{_CLITIC}(?P<demo>(?:هذا|هذه)\s+)?(?P<unit>الاسبوع|الشهر|العام|السنه)"
                     rf"(?:\s+(?P<dir>{_DIR}))?{_E}"), _r_unit, needs_anchor=True),
    _Rule("weekday-of-week", _c(rf"{_B}{_CLITIC}(?P<pre>{_TIME_OF_DAY}\s+)?"
                                rf"(?P<wdf>(?:ال)?(?P<wd>{_BARE_WD_RE}))\s+(?:من\s+)?(?P<demo>هذا\s+)?الاسبوع(?:\s+(?P<dir>{_DIR}))?{_E}"),
          _r_weekday_of_week, needs_anchor=True),
    _Rule("weekday", _c(rf"{_B}{_CLITIC}(?P<pre>{_TIME_OF_DAY}\s+)?(?P<wd>{_WD})"
                        rf"(?:\s+(?P<dir>{_DIR}))?{_E}"), _r_weekday, needs_anchor=True),
    _Rule("rel-day", _c(rf"{_B}{_CLITIC}(?P<pre>{_TIME_OF_DAY}\s+)?(?P<w>{_REL_DAY_CORE}){_E}"), _r_rel_day,
          needs_anchor=True),
    _Rule("en-weekday", _c(r"(?<![a-z])(?:(?P<dir>last|next|this)\s+)?"
                           r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?![a-z])"),
          _r_en_weekday, needs_anchor=True),
    _Rule("en-rel-day", _c(r"(?<![a-z])(?P<w>today|yesterday|tomorrow|tonight)(?![a-z])"), _r_en_rel_day,
          needs_anchor=True),
]  # fmt: skip


def _core_span(rule: _Rule, m: re.Match[str]) -> tuple[int, int]:
    """Span of the expression itself: glued clitics ("و", "ب", "ل") are left out of the surface."""
    if rule.name in ("weekday", "rel-day"):
        start = m.start("pre") if m["pre"] else m.start("wd" if rule.name == "weekday" else "w")
    elif rule.name == "weekday-of-week":
        start = m.start("pre") if m["pre"] else m.start("wdf")
    elif rule.name == "unit":
        start = m.start("demo") if m["demo"] else m.start("unit")
    elif rule.name == "year":
        start = m.start("kw")
    elif rule.name == "range":
        start = m.start("pp") if m["pp"] else m.start("unit")
    elif rule.name == "ago":
        start = m.start("p")
    else:
        start = m.start()
    return start, m.end()


def _extend_end(text: str, end: int) -> int:
    """Grow an end offset over trailing diacritics/tatweel ("غداً" keeps its tanween)."""
    while end < len(text) and (unicodedata.category(text[end]) == "Mn" or text[end] == "\u0640"):
        end += 1
    return end


def find_date_mentions(text: str, anchor: date | None) -> list[DateMention]:
    """Date expressions in ``text``, sorted by start, non-overlapping; relative ones need ``anchor``."""
    if not text:
        return []
    norm, offsets = _norm(text)
    candidates: list[tuple[int, int, int, tuple]] = []
    for priority, rule in enumerate(_RULES):
        if rule.needs_anchor and anchor is None:
            continue
        for m in rule.pattern.finditer(norm):
            resolved = rule.resolve(m, norm, anchor)
            if resolved is None:
                continue
            s, e = _core_span(rule, m)
            # Trim trailing spaces a pattern may have eaten.
            while e > s and norm[e - 1].isspace():
                e -= 1
            candidates.append((s, e, priority, resolved))
    # Longest first, then rule order, then position: deterministic greedy selection.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[DateMention] = []
    for s, e, _prio, (value, value_end, gran, kind, uses_anchor, rule_name) in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        start = offsets[s]
        end = _extend_end(text, offsets[e - 1] + 1)
        chosen.append(
            DateMention(
                surface=text[start:end],
                start=start,
                end=end,
                value=value,
                value_end=value_end,
                granularity=gran,
                kind=kind,
                anchor_date=anchor if uses_anchor else None,
                rule=rule_name,
            )
        )
    chosen.sort(key=lambda d: d.start)
    return _merge_day_and_weekday(text, chosen)


_JOINER = re.compile(r"^[\s,،]*$")
_DIGIT = re.compile(r"\d")  # any Unicode digit, as the grammar's \d (normalisation keeps digits digits)


def _merge_day_and_weekday(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "اليوم الاثنين", "أمس الثلاثاء", "غداً الأربعاء 15 يناير" are one expression.

    A relative day followed only by spaces or a comma by a weekday (or a dated weekday) becomes
    one mention; its value is the relative day's, and a weekday that disagrees is flagged in
    the rule (``:weekday-mismatch``) rather than silently trusted.
    """
    merged: list[DateMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.rule.startswith(("rel:today", "rel:yesterday", "rel:tomorrow", "rel:day-"))
            and mention.granularity == "day"
            and (mention.rule.startswith("rel:weekday") or mention.value == previous.value)
            and _JOINER.match(text[previous.end : mention.start])
        ):
            agrees = mention.value == previous.value
            merged[-1] = DateMention(
                surface=text[previous.start : mention.end],
                start=previous.start,
                end=mention.end,
                value=previous.value,
                value_end=None,
                granularity="day",
                kind=previous.kind,
                anchor_date=previous.anchor_date,
                rule=f"{previous.rule}+weekday" if agrees else f"{previous.rule}+weekday:weekday-mismatch",
            )
            continue
        merged.append(mention)
    return merged


# --------------------------------------------------------------------------------------------
# Date lines
# --------------------------------------------------------------------------------------------

_LINE_NOISE = re.compile(
    r"t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?"  # ISO time tail
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.|ص|م|صباحا|مساء|ظهرا|عصرا)(?!\w))?"
    r"|(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
    r"|بتوقيت\s+\S+(?:\s+المكرمه)?"
    r"|[\s,.:;|/\\\-()\[\]\"'•·*]+"
)
_LINE_WORDS = (
    {
        _n(w)
        for w in (
            "تاريخ النشر نشر نشرت نشرها نشره منشور في بتاريخ تم آخر اخر تحديث التحديث الساعة الموافق يوم ص م "
            "published updated posted written created on date last at by gmt utc am pm z stand uhr الإثنين"
        ).split()
    }
    | set(_WEEKDAYS)
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def parse_date_line(line: str) -> date | None:
    """The day written in a short line that is essentially just a date (with labels/time/zone).

    A sentence that merely mentions a date gives None, and so does a month-only line.
    """
    # Every rule that reads a day without an anchor needs a digit (the year, or the day and year):
    # a line without one cannot hold a day, and most lines near a title have none.
    if not line or len(line) > 120 or not _DIGIT.search(line):
        return None
    mentions = [m for m in find_date_mentions(line, None) if m.granularity == "day"]
    if not mentions:
        return None
    residue = line
    for m in sorted(mentions, key=lambda x: -x.start):
        residue = residue[: m.start] + " " + residue[m.end :]
    leftover = [w for w in _LINE_NOISE.split(_n(residue)) if w]
    if any(w not in _LINE_WORDS for w in leftover):
        return None
    # Prefer the Gregorian day when a Hijri day sits beside it ("... هـ الموافق 9 ديسمبر 2024").
    greg = [m for m in mentions if m.kind == "absolute"]
    return (greg or mentions)[0].value


# --------------------------------------------------------------------------------------------
# Publication date chain
# --------------------------------------------------------------------------------------------

_NONE = PublicationDate(None, None, None)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "liveblogposting", "report"}  # fmt: skip
_META_NAMES = [
    "article:published_time", "og:article:published_time", "og:published_time", "article.published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
    "published-date", "article_date_original", "sailthru.date", "parsely-pub-date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date.created", "originalpublicationdate",
    "cxenseparse:recs:publishtime",
]  # fmt: skip
# Generic "date" metas are often the last modification or the render time: weaker than a visible
# date line beside the title, so they come after it in the chain.
_GENERIC_META_NAMES = ["date", "dc.date"]
_BAD_CONTAINERS = {"nav", "footer", "aside", "script", "style", "noscript", "template"}


_STAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
# ISO 8601 basic format ("20180619T055000+0900"), as some Japanese and wire CMSs write it.
_STAMP_BASIC = re.compile(
    r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)


def _utc_written(value: str) -> bool:
    return bool(re.search(r"(?:\d)(?:z|[+-]00:?00)\s*$", value.strip(), re.IGNORECASE))


def _parse_stamp(value: str) -> tuple[datetime | None, date] | None:
    """(UTC instant if a time *with offset* is given, local day as written) from a machine date."""
    s = value.strip()
    if not s:
        return None
    basic = _STAMP_BASIC.match(s)
    if basic:
        y, mo, d, hh, mi, ss, tz = basic.groups()
        s = f"{y}-{mo}-{d}T{hh}:{mi}:{ss or '00'}{tz or ''}"
    m = _STAMP.match(s)
    if m:
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if day is None:
            return None
        if m[4] and m[5]:
            tz = "+00:00" if m[5].upper() == "Z" else m[5]
            try:
                dt = datetime.fromisoformat(f"{m[1]}-{m[2]}-{m[3]}T{m[4]}{tz}")
            except ValueError:
                return None, day
            return dt.astimezone(UTC), day
        return None, day
    try:  # RFC 2822 ("Tue, 10 Dec 2024 01:32:00 +0400") as used in some metas
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is not None:
        return (dt.astimezone(UTC) if dt.tzinfo else None), dt.date()
    day = parse_date_line(s)
    return (None, day) if day else None


def _plausible(day: date) -> bool:
    return date(1995, 1, 1) <= day <= date.today() + timedelta(days=2)


def _from_stamp(value: str | None, source: str) -> PublicationDate | None:
    if not value:
        return None
    parsed = _parse_stamp(value)
    if parsed is None or not _plausible(parsed[1]):
        return None
    return PublicationDate(
        parsed[0], parsed[1], source, utc_written=parsed[0] is not None and _utc_written(value)
    )


def _walk_json(obj: object) -> Iterator[dict]:
    if isinstance(obj, list):
        for item in obj:
            yield from _walk_json(item)
    elif isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in obj:
                yield from _walk_json(obj[key])


@dataclass(frozen=True)
class _Tags:
    """The page's ``<meta>``, ``<link>``, ``<script>`` and ``<time>`` elements in document order.

    Collected in one walk: a tag-filtered walk of a large page costs about as much as a walk for
    four tags, and the chain needed up to six (metas twice, links, scripts, times).
    """

    metas: list
    links: list
    scripts: list
    times: list


def _tags(root) -> _Tags:
    found: dict[str, list] = {"meta": [], "link": [], "script": [], "time": []}
    for el in root.iter("meta", "link", "script", "time"):
        found[el.tag].append(el)
    return _Tags(found["meta"], found["link"], found["script"], found["time"])


def _json_ld(scripts: list) -> PublicationDate | None:
    fallback: PublicationDate | None = None
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = script.text or ""
        # Only an object with a "datePublished" key gives a date: the blocks without one
        # (organisation, breadcrumbs, search box) are not parsed.
        if "datePublished" not in text:
            continue
        try:
            data = json.loads(text.strip().rstrip(";"))
        except ValueError:
            continue
        for obj in _walk_json(data):
            found = _from_stamp(str(obj.get("datePublished") or "") or None, "json-ld")
            if found is None:
                continue
            types = obj.get("@type")
            types = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
            if types & _ARTICLE_TYPES:
                return found
            fallback = fallback or found
    return fallback


def _meta_values(metas: list) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in metas:
        content = meta.get("content")
        if not content:
            continue
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in found:
            found[key] = content
    return found


def _first_meta(found: dict[str, str], names: Sequence[str]) -> PublicationDate | None:
    """The first of ``names`` (in order) whose meta holds a date."""
    for name in names:
        result = _from_stamp(found.get(name), f"meta:{name}")
        if result:
            return result
    return None


def _metas(root, found: dict[str, str], html: str) -> PublicationDate | None:
    result = _first_meta(found, _META_NAMES)
    if result:
        return result
    # The XPath walks every element (~0.3 ms on a large page); a page whose source does not
    # contain the attribute value cannot match it (the source is searched in C, ~20x faster).
    if html and "datePublished" not in html:
        return None
    for el in root.xpath("//*[@itemprop='datePublished']"):
        result = _from_stamp(el.get("content") or el.get("datetime"), "itemprop:datePublished")
        if result:
            return result
    return None


def _in_bad_container(el, allow: frozenset[str] = frozenset()) -> bool:
    return any(a.tag in _BAD_CONTAINERS and a.tag not in allow for a in el.iterancestors())


def _time_element(times: list) -> PublicationDate | None:
    best: tuple[int, int, PublicationDate] | None = None
    for order, el in enumerate(times):
        if not el.get("datetime") or _in_bad_container(el):
            continue
        marks = " ".join(filter(None, [el.get("class"), el.get("itemprop"), el.get("id")])).lower()
        if "modif" in marks or "updat" in marks:
            continue
        result = _from_stamp(el.get("datetime"), "time-element")
        if result is None:
            continue
        score = (2 if "publish" in marks or "pubdate" in marks or el.get("pubdate") is not None else 0) + (
            1 if any(a.tag in ("article", "main", "header") for a in el.iterancestors()) else 0
        )
        if best is None or score > best[0]:
            best = (score, order, result)
    return best[2] if best else None


_NOSCRIPT = frozenset({"noscript"})
_BLOCK_SKIP = _BAD_CONTAINERS | {"a", "h1", "button", "select", "option", "form", "figure"}
_UPDATED = re.compile(r"تحديث|محدث|updated|modified", re.IGNORECASE)


def _short_texts(elements: Iterator, allow: frozenset[str], hidden: dict) -> Iterator[tuple[str, object]]:
    """(text, element) of the short text blocks among ``elements``, outside nav/footer/aside ...,
    links and the title. ``hidden``: the memo of :func:`_hidden`, shared by calls with one ``allow``."""
    skip = (_BAD_CONTAINERS - allow) | {"a", "h1"}
    for el in elements:
        if not isinstance(el.tag, str) or (el.tag in _BLOCK_SKIP and el.tag not in allow):
            continue
        if _hidden(el.getparent(), skip, hidden):
            continue
        txt = " ".join(el.text_content().split())
        if txt and len(txt) <= 120:
            yield txt, el


def _hidden(node, skip: frozenset[str], memo: dict) -> bool:
    """Whether ``node`` or one of its ancestors has a tag in ``skip``.

    Memoised per element: the blocks around a title share their ancestors, and walking every
    block's ancestors (twice) was the largest cost of reading the date line.
    """
    chain = []
    known = False
    while node is not None:
        cached = memo.get(node)
        if cached is not None:
            known = cached
            break
        chain.append(node)
        node = node.getparent()
    for el in reversed(chain):
        known = known or el.tag in skip
        memo[el] = known
    return known


def _after(element, root) -> Iterator:
    """The nodes ``root.iter()`` yields after ``element``: its descendants, then the following nodes
    (without walking, and making proxies for, every node before it)."""
    yield from element.iterdescendants()
    node = element
    while node is not root and node is not None:
        for sibling in node.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()
        node = node.getparent()


def _visible(root) -> PublicationDate | None:
    allow: frozenset[str] = frozenset()
    h1s = [h for h in root.iter("h1") if not _in_bad_container(h)]
    if not h1s:
        # A page whose whole body sits in <noscript> (the no-JavaScript version): read it there.
        h1s = [h for h in root.iter("h1") if not _in_bad_container(h, _NOSCRIPT)]
        allow = _NOSCRIPT if h1s else allow
    if not h1s:
        # Old layouts put the title in an <h2> inside a "title" box ("news-title", "post-title").
        h1s = [
            h
            for h in root.iter("h2")
            if not _in_bad_container(h)
            and any("title" in (a.get("class") or "").lower() for a in (h, *h.iterancestors()))
        ][:1]
    if not h1s:
        # No <h1> and no title box: a page's only <h2> is its title.
        h2s = [h for h in root.iter("h2") if not _in_bad_container(h)]
        h1s = h2s if len(h2s) == 1 else []
    if not h1s:
        return None
    inside = [h for h in h1s if any(a.tag in ("article", "main") for a in h.iterancestors())]
    # The title is the longest <h1>: a site logo is often an earlier, one-word <h1>.
    h1 = max(inside or h1s, key=lambda h: len(" ".join(h.text_content().split())))
    # Before the title only inside its own container (parent, or grandparent below <body>): the
    # site header often shows *today's* date, which is not the publication date.
    container = h1.getparent()
    grand = container.getparent() if container is not None else None
    if grand is not None and grand.tag not in ("body", "html"):
        container = grand
    # The 12 first short texts after the title, then the 8 last ones before it, nearest first:
    # read lazily, up to the first line that reads as a date (reading every element after the
    # title cost more than the rest of the date chain).
    hidden: dict = {}
    after = itertools.islice(_short_texts(_after(h1, root), allow, hidden), 12)
    preceding = (
        [] if container is None else list(itertools.takewhile(lambda el: el is not h1, container.iter()))
    )
    before = itertools.islice(_short_texts(reversed(preceding), allow, hidden), 8)
    seen: set[str] = set()
    candidates: list[tuple[str, object]] = []
    for txt, el in itertools.chain(after, before):
        if txt in seen:
            continue
        seen.add(txt)
        updated = _UPDATED.search(txt)
        if updated:
            # "Written: 2023-11-07 15:03 / Updated: 2023-11-07 15:30": keep what precedes the label.
            txt = txt[: updated.start()].strip(" /|-–·•,")
            if not txt:
                continue
        candidates.append((txt, el))
        day = parse_date_line(txt)
        if day and _plausible(day):
            return PublicationDate(None, day, "visible", txt)
    lang = _page_lang(root)
    if lang and lang not in _GRAMMAR_LANGS:
        for txt, el in candidates:
            for line in _br_lines(el, txt):
                day = _dateparser_line(line, lang)
                if day and _plausible(day):
                    return PublicationDate(None, day, "visible:dateparser", line)
    return None


# Languages whose dates the grammar reads (and Persian, whose month names may be Solar Hijri):
# dateparser is not asked about them.
_GRAMMAR_LANGS = {"ar", "fa"}
_LANG_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")
_DATELINE = re.compile(r"^[^\W\d_][^,\d]{0,40},\s*(?=\d)")  # "Ravenna, 3 Marzo 21": a place, then the date
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _page_lang(root) -> str | None:
    """The primary language subtag the page declares on <html> ("it-IT" -> "it"), else None."""
    for value in (root.get("lang"), root.get(_XML_LANG), root.get("xml:lang")):
        m = _LANG_CODE.match((value or "").strip().lower())
        if m:
            return m.group(1)
    return None


def _br_lines(el, txt: str) -> list[str]:
    """The block's text split at <br> ("Source<br>13 Jan 2020" is two lines, not "Source13 Jan")."""
    if not any(True for _ in el.iter("br")):
        return [txt]
    parts: list[str] = []
    current: list[str] = []
    for node in el.iter():
        if node is not el and node.tag == "br":
            parts.append("".join(current))
            current = [node.tail or ""]
            continue
        if node is el:
            current.append(node.text or "")
            continue
        if not isinstance(node.tag, str):
            current.append(node.tail or "")
            continue
        # Text of an inline child and its tail (nested <br> are reached by el.iter()).
        current.append(node.text or "")
        current.append(node.tail or "")
    parts.append("".join(current))
    lines = [" ".join(p.split()) for p in parts]
    return [line for line in lines if line] or [txt]


def _dateparser_line(line: str, lang: str) -> date | None:
    """A full day in a short line in the page's language, by dateparser (strict), else None.

    Only for languages the grammar does not cover. The line must be essentially a date: dateparser
    in strict mode with day, month and year required, on the line (brackets stripped) or on what
    follows a leading place name ("Ravenna, 3 Marzo 21"). A month-year or a year alone gives None.
    """
    line = line.strip(" ()[]{}\"'«»-–—|·•,.;:")
    if not line or len(line) > 60 or not re.search(r"\d", line):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],  # never "vor 16 Stunden", "2 days ago"
    }
    texts = [line]
    dateline = _DATELINE.match(line)
    if dateline:
        texts.append(line[dateline.end() :])
    for text in texts:
        try:
            found = dateparser.parse(text, languages=[lang], settings=settings)
        except Exception:
            found = None
        if found is not None:
            return found.date()
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/\-_]([01]?\d)[/\-_]([0-3]?\d)(?=[/\-_.?#]|$)|/((?:19|20)\d\d)"
                       r"([01]\d)([0-3]\d)(?=/)")  # fmt: skip


def _url(url: str | None, tags: _Tags | None) -> PublicationDate | None:
    urls = [url] if url else []
    if tags is not None:
        # What the XPaths //link[@rel='canonical'] and //meta[@property='og:url'] select.
        urls += [el.get("href") for el in tags.links if el.get("rel") == "canonical"]
        urls += [el.get("content") for el in tags.metas if el.get("property") == "og:url"]
    for u in filter(None, urls):
        m = _URL_DATE.search(u)
        if not m:
            continue
        parts = m.groups()[:3] if m.group(1) else m.groups()[3:]
        day = _safe_date(*(int(p) for p in parts))
        if day and _plausible(day):
            return PublicationDate(None, day, "url")
    return None


def _htmldate(html: str, url: str | None, extensive: bool = False) -> PublicationDate | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return None
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=extensive)
    except Exception:
        return None
    if not found:
        return None
    day = _safe_date(*(int(p) for p in found[:10].split("-")))
    if day is None or not _plausible(day):
        return None
    if (day.month, day.day) == (1, 1) or (extensive and day.day == 1):
        y, m = day.year, day.month
        literal = (f"{y}-{m:02d}-01", f"{y}/{m:02d}/01", f"01/{m:02d}/{y}", f"1/{m}/{y}", f"01-{m:02d}-{y}",
                   f"{y}-{m}-1", f"01.{m:02d}.{y}")  # fmt: skip
        if not any(s in html for s in literal):
            # Jan 1 of a bare year (htmldate could not read the month), or with the extensive
            # search the 1st of a month-year: a guess, not a day the page shows.
            return None
    return PublicationDate(None, day, "htmldate:extensive" if extensive else "htmldate")


def _parse_html(html: str):
    from lxml import html as lxml_html

    try:
        parser = lxml_html.HTMLParser(encoding="utf-8")
        return lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:
        return None


def publication_date(html: str, url: str | None = None, root=None) -> PublicationDate:
    """Publication date of a page through the chain documented in the module docstring.

    ``root``: the page already parsed with lxml (read only here), so a caller that has parsed it
    does not pay for a second parse.
    """
    if root is None:
        root = _parse_html(html) if html and html.strip() else None
    tags = _tags(root) if root is not None else None
    if tags is not None:
        metas = _meta_values(tags.metas)  # read once for both meta steps
        steps: tuple[Callable[[], PublicationDate | None], ...] = (
            lambda: _json_ld(tags.scripts),
            lambda: _metas(root, metas, html),
            lambda: _time_element(tags.times),
            lambda: _visible(root),
            lambda: _first_meta(metas, _GENERIC_META_NAMES),
        )
        for step in steps:
            result = step()
            if result is not None:
                return _local_day_from_url(result, url, tags)
    result = _url(url, tags)
    if result is not None:
        return result
    if html and html.strip():
        for extensive in (False, True):
            result = _htmldate(html, url, extensive)
            if result is not None:
                return result
    return _NONE


def _local_day_from_url(result: PublicationDate, url: str | None, tags: _Tags | None) -> PublicationDate:
    """A stamp written in UTC gives the UTC day; a URL day one day off is the outlet's local day.

    "2020-02-18T02:18Z" on ".../2020/02/17/..." was published on the evening of the 17th local
    time: the CMS writes the path in local time. The instant (``published_at``) is kept.
    """
    if not result.utc_written or result.published_date is None:
        return result
    from_url = _url(url, tags)
    if from_url is None or from_url.published_date is None:
        return result
    if abs((from_url.published_date - result.published_date).days) != 1:
        return result
    return PublicationDate(
        result.published_at, from_url.published_date, f"{result.source}+url-day", result.surface
    )
