"""Source credits (``pipelines/lib/actors/credits.py``): an outlet where a wire or photo credit
stands gets the match ``credit``; as the reporter in a sentence it stays ``alias``. And the ready
views and queries that count actors (timeline, co-occurrence, top actors, pairs, trends) leave credits out."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

from pipelines.lib.warehouse import apply_migrations, query
from tests.lib.conftest import found

DAY = date(2024, 12, 9)


def kinds(text: str, reg, actor_id: str) -> list[str]:
    return [m.match for m in found(text, reg, DAY) if m.actor_id == actor_id]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("بيروت (أ ف ب) - قال وزير الخارجية", "media:afp"),  # dateline, bracketed
        ("بيروت ( اف ب) حذر رئيس الكتلة", "media:afp"),
        ("الدوحة - قنا : عقد أمير قطر", "media:qna"),  # dateline, dash
        ("كييف - د ب ا يسود اللونان", "media:dpa"),  # nothing after it but the text
        ("غزة ا . ش . ا : كشف الوزير", "media:mena"),  # no separator before, a colon after
        ("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- قال الرئيس", "media:cnn"),
        ("(CNN)-- قال الرئيس الفرنسي", "media:cnn"),
        ("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nأكد الوزير", "media:spa"),  # SPA dateline
        ("قال الوزير إن الاجتماع مهم.\n(رويترز)", "media:reuters"),  # closing credit line
        ("صلاد حسن دعا إثيوبيا لسحب قواتها ( رويترز - أرشيف ) .", "media:reuters"),  # photo caption
        ("قال الوزير إن الاجتماع مهم.\nفرانس24/ أ ف ب", "media:afp"),
        ("قال الوزير إن الاجتماع مهم.\nفرانس24/ أ ف ب", "media:france24"),
        ("انتهى النص.\nالمصدر: واس", "media:spa"),  # source label
        ("انتهى النص.\n* بالاتفاق مع «بلومبيرغ»", "media:bloomberg"),
        ("لندن - «الشرق الأوسط»: ينبغي على الحكومة", "media:asharq-al-awsat"),
    ],
)
def test_credit_positions(reg, text, actor_id):
    assert kinds(text, reg, actor_id) == ["credit"]


def test_a_credit_chain(reg):
    got = found("استنبول - قنا - أ ف ب : أوقفت الشرطة التركية", reg, DAY)
    assert {(m.actor_id, m.match) for m in got if m.actor_id.startswith("media:")} == {
        ("media:qna", "credit"),
        ("media:afp", "credit"),
    }


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("قالت وكالة رويترز إن الاجتماع انتهى", "media:reuters"),  # the agency reports
        ("ذكرت الفرنسية أن الاجتماع انتهى", "media:afp"),
        ("وقال مسؤول لرويترز: إن الاجتماع انتهى", "media:reuters"),  # told the agency
        ("وقال القنطار لـ بي بي سي: إن السلطات", "media:bbc"),
        ("ونقلت وكالة الأنباء الرسمية (سانا) عن مصدر", "media:sana"),  # apposition
        ("وقال الوزير لهيئة الإذاعة البريطانية (بي.بي.سي) إن", "media:bbc"),
        ("وبحسب فرانس برس، أضاف الرئيس", "media:afp"),  # according to: the agency as reporter
        ("في الديلي تلغراف: على بريطانيا دعم الولايات المتحدة", "media:telegraph"),
        ('وقالت "شينخوا": إن الإعصار تسبب في نزوح', "media:xinhua"),
        ("وأفادت إذاعة وتلفزيون / تي أر تي / التركية أن", "media:trt"),
        ("وأعادت الواقعة إلى الأذهان واقعة (شبيغل أفير) في 1962", "media:spiegel"),  # not a credit bracket
        ("يديعوت قالت إن اللقاء بين أولمرت والمسؤول", "media:yedioth"),  # subject at a line start
        ("وكان بيل كلينتون قال في تصريح لقناة فوكس الأحد", "media:fox-news"),
        ("نص الخبر.\nمراسلو رويترز", "media:reuters"),  # a short line ending in the name, no separator
        ("نص الخبر.\n- رويترز ذكرت أن الحكومة قررت", "media:reuters"),  # a bulleted line: the subject
        ("أكد المسؤول أن الخبر الذي نشرته (رويترز) غير صحيح.", "media:reuters"),  # verb + object pronoun
        ("وجاء ذلك في تقرير مطول لصحيفتهم (الحياة) عن الأزمة", "media:al-hayat"),  # an outlet noun's
        ("وكتب المحلل مقالا مطولا لصحيفته (الحياة) عن الأزمة", "media:al-hayat"),  # possessive form
    ],
)
def test_reporting_outlet_stays_alias(reg, text, actor_id):
    got = kinds(text, reg, actor_id)
    assert got and set(got) == {"alias"}


def test_credit_keeps_offsets_and_the_rest_of_the_text(reg):
    text = "بيروت (أ ف ب) - قال وزير الخارجية الأميركي إن واشنطن"
    got = found(text, reg, DAY)
    credit = [m for m in got if m.match == "credit"]
    assert [(m.surface, text[m.start : m.end]) for m in credit] == [("أ ف ب", "أ ف ب")]
    # the other mentions are those of the same text without the credit
    rest = found(text.replace("(أ ف ب) ", ""), reg, DAY)
    assert sorted((m.actor_id, m.match) for m in got if m.match != "credit") == sorted(
        (m.actor_id, m.match) for m in rest
    )


# -- the ready queries leave credits out -------------------------------------------------------

LAST = date(2024, 12, 10)
# story -> (day, [(article, is_original, [(actor, match)])])
STORIES = {
    # discovered:x: a name the registry does not know (no row in actors): the views leave it out.
    "s1": (LAST, [("a1", True, [("country:USA", "alias"), ("country:SYR", "alias"), ("media:afp", "credit"),
                                ("discovered:x", "discovered")]),
                  ("a2", False, [("country:USA", "alias"), ("media:afp", "credit")])]),
    "s2": (LAST - timedelta(days=1), [("a3", True, [("country:SYR", "alias"), ("media:afp", "credit"),
                                                   ("media:reuters", "alias")])]),
    "s3": (LAST - timedelta(days=8), [("a4", True, [("country:USA", "alias"), ("media:afp", "credit")])]),
}  # fmt: skip
NAMES = {
    "country:USA": "United States",
    "country:SYR": "Syria",
    "media:afp": "Agence France-Presse",
    "media:reuters": "Reuters",
}


@pytest.fixture
def conn():
    connection = duckdb.connect(":memory:")
    apply_migrations(connection)
    for actor_id, name in NAMES.items():
        connection.execute(
            "insert into actors (actor_id, name_en, type) values (?, ?, ?)",
            [actor_id, name, actor_id.split(":")[0]],
        )
    for story_id, (day, articles) in STORIES.items():
        for article_id, original, mentions in articles:
            connection.execute(
                "insert into articles (article_id, page_id, segment, outlet_id, text, word_count, crawl_date,"
                " published_date) values (?, ?, 1, 'o', 't', 1, ?, ?)",
                [article_id, article_id, day, day],
            )
            connection.execute(
                "insert into article_copies (article_id, story_id, is_original, method, crawl_date)"
                " values (?, ?, ?, 'exact', ?)",
                [article_id, story_id, original, day],
            )
            for actor_id, match in mentions:
                connection.execute(
                    "insert into actor_mentions (article_id, actor_id, surface, match, crawl_date, location)"
                    " values (?, ?, 's', ?, ?, 'text')",
                    [article_id, actor_id, match, day],
                )
    yield connection
    connection.close()


def test_views_queries_and_report_leave_credits_out(conn):
    # The actor views leave credits out, so every query reading them does too.
    assert conn.execute("select count(*) from actor_timeline where actor_id = 'media:afp'").fetchone()[0] == 0
    assert (
        conn.execute(
            "select count(*) from actor_cooccurrence_daily where 'media:afp' in (actor_a, actor_b)"
        ).fetchone()[0]
        == 0
    )
    # Discovered names are not registry actors: the inner join with actors drops them.
    assert (
        conn.execute("select count(*) from actor_timeline where actor_id = 'discovered:x'").fetchone()[0] == 0
    )
    assert (
        conn.execute(
            "select count(*) from actor_cooccurrence_daily where 'discovered:x' in (actor_a, actor_b)"
        ).fetchone()[0]
        == 0
    )
    top = query(
        conn,
        "queries/report_top_actors",
        {"date_from": LAST - timedelta(days=29), "date_to": LAST, "top_n": 10},
    )
    totals = dict(zip(top["name_en"], top["total_stories"], strict=True))
    assert totals == {"United States": 2, "Syria": 2, "Reuters": 1}
    usa = top.filter(top["name_en"] == "United States").sort("day")
    assert usa["n_copies"].to_list() == [0, 1]  # s1 has one copy (a2)
    pairs = query(conn, "queries/top_actor_pairs")
    assert {(r["name_a"], r["name_b"]): r["n_stories"] for r in pairs.iter_rows(named=True)} == {
        ("Syria", "United States"): 1,
        ("Syria", "Reuters"): 1,  # pairs are ordered by actor id
    }
    trends = query(conn, "queries/actor_trends")
    assert {
        r["name_en"]: (r["stories_last_7_days"], r["stories_previous_7_days"])
        for r in trends.iter_rows(named=True)
    } == {"United States": (1, 1), "Syria": (2, 0), "Reuters": (1, 0)}
    report = query(
        conn, "reports/top_actors", {"date_from": LAST - timedelta(days=29), "date_to": LAST, "top_n": 10}
    )
    assert "Agence France-Presse" not in report["name_en"].to_list()
    assert dict(zip(report["name_en"], report["n_stories"], strict=True))["United States"] == 2


def test_okaz_the_market_is_not_the_newspaper(reg):
    # سوق عكاظ is the ancient market and its festival (شاعر عكاظ, صخرة عكاظ): no outlet there
    for text in ("افتتاح سوق عكاظ في الطائف", "وتوج شاعر شباب عكاظ", "قرب صخرة عكاظ التاريخية"):
        assert "media:okaz" not in {m.actor_id for m in found(text, reg, DAY)}, text
    # the newspaper: told it, a masthead, a reporting verb
    for text in ("وقال لـ «عكاظ» إن", "ذكرت عكاظ أن", "نشرت صحيفة عكاظ تقريرا"):
        assert "media:okaz" in {m.actor_id for m in found(text, reg, DAY)}, text


def test_outlets_are_known_by_their_type_not_their_id(tmp_path):
    # A registry whose outlets have other id prefixes: a bracket holding two of them is one credit.
    from pipelines.lib.actors import find_mentions, load_registry

    (tmp_path / "a.yaml").write_text(
        "actors:\n"
        "  - id: press:star\n    type: media\n    name_en: Star\n    name_ar: النجمة\n"
        "    aliases_ar: [النجمة]\n"
        "  - id: press:torch\n    type: media\n    name_en: Torch\n    name_ar: الشعلة\n"
        "    aliases_ar: [الشعلة]\n",
        encoding="utf-8",
    )
    reg = load_registry(tmp_path)
    got = find_mentions("انتهى الاجتماع أمس. (النجمة، الشعلة) وقال الوزير إن", reg)
    assert {(m.actor_id, m.match) for m in got} == {("press:star", "credit"), ("press:torch", "credit")}
