"""Precision and recall of the person-name finder (``pipelines/lib/actors/names.py``).

    .venv/bin/python bench/names_eval.py [--shared PATH] [--examples N] [--sample N] [--seed S]

Counting rule (written down before the figures were looked at):

1. NewsFANE gold (``corpus/ner/NewsFANE_Gold_2014_170K.txt``), sentences rebuilt exactly as
   ``bench/actors_eval.py`` does (its ``newsfane_sentences``; each sentence matched with the
   ``CONTEXT_SENTENCES`` sentences before it prepended, only mentions inside the sentence scored).
   The finder runs on the same text as the matcher, with the matcher's mentions as ``taken``.

   PERSON CLASSES (``PERSON_CLASSES``): Politician, Other_PER, Athlete, Artist, Religious_PER,
   Scientist, Businessperson, Lawyer, Engineer, Police (in NewsFANE a Police span is a police or
   army officer by name: "اللواء عوض وديعة الله"). Every other class is not a person.

   PRECISION of the finder: every mention it returns is judged. RIGHT when it overlaps a gold span
   of a person class; WRONG when it overlaps no gold span or only spans of other classes. (A name
   the annotators missed counts as wrong: this is a floor.) Counted per mention; the number of
   distinct names is printed beside it. The matcher's own ``discovered`` mentions (a name after a
   title) are judged by the same rule and printed as a baseline.

   RECALL: Politician spans (and, as a second line, all person-class spans) found by
     a. registry mentions alone (a mention of a registry person overlaps the span, as in
        actors_eval),
     b. a. plus the matcher's title ``discovered`` mentions (what the pipeline records today),
     c. b. plus the finder's names.
   A span counts as found when any of those mentions overlaps it.
   "exact span" (a diagnostic added after the first hand check of corpus examples showed names
   running on into the sentence): the share of the finder's mentions whose span equals a
   person-class gold span exactly.

   Variants of the finder (``NameOptions``: cue for ambiguous given names only / for every name /
   never; registry first words as given names or the list alone; surname coreference on/off) are
   printed side by side, the default first.

2. ``corpus/arabic-text`` (~2,400 articles, ``text`` or else ``content``; no gold): how many names
   the finder adds over the matcher's mentions of each article's text, how many distinct, and
   ``--sample`` random examples (fixed ``--seed``) with their context, to be judged by hand.

``--examples N`` prints N wrong names and N Politician spans still missed, with context.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from actors_eval import CONTEXT_SENTENCES, PERSON_CLASSES, Span, newsfane_sentences  # noqa: E402

from pipelines.lib.actors import Mention, Registry, load_registry  # noqa: E402
from pipelines.lib.actors.matcher import find_mentions_prepared  # noqa: E402
from pipelines.lib.actors.names import NameOptions, find_person_names  # noqa: E402

VARIANTS: dict[str, NameOptions] = {
    "default": NameOptions(),
    "cue for every name": NameOptions(cue="all"),
    "no cue at all": NameOptions(cue="none"),
    "list only (no registry)": NameOptions(registry_given=False),
    "no coreference": NameOptions(coreference=False),
    "near cue only before ال": NameOptions(near_definite=True),
    "cue for non-nisba ال-word": NameOptions(definite_needs_cue=True),
    "two words after the given": NameOptions(room=2),
}


def _overlaps(m: Mention, s: Span) -> bool:
    return m.start < s.end and s.start < m.end


def _ctx(text: str, start: int, end: int, width: int = 45) -> str:
    return f"…{text[max(0, start - width) : start]}[{text[start:end]}]{text[end : end + width]}…".replace(
        "\n", " / "
    )


def eval_newsfane(reg: Registry, path: Path, examples: int) -> None:
    sentences = newsfane_sentences(path)
    # Matcher mentions once per sentence (context prepended), reused by every variant with the
    # matcher's normalised text and offset map (as actor_mention_rows hands them to the finder).
    prepared: list[tuple[str, int, list[Mention], tuple[str, list[int]]]] = []
    t0 = time.perf_counter()
    for n, (text, _spans) in enumerate(sentences):
        before = "\n".join(t for t, _ in sentences[max(0, n - CONTEXT_SENTENCES) : n])
        full = f"{before}\n{text}" if before else text
        ms, norm, offsets = find_mentions_prepared(full, reg)
        prepared.append((full, len(before) + 1 if before else 0, ms, (norm, offsets)))
    print(f"matcher over {len(sentences)} sentences: {time.perf_counter() - t0:.1f}s")

    def in_sentence(ms: list[Mention], shift: int) -> list[Mention]:
        return [replace(m, start=m.start - shift, end=m.end - shift) for m in ms if m.start >= shift]

    def judge(ms: list[Mention], spans: list[Span]) -> tuple[int, int]:
        right = sum(any(_overlaps(m, s) and s.cls in PERSON_CLASSES for s in spans) for m in ms)
        return right, len(ms)

    def exact(ms: list[Mention], spans: list[Span]) -> int:
        return sum(
            any((m.start, m.end) == (s.start, s.end) and s.cls in PERSON_CLASSES for s in spans) for m in ms
        )

    # Baselines: registry people, the matcher's title discoveries.
    reg_found: list[list[Mention]] = []
    title_found: list[list[Mention]] = []
    t_right = t_all = 0
    for (_full, shift, ms, _prep), (_text, spans) in zip(prepared, sentences, strict=True):
        mine = in_sentence(ms, shift)
        reg_found.append(
            [m for m in mine if m.actor_id in reg.actors and reg.actors[m.actor_id].type == "person"]
        )
        title_found.append([m for m in mine if m.match == "discovered"])
        r, a = judge(title_found[-1], spans)
        t_right, t_all = t_right + r, t_all + a
    print(
        f"matcher's title discoveries (baseline): {t_all} mentions, right {t_right}, "
        f"precision {t_right / max(t_all, 1):.3f}"
    )

    def recall(cls_ok, extra: list[list[Mention]] | None, with_title: bool) -> tuple[int, int]:
        found = total = 0
        for n, (_text, spans) in enumerate(sentences):
            pool = reg_found[n] + (title_found[n] if with_title else []) + (extra[n] if extra else [])
            for s in spans:
                if cls_ok(s.cls):
                    total += 1
                    found += any(_overlaps(m, s) for m in pool)
        return found, total

    def politician(c: str) -> bool:
        return c == "Politician"

    def person(c: str) -> bool:
        return c in PERSON_CLASSES

    base = {
        name: (recall(f, None, False), recall(f, None, True))
        for name, f in (("Politician", politician), ("all person classes", person))
    }
    print()
    header = f"{'variant':26} {'names':>6} {'right':>6} {'prec.':>6} {'distinct':>8}"
    header += f" {'Pol. recall':>11} {'PER recall':>10} {'exact span':>10}"
    print(header)
    for cls_name, ((f0, t0_), (f1, _t1)) in base.items():
        print(f"  baseline {cls_name}: registry alone {f0}/{t0_} = {f0 / t0_:.3f}; + title discoveries "
              f"{f1}/{t0_} = {f1 / t0_:.3f}")  # fmt: skip
    wrong_examples: list[str] = []
    for label, options in VARIANTS.items():
        names: list[list[Mention]] = []
        right = total = same = 0
        distinct: set[str] = set()
        for (full, shift, ms, prep), (text, spans) in zip(prepared, sentences, strict=True):
            found = in_sentence(find_person_names(full, reg, ms, options=options, prepared=prep), shift)
            names.append(found)
            r, a = judge(found, spans)
            right, total = right + r, total + a
            same += exact(found, spans)
            distinct |= {m.actor_id for m in found}
            if label == "default":
                for m in found:
                    if not any(_overlaps(m, s) and s.cls in PERSON_CLASSES for s in spans):
                        gold = [s.cls for s in spans if _overlaps(m, s)]
                        wrong_examples.append(f"{gold or 'O'}  {_ctx(text, m.start, m.end)}")
        pf, pt = recall(politician, names, True)
        af, at = recall(person, names, True)
        print(
            f"{label:26} {total:6d} {right:6d} {right / max(total, 1):6.3f} {len(distinct):8d}"
            f" {pf / pt:11.3f} {af / at:10.3f} {same / max(total, 1):10.3f}"
        )
        if label == "default":
            default_names = names
    if examples:
        print(f"\nwrong names (default), {min(examples, len(wrong_examples))} of {len(wrong_examples)}:")
        for line in wrong_examples[:examples]:
            print("  ", line)
        misses = []
        for n, (text, spans) in enumerate(sentences):
            pool = reg_found[n] + title_found[n] + default_names[n]
            for s in spans:
                if s.cls == "Politician" and not any(_overlaps(m, s) for m in pool):
                    misses.append(_ctx(text, s.start, s.end))
        rnd = random.Random(1)
        print(f"\nPolitician spans still missed, {min(examples, len(misses))} random of {len(misses)}:")
        for line in rnd.sample(misses, min(examples, len(misses))):
            print("  ", line)


def eval_corpus(reg: Registry, folder: Path, sample: int, seed: int) -> None:
    texts: list[tuple[str, str]] = []  # (docno, text); saudinewsnet records have no docno
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            texts.append((d.get("docno") or "", d.get("text") or d.get("content") or ""))
    t0 = time.perf_counter()
    found: list[tuple[str, str, Mention]] = []
    finder_s = 0.0
    for n, (doc, text) in enumerate(texts):
        ms, norm, offsets = find_mentions_prepared(text, reg)
        t1 = time.perf_counter()
        names = find_person_names(text, reg, ms, prepared=(norm, offsets))
        found += [(doc or f"#{n}", text, m) for m in names]
        finder_s += time.perf_counter() - t1
    per_kind = Counter("coreference" if len(m.surface.split()) == 1 else "full name" for _, _, m in found)
    print(
        f"\n== arabic-text: {len(texts)} articles, {len(found)} names ({dict(per_kind)}), "
        f"{len({m.actor_id for _, _, m in found})} distinct, in "
        f"{len({d for d, _, _ in found})} articles; finder {finder_s:.1f}s of "
        f"{time.perf_counter() - t0:.1f}s =="
    )
    rnd = random.Random(seed)
    for n, (doc, text, m) in enumerate(rnd.sample(found, min(sample, len(found))), 1):
        print(f"{n:2d}. {m.surface}  | {doc} | {_ctx(text, m.start, m.end, 50)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--examples", type=int, default=25)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    reg = load_registry()
    eval_newsfane(reg, args.shared / "corpus/ner/NewsFANE_Gold_2014_170K.txt", args.examples)
    eval_corpus(reg, args.shared / "corpus/arabic-text", args.sample, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
