"""Registry content tests: office holders by date (data/actors/*.yaml).

Shared by the helpers that maintain office holders; each keeps its own section of test functions.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipelines.lib.actors import Mention, Registry, find_mentions, load_registry
from pipelines.lib.countries import FACTS_PATH
from tests.lib.conftest import role_holders

COVER_FROM = date(2020, 1, 1)


def title_roles(reg: Registry) -> set[str]:
    return {e.role for bucket in reg.entries for e in bucket if e.match == "title" and e.role}


def coverage_gaps(reg: Registry, role: str, start: date, end: date) -> tuple[list, list]:
    """(overlaps, gaps) of a single-holder office between ``start`` and ``end`` (exclusive).

    An overlap is two holders on the same day; a gap is a span with no holder.
    """
    spans = sorted(
        (max(r.start or date.min, start), min(r.end or date.max, end), r.person_id)
        for r in reg.roles.get(role, [])
        if (r.start or date.min) < end and (r.end or date.max) > start
    )
    overlaps, gaps = [], []
    cursor = start
    for s, e, person in spans:
        if s < cursor:
            overlaps.append((person, s, cursor))
        elif s > cursor:
            gaps.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < end:
        gaps.append((cursor, end))
    return overlaps, gaps


# --------------------------------------------------------------------------- C1: major powers,
# Israel, Iran, Turkey, EU, UN (data/actors/people_powers.yaml + entries in people.yaml)

POWERS_OFFICES = {
    "USA": [
        "President of the United States",
        "United States Secretary of State",
        "United States Secretary of Defense",
    ],
    "RUS": [
        "President of Russia",
        "Prime Minister of Russia",
        "Foreign Minister of Russia",
        "Defence Minister of Russia",
    ],
    "CHN": [
        "President of China",
        "Prime Minister of China",
        "Foreign Minister of China",
        "Defence Minister of China",
    ],
    "GBR": [
        "Monarch of the United Kingdom",
        "Prime Minister of the United Kingdom",
        "Foreign Secretary of the United Kingdom",
        "Defence Secretary of the United Kingdom",
    ],
    "FRA": [
        "President of France",
        "Prime Minister of France",
        "Foreign Minister of France",
        "Defence Minister of France",
    ],
    "DEU": [
        "President of Germany",
        "Chancellor of Germany",
        "Foreign Minister of Germany",
        "Defence Minister of Germany",
    ],
    "ISR": [
        "President of Israel",
        "Prime Minister of Israel",
        "Foreign Minister of Israel",
        "Defence Minister of Israel",
    ],
    "IRN": [
        "Supreme Leader of Iran",
        "President of Iran",
        "Foreign Minister of Iran",
        "Defence Minister of Iran",
    ],
    # Turkey has had no prime minister since 2018-07-09 (presidential system)
    "TUR": ["President of Turkey", "Foreign Minister of Turkey", "Defence Minister of Turkey"],
    "EU": [
        "EU High Representative for Foreign Affairs and Security Policy",
        "President of the European Commission",
        "President of the European Council",
    ],
    "UN": [
        "Secretary-General of the United Nations",
        "UN Special Envoy for Syria",
        "UN Special Envoy for Yemen",
    ],
}

# Known interregnums filled by acting officials the registry does not list (start, end exclusive).
POWERS_VACANCIES = {
    # acting secretaries Daniel Smith (2021) and Lisa Kenna (2025)
    "United States Secretary of State": [
        (date(2021, 1, 20), date(2021, 1, 26)),
        (date(2025, 1, 20), date(2025, 1, 21)),
    ],
    # acting secretaries David Norquist (2021) and Robert Salesses (2025)
    "United States Secretary of Defense": [
        (date(2021, 1, 20), date(2021, 1, 22)),
        (date(2025, 1, 20), date(2025, 1, 25)),
    ],
    # Shoigu relieved 2024-05-12, Belousov appointed 2024-05-14
    "Defence Minister of Russia": [(date(2024, 5, 12), date(2024, 5, 14))],
    # Li Shangfu removed 2023-10-24, Dong Jun appointed 2023-12-29
    "Defence Minister of China": [(date(2023, 10, 24), date(2023, 12, 29))],
    # Ali Khamenei killed 2026-02-28 (confirmed 03-01); interim council until Mojtaba's election 03-08
    "Supreme Leader of Iran": [(date(2026, 3, 1), date(2026, 3, 8))],
    # Nasirzadeh killed 2026-02-28; the acting successors since then are not verified (open vacancy)
    "Defence Minister of Iran": [(date(2026, 3, 1), date(9999, 12, 31))],
    # Starmer resigned in June 2026; the new prime minister and cabinet are not verified yet
    "Prime Minister of the United Kingdom": [(date(2026, 7, 16), date(9999, 12, 31))],
    "Foreign Secretary of the United Kingdom": [(date(2026, 7, 16), date(9999, 12, 31))],
    "Defence Secretary of the United Kingdom": [(date(2026, 7, 16), date(9999, 12, 31))],
    # Griffiths left for OCHA 2021-07-19, Grundberg assumed his duties 2021-09-05
    "UN Special Envoy for Yemen": [(date(2021, 7, 19), date(2021, 9, 5))],
}

POWERS_ROLES = [role for roles in POWERS_OFFICES.values() for role in roles]


def test_powers_office_roles_are_titles(reg):
    # a role without a title phrase can never be resolved from "وزير الخارجية الروسي"
    missing = sorted(set(POWERS_ROLES) - title_roles(reg))
    assert missing == []


@pytest.mark.parametrize("role", POWERS_ROLES)
def test_powers_offices_covered_without_overlap(reg, role):
    today = date.today()
    end = today + timedelta(days=1)
    overlaps, gaps = coverage_gaps(reg, role, COVER_FROM, end)
    assert overlaps == [], f"{role}: two holders on the same day"
    expected = [(s, min(e, end)) for s, e in POWERS_VACANCIES.get(role, []) if s <= today]
    assert gaps == expected, f"{role}: days without a holder"


POWERS_BACK_TO_2000 = [
    role
    for roles in POWERS_OFFICES.values()
    for role in roles
    if "Defence" not in role and "Defense" not in role and "Envoy" not in role
] + ["Prime Minister of Turkey"]


@pytest.mark.parametrize("role", POWERS_BACK_TO_2000)
def test_powers_heads_and_foreign_ministers_back_to_2000(reg, role):
    # no two holders on one day since 2000, and someone in office on sample days
    overlaps, _ = coverage_gaps(reg, role, date(2000, 1, 1), COVER_FROM)
    assert overlaps == []
    created = date(2009, 12, 1) if role == "President of the European Council" else date(2000, 1, 1)
    for day in (date(2003, 6, 1), date(2011, 6, 1), date(2016, 6, 1)):
        if day >= created:
            assert reg.holder(role, day), f"{role}: nobody on {day}"


def test_coverage_helper_finds_gaps_and_overlaps(tmp_path):
    # the coverage check itself must be able to fail
    (tmp_path / "t.yaml").write_text(
        "actors:\n"
        "  - {id: gov:ZZZ, type: government, titles: [{role: Z, aliases_ar: [رئيس زد]}]}\n"
        "  - {id: person:a, type: person, roles: [{role: Z, start: 2020-01-01, end: 2021-01-01}]}\n"
        "  - {id: person:b, type: person, roles: [{role: Z, start: 2020-06-01, end: 2022-01-01}]}\n"
        "  - {id: person:c, type: person, roles: [{role: Z, start: 2022-03-01}]}\n",
        encoding="utf-8",
    )
    overlaps, gaps = coverage_gaps(load_registry(tmp_path), "Z", date(2020, 1, 1), date(2023, 1, 1))
    assert overlaps == [("person:b", date(2020, 6, 1), date(2021, 1, 1))]
    assert gaps == [(date(2022, 1, 1), date(2022, 3, 1))]


@pytest.mark.parametrize(
    ("text", "on_date", "holder"),
    [
        ("قال وزير الخارجية الروسي إن", date(2022, 3, 1), "person:sergey-lavrov"),
        ("قال وزير الدفاع الروسي إن", date(2023, 5, 1), "person:sergei-shoigu"),
        ("قال وزير الدفاع الروسي إن", date(2024, 6, 1), "person:andrei-belousov"),
        ("قال رئيس الوزراء الروسي إن", date(2021, 4, 1), "person:mikhail-mishustin"),
        ("قال رئيس الوزراء الروسي إن", date(2010, 4, 1), "person:vladimir-putin"),
        ("قال الرئيس الروسي إن", date(2010, 4, 1), "person:dmitry-medvedev"),
        ("قال رئيس مجلس الدولة الصيني إن", date(2020, 5, 1), "person:li-keqiang"),
        ("قال رئيس الوزراء الصيني إن", date(2024, 1, 1), "person:li-qiang"),
        ("قال وزير الخارجية الصيني إن", date(2023, 3, 1), "person:qin-gang"),
        ("قال وزير الخارجية الصيني إن", date(2024, 3, 1), "person:wang-yi"),
        ("قالت رئيسة الوزراء البريطانية إن", date(2022, 10, 1), "person:liz-truss"),
        ("قال رئيس الوزراء البريطاني إن", date(2025, 1, 1), "person:keir-starmer"),
        ("قالت وزيرة الخارجية البريطانية إن", date(2025, 10, 1), "person:yvette-cooper"),
        ("قال العاهل البريطاني إن", date(2023, 5, 6), "person:charles-iii"),
        ("قال رئيس الوزراء الفرنسي إن", date(2025, 9, 20), "person:sebastien-lecornu"),
        ("قال وزير الخارجية الفرنسي إن", date(2003, 2, 14), "person:dominique-de-villepin"),
        ("قالت المستشارة الألمانية إن", date(2020, 6, 1), "person:angela-merkel"),
        ("قال المستشار الألماني إن", date(2024, 1, 1), "person:olaf-scholz"),
        ("قال المستشار الألماني إن", date(2025, 6, 1), "person:friedrich-merz"),
        ("قال الرئيس الإسرائيلي إن", date(2023, 1, 1), "person:isaac-herzog"),
        ("قال وزير الدفاع الإسرائيلي إن", date(2023, 6, 1), "person:yoav-gallant"),
        ("قال وزير الخارجية الإسرائيلي إن", date(2025, 2, 1), "person:gideon-saar"),
        ("قال الرئيس الإيراني إن", date(2022, 1, 1), "person:ebrahim-raisi"),
        ("قال الرئيس الإيراني إن", date(2024, 6, 15), "person:mohammad-mokhber"),
        ("قال وزير الخارجية الإيراني إن", date(2025, 1, 1), "person:abbas-araghchi"),
        ("قال المرشد الأعلى الإيراني إن", date(2025, 1, 1), "person:ali-khamenei"),
        ("قال المرشد الأعلى الإيراني إن", date(2026, 6, 1), "person:mojtaba-khamenei"),
        ("قال وزير الدفاع التركي إن", date(2022, 1, 1), "person:hulusi-akar"),
        ("قال وزير الدفاع التركي إن", date(2024, 1, 1), "person:yasar-guler"),
        ("قال رئيس الوزراء التركي إن", date(2005, 1, 1), "person:recep-tayyip-erdogan"),
        ("قال الرئيس الأميركي إن", date(2005, 6, 1), "person:george-w-bush"),
        ("قال وزير الحرب الأميركي إن", date(2025, 10, 1), "person:pete-hegseth"),
        ("قال الأمين العام للأمم المتحدة إن", date(2021, 1, 1), "person:antonio-guterres"),
        ("قال المبعوث الأممي إلى اليمن إن", date(2022, 1, 1), "person:hans-grundberg"),
        ("قالت المبعوثة الأممية إلى ليبيا إن", date(2025, 6, 1), "person:hanna-tetteh"),
        (
            "قالت المنسقة الخاصة للأمم المتحدة في لبنان إن",
            date(2025, 1, 1),
            "person:jeanine-hennis-plasschaert",
        ),
        ("قال رئيس بعثة الأمم المتحدة لمساعدة العراق إن", date(2025, 3, 1), "person:mohamed-al-hassan"),
        ("قال مسؤول السياسة الخارجية في الاتحاد الأوروبي إن", date(2023, 1, 1), "person:josep-borrell"),
        ("قالت رئيسة المفوضية الأوروبية إن", date(2022, 1, 1), "person:ursula-von-der-leyen"),
        ("قال رئيس المجلس الأوروبي إن", date(2025, 1, 1), "person:antonio-costa"),
    ],
)
def test_powers_titles_resolve_by_date(reg, text, on_date, holder):
    assert role_holders(text, reg, on_date) == [holder]


def test_powers_no_holder_outside_listed_terms(reg):
    # before the first listed term (the people files go back to the late 1990s) nobody holds it
    assert role_holders("قال وزير الدفاع الروسي إن", reg, date(1960, 1, 1)) == []
    assert role_holders("قال وزير الدفاع الصيني إن", reg, date(2023, 11, 15)) == []
    # "Secretary of War" is a title only from the executive order of 2025-09-05
    assert role_holders("قال وزير الحرب الأميركي إن", reg, date(2025, 3, 1)) == []


def test_powers_person_alias_carries_the_role_of_the_day(reg):
    def role_of(text: str, on_date: date) -> list[tuple[str, str | None]]:
        got = find_mentions(text, reg, on_date)
        return [(m.actor_id, m.role) for m in got if m.actor_id.startswith("person:")]

    assert role_of("التقى سيرغي لافروف", date(2024, 1, 1)) == [
        ("person:sergey-lavrov", "Foreign Minister of Russia")
    ]
    # Truss: foreign secretary, then prime minister
    assert role_of("قالت ليز تراس", date(2022, 1, 1)) == [
        ("person:liz-truss", "Foreign Secretary of the United Kingdom")
    ]
    assert role_of("قالت ليز تراس", date(2022, 10, 1)) == [
        ("person:liz-truss", "Prime Minister of the United Kingdom")
    ]


def test_powers_ambiguous_surnames_need_context(reg):
    def people(text: str) -> list[tuple[str, str]]:
        return [(m.surface, m.actor_id) for m in find_mentions(text, reg) if m.actor_id.startswith("person:")]

    # رئيسي "main", ماي "May", ظريف "witty", روحاني "spiritual" are words before they are names
    assert people("وقال رئيسي إن السبب الرئيسي في ماي كان ظريف وروحاني") == []
    assert people("قال إبراهيم رئيسي إن رئيسي") == [
        ("إبراهيم رئيسي", "person:ebrahim-raisi"),
        ("رئيسي", "person:ebrahim-raisi"),
    ]
    assert people("قال روحاني في طهران") == [("روحاني", "person:hassan-rouhani")]
    # باراك after "باراك أوباما" is Obama's name, not Ehud Barak
    got = people("قال باراك أوباما")
    assert got == [("باراك أوباما", "person:barack-obama")]


def test_powers_khamenei_surname_follows_the_succession(reg):
    def who(on_date: date) -> list[str]:
        return [m.actor_id for m in find_mentions("وقال خامنئي إن", reg, on_date)]

    assert who(date(2020, 1, 1)) == ["person:ali-khamenei"]
    assert who(date(2026, 6, 1)) == ["person:mojtaba-khamenei"]


def test_powers_title_then_registry_name_is_not_discovered(reg):
    got: list[Mention] = find_mentions("قال وزير الخارجية الإيراني عباس عراقجي إن", reg, date(2025, 1, 1))
    assert [m.match for m in got if m.match == "discovered"] == []
    assert ("person:abbas-araghchi", "alias") in {(m.actor_id, m.match) for m in got}


# --------------------------------------------------------------------------- C2: Arab states and
# the Arab League (data/actors/people_region.yaml + entries in people.yaml / governments.yaml)

# office -> (roles that together make the office, documented gaps as [start, end) spans, last day
# the office existed or None). A gap is a vacancy or a holder deliberately left out (see the notes
# in data/actors/people_region.yaml); any other day without a holder is a hole in the registry.
ARAB_OFFICES: dict[str, tuple[tuple[str, ...], tuple[tuple[date, date], ...], date | None]] = {
    # Syria: no president between Assad's fall and al-Sharaa's appointment; the government of
    # 2025-03-29 has no prime minister; the transitional ministers were named on 2024-12-21.
    "SYR head of state": (("President of Syria",), ((date(2024, 12, 8), date(2025, 1, 29)),), None),
    "SYR head of government": (("Prime Minister of Syria",), (), date(2025, 3, 29)),
    "SYR foreign": (
        ("Foreign Minister of Syria",),
        ((date(2020, 11, 16), date(2020, 11, 22)), (date(2024, 12, 8), date(2024, 12, 21))),
        None,
    ),
    "SYR defence": (("Defence Minister of Syria",), ((date(2024, 12, 8), date(2024, 12, 21)),), None),
    "IRQ head of state": (("President of Iraq",), (), None),
    "IRQ head of government": (("Prime Minister of Iraq",), (), None),
    "IRQ foreign": (("Foreign Minister of Iraq",), (), None),
    "IRQ defence": (("Defence Minister of Iraq",), (), None),
    "SAU head of state": (("King of Saudi Arabia",), (), None),
    "SAU head of government": (("Prime Minister of Saudi Arabia",), (), None),
    "SAU crown prince": (("Crown Prince of Saudi Arabia",), (), None),
    "SAU foreign": (("Foreign Minister of Saudi Arabia",), (), None),
    "SAU defence": (("Defence Minister of Saudi Arabia",), (), None),
    "ARE head of state": (("President of United Arab Emirates",), (), None),
    "ARE head of government": (("Prime Minister of United Arab Emirates",), (), None),
    "ARE foreign": (("Foreign Minister of United Arab Emirates",), (), None),
    "ARE defence": (("Defence Minister of United Arab Emirates",), (), None),
    "QAT head of state": (("Emir of Qatar",), (), None),
    "QAT head of government": (("Prime Minister of Qatar",), (), None),
    "QAT foreign": (("Foreign Minister of Qatar",), (), None),
    "QAT defence": (("Defence Minister of Qatar",), (), None),
    "KWT head of state": (("Emir of Kuwait",), (), None),
    "KWT head of government": (("Prime Minister of Kuwait",), (), None),
    "KWT foreign": (("Foreign Minister of Kuwait",), (), None),
    # Kuwait's defence ministers of 2022-10 to 2023-06 and from 2025-02 are not verified yet.
    "KWT defence": (
        ("Defence Minister of Kuwait",),
        ((date(2022, 10, 16), date(2023, 6, 18)), (date(2025, 2, 4), date.max)),
        None,
    ),
    "BHR head of state": (("King of Bahrain",), (), None),
    "BHR head of government": (("Prime Minister of Bahrain",), (), None),
    "BHR foreign": (("Foreign Minister of Bahrain",), (), None),
    "BHR defence": (("Defence Minister of Bahrain",), ((COVER_FROM, date(2022, 6, 13)),), None),
    "OMN head of state": (("Sultan of Oman",), (), None),  # the sultan is also prime minister
    "OMN foreign": (("Foreign Minister of Oman",), (), None),
    "OMN defence": (("Defence Minister of Oman",), ((COVER_FROM, date(2020, 3, 9)),), None),
    "YEM head of state": (
        ("President of Yemen", "Chairman of the Presidential Leadership Council of Yemen"),
        (),
        None,
    ),
    "YEM head of government": (("Prime Minister of Yemen",), (), None),
    "YEM foreign": (("Foreign Minister of Yemen",), ((date(2024, 2, 5), date(2024, 3, 26)),), None),
    "YEM defence": (("Defence Minister of Yemen",), (), None),
    "JOR head of state": (("King of Jordan",), (), None),
    "JOR head of government": (("Prime Minister of Jordan",), (), None),
    "JOR foreign": (("Foreign Minister of Jordan",), (), None),
    "JOR defence": (("Defence Minister of Jordan",), (), None),
    "LBN head of state": (("President of Lebanon",), ((date(2022, 10, 31), date(2025, 1, 9)),), None),
    "LBN head of government": (("Prime Minister of Lebanon",), (), None),
    "LBN foreign": (("Foreign Minister of Lebanon",), (), None),
    "LBN defence": (("Defence Minister of Lebanon",), (), None),
    "EGY head of state": (("President of Egypt",), (), None),
    "EGY head of government": (("Prime Minister of Egypt",), (), None),
    "EGY foreign": (("Foreign Minister of Egypt",), (), None),
    "EGY defence": (("Defence Minister of Egypt",), (), None),
    "PSE head of state": (("President of Palestine",), (), None),
    "PSE head of government": (("Prime Minister of Palestine",), (), None),
    "PSE foreign": (("Foreign Minister of Palestine",), (), None),
    "Arab League": (("Secretary-General of the Arab League",), (), None),
}


def arab_office_holes(reg: Registry, office: str) -> tuple[list, list]:
    """(overlapping holder pairs, undocumented days without a holder) of an Arab-state office."""
    roles, gaps, last = ARAB_OFFICES[office]
    terms = sorted(
        (
            (r.start or date.min, r.end or date.max, r.person_id)
            for role in roles
            for r in reg.roles.get(role, [])
        ),
        key=lambda t: t[0],
    )
    overlaps = [
        (terms[i][2], terms[i + 1][2]) for i in range(len(terms) - 1) if terms[i + 1][0] < terms[i][1]
    ]
    until = last or date.today() + timedelta(days=1)
    holes, day = [], COVER_FROM
    for start, end, _ in terms:
        if end <= day:
            continue
        if start > day:
            holes.append((day, min(start, until)))
        day = max(day, end)
        if day >= until:
            break
    if day < until:
        holes.append((day, until))
    undocumented = [h for h in holes if not any(g[0] <= h[0] and h[1] <= g[1] for g in gaps)]
    return overlaps, undocumented


@pytest.mark.parametrize("office", sorted(ARAB_OFFICES))
def test_arab_offices_cover_2020_to_today_without_overlap(reg, office):
    assert arab_office_holes(reg, office) == ([], [])


def test_arab_office_check_finds_holes_and_overlaps(reg):
    # the check itself must fail on a missing or a doubled holder
    pruned = [
        r for r in reg.roles["Prime Minister of Kuwait"] if r.person_id != "person:mohammad-sabah-al-salem"
    ]
    doubled = reg.roles["Emir of Kuwait"] + [reg.roles["Emir of Kuwait"][-1]]
    fake = Registry(reg.actors, {"Prime Minister of Kuwait": pruned, "Emir of Kuwait": doubled}, {}, {})
    assert arab_office_holes(fake, "KWT head of government")[1] == [(date(2024, 1, 4), date(2024, 4, 15))]
    assert arab_office_holes(fake, "KWT head of state")[0] != []


ARAB_TITLES = [
    ("قال أمير الكويت إن", date(2019, 6, 1), "person:sabah-al-ahmad"),
    ("قال أمير الكويت إن", date(2022, 1, 1), "person:nawaf-al-ahmad"),
    ("قال أمير الكويت إن", date(2024, 6, 1), "person:mishal-al-ahmad"),
    ("قال ولي عهد الكويت إن", date(2025, 1, 1), "person:sabah-al-khalid"),
    ("قال رئيس الوزراء الكويتي إن", date(2024, 3, 1), "person:mohammad-sabah-al-salem"),
    ("قال وزير الخارجية الكويتي إن", date(2026, 3, 1), "person:jarrah-jaber-al-ahmad"),
    ("قال خادم الحرمين الشريفين إن", date(2010, 5, 1), "person:king-abdullah-bin-abdulaziz"),
    ("قال خادم الحرمين الشريفين إن", date(2020, 5, 1), "person:salman-bin-abdulaziz"),
    ("قال العاهل السعودي إن", date(2020, 5, 1), "person:salman-bin-abdulaziz"),
    ("قال ولي العهد السعودي إن", date(2023, 5, 1), "person:mohammed-bin-salman"),
    ("قال رئيس مجلس الوزراء السعودي إن", date(2023, 5, 1), "person:mohammed-bin-salman"),
    ("قال وزير الدفاع السعودي إن", date(2021, 5, 1), "person:mohammed-bin-salman"),
    ("قال وزير الدفاع السعودي إن", date(2023, 5, 1), "person:khalid-bin-salman"),
    ("قال وزير الخارجية السعودي إن", date(2010, 1, 1), "person:saud-al-faisal"),
    ("قال رئيس دولة الإمارات إن", date(2021, 5, 1), "person:khalifa-bin-zayed"),
    ("قال رئيس دولة الإمارات إن", date(2023, 5, 1), "person:mohamed-bin-zayed"),
    ("قال وزير الخارجية الإماراتي إن", date(2023, 5, 1), "person:abdullah-bin-zayed"),
    ("قال رئيس الوزراء الإماراتي إن", date(2023, 5, 1), "person:mohammed-bin-rashid"),
    ("قال أمير قطر إن", date(2005, 5, 1), "person:hamad-bin-khalifa"),
    ("قال رئيس الوزراء القطري إن", date(2021, 5, 1), "person:khalid-bin-khalifa-al-thani"),
    ("قال وزير الدفاع القطري إن", date(2025, 5, 1), "person:saoud-bin-abdulrahman-al-thani"),
    ("قال ملك البحرين إن", date(2023, 5, 1), "person:hamad-bin-isa"),
    ("قال رئيس الوزراء البحريني إن", date(2020, 6, 1), "person:khalifa-bin-salman"),
    ("قال رئيس الوزراء البحريني إن", date(2021, 6, 1), "person:salman-bin-hamad"),
    ("قال وزير الخارجية البحريني إن", date(2021, 6, 1), "person:abdullatif-al-zayani"),
    ("قال سلطان عمان إن", date(2019, 6, 1), "person:qaboos-bin-said"),
    ("قال سلطان عمان إن", date(2021, 6, 1), "person:haitham-bin-tariq"),
    ("قال وزير الخارجية العماني إن", date(2021, 6, 1), "person:badr-albusaidi"),
    ("قال الرئيس اليمني إن", date(2021, 6, 1), "person:abdrabbuh-mansur-hadi"),
    ("قال الرئيس اليمني إن", date(2023, 6, 1), "person:rashad-al-alimi"),
    ("قال رئيس مجلس القيادة الرئاسي إن", date(2023, 6, 1), "person:rashad-al-alimi"),
    ("قال رئيس الوزراء اليمني إن", date(2025, 6, 1), "person:salem-bin-breik"),
    ("قال رئيس الحكومة اليمنية إن", date(2026, 3, 1), "person:shaya-al-zindani"),
    ("قال وزير الدفاع اليمني إن", date(2026, 3, 1), "person:taher-al-uqaili"),
    ("قال العاهل الأردني إن", date(2022, 3, 1), "person:abdullah-ii"),
    ("قال رئيس الوزراء الأردني إن", date(2022, 3, 1), "person:bisher-al-khasawneh"),
    ("قال رئيس الوزراء الأردني إن", date(2025, 3, 1), "person:jafar-hassan"),
    ("قال وزير الخارجية الأردني إن", date(2025, 3, 1), "person:ayman-safadi"),
    ("قال وزير الخارجية اللبناني إن", date(2020, 3, 1), "person:nassif-hitti"),
    ("قال وزير الخارجية اللبناني إن", date(2025, 6, 1), "person:youssef-rajji"),
    ("قالت وزيرة الدفاع اللبنانية إن", date(2020, 6, 1), "person:zeina-akar"),
    ("قال الرئيس اللبناني إن", date(2005, 6, 1), "person:emile-lahoud"),
    ("قال الرئيس المصري إن", date(2005, 6, 1), "person:hosni-mubarak"),
    ("قال رئيس الوزراء المصري إن", date(2023, 6, 1), "person:mostafa-madbouly"),
    ("قال وزير الدفاع المصري إن", date(2023, 6, 1), "person:mohamed-zaki"),
    ("قال وزير الدفاع والإنتاج الحربي إن", date(2025, 6, 1), "person:abdel-mageed-saqr"),
    ("قال وزير الخارجية المصري إن", date(2005, 6, 1), "person:ahmed-aboul-gheit"),
    ("قال الرئيس الفلسطيني إن", date(2003, 6, 1), "person:yasser-arafat"),
    ("قال الرئيس الفلسطيني إن", date(2023, 6, 1), "person:mahmoud-abbas"),
    ("قال رئيس الوزراء الفلسطيني إن", date(2025, 6, 1), "person:mohammad-mustafa"),
    ("قالت وزيرة الخارجية الفلسطينية إن", date(2025, 9, 1), "person:varsen-aghabekian"),
    ("قال الرئيس العراقي إن", date(2021, 6, 1), "person:barham-salih"),
    ("قال الرئيس العراقي إن", date(2023, 6, 1), "person:abdul-latif-rashid"),
    ("قال رئيس الوزراء العراقي إن", date(2021, 6, 1), "person:mustafa-al-kadhimi"),
    ("قال وزير الدفاع العراقي إن", date(2021, 6, 1), "person:juma-inad"),
    ("قال رئيس الوزراء السوري إن", date(2022, 6, 1), "person:hussein-arnous"),
    ("قال رئيس الوزراء السوري إن", date(2025, 1, 15), "person:mohammed-al-bashir"),
    ("قال وزير الدفاع السوري إن", date(2025, 6, 1), "person:murhaf-abu-qasra"),
    ("قال وزير الخارجية السوري إن", date(2022, 6, 1), "person:faisal-mekdad"),
    ("قال وزير الخارجية السوري إن", date(2024, 10, 15), "person:bassam-al-sabbagh"),
    ("قال الأمين العام لجامعة الدول العربية إن", date(2005, 1, 1), "person:amr-moussa"),
]


@pytest.mark.parametrize(("text", "on_date", "holder"), ARAB_TITLES)
def test_arab_titles_resolve_by_date(reg, text, on_date, holder):
    assert role_holders(text, reg, on_date) == [holder]


def test_arab_titles_switch_body_role_and_holder_by_date(reg):
    def titles(text: str, on_date: date) -> set[tuple[str, str | None]]:
        return {(m.actor_id, m.role) for m in find_mentions(text, reg, on_date) if m.match == "title"}

    assert titles("قال الرئيس اليمني إن", date(2021, 6, 1)) == {("gov:YEM", "President of Yemen")}
    assert titles("قال الرئيس اليمني إن", date(2023, 6, 1)) == {
        ("gov:YEM", "Chairman of the Presidential Leadership Council of Yemen")
    }
    # the government of 2025-03-29 has no prime minister: the title resolves to nobody
    assert role_holders("قال رئيس الوزراء السوري إن", reg, date(2025, 6, 1)) == []


def test_arab_names_carry_the_role_of_the_day(reg):
    def roles(text: str, on_date: date) -> list[tuple[str, str | None]]:
        return [(m.actor_id, m.role) for m in find_mentions(text, reg, on_date) if m.match == "alias"]

    assert roles("قال نواف الأحمد إن", date(2019, 1, 1)) == [
        ("person:nawaf-al-ahmad", "Crown Prince of Kuwait")
    ]
    assert roles("قال نواف الأحمد إن", date(2022, 1, 1)) == [("person:nawaf-al-ahmad", "Emir of Kuwait")]
    got = roles("استقبل الشيخ محمد بن زايد الشيخ خالد بن محمد بن زايد", date(2024, 1, 1))
    assert got == [
        ("person:mohamed-bin-zayed", "President of United Arab Emirates"),
        ("person:khaled-bin-mohamed-bin-zayed", "Crown Prince of Abu Dhabi"),
    ]


def test_arab_ambiguous_short_names_need_context(reg):
    def people(text: str) -> list[str]:
        return [
            m.actor_id for m in find_mentions(text, reg, date(2024, 6, 1)) if m.actor_id.startswith("person:")
        ]

    assert people("قال الكاظمي إن") == []
    assert people("قال مصطفى الكاظمي إن الكاظمي") == ["person:mustafa-al-kadhimi"] * 2
    assert people("التقى محمد مصطفى الوزير") == []  # a common name
    assert people("التقى محمد مصطفى في رام الله") == ["person:mohammad-mustafa"]
    assert people("وقع صدام بين المتظاهرين") == []  # "clash", not Saddam
    assert people("قال أبو مازن إن") == ["person:mahmoud-abbas"]
    # a title followed by the holder's name gives the name, not a second (role) mention
    got = find_mentions("قال وزير الخارجية العماني بدر البوسعيدي إن", reg, date(2023, 1, 1))
    assert [(m.actor_id, m.match) for m in got if m.actor_id.startswith("person:")] == [
        ("person:badr-albusaidi", "alias")
    ]


# --------------------------------------------------------------------------- E3: state bodies,
# media, parties and international bodies filled by category (round 7 of governments.yaml,
# organizations.yaml, armed_groups.yaml)

REGION_STATES = [
    "SYR", "IRQ", "SAU", "ARE", "QAT", "KWT", "BHR", "OMN", "YEM", "JOR", "LBN", "EGY", "PSE",
    "ISR", "IRN", "TUR", "LBY", "SDN", "TUN", "DZA", "MAR",
]  # fmt: skip

# category -> {actor id: country (None for international bodies)}; the type every actor of the
# category must have is CATEGORY_TYPES[category].
CATEGORY_ACTORS: dict[str, dict[str, str | None]] = {
    "legislature": {
        "gov:DEU:parliament": "DEU",
        "gov:RUS:parliament": "RUS",
        "gov:GBR:parliament": "GBR",
        "gov:ARE:parliament": "ARE",
        "gov:OMN:parliament": "OMN",
        "gov:DZA:parliament": "DZA",
        "gov:TUN:parliament": "TUN",
        "gov:MAR:parliament": "MAR",
        "gov:TUR:parliament": "TUR",
        "gov:LBY:gnc": "LBY",
        "gov:IRQ:kurdistan-parliament": "IRQ",
    },
    "state council": {
        "gov:EGY:scaf": "EGY",
        "gov:IRN:guardian-council": "IRN",
        "gov:IRN:assembly-of-experts": "IRN",
        "gov:IRN:expediency-council": "IRN",
        "gov:IRN:snsc": "IRN",
        "gov:ISR:security-cabinet": "ISR",
        "gov:ARE:supreme-council": "ARE",
        "gov:IRQ:ihec": "IRQ",
        "gov:TUN:isie": "TUN",
    },
    "court": {
        "gov:IRQ:federal-court": "IRQ",
        "gov:ARE:federal-court": "ARE",
        "gov:EGY:constitutional-court": "EGY",
        "gov:JOR:state-security-court": "JOR",
        "gov:SAU:specialized-criminal-court": "SAU",
        "gov:LBN:constitutional-council": "LBN",
        "gov:ISR:supreme-court": "ISR",
        "gov:IRN:judiciary": "IRN",
    },
    "central bank": {
        "gov:SYR:central-bank": "SYR",
        "gov:LBN:central-bank": "LBN",
        "gov:QAT:central-bank": "QAT",
        "gov:KWT:central-bank": "KWT",
        "gov:ARE:central-bank": "ARE",
        "gov:BHR:central-bank": "BHR",
        "gov:SAU:central-bank": "SAU",
        "gov:LBY:central-bank": "LBY",
        "gov:SDN:central-bank": "SDN",
        "gov:MAR:central-bank": "MAR",
        "gov:DZA:central-bank": "DZA",
        "gov:ISR:central-bank": "ISR",
        "gov:PSE:central-bank": "PSE",
        "gov:USA:federal-reserve": "USA",
        "gov:GBR:central-bank": "GBR",
        "gov:FRA:central-bank": "FRA",
        "gov:CHN:central-bank": "CHN",
        "gov:RUS:central-bank": "RUS",
    },
    "atomic energy": {
        "gov:IRN:aeoi": "IRN",
        "gov:SYR:aec": "SYR",
        "gov:ISR:aec": "ISR",
        "gov:EGY:eaea": "EGY",
        "gov:JOR:jaec": "JOR",
        "gov:IRQ:iaec": "IRQ",
        "gov:ARE:enec": "ARE",
        "gov:SAU:kacare": "SAU",
        "gov:RUS:rosatom": "RUS",
        "gov:PAK:paec": "PAK",
    },
    "police and security": {
        "gov:ARE:dubai-police": "ARE",
        "gov:ARE:abu-dhabi-police": "ARE",
        "gov:ARE:sharjah-police": "ARE",
        "gov:LBN:police": "LBN",
        "gov:LBN:general-security": "LBN",
        "gov:JOR:intelligence": "JOR",
        "gov:EGY:intelligence": "EGY",
        "gov:SAU:intelligence": "SAU",
        "gov:TUR:intelligence": "TUR",
        "gov:IRQ:cts": "IRQ",
        "gov:PSE:security-forces": "PSE",
        "gov:GBR:mi6": "GBR",
        "gov:OMN:police": "OMN",
    },
    "state broadcaster": {
        "media:saudi-tv": "SAU",
        "media:qatar-tv": "QAT",
        "media:kuwait-tv": "KWT",
        "media:bahrain-tv": "BHR",
        "media:oman-tv": "OMN",
        "media:dubai-tv": "ARE",
        "media:jordan-tv": "JOR",
        "media:lebanon-tv": "LBN",
        "media:sudan-tv": "SDN",
        "media:yemen-tv": "YEM",
        "media:libya-tv": "LBY",
        "media:tunisia-tv": "TUN",
        "media:algeria-tv": "DZA",
        "media:morocco-tv": "MAR",
        "media:palestine-tv": "PSE",
        "media:irib": "IRN",
        "media:trt": "TUR",
    },
    "press and sites": {
        "media:hespress": "MAR",
        "media:elkhabar": "DZA",
        "media:assiyasa-kw": "KWT",
        "media:alanba-kw": "KWT",
        "media:akhbar-alkhaleej": "BHR",
        "media:alayyam-ps": "PSE",
        "media:almadina": "SAU",
        "media:maan": "PSE",
        "media:shafaq": "IRQ",
        "media:almasirah": "YEM",
        "media:al-mussawar": "EGY",
    },
    "party": {
        "org:uia-iraq": "IRQ",
        "org:iraqiya-list": "IRQ",
        "org:kurdistani-alliance": "IRQ",
        "org:tawafuq": "IRQ",
        "org:kefaya": "EGY",
        "org:ugtt": "TUN",
        "org:fis-algeria": "DZA",
        "org:march-8": "LBN",
        "org:snc-syria": "SYR",
        "org:uk-labour": "GBR",
        "org:cdu": "DEU",
        "org:hadash": "ISR",
    },
    "red crescent": {
        "org:qrcs": "QAT",
        "org:krcs": "KWT",
        "org:uae-red-crescent": "ARE",
        "org:saudi-red-crescent": "SAU",
        "org:iraqi-red-crescent": "IRQ",
        "org:egyptian-red-crescent": "EGY",
        "org:turkish-red-crescent": "TUR",
        "org:iranian-red-crescent": "IRN",
        "org:lebanese-red-cross": "LBN",
    },
    "international": {
        "igo:quartet": None,
        "igo:escwa": None,
        "igo:unmovic": None,
        "igo:stl": None,
        "igo:uniiic": None,
        "igo:arab-parliament": None,
        "igo:igad": None,
        "igo:ecowas": None,
        "igo:nam": None,
        "igo:mnf-iraq": "USA",
        "igo:arab-coalition-yemen": "SAU",
    },
}
CATEGORY_TYPES = {
    "legislature": "government",
    "state council": "government",
    "court": "government",
    "central bank": "government",
    "atomic energy": "government",
    "police and security": "government",
    "state broadcaster": "media",
    "press and sites": "media",
    "party": "organization",
    "red crescent": "organization",
    "international": "igo",
}


def _definite_nisba(reg: Registry, a3: str, feminine: bool = False) -> str:
    stem = reg.nisba_stems[a3][0]
    base = stem[:-1] if stem.endswith("ي") else stem
    return "ال" + base + ("ية" if feminine else "ي")


@pytest.mark.parametrize("category", sorted(CATEGORY_ACTORS))
def test_category_actors_load_with_type_and_country(reg, category):
    for actor_id, country in CATEGORY_ACTORS[category].items():
        actor = reg.actors.get(actor_id)
        assert actor is not None, actor_id
        assert actor.type == CATEGORY_TYPES[category], actor_id
        assert actor.country == country, actor_id
        assert actor.name_ar and actor.name_en, actor_id


def test_category_actors_find_their_own_arabic_name(reg):
    """The Arabic name of every category actor is found as that actor (or, for a name that is only
    a title of the body, as one of its mentions) when written alone in a sentence."""
    skip = {"igo:mnf-iraq", "media:al-majalla-al-jadida"}  # reached by conditional forms only
    for actors in CATEGORY_ACTORS.values():
        for actor_id in actors:
            if actor_id in skip:
                continue
            name = reg.actors[actor_id].name_ar
            mentions = find_mentions(f"وقال {name} أمس", reg, date(2025, 6, 1))
            assert actor_id in {m.actor_id for m in mentions}, (actor_id, name, mentions)


@pytest.mark.parametrize("a3", REGION_STATES)
def test_every_region_state_has_central_bank_civil_defence_and_broadcaster(reg, a3):
    """Category coverage for the whole region: "البنك المركزي + nisba" and "الدفاع المدني + nisba"
    reach a government actor of the state (its own central bank or civil defence where the
    registry has one), and the state has a broadcaster among the media actors."""
    for phrase in (f"البنك المركزي {_definite_nisba(reg, a3)}", f"الدفاع المدني {_definite_nisba(reg, a3)}"):
        if a3 == "SYR" and phrase.startswith("الدفاع"):
            continue  # the Syrian Civil Defence is the White Helmets (org:white-helmets)
        bodies = [
            m
            for m in find_mentions(f"وقال {phrase} أمس", reg, date(2025, 6, 1))
            if reg.actors[m.actor_id].type == "government"
        ]
        assert any(reg.actors[m.actor_id].country == a3 for m in bodies), (a3, phrase, bodies)
    broadcasters = [
        a
        for a in reg.actors.values()
        if a.type == "media"
        and a.country == a3
        and any(w in (a.name_ar or "") for w in ("تلفزيون", "التلفزيون", "قناة", "الإذاعة", "هيئة البث"))
    ]
    assert broadcasters, a3


@pytest.mark.parametrize(
    ("text", "actor_id", "surface"),
    [
        ("وبالدفاع المدني اللبناني", "gov:LBN:civil-defense", "الدفاع المدني اللبناني"),
        ("فشرطة دبي", "gov:ARE:dubai-police", "شرطة دبي"),
        ("ولمصرف قطر المركزي", "gov:QAT:central-bank", "مصرف قطر المركزي"),
        ("وللاحتياطي الفيدرالي", "gov:USA:federal-reserve", "للاحتياطي الفيدرالي"),
        ("وبمنظمة الطاقة الذرية الإيرانية", "gov:IRN:aeoi", "منظمة الطاقة الذرية الإيرانية"),
        ("وبهيئة الطاقة الذرية السورية", "gov:SYR:aec", "هيئة الطاقة الذرية السورية"),
        ("وللهلال الأحمر القطري", "org:qrcs", "للهلال الأحمر القطري"),
        ("والتلفزيون الأردني", "media:jordan-tv", "التلفزيون الأردني"),
        ("وبمجلس صيانة الدستور", "gov:IRN:guardian-council", "مجلس صيانة الدستور"),
        ("والبوندستاغ", "gov:DEU:parliament", "البوندستاغ"),
        ("وللإسكوا", "igo:escwa", "للإسكوا"),
        ("وبالاتحاد العام التونسي للشغل", "org:ugtt", "الاتحاد العام التونسي للشغل"),
        ("والكابينت", "gov:ISR:security-cabinet", "الكابينت"),
        # nisba forms: feminine, masculine, another stem of the same country
        ("مجلس الشورى العماني", "gov:OMN:parliament", "مجلس الشورى العماني"),
        ("الشرطة العمانية", "gov:OMN:police", "الشرطة العمانية"),
        ("الحماية المدنية الجزائرية", "gov:DZA:civil-defense", "الحماية المدنية الجزائرية"),
        ("وزارة الخزانة الأمريكية", "gov:USA:treasury", "وزارة الخزانة الأمريكية"),
        ("الهلال الأحمر الكويتي", "org:krcs", "الهلال الأحمر الكويتي"),
        ("القيادة المركزية الأمريكية", "gov:USA:centcom", "القيادة المركزية الأمريكية"),
    ],
)
def test_category_bodies_with_clitics_and_nisba(reg, text, actor_id, surface):
    mentions = find_mentions(text, reg, date(2025, 6, 1))
    assert (actor_id, surface) in {(m.actor_id, m.surface) for m in mentions}, mentions
    for m in mentions:
        assert text[m.start : m.end] == m.surface


def test_state_body_reports_its_country_but_media_and_parties_do_not(reg):
    on = date(2025, 6, 1)
    body = {m.actor_id for m in find_mentions("وقال الدفاع المدني اللبناني", reg, on)}
    assert body == {"gov:LBN:civil-defense", "country:LBN"}
    title = find_mentions("وقال وزير الخزانة الأميركي", reg, on)
    assert {(m.actor_id, m.match) for m in title} >= {("gov:USA:treasury", "title"), ("country:USA", "nisba")}
    for text in ("وقال التلفزيون الأردني", "وقال الهلال الأحمر القطري", "وقال حزب العمال البريطاني"):
        assert not [m for m in find_mentions(text, reg, on) if m.actor_id.startswith("country:")], text


@pytest.mark.parametrize(
    ("text", "on_date", "expected", "absent"),
    [
        # shared bare names decided by the country in the text
        (
            "وقضت المحكمة الاتحادية العليا في بغداد",
            date(2022, 1, 1),
            "gov:IRQ:federal-court",
            "gov:ARE:federal-court",
        ),
        (
            "وقضت المحكمة الاتحادية العليا في أبوظبي",
            date(2022, 1, 1),
            "gov:ARE:federal-court",
            "gov:IRQ:federal-court",
        ),
        (
            "وقال المتحدث باسم المجلس الأعلى الإسلامي في الصومال",
            date(2006, 8, 1),
            "group:icu-somalia",
            "org:isci",
        ),
        (
            "وقال المجلس الأعلى الإسلامي إن الانتخابات في العراق",
            date(2006, 8, 1),
            "org:isci",
            "group:icu-somalia",
        ),
        # and by date
        ("قصفت قوات التحالف منزلا في بغداد", date(2005, 3, 1), "igo:mnf-iraq", "igo:global-coalition"),
        (
            "قصفت قوات التحالف منزلا في الرقة السورية",
            date(2016, 3, 1),
            "igo:global-coalition",
            "igo:mnf-iraq",
        ),
        (
            "قصفت قوات التحالف مواقع في صنعاء",
            date(2018, 3, 1),
            "igo:arab-coalition-yemen",
            "igo:global-coalition",
        ),
        ("وقال المجلس العسكري في مصر", date(2011, 6, 1), "gov:EGY:scaf", None),
        # outlet names that are common words need a credit
        ("البحرين - الراي - تعرض القناة", date(2006, 1, 1), "media:alrai-kw", None),
    ],
)
def test_category_ambiguous_names_by_context_and_date(reg, text, on_date, expected, absent):
    found = {m.actor_id for m in find_mentions(text, reg, on_date)}
    assert expected in found, found
    assert absent not in found


@pytest.mark.parametrize(
    ("text", "on_date", "not_expected"),
    [
        ("وأفاد مراسلنا بأن", date(2024, 1, 1), "gov:TUR:afad"),  # آفاد only as spelled (strict)
        ("وقال المجلس العسكري في مصر", date(2013, 6, 1), "gov:EGY:scaf"),  # after SCAF's rule
        ("وقضت المحكمة الاتحادية العليا", date(2022, 1, 1), "gov:IRQ:federal-court"),  # no country
        ("وقال إن الرأي - في رأيه - خاطئ", date(2024, 1, 1), "media:alrai-jo"),  # not a credit
        ("وكان قد نشر في المجلة الجديدة للحي", date(2024, 1, 1), "media:al-majalla-al-jadida"),
        ("وقالت المقاومة الإسلامية إن", date(2006, 8, 1), "group:hezbollah"),  # nothing names Lebanon
    ],
)
def test_category_common_words_stay_unmatched(reg, text, on_date, not_expected):
    assert not_expected not in {m.actor_id for m in find_mentions(text, reg, on_date)}


def test_category_aliases_do_not_collide_with_other_actors(reg):
    """A key read by a category actor is read by no other actor unconditionally: where two actors
    share a written form, at least one reading carries a condition or a date (or a strict spelling)."""
    mine = {actor_id for actors in CATEGORY_ACTORS.values() for actor_id in actors}

    def guarded(e) -> bool:
        return e.conditional or e.valid_from is not None or e.valid_until is not None or bool(e.strict)

    clashes = []
    for key, bucket in zip(reg.keys, reg.entries, strict=True):
        readers = {e.actor_id for e in bucket if e.actor_id}
        if len(readers) < 2 or not readers & mine:
            continue
        plain = {e.actor_id for e in bucket if e.actor_id and not guarded(e)}
        if len(plain) > 1:
            clashes.append((key, sorted(plain)))
    assert not clashes


def test_country_facts_are_read_from_the_registry_directory(tmp_path):
    # A registry directory with its own country_facts.tsv builds the capitals from it (the file is in
    # the cache key); without one, the default table is used.
    default = FACTS_PATH.read_text(encoding="utf-8")
    assert "\nFRA\tQ142\tParis\tباريس\t" in default
    (tmp_path / "empty.yaml").write_text("actors: []\n", encoding="utf-8")
    assert "country:FRA" in {m.actor_id for m in find_mentions("قالت باريس إن", load_registry(tmp_path))}
    (tmp_path / "country_facts.tsv").write_text(
        default.replace("\nFRA\tQ142\tParis\tباريس\t", "\nFRA\tQ142\tParis\tليون\t"), encoding="utf-8"
    )
    own = load_registry(tmp_path)
    assert "country:FRA" not in {m.actor_id for m in find_mentions("قالت باريس إن", own)}
    assert ("country:FRA", "metonym") in {(m.actor_id, m.match) for m in find_mentions("قالت ليون إن", own)}


def test_a_key_written_twice_in_one_mapping_is_an_error(tmp_path):
    # Round 17: YAML keeps the last of two equal keys without a word; a second "ISR:" in
    # countries.yaml had silently dropped Israel's Tel Aviv metonym and Wikidata id.
    (tmp_path / "c.yaml").write_text(
        "countries:\n  ISR:\n    metonyms: [تل أبيب]\n  ISR: {drop_metonyms: [القدس]}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="duplicate key 'ISR'"):
        load_registry(tmp_path)
    (tmp_path / "c.yaml").write_text(
        "countries:\n  ISR:\n    metonyms: [تل أبيب]\n    drop_metonyms: [القدس]\n", encoding="utf-8"
    )
    assert load_registry(tmp_path).actors["country:ISR"].aliases_ar[:2] == ("إسرائيل", "تل أبيب")
