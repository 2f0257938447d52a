"""Countries in the actor registry: names, capitals as metonyms, nisba forms, Wikidata ids."""

from __future__ import annotations

import pycountry
import pytest

from pipelines.lib.countries import derive_nisba, load_facts
from tests.lib.conftest import found


def hits(text: str, reg) -> set[tuple[str, str, str]]:
    return {(m.surface, m.actor_id, m.match) for m in found(text, reg)}


def test_every_iso_country_has_arabic_and_english_names(reg):
    for c in pycountry.countries:
        actor = reg.actors[f"country:{c.alpha_3}"]
        assert actor.name_ar and actor.name_en, c.alpha_3
    assert reg.actors["country:XKX"].name_ar == "كوسوفو"  # CLDR XK, no ISO code


def test_facts_table_covers_every_iso_country_with_wikidata_ids():
    facts = load_facts()
    assert {c.alpha_3 for c in pycountry.countries} <= set(facts)
    with_qid = [f for f in facts.values() if f.wikidata_id]
    assert len(with_qid) >= 245
    assert all(f.wikidata_id.startswith("Q") and f.wikidata_id[1:].isdigit() for f in with_qid)
    with_capital = [f for f in facts.values() if f.capitals_ar]
    assert len(with_capital) >= 230


def test_curated_and_generated_wikidata_ids_agree(reg):
    facts = load_facts()
    for a3 in ("USA", "SYR", "IRQ", "FRA", "LBY", "SAU"):
        assert reg.actors[f"country:{a3}"].wikidata_id == facts[a3].wikidata_id
    assert reg.actors["country:NER"].wikidata_id == "Q1032"  # from the generated table only


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("سوريا", "سوري"),
        ("كندا", "كندي"),
        ("العراق", "عراقي"),
        ("سنغافورة", "سنغافوري"),
        ("باكستان", "باكستاني"),
        ("هايتي", "هايتي"),
        ("ميانمار (بورما)", "ميانماري"),
        ("عُمان", "عماني"),
        ("توغو", None),
        ("أورغواي", None),
        ("كوريا الجنوبية", None),
    ],
)
def test_derive_nisba(name, stem):
    assert derive_nisba(name) == stem


def test_sovereign_states_have_nisba(reg):
    # every UN-member-sized state the rule or the curation covers; the rest are listed in the report
    for a3 in ("KEN", "NGA", "NPL", "TZA", "SVK", "ECU", "KOR", "PRK", "CIV", "PER", "MKD", "NZL"):
        assert reg.nisba_stems.get(a3), a3


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("وقال مسؤول كيني إن", "كيني", "country:KEN"),
        ("واستقبل الوفد النيبالي", "النيبالي", "country:NPL"),
        ("للحكومة التنزانية قرار", "التنزانية", "country:TZA"),
        ("وبالسلطات الإكوادورية", "الإكوادورية", "country:ECU"),
        ("أكد مسؤولون سلوفاكيون", "سلوفاكيون", "country:SVK"),
        ("والقوات الكورية الجنوبية", "الكورية الجنوبية", "country:KOR"),
        ("وصل الكوريين الشماليين", "الكوريين الشماليين", "country:PRK"),
        ("فالبيروفيون", "البيروفيون", "country:PER"),
    ],
)
def test_generated_nisba_forms_with_clitics(reg, text, surface, actor):
    assert any(s == surface and a == actor and m == "nisba" for s, a, m in hits(text, reg)), hits(text, reg)


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("وأعلنت نيروبي أمس", "نيروبي", "country:KEN"),
        ("وفي كاتماندو قال", "كاتماندو", "country:NPL"),
        ("رحبت بوغوتا بالاتفاق", "بوغوتا", "country:COL"),
        ("وطالبت بريتوريا", "بريتوريا", "country:ZAF"),
    ],
)
def test_generated_capital_metonyms(reg, text, surface, actor):
    assert (surface, actor, "metonym") in hits(text, reg)


@pytest.mark.parametrize(
    "text",
    [
        "زار القدس وفد",  # contested: not Israel's metonym
        "سيول جارفة في المنطقة",  # Seoul spelled like "floods"
        "قال أشرف غاني",  # surname, not Ghanaian
        "وصل باكرا إلى العمل",  # ب + أكرا
        "فاز ريال مدريد",  # a club, not Spain
        "ولاية نيو جيرسي",  # a US state, not Jersey
        "الإمبراطورية الرومانية",  # Roman, not Romanian
    ],
)
def test_ambiguous_capitals_and_nisba_not_matched(reg, text):
    countries = {a for _, a, _ in hits(text, reg) if a.startswith("country:")}
    assert not countries & {
        "country:ISR",
        "country:KOR",
        "country:GHA",
        "country:ESP",
        "country:JEY",
        "country:ROU",
    }


def test_tripoli_needs_libya_and_not_lebanon(reg):
    assert not any(a == "country:LBY" for _, a, _ in hits("اشتباكات في طرابلس", reg))
    assert ("طرابلس", "country:LBY", "metonym") in hits("في ليبيا، أعلنت طرابلس", reg)
    assert not any(a == "country:LBY" for _, a, _ in hits("لبنان: اشتباكات في طرابلس", reg))


def test_capital_spelled_like_a_country_is_the_country(reg):
    assert ("تونس", "country:TUN", "alias") in hits("وصل إلى تونس", reg)
    assert not any(a == "country:MDV" for _, a, _ in hits("وزارة المالية", reg))


# -- round 15: broken plurals of peoples (countries.yaml ``nisba_extra``) ------------------------


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("قال الألمان إن", "الألمان", "country:DEU"),
        ("وللألمان مصالح", "للألمان", "country:DEU"),  # ل + ال: the surface keeps the preposition
        ("سياح ألمان في المدينة", "ألمان", "country:DEU"),
        ("وبالإنجليز", "الإنجليز", "country:GBR"),
        ("فاز الإنكليز", "الإنكليز", "country:GBR"),
        ("والإسبان", "الإسبان", "country:ESP"),
        ("قضاة إسبان", "إسبان", "country:ESP"),
        ("فاز المغاربة", "المغاربة", "country:MAR"),
        ("نشطاء مغاربة", "مغاربة", "country:MAR"),
        ("للتوانسة", "للتوانسة", "country:TUN"),
        ("قاتل الصرب", "الصرب", "country:SRB"),
        ("والكروات", "الكروات", "country:HRV"),
        ("وصل الهنود", "الهنود", "country:IND"),
        ("عمال هنود", "هنود", "country:IND"),
        ("جنود أتراك", "أتراك", "country:TUR"),
        ("فالأمريكان", "الأمريكان", "country:USA"),
        ("الأميركان", "الأميركان", "country:USA"),
        ("والبلغار", "البلغار", "country:BGR"),
        ("السلوفاك", "السلوفاك", "country:SVK"),
        ("الطليان", "الطليان", "country:ITA"),
    ],
)
def test_broken_plurals_of_peoples(reg, text, surface, actor):
    assert hits(text, reg) == {(surface, actor, "nisba")}


@pytest.mark.parametrize(
    "text",
    [
        "اقتحم المستوطنون المسجد من جهة باب المغاربة",  # the Mughrabi Gate, not Moroccans
        "في حي المغاربة",
        "قبائل الهنود الحمر",  # Native Americans
        "هنود حمر",
    ],
)
def test_places_and_peoples_named_with_a_broken_plural(reg, text):
    assert not {m.actor_id for m in found(text, reg)} & {"country:MAR", "country:IND"}


def test_serbs_of_bosnia_are_not_serbia(reg):
    # only the definite الصرب is Serbia's people; "صرب البوسنة" are Bosnia's Serbs
    assert {m.actor_id for m in found("صرب البوسنة وكروات البوسنة", reg)} == {"country:BIH"}


def test_a_broken_plural_is_a_people_not_a_bare_body_context(reg):
    # a people (like "الأميركيين") is often the other party: no country for the bare ministry
    got = found("وقالت وزارة الخارجية إن الأتراك سيشاركون في الاجتماع.", reg)
    assert {(m.actor_id, m.match) for m in got} == {("country:TUR", "nisba")}
    got = found("وقالت وزارة الخارجية إن تركيا ستشارك في الاجتماع.", reg)
    assert ("gov:TUR:foreign", "context_country") in {(m.actor_id, m.match) for m in got}


# --- round 17 -------------------------------------------------------------------------------------


def test_israel_keeps_its_curated_metonym_and_wikidata_id(reg):
    assert reg.actors["country:ISR"].wikidata_id == "Q801"
    assert ("country:ISR", "تل ابيب", "metonym") in {
        (m.actor_id, m.surface, m.match) for m in found("وأكد الوزير أن تل ابيب تفرض حصارا", reg)
    }
    assert "country:ISR" not in {m.actor_id for m in found("وصل المصلون إلى القدس", reg)}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("تظاهر المعارضون للحكومة التايلاندية أمام المطار", "country:THA"),
        ("وقال رئيس تيمور الشرقية إن", "country:TLS"),
    ],
)
def test_spelling_variants_of_country_names(reg, text, country):
    assert country in {m.actor_id for m in found(text, reg)}


# --- round 19: a capital metonym that is also a city of its own ------------------------------------


def _cities(text: str, reg, on_date=None) -> set[tuple[str, str]]:
    """(surface, country) of the city mentions."""
    return {
        (m.surface, reg.actors[m.actor_id].country)
        for m in found(text, reg, on_date)
        if reg.actors[m.actor_id].type == "city"
    }


@pytest.mark.parametrize(
    "text",
    [
        "تظاهر الآلاف في شوارع تل أبيب ضد خطة الحكومة",
        "وقع انفجار في تل أبيب مساء أمس",
        "وألغت الشركة رحلتها من روما إلى تل أبيب",
        "ولم يتلق سكان تل أبيب أي إنذار",
    ],
)
def test_tel_aviv_after_a_place_cue_is_the_city(reg, text):
    got = found(text, reg)
    assert _cities(text, reg) == {("تل أبيب", "ISR")}
    assert ("country:ISR", "metonym") not in {(m.actor_id, m.match) for m in got}


@pytest.mark.parametrize("text", ["وأعلنت تل أبيب رفضها للمقترح", "وقال مسؤول إن تل أبيب لن تقبل بذلك"])
def test_tel_aviv_as_a_subject_stays_the_state(reg, text):
    assert ("تل أبيب", "country:ISR", "metonym") in hits(text, reg)
    assert _cities(text, reg) == set()


@pytest.mark.parametrize(
    "text",
    [
        "تجددت الاشتباكات في طرابلس بين باب التبانة وجبل محسن",  # Tripoli's own quarters
        "قتل شخصان في مدينة طرابلس شمال لبنان",  # Lebanon named
        "وزار الوفد طرابلس والشمال أمس",  # the north right after the name
        "وصل النازحون إلى طرابلس قادمين من عكار",  # a district of north Lebanon near it
    ],
)
def test_tripoli_in_a_lebanese_context_is_the_lebanese_city(reg, text):
    got = found(text, reg)
    assert _cities(text, reg) == {("طرابلس", "LBN")}
    assert "country:LBY" not in {m.actor_id for m in got}


def test_tripoli_in_a_libyan_text_stays_libya_and_alone_is_nothing(reg):
    libyan = "وصل الوفد إلى طرابلس واستقبله رئيس المجلس الرئاسي الليبي"
    assert ("طرابلس", "country:LBY", "metonym") in hits(libyan, reg)
    assert _cities(libyan, reg) == set()
    # neither state nor a place of north Lebanon: which Tripoli is unknown ("محسن" alone is a name)
    assert not any(m.surface == "طرابلس" for m in found("وصل الوفد إلى طرابلس أمس", reg))
    assert not any(m.surface == "طرابلس" for m in found("وصل محسن إلى طرابلس عبر الميناء", reg))
    # both states named: neither reading
    both = "وصل الوفد إلى طرابلس بعد زيارة لبنان وليبيا"
    assert not any(m.surface == "طرابلس" for m in found(both, reg))


def test_tripoli_is_not_lebanese_by_a_common_word_nor_tel_aviv_a_city_between_states(reg):
    # المنية is also "death" (وافته المنية)
    text = "توفي الفنان الكبير في طرابلس بعد أن وافته المنية عن عمر ناهز الثمانين"
    assert _cities(text, reg) == set()
    text = "وتتواصل المحادثات بين تل أبيب وواشنطن حول الاتفاق"
    assert ("تل أبيب", "country:ISR", "metonym") in hits(text, reg)
