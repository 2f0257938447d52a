"""Tests for near-duplicate / syndication detection (invented Arabic texts, ~80+ words each)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime

import polars as pl
import pytest

from pipelines.lib import dedup, schemas
from pipelines.lib.dedup import (
    COPIES_SCHEMA,
    PAIRS_SCHEMA,
    STORIES_SCHEMA,
    DedupArticle,
    DedupResult,
    dedup_tokens,
    find_stories,
)
from pipelines.lib.ids import stable_id

# --- Story A: desalination plant (wire text, four paragraphs) -------------------------------
A1 = (
    "افتتح وزير المياه والزراعة صباح اليوم محطة جديدة لتحلية مياه البحر في محافظة ينبع بطاقة إنتاجية "
    "تبلغ ثلاثمئة ألف متر مكعب يوميا، وذلك ضمن خطة وطنية تهدف إلى رفع نسبة تغطية المياه المحلاة في "
    "المدن الساحلية وتقليل الاعتماد على المياه الجوفية غير المتجددة."
)
A2 = (
    "وأوضح الوزير في كلمة ألقاها خلال حفل الافتتاح أن المحطة تعتمد على تقنية التناضح العكسي وتستهلك "
    "طاقة أقل بنحو الثلث مقارنة بالمحطات الحرارية القديمة، مشيرا إلى أن المشروع نفذ بالشراكة مع القطاع "
    'الخاص وبتكلفة إجمالية تجاوزت ملياري ريال، وقال: "هذه المحطة نقلة نوعية في قطاع المياه".'
)
A3 = (
    "وأضاف أن المرحلة الثانية من المشروع ستبدأ مطلع العام المقبل لربط المحطة بشبكة أنابيب تمتد مسافة "
    "مئة وعشرين كيلومترا نحو المدينة المنورة، متوقعا أن يستفيد من المشروع أكثر من مليون ونصف المليون "
    "نسمة بعد اكتماله."
)
A4 = (
    "وفي ختام الحفل جال الوزير في أقسام المحطة واستمع إلى شرح مفصل من المهندسين السعوديين العاملين "
    "فيها حول آليات التشغيل والصيانة وبرامج التدريب التي تلقوها خلال السنوات الثلاث الماضية."
)
A_BODY = "\n".join([A1, A2, A3, A4])
A_TEXT = "ينبع - واس\n" + A_BODY

# --- Story B: football match ------------------------------------------------------------------
B_TEXT = "\n".join(
    [
        "حقق فريق النصر فوزا مثيرا على ضيفه فريق الاتفاق بثلاثة أهداف مقابل هدفين في المباراة التي جمعت "
        "بينهما مساء أمس على ملعب الأمير فيصل بن فهد ضمن منافسات الجولة الخامسة من دوري المحترفين، ليرتقي "
        "الفريق إلى المركز الثاني في جدول الترتيب.",
        "وتقدم الاتفاق بهدف مبكر في الدقيقة السابعة عن طريق مهاجمه البرازيلي، قبل أن يعادل النصر النتيجة "
        "من ركلة جزاء احتسبها الحكم إثر عرقلة داخل المنطقة، ثم تبادل الفريقان التسجيل في الشوط الثاني وسط "
        "حضور جماهيري كبير.",
        "وحسم لاعب الوسط الشاب المباراة بتسديدة قوية من خارج منطقة الجزاء في الدقيقة الأخيرة من الوقت بدل "
        "الضائع، فيما أكد مدرب النصر في المؤتمر الصحفي عقب اللقاء أن فريقه قدم مستوى جيدا رغم الغيابات "
        "المؤثرة بسبب الإصابات.",
    ]
)

# --- Story C: dates festival -----------------------------------------------------------------
C_TEXT = "\n".join(
    [
        "انطلقت فعاليات مهرجان التمور السنوي في مدينة بريدة بمشاركة أكثر من ألفي مزارع من مختلف مناطق "
        "المملكة، حيث تشهد ساحات المهرجان يوميا دخول مئات السيارات المحملة بأصناف التمور الفاخرة مثل "
        "السكري والخلاص والصقعي.",
        "وقال رئيس اللجنة المنظمة إن حجم المبيعات في الأسبوع الأول تجاوز مئة وخمسين مليون ريال، لافتا إلى "
        "أن المهرجان يتضمن هذا العام معرضا للصناعات التحويلية القائمة على التمور وورش عمل لتدريب الأسر "
        "المنتجة على التغليف والتسويق الإلكتروني.",
        "وأشار إلى أن اللجنة خصصت جوائز لأفضل المزارع التي تطبق معايير الزراعة العضوية وترشيد استهلاك "
        "المياه، مؤكدا أن المهرجان أصبح وجهة سياحية يقصدها الزوار من دول الخليج المجاورة خلال موسم الصيف.",
    ]
)

# --- Same event, two independent reports (must NOT match) ------------------------------------
FIRE_1 = (
    "اندلع حريق ضخم فجر اليوم في مستودع للمواد الغذائية بالمنطقة الصناعية جنوب جدة، وهرعت فرق الدفاع "
    "المدني إلى الموقع فور تلقي البلاغ. وذكر المتحدث الرسمي للدفاع المدني أن الفرق تمكنت من السيطرة على "
    "النيران خلال ثلاث ساعات ومنعت امتدادها إلى المستودعات المجاورة، دون تسجيل أي إصابات بشرية. وأضاف أن "
    "لجنة فنية باشرت التحقيق لمعرفة أسباب الحريق، فيما قدرت الخسائر المادية الأولية بعدة ملايين من "
    "الريالات. وأشار إلى أن المستودع كان يحتوي على كميات كبيرة من الأرز والسكر والزيوت، ودعا أصحاب "
    "المنشآت إلى الالتزام باشتراطات السلامة."
)
FIRE_2 = (
    "شب حريق هائل في ساعة مبكرة من صباح اليوم داخل أحد مخازن الأغذية في الحي الصناعي الواقع جنوبي مدينة "
    "جدة، ما أدى إلى تصاعد أعمدة كثيفة من الدخان شوهدت من مسافات بعيدة. وأفاد شهود عيان بأن ألسنة اللهب "
    "ارتفعت بشكل لافت قبل وصول سيارات الإطفاء التي عملت لساعات على إخماد النيران. ولم تعلن السلطات عن "
    "وقوع ضحايا، في حين لا تزال أسباب الحادث مجهولة حتى الآن بانتظار نتائج التحقيقات التي تجريها الجهات "
    "المختصة. ويعد هذا الحريق الثالث من نوعه في المنطقة خلال العام الجاري."
)

# --- Chain paragraphs: economic report, six paragraphs ---------------------------------------
E = [
    "أظهرت بيانات الهيئة العامة للإحصاء أن معدل التضخم السنوي تراجع في شهر يوليو إلى مستوى اثنين فاصلة "
    "واحد بالمئة، مقارنة بنحو اثنين فاصلة أربعة بالمئة في الشهر السابق.",
    "وعزت الهيئة هذا التراجع بصورة رئيسية إلى انخفاض أسعار الأغذية والمشروبات بنسبة ملحوظة، إلى جانب "
    "استقرار تكاليف السكن والمياه والكهرباء التي تمثل الوزن الأكبر في سلة المستهلك.",
    "في المقابل سجلت أسعار قطاع النقل ارتفاعا طفيفا بسبب زيادة أسعار السيارات الجديدة وقطع الغيار، كما "
    "ارتفعت رسوم التعليم الخاص مع اقتراب بداية العام الدراسي الجديد.",
    "ويرى محللون اقتصاديون أن استمرار تباطؤ التضخم يمنح البنك المركزي مساحة أكبر للإبقاء على أسعار "
    "الفائدة دون تغيير خلال الاجتماعات المقبلة، رغم الضغوط الناتجة عن تقلبات الأسواق العالمية.",
    "وتوقع تقرير صادر عن أحد البنوك المحلية أن يبلغ متوسط التضخم للعام بأكمله نحو اثنين بالمئة، مدعوما "
    "بقوة العملة المحلية وتراجع أسعار السلع المستوردة من الأسواق الآسيوية.",
    "وأكد التقرير أن الإنفاق الحكومي على مشاريع البنية التحتية سيظل المحرك الأساسي للنمو غير النفطي، "
    "داعيا إلى تسريع برامج الخصخصة لتعزيز مشاركة القطاع الخاص في الاقتصاد.",
]

# --- Unrelated filler for a long aggregator page ---------------------------------------------
FILLER = [
    "توقعت المديرية العامة للأرصاد وحماية البيئة أن تشهد المناطق الجنوبية الغربية هطول أمطار رعدية متوسطة "
    "إلى غزيرة مصحوبة برياح نشطة تثير الأتربة والغبار، فيما تبقى الأجواء حارة إلى شديدة الحرارة على "
    "المنطقة الشرقية والرياض.",
    "وأغلق مؤشر السوق الرئيسية تعاملات الأسبوع مرتفعا بنحو أربعين نقطة بدعم من أسهم المصارف "
    "والبتروكيماويات، وسط تداولات بلغت قيمتها الإجمالية قرابة خمسة مليارات ريال وشملت أسهم مئة وستين شركة.",
    "وفي الشأن الثقافي أعلنت هيئة الأدب والنشر فتح باب التسجيل للمشاركة في معرض الكتاب الدولي المقبل، "
    "مشيرة إلى أن المعرض سيستضيف أكثر من ألف دار نشر من ثلاثين دولة إلى جانب برنامج ثقافي يضم ندوات "
    "وأمسيات شعرية.",
    "كما أعلنت الجامعة عن بدء القبول في برامج الدراسات العليا للعام الأكاديمي الجديد، موضحة أن التقديم "
    "يتم إلكترونيا عبر البوابة الرسمية حتى نهاية الشهر المقبل، وأن البرامج تشمل تخصصات الهندسة والحاسب "
    "والعلوم الصحية.",
]


def art(
    article_id: str,
    text: str,
    *,
    outlet: str = "site",
    credited: str | None = None,
    title: str | None = None,
    day: int | None = None,
    hour: int | None = None,
    fetched_hour: int | None = None,
) -> DedupArticle:
    published_at = datetime(2024, 5, day, hour, tzinfo=UTC) if day is not None and hour is not None else None
    return DedupArticle(
        article_id=article_id,
        outlet_id=outlet,
        credited_outlet=credited,
        title=title if title is not None else f"عنوان {article_id}",
        text=text,
        published_at=published_at,
        published_date=date(2024, 5, day) if day is not None else None,
        fetched_at=datetime(2024, 5, 20, fetched_hour, tzinfo=UTC) if fetched_hour is not None else None,
    )


def rows(result: DedupResult) -> dict[str, dict]:
    return {r["article_id"]: r for r in result.copies.iter_rows(named=True)}


def story_of(result: DedupResult, article_id: str) -> str:
    return rows(result)[article_id]["story_id"]


def pair_row(result: DedupResult, a: str, b: str) -> dict:
    """The ``pairs`` row of two articles (either order)."""
    return next(p for p in result.pairs.iter_rows(named=True) if {p["article_a"], p["article_b"]} == {a, b})


def story_sets(result: DedupResult) -> dict[str, set[str]]:
    """Every story each article is a member of (``members``: primary and secondary)."""
    out: dict[str, set[str]] = {}
    for r in result.members.iter_rows(named=True):
        out.setdefault(r["article_id"], set()).add(r["story_id"])
    return out


def assert_next_day_copy_joins(original: str, copy: str, prefix: str) -> None:
    """A copy arriving the night after its original joins the original's story (the original comes
    back from the warehouse with its story id), copying it."""
    first = find_stories([art(f"{prefix}-o", original, day=1), art(f"{prefix}-x", "\n".join(FILLER), day=1)])
    story = rows(first)[f"{prefix}-o"]["story_id"]
    earlier = dataclasses.replace(art(f"{prefix}-o", original, day=1), story_id=story)
    r = rows(find_stories([earlier, art(f"{prefix}-c", copy, outlet="okaz", day=2)]))
    assert r[f"{prefix}-c"]["story_id"] == story and r[f"{prefix}-c"]["copy_of"] == f"{prefix}-o"


def shares_story(result: DedupResult, a: str, b: str) -> bool:
    """Whether articles ``a`` and ``b`` are members of one story (primary or secondary)."""
    stories = story_sets(result)
    return bool(stories[a] & stories[b])


def assert_setting_flips(
    monkeypatch: pytest.MonkeyPatch,
    articles: list[DedupArticle],
    a: str,
    b: str,
    setting: str,
    value: object,
    before: str | None = None,
    after: str | None = None,
) -> None:
    """The pair ``a``/``b`` is decided one way now and the other way once ``dedup.settings.<setting>`` is
    ``value`` (a look or guard switched off, a threshold's earlier value): a copy sharing a story on one
    side, not a copy sharing none on the other. ``before`` / ``after``: the evidence rule on each side."""
    decisions = []
    for step, rule in enumerate((before, after)):
        if step:
            monkeypatch.setattr(dedup.settings, setting, value)
        res = find_stories(articles)
        row = pair_row(res, a, b)
        assert row["decision"] == shares_story(res, a, b), (setting, step)
        assert rule is None or row["rule"] == rule, (setting, step, row["rule"])
        decisions.append(row["decision"])
    assert decisions[0] != decisions[1], (setting, decisions)


def assert_order_independent(articles: list[DedupArticle], seeds: Sequence[int] = (0, 1, 2)) -> DedupResult:
    """``find_stories`` of ``articles``, checked to give the same four frames when run again and on
    shuffles of the input (one per seed)."""
    first = find_stories(articles)
    for seed in (None, *seeds):
        shuffled = list(articles)
        if seed is not None:
            random.Random(seed).shuffle(shuffled)
        other = find_stories(shuffled)
        for name in ("copies", "stories", "pairs", "members"):
            assert getattr(other, name).equals(getattr(first, name)), (seed, name)
    return first


def test_fixture_texts_are_long_enough() -> None:
    for text in [A_TEXT, B_TEXT, C_TEXT, FIRE_1, FIRE_2, " ".join(E[:4]), " ".join(E[2:])]:
        assert len(dedup_tokens(text)) >= 80


def test_exact_copy_with_punctuation_and_diacritics() -> None:
    copy = A_TEXT.replace("،", ",").replace("افتتح", "افْتَتَحَ").replace("المياه", "الميـاه")
    res = find_stories([art("a1", A_TEXT, day=1), art("a2", copy, day=2)])
    r = rows(res)
    assert r["a1"]["is_original"] and r["a1"]["copy_of"] is None
    assert r["a2"] == {
        "article_id": "a2",
        "story_id": stable_id("s_", "a1"),
        "is_original": False,
        "copy_of": "a1",
        "similarity": 1.0,
        "containment": 1.0,
        "method": "exact",
    }
    assert res.stories.height == 1
    assert res.pairs.filter(pl.col("rule") == "exact").height == 1


def test_rewritten_headline_with_prefix() -> None:
    copy = "عام / " + A_BODY  # wire category prefix, no dateline
    res = find_stories(
        [
            art("a1", A_TEXT, title="افتتاح محطة تحلية في ينبع", day=1),
            art("a2", copy, title="محطة جديدة", day=1),
        ]
    )
    r = rows(res)
    assert r["a2"]["story_id"] == r["a1"]["story_id"]
    assert r["a2"]["method"] == "minhash"
    assert r["a2"]["similarity"] > 0.9
    assert res.stories.row(0, named=True)["title"] == "افتتاح محطة تحلية في ينبع"


def test_dateline_changed() -> None:
    copy = "جدة - الوطن أونلاين\n" + A_BODY
    res = find_stories([art("a1", A_TEXT, day=1), art("a2", copy, day=1)])
    assert story_of(res, "a1") == story_of(res, "a2")
    assert rows(res)["a2"]["copy_of"] == "a1"


def test_paragraph_dropped() -> None:
    short = "ينبع - واس\n" + "\n".join([A1, A2, A3])
    res = find_stories([art("a1", A_TEXT, day=1), art("a2", short, day=2)])
    r = rows(res)["a2"]
    assert r["story_id"] == story_of(res, "a1")
    assert r["containment"] == pytest.approx(1.0)
    assert 0.5 <= r["similarity"] < 1.0


def test_added_intro_paragraph() -> None:
    intro = (
        "في إطار متابعتنا لمشاريع البنية التحتية في المملكة، ننشر لقرائنا الكرام تفاصيل الخبر الذي بثته "
        "وكالة الأنباء الرسمية اليوم حول قطاع المياه."
    )
    res = find_stories([art("a1", A_TEXT, day=1), art("a2", intro + "\n" + A_TEXT, day=1)])
    r = rows(res)
    assert r["a2"]["story_id"] == r["a1"]["story_id"]
    assert r["a1"]["is_original"]  # same date: smaller article_id, and the shorter text is the source
    assert r["a2"]["containment"] == pytest.approx(1.0)


def test_excerpt_contained_in_long_page_matches_by_containment() -> None:
    # Jaccard ~0.2: plain Jaccard LSH would likely miss this pair; the containment ensemble finds it.
    page = "\n".join([FILLER[0], FILLER[1], C_TEXT, FILLER[2], FILLER[3], *E])
    res = find_stories([art("c1", C_TEXT, outlet="alyaum", day=1), art("p1", page, outlet="portal", day=2)])
    r = rows(res)["p1"]
    assert r["story_id"] == story_of(res, "c1")
    assert r["method"] == "containment"
    assert r["similarity"] < 0.3 and r["containment"] > 0.95


def _bundle_articles(page_day: int, credit: str | None = "spa") -> list[DedupArticle]:
    return [
        art("a-orig", A_TEXT, outlet="spa", credited=credit, day=2),
        art("a-copy", "عام / " + A_BODY, outlet="okaz", credited=credit, day=3),
        art("b-orig", B_TEXT, outlet="riyadh", day=2),
        art("b-copy", B_TEXT.replace("مساء أمس", "مساء الأحد"), outlet="jazirah", day=3),
        # The aggregator page split into its two segments (the usual case) ...
        art("agg-seg1", A_TEXT, outlet="portal", day=3),
        art("agg-seg2", B_TEXT, outlet="portal", day=3),
        # ... and the same page left whole, bundling both articles.
        art("agg-page", A_TEXT + "\n" + B_TEXT, outlet="portal", day=page_day),
    ]


# page_day=1 without credit: the bundle page is the earliest article and nothing else ranks it
# lower, so only the bundle rule keeps it from becoming an original that merges both stories.
@pytest.mark.parametrize(("page_day", "credit"), [(3, "spa"), (1, "spa"), (3, None), (1, None)])
def test_aggregator_page_does_not_merge_two_stories(page_day: int, credit: str | None) -> None:
    res = find_stories(_bundle_articles(page_day, credit))
    r = rows(res)
    story_a, story_b = r["a-orig"]["story_id"], r["b-orig"]["story_id"]
    assert story_a != story_b
    assert r["a-orig"]["is_original"] and r["b-orig"]["is_original"]
    assert r["a-copy"]["story_id"] == story_a and r["agg-seg1"]["story_id"] == story_a
    assert r["b-copy"]["story_id"] == story_b and r["agg-seg2"]["story_id"] == story_b
    assert r["agg-seg1"]["method"] == "exact"
    # The whole page joins one of the two stories as a copy (it contains both), never as original.
    assert r["agg-page"]["story_id"] in {story_a, story_b}
    assert not r["agg-page"]["is_original"]
    assert r["agg-page"]["containment"] == pytest.approx(1.0)


def test_html_entities_are_ignored() -> None:
    quoted = 'وقال: "هذه المحطة نقلة نوعية في قطاع المياه"'
    assert quoted in A_TEXT
    escaped = A_TEXT.replace(quoted, quoted.replace('"', "&quot;")).replace("والزراعة", "&amp; الزراعة")
    clean = A_TEXT.replace("والزراعة", "& الزراعة")
    assert "&quot;" in escaped and "&amp;" in escaped
    res = find_stories([art("a1", clean, day=1), art("a2", escaped, day=1), art("a3", "&lt;p&gt;" + clean)])
    r = rows(res)
    assert r["a2"]["method"] == "exact" and r["a3"]["method"] == "exact"
    assert "quot" not in dedup_tokens(escaped) and "amp" not in dedup_tokens(escaped)


def test_independent_reports_of_same_event_do_not_match() -> None:
    res = find_stories([art("f1", FIRE_1, outlet="okaz", day=1), art("f2", FIRE_2, outlet="madina", day=1)])
    assert story_of(res, "f1") != story_of(res, "f2")
    assert set(res.copies["method"]) == {"single"}
    assert res.stories["n_articles"].to_list() == [1, 1]
    assert not res.pairs["decision"].any() if res.pairs.height else True


def test_no_chaining_through_a_neighbour() -> None:
    # Windows of three paragraphs: a~b and b~c share two (containment 0.65), a and c one sentence.
    a, b, c = "\n".join(E[0:3]), "\n".join(E[1:4]), "\n".join(E[2:5])
    res = find_stories([art("e-a", a, day=1), art("e-b", b, day=2), art("e-c", c, day=3)])
    pairs = {(p["article_a"], p["article_b"]): p for p in res.pairs.iter_rows(named=True)}
    assert pairs[("e-a", "e-b")]["decision"] and pairs[("e-b", "e-c")]["decision"]
    assert not pairs.get(("e-a", "e-c"), {"decision": False})["decision"]
    r = rows(res)
    assert r["e-b"]["story_id"] == r["e-a"]["story_id"] and r["e-b"]["copy_of"] == "e-a"
    assert r["e-c"]["story_id"] != r["e-a"]["story_id"]
    assert r["e-c"]["method"] == "single"


def test_chain_joins_when_each_matches_the_original() -> None:
    a, b, c = "\n".join(E[0:4]), "\n".join(E[1:5]), "\n".join(E[2:6])
    # The middle text is the original: both others match it directly, so one story is correct.
    res = find_stories([art("e-a", a, day=2), art("e-b", b, day=1), art("e-c", c, day=3)])
    r = rows(res)
    assert r["e-b"]["is_original"]
    assert r["e-a"]["story_id"] == r["e-b"]["story_id"] == r["e-c"]["story_id"]
    assert r["e-a"]["copy_of"] == r["e-c"]["copy_of"] == "e-b"


def test_original_is_the_credited_outlets_page_even_if_later() -> None:
    res = find_stories(
        [
            art("x1", "عام / " + A_BODY, outlet="okaz", credited="spa", day=1),
            art("x2", A_TEXT, outlet="spa", credited="spa", day=3),
            art("x3", A_TEXT.replace("ينبع - واس", "الرياض"), outlet="madina", credited="SPA ", day=2),
        ]
    )
    r = rows(res)
    assert r["x2"]["is_original"] and r["x2"]["method"] == "original"
    assert r["x1"]["copy_of"] == "x2" and r["x3"]["copy_of"] == "x2"
    story = res.stories.row(0, named=True)
    assert story["story_id"] == stable_id("s_", "x2")
    assert story["first_published_date"] == date(2024, 5, 1)
    assert (story["n_articles"], story["n_outlets"]) == (3, 3)


def test_original_falls_back_to_dates_then_fetch_then_id() -> None:
    texts = [A_TEXT, "عام / " + A_BODY, A_TEXT + " انتهى"]
    # Earliest published date wins; credited names that are no outlet_id do not count.
    res = find_stories(
        [
            art("k1", texts[0], outlet="o1", credited="وكالة الأنباء", day=3),
            art("k2", texts[1], outlet="o2", day=2, hour=9),
            art("k3", texts[2], outlet="o3", day=2, hour=8),
        ]
    )
    assert rows(res)["k3"]["is_original"]
    # Same date and no time: earliest fetch wins.
    res = find_stories(
        [
            art("k1", texts[0], day=2, fetched_hour=5),
            art("k2", texts[1], day=2, fetched_hour=3),
            art("k3", texts[2], day=2),
        ]
    )
    assert rows(res)["k2"]["is_original"]
    # Nothing known: smallest article_id.
    res = find_stories([art("k2", texts[1]), art("k1", texts[0]), art("k3", texts[2])])
    assert rows(res)["k1"]["is_original"]
    # A dated article beats undated ones.
    res = find_stories([art("k1", texts[0]), art("k2", texts[1]), art("k3", texts[2], day=9)])
    assert rows(res)["k3"]["is_original"]


def test_tiny_texts_do_not_match_by_containment() -> None:
    tiny = "وفي الشأن الثقافي أعلنت هيئة الأدب والنشر فتح باب"  # 9 words: 7 three-word shingles
    assert tiny in FILLER[2]
    # A low LSH threshold makes the pair a candidate, so the verification rule itself is tested.
    res = find_stories([art("t1", tiny), art("t2", FILLER[2])], lsh_threshold=0.1)
    assert story_of(res, "t1") != story_of(res, "t2")
    pair = res.pairs.row(0, named=True)
    assert pair["containment"] == 1.0 and pair["jaccard"] < 0.5
    assert (pair["decision"], pair["rule"]) == (False, "too_short")
    # The same text with a lower minimum does match by containment.
    res = find_stories([art("t1", tiny), art("t2", FILLER[2])], lsh_threshold=0.1, min_containment_shingles=7)
    assert story_of(res, "t1") == story_of(res, "t2")


def test_singletons_and_frame_schemas() -> None:
    res = find_stories([art("s1", C_TEXT, outlet="o", day=4), art("s2", "", outlet="o")])
    assert dict(res.copies.schema) == COPIES_SCHEMA
    assert dict(res.stories.schema) == STORIES_SCHEMA
    assert dict(res.pairs.schema) == PAIRS_SCHEMA
    r = rows(res)
    assert r["s1"] == {
        "article_id": "s1",
        "story_id": stable_id("s_", "s1"),
        "is_original": True,
        "copy_of": None,
        "similarity": 1.0,
        "containment": 1.0,
        "method": "single",
    }
    story = res.stories.filter(pl.col("original_article_id") == "s1").row(0, named=True)
    assert story == {
        "story_id": stable_id("s_", "s1"),
        "original_article_id": "s1",
        "title": "عنوان s1",
        "first_published_date": date(2024, 5, 4),
        "n_articles": 1,
        "n_outlets": 1,
        "n_independent": 1,
    }
    # The caller adds crawl_date and conforms; that must work as is.
    crawl = pl.lit(date(2024, 5, 20)).alias("crawl_date")
    schemas.conform("article_copies", res.copies.with_columns(crawl))
    schemas.conform("stories", res.stories.with_columns(crawl))


def test_empty_input_and_duplicate_ids() -> None:
    res = find_stories([])
    assert res.copies.is_empty() and res.stories.is_empty() and res.pairs.is_empty()
    assert dict(res.copies.schema) == COPIES_SCHEMA
    with pytest.raises(ValueError, match="duplicate"):
        find_stories([art("d", A_TEXT), art("d", B_TEXT)])


def test_deterministic_across_runs_and_input_order() -> None:
    articles = [
        *_bundle_articles(3),
        art("f1", FIRE_1, day=1),
        art("f2", FIRE_2, day=1),
        art("e-a", "\n".join(E[0:4]), day=1),
        art("e-b", "\n".join(E[1:5]), day=2),
        art("e-c", "\n".join(E[2:6]), day=3),
        art("c1", C_TEXT, day=1),
        art("c2", "\n".join([FILLER[0], C_TEXT, FILLER[1]]), day=1),
    ]
    first = assert_order_independent(articles, seeds=(7,))
    assert first.copies.height == len(articles)
    assert first.stories["n_articles"].sum() == len(articles)


# --- Vectorised internals equal their references -----------------------------------------------


def test_minhash_signatures_equal_datasketch() -> None:
    from datasketch import MinHash

    from pipelines.lib.dedup import minhash_signatures, shingle_array

    arrays = [shingle_array(dedup_tokens(t)) for t in (A_TEXT, B_TEXT, C_TEXT, FIRE_1)]
    sig = minhash_signatures(arrays, num_perm=64, seed=3)
    for arr, row in zip(arrays, sig, strict=True):
        mh = MinHash(num_perm=64, seed=3, hashfunc=int)
        mh.update_batch([int(h) & 0xFFFFFFFF for h in arr.tolist()])
        assert row.tolist() == mh.hashvalues.tolist()


def test_dedup_tokens_follow_the_cleaning_normalisation() -> None:
    from pipelines.lib.arabic import normalize_text, words

    text = "أعلنت الوزارةُ ـ اليومَ ٣ قرارات، وقالت: «إنّ المرحلةَ القادمة» ABC Über"
    assert dedup_tokens(text) == words(normalize_text(text))


# --- Across nights --------------------------------------------------------------------------------


def _earlier(article: DedupArticle, story_of_id: str) -> DedupArticle:
    from dataclasses import replace

    return replace(article, story_id=story_of_id)


def test_copy_on_a_later_day_joins_the_earlier_story() -> None:
    first = find_stories([art("d1-orig", A_TEXT, outlet="spa", credited="spa", day=1)])
    story = rows(first)["d1-orig"]["story_id"]
    earlier = [_earlier(art("d1-orig", A_TEXT, outlet="spa", credited="spa", day=1), story)]
    res = find_stories([*earlier, art("d2-copy", "عام / " + A_BODY, outlet="okaz", credited="spa", day=2)])
    r = rows(res)
    assert set(r) == {"d2-copy"}  # earlier articles keep their rows from their own night
    assert r["d2-copy"]["story_id"] == story and r["d2-copy"]["copy_of"] == "d1-orig"
    assert r["d2-copy"]["method"] == "minhash"
    s = res.stories.row(0, named=True)
    assert (s["story_id"], s["n_articles"], s["n_outlets"], s["n_independent"]) == (story, 2, 2, 1)
    assert res.pairs.height == 1 and res.pairs.row(0, named=True)["article_a"] == "d1-orig"


def test_later_text_matching_only_an_earlier_copy_starts_a_new_story() -> None:
    # Day 1: e-a is the original, e-b its copy. Day 2: e-c matches e-b only (no chaining to e-a).
    a, b, c = "\n".join(E[0:3]), "\n".join(E[1:4]), "\n".join(E[2:5])
    day1 = find_stories([art("e-a", a, day=1), art("e-b", b, day=1)])
    s = rows(day1)["e-a"]["story_id"]
    assert rows(day1)["e-b"]["story_id"] == s
    res = find_stories(
        [_earlier(art("e-a", a, day=1), s), _earlier(art("e-b", b, day=1), s), art("e-c", c, day=2)]
    )
    r = rows(res)["e-c"]
    assert r["story_id"] == stable_id("s_", "e-c") and r["method"] == "single"


def test_story_ids_are_stable_when_the_credited_page_arrives_later() -> None:
    # The credited outlet's own page comes a day after a copy: the earlier story keeps its id and
    # its original (ids never move from one night to the next); the page joins as a copy.
    day1 = find_stories([art("x1", "عام / " + A_BODY, outlet="okaz", credited="spa", day=1)])
    s = rows(day1)["x1"]["story_id"]
    res = find_stories([_earlier(art("x1", "عام / " + A_BODY, outlet="okaz", credited="spa", day=1), s),
                        art("x2", A_TEXT, outlet="spa", credited="spa", day=2)])  # fmt: skip
    r = rows(res)["x2"]
    assert r["story_id"] == s == stable_id("s_", "x1") and r["copy_of"] == "x1"


def test_independent_sources_count_credited_authors() -> None:
    res = find_stories(
        [
            art("w1", A_TEXT, outlet="spa", credited="spa", day=1),
            art("w2", "عام / " + A_BODY, outlet="okaz", credited="spa", day=1),
            art("w3", A_TEXT + " انتهى", outlet="madina", credited="SPA", day=1),
            art("w4", "جدة - الوطن\n" + A_BODY, outlet="watan", credited="watan", day=2),  # uncredited copy
        ]
    )
    s = res.stories.row(0, named=True)
    assert (s["n_articles"], s["n_outlets"], s["n_independent"]) == (4, 4, 2)


def _dedup_eval():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "dedup_eval.py"
    spec = importlib.util.spec_from_file_location("dedup_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_adjusted_rand_index() -> None:
    ari = _dedup_eval().adjusted_rand_index
    assert ari([0, 0, 1, 1], [5, 5, 7, 7]) == pytest.approx(1.0)
    # Reference value (sklearn.metrics.adjusted_rand_score on the same labels).
    assert ari([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.24242424, abs=1e-6)
    assert ari([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)


def test_weighted_estimate_scales_each_stratum_to_its_population() -> None:
    estimate = _dedup_eval().weighted_estimate
    # Stratum A (100 pairs in the population): 4 labelled, 2 copies found, 1 missed, 1 true negative.
    # Stratum B (1,000 pairs): 2 labelled, 1 copy missed, 1 not_copy joined. Stratum C: none labelled.
    labelled = [("a1", "a2", "copy"), ("a3", "a4", "copy"), ("a5", "a6", "copy"), ("a7", "a8", "not_copy")]
    labelled += [("b1", "b2", "copy"), ("b3", "b4", "not_copy")]
    rows = [{"article_a": a, "article_b": b, "label": label} for a, b, label in labelled]
    stratum = {(a, b): ((0, 0) if a.startswith("a") else (1, 0)) for a, b, _ in labelled}
    story = {"a1": "s1", "a2": "s1", "a3": "s2", "a4": "s2", "b3": "s3", "b4": "s3"}
    members = {x: frozenset({story[x]} if x in story else {f"own {x}"}) for row in labelled for x in row[:2]}
    m = estimate(rows, members, {(0, 0): 100, (1, 0): 1000, (2, 0): 50}, stratum, draws=200)
    # weights 25 and 500: tp 2 * 25 = 50, fn 25 + 500 = 525, fp 500 (as sampled: P 2/3, R 1/2)
    assert m["recall"] == pytest.approx(50 / 575)
    assert m["precision"] == pytest.approx(50 / 550)
    assert m["copies"] == pytest.approx(575)
    assert m["unlabelled"] == 50
    assert m["r_lo"] <= m["recall"] <= m["r_hi"] and m["p_lo"] <= m["precision"] <= m["p_hi"]
    # Resampled within each stratum: one kind per stratum (A: copies found, B: a not_copy joined): no spread.
    one_kind = [r for r in rows if r["article_a"] in ("a1", "a3", "b3")]
    m = estimate(one_kind, members, {(0, 0): 100, (1, 0): 1000}, stratum, draws=200)
    assert (m["p_lo"], m["precision"], m["p_hi"]) == pytest.approx((100 / 1100,) * 3)
    assert (m["r_lo"], m["recall"], m["r_hi"]) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="no candidate pairs"):
        estimate(rows, members, {(0, 0): 100}, stratum)


def test_hub_articles_are_strata_of_their_own_above_the_low_band() -> None:
    module = _dedup_eval()
    # "hub" shares 0.2-band pairs with 60 texts and 0.1-band pairs with 60 others; "x" and "y" one pair each.
    rows = [{"article_a": "hub", "article_b": f"t{n}", "jaccard": 0.1, "containment": 0.2} for n in range(60)]
    rows += [
        {"article_a": "hub", "article_b": f"u{n}", "jaccard": 0.05, "containment": 0.1} for n in range(60)
    ]
    rows.append({"article_a": "x", "article_b": "y", "jaccard": 0.1, "containment": 0.2})
    hubs = module.hub_articles(rows)
    band = module.band_of(rows[0])
    assert hubs == {(band, "hub")}  # the low band is split by content words instead
    assert module.stratum_of({}, rows[0], hubs) == (band, module.HUB)
    assert module.stratum_of({}, rows[-1], hubs) == (band, 0)


def test_label_twins_find_one_question_labelled_both_ways() -> None:
    twins = _dedup_eval().label_twins
    release = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في المدينة بسعة مئتي سرير لخدمة سكان المنطقة"
    corpus = {
        "x": {"text": release + " وقال الوزير إن المستشفى يفتح أبوابه الأسبوع المقبل"},
        "y": {"text": release},  # y and z: one wire text filed twice
        "z": {"text": release},
        "w": {"text": "فاز الفريق الأول لكرة القدم على ضيفه بثلاثة أهداف نظيفة في مباراة مساء أمس"},
    }
    copy_y = {"article_a": "x", "article_b": "y", "label": "copy"}
    not_z = {"article_a": "x", "article_b": "z", "label": "not_copy"}
    other = {"article_a": "w", "article_b": "x", "label": "not_copy"}  # w is no twin of y or z
    assert twins(corpus, [copy_y, not_z, other]) == (1, [(copy_y, not_z)])
    assert twins(corpus, [copy_y, {**not_z, "label": "copy"}, other]) == (1, [])
    # Containment is not enough: a text holding y and as much again is another question (Jaccard ~0.5).
    corpus["v"] = {"text": release + " " + corpus["w"]["text"]}
    assert twins(corpus, [copy_y, {**not_z, "article_b": "v"}]) == (0, [])


def test_twins_report_prints_no_held_out_row(capsys: pytest.CaptureFixture[str]) -> None:
    module = _dedup_eval()
    release = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في المدينة بسعة مئتي سرير لخدمة سكان المنطقة"
    corpus = {"x": {"text": release + " وقال الوزير إن المستشفى يفتح أبوابه"}, "y": {"text": release}}
    corpus |= {"z": {"text": release}, "u": {"text": release}}
    dev = {"article_a": "x", "article_b": "y", "label": "copy", "confidence": "low"}
    dev2 = {"article_a": "x", "article_b": "u", "label": "not_copy", "confidence": "low"}
    held = {"article_a": "x", "article_b": "held-z", "label": "not_copy", "confidence": "low"}
    corpus["held-z"] = corpus.pop("z")
    module.twins_report(corpus, [("dev", [dev, dev2])], [("test", [held])])
    out = capsys.readouterr().out
    assert ": 3; labelled both ways: 2" in out and "x y copy low dev | x u not_copy low dev" in out
    assert "held-z" not in out and out.count("(a held-out row)") == 1


# --- Story forming beyond the star: release parts, witnesses, overlapping excerpts ------------
SERIES_TITLE = "عام / الهيئة العامة للإحصاء تصدر تقرير التضخم الشهري"


def _release_parts(marked: bool) -> list[DedupArticle]:
    # The agency sends one long release in three parts under one headline; two papers reprint it whole.
    suffixes = ["", " إضافة أولى", " / إضافة ثانية وأخيرة"] if marked else ["", "", ""]
    parts = [
        art(f"part{k + 1}", "\n".join(E[2 * k : 2 * k + 2]), outlet="spa", credited="spa", day=1,
            title=SERIES_TITLE + suffixes[k])
        for k in range(3)
    ]  # fmt: skip
    whole = "\n".join(E)
    return [
        *parts,
        art("paper1", "الرياض - واس\n" + whole, outlet="riyadh", credited="spa", day=1),
        art("paper2", whole.replace("الهيئة", "هيئة"), outlet="okaz", credited="spa", day=2),
    ]


def test_parts_of_one_release_form_one_story_with_the_reprints() -> None:
    res = find_stories(_release_parts(marked=True))
    r = rows(res)
    story = r["part1"]["story_id"]
    assert {row["story_id"] for row in r.values()} == {story}
    assert r["part1"]["is_original"] and r["part1"]["method"] == "original"
    for part in ("part2", "part3"):  # the agency's further parts: not copies, not the original
        assert (r[part]["is_original"], r[part]["copy_of"], r[part]["method"]) == (False, None, "part")
    assert r["paper1"]["copy_of"] == r["paper2"]["copy_of"] == "part1"
    s = res.stories.row(0, named=True)
    assert (s["n_articles"], s["n_outlets"], s["n_independent"]) == (5, 3, 1)


def test_same_headline_without_the_parts_marker_is_not_a_release() -> None:
    # Without "إضافة ..." nothing says the three texts are one release: the reprints bundle three
    # texts that do not match each other, so the three stay three stories (no chaining).
    r = rows(find_stories(_release_parts(marked=False)))
    assert len({r[p]["story_id"] for p in ("part1", "part2", "part3")}) == 3
    assert not r["paper1"]["is_original"] and not r["paper2"]["is_original"]


def test_copy_of_an_edited_copy_joins_through_the_witness() -> None:
    # o: the original (two paragraphs of its own, then four wire paragraphs); p: the four wire
    # paragraphs; m: its own text, then three of them. m matches p (containment 0.74) but not o
    # (0.46, and the shared block starts after the first third of both, so not by alignment
    # either): what m shares with p is all o's text, so m copied the original through p.
    o = "\n".join([FILLER[0], FILLER[1], *E[0:4]])
    p = "\n".join(E[0:4])
    m = "\n".join([FILLER[2], FILLER[3], *E[0:3], E[5]])
    res = find_stories([art("w-o", o, day=1), art("w-p", p, day=2), art("w-m", m, day=3)])
    pairs = {(x["article_a"], x["article_b"]): x for x in res.pairs.iter_rows(named=True)}
    assert not pairs.get(("w-m", "w-o"), {"decision": False})["decision"]
    assert pairs[("w-m", "w-p")]["decision"]
    r = rows(res)
    assert r["w-o"]["is_original"]
    assert r["w-m"]["story_id"] == r["w-o"]["story_id"] and r["w-m"]["copy_of"] == "w-p"
    assert r["w-p"]["copy_of"] == "w-o"


def test_text_sharing_only_a_copys_added_paragraph_does_not_join() -> None:
    # p copies o and adds a paragraph of another story (C); x is that other story: x matches p
    # only through the added paragraph, which is not o's text, so x stays out (no chaining).
    o = "\n".join(E[0:4])
    p = "\n".join([*E[0:4], C_TEXT])
    x = C_TEXT
    res = find_stories([art("n-o", o, day=1), art("n-p", p, day=2), art("n-x", x, day=3)])
    pairs = {(q["article_a"], q["article_b"]): q for q in res.pairs.iter_rows(named=True)}
    assert pairs[("n-p", "n-x")]["decision"]
    r = rows(res)
    assert r["n-p"]["story_id"] == r["n-o"]["story_id"]
    assert r["n-x"]["story_id"] != r["n-o"]["story_id"]


def test_page_with_two_overlapping_excerpts_of_one_text_is_not_a_bundle() -> None:
    # Two papers trim the same release differently (half of each is shared): the full release
    # contains both, is no aggregator bundle, and stays the original of one story.
    full = "\n".join(E)
    res = find_stories(
        [
            art("t-full", full, outlet="spa", day=1),
            art("t-head", "\n".join(E[0:4]), outlet="okaz", day=2),
            art("t-tail", "\n".join(E[2:6]), outlet="madina", day=2),
        ]
    )
    r = rows(res)
    assert r["t-full"]["is_original"]
    assert r["t-head"]["copy_of"] == r["t-tail"]["copy_of"] == "t-full"


# --- Second look by sentence alignment (pairs below both thresholds, containment >= 0.3) ------
def test_excerpt_keeping_the_lead_joins_by_alignment() -> None:
    # A round-up page reprints the report's first three paragraphs, then three other items:
    # whole-text overlap is in the ambiguous band, but the report's lead is copied as one block.
    report = "\n".join(E)
    page = "\n".join([*E[0:3], *FILLER[0:3]])
    res = find_stories(
        [art("x-report", report, outlet="spa", day=1), art("x-page", page, outlet="okaz", day=2)]
    )
    p = pair_row(res, "x-page", "x-report")
    assert p["jaccard"] < 0.4 and 0.3 <= p["containment"] < 0.6
    assert p["decision"] and p["rule"] == "aligned_lead"
    r = rows(res)
    assert r["x-page"]["story_id"] == r["x-report"]["story_id"] and r["x-page"]["copy_of"] == "x-report"
    assert r["x-page"]["method"] == "aligned"
    # Without the second look the same pair is below the thresholds.
    off = find_stories([art("x-report", report, day=1), art("x-page", page, day=1)], align_sentences=False)
    assert not pair_row(off, "x-page", "x-report")["decision"]


def test_shared_background_paragraphs_at_the_end_do_not_join() -> None:
    # Two different stories end with the same three background paragraphs (in the band, three
    # aligned sentences), but the shared block starts past the first third of both texts.
    x = "\n".join([A1, A2, *E[3:6]])
    y = "\n".join([*B_TEXT.split("\n"), *E[3:6]])
    res = find_stories([art("bg-x", x, day=1), art("bg-y", y, day=1)])
    p = pair_row(res, "bg-x", "bg-y")
    assert 0.3 <= p["containment"] < 0.6
    assert not p["decision"] and p["rule"] == "below_threshold"
    assert story_of(res, "bg-x") != story_of(res, "bg-y")


_CLOSING = [
    "وأكد أن هذا العمل العدائي يثبت استمرار تهريب الأسلحة إلى الميليشيات في تحد واضح للقرارات الدولية "
    "ويشكل تهديدا مباشرا لأمن المنطقة واستقرارها.",
    "وشدد على أن القوات المشتركة ستواصل اتخاذ الإجراءات الرادعة وفق القانون الدولي الإنساني لحماية المدنيين "
    "والمنشآت الحيوية من أي اعتداء.",
]


def test_same_template_statement_with_other_figures_does_not_join() -> None:
    # Two statements of one spokesman on different days: the same template with other figures,
    # places and times, and the same closing paragraphs; different news.
    t1 = "\n".join(
        [
            "أكدت قيادة القوات المشتركة يوم الأربعاء أن الدفاعات الجوية اعترضت ثلاثة صواريخ باليستية أطلقت "
            "باتجاه مدن نجران وجازان والعاصمة في هجوم هو الأعنف منذ أشهر.",
            "وقال المتحدث الرسمي إن الرصد بدأ عند الساعة الخامسة واثنتين وثلاثين دقيقة مساء وإن الصواريخ "
            "أطلقت من محافظتي صعدة وعمران الحدوديتين وتناثرت شظاياها على أحياء سكنية.",
            *_CLOSING,
        ]
    )
    t2 = "\n".join(
        [
            "أعلنت قيادة القوات المشتركة الخميس أن دفاعاتها تمكنت من اعتراض صاروخ باليستي واحد أطلق باتجاه "
            "مدينة جازان الواقعة جنوبي البلاد دون تسجيل أي خسائر.",
            "وصرح المتحدث الرسمي بأن الرصد تم عند الساعة الثامنة وعشرين دقيقة مساء وبأن الصاروخ أطلق من "
            "محافظة صعدة وسقطت شظاياه في منطقة زراعية خالية من السكان.",
            *_CLOSING,
        ]
    )
    res = find_stories([art("tp-1", t1, day=1), art("tp-2", t2, day=2)])
    p = pair_row(res, "tp-1", "tp-2")
    assert 0.3 <= p["containment"] < 0.6
    assert not p["decision"]
    assert story_of(res, "tp-1") != story_of(res, "tp-2")


def test_excerpt_on_a_later_day_joins_the_earlier_story_by_alignment() -> None:
    report = "\n".join(E)
    first = find_stories([art("lx-report", report, outlet="spa", day=1)])
    story = rows(first)["lx-report"]["story_id"]
    page = "\n".join([*E[0:3], *FILLER[0:3]])
    res = find_stories([_earlier(art("lx-report", report, outlet="spa", day=1), story),
                        art("lx-page", page, outlet="okaz", day=2)])  # fmt: skip
    r = rows(res)["lx-page"]
    assert r["story_id"] == story and r["copy_of"] == "lx-report" and r["method"] == "aligned"


def test_alignment_with_a_copys_added_paragraphs_does_not_chain() -> None:
    # c copies the report and adds two paragraphs; x opens with those two paragraphs: x aligns with
    # c (not with the report), and c is not the story's original, so x stays out.
    report = "\n".join(E[0:4])
    c = "\n".join([*E[0:4], FILLER[0], FILLER[1]])
    x = "\n".join([FILLER[0], FILLER[1], C_TEXT])
    res = find_stories([art("ch-report", report, day=1), art("ch-c", c, day=2), art("ch-x", x, day=3)])
    assert pair_row(res, "ch-c", "ch-x")["rule"] == "aligned_lead"
    r = rows(res)
    assert r["ch-c"]["story_id"] == r["ch-report"]["story_id"] and r["ch-report"]["is_original"]
    assert r["ch-x"]["story_id"] != r["ch-report"]["story_id"] and r["ch-x"]["method"] == "single"


def test_text_aligned_with_the_original_joins_its_component_story() -> None:
    # Two outlets keep different paragraphs of one release: o (earliest) the first four, a the first
    # two and the last two; c, the full release, matches both by whole text. a and o only align (they
    # share the lead): a is verified against the original itself, so it joins o's story. a2 (a with
    # a dateline) makes a's side a group of its own, which alone-text attachment would not move.
    o = "\n".join(E[0:4])
    c = "\n".join(E[0:6])
    a = "\n".join([*E[0:2], *E[4:6]])
    arts = [art("al-o", o, day=1), art("al-c", c, day=2), art("al-a", a, day=3)]
    res = find_stories([*arts, art("al-a2", "الرياض - واس\n" + a, outlet="okaz", day=3)])
    assert pair_row(res, "al-a", "al-o")["rule"] == "aligned_lead"
    r = rows(res)
    assert r["al-o"]["is_original"] and r["al-c"]["story_id"] == r["al-o"]["story_id"]
    assert r["al-a"]["story_id"] == r["al-a2"]["story_id"] == r["al-o"]["story_id"]
    assert r["al-a"]["copy_of"] == "al-o" and r["al-a"]["method"] == "aligned"


def test_text_sharing_only_later_paragraphs_with_the_original_stays_out() -> None:
    # Same shape, but a opens with its own paragraphs: what it shares with o starts past its first
    # third (no alignment with the original), and through c it shares mostly c's extra text.
    o = "\n".join(E[0:4])
    c = "\n".join([*E[0:4], *FILLER[0:3]])
    a = "\n".join([*FILLER[0:3], *E[2:4]])
    res = find_stories([art("ln-o", o, day=1), art("ln-c", c, day=2), art("ln-a", a, day=3)])
    assert not pair_row(res, "ln-a", "ln-o")["decision"]
    r = rows(res)
    assert r["ln-c"]["story_id"] == r["ln-o"]["story_id"] and r["ln-o"]["is_original"]
    assert r["ln-a"]["story_id"] != r["ln-o"]["story_id"]


def _reword(paragraph: str) -> str:
    # An editor's rewording, schematically: the second half of each sentence has its words reordered
    # (same content words, hardly any 3-word shingle left).
    words = paragraph.split()
    head, tail = words[: len(words) // 2], words[len(words) // 2 :]
    for k in range(0, len(tail) - 1, 2):
        tail[k], tail[k + 1] = tail[k + 1], tail[k]
    return " ".join(head + tail)


def test_release_reworded_sentence_by_sentence_joins_by_paraphrase() -> None:
    report = "\n".join(E[0:4])
    reworded = "\n".join(_reword(p) for p in E[0:4])
    res = find_stories([art("pr-o", report, day=1), art("pr-r", reworded, outlet="okaz", day=1)])
    p = pair_row(res, "pr-o", "pr-r")
    assert p["jaccard"] < 0.4 and p["containment"] < 0.6
    assert p["decision"] and p["rule"] == "aligned_paraphrase"
    r = rows(res)
    assert r["pr-r"]["story_id"] == r["pr-o"]["story_id"] and r["pr-r"]["method"] == "aligned"


def test_report_sharing_two_sentences_of_the_event_does_not_join_by_paraphrase(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Another report of the same event: the same opening facts (one sentence verbatim, one reworded),
    # then its own text. Two corresponding sentences are not a rewritten release.
    report = "\n".join(E[0:4])
    other = "\n".join([E[0], _reword(E[1]), *FILLER[0:3]])
    res = find_stories([art("pn-o", report, day=1), art("pn-x", other, outlet="okaz", day=1)])
    p = pair_row(res, "pn-o", "pn-x")
    assert p["containment"] >= 0.2 and not p["decision"]
    assert story_of(res, "pn-o") != story_of(res, "pn-x")
    # The sentence-count condition is what keeps it out.
    from pipelines.lib import dedup

    monkeypatch.setattr(dedup.settings, "PARA_MIN_SENTENCES", 2)
    monkeypatch.setattr(dedup.settings, "PARA_MIN_ORDERED", 1)
    monkeypatch.setattr(dedup.settings, "PARA_MIN_COVER", 0.3)
    res = find_stories([art("pn-o", report, day=1), art("pn-x", other, outlet="okaz", day=1)])
    assert pair_row(res, "pn-o", "pn-x")["rule"] == "aligned_paraphrase"
