"""The country guard (``COUNTRY_GUARD``, round 8): one protocol template told for two addressees (a cable of
congratulation to Chad and the same cable to Ecuador) is two events, while a copy that adds a country of its
own (a dateline's السعودية) stays a copy. Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.lib import dedup
from pipelines.lib.dedup import find_stories
from pipelines.lib.dedup.places import REGISTRY_DIR, countries, country_keys, other_country
from pipelines.lib.dedup.rules import content_sequence
from pipelines.lib.dedup.tokens import sentence_tokens
from tests.lib.test_dedup import art, assert_order_independent, pair_row, shares_story


def cable(country: str, president: str, adjective: str, wording: int) -> str:
    """A cabinet's cable of congratulation on a national day, in one of two outlets' wordings."""
    if wording == 1:
        return "\n".join(
            [
                f"بعث رئيس مجلس الوزراء برقية تهنئة إلى الرئيس {president} رئيس جمهورية {country} بمناسبة "
                "ذكرى الاستقلال لبلاده.",
                "وعبر رئيس المجلس باسمه واسم الحكومة والشعب عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة "
                f"للرئيس {president}، ولحكومة وشعب جمهورية {country} {adjective} المزيد من التقدم والازدهار.",
                "كما بعث نائب رئيس مجلس الوزراء برقية مماثلة هنأ فيها رئيس جمهورية "
                f"{country} بذكرى الاستقلال، متمنيا له موفور الصحة ولشعب {country} دوام الرخاء.",
            ]
        )
    return "\n".join(
        [
            f"أرسل دولة رئيس مجلس الوزراء برقية تهنئة لفخامة الرئيس {president} رئيس جمهورية {country} "
            "بمناسبة ذكرى الاستقلال لبلاده.",
            "وأعرب رئيس المجلس باسمه واسم الحكومة والشعب عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة "
            f"لفخامته، ولحكومة وشعب جمهورية {country} {adjective} اطراد التقدم والازدهار.",
            f"وبعث نائب رئيس مجلس الوزراء برقية مماثلة لفخامة الرئيس {president} عبر فيها عن أبلغ "
            "التهاني وأطيب التمنيات بموفور الصحة والسعادة لفخامته، ولشعب جمهورية "
            f"{country} {adjective} المزيد من التقدم.",
        ]
    )


CHAD = cable("تشاد", "إدريس ديبي", "الشقيق", 1)
ECUADOR = cable("الإكوادور", "رفائيل كوريا", "الصديق", 2)
# The Chad cable re-served by another outlet in its own wording, under a dateline naming the country.
CHAD_COPY = "الرياض - السعودية\n" + cable("تشاد", "إدريس ديبي", "الشقيق", 2)


def _countries(text: str) -> dict[str, frozenset[tuple[str, str]]]:
    (sentences,) = sentence_tokens([text])
    return countries(content_sequence(sentences))


def test_the_same_cable_to_another_country_stays_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [art("cg-td", CHAD, day=1), art("cg-ec", ECUADOR, outlet="okaz", day=1)]
    res = find_stories(arts)
    p = pair_row(res, "cg-td", "cg-ec")
    assert p["jaccard"] < 0.4 and p["rule"] == "other_country" and not p["decision"]
    assert not shares_story(res, "cg-td", "cg-ec")
    # The guard is what keeps them apart: off, a second look takes the template.
    monkeypatch.setattr(dedup.settings, "COUNTRY_GUARD", False)
    res = find_stories(arts)
    p = pair_row(res, "cg-td", "cg-ec")
    assert p["decision"] and p["rule"] in dedup.WEAK_RULES
    assert shares_story(res, "cg-td", "cg-ec")


def test_a_copy_adding_a_country_to_its_dateline_stays_joined() -> None:
    arts = [art("cd-o", CHAD, day=1, hour=8), art("cd-c", CHAD_COPY, outlet="sabq", day=1, hour=10)]
    assert set(_countries(CHAD_COPY)) - set(_countries(CHAD)) == {"SAU"}  # a country on one side only
    res = find_stories(arts)
    p = pair_row(res, "cd-o", "cd-c")
    assert p["decision"] and p["rule"] in dedup.WEAK_RULES
    assert shares_story(res, "cd-o", "cd-c")


def test_countries_by_name_alias_and_nisba_with_their_frames() -> None:
    found = _countries(
        "هنأ الملك رئيس جمهورية تشاد بمناسبة العيد، وزار الوفد السعودي الولايات المتحدة الأمريكية."
    )
    assert set(found) == {"TCD", "SAU", "USA"}
    # The words before and after, as content_sequence writes them.
    assert ("جمهوريه", "بمناسبه") in found["TCD"]
    # A CLDR name that is also a common word is dropped (countries.yaml drop_aliases): مالي "financial".
    assert "MLI" not in _countries("وقدمت الوزارة الدعم المالي للأسر المحتاجة.")
    assert set(_countries("وصل وفد جمهورية مالي إلى العاصمة.")) == {"MLI"}
    assert len(country_keys()) > 500


def test_other_country_needs_the_same_frame_on_both_sides() -> None:
    chad, ecuador = _countries(CHAD), _countries(ECUADOR)
    assert other_country(chad, ecuador) and other_country(ecuador, chad)
    # Two round-ups naming other countries in other sentences (a copy whose outlets each add context).
    a = _countries("وقالت الخارجية التركية في بيان إن الضربات كانت ردا مناسبا.")
    b = _countries("وقالت الخارجية الصينية هوا إن بكين تعارض استخدام القوة.")
    assert set(a) == {"TUR"} and set(b) == {"CHN"} and not other_country(a, b)
    # A country on one side only is never a conflict.
    assert not other_country(chad, _countries(CHAD_COPY))


def test_country_guard_is_deterministic_under_input_order() -> None:
    arts = [
        art("cz-td", CHAD, day=1),
        art("cz-ec", ECUADOR, outlet="okaz", day=1),
        art("cz-c", CHAD_COPY, outlet="sabq", day=1),
    ]
    assert_order_independent(arts)


def test_agency_credits_and_amman_are_no_template_slot() -> None:
    def seq(text: str) -> list[str]:
        return content_sequence(sentence_tokens([text])[0])

    # Two copies closing with different agency credits: a credit is where a text came from.
    a = countries(seq("وقال الوزير إن العمل مستمر. وكالة الأنباء السعودية"))
    b = countries(seq("وقال الوزير إن العمل مستمر. وكالة أنباء الإمارات"))
    assert a and b and not other_country(a, b)
    # عمان is Oman and Amman (Jordan's capital): it names neither for sure.
    assert ("عمان",) not in country_keys()
    assert not other_country(
        countries(seq("وصل الوفد إلى عمان اليوم")), countries(seq("وصل الوفد إلى الأردن اليوم"))
    )


def test_country_names_are_the_actor_registrys() -> None:
    # A nisba the registry derives from the CLDR name (Ecuador has no curated stem): the old own list
    # lacked these.
    assert set(_countries("وقال الرئيس الإكوادوري في كلمته إن البلاد ماضية.")) == {"ECU"}
    # The registry keeps the CLDR name before its bracket: "ميانمار (بورما)" is ميانمار.
    assert set(_countries("وصل وفد من ميانمار إلى العاصمة.")) == {"MMR"}
    # A former state the registry curates (not in pycountry's current list).
    assert "SUN" in set(_countries("بعد انهيار الاتحاد السوفياتي تغيرت الخريطة."))


def test_country_names_follow_the_registry_files(tmp_path: Path) -> None:
    def write(text: str) -> Path:
        directory = tmp_path / str(len(list(tmp_path.iterdir())))
        directory.mkdir()
        (directory / "countries.yaml").write_text(text, encoding="utf-8")
        return directory

    # A curated alias and a dropped CLDR name, read from the registry directory given.
    own = write("countries:\n  TCD:\n    aliases_ar: [بلاد التشاد]\n    drop_aliases: [تشاد]\n")
    keys = country_keys(own)
    assert keys[("بلاد", "تشاد")] == "TCD" and ("تشاد",) not in keys
    assert ("تشاد",) in country_keys(REGISTRY_DIR)
    # The registry loader's checks apply: a country written twice is refused, not silently merged.
    twice = write("countries:\n  TCD:\n    nisba: [تشادي]\n  TCD:\n    nisba: []\n")
    with pytest.raises(ValueError, match="duplicate key"):
        country_keys(twice)
