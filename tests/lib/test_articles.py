"""Tests for pages → articles and extractions rows (invented pages in a temporary directory)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.lib import schemas
from pipelines.lib.articles import EXTRACTOR, extract_articles
from pipelines.lib.fetch import FetchedPage
from pipelines.lib.ids import stable_id
from pipelines.lib.ingest import ingest_pages
from pipelines.lib.sources import OutletResolver, Source
from pipelines.lib.store import RawStore

CRAWL = date(2025, 3, 12)
TITLE = "افتتاح مكتبة عامة جديدة في حي الزهور"
PARAS = [
    "افتتحت البلدية صباح اليوم مكتبة عامة جديدة في حي الزهور تضم أكثر من عشرين ألف كتاب في مجالات "
    "العلوم والآداب والتاريخ، إلى جانب قاعة للمطالعة تتسع لمئة قارئ.",
    "وقال رئيس البلدية في كلمة خلال حفل الافتتاح إن المكتبة ستفتح أبوابها يوميا من التاسعة صباحا "
    "حتى الثامنة مساء، وإن الاشتراك فيها سيكون مجانيا لطلاب المدارس والجامعات.",
    "وأضاف أن البلدية تخطط لافتتاح مكتبتين أخريين في الأحياء الشرقية خلال العام المقبل ضمن برنامج "
    "لتشجيع القراءة بين الشباب.",
]
OK_PAGE = (
    f"<html><head><meta charset='utf-8'><title>{TITLE}</title>"
    "<link rel='canonical' href='https://news.example/culture/library-1'></head><body>"
    "<nav><a href='/'>الرئيسية</a> <a href='/culture'>ثقافة</a></nav>"
    f"<article><h1>{TITLE}</h1><p>الخميس 13 مارس 2025</p>"
    + "".join(f"<p>{p}</p>" for p in PARAS)
    + "<p>المصدر: صحيفة الاتحاد</p></article></body></html>"
)
BROKEN_PAGE = "<html><head><title>خطأ</title></head><body><nav><a href='/'>الرئيسية</a></nav></body></html>"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[pl.DataFrame, RawStore, list[Source], OutletResolver]:
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "a-library.html").write_text(OK_PAGE, encoding="utf-8")
    (saved / "b-broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    sources = [
        Source(id="news.example", name="News", kind="aggregator", directories=(saved,)),
        Source(id="alittihad.ae", name="Al-Ittihad", name_ar="الاتحاد"),
    ]

    def no_fetch(requests: list[tuple[str, str]]) -> list[FetchedPage]:
        raise AssertionError("no URL sources in this test")

    store = RawStore(tmp_path / "raw")
    pages = ingest_pages(sources, CRAWL, store, no_fetch).pages
    return pages, store, sources, OutletResolver(sources)


def test_extract_articles(setup: tuple[pl.DataFrame, RawStore, list[Source], OutletResolver]) -> None:
    pages, store, sources, resolver = setup
    assert pages.height == 2
    result = extract_articles(pages, store, sources, resolver)
    assert result.articles.schema == pl.Schema(schemas.ARTICLES)
    assert result.extractions.schema == pl.Schema(schemas.EXTRACTIONS)

    extractions = {row["page_id"]: row for row in result.extractions.iter_rows(named=True)}
    assert set(extractions) == set(pages["page_id"])
    by_locator = {row["source_locator"]: row["page_id"] for row in pages.iter_rows(named=True)}
    ok = extractions[by_locator["a-library.html"]]
    broken = extractions[by_locator["b-broken.html"]]
    assert (ok["outcome"], ok["reason"], ok["n_articles"]) == ("ok", None, 1)
    assert broken["outcome"] == "empty"
    assert broken["reason"]
    assert broken["n_articles"] == 0
    assert {ok["extractor"], broken["extractor"]} == {EXTRACTOR}
    assert all(row["crawl_date"] == CRAWL for row in extractions.values())

    (article,) = result.articles.iter_rows(named=True)
    page_id = by_locator["a-library.html"]
    assert article["article_id"] == stable_id("a_", page_id, 1)
    assert article["page_id"] == page_id
    assert article["segment"] == 1
    assert article["n_segments"] == 1
    assert article["url"] == "https://news.example/culture/library-1"
    assert article["outlet_id"] == "news.example"
    assert article["title"] == TITLE
    assert article["text"].split("\n") == PARAS
    assert article["word_count"] == sum(len(p.split()) for p in PARAS)
    assert article["language"] == "ar"
    assert article["credited_name"] == "صحيفة الاتحاد"
    assert article["credited_outlet"] == "alittihad.ae"
    assert article["credit_source"] == "source_line"
    assert article["published_date"] == date(2025, 3, 13)
    assert article["crawl_date"] == CRAWL
    assert "المصدر: صحيفة الاتحاد" in article["removed_boilerplate"]


def test_failed_fetch_and_missing_body_are_recorded(
    setup: tuple[pl.DataFrame, RawStore, list[Source], OutletResolver], tmp_path: Path
) -> None:
    pages, _, sources, resolver = setup
    failed = pages.with_columns(
        pl.when(pl.col("source_locator") == "a-library.html")
        .then(pl.lit("http 404"))
        .otherwise(pl.col("error"))
        .alias("error")
    )
    empty_store = RawStore(tmp_path / "empty-store")
    result = extract_articles(failed, empty_store, sources, resolver)
    assert result.articles.height == 0
    outcomes = dict(zip(result.extractions["page_id"], result.extractions["outcome"], strict=True))
    reasons = dict(zip(result.extractions["page_id"], result.extractions["reason"], strict=True))
    by_locator = {row["source_locator"]: row["page_id"] for row in pages.iter_rows(named=True)}
    assert outcomes[by_locator["a-library.html"]] == "skipped"
    assert reasons[by_locator["a-library.html"]] == "not fetched: http 404"
    assert outcomes[by_locator["b-broken.html"]] == "parse_error"
    assert reasons[by_locator["b-broken.html"]] == "raw body missing from the store"


def test_extract_articles_is_deterministic(
    setup: tuple[pl.DataFrame, RawStore, list[Source], OutletResolver],
) -> None:
    pages, store, sources, resolver = setup
    first = extract_articles(pages, store, sources, resolver)
    second = extract_articles(pages, store, sources, resolver)
    assert first.articles.equals(second.articles)
    assert first.extractions.drop("elapsed_ms").equals(second.extractions.drop("elapsed_ms"))


def test_no_pages() -> None:
    result = extract_articles(schemas.empty("pages"), RawStore(Path("/nonexistent")), [], OutletResolver([]))
    assert result.articles.height == 0
    assert result.extractions.height == 0


def test_bundled_segment_takes_its_originals_date() -> None:
    """A bundled segment with no date of its own gets its original's date, not the page's."""
    from datetime import date

    from pipelines.lib.articles import dates_from_originals

    body = " ".join(
        f"قالت الهيئة العامة للأرصاد في نشرتها رقم {i} إن موجة البرد ستستمر في المناطق الشمالية والغربية "
        "مع انخفاض ملحوظ في درجات الحرارة ليلا وتكون الصقيع على المرتفعات"
        for i in range(6)
    )
    original = {
        "article_id": "a_original",
        "outlet_id": "weather.example",
        "credited_outlet": "weather.example",
        "title": "موجة برد",
        "text": body,
        "published_at": None,
        "published_date": date(2025, 1, 13),
        "published_source": "json-ld",
        "published_surface": "13 يناير 2025",
    }
    segment = {
        "article_id": "a_segment",
        "outlet_id": "digest.example",
        "credited_outlet": "weather.example",
        "title": "موجة برد",
        "text": body,
        "published_at": None,
        "published_date": date(2025, 1, 15),
        "published_source": "page:visible",
        "published_surface": "15 يناير 2025",
    }
    unrelated = {
        **segment,
        "article_id": "a_other",
        "text": "افتتح المعرض الدولي للكتاب أبوابه بمشاركة ناشرين من عشرين دولة " * 4,
    }
    rows = [original, segment, unrelated]
    assert dates_from_originals(rows) == 1
    assert segment["published_date"] == date(2025, 1, 13)
    assert segment["published_source"] == "original:json-ld"
    assert segment["published_surface"] is None
    assert unrelated["published_date"] == date(2025, 1, 15)
    assert unrelated["published_source"] == "page:visible"


def test_tags_are_stored(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    tagged = OK_PAGE.replace("<title>", "<meta name='keywords' content='مكتبات، ثقافة'><title>")
    (saved / "a-library.html").write_text(tagged, encoding="utf-8")
    sources = [Source(id="news.example", name="News", directories=(saved,))]

    def no_fetch(requests: list[tuple[str, str]]) -> list[FetchedPage]:
        raise AssertionError("no URL sources in this test")

    store = RawStore(tmp_path / "raw")
    pages = ingest_pages(sources, CRAWL, store, no_fetch).pages
    result = extract_articles(pages, store, sources, OutletResolver(sources))
    assert result.articles["tags"].to_list() == [["مكتبات", "ثقافة"]]
    assert result.articles.columns[-1] == "tags"
