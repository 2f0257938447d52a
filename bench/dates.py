"""Date quality: our chain and grammar side by side with htmldate alone and dateparser alone.

Run: ``.venv/bin/python -m bench.dates`` (or ``python bench/dates.py``). Reads ``../shared``:

* ``corpus/html/index.jsonl``: the 174 pages with a human publication date (the 8 Arabic
  pages listed one by one); ours vs htmldate (its defaults, and ``original_date=True``).
* The visible date lines our chain read on those pages: ours vs dateparser on the same line.
* ``corpus/dates/duckling-ar-time.tsv`` and ``dateparser-ar-fa.tsv``: every row is put in an
  expression family *from its input alone* (``duckling_family``/``dateparser_family``); a family
  is covered by the grammar or not, decided before scoring. Accuracy on the covered rows, plus
  all rows, for ours and dateparser (auto language, and ``languages=['ar']``).
* ``hijri-gregorian-pairs.tsv``: each pair written as an Arabic Hijri date ("15 جمادى الأولى
  1343 هـ") through our grammar, vs dateparser's HijriCalendar on "15-05-1343".
* The seed (``seed/expected.json``): page and segment publication dates, and the dates each
  segment mentions resolved against the segment's own date.
"""

from __future__ import annotations

import calendar
import csv
import gzip
import json
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `python bench/dates.py` as well as `python -m bench.dates`
    sys.path.insert(0, str(REPO))

from pipelines.lib.dates import _HIJRI_MONTH_FORMS, find_date_mentions, publication_date  # noqa: E402
from pipelines.lib.encoding import decode_html  # noqa: E402

SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
warnings.filterwarnings("ignore")  # dateparser's pytz/regex deprecation noise


def _pct(ok: int, n: int) -> str:
    return f"{ok}/{n} = {ok / n:.3f}" if n else "n/a"


def _dp_parse(text: str, base: datetime, languages: list[str] | None = None) -> date | None:
    import dateparser

    try:
        found = dateparser.parse(text, languages=languages, settings={"RELATIVE_BASE": base})
    except Exception:
        return None
    return found.date() if found else None


# ------------------------------------------------------------------------------------------------
# Publication dates on the corpus pages
# ------------------------------------------------------------------------------------------------


def _htmldate(html: str, url: str | None, **kwargs) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, url=url, **kwargs)
    except Exception:
        return None


def publication_dates() -> dict[str, float]:
    base = CORPUS / "html"
    rows = [json.loads(line) for line in (base / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r.get("date")]
    systems = ("ours", "htmldate", "htmldate-original")
    ok: dict[str, Counter] = {s: Counter() for s in systems}
    arabic: list[tuple] = []
    lines: list[tuple[str, str]] = []
    elapsed = Counter()
    for row in rows:
        raw = (base / row["file"]).read_bytes()
        if row.get("gzip"):
            raw = gzip.decompress(raw)
        html, _ = decode_html(raw, None)
        started = time.perf_counter()
        ours = publication_date(html, row["url"])
        elapsed["ours"] += time.perf_counter() - started
        got = {"ours": ours.published_date.isoformat() if ours.published_date else None}
        for name, kwargs in (("htmldate", {}), ("htmldate-original", {"original_date": True})):
            started = time.perf_counter()
            got[name] = _htmldate(html, row["url"], **kwargs)
            elapsed[name] += time.perf_counter() - started
        is_arabic = row.get("lang") == "ar"
        for name in systems:
            verdict = "right" if got[name] == row["date"] else "empty" if got[name] is None else "wrong"
            ok[name][verdict] += 1
            if is_arabic:
                ok[name][f"ar-{verdict}"] += 1
        if is_arabic:
            arabic.append((row["id"], row["date"], got["ours"], ours.source, got["htmldate"]))
        if ours.source == "visible" and ours.surface:
            lines.append((ours.surface, row["date"]))
    n, n_ar = len(rows), len(arabic)
    print(f"\n## Publication dates: {n} corpus pages with a human date ({n_ar} Arabic)")
    header = (
        ("right", 16),
        ("wrong", 8),
        ("empty", 8),
        ("Arabic right", 16),
        ("Arabic wrong", 14),
        ("time", 8),
    )
    print(f"{'system':<20}" + "".join(f"{name:>{width}}" for name, width in header))
    for name in systems:
        c = ok[name]
        print(
            f"{name:<20}{_pct(c['right'], n):>16}{c['wrong']:>8}{c['empty']:>8}"
            f"{_pct(c['ar-right'], n_ar):>16}{c['ar-wrong']:>14}{elapsed[name]:>7.1f}s"
        )
    print("Arabic pages (id, gold, ours, our source, htmldate):")
    for item in arabic:
        print("  ", *item)
    _date_lines(lines)
    return {
        "pub_ours": ok["ours"]["right"] / n,
        "pub_htmldate": ok["htmldate"]["right"] / n,
        "pub_arabic_wrong": ok["ours"]["ar-wrong"],
    }


def _date_lines(lines: list[tuple[str, str]]) -> None:
    """The same visible date lines through dateparser alone (it is given the line only)."""
    from pipelines.lib.dates import parse_date_line

    base = datetime(2024, 1, 1)
    scores = Counter()
    for line, gold in lines:
        scores["ours"] += str(parse_date_line(line)) == gold
        scores["dateparser"] += str(_dp_parse(line, base)) == gold
        scores["dateparser-ar"] += str(_dp_parse(line, base, ["ar", "en"])) == gold
    n = len(lines)
    print(f"Visible date lines read by our chain on those pages ({n}), the same line given to each parser:")
    for name in ("ours", "dateparser", "dateparser-ar"):
        print(f"  {name:<18}{_pct(scores[name], n)}")


# ------------------------------------------------------------------------------------------------
# Expression families (decided from the input text alone, before scoring)
# ------------------------------------------------------------------------------------------------

_NOT_COVERED: list[tuple[str, str]] = [
    # (family, pattern on the input): the grammar does not read these; they are scored apart.
    ("time of day / now", r"الساع|:\d|\d:|صباح|مساء|فجر|عصر|ظهر|الصبح|الظهر|المغرب|العشاء|حالا|الان|اللحظه"),
    ("holiday", r"عيد|رمضان|السنه الهجريه|كريسماس"),
    ("day range inside a month", r"\d\s*(?:-|الى)\s*\d|من\s+.{1,30}?\s+(?:وحتى|الى)\s|\d+\s+الى"),
    ("part of a month (early/mid/late)", r"اوائل|اواخر|منتصف|نص\s|نصف|بدايه"),
    ("nth or last weekday/day/week of a month", r"اخر|الاخير|^(?:اول|ثاني|ثان|ثالث)\s|اول\s+اسبوع"
                                                 r"|الاسبوع\s+الاول|^(?:ال)?(?:اثنين|ثلاثاء?|اربعاء?|خميس|جمعه|سبت|احد)\s+ال(?:اول|ثاني|ثالث)"
                                                 r"[ىيه]?\s+من"),
    ("month written as a number", r"شهر\s+(?:\d|ثلاث|عشره|التاسع|الثامن)|الشهر\s+ال(?:تاسع|ثامن)"
                                  r"|^\d+/\d{4}$"),
    ("weekday + ordinal day without a month", r"^(?:ال)?(?:سبت|احد)\s+ال\S+\s+عشر"),
    ("day of 'this month'", r"من\s+هذا\s+الشهر"),
    ("'the previous day', 'the following week/month' (relative to a narrated event)",
     r"^اليوم\s+(?:الماضي|السابق|المنصرم)$|\sالتالي$"),
    ("misspelt word (الماض)", r"الماض$"),
    ("'from a week' (colloquial ago)", r"^من\s+اسبوع"),
    ("span from now (within two weeks, next three weeks)", r"خلال\s+اسبوعين|الاسابيع"),
    ("bare weekday (reference: next occurrence; ours: most recent, by the issue's rule)",
     r"^(?:هذا\s+)?(?:ال)?(?:اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)$"),
]  # fmt: skip


def _norm(text: str) -> str:
    from pipelines.lib.arabic import normalize_char

    return "".join(normalize_char(ch)[:1] for ch in text).strip()


def _norm_pattern(pattern: str) -> str:
    """Arabic letters normalised like the inputs (ى->ي, ئ->ي, ة->ه); ASCII regex syntax untouched."""
    return "".join(ch if ch.isascii() else _norm(ch) for ch in pattern)


_NOT_COVERED_RE = [(name, re.compile(_norm_pattern(p))) for name, p in _NOT_COVERED]


def duckling_family(text: str) -> tuple[str, bool]:
    norm = _norm(text)
    for name, pattern in _NOT_COVERED_RE:
        if pattern.search(norm):
            return name, False
    return "covered", True


def _longest(text: str, anchor: date):
    found = find_date_mentions(text, anchor)
    return max(found, key=lambda m: (m.end - m.start, -m.start)) if found else None


def duckling() -> dict[str, float]:
    path = CORPUS / "dates" / "duckling-ar-time.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    anchor = date(2013, 2, 12)  # the reference time's local day (2013-02-12T04:30-02:00)
    base = datetime(2013, 2, 12, 4, 30)
    tally: dict[str, Counter] = defaultdict(Counter)
    misses: list[str] = []
    for row in rows:
        family, covered = duckling_family(row["input"])
        family = family if not covered else "covered families: day words, weekdays, weeks/months/years, dates"
        if row["expected_kind"] == "no_time":
            family, covered = "no date (negative)", True
            expected = None
        else:
            expected = date.fromisoformat(row["expected_start"][:10])
        mention = _longest(row["input"], anchor)
        ours = mention.value if mention else None
        answers = {
            "ours": ours,
            "dateparser": _dp_parse(row["input"], base),
            "dateparser-ar": _dp_parse(row["input"], base, ["ar"]),
        }
        key = "covered" if covered else "not covered"
        for group in {key, family}:
            tally[group]["n"] += 1
            for name, value in answers.items():
                tally[group][name] += value == expected
        if covered and ours != expected:
            misses.append(f"{row['input']} -> ours {ours}, expected {expected}")
    print(f"\n## Duckling Arabic time corpus ({len(rows)} rows; reference day {anchor})")
    _table(tally, ("ours", "dateparser", "dateparser-ar"))
    for line in misses:
        print("  covered miss:", line)
    covered = tally["covered"]
    return {"duckling_covered": covered["ours"] / covered["n"]}


def _table(tally: dict[str, Counter], systems: tuple[str, ...]) -> None:
    print(f"{'family':<86}{'n':>4}" + "".join(f"{s:>16}" for s in systems))
    order = ["covered", "not covered", *sorted(k for k in tally if k not in ("covered", "not covered"))]
    for key in order:
        c = tally[key]
        print(f"{key[:85]:<86}{c['n']:>4}" + "".join(f"{_pct(c[s], c['n']):>16}" for s in systems))


_EN_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}


def dateparser_family(row: dict) -> tuple[str, bool]:
    kind, text = row["expected_kind"], row["input"]
    if kind == "relative_ago":
        return ("composite duration", False) if "," in text else ("relative days", True)
    if kind == "datetime":
        return (
            ("Hijri numeric, 4-digit year", True)
            if re.search(r"\d{4}", text)
            else ("Hijri numeric, 2-digit year (needs a calendar setting)", False)
        )
    if kind == "translation_en":
        en = row["expected"]
        if re.search(r"(hour|minute)", en):
            return "hours/minutes ago", False
        if _norm(text) == _norm("اليوم السابق"):
            return "'the previous day' (narrative-relative)", False
        return (
            ("absolute with time", True) if re.search(r"\d{4}", en) else ("relative days / durations", True)
        )
    if kind == "search_and_parse":
        return f"dates in a sentence ({row['lang']})", True
    return "not a date value (tokens, language detection)", False


def _dateparser_expected(row: dict, anchor: date) -> list[date | None] | None:
    kind, expected = row["expected_kind"], row["expected"]
    if kind == "relative_ago":
        offset = json.loads(expected)
        if set(offset) != {"days"}:
            return None
        return [anchor - timedelta(days=offset["days"])]
    if kind == "datetime":
        return [date.fromisoformat(expected[:10])]
    if kind == "translation_en":
        m = re.match(r"(\d+) day ago$", expected)
        if m:
            return [anchor - timedelta(days=int(m[1]))]
        if re.search(r"ago \d+ (?:hour|minute)", expected):
            return [anchor]  # a few hours before noon on the reference day
        m = re.match(r"(\d+) (\w+) (\d{4})", expected)
        if m:
            return [date(int(m[3]), _EN_MONTHS[m[2]], int(m[1]))]
        return [None]  # a bare duration ("2 day", "4 year") is not a date
    if kind == "search_and_parse":
        return [date.fromisoformat(v[:10]) for _text, v in json.loads(expected)]
    return None


def dateparser_cases() -> dict[str, float]:
    import dateparser.search
    from dateparser.calendars.hijri import HijriCalendar

    path = CORPUS / "dates" / "dateparser-ar-fa.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    anchor = date(2013, 2, 12)
    base = datetime(2013, 2, 12, 12, 0)
    tally: dict[str, Counter] = defaultdict(Counter)
    misses: list[str] = []
    scored = 0
    for row in rows:
        expected = _dateparser_expected(row, anchor)
        family, covered = dateparser_family(row)
        if expected is None:
            tally["not covered"]["n"] += 1
            tally[family]["n"] += 1
            continue
        scored += 1
        text = row["input"]
        lang = [row["lang"]] if row["lang"] else None
        found = find_date_mentions(text, anchor)
        if row["expected_kind"] == "search_and_parse":
            ours = [m.value for m in found]
            hits = dateparser.search.search_dates(text, settings={"RELATIVE_BASE": base}) or []
            dp = [d.date() for _t, d in hits]
            hits = (
                dateparser.search.search_dates(text, languages=lang, settings={"RELATIVE_BASE": base}) or []
            )
            dp_lang = [d.date() for _t, d in hits]
        elif row["expected_kind"] == "datetime":
            ours = [m.value for m in found[:1]] or [None]
            try:
                got = HijriCalendar(text.strip()).get_date()
                dp = [got.date_obj.date() if got and got.date_obj else None]
            except Exception:
                dp = [None]
            dp_lang = dp
        else:
            longest = _longest(text, anchor)
            ours = [longest.value if longest else None]
            dp = [_dp_parse(text, base)]
            dp_lang = [_dp_parse(text, base, lang)]
        key = "covered" if covered else "not covered"
        for k in (key, family):
            tally[k]["n"] += 1
            tally[k]["ours"] += ours == expected
            tally[k]["dateparser"] += dp == expected
            tally[k]["dateparser-lang"] += dp_lang == expected
        if covered and ours != expected:
            misses.append(f"{text.strip()[:60]} -> ours {ours}, expected {expected}")
    print(f"\n## dateparser Arabic/Persian test cases ({len(rows)} rows, {scored} with a date value; "
          f"relative ones on {anchor})")  # fmt: skip
    _table(tally, ("ours", "dateparser", "dateparser-lang"))
    for line in misses:
        print("  covered miss:", line)
    covered = tally["covered"]
    return {"dateparser_covered": covered["ours"] / covered["n"]}


# ------------------------------------------------------------------------------------------------
# Hijri pairs and the seed
# ------------------------------------------------------------------------------------------------


def hijri_pairs() -> dict[str, float]:
    from dateparser.calendars.hijri import HijriCalendar

    path = CORPUS / "dates" / "hijri-gregorian-pairs.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    ok = Counter()
    misses: list[str] = []
    for i, row in enumerate(rows):
        y, m, d = (int(p) for p in row["hijri_ymd"].split("-"))
        expected = date.fromisoformat(row["gregorian_ymd"])
        forms = _HIJRI_MONTH_FORMS[m]
        text = f"وقع ذلك في {d} {forms[i % len(forms)]} {y} هـ"  # every spelling of the month in turn
        found = find_date_mentions(text, None)
        ours = found[0].value if len(found) == 1 else None
        ok["ours"] += ours == expected
        if ours != expected:
            misses.append(f"{text} -> {ours}, expected {expected}")
        try:
            got = HijriCalendar(f"{d:02d}-{m:02d}-{y}").get_date()
            ok["dateparser"] += bool(got and got.date_obj and got.date_obj.date() == expected)
        except Exception:
            pass
    n = len(rows)
    print(f"\n## Hijri-Gregorian pairs ({n}, Umm al-Qura)")
    print(f"  ours (Arabic text through the grammar, hijridate)  {_pct(ok['ours'], n)}")
    print(f"  dateparser HijriCalendar on 'dd-mm-yyyy'           {_pct(ok['dateparser'], n)}")
    for line in misses[:10]:
        print("  miss:", line)
    return {"hijri": ok["ours"] / n}


def seed() -> dict[str, float]:
    """The seed through the pipeline's own functions: extraction, segment dates, ``date_mention_rows``."""
    from pipelines.lib import schemas
    from pipelines.lib.articles import _segment_date
    from pipelines.lib.clean import extract_page
    from pipelines.lib.mentions import date_mention_rows

    spec = json.loads((SHARED / "seed" / "expected.json").read_text(encoding="utf-8"))
    ok = Counter()
    n = Counter()
    for page in spec["pages"]:
        html = (SHARED / "seed" / page["file"]).read_text(encoding="utf-8")
        n["page"] += 1
        ok["page-ours"] += publication_date(html, page.get("url")).published_date == date.fromisoformat(
            page["page_published"]
        )
        ok["page-htmldate"] += _htmldate(html, page.get("url"), original_date=True) == page["page_published"]
        extraction = extract_page(html, page.get("url"))
        for segment, wanted in zip(extraction.segments, page["segments"], strict=False):
            published, _at, _source, surface = _segment_date(segment, extraction)
            n["segment"] += 1
            ok["segment-ours"] += published == date.fromisoformat(wanted["published"])
            article = {"article_id": "a", "published_date": published, "published_surface": surface,
                       "text": segment.text, "crawl_date": date(2025, 1, 15)}  # fmt: skip
            found = date_mention_rows(schemas.frame("articles", [article])).to_dicts()
            for item in wanted["dates"]:
                n["mention"] += 1
                hits = [m for m in found if m["surface"] == item["surface"]]
                if item.get("context") and item["context"] in segment.text:
                    at = segment.text.index(item["context"])
                    end = at + len(item["context"])
                    hits = [m for m in hits if m["start_char"] is not None and at <= m["start_char"] < end]
                value = date.fromisoformat(item["value"])
                ok["mention-ours"] += (
                    bool(hits) and hits[0]["value"] == value and hits[0]["kind"] == item["kind"]
                )
                base = (
                    datetime.combine(published, datetime.min.time()) if published else datetime(2024, 12, 10)
                )
                ok["mention-dateparser"] += _dp_parse(item["surface"], base) == value
    print("\n## Seed (through extraction, segment dates and date_mention_rows)")
    print(f"  page publication dates      ours {_pct(ok['page-ours'], n['page'])}   "
          f"htmldate {_pct(ok['page-htmldate'], n['page'])}")  # fmt: skip
    print(f"  segment publication dates   ours {_pct(ok['segment-ours'], n['segment'])}")
    print(f"  dates mentioned             ours {_pct(ok['mention-ours'], n['mention'])}   "
          f"dateparser (given the exact surface and the segment's date) "
          f"{_pct(ok['mention-dateparser'], n['mention'])}")  # fmt: skip
    total = n["page"] + n["segment"] + n["mention"]
    return {"seed": (ok["page-ours"] + ok["segment-ours"] + ok["mention-ours"]) / total}


def main() -> int:
    if not CORPUS.is_dir() or not (SHARED / "seed").is_dir():
        print(f"shared corpus not found at {SHARED}: nothing to measure")
        return 0
    started = time.perf_counter()
    results: dict[str, float] = {}
    steps: list[Callable[[], dict[str, float]]] = [
        publication_dates,
        duckling,
        dateparser_cases,
        hijri_pairs,
        seed,
    ]
    for step in steps:
        results.update(step())
    goals = [
        ("publication dates on the corpus pages >= 0.97", results["pub_ours"] >= 0.97, results["pub_ours"]),
        ("no Arabic page with a wrong date", results["pub_arabic_wrong"] == 0, results["pub_arabic_wrong"]),
        ("Duckling covered >= 0.95", results["duckling_covered"] >= 0.95, results["duckling_covered"]),
        ("dateparser covered >= 0.95", results["dateparser_covered"] >= 0.95, results["dateparser_covered"]),
        ("every Hijri pair right", results["hijri"] == 1.0, results["hijri"]),
        ("every seed date right", results["seed"] == 1.0, results["seed"]),
    ]
    print("\n## Goals")
    for name, reached, value in goals:
        print(f"  {'reached' if reached else 'NOT reached':<12} {name}  ({value:.3f})")
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
