"""Precision and recall of actor mentions against the team's gold data in ``../shared``.

    .venv/bin/python bench/actors_eval.py [--shared PATH] [--errors N]

Three evaluations, each printed per class and overall:

1. NewsFANE gold (``corpus/ner/NewsFANE_Gold_2014_170K.txt``, newswire 2002-2006). The class
   mapping is fixed here, before measuring (``CLASS_MAP``): a gold span is found when a mention
   overlaps it and the mention's actor type is one the class accepts. The text is clitic-segmented;
   sentences are rebuilt with the proclitics و ف ب ك ل glued back onto the next token (ل + ال → لل)
   so the matcher sees ordinary written Arabic; gold offsets point at the token after the clitic.
   Precision counts every mention of the matcher as a prediction; "judged" precision leaves out
   the mentions NewsFANE cannot judge (adjectival nisba forms and title phrases: the gold never
   annotates adjectives or role nouns, so an unannotated "الأميركية" is neither right nor wrong there).
2. Arabic event GSR (``corpus/actors/arabic_event_gsr``): source/target actor spans with a CAMEO
   country code (``main``). A span is found when a mention inside it belongs to that country (a
   country, or a government/person/group of it); precision = mentions inside coded spans whose
   country equals the code (mentions of actors without a country, e.g. the UN, are not judged).
3. The seed case (``seed/expected.json``): every "must" actor found, no "must_not" actor found.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.lib.actors import Mention, Registry, find_mentions, load_registry  # noqa: E402

# NewsFANE class -> actor types (of our registry) that count as the same entity.
# The issue names Nation, Politician, Government, Group and "Organisation"; NewsFANE has no
# Organisation class: its organisations are "Non-Governmental" (UN, EU, Hezbollah, Hamas, OPEC,
# al-Qaeda, the Arab League ...). "Group" is a people (العرب, الإسرائيليين, الشيعة): our nisba nouns.
CLASS_MAP: dict[str, set[str]] = {
    "Nation": {"country"},
    "Politician": {"person"},
    "Government": {"government"},
    "Group": {"country"},  # only nisba nouns of countries (الإسرائيليين); العرب/الشيعة are not actors
    "Non-Governmental": {"igo", "armed_group", "organization"},
    "Media": {"media"},
}
# Classes a mention may also overlap without being wrong (capitals and territories read as their
# country by metonymy: واشنطن is a Population-Center in NewsFANE and the United States for us).
ALSO_ACCEPTED: dict[str, set[str]] = {
    "country": {"Population-Center", "State-or-Province", "County-or-District", "Building-Grounds"},
    "government": {"Building-Grounds", "Population-Center", "Police"},
    "person": {"Police", "Other_PER"},
}
PROCLITICS = {"و", "ف", "ب", "ك", "ل"}
LRM = "\u200e"


@dataclass
class Span:
    start: int
    end: int
    cls: str
    text: str


def newsfane_sentences(path: Path) -> list[tuple[str, list[Span]]]:
    """Sentences as (text, gold spans) with proclitic tokens glued to the following token."""
    sentences: list[tuple[str, list[Span]]] = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        parts: list[str] = []
        pos = 0
        spans: list[Span] = []
        current: Span | None = None
        glue = False
        for tok, tag in tokens:
            if parts and not glue:
                parts.append(" ")
                pos += 1
            text_tok = tok
            if glue and parts and parts[-1] == "ل" and tok.startswith("ال"):
                text_tok = tok[1:]  # ل + ال -> لل (the alef is dropped in writing)
            start = pos
            parts.append(text_tok)
            pos += len(text_tok)
            glue = tok in PROCLITICS and tag == "O"
            if tag.startswith("B-"):
                current = Span(start, pos, tag[2:], "")
                spans.append(current)
            elif tag.startswith("I-") and current is not None and current.cls == tag[2:]:
                current.end = pos
            else:
                current = None
        text = "".join(parts)
        for s in spans:
            s.text = text[s.start : s.end]
        sentences.append((text, spans))
        tokens.clear()

    with path.open(encoding="utf-8-sig") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            tok, _, tag = line.partition("\t")
            tok = tok.replace(LRM, "").strip()
            if not tok:
                flush()
                continue
            tokens.append((tok, tag.strip() or "O"))
    flush()
    return sentences


def _is_adjectival(m: Mention) -> bool:
    """Nisba adjectives (الأميركية, عراقي) vs nisba nouns of a people (الإسرائيليين, العراقيون)."""
    return m.match == "nisba" and not m.surface.rstrip().endswith(("يون", "يين", "ين", "ون", "اك", "راد"))


def eval_newsfane(reg: Registry, path: Path, show_errors: int) -> dict[str, float]:
    sentences = newsfane_sentences(path)
    gold_total: Counter[str] = Counter()
    gold_found: Counter[str] = Counter()
    pred_total: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    unjudged: Counter[str] = Counter()
    misses: dict[str, Counter[str]] = defaultdict(Counter)
    false: Counter[str] = Counter()
    for text, spans in sentences:
        # Discovered names (not in the registry) are for review, not scored.
        mentions = [m for m in find_mentions(text, reg) if m.actor_id in reg.actors]
        for s in spans:
            if s.cls not in CLASS_MAP:
                continue
            gold_total[s.cls] += 1
            ok = any(
                m.start < s.end and s.start < m.end and reg.actors[m.actor_id].type in CLASS_MAP[s.cls]
                for m in mentions
            )
            if s.cls == "Group":  # a people is found by a nisba noun only
                ok = any(m.start < s.end and s.start < m.end and m.match == "nisba" for m in mentions)
            gold_found[s.cls] += ok
            if not ok:
                misses[s.cls][s.text] += 1
        outer = [m for m in mentions if reg.actors[m.actor_id].type != "country" or m.match != "nisba"]
        for m in mentions:
            kind = reg.actors[m.actor_id].type
            over = [s for s in spans if m.start < s.end and s.start < m.end]
            nested = any(o is not m and o.start <= m.start and m.end <= o.end for o in outer)
            if not over and (_is_adjectival(m) or m.match == "title" or nested):
                unjudged[kind] += 1
                continue
            pred_total[kind] += 1
            good = any(
                kind in CLASS_MAP.get(s.cls, set()) or s.cls in ALSO_ACCEPTED.get(kind, set()) for s in over
            )
            if not good and nested:
                good = True  # the country inside a correct government/title span (الحكومة اللبنانية)
            if good:
                pred_ok[kind] += 1
            else:
                false[f"{m.surface} -> {m.actor_id} [{','.join(s.cls for s in over) or 'O'}]"] += 1
    print(f"\n== NewsFANE ({len(sentences)} sentences) ==")
    print(f"{'gold class':<18}{'gold':>6}{'found':>7}{'recall':>8}")
    for cls in CLASS_MAP:
        n = gold_total[cls]
        print(f"{cls:<18}{n:>6}{gold_found[cls]:>7}{gold_found[cls] / max(n, 1):>8.3f}")
    print(f"{'predicted type':<18}{'pred':>6}{'right':>7}{'prec.':>8}{'unjudged':>10}")
    for kind in sorted(set(pred_total) | set(unjudged)):
        n = pred_total[kind]
        print(f"{kind:<18}{n:>6}{pred_ok[kind]:>7}{pred_ok[kind] / max(n, 1):>8.3f}{unjudged[kind]:>10}")
    tp_p = sum(pred_ok.values())
    n_p = sum(pred_total.values())
    if show_errors:
        print("false positives:", false.most_common(show_errors))
        for cls in CLASS_MAP:
            print(f"missed {cls}:", misses[cls].most_common(show_errors))
    return {
        "judged_precision": tp_p / max(n_p, 1),
        "strict_precision": tp_p / max(n_p + sum(unjudged.values()), 1),
        **{f"recall_{cls}": gold_found[cls] / max(gold_total[cls], 1) for cls in CLASS_MAP},
    }


def _locate(text: str, tokens: list[str]) -> tuple[int, int] | None:
    joined = " ".join(tokens)
    pos = text.find(joined)
    if pos >= 0:
        return pos, pos + len(joined)
    first = text.find(tokens[0])
    last = text.find(tokens[-1], max(first, 0))
    if first >= 0 and last >= 0:
        return first, last + len(tokens[-1])
    return None


def eval_gsr(reg: Registry, folder: Path, show_errors: int) -> dict[str, float]:
    spans_total = spans_found = pred_total = pred_ok = 0
    misses: Counter[str] = Counter()
    false: Counter[str] = Counter()
    codes = {a.country for a in reg.actors.values() if a.type == "country"}
    for name in ("assault_spans.json", "protest_spans.json"):
        for item in json.loads((folder / name).read_text(encoding="utf-8")):
            text = item["text"]
            mentions = [m for m in find_mentions(text, reg) if m.actor_id in reg.actors]
            seen: set[tuple[int, int, str]] = set()
            for span in item["spans"]:
                for side in ("source", "target"):
                    tokens = span.get(f"{side}_actor") or []
                    role = span.get(f"{side}_role") or {}
                    main = role.get("main") if isinstance(role, dict) else None
                    if not tokens or main not in codes:
                        continue
                    where = _locate(text, tokens)
                    if where is None:
                        continue
                    key = (where[0], where[1], main)
                    if key in seen:
                        continue
                    seen.add(key)
                    inside = [m for m in mentions if where[0] <= m.start and m.end <= where[1]]
                    spans_total += 1
                    hit = False
                    for m in inside:
                        country = reg.actors[m.actor_id].country
                        if country is None:
                            continue
                        pred_total += 1
                        if country == main:
                            pred_ok += 1
                            hit = True
                        else:
                            false[f"{m.surface} -> {m.actor_id} (gold {main})"] += 1
                    spans_found += hit
                    if not hit:
                        misses[f"{' '.join(tokens)} ({main})"] += 1
    precision = pred_ok / max(pred_total, 1)
    recall = spans_found / max(spans_total, 1)
    print("\n== Arabic event GSR: actor spans with a country code ==")
    print(f"spans {spans_total}  found {spans_found}  recall {recall:.3f}")
    print(f"mentions in coded spans {pred_total}  right country {pred_ok}  precision {precision:.3f}")
    if show_errors:
        print("wrong country:", false.most_common(show_errors))
        print("missed spans:", misses.most_common(show_errors))
    return {"precision": precision, "recall": recall}


def eval_seed(reg: Registry, seed: Path) -> dict[str, float]:
    expected = json.loads((seed / "expected.json").read_text(encoding="utf-8"))
    text = (seed / "000_9b351265d7e7fd64.txt").read_text(encoding="utf-8")
    # The seed scrape holds both articles plus the aggregator's chrome; each article is evaluated
    # on its own text and date (the same cut as tests/lib/test_actors.py).
    first = text[text.index("في خضم") : text.index("على الأرض.") + len("على الأرض.")]
    segments = [first, text[text.index("أكد وزير الدفاع") :]]
    by_name = {a.name_en: a.actor_id for a in reg.actors.values()}
    must = must_found = banned_found = 0
    print("\n== seed case ==")
    for segment_text, spec in zip(segments, expected["pages"][0]["segments"], strict=True):
        mentions = find_mentions(segment_text, reg, date.fromisoformat(spec["published"]))
        found_ids = {m.actor_id for m in mentions}
        for want in spec["actors"]["must"]:
            must += 1
            ok = by_name.get(want["name_en"]) in found_ids
            must_found += ok
            if not ok:
                print("  missing:", want["name_en"])
        for name in spec["actors"]["must_not"]:
            if by_name.get(name) in found_ids:
                banned_found += 1
                print("  must-not found:", name)
    print(f"must actors {must_found}/{must}  must-not actors found {banned_found}")
    return {"recall": must_found / max(must, 1), "must_not": banned_found}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent errors")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"shared corpus not found at {corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    reg = load_registry()
    print(f"registry: {len(reg.actors)} actors, {len(reg.keys)} keys ({time.perf_counter() - t0:.2f}s)")
    t0 = time.perf_counter()
    fane = eval_newsfane(reg, corpus / "ner" / "NewsFANE_Gold_2014_170K.txt", args.errors)
    gsr = eval_gsr(reg, corpus / "actors" / "arabic_event_gsr", args.errors)
    seed = eval_seed(reg, args.shared / "seed") if (args.shared / "seed").is_dir() else None
    print(f"\n(matched in {time.perf_counter() - t0:.1f}s)")
    print("\n== summary ==")
    for k, v in fane.items():
        print(f"NewsFANE {k:<26}{v:.3f}")
    print(f"GSR precision {gsr['precision']:.3f}  recall {gsr['recall']:.3f}")
    if seed:
        print(f"seed must recall {seed['recall']:.3f}  must-not found {int(seed['must_not'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
