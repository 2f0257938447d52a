"""Tests for page extraction: segmentation, boilerplate removal, datelines and credits.

Every text here is invented for the tests.
"""

from __future__ import annotations

import copy

import pytest

from pipelines.lib.clean import (
    PageExtraction,
    Segment,
    clean_author,
    clean_title,
    credited_outlet,
    extract_page,
    page_lines,
    split_segments,
    word_count,
)
from pipelines.lib.sources import OutletResolver, Source

URL = "https://digest.example/news/42"

# Article A: agriculture programme (three paragraphs, ~75 words).
A_TITLE = "برنامج وطني لدعم صغار المزارعين"
A1 = (
    "أعلنت وزارة الزراعة صباح اليوم عن إطلاق برنامج وطني لدعم صغار المزارعين في المحافظات الجنوبية، "
    "ويهدف البرنامج إلى توفير البذور المحسنة والأسمدة بأسعار مخفضة خلال الموسم المقبل."
)
A2 = (
    "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن البرنامج سيشمل أكثر من عشرة آلاف مزارع، وإن التسجيل "
    "سيبدأ الأسبوع المقبل عبر مكاتب الإرشاد الزراعي المنتشرة في القرى والبلدات."
)
A3 = (
    "وأضاف أن الوزارة خصصت فريقا من المهندسين لمتابعة تنفيذ البرنامج ميدانيا وتقديم النصح للمزارعين "
    "حول أفضل طرق الري وحماية المحاصيل من الآفات الموسمية."
)
# Article B: a new railway line (~65 words).
B_TITLE = "افتتاح خط سكة حديد يربط الميناء بالمنطقة الصناعية"
B1 = (
    "دشنت هيئة النقل أمس خطا جديدا للسكك الحديدية يربط الميناء التجاري بالمنطقة الصناعية شمال المدينة، "
    "بطول يبلغ خمسة وأربعين كيلومترا وبقدرة نقل تصل إلى عشرين ألف حاوية شهريا."
)
B2 = (
    "وأوضح رئيس الهيئة أن الخط سيخفف الازدحام على الطرق السريعة ويقلل كلفة نقل البضائع بنسبة كبيرة، "
    "مشيرا إلى أن المرحلة الثانية ستشمل محطة للركاب تخدم العمال في المصانع القريبة من الخط."
)
# Article C: a book fair (~65 words).
C_TITLE = "معرض الكتاب يستقبل زواره بمشاركة دور نشر عربية"
C1 = (
    "فتح معرض الكتاب السنوي أبوابه للجمهور بمشاركة أكثر من ثلاثمئة دار نشر من بلدان عربية وأجنبية، "
    "ويتضمن برنامجه ندوات فكرية وأمسيات شعرية وورشا لتعليم الأطفال فنون الرسم والكتابة."
)
C2 = (
    "وقالت مديرة المعرض إن الدورة الحالية تخصص جناحا للكتب المترجمة وآخر للمخطوطات النادرة، "
    "وإن عدد الزوار المتوقع يتجاوز مئتي ألف زائر على مدى عشرة أيام من الفعاليات المتنوعة."
)

NAV = (
    "<nav><ul><li><a href='/'>الرئيسية</a></li><li><a href='/politics'>سياسة</a></li>"
    "<li><a href='/sport'>رياضة</a></li><li><a href='/culture'>ثقافة</a></li></ul></nav>"
)


def page(title: str, blocks: list[str], head: str = "", lang: str = "ar") -> str:
    """A small article page; ``blocks`` are raw HTML blocks inside ``<article>``."""
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{NAV}"
        f"<article><h1>{title}</h1>{''.join(blocks)}</article>"
        "<footer><p>جميع الحقوق محفوظة</p></footer></body></html>"
    )


def p(*texts: str) -> list[str]:
    return [f"<p>{t}</p>" for t in texts]


def one_segment(html: str, url: str = URL) -> Segment:
    result = extract_page(html, url)
    assert result.outcome == "ok", result.reason
    assert len(result.segments) == 1, [s.title for s in result.segments]
    return result.segments[0]


def test_plain_article_one_segment() -> None:
    result = extract_page(page(A_TITLE, p(A1, A2, A3)), URL)
    assert result.outcome == "ok"
    assert result.reason is None
    assert result.title == A_TITLE
    (segment,) = result.segments
    assert segment.segment == 1
    assert segment.title == A_TITLE
    assert segment.url == URL
    assert segment.text.split("\n") == [A1, A2, A3]
    assert segment.credited_name is None
    assert "الرئيسية" not in segment.text


def test_aggregator_page_with_three_articles() -> None:
    blocks = [
        *p("بغداد/المسلة: " + A1, A2, A3, "المصدر: المسلة"),
        "<p>إقرأ أيضاً:</p>",
        f"<h2>{B_TITLE}</h2>",
        *p("عمان (الأناضول) - " + B1, B2),
        "<p>إقرأ أيضاً:</p>",
        f"<h2>{C_TITLE}</h2>",
        *p(C1, C2, "المصدر: صحيفة الاتحاد"),
    ]
    result = extract_page(page(A_TITLE, blocks), URL)
    assert result.outcome == "ok", result.reason
    assert [s.segment for s in result.segments] == [1, 2, 3]
    first, second, third = result.segments
    assert [first.title, second.title, third.title] == [A_TITLE, B_TITLE, C_TITLE]
    assert first.text.split("\n") == [A1, A2, A3]
    assert second.text.split("\n") == [B1, B2]
    assert third.text.split("\n") == [C1, C2]
    assert (first.credited_name, first.credit_source) == ("المسلة", "source_line")
    assert (second.credited_name, second.credit_source) == ("الأناضول", "dateline")
    assert (third.credited_name, third.credit_source) == ("صحيفة الاتحاد", "source_line")
    assert second.dateline == "عمان (الأناضول) -"
    assert second.url == f"{URL}#segment-2"
    assert third.url == f"{URL}#segment-3"
    assert "إقرأ أيضاً:" in second.removed
    for segment in result.segments:
        assert "إقرأ أيضاً" not in segment.text
        assert "المصدر" not in segment.text


def test_bundled_segment_url_from_headline_link() -> None:
    blocks = [
        *p(A1, A2, A3),
        "<p>إقرأ أيضاً:</p>",
        f"<h2><a href='/rail/7'>{B_TITLE}</a></h2>",
        *p(B1, B2),
    ]
    result = extract_page(page(A_TITLE, blocks), URL)
    assert [s.url for s in result.segments] == [URL, "https://digest.example/rail/7"]


def test_read_also_followed_by_headlines_only_is_dropped() -> None:
    blocks = [
        *p(A1, A2, A3),
        "<p>إقرأ أيضاً:</p>",
        f"<p><a href='/b'>{B_TITLE}</a></p>",
        f"<p><a href='/c'>{C_TITLE}</a></p>",
    ]
    result = extract_page(page(A_TITLE, blocks), URL)
    assert result.outcome == "ok"
    (segment,) = result.segments
    assert segment.text.split("\n") == [A1, A2, A3]
    assert B_TITLE not in segment.text and C_TITLE not in segment.text
    assert "إقرأ أيضاً:" in segment.removed


def test_split_segments_short_block_is_headlines() -> None:
    lines = [A1, "اقرأ أيضا:", B_TITLE, "نص قصير جدا هنا."]
    segments = split_segments(lines, {})
    assert len(segments) == 1
    title, body, removed = segments[0]
    assert title is None
    assert body == [A1, "نص قصير جدا هنا."]
    assert removed == ["اقرأ أيضا:", B_TITLE]


@pytest.mark.parametrize(
    "boilerplate",
    [
        "لا يعبر بالضرورة عن رأي الموقع وإنما عن رأي كاتبه",
        "المقال يعبّر عن وجهة نظر كاتبه ولا يعبر بالضرورة عن سياسة التحرير",
        "دجلة – متابعة",
        "المسلة – متابعة – وكالات",
        "About Post Author",
        "عن الكاتب",
        "المقال يعبر عن رأي كاتبه ولا يعبر بالضرورة عن رأي الموقع",
        "المصدر هو المسؤول عن المحتوى",
        "الآراء الواردة أدناه لا تعبر عن رأي موقع الشبكة بالعربية، بل تعكس وجهات نظر أصحابها فقط.",
        "شارك الخبر",
        "شاركوا على",
        "تابعونا على فيسبوك",
        "الوسوم: زراعة، مزارعون",
        "Reporting by Jane Roe; Editing by John Doe",
    ],
)
def test_boilerplate_lines_removed(boilerplate: str) -> None:
    segment = one_segment(page(A_TITLE, p(A1, A2, boilerplate, A3)))
    assert segment.text.split("\n") == [A1, A2, A3]
    assert boilerplate in segment.removed


def test_source_line_is_credit() -> None:
    segment = one_segment(page(A_TITLE, p(A1, A2, A3, "المصدر: وكالة الأنباء الوطنية")))
    assert segment.credited_name == "وكالة الأنباء الوطنية"
    assert segment.credit_source == "source_line"
    assert "المصدر" not in segment.text


def test_source_line_beats_sign_off_and_dateline() -> None:
    segment = one_segment(page(A_TITLE, p("بغداد/المسلة: " + A1, A2, A3, "دجلة – متابعة", "المصدر: الاتحاد")))
    assert (segment.credited_name, segment.credit_source) == ("الاتحاد", "source_line")


def test_sign_off_is_credit_when_alone() -> None:
    segment = one_segment(page(A_TITLE, p(A1, A2, A3, "دجلة – متابعة")))
    assert (segment.credited_name, segment.credit_source) == ("دجلة", "sign_off")


def test_related_label_with_glued_headlines() -> None:
    h1 = "ارتفاع أسعار الذهب في الأسواق المحلية"
    h2 = "منتخب الشباب يتأهل إلى النهائي"
    html = page(
        A_TITLE,
        [
            f"<ul><li><a href='/x1'>{h1}</a></li><li><a href='/x2'>{h2}</a></li></ul>",
            *p(f"أخبار ذات صلة {h1}{h2}" + A1, A2, A3),
        ],
    )
    result = extract_page(html, URL)
    assert result.outcome == "ok"
    segment = result.segments[0]
    assert segment.text.split("\n")[0] == A1
    assert h1 not in segment.text and h2 not in segment.text
    assert "أخبار ذات صلة" not in segment.text
    assert h1 in segment.removed and h2 in segment.removed


def test_wire_end_marker_removed() -> None:
    segment = one_segment(page(A_TITLE, p(A1, A2, A3 + " (انتهى) ع ص / م ر")))
    assert segment.text.split("\n") == [A1, A2, A3]
    assert "(انتهى) ع ص / م ر" in segment.removed


@pytest.mark.parametrize(
    ("lead", "dateline", "credited"),
    [
        ("بغداد/المسلة: ", "بغداد/المسلة:", "المسلة"),
        ("واشنطن (الاتحاد): ", "واشنطن (الاتحاد):", "الاتحاد"),
        ("عمان (الأناضول) - ", "عمان (الأناضول) -", "الأناضول"),
        ("جنيف - رويترز: ", "جنيف - رويترز:", "رويترز"),
    ],
)
def test_arabic_datelines(lead: str, dateline: str, credited: str) -> None:
    segment = one_segment(page(A_TITLE, p(lead + A1, A2, A3)))
    assert segment.dateline == dateline
    assert segment.text.split("\n")[0] == A1
    assert segment.credited_name == credited
    assert segment.credit_source == "dateline"


def test_paren_dateline_on_its_own_line() -> None:
    segment = one_segment(page(A_TITLE, p("واشنطن (الاتحاد)", A1, A2, A3)))
    assert segment.dateline == "واشنطن (الاتحاد)"
    assert segment.text.split("\n") == [A1, A2, A3]
    assert segment.credited_name == "الاتحاد"


def test_inline_paren_without_separator_is_not_a_dateline() -> None:
    # "City (Outlet) text" with no separator is ambiguous with a name in brackets: kept as text,
    # the bracket is only an agency credit.
    segment = one_segment(page(A_TITLE, p("واشنطن (الاتحاد) " + A1, A2, A3)))
    assert segment.dateline is None
    assert segment.text.startswith("واشنطن (الاتحاد) ")
    assert (segment.credited_name, segment.credit_source) == ("الاتحاد", "agency_credit")


def test_generic_dateline_stripped_but_not_credited() -> None:
    segment = one_segment(page(A_TITLE, p("دمشق - متابعات: " + A1, A2, A3)))
    assert segment.dateline == "دمشق - متابعات:"
    assert segment.text.split("\n")[0] == A1
    assert segment.credited_name is None
    assert segment.credit_source is None


EN_TITLE = "Harbour authority opens a new container terminal"
EN1 = (
    "The harbour authority opened a new container terminal on Monday, doubling the capacity of the port "
    "and creating hundreds of jobs for workers from the surrounding towns and villages."
)
EN2 = (
    "Officials said the terminal would handle ships from Asia and Europe and that a rail link to the "
    "industrial zone would be completed by the end of next year, cutting road traffic."
)


def test_english_dateline() -> None:
    segment = one_segment(page(EN_TITLE, p("BEIRUT — " + EN1, EN2), lang="en"))
    assert segment.dateline == "BEIRUT —"
    assert segment.text.split("\n") == [EN1, EN2]
    assert segment.credited_name is None


def test_english_dateline_with_agency() -> None:
    segment = one_segment(page(EN_TITLE, p("BEIRUT (Reuters) - " + EN1, EN2), lang="en"))
    assert segment.dateline == "BEIRUT (Reuters) -"
    assert (segment.credited_name, segment.credit_source) == ("Reuters", "dateline")


def test_agency_credit_in_first_paragraph() -> None:
    segment = one_segment(page(A_TITLE, p("أعلنت الوزارة (واس) " + A1, A2, A3)))
    assert (segment.credited_name, segment.credit_source) == ("واس", "agency_credit")


def test_navigation_only_page_is_empty() -> None:
    html = (
        "<html><head><title>الرئيسية</title></head><body>"
        f"{NAV}<div><a href='/a'>سياسة</a> | <a href='/b'>اقتصاد</a></div></body></html>"
    )
    result = extract_page(html, URL)
    assert result.outcome == "empty"
    assert result.segments == []
    assert result.reason


@pytest.mark.parametrize(
    "garbage",
    ["", "   ", "<<<>>>", "\x00\x01\x02", "not html at all", "<html><body></body></html>", "<p>" * 500],
)
def test_garbage_does_not_crash(garbage: str) -> None:
    result = extract_page(garbage, None)
    assert isinstance(result, PageExtraction)
    assert result.outcome in ("empty", "parse_error")
    assert result.segments == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("عام / افتتاح معرض الكتاب", "افتتاح معرض الكتاب"),
        ("  محلي/ ارتفاع درجات الحرارة ", "ارتفاع درجات الحرارة"),
        ("الذهب &amp;amp; الفضة", "الذهب & الفضة"),
        ("عنوان\n  على   سطرين", "عنوان على سطرين"),
        ("عامر / وزير", "عامر / وزير"),
        ("", None),
        (None, None),
        ("عام / ", None),
    ],
)
def test_clean_title(raw: str | None, expected: str | None) -> None:
    assert clean_title(raw) == expected


@pytest.mark.parametrize(
    ("raw", "datelines", "expected"),
    [
        ("كتب: سامر الخطيب", [], "سامر الخطيب"),
        ("بقلم - ليلى حسن", [], "ليلى حسن"),
        ("By Jane Roe", [], "Jane Roe"),
        ("admin", [], None),
        ("المحرر", [], None),
        ("About Post Author سامر الخطيب", [], "سامر الخطيب"),
        ("بغداد/المسلة", [], None),
        ("واشنطن (الاتحاد)", [], None),
        ("دمشق - متابعات", ["دمشق - متابعات"], None),
        ("", [], None),
        (None, [], None),
    ],
)
def test_clean_author(raw: str | None, datelines: list[str], expected: str | None) -> None:
    assert clean_author(raw, datelines) == expected


@pytest.fixture
def resolver() -> OutletResolver:
    return OutletResolver(
        [
            Source(id="alittihad.ae", name="Al-Ittihad", name_ar="الاتحاد"),
            Source(id="digest.example", name="Digest", kind="aggregator"),
        ]
    )


def _segment(name: str | None = None, source: str | None = None) -> Segment:
    return Segment(segment=1, title="t", text="x", url=None, credited_name=name, credit_source=source)


def test_credited_outlet(resolver: OutletResolver) -> None:
    assert credited_outlet(_segment(), "digest.example", "aggregator", resolver) == (None, None)
    assert credited_outlet(_segment(), "alittihad.ae", "outlet", resolver) == ("alittihad.ae", "site")
    assert credited_outlet(
        _segment("صحيفة الاتحاد", "source_line"), "digest.example", "aggregator", resolver
    ) == (
        "alittihad.ae",
        "source_line",
    )
    assert credited_outlet(_segment("صحيفة مجهولة", "sign_off"), "alittihad.ae", "outlet", resolver) == (
        "صحيفة مجهولة",
        "sign_off",
    )


# --- known bugs ------------------------------------------------------------------------------

QUOTE = (
    "وأكد المسؤول أن هذه التصريحات لا تعبر عن موقف الحكومة الرسمي، وأن الوزارة ستصدر بيانا مفصلا "
    "خلال الأيام المقبلة لتوضيح الأمر للرأي العام."
)


def test_disclaimer_phrase_inside_news_paragraph_is_kept() -> None:
    segment = one_segment(page(A_TITLE, p(A1, QUOTE, A2, A3)))
    assert segment.text.split("\n") == [A1, QUOTE, A2, A3]


@pytest.mark.parametrize(
    "line", ["شاركت فرق الإنقاذ في عمليات البحث.", "طباعة الكتب المدرسية تبدأ الشهر المقبل"]
)
def test_short_paragraph_starting_like_share_prompt_is_kept(line: str) -> None:
    segment = one_segment(page(A_TITLE, p(A1, A2, line, A3)))
    assert line in segment.text.split("\n")


def test_verb_intaha_at_end_of_article_is_kept() -> None:
    last = A3 + " وقال أحد الحاضرين إن كل شيء انتهى بسرعة."
    segment = one_segment(page(A_TITLE, p(A1, A2, last)))
    assert segment.text.split("\n")[-1] == last


def test_generic_source_line_is_not_a_credit() -> None:
    segment = one_segment(page(A_TITLE, p(A1, A2, A3, "المصدر: وكالات")))
    assert "المصدر: وكالات" in segment.removed
    assert segment.credited_name is None


@pytest.mark.parametrize(
    "heading", ["اقرأ أيضاً:", "إقرأ أيضا", "مواضيع ذات صلة", "أخبار ذات صلة:", "اقرأ المزيد", "Read also:"]
)
def test_related_heading_and_its_headlines_removed(heading: str) -> None:
    h1 = "ارتفاع أسعار الذهب في الأسواق المحلية"
    h2 = "منتخب الشباب يتأهل إلى النهائي"
    links = [f"<p><a href='/x1'>{h1}</a></p>", f"<p><a href='/x2'>{h2}</a></p>"]
    blocks = [*p(A1, A2), f"<p>{heading}</p>", *links]
    segment = one_segment(page(A_TITLE, [*blocks, *p(A3)]))
    assert segment.text.split("\n") == [A1, A2, A3]
    assert heading in segment.removed
    assert h1 in segment.removed and h2 in segment.removed


@pytest.mark.parametrize("label", ["اقرأ أيضاً:", "إقرأ أيضا", "مواضيع ذات صلة", "أخبار ذات صلة"])
def test_headlines_glued_after_each_label(label: str) -> None:
    h1 = "ارتفاع أسعار الذهب في الأسواق المحلية"
    html = page(A_TITLE, [f"<ul><li><a href='/x1'>{h1}</a></li></ul>", *p(f"{label} {h1}" + A1, A2, A3)])
    segment = one_segment(html)
    assert segment.text.split("\n") == [A1, A2, A3]
    assert h1 in segment.removed


def test_linked_phrase_followed_by_comma_is_text() -> None:
    # A paragraph may open with a linked phrase; only a headline running into the next word
    # (no space, no punctuation) is a glued headline.
    phrase = "منظمات حقوق الإنسان"
    first = (
        f"<a href='/tag/x'>{phrase}</a>، والنقابات والأحزاب دعت إلى التظاهر أمام مبنى المحكمة "
        "يوم الخميس المقبل."
    )
    segment = one_segment(page(A_TITLE, [f"<p>{first}</p>", *p(A1, A2)]))
    assert segment.text.split("\n")[0].startswith(phrase + "،")


ZH_TITLE = "城市公园扩建工程正式启动"
ZH = (
    "市政府今天宣布城市公园扩建工程正式启动，预计明年年底完工。工程将新增绿地面积三十公顷，"
    "并修建儿童游乐场、步行道和自行车道。负责人表示，施工期间公园大部分区域将照常开放，"
    "市民可以继续在湖边散步和锻炼。"
)


def test_unspaced_script_page_is_not_empty() -> None:
    # Chinese has no spaces: a whitespace word count made every paragraph one "word" and the
    # page "too little text".
    segment = one_segment(page(ZH_TITLE, p(ZH), lang="zh"))
    assert segment.text == ZH
    assert word_count(ZH) > 40


def test_word_count() -> None:
    assert word_count("") == 0
    assert word_count("one two  three") == 3
    assert word_count("中国人民") == 2
    assert word_count("Beijing 北京 today") == 3


def test_text_is_nfc() -> None:
    # "أ" written as alef + combining hamza above (U+0654) becomes the precomposed letter.
    decomposed = A1.replace("أ", "\u0627\u0654")
    segment = one_segment(page(A_TITLE, p(decomposed, A2, A3)))
    assert segment.text.split("\n")[0] == A1


def test_page_lines_blocks_and_hidden_parts() -> None:
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(
        "<html><head><title>t</title></head><body><div>one <b>bold</b><!-- a comment --></div>"
        "<script>var x = 1;</script><p>two</p>tail<br>three<style>p {}</style></body></html>"
    )
    assert page_lines(tree) == ["one bold", "two", "tail", "three"]


def test_visible_dates_are_found_nearest_the_title() -> None:
    # Date lines are parsed lazily outward from the title; the nearest one wins (the earlier
    # line on a tie), the full list is still available.
    html = (
        "<html><head><title>عنوان</title></head><body><p>12/05/2019</p><p>قسم الأخبار</p>"
        "<h1>برنامج وطني لدعم صغار المزارعين</h1><p>الأحد 9 ديسمبر 2024</p>"
        f"<article>{''.join(p(A1, A2, A3))}</article><p>10 ديسمبر 2024</p></body></html>"
    )
    result = extract_page(html, URL)
    assert result.outcome == "ok"
    assert result.title_line is not None
    line, value = result.nearest_visible_date()
    assert (line, value.isoformat()) == ("الأحد 9 ديسمبر 2024", "2024-12-09")
    assert result.visible_date_surface(value) == "الأحد 9 ديسمبر 2024"
    assert [v.isoformat() for _, _, v in result.visible_dates][-1] == "2024-12-10"


def test_page_lines_leaves_the_tree_whole() -> None:
    # The XSLT pass reads the tree only (trafilatura prunes it afterwards).
    from lxml import etree
    from lxml import html as lxml_html

    html = (
        "<html><head><title>t</title></head><body><div>one <b>bold</b></div><script>x</script><p>two</p>"
        "tail<br>three<noscript>n</noscript><svg><text>s</text></svg><template>tp</template>"
        "<ul><li>a</li><li>b <a href='#'>c</a></li></ul><table><tr><td>x</td><td>y</td></tr></table>"
        "<span>inline</span> end</body></html>"
    )
    tree = lxml_html.document_fromstring(html)
    before = etree.tostring(tree)
    lines = page_lines(tree)
    assert etree.tostring(tree) == before
    assert lines == ["one bold", "two", "tail", "three", "a", "b c", "x", "y", "inline end"]
    # An element given alone (no <body> inside it) is read whole.
    fragment = lxml_html.fragment_fromstring("<div><p>a</p>b<p>c</p></div>")
    assert page_lines(fragment) == ["a", "b", "c"]


# Pages for main_text against bare_extraction: an article, a short page (baseline rescue and
# recall escalation), a reader-comments box, a table and list, too little text, a forum thread.
_MAIN_TEXT_PAGES = [
    page(A_TITLE, p(A1, A2, A3)),
    "<html><body><div><span>" + A1 + "</span></div><div class='menu'>" + NAV + "</div></body></html>",
    page(A_TITLE, [*p(A1, A2), "<div id='comments'><p>" + B1 + "</p></div>"]),
    page(
        A_TITLE, [*p(A1), "<table><tr><td>" + B1 + "</td><td>1</td></tr></table><ul><li>" + C1 + "</li></ul>"]
    ),
    "<html><body><p>كلمتان فقط</p></body></html>",
    "<html><body><div class='post'><p>" + A1 + "</p></div><div class='post'><p>" + B1 + "</p></div>"
    "<div class='comment'><p>" + C1 + "</p></div></body></html>",
]


@pytest.mark.parametrize("html", _MAIN_TEXT_PAGES)
def test_main_text_equals_bare_extraction(html: str) -> None:
    import trafilatura

    from pipelines.lib.clean import EXTRACT_OPTIONS, load_page, main_text

    document = trafilatura.bare_extraction(load_page(html), url=URL, **EXTRACT_OPTIONS)
    assert main_text(load_page(html), URL) == (None if document is None else document.text)


def test_main_text_leaves_other_options_to_bare_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from pipelines.lib import clean

    html = page(A_TITLE, [*p(A1, A2), "<div class='comments'><p>" + B1 + "</p></div>"])
    monkeypatch.setitem(clean.EXTRACT_OPTIONS, "include_comments", True)
    monkeypatch.setitem(clean.EXTRACT_OPTIONS, "target_language", "ar")
    document = trafilatura.bare_extraction(clean.load_page(html), url=URL, **clean.EXTRACT_OPTIONS)
    assert document is not None
    # The options reach trafilatura itself: its text equals main_text's only because bare_extraction ran.
    calls: list[dict] = []
    real = trafilatura.bare_extraction

    def spy(tree, **kwargs):
        calls.append(kwargs)
        return real(tree, **kwargs)

    monkeypatch.setattr(clean.trafilatura, "bare_extraction", spy)
    assert clean.main_text(clean.load_page(html), URL) == document.text
    assert [(c["include_comments"], c["target_language"]) for c in calls] == [(True, "ar")]
    # With the options main_text mirrors, trafilatura's bare_extraction is not called.
    monkeypatch.setitem(clean.EXTRACT_OPTIONS, "include_comments", False)
    monkeypatch.delitem(clean.EXTRACT_OPTIONS, "target_language")
    clean.main_text(clean.load_page(html), URL)
    assert len(calls) == 1


_JSON_LD = [
    '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "عنوان  \\"مقتبس\\"  هنا",\n'
    ' "author": {"@type": "Person", "name": "Samir  Haddad"},\t"publisher": {"@type": "Organization",'
    ' "name": "Example  News"}, "description": "a \\\\ b \\u0627  c"}',
    '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Site Name"},'
    ' {"@type": "Article", "headline": "Graph headline", "author": [{"name": "Rana Khalil"}]}]}',
    '{"@context": "https://schema.org", "headline": "Broken" , "author": {"name": "Omar Said"} ,, }',
    "",
]


@pytest.mark.parametrize("script", _JSON_LD)
def test_meta_json_matches_trafilatura(script: str) -> None:
    from trafilatura.metadata import Document, extract_meta_json
    from trafilatura.utils import load_html

    from pipelines.lib.clean import _extract_meta_json

    html = (
        f"<html><head><script type='application/ld+json'>{script}</script>"
        '<script type=\'application/settings+json\'>{"sitename": "x"}</script>'
        '<script>var a = {"headline": "not json-ld"};</script></head><body><p>x</p></body></html>'
    )
    ours = _extract_meta_json(load_html(html), Document())
    theirs = extract_meta_json(load_html(html), Document())
    fields = ("title", "author", "sitename", "description", "url", "categories", "tags", "date", "pagetype")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    if "Samir" in script:
        assert ours.author == "Samir Haddad"


@pytest.mark.parametrize(
    "text",
    ['{"a" : "b c\\" d" ,\n "x" : 1}', '"unterminated  x', '"a\\\nb"  c', ' "\\\\" x ', "\u00a0{ }\u2003"],
)
def test_json_minify_matches_trafilatura(text: str) -> None:
    from trafilatura.metadata import JSON_MINIFY

    from pipelines.lib.clean import _JSON_MINIFY

    assert _JSON_MINIFY.sub(r"\1", text) == JSON_MINIFY.sub(r"\1", text)


def test_tags_from_meta_keywords_and_article_tags() -> None:
    head = (
        "<meta name='keywords' content='زراعة، مزارعون, دعم'>"
        "<meta property='article:tag' content='اقتصاد'><meta property='article:section' content='محليات'>"
    )
    result = extract_page(page(A_TITLE, p(A1, A2, A3), head=head), URL)
    assert result.outcome == "ok"
    # Meta keywords and article:tag are tags (one item each), article:section the category.
    assert result.tags == ["زراعة", "مزارعون", "دعم", "اقتصاد", "محليات"]


def test_tags_from_tag_links_when_no_meta() -> None:
    blocks = [
        *p(A1, A2, A3),
        "<div class='tags'><a href='/tag/farming'>زراعة</a> <a href='/about'>عن</a></div>",
    ]
    result = extract_page(page(A_TITLE, blocks), URL)
    assert result.tags == ["زراعة"]
    assert extract_page(page(A_TITLE, p(A1, A2, A3)), URL).tags == []


# Author boxes by trafilatura's rules: tiers tried in order, comment/date/sidebar boxes discarded,
# an element's discarded parts left out of its text.
AUTHOR_PAGES = [
    "<div class='byline'>Samir Haddad</div><span class='author'>Layla Nasser</span>",
    "<div class='sidebar'><span class='author-name'>Not Him</span></div><p class='byline'>Omar Said</p>",
    "<div id='comments'><a rel='author'>Reader One</a></div><div itemprop='author'>Rana Khalil</div>",
    "<span class='writer'>Hadi Mansour <time>2024-01-02</time></span>",
    "<div class='date'>x</div><p><author>Nour Aziz</author></p>",
    "<div data-component='Byline'>By Karim Fares</div>",
    "<p class='text'>no author here</p>",
    "<figure><span class='author'>Photo Credit</span></figure><span class='byline'>Maya Saleh</span>",
    "<time class='author'>2 Jan 2024</time><p class='AuthorName'>Sara Ali</p>",
    "<section class='print'><div class='author'>Print Only</div></section><h4 id='bianji'>Li Wei</h4>",
]


@pytest.mark.parametrize("box", AUTHOR_PAGES)
def test_fallback_author_matches_trafilatura(box: str) -> None:
    from trafilatura.metadata import extract_author
    from trafilatura.utils import load_html

    from pipelines.lib.clean import _fallback_author

    html = f"<html><head><title>t</title></head><body><article>{box}<p>{A1}</p></article></body></html>"
    assert _fallback_author(load_html(html)) == extract_author(load_html(html))


def test_metadata_without_trafilatura_metadata_step() -> None:
    head = "<meta name='description' content='ملخص الخبر'><link rel='canonical' href='https://x.example/a/1'>"
    html = page(A_TITLE, ["<span class='author'>كتب: سمير حداد</span>", *p(A1, A2, A3)], head=head)
    result = extract_page(html, None)
    assert (result.title, result.description, result.canonical_url) == (
        A_TITLE,
        "ملخص الخبر",
        "https://x.example/a/1",
    )
    assert result.author == "سمير حداد"


def test_link_texts_normalised_in_one_call_match_per_link() -> None:
    from trafilatura.utils import load_html

    from pipelines.lib.clean import _anchors, _link_map, _norm_line

    anchors = ["إقرأ أيضاً  خبر", "مُسْتَشْفَى الكَرامة", "Short", "ab", "ISTANBUL  Talks", "مُسْتَشْفَى الكرامة"]
    html = (
        "<html><body><div>" + "".join(f"<a href='/n/{i}'>{t}</a>" for i, t in enumerate(anchors)) + "</div>"
    )
    links = _link_map(_anchors(load_html(html + "<p>x</p></body></html>")))
    expected: dict[str, str] = {}
    for i, text in enumerate(anchors):
        if len(" ".join(text.split())) >= 4:
            expected.setdefault(_norm_line(text), f"/n/{i}")
    assert links == expected and list(links) == sorted(expected, key=len, reverse=True)
    assert links[_norm_line("مستشفى الكرامة")] == "/n/1"  # the first of two texts equal once normalised


_LOAD_PAGES = [
    "<!DOCTYPE html><html><head><title>T</title></head><body><h1>عنوان</h1><p>نص <b>مهم</b></p>"
    "<!-- note --><form action='/s'><label for='q'>بحث</label><input name='q' value='x'>"
    "<select name='s'><option>1</option></select><textarea name='t'>t</textarea></form></body></html>",
    # An XML declaration with an encoding: lxml refuses it as str, both loaders reparse bytes.
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>Text</p><p>More</p></body></html>",
    # Self-closing <html/> in the first lines, repaired by trafilatura's helper.
    "<html/>\n<body><div><p>One</p></div><div>Two</div></body>",
    # Not HTML at all: both loaders reject it.
    "just a line of text",
    "<p>only a fragment</p>",
]


@pytest.mark.parametrize("html", _LOAD_PAGES)
def test_load_page_equals_trafilatura_loader(html: str) -> None:
    from lxml import etree
    from trafilatura.utils import load_html

    from pipelines.lib.clean import load_page

    ours, theirs = load_page(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if theirs is None:
        return
    assert etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")
    # The same lxml.html class for every node (form, input, label ... and HtmlElement otherwise).
    assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]
    # Copies (trafilatura copies the tree) keep the classes.
    assert [type(e) for e in copy.deepcopy(ours).iter()] == [type(e) for e in theirs.iter()]


_META_HEADS = [
    "<meta property='og:title' content='OG title'><meta property='og:site_name' content='Site'>"
    "<meta property='og:url' content='https://x.example/a'><meta property='og:author' content='Rana Khalil'>"
    "<meta property='og:description' content='  '><meta property='og:type' content='article'>",
    "<meta name='author' content='<b>Samir Haddad</b>'><meta name='title' content='Name title'>"
    "<meta name='description' content='وصف'><meta name='publisher' content='Pub'>"
    "<meta name='twitter:site' content='@site'><meta name='twitter:url' content='https://x.example/t'>"
    "<meta name='keywords' content='a, b'><meta name='news_keywords' content='c'>",
    "<meta property='article:tag' content='tag1'><meta property='article:author' content='Omar Said'>"
    "<meta property='article:publisher' content='Publisher'><meta itemprop='headline' content='Item title'>"
    "<meta itemprop='description' content='Item desc'><meta itemprop='author' content='Maya Saleh'>"
    "<meta property='og:title' content='Later OG'><meta content=''><meta name='x' content='y'>",
    "<meta charset='utf-8'><meta http-equiv='refresh' content='30'>"
    "<meta name='application-name' content='App'>",
    "",
]


@pytest.mark.parametrize("head", _META_HEADS)
def test_examine_meta_matches_trafilatura(head: str) -> None:
    from trafilatura.metadata import examine_meta
    from trafilatura.utils import load_html

    from pipelines.lib.clean import _examine_meta

    html = f"<html><head><title>t</title>{head}</head><body><p>{A1}</p></body></html>"
    fields = ("title", "author", "sitename", "description", "url", "tags", "image", "pagetype")
    ours, theirs = _examine_meta(load_html(html)), examine_meta(load_html(html))
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    if head:
        assert any(getattr(ours, f) for f in fields)


# One block per tag/category XPath of trafilatura (the EXSLT-regex ones with each class prefix).
_CATSTAG_BLOCKS = [
    "<div class='post-meta x'><a href='/category/politics/'>سياسة</a></div>",
    "<div class='postinfo'><a href='/categories/economy'>اقتصاد</a></div>",
    "<div class='meta-data'><a href='/tags/oil/'>نفط</a><a href='/about/'>عن</a></div>",
    "<div class='entry-utility'><a href='/tag/gas/'>غاز</a></div>",
    "<div id='postpath-1'><a href='/category/world/'>العالم</a></div>",
    "<div class='xmeta'><a href='/category/no/'>no</a><a href='/tag/no/'>no</a></div>",
    "<p class='entry-tags'><a href='/tag/water/'>مياه</a></p>",
    "<p class='postinfo'><a href='/category/p/'>p</a></p><p id='filedunder'><a href='/category/q/'>q</a></p>",
    "<footer class='entry-footer'><a href='/category/sport/'>رياضة</a></footer>",
    "<ul><li class='post-category'><a href='/category/li/'>li</a></li></ul>",
    "<span class='cat-links x'><a href='/category/arts/'>فنون</a></span>",
    "<header class='entry-header'><a href='/category/h/'>h</a></header>",
    "<div class='tagcloud'><a href='/tags/sun/'>شمس</a></div>",
    "<section class='my-topics'><div><a href='/tag/moon/'>قمر</a></div></section>",
    "<div class='row'><a href='/tags/x/'>x</a><a href='/category/y/'>y</a></div>",
    "<div class='jp-relatedposts'><a href='/tag/r/'>r</a></div>"
    "<div class='tags'><a href='/tags/t/'>t</a></div>",
]


@pytest.mark.parametrize("block", [*_CATSTAG_BLOCKS, "".join(_CATSTAG_BLOCKS[5:]), ""])
@pytest.mark.parametrize("metatype", ["category", "tag"])
def test_catstags_match_trafilatura(block: str, metatype: str) -> None:
    from trafilatura.metadata import extract_catstags
    from trafilatura.utils import load_html

    from pipelines.lib.clean import _extract_catstags

    html = (
        "<html><head><meta property='article:section' content='قسم'></head>"
        f"<body><article><p>{A1}</p>{block}</article></body></html>"
    )
    assert _extract_catstags(metatype, load_html(html)) == extract_catstags(metatype, load_html(html))
