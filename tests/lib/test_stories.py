"""Articles frame → syndication frames, on the contract schemas."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl

from pipelines.lib import schemas
from pipelines.lib.stories import syndication

PARAGRAPH = (
    "أعلنت وزارة الزراعة في بيان صدر صباح اليوم عن خطة جديدة لدعم مزارعي القمح في المحافظات الجنوبية "
    "تشمل توزيع البذور المحسنة بأسعار مخفضة وتوفير قروض ميسرة لشراء معدات الري الحديثة، وقال الوزير إن "
    "الخطة تهدف إلى رفع الإنتاج المحلي وتقليل الاعتماد على الاستيراد خلال السنوات الخمس المقبلة. وأضاف "
    "أن فرق الوزارة ستبدأ زيارات ميدانية للمزارع الأسبوع المقبل لتحديد الاحتياجات الفعلية لكل منطقة، "
    "مشيراً إلى أن الميزانية المخصصة للبرنامج تبلغ نحو مئتي مليون دينار تصرف على ثلاث مراحل متتالية."
)
OTHER = (
    "افتتح المتحف الوطني معرضاً للفنون التشكيلية يضم أعمال ثلاثين فناناً من أجيال مختلفة، ويستمر المعرض "
    "شهراً كاملاً بحضور نقاد وطلاب من كليات الفنون الجميلة الذين شاركوا في ورش عمل حول تقنيات الرسم "
    "الزيتي والنحت على الخشب، وقالت مديرة المتحف إن الإقبال فاق التوقعات منذ اليوم الأول للافتتاح."
)


def _articles(rows: list[dict]) -> pl.DataFrame:
    base = {"crawl_date": date(2025, 1, 15), "segment": 1, "word_count": 10}
    return schemas.frame("articles", [{**base, **row} for row in rows])


def test_copies_grouped_with_original_from_credited_outlet() -> None:
    def row(article_id: str, outlet: str, credited: str, text: str, day: int) -> dict:
        return {
            "article_id": article_id,
            "page_id": "p" + article_id[1:],
            "outlet_id": outlet,
            "credited_outlet": credited,
            "text": text,
            "published_date": date(2025, 1, day),
        }

    articles = _articles(
        [
            row("a1", "copier.example", "wire.example", "عاجل: " + PARAGRAPH, 14),
            row("a2", "wire.example", "wire.example", PARAGRAPH, 14),
            row("a3", "museum.example", "museum.example", OTHER, 13),
        ]
    )
    pages = schemas.frame(
        "pages",
        [{"page_id": p, "fetched_at": datetime(2025, 1, 15, tzinfo=UTC)} for p in ("p1", "p2", "p3")],
    )
    result = syndication(articles, pages, date(2025, 1, 15))
    assert result.stories.columns == list(schemas.STORIES)
    assert result.article_copies.columns == list(schemas.ARTICLE_COPIES)
    copies = {r["article_id"]: r for r in result.article_copies.iter_rows(named=True)}
    assert copies["a2"]["is_original"] and copies["a2"]["copy_of"] is None
    assert copies["a1"]["copy_of"] == "a2" and copies["a1"]["story_id"] == copies["a2"]["story_id"]
    assert copies["a3"]["story_id"] != copies["a2"]["story_id"]
    assert result.stories.height == 2
    assert set(result.stories["crawl_date"].to_list()) == {date(2025, 1, 15)}
    assert result.copy_candidates.columns == list(schemas.COPY_CANDIDATES)
    # One primary story_members row per article, its article_copies story; no round-up here.
    assert result.story_members.columns == list(schemas.STORY_MEMBERS)
    assert result.story_members.select("article_id", "story_id", "is_primary").rows() == [
        (r["article_id"], r["story_id"], True) for r in copies.values()
    ]
    assert set(result.story_members["crawl_date"].to_list()) == {date(2025, 1, 15)}


def test_empty_day() -> None:
    result = syndication(schemas.empty("articles"), schemas.empty("pages"), date(2025, 1, 15))
    assert (
        result.stories.is_empty() and result.article_copies.is_empty() and result.copy_candidates.is_empty()
    )
    # The IO manager skips empty frames (after deleting the night's rows): the table itself comes
    # from migration 007, so an empty night leaves an empty story_members, not a missing one.
    assert result.story_members.is_empty() and result.story_members.columns == list(schemas.STORY_MEMBERS)
    assert result.article_copies.columns == list(schemas.ARTICLE_COPIES)
