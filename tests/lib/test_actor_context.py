"""Bare state bodies resolved by context (match "context_country"), parliament speakers by date,
and surnames used alone after a title (pipelines/lib/actors/, data/actors/)."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.lib.actors import find_mentions
from tests.lib.conftest import found


def context(text: str, reg, on_date: date | None = date(2024, 6, 1)) -> list[tuple[str, str]]:
    return [(m.surface, m.actor_id) for m in found(text, reg, on_date) if m.match == "context_country"]


# --------------------------------------------------------------------------- bare state bodies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the only country named in the sentence
        ("قالت وزارة الخارجية في بيان إن العراق يرفض التدخل", [("وزارة الخارجية", "gov:IRQ:foreign")]),
        ("وأعلنت الشرطة مقتل ثلاثة في انفجار وسط بغداد", [("الشرطة", "gov:IRQ:police")]),
        # a body of that state named in the sentence before, none in this one
        (
            "أعلنت الحكومة الأردنية خطة جديدة.\nوقال مجلس الوزراء إن الخطة تبدأ غدا",
            [("مجلس الوزراء", "gov:JOR")],
        ),
        # a title followed by a registry person takes the person's country
        ("وقال وزير الخارجية سيرغي لافروف إن المحادثات مفيدة", [("وزير الخارجية", "gov:RUS:foreign")]),
        # clitics: the surface follows the surface rule (لل keeps the preposition)
        ("انفجرت عبوة قرب دورية للشرطة في الموصل شمال العراق", [("للشرطة", "gov:IRQ:police")]),
        ("وقالت مصادر في اليمن إن عناصر بوزارة الداخلية اعتقلوا", [("وزارة الداخلية", "gov:YEM:interior")]),
    ],
)
def test_bare_body_takes_the_one_country_of_its_context(reg, text, expected):
    assert context(text, reg) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two countries compete
        "قالت وزارة الخارجية إن العراق وسوريا اتفقا",
        # the country named is a destination, a target or an origin, not where the body is
        "قالت الحكومة إنها سترسل جنودا إلى لبنان",
        "احتجوا على قرار الحكومة بغزو العراق",
        "التقى وفد من اليمن بوزارة الداخلية",
        # a counterpart: "نظيره الروسي" is the other party
        "بحث وزير الخارجية مع نظيره الروسي الأزمة",
        # a people named after a country is often the other party
        "قال الجيش إنه قتل ثلاثة مسلحين فلسطينيين",
        # an embassy stands in another country
        "تظاهروا خارج السفارة الصينية ثم فرقتهم الشرطة",
        # the office, not the body; another body (a definite word after it); a club in a match report
        "وصل إلى كرسي الرئاسة في مصر",
        "أعلنت الحكومة الانتقالية في السودان",
        "فاز الجيش على الشرطة 2 - 1 في الدوري العراقي",
        # the sentence before names the country but not a body of it: not enough
        "زار الوفد لبنان.\nوقالت الحكومة إن الزيارة ناجحة",
        # nothing names a country
        "وقالت الحكومة إن الموازنة جاهزة",
    ],
)
def test_bare_body_left_unresolved_without_clear_evidence(reg, text):
    assert context(text, reg) == []


def test_bare_body_country_inside_the_phrase_wins(reg):
    found = find_mentions("وقالت وزارة الخارجية الأميركية إن", reg, date(2024, 6, 1))
    assert [(m.actor_id, m.match) for m in found if m.actor_id.startswith("gov:")] == [
        ("gov:USA:state", "alias")
    ]


def test_bare_body_follows_dated_governments(reg):
    # the written-out phrase "الحكومة السورية" switches on 2024-12-08; the bare body follows it
    text = "وقالت الحكومة إن سوريا ستشارك"
    assert context(text, reg, date(2024, 1, 1)) == [("الحكومة", "gov:SYR:assad")]
    assert context(text, reg, date(2025, 3, 1)) == [("الحكومة", "gov:SYR:transitional")]


def test_bare_title_keeps_its_role_name(reg):
    found = find_mentions("قال رئيس الوزراء إن الأردن مستعد", reg, date(2024, 6, 1))
    got = [(m.actor_id, m.role) for m in found if m.match == "context_country"]
    assert got == [("gov:JOR", "Prime Minister of Jordan")]


# --------------------------------------------------------------------------- speakers, by date


@pytest.mark.parametrize(
    ("text", "on_date", "holder"),
    [
        ("قال رئيس البرلمان العراقي إن", date(2007, 5, 1), "person:mahmoud-al-mashhadani"),
        ("قال رئيس مجلس النواب العراقي إن", date(2012, 1, 1), "person:osama-al-nujaifi"),
        ("قال رئيس البرلمان العراقي إن", date(2016, 1, 1), "person:salim-al-jabouri"),
        ("قال رئيس البرلمان العراقي إن", date(2020, 1, 1), "person:mohammed-al-halbousi"),
        ("قال رئيس البرلمان العراقي إن", date(2025, 1, 1), "person:mahmoud-al-mashhadani"),
        ("قال رئيس البرلمان الإيراني إن", date(2012, 1, 1), "person:ali-larijani"),
        ("قال رئيس مجلس الشورى الإسلامي إن", date(2022, 1, 1), "person:mohammad-bagher-ghalibaf"),
        ("قال رئيس المجلس التشريعي الفلسطيني إن", date(2010, 1, 1), "person:aziz-dweik"),
        ("قال رئيس المجلس الوطني الفلسطيني إن", date(2010, 1, 1), "person:salim-zanoun"),
        ("قال رئيس المجلس الوطني الفلسطيني إن", date(2024, 1, 1), "person:rawhi-fattouh"),
        ("قال رئيس إقليم كردستان إن", date(2010, 1, 1), "person:masoud-barzani"),
        ("قال رئيس إقليم كردستان إن", date(2024, 1, 1), "person:nechirvan-barzani"),
        ("قال رئيس حكومة إقليم كردستان إن", date(2024, 1, 1), "person:masrour-barzani"),
    ],
)
def test_speaker_and_kurdistan_titles_resolve_by_date(reg, text, on_date, holder):
    got = [m.actor_id for m in find_mentions(text, reg, on_date) if m.match == "role"]
    assert got == [holder]


@pytest.mark.parametrize(
    ("text", "on_date"),
    [
        ("قال رئيس البرلمان العراقي إن", date(2024, 3, 1)),  # after Halbousi's removal: acting speaker
        ("قال رئيس إقليم كردستان إن", date(2018, 6, 1)),  # the presidency was vacant 2017-2019
        ("قال رئيس المجلس التشريعي الفلسطيني إن", date(2020, 1, 1)),  # dissolved in December 2018
    ],
)
def test_speaker_vacancies_resolve_to_nobody(reg, text, on_date):
    assert [m for m in find_mentions(text, reg, on_date) if m.match == "role"] == []


def test_kurdistan_presidency_is_its_own_body(reg):
    found = find_mentions("أصدرت رئاسة إقليم كردستان بيانا", reg, date(2024, 1, 1))
    assert [m.actor_id for m in found] == ["gov:IRQ:kurdistan-presidency"]


# --------------------------------------------------------------------------- surnames alone


@pytest.mark.parametrize(
    ("text", "actor", "surface"),
    [
        ("وقال الرئيس عرفات إن", "person:yasser-arafat", "عرفات"),
        ("واستقبل السيد نصر الله الوفد", "person:hassan-nasrallah", "نصر الله"),
        ("والتقى الأمين العام للأمم المتحدة أنان الوفد", "person:kofi-annan", "أنان"),
        ("يعمل فريق الرئيس جورج بوش ورايس على الخطة", "person:condoleezza-rice", "رايس"),
        ("اتصال هاتفي مع نبيه بري والسنيورة", "person:fouad-siniora", "السنيورة"),
        ("وأشاد بالرئيس البشير", "person:omar-al-bashir", "البشير"),
        # a verb of saying, with the person's country named in the text
        ("زارت واشنطن الوفد. وقالت رايس إن", "person:condoleezza-rice", "رايس"),
        ("أكد حزب الله في لبنان موقفه، وقال نصر الله إن", "person:hassan-nasrallah", "نصر الله"),
    ],
)
def test_surname_after_a_title_or_a_named_person(reg, text, actor, surface):
    found = [(m.actor_id, m.surface) for m in find_mentions(text, reg, date(2006, 1, 1))]
    assert (actor, surface) in found


@pytest.mark.parametrize(
    "text",
    [
        "وقال الرئيس ليبرمان إن",  # two people share the surname (Avigdor and Joe Lieberman)
        "وقال الرئيس القذافي إن",  # Muammar and Saif al-Islam
        "زار بغداد أمس. وقال الأعرجي إن",  # Qasim and Bahaa al-Araji, both Iraqi
        "زار موسكو أمس. وقال إيفانوف إن",  # Igor and Sergei Ivanov
        "وقال رايس إن",  # a verb of saying without the person's country named is not enough
        "وقال الرئيس السوداني إن",  # a nisba after a title is the adjective (title "الرئيس السوداني")
    ],
)
def test_surname_cue_needs_one_person_and_a_title(reg, text):
    people = [m for m in find_mentions(text, reg, date(2006, 1, 1)) if m.match == "alias"]
    assert [m.actor_id for m in people if m.actor_id.startswith("person:")] == []


def test_surname_cue_not_in_a_match_report(reg):
    text = "تعادل منتخبنا مع تايلاند 1 - 1 في المباراة وقال المدرب والسيد المالكي إن الفريق قدم مباراة جيدة"
    assert [m for m in find_mentions(text, reg, date(2006, 1, 1)) if m.actor_id.startswith("person:")] == []


# --- round 19: "<civil body> في <country or capital>" ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # the sentence names two states: the one right after في is where the ministry sits
        ("وأخلى الجيش مبنى وزارة الدفاع في دمشق على خلفية تهديدات واشنطن", "gov:SYR:defense"),
        ("وقع اتفاق بين وزارة الداخلية في السعودية ونظيرتها الألمانية", "gov:SAU:interior"),
        ("وصوت البرلمان في بغداد على القانون بينما اعترضت واشنطن", "gov:IRQ:parliament"),
    ],
)
def test_a_civil_body_in_a_named_country_is_that_country_s(reg, text, body):
    assert (body, "context_country") in {(m.actor_id, m.match) for m in found(text, reg, date(2018, 4, 11))}


@pytest.mark.parametrize(
    "text",
    [
        "وقال قائد الجيش في سوريا إن الطائرات الأميركية قصفت المواقع",  # forces are often abroad
        "وقال ضابط في الشرطة في بغداد إن الطائرات الأميركية قصفت المواقع",
    ],
)
def test_forces_in_a_named_country_are_not_given_to_it(reg, text):
    got = {(m.actor_id, m.match) for m in found(text, reg, date(2018, 4, 11))}
    assert not any(match == "context_country" for _, match in got)
