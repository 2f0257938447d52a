"""The city layer (round 18): ``pipelines/lib/cities.py`` (the GeoNames table) and the registry's
``city`` actors (``pipelines/lib/actors/places.py``). Sentences are our own."""

from __future__ import annotations

import pytest

from pipelines import paths
from pipelines.lib import cities
from pipelines.lib.actors import Registry, load_registry
from tests.lib.conftest import found

# Tripoli (Lebanon) is GeoNames 266826, Aleppo 170063, Mosul 99072, Fallujah 99454.
ALEPPO, MOSUL, FALLUJAH, IDLIB = "city:170063", "city:99072", "city:99454", "city:169389"


@pytest.fixture(scope="module")
def creg() -> Registry:
    """The registry with the city layer on (whatever the default switch says)."""
    return load_registry(cities=15_000)


def cities_in(text: str, reg: Registry) -> list[tuple[str, str]]:
    return [(m.surface, m.actor_id) for m in found(text, reg) if m.actor_id.startswith("city:")]


def test_arabic_names_drop_persian_kurdish_and_admin_words():
    names = cities.arabic_names(
        ["Karbala", "كةربالا", "کربلا", "كربلاء", "كَرْبَلَاء", "ناحية القاسم", "مدينة", "گرگان", "مىنىسكى", "حي"]
    )
    # Kurdish ة inside a word, Persian ک/گ, Uyghur ى, a bare admin word and two letters are dropped;
    # harakat are taken off and the admin word before a name is cut.
    assert names == ("كربلاء", "القاسم")


def test_generated_table_has_its_source_header_and_region_cities():
    first = cities.CITIES_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# GENERATED") and "GeoNames" in first and "CC BY 4.0" in first
    rows = {c.geonameid: c for c in cities.load_cities()}
    assert rows[170063].country == "SYR" and "حلب" in rows[170063].names_ar
    assert rows[170654].capital  # Damascus: the registry keeps it as Syria's metonym
    # outside the region only the world's big cities
    assert all(
        c.country in cities.REGION or c.population >= cities.WORLD_MIN_POPULATION for c in rows.values()
    )
    assert any(c.country not in cities.REGION for c in rows.values())


def test_a_bad_city_switch_is_refused(monkeypatch):
    monkeypatch.setenv("NEWS_ACTOR_CITIES", "15,000")
    with pytest.raises(ValueError, match="NEWS_ACTOR_CITIES"):
        paths.actor_cities()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات مدينة حلب وريف إدلب صباح اليوم", [("حلب", ALEPPO), ("إدلب", IDLIB)]),
        ("وقال سكان الفلوجة إن المياه انقطعت", [("الفلوجة", FALLUJAH)]),
        ("وصل الوزير العراقي إلى الموصل أمس", [("الموصل", MOSUL)]),
        # the surface is the name without its proclitics, as for every alias
        ("انفجرت سيارة مفخخة بالموصل", [("الموصل", MOSUL)]),  # a large city after a glued ب
        ("ووصلت القافلة لحلب والقوات السورية تنتظرها", [("حلب", ALEPPO)]),
        ("وفي الموصل وتلعفر اشتباكات", [("الموصل", MOSUL)]),
    ],
)
def test_city_with_clitics_and_place_cues(creg, text, expected):
    assert cities_in(text, creg) == expected


def test_small_town_needs_its_country_named(creg):
    # Baqubah (150k, under LOCATIVE_MIN_POPULATION): a locative is not enough, Iraq must be named.
    assert cities_in("ووصل الوفد إلى بعقوبة", creg) == []
    assert cities_in("زار الوفد بعقوبة", creg) == []
    assert [c for _, c in cities_in("زار الوفد العراقي بعقوبة", creg)] == ["city:97990"]


@pytest.mark.parametrize(
    "text",
    [
        "زارت جدة الطفل حفيدها في المستشفى",  # grandmother, no cue and no country
        "وقالت الوزارة في بيان إن الاجتماع انتهى",  # Bayan (Kuwait) is blocked: "a statement"
        "عرضت القناة صور الأقمار الصناعية للموقع",  # Tyre/Sur: "pictures"
        "وشدد على ضرورة زيادة فعالية المنطقة",  # فعالية is not Aley
    ],
)
def test_common_words_are_not_cities(creg, text):
    assert cities_in(text, creg) == []


def test_common_word_city_with_locative_and_country(creg):
    assert [c for _, c in cities_in("وصل الأمير السعودي إلى جدة مساء أمس", creg)] == ["city:105343"]
    # a locative alone, or the country alone, is not enough for such a name
    assert cities_in("وصل الوفد إلى جدة مساء أمس", creg) == []
    assert cities_in("زار الأمير السعودي جدة مساء أمس", creg) == []
    # the first name of a registry person (زايد) counts as a given name too: the UAE named is not enough
    assert cities_in("أشاد المسؤول الإماراتي زايد بالمبادرة", creg) == []
    # صور is also Sur in Oman: the strong cue is not enough, the country decides
    assert cities_in("تظاهر المئات في مدينة صور", creg) == []
    assert [c for _, c in cities_in("تظاهر المئات في مدينة صور اللبنانية", creg)] == ["city:267008"]


def test_shared_name_goes_to_the_country_the_text_names(creg):
    # رفح: Rafah in Gaza (PSE) and Rafah in Sinai (EGY).
    assert cities_in("قصف الجيش الإسرائيلي مدينة رفح الفلسطينية", creg) == [("رفح", "city:281102")]
    assert cities_in("افتتحت السلطات المصرية معبر رفح في مدينة رفح المصرية", creg)[-1] == (
        "رفح",
        "city:350350",
    )
    assert cities_in("وصلت القافلة إلى مدينة رفح", creg) == []


def test_club_named_by_its_city_is_not_the_city(creg):
    assert cities_in("وتعادل برشلونة الإسباني مع ميلان الإيطالي في دوري أبطال أوروبا", creg) == []
    assert cities_in("فاز نادي حلب على ضيفه بهدفين في الدوري السوري لكرة القدم", creg) == []
    assert cities_in("قال أستاذ في جامعة حلب إن الطلاب عادوا", creg) == []


def test_capital_keeps_its_reading_as_its_country(creg):
    plain = load_registry(cities=False)
    text = "وصل المبعوث إلى دمشق ثم توجه إلى حلب"
    assert [(m.actor_id, m.match) for m in found(text, creg) if m.surface == "دمشق"] == [
        ("country:SYR", "metonym")
    ]
    # Everything but the city is what the registry without cities finds.
    without = [m for m in found(text, creg) if not m.actor_id.startswith("city:")]
    assert without == found(text, plain)
    assert cities_in(text, creg) == [("حلب", ALEPPO)]


def test_switch_turns_the_layer_off(creg, monkeypatch):
    assert not any(a.type == "city" for a in load_registry(cities=False).actors.values())
    assert any(a.type == "city" and a.country == "SYR" for a in creg.actors.values())
    monkeypatch.setenv("NEWS_ACTOR_CITIES", "0")  # the pipeline's switch (pipelines.paths)
    assert not any(a.type == "city" for a in load_registry(cities=paths.actor_cities()).actors.values())
    monkeypatch.setenv("NEWS_ACTOR_CITIES", "50000")
    assert paths.actor_cities() == 50_000
    monkeypatch.delenv("NEWS_ACTOR_CITIES")
    assert set(load_registry(cities=paths.actor_cities()).actors) == set(creg.actors)


def test_a_city_name_leaves_surname_coreference_and_the_name_finder_alone(creg):
    # الجميل and نايف are also city names: the person's lone surname and a family name in a discovered
    # name read the same with the layer on as off.
    from pipelines.lib.actors.names import find_person_names

    plain = load_registry(cities=False)
    text = "قال الرئيس اللبناني الأسبق أمين الجميل إن الحوار ضروري. وأضاف الجميل أن الوقت يداهم الجميع."
    lone = [(m.surface, m.actor_id, m.match) for m in found(text, creg) if m.match == "coreference"]
    assert lone and lone == [
        (m.surface, m.actor_id, m.match) for m in found(text, plain) if m.match == "coreference"
    ]
    names = "وقال المتحدث باسم الشركة أحمد نايف إن العمل مستمر."
    with_cities = [m.surface for m in find_person_names(names, creg)]
    assert with_cities == [m.surface for m in find_person_names(names, plain)] == ["أحمد نايف"]


def test_a_countryside_adjective_agrees_with_rif_not_the_city(creg):
    assert cities_in("قصفت الطائرات بلدات في ريف إدلب الجنوبي", creg) == [("إدلب", IDLIB)]
    assert cities_in("اشتباكات في ريف حلب الشمالي", creg) == [("حلب", ALEPPO)]
