"""Articles frame → actor_mentions and date_mentions frames."""

from __future__ import annotations

from datetime import date

from pipelines.lib import schemas
from pipelines.lib.actors import load_registry
from pipelines.lib.mentions import actor_mention_rows, date_mention_rows

TEXT = "قال وزير الخارجية التركي إن أنقرة تتابع الوضع في سوريا، وأكد أمس أن الاتصالات مستمرة."


def _articles():
    return schemas.frame(
        "articles",
        [
            {
                "article_id": "a1",
                "page_id": "p1",
                "segment": 1,
                "outlet_id": "x.example",
                "title": "واشنطن تراقب",
                "text": TEXT,
                "word_count": 15,
                "crawl_date": date(2025, 1, 15),
                "published_date": date(2025, 1, 14),
                "published_surface": "14 كانون الثاني 2025",
            }
        ],
    )


def test_actor_mentions_in_text_and_title() -> None:
    df = actor_mention_rows(_articles(), load_registry())
    assert df.columns == list(schemas.ACTOR_MENTIONS)
    in_text = df.filter(df["location"] == "text")
    for row in in_text.iter_rows(named=True):
        assert TEXT[row["start_char"] : row["end_char"]] == row["surface"]
    assert {"country:TUR", "country:SYR"} <= set(in_text["actor_id"].to_list())
    in_title = df.filter(df["location"] == "title")
    assert in_title["actor_id"].to_list() == ["country:USA"]
    assert in_title["start_char"].null_count() == in_title.height


def test_date_mentions_with_header_line() -> None:
    df = date_mention_rows(_articles())
    assert df.columns == list(schemas.DATE_MENTIONS)
    rows = {r["surface"]: r for r in df.iter_rows(named=True)}
    header = rows["14 كانون الثاني 2025"]
    assert header["location"] == "header" and header["start_char"] is None
    assert header["value"] == date(2025, 1, 14)
    yesterday = rows["أمس"]
    assert yesterday["value"] == date(2025, 1, 13) and yesterday["anchor_date"] == date(2025, 1, 14)
    assert TEXT[yesterday["start_char"] : yesterday["end_char"]] == "أمس"


def test_headline_surname_is_read_with_the_text_people() -> None:
    # actor_mention_rows passes the text's mentions to find_title_mentions: "بري" alone in the
    # headline is the نبيه بري of the text (matched alone, a lone surname is dropped).
    row = _articles().row(0, named=True)
    text = "قال رئيس مجلس النواب نبيه بري إن الحوار مستمر."
    articles = schemas.frame("articles", [{**row, "title": "بري يدعو إلى الحوار", "text": text}])
    df = actor_mention_rows(articles, load_registry())
    title = df.filter(df["location"] == "title")
    assert title.select("actor_id", "surface", "match").rows() == [
        ("person:nabih-berri", "بري", "coreference")
    ]


def test_unknown_people_and_credits_reach_the_rows() -> None:
    # The name finder runs after the matcher (a discovered row, role null, offsets into the text),
    # and a dateline credit keeps its own match kind.
    row = _articles().row(0, named=True)
    text = "بيروت (أ ف ب) - قال المتحدث باسم البلدية سامر الزهيري إن العمل مستمر."
    articles = schemas.frame("articles", [{**row, "title": "", "text": text}])
    df = actor_mention_rows(articles, load_registry())
    rows = {(r["actor_id"], r["match"]): r for r in df.iter_rows(named=True)}
    person = rows[("discovered:سامر-الزهيري", "discovered")]
    assert person["role"] is None and text[person["start_char"] : person["end_char"]] == "سامر الزهيري"
    assert ("media:afp", "credit") in rows
