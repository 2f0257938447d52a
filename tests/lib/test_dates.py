"""Tests for pipelines.lib.dates: publication-date chain, date lines and date mentions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

import pytest

from pipelines.lib.dates import DateMention, find_date_mentions, parse_date_line, publication_date

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
SEED = SHARED / "seed"

# Wednesday 12 March 2025: a fixed anchor for the relative rules.
ANCHOR = date(2025, 3, 12)


def one(text: str, anchor: date | None = ANCHOR) -> DateMention:
    found = find_date_mentions(text, anchor)
    assert len(found) == 1, found
    return found[0]


def check_offsets(text: str, found: list[DateMention]) -> None:
    for m in found:
        assert text[m.start : m.end] == m.surface
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    for a, b in pairwise(found):
        assert a.end <= b.start


# ------------------------------------------------------------------------------------------------
# parse_date_line
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("9 ديسمبر، 2024", date(2024, 12, 9)),
        ("الاثنين 9 كانون الأول 2024", date(2024, 12, 9)),
        ("10th, December 2024 GMT", date(2024, 12, 10)),
        ("تاريخ النشر: 10th, December 2024 GMT", date(2024, 12, 10)),
        ("10 ديسمبر 2024 01:32", date(2024, 12, 10)),
        ("2024-12-10", date(2024, 12, 10)),
        ("2024-12-10T01:32:00+04:00", date(2024, 12, 10)),
        ("الخميس، ٣ نيسان ٢٠٢٥ - 14:05", date(2025, 4, 3)),
        ("نشر في: 21 يوليوز 2023 | 10:15", date(2023, 7, 21)),
        ("Monday, March 3, 2025", date(2025, 3, 3)),
        ("الأحد 5 رجب 1446 هـ الموافق 5 يناير 2025", date(2025, 1, 5)),
        ("1/2/2025", date(2025, 2, 1)),
    ],
)
def test_parse_date_line_reads_date_lines(line: str, expected: date) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "أعلن الوزير في 9 ديسمبر 2024 عن خطة جديدة للنقل",  # a sentence mentioning a date
        "ديسمبر 2024",  # month only: not a publication day
        "بغداد اليوم",
        "اتصل بنا: +964 770 123 4567",
        "جميع الحقوق محفوظة 2024",
    ],
)
def test_parse_date_line_rejects_non_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


# ------------------------------------------------------------------------------------------------
# Absolute mentions
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # Egyptian / Gulf month names, with and without the comma before the year.
        ("افتتح المعرض في 4 فبراير 2025 بحضور الوزير", "4 فبراير 2025", date(2025, 2, 4)),
        ("وصل الوفد يوم 17 أكتوبر، 2023 إلى المطار", "17 أكتوبر، 2023", date(2023, 10, 17)),
        ("صدر التقرير في 30 يونيه 2022", "30 يونيه 2022", date(2022, 6, 30)),
        ("بدأت الحملة في 2 إبريل 2021", "2 إبريل 2021", date(2021, 4, 2)),
        # Levantine / Iraqi.
        ("انعقدت الجلسة في 3 آذار 2025 بمقر البرلمان", "3 آذار 2025", date(2025, 3, 3)),
        ("في 20 تشرين الثاني 2024 أعلنت الوزارة", "20 تشرين الثاني 2024", date(2024, 11, 20)),
        ("غادر في 1 كانون الثاني 2025", "1 كانون الثاني 2025", date(2025, 1, 1)),
        ("وقع الاتفاق في 14 تموز/يوليو 2024", "14 تموز/يوليو 2024", date(2024, 7, 14)),
        ("منذ 6 آب 2020 لم يتغير شيء", "6 آب 2020", date(2020, 8, 6)),
        # Maghrebi.
        ("عقد المجلس دورته في 12 شتنبر 2023 بالرباط", "12 شتنبر 2023", date(2023, 9, 12)),
        ("أعلنت الوكالة يوم 7 غشت 2022 عن النتائج", "7 غشت 2022", date(2022, 8, 7)),
        ("في 1 دجنبر 2021 انطلقت", "1 دجنبر 2021", date(2021, 12, 1)),
        ("الاجتماع المقرر في 20 يوليوز 2020", "20 يوليوز 2020", date(2020, 7, 20)),
        # Weekday before the date is part of the surface.
        ("وجرى ذلك الثلاثاء 5 نوفمبر 2024 في العاصمة", "الثلاثاء 5 نوفمبر 2024", date(2024, 11, 5)),
        # Arabic-Indic and Persian digits.
        ("جرى التصويت في ٥ أيار ٢٠٢٤ وسط إقبال", "٥ أيار ٢٠٢٤", date(2024, 5, 5)),
        ("افتتح في ۱۲ مارس ۲۰۲۳ رسميا", "۱۲ مارس ۲۰۲۳", date(2023, 3, 12)),
        # Ordinal day words need "من" before the month.
        ("وقع الانفجار في الرابع من نيسان 2024 قرب الميناء", "الرابع من نيسان 2024", date(2024, 4, 4)),
        ("ولد في الحادي والعشرين من أيلول 1990", "الحادي والعشرين من أيلول 1990", date(1990, 9, 21)),
        # Numeric.
        ("تاريخ الجلسة 9/12/2024 حسب الجدول", "9/12/2024", date(2024, 12, 9)),
        ("نشر البيان بتاريخ 2024-12-10 على الموقع", "2024-12-10", date(2024, 12, 10)),
        # English.
        ("The talks began on 10th, December 2024 in Doha", "10th, December 2024", date(2024, 12, 10)),
        ("The talks began on December 10, 2024 in Doha", "December 10, 2024", date(2024, 12, 10)),
    ],
)
def test_absolute_day_mentions(text: str, surface: str, value: date) -> None:
    m = one(text)
    assert (m.surface, m.value, m.granularity, m.kind) == (surface, value, "day", "absolute")
    assert m.value_end is None and m.anchor_date is None
    assert text[m.start : m.end] == surface


def test_absolute_mentions_need_no_anchor() -> None:
    m = one("افتتح المعرض في 4 فبراير 2025 بحضور الوزير", anchor=None)
    assert m.value == date(2025, 2, 4) and m.rule == "abs:day-month-year"


def test_month_year() -> None:
    m = one("تراجعت الأسعار في شباط 2023 بشكل ملحوظ")
    assert (m.surface, m.value, m.value_end, m.granularity) == (
        "شباط 2023",
        date(2023, 2, 1),
        date(2023, 2, 28),
        "month",
    )
    assert one("ارتفع التضخم في نوفمبر 2024").value_end == date(2024, 11, 30)


def test_day_month_without_year_takes_anchor_year() -> None:
    m = one("تبدأ الانتخابات في 15 مارس بحسب الجدول")
    assert (m.surface, m.value, m.anchor_date, m.rule) == (
        "15 مارس",
        date(2025, 3, 15),
        ANCHOR,
        "abs:day-month",
    )
    # Far after the anchor: the previous year is meant ...
    assert one("حدث ذلك في 20 ديسمبر").value == date(2024, 12, 20)
    # ... unless the text says "next".
    nxt = one("تعقد القمة في 20 ديسمبر المقبل")
    assert (nxt.surface, nxt.value) == ("20 ديسمبر المقبل", date(2025, 12, 20))
    assert one("انتهت المهلة في 20 مارس الماضي").value == date(2024, 3, 20)
    assert find_date_mentions("حدث ذلك في 20 ديسمبر", None) == []


def test_year_with_keyword() -> None:
    m = one("شهد عام 2023 تراجعا في الصادرات")
    assert (m.surface, m.value, m.value_end, m.granularity) == (
        "عام 2023",
        date(2023, 1, 1),
        date(2023, 12, 31),
        "year",
    )


def test_hijri() -> None:
    m = one("وصل الحجاج في 8 جمادى الآخرة 1446 هـ إلى المدينة")
    assert (m.surface, m.value, m.kind, m.granularity) == (
        "8 جمادى الآخرة 1446 هـ",
        date(2024, 12, 9),
        "hijri",
        "day",
    )
    ramadan = one("يبدأ شهر رمضان 1446 هـ قريبا")
    assert ramadan.kind == "hijri" and ramadan.granularity == "month"
    assert ramadan.value == date(2025, 3, 1) and ramadan.value_end == date(2025, 3, 29)


# ------------------------------------------------------------------------------------------------
# Relative mentions
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "rule"),
    [
        ("قال الناطق اليوم إن المفاوضات مستمرة", "اليوم", date(2025, 3, 12), "rel:today"),
        ("وصل الوفد أمس إلى العاصمة", "أمس", date(2025, 3, 11), "rel:yesterday"),
        ("وأكد بالأمس أن الاتفاق قريب", "الأمس", date(2025, 3, 11), "rel:yesterday"),
        ("غادر الرئيس وأمس التقى نظيره", "أمس", date(2025, 3, 11), "rel:yesterday"),
        ("انطلقت القافلة يوم أمس من الميناء", "يوم أمس", date(2025, 3, 11), "rel:yesterday"),
        ("هطلت الأمطار مساء البارحة", "مساء البارحة", date(2025, 3, 11), "rel:yesterday"),
        ("عاد الطاقم الليلة الماضية إلى القاعدة", "الليلة الماضية", date(2025, 3, 11), "rel:yesterday"),
        ("زار الوزير المحافظة أول أمس", "أول أمس", date(2025, 3, 10), "rel:day-before-yesterday"),
        ("يصل المبعوث غدا إلى المدينة", "غدا", date(2025, 3, 13), "rel:tomorrow"),
        ("يصل المبعوث غداً إلى المدينة", "غداً", date(2025, 3, 13), "rel:tomorrow"),
        ("يصل المبعوث غدًا إلى المدينة", "غدًا", date(2025, 3, 13), "rel:tomorrow"),
        ("تستأنف الجلسات بعد غد في جنيف", "بعد غد", date(2025, 3, 14), "rel:day-after-tomorrow"),
        ("تبث المقابلة الليلة على القناة", "الليلة", date(2025, 3, 12), "rel:today"),
        ("سقطت الأمطار مساء أمس على المدينة", "مساء أمس", date(2025, 3, 11), "rel:yesterday"),
        ("عقد المؤتمر صباح اليوم في الفندق", "صباح اليوم", date(2025, 3, 12), "rel:today"),
        ("يعقد المؤتمر ظهر غد في الفندق", "ظهر غد", date(2025, 3, 13), "rel:tomorrow"),
        ("وقعت الاشتباكات منذ 3 أيام في الريف", "منذ 3 أيام", date(2025, 3, 9), "rel:days-ago"),
        ("وقعت الاشتباكات قبل يومين في الريف", "قبل يومين", date(2025, 3, 10), "rel:days-ago"),
        ("وقعت الاشتباكات منذ ثلاثة أيام في الريف", "منذ ثلاثة أيام", date(2025, 3, 9), "rel:days-ago"),
        ("أغلق المعبر منذ ٥ أيام", "منذ ٥ أيام", date(2025, 3, 7), "rel:days-ago"),
    ],
)
def test_relative_day_words(text: str, surface: str, value: date, rule: str) -> None:
    m = one(text)
    assert (m.surface, m.value, m.rule, m.kind, m.granularity) == (surface, value, rule, "relative", "day")
    assert m.anchor_date == ANCHOR
    assert text[m.start : m.end] == surface


@pytest.mark.parametrize(
    ("text", "surface", "value", "rule"),
    [
        # Anchor is a Wednesday: its own weekday resolves to the anchor ...
        ("اجتمع المجلس الأربعاء لبحث الموازنة", "الأربعاء", date(2025, 3, 12), "rel:weekday"),
        # ... other weekdays to the most recent one before it.
        ("اجتمع المجلس يوم الأحد لبحث الموازنة", "يوم الأحد", date(2025, 3, 9), "rel:weekday"),
        ("وصل الوفد مساء الخميس إلى بيروت", "مساء الخميس", date(2025, 3, 6), "rel:weekday"),
        (
            "اجتمع المجلس الأربعاء الماضي لبحث الموازنة",
            "الأربعاء الماضي",
            date(2025, 3, 5),
            "rel:weekday-past",
        ),
        ("يجتمع المجلس السبت المقبل لبحث الموازنة", "السبت المقبل", date(2025, 3, 15), "rel:weekday-next"),
        # Hamza in the direction word ("الفائت" normalises to "الفايت").
        ("اجتمع المجلس الخميس الفائت لبحث الموازنة", "الخميس الفائت", date(2025, 3, 6), "rel:weekday-past"),
    ],
)
def test_weekdays(text: str, surface: str, value: date, rule: str) -> None:
    m = one(text)
    assert (m.surface, m.value, m.rule) == (surface, value, rule)


def test_weeks_months_years_and_ranges() -> None:
    text = "تراجعت الأسعار الأسبوع الماضي، ويتوقع ارتفاعها الشهر المقبل كما حدث العام الماضي"
    found = find_date_mentions(text, ANCHOR)
    check_offsets(text, found)
    got = [(m.surface, m.granularity, m.value, m.value_end) for m in found]
    assert got == [
        ("الأسبوع الماضي", "week", date(2025, 3, 3), date(2025, 3, 9)),  # ISO week before the anchor's
        ("الشهر المقبل", "month", date(2025, 4, 1), date(2025, 4, 30)),
        ("العام الماضي", "year", date(2024, 1, 1), date(2024, 12, 31)),
    ]
    past = one("تواصلت الاتصالات خلال الأيام الماضية مع الأطراف")
    assert (past.surface, past.granularity, past.value, past.value_end) == (
        "خلال الأيام الماضية",
        "range",
        date(2025, 3, 5),
        ANCHOR,
    )
    coming = one("ستعقد لقاءات في الأيام المقبلة")
    assert (coming.value, coming.value_end) == (ANCHOR, date(2025, 3, 19))


def test_outlet_name_vs_today() -> None:
    assert find_date_mentions("نقلت قناة روسيا اليوم عن مصدر", ANCHOR) == []
    found = find_date_mentions("استخدمت روسيا اليوم الأربعاء حق النقض", ANCHOR)
    assert [(m.surface, m.value) for m in found] == [("اليوم الأربعاء", ANCHOR)]


def test_relative_needs_anchor() -> None:
    text = "قال الناطق اليوم إن الوفد وصل أمس وسيغادر غدا الأسبوع المقبل"
    assert find_date_mentions(text, None) == []
    assert len(find_date_mentions(text, ANCHOR)) == 4


@pytest.mark.parametrize(
    "text",
    [
        "نشرت الصحيفة اليومية تقريرها اليومي عن الأسواق",  # اليوم inside اليومية / اليومي
        "يحتفل العالم باليوم العالمي للمياه",  # a named day, not today
        "وفي اليوم التالي عاد الوفد",  # "the next day"
        "لم ينس أحد ما جرى في ذلك اليوم",  # "that day"
        "بعد يومين من الهجوم أعلنت الحكومة",  # relative to an event, not to the article date
        "أمسية شعرية في المركز الثقافي",  # أمس inside أمسية
        "حل الفريق الثاني من حيث النقاط",  # ordinal without a month
        "صحيفة الغد الأردنية",  # bare الغد is a newspaper name / "the future"
        "وبعد 15 يوما تم القبض على المتهم",  # counts from the told event
        "أعلن المسؤول قبل أيام أن المشروع تأخر",  # vague "a few days ago"
        "نقلت قناة روسيا اليوم عن مصدر",  # outlet name
        "في ذكرى ثورة 25 يناير",  # event name
        "قال الأمين العام للأمم المتحدة إن الشهر كان صعبا",  # bare العام / الشهر
        "فاز اللاعبون الأحد عشر بالميداليات",  # الأحد عشر = eleven
    ],
)
def test_relative_false_friends(text: str) -> None:
    assert find_date_mentions(text, ANCHOR) == []


# ------------------------------------------------------------------------------------------------
# Negatives: numbers that are not dates
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "للاستفسار اتصلوا على الرقم +964 770 123 4567",
        "للاستفسار اتصلوا على 0770-123-4567",
        "بلغ سعر الطن 2024 دولار في السوق",
        "صدر القانون رقم 10 لسنة 2024 بشأن الاستثمار",
        "وفق القرار رقم (15) لعام 2023",
        "شارك في السباق 2024 عداءً",
        "ارتفع المؤشر 12.5 نقطة إلى 2024.3",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_date_mentions(text, ANCHOR) == []


# ------------------------------------------------------------------------------------------------
# Offsets, ordering, determinism
# ------------------------------------------------------------------------------------------------


def test_offsets_are_exact_with_diacritics_tatweel_and_clitics() -> None:
    text = "وَصَلَ الوفدُ أمسِ، وغداً يغادر. وفي ٩ ديسمـــبر، ٢٠٢٤ وقع الاتفاق واليومَ يبدأ التنفيذ"
    found = find_date_mentions(text, ANCHOR)
    check_offsets(text, found)
    assert [m.surface for m in found] == ["أمسِ", "غداً", "٩ ديسمـــبر، ٢٠٢٤", "اليومَ"]
    assert [m.value for m in found] == [date(2025, 3, 11), date(2025, 3, 13), date(2024, 12, 9), ANCHOR]


def test_longest_match_wins_and_results_are_deterministic() -> None:
    text = "في يوم الاثنين 9 كانون الأول 2024 وصل، ثم غادر الثلاثاء."
    first = find_date_mentions(text, ANCHOR)
    assert first == find_date_mentions(text, ANCHOR)
    check_offsets(text, first)
    assert [m.surface for m in first] == ["يوم الاثنين 9 كانون الأول 2024", "الثلاثاء"]


# ------------------------------------------------------------------------------------------------
# publication_date chain
# ------------------------------------------------------------------------------------------------


def page(head: str = "", body: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'
    )


def test_json_ld_keeps_local_day_and_utc_instant() -> None:
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "datePublished": "2025-03-02T00:30:00+03:00",
        }
    )
    result = publication_date(page(f'<script type="application/ld+json">{ld}</script>'))
    assert result.source == "json-ld"
    assert result.published_date == date(2025, 3, 2)  # local day as written
    assert result.published_at == datetime(2025, 3, 1, 21, 30, tzinfo=UTC)


def test_json_ld_graph_and_meta() -> None:
    ld = json.dumps({"@graph": [{"@type": "WebSite"}, {"@type": "Article", "datePublished": "2025-01-05"}]})
    result = publication_date(page(f'<script type="application/ld+json">{ld}</script>'))
    assert (result.source, result.published_date, result.published_at) == ("json-ld", date(2025, 1, 5), None)
    meta = page('<meta property="article:published_time" content="2025-01-06T08:00:00Z">')
    result = publication_date(meta)
    assert result.source == "meta:article:published_time"
    assert result.published_at == datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


def test_time_element_prefers_published_over_modified() -> None:
    body = (
        '<article><time class="updated" datetime="2025-02-10T10:00:00+02:00">10</time>'
        '<h1>عنوان</h1><time class="published" datetime="2025-02-08T10:00:00+02:00">8</time></article>'
    )
    result = publication_date(page(body=body))
    assert (result.source, result.published_date) == ("time-element", date(2025, 2, 8))


def test_levantine_visible_date_beats_htmldate_jan_first() -> None:
    # htmldate reads "15 كانون الأول 2024" as 2024-01-01; the chain must read the month.
    body = (
        "<div class='post'><h1>افتتاح جسر جديد في المدينة</h1><div class='date'>15 كانون الأول 2024</div>"
        + (
            "<p>"
            + "افتتحت السلطات المحلية جسرا جديدا يربط ضفتي النهر بعد سنوات من العمل المتواصل. " * 3
            + "</p></div>"
        )
    )
    result = publication_date(page(body=body))
    assert result.published_date == date(2024, 12, 15)
    assert result.source == "visible" and result.surface == "15 كانون الأول 2024"
    assert result.published_at is None


def test_htmldate_jan_first_fallback_is_rejected() -> None:
    body = "<div><p>نشر يوم 15 كانون الأول 2024 في الصحيفة المحلية</p></div><div>© 2024</div>"
    result = publication_date(page(body=body))
    assert result.published_date != date(2024, 1, 1)
    assert result.published_date is None and result.source is None


def test_site_header_today_date_is_not_publication_date() -> None:
    body = (
        "<header><span class='today'>الأربعاء 12 آذار 2025</span></header>"
        "<main><article><h1>عنوان الخبر</h1><p>نص قصير</p></article></main>"
    )
    result = publication_date(page(body=body), url="https://example.com/ar/2025/03/01/story")
    assert (result.source, result.published_date) == ("url", date(2025, 3, 1))


def test_url_and_nothing() -> None:
    result = publication_date(page(body="<p>نص</p>"), url="https://example.com/news/2024/11/30/item-1")
    assert (result.source, result.published_date) == ("url", date(2024, 11, 30))
    empty = publication_date("")
    assert empty.published_date is None and empty.source is None


# ------------------------------------------------------------------------------------------------
# Seed acceptance (read-only shared fixture)
# ------------------------------------------------------------------------------------------------

needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason=f"shared seed fixture not found at {SEED}")


@needs_seed
def test_seed_pages_publication_dates() -> None:
    expected = {
        "almasalah-187455.html": (date(2024, 12, 9), datetime(2024, 12, 9, 18, 14, 3, tzinfo=UTC)),
        "alittihad-4523118.html": (date(2024, 12, 10), datetime(2024, 12, 9, 21, 32, tzinfo=UTC)),
        "news-digest-washington-doha-hts.html": (date(2024, 12, 10), None),
    }
    for name, (day, instant) in expected.items():
        result = publication_date((SEED / "pages" / name).read_text(encoding="utf-8"))
        assert result.published_date == day, name
        if instant is not None:
            assert result.published_at == instant, name


@needs_seed
def test_seed_date_lines() -> None:
    assert parse_date_line("9 ديسمبر، 2024") == date(2024, 12, 9)
    assert parse_date_line("الاثنين 9 كانون الأول 2024") == date(2024, 12, 9)


@needs_seed
def test_seed_text_mentions() -> None:
    text = (SEED / "000_9b351265d7e7fd64.txt").read_text(encoding="utf-8")
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    split = text.index("إقرأ أيضاً")
    segments = [(text[:split], date(2024, 12, 9)), (text[split:], date(2024, 12, 10))]
    wanted = expected["pages"][0]["segments"]
    for (segment, anchor), spec in zip(segments, wanted, strict=True):
        found = find_date_mentions(segment, anchor)
        check_offsets(segment, found)
        for item in spec["dates"]:
            context = item.get("context")
            hits = [m for m in found if m.surface == item["surface"]]
            if context:
                at = segment.index(context)
                hits = [m for m in hits if at <= m.start < at + len(context)]
            assert hits, item
            assert hits[0].value == date.fromisoformat(item["value"]), item
            assert hits[0].kind == item["kind"], item


# ------------------------------------------------------------------------------------------------
# Families added for the evaluation sets (Duckling / dateparser / Hijri pairs)
# ------------------------------------------------------------------------------------------------

# Tuesday 12 February 2013: the Duckling corpus reference day.
DUCKLING = date(2013, 2, 12)


@pytest.mark.parametrize(
    ("text", "surface", "value", "rule"),
    [
        ("قال بكرة نرى", "بكرة", date(2013, 2, 13), "rel:tomorrow"),
        ("وصلوا امبارح", "امبارح", date(2013, 2, 11), "rel:yesterday"),
        ("وقع يوم قبل امس", "يوم قبل امس", date(2013, 2, 10), "rel:day-before-yesterday"),
        ("يبدأ الأسبوع الجاي", "الأسبوع الجاي", date(2013, 2, 18), "rel:week+1"),
        ("اجتمعوا الأحد من الأسبوع الماضي", "الأحد من الأسبوع الماضي", date(2013, 2, 10),
         "rel:weekday-of-week-1"),
        ("وصل ثلاثاء الأسبوع الفائت", "ثلاثاء الأسبوع الفائت", date(2013, 2, 5), "rel:weekday-of-week-1"),
        ("في أول شباط", "أول شباط", date(2013, 2, 1), "abs:ordinal-day-month"),
        # The weekday picks the year: 15 Aug is a Thursday in 2013, not in 2012.
        ("الخميس 15 اغسطس", "الخميس 15 اغسطس", date(2013, 8, 15), "abs:day-month:weekday-year"),
        ("الخميس الموافق 14 شهر شباط", "الخميس الموافق 14 شهر شباط", date(2013, 2, 14),
         "abs:day-month:weekday-year"),
    ],
)  # fmt: skip
def test_colloquial_and_week_forms(text: str, surface: str, value: date, rule: str) -> None:
    m = one(text, DUCKLING)
    assert (m.surface, m.value, m.rule) == (surface, value, rule)
    assert text[m.start : m.end] == surface


def test_day_month_without_weekday_keeps_the_look_back_rule() -> None:
    # Without a weekday, 3 October seen from February is last October (news mostly looks back).
    assert one("الثالث من اكتوبر", DUCKLING).value == date(2012, 10, 3)


def test_hijri_numeric_and_range_end() -> None:
    m = one("14-09-1432 هـ, 09:40 صباحاً", None)
    assert (m.value, m.kind, m.rule) == (date(2011, 8, 14), "hijri", "hijri:numeric-dmy")
    # 30 Safar 1433 does not exist in Umm al-Qura (Safar 1433 has 29 days): no date, not a guess.
    assert find_date_mentions("30-02-1433", None) == []
    last = one("في 1 محرم 1500 هـ", None)
    assert (last.value, last.kind) == (date(2076, 11, 27), "hijri")


def test_persian_gregorian_month_names() -> None:
    text = "جنگ جهانی دوم بین سپتامبر 1939 و 2 سپتامبر 1945 بود."
    found = find_date_mentions(text, None)
    check_offsets(text, found)
    assert [(m.surface, m.value, m.granularity) for m in found] == [
        ("سپتامبر 1939", date(1939, 9, 1), "month"),
        ("2 سپتامبر 1945", date(1945, 9, 2), "day"),
    ]


def test_dateparser_failure_cases_are_read() -> None:
    # dateparser without an explicit locale misses Levantine month names; the grammar needs none.
    assert one("وقعت الحادثة في 15 كانون الأول 2024", None).value == date(2024, 12, 15)
    assert one("افتتح يوم ٣ آذار ٢٠٢٥", None).value == date(2025, 3, 3)
    assert parse_date_line("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً") == date(2020, 4, 24)


# ------------------------------------------------------------------------------------------------
# Publication chain: conflict rules
# ------------------------------------------------------------------------------------------------


def test_compact_iso_stamp() -> None:
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "20180619T055000+0900"})
    result = publication_date(page(f'<script type="application/ld+json">{ld}</script>'))
    assert result.published_date == date(2018, 6, 19)
    assert result.published_at == datetime(2018, 6, 18, 20, 50, tzinfo=UTC)


def test_utc_stamp_takes_the_local_day_from_the_url() -> None:
    meta = page('<meta property="article:published_time" content="2020-02-18T02:18:11Z">')
    result = publication_date(meta, url="https://example.com/2020/02/17/story/")
    assert result.published_date == date(2020, 2, 17)  # evening of the 17th, local time
    assert result.published_at == datetime(2020, 2, 18, 2, 18, 11, tzinfo=UTC)
    assert result.source == "meta:article:published_time+url-day"
    # A stamp with the outlet's own offset is already the local day: the URL does not override it.
    local = page('<meta property="article:published_time" content="2020-02-18T02:18:11+03:00">')
    assert publication_date(local, url="https://example.com/2020/02/17/story/").published_date == date(
        2020, 2, 18
    )


def test_visible_line_with_written_and_updated_and_logo_h1() -> None:
    body = (
        "<header><h1>KBS</h1></header><div class='title'><h1>Colder temperatures forecast for Wednesday</h1>"
        "<p class='date'>Written: 2023-11-07 15:03:30 / Updated: 2023-11-08 09:30:46</p></div>"
    )
    result = publication_date(page(body=body))
    assert (result.source, result.published_date) == ("visible", date(2023, 11, 7))


def test_generic_date_meta_yields_to_the_visible_line() -> None:
    head = '<meta name="date" content="2020-04-29T11:52:23">'
    body = "<article><h1>عنوان الخبر هنا</h1><div>نشر في: 28 نيسان 2020</div><p>نص</p></article>"
    result = publication_date(page(head, body))
    assert (result.source, result.published_date) == ("visible", date(2020, 4, 28))
    assert publication_date(page(head, "<p>نص</p>")).source == "meta:date"


# ------------------------------------------------------------------------------------------------
# Aggregator segments: relative dates anchor on the segment's own date
# ------------------------------------------------------------------------------------------------


def test_aggregator_segment_relative_dates_use_its_own_date() -> None:
    from pipelines.lib import schemas
    from pipelines.lib.mentions import date_mention_rows

    crawl = date(2024, 12, 11)
    articles = schemas.frame(
        "articles",
        [
            {"article_id": "a1", "segment": 1, "published_date": date(2024, 12, 10),
             "published_surface": "10 ديسمبر 2024", "text": "قال الوزير أمس إن المحادثات مستمرة",
             "crawl_date": crawl},
            # The bundled article under "read also" carries its own (older) date line.
            {"article_id": "a2", "segment": 2, "published_date": date(2024, 12, 5),
             "published_surface": "5 ديسمبر 2024", "text": "أعلن الجيش أمس السيطرة على المدينة",
             "crawl_date": crawl},
        ],
    )  # fmt: skip
    rows = date_mention_rows(articles).to_dicts()
    relative = {r["article_id"]: r for r in rows if r["kind"] == "relative"}
    assert (relative["a1"]["value"], relative["a1"]["anchor_date"]) == (date(2024, 12, 9), date(2024, 12, 10))
    assert (relative["a2"]["value"], relative["a2"]["anchor_date"]) == (date(2024, 12, 4), date(2024, 12, 5))
    headers = [r for r in rows if r["location"] == "header"]
    assert [(r["article_id"], r["value"], r["start_char"]) for r in headers] == [
        ("a1", date(2024, 12, 10), None),
        ("a2", date(2024, 12, 5), None),
    ]
    for r in rows:
        if r["location"] == "text":
            text = articles.filter(articles["article_id"] == r["article_id"])["text"][0]
            assert text[r["start_char"] : r["end_char"]] == r["surface"]


def test_title_in_h2_box_when_the_page_has_no_h1() -> None:
    body = (
        "<div class='top'><div class='today'>الأربعاء 15 كانون الثاني 2025</div></div>"
        "<div class='main'><div class='news-title'><h2>عنوان الخبر هنا</h2></div>"
        "<div class='news-date'>الثلاثاء 14 كانون الثاني 2025</div><p>نص الخبر</p></div>"
        "<div class='related'><h2>أخبار ذات صلة</h2><div>الاثنين 13 كانون الثاني 2025</div></div>"
    )
    result = publication_date(page(body=body))
    assert (result.source, result.published_date) == ("visible", date(2025, 1, 14))


# --- visible date lines through dateparser for languages the grammar does not cover -------------


def _lang_page(lang: str, body: str) -> str:
    return f'<html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'


def test_visible_dateparser_italian_dateline_two_digit_year() -> None:
    body = "<article><h1>Il lupo torna sui monti</h1><em>( Ravenna, 3 Marzo 21 )</em><p>Testo.</p></article>"
    result = publication_date(_lang_page("it-IT", body))
    assert result.published_date == date(2021, 3, 3)
    assert result.source == "visible:dateparser"


def test_visible_dateparser_hebrew_full_date() -> None:
    body = "<article><h1>כותרת הכתבה החדשה</h1><span>5 במרץ 2022</span><p>טקסט.</p></article>"
    assert publication_date(_lang_page("he", body)).published_date == date(2022, 3, 5)


def test_visible_dateparser_needs_a_declared_language_and_a_full_date() -> None:
    body = "<article><h1>Il lupo torna sui monti</h1><em>Marzo 2021</em><p>Testo.</p></article>"
    assert publication_date(_lang_page("it", body)).published_date is None  # month-year only
    no_lang = "<html><body><article><h1>Il lupo</h1><em>3 Marzo 2021</em></article></body></html>"
    assert publication_date(no_lang).source != "visible:dateparser"


def test_visible_dateparser_rejects_relative_times() -> None:
    body = "<article><h1>Zwei Tore im Schlussdrittel</h1><span>vor 7 Stunden</span><p>Text.</p></article>"
    assert publication_date(_lang_page("de", body)).published_date is None


def test_visible_only_h2_and_br_split_source_line() -> None:
    body = (
        '<div class="hero"><h2>Storm passes the coast</h2>'
        "<p>Wire7<br>9 Feb 2021, 08:15 GMT+2</p></div><p>Body text here.</p>"
    )
    result = publication_date(_lang_page("en", body))
    assert result.published_date == date(2021, 2, 9)
    assert result.surface == "9 Feb 2021, 08:15 GMT+2"


def test_visible_title_inside_noscript_body() -> None:
    body = (
        "<noscript><div><div><h1>Il lupo torna sui monti</h1>"
        "<em>( Ravenna, 3 Marzo 21 )</em><p>Testo.</p></div></div></noscript>"
    )
    assert publication_date(_lang_page("it", body)).published_date == date(2021, 3, 3)


def test_nodes_after_the_title_are_those_a_whole_walk_gives() -> None:
    from lxml import html as lxml_html

    from pipelines.lib.dates import _after

    root = lxml_html.document_fromstring(
        "<html><body><header><a>x</a></header><div><section><h1>T<b>i</b></h1><!-- c --><p>1</p></section>"
        "<p>2<i>3</i></p></div><footer><span>4</span></footer></body></html>"
    )
    h1 = next(root.iter("h1"))
    nodes = list(root.iter())
    assert list(_after(h1, root)) == nodes[nodes.index(h1) + 1 :]
    section = h1.getparent()
    assert list(_after(h1, section)) == list(section.iter())[2:]  # stops at the root it is given


def test_url_date_from_canonical_link_and_og_url() -> None:
    canonical = page('<link rel="canonical" href="https://example.com/2024/05/06/story">')
    assert publication_date(canonical).published_date == date(2024, 5, 6)
    og = page('<link rel="alternate" href="https://example.com/2020/01/02/x"><meta property="og:url" '
              'content="https://example.com/news/2023/07/08/item">')  # fmt: skip
    result = publication_date(og)
    assert (result.source, result.published_date) == ("url", date(2023, 7, 8))


# ------------------------------------------------------------------------------------------------
# The cheap paths of the chain give what the plain ones gave
# ------------------------------------------------------------------------------------------------


def _norm_per_character(text: str) -> tuple[str, list[int]]:
    """The offset map as it was built before: one normalize_char call per character."""
    from pipelines.lib.arabic import normalize_char

    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        mapped = normalize_char(ch)
        if mapped:
            out.append(mapped[0])
            offsets.append(index)
    offsets.append(len(text))
    return "".join(out), offsets


def test_norm_equals_the_per_character_rule_on_every_code_point() -> None:
    from pipelines.lib.dates import _norm

    chars = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000]
    chars += [chr(code) for code in range(0x10000, 0x110000, 97)]  # astral planes, sampled
    assert [_norm(ch) for ch in chars] == [_norm_per_character(ch) for ch in chars]
    text = "".join(chars)
    assert _norm(text) == _norm_per_character(text)
    # Context and length changes of str.lower ("İ", final sigma) and dropped marks between them.
    for mixed in ("İstanbul ΟΔΟΣ Σ", "قالَ İİ ـــ ١٢ Σσ", "\u200bİ\u064b"):
        assert _norm(mixed) == _norm_per_character(mixed)


def test_lines_without_a_digit_hold_no_day() -> None:
    # parse_date_line returns early on a line without a digit: no rule reads a day without an
    # anchor from words alone (month, ordinal, weekday and relative words, every spelling).
    from pipelines.lib import dates

    months = [f for forms in dates._AR_MONTH_FORMS.values() for f in forms]
    months += [f for forms in dates._HIJRI_MONTH_FORMS.values() for f in forms] + list(dates._EN_MONTHS)
    weekdays = [f for forms in dates._WEEKDAY_FORMS.values() for f in forms] + ["Monday", "sunday"]
    ordinals = ["الأول", "الرابع", "الحادي عشر", "الحادي والعشرين", "الثلاثين", "first", "third"]
    lines = [f"{o} من {m}" for o in ordinals for m in months] + [f"{w} {m}" for w in weekdays for m in months]
    lines += [f"{w} {o} من {m} عام" for w in weekdays[:3] for o in ordinals for m in months[:12]]
    lines += ["اليوم", "أمس", "الليلة الماضية", "منذ ثلاثة أيام", "today", "yesterday", "March the first"]
    for line in lines:
        assert not [m for m in find_date_mentions(line, None) if m.granularity == "day"], line
        assert parse_date_line(line) is None
    # Digits of the other scripts are digits: the line is still read.
    assert parse_date_line("١٥ كانون الأول ٢٠٢٤") == date(2024, 12, 15)
    assert parse_date_line("۱۵ دسامبر ۲۰۲۴") == date(2024, 12, 15)
    assert parse_date_line("الرابع من نيسان 2024") == date(2024, 4, 4)


def test_chain_on_a_given_tree_equals_the_chain_on_the_source() -> None:
    # One walk collects metas, links, scripts and <time>s; the itemprop XPath runs only when the
    # source holds "datePublished"; ld+json blocks without the key are not parsed.
    from lxml import html as lxml_html

    ld_org = json.dumps({"@type": "Organization", "name": "X", "dateModified": "2024-01-01"})
    ld_page = json.dumps({"@type": "WebPage", "datePublished": "2024-02-02"})
    ld_article = json.dumps({"@graph": [{"@type": "NewsArticle", "datePublished": "2024-03-03T10:00:00Z"}]})
    cases = {
        "json-ld": (
            page(f'<script type="application/ld+json">{ld_org}</script>'
                 f'<script type="application/ld+json">{{broken</script>'
                 f'<script type="application/ld+json">{ld_page}</script>',
                 f'<script type="application/LD+JSON">{ld_article}</script>'),
            ("json-ld", date(2024, 3, 3)),
        ),
        "webpage fallback": (
            page(f'<script type="application/ld+json">{ld_org}</script>'
                 f'<script type="application/ld+json">{ld_page}</script>'),
            ("json-ld", date(2024, 2, 2)),
        ),
        "itemprop in body": (
            page(body='<article><h1>عنوان</h1><span itemprop="datePublished" content="2024-04-04">x</span>'
                      "</article>"),
            ("itemprop:datePublished", date(2024, 4, 4)),
        ),
        "meta in body": (
            page(body='<meta property="article:published_time" content="2024-05-05T08:00:00+03:00"><p>x</p>'),
            ("meta:article:published_time", date(2024, 5, 5)),
        ),
        "time and canonical": (
            page('<link rel="canonical" href="https://example.com/2024/06/07/x">',
                 '<nav><time datetime="2024-06-01">1</time></nav>'
                 '<article><time class="published" datetime="2024-06-06T23:30:00Z">6</time></article>'),
            ("time-element+url-day", date(2024, 6, 7)),
        ),
    }  # fmt: skip
    for name, (html, expected) in cases.items():
        result = publication_date(html)
        assert (result.source, result.published_date) == expected, name
        assert publication_date(html, root=lxml_html.document_fromstring(html)) == result, name


def test_visible_lines_in_links_and_nav_are_skipped_and_the_nearest_line_before_wins() -> None:
    body = (
        "<div class='head'><span>1 January 2020</span><p>Section</p><span>4 March 2024</span>"
        "<h1>A long enough title for the page</h1></div>"
        "<nav><span>1 March 2024</span></nav><a href='/x'><span>2 March 2024</span></a><p>Body text.</p>"
    )
    result = publication_date(_lang_page("en", body))
    assert (result.source, result.published_date) == ("visible", date(2024, 3, 4))
    # Without the line before the title, the first dated line after it (past <nav> and <a>) is read.
    after = body.replace("<span>4 March 2024</span>", "") + "<div><p><span>3 March 2024</span></p></div>"
    result = publication_date(_lang_page("en", after))
    assert (result.source, result.published_date) == ("visible", date(2024, 3, 3))
