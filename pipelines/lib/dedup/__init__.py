"""Near-duplicate and syndication detection: shingles, MinHash/LSH candidates, exact verification, stories.

Pipeline of :func:`find_stories`:

1. Text -> word tokens: HTML entities unescaped and stray tags removed, the cleaning stage's
   normalisation (``arabic.normalize_char`` as one Polars ``replace_many`` table), punctuation
   dropped (word regex). Articles with the same token sequence are exact copies (content hash),
   handled as one *unit* from then on.
2. Candidate pairs of units: MinHash LSH (signatures equal to datasketch ``MinHash``, bands and
   rows from datasketch's optimiser, buckets by one sort) for Jaccard, plus bottom-k sketches
   joined against every shingle for containment, because a short text inside a long page has a
   low Jaccard that plain LSH misses. Every candidate is verified with EXACT Jaccard and
   containment (``|A∩B| / min(|A|, |B|)``) on the 64-bit shingle sets.
3. Stories: inside each connected group of verified matches the best original is picked first,
   then only units that match that original DIRECTLY join it (or another part of the original's
   multi-part release, "<headline> إضافة أولى ..."), plus units copied from one of those direct
   copies whose shared text is at least ``WITNESS_SHARE`` the original's own (one step, see
   ``_story_members``); the rest form further stories the same way. So A~B, B~C, A!~C never puts
   A and C together through a shared quote, background paragraph or added paragraph.
   Articles of earlier nights (``story_id`` set) keep their story; a new article joins the
   earlier story whose original it matches best.

Output conventions:

- ``copies.method``: ``single`` (story of one article), ``original`` (original of a story with
  copies), ``exact`` (same token sequence as the original), ``minhash`` (matched by the Jaccard
  rule), ``containment`` (matched by the containment rule only), ``aligned`` (matched by the
  sentence-alignment or paraphrase second look only), ``part`` (another part of the
  original's release: not a copy, ``copy_of`` null). ``copy_of`` is the story's original, or the
  direct copy a text was copied through.
- ``pairs`` holds every verified candidate between exact-copy groups, named by each group's
  representative (smallest article_id), plus one ``exact`` row per other group member;
  ``rule`` is ``exact``, ``jaccard``, ``containment``, ``aligned_lead``, ``aligned_paraphrase``,
  ``aligned_passage``, ``aligned_trimmed``, ``aligned_reworded``, ``aligned_brief``, ``other_country`` (a
  second look refused: one template for two countries), ``other_place`` (the same below the
  country), ``shared_formula`` (a whole-text match that fails without formula shingles),
  ``too_short`` or ``below_threshold``.
- Original: never an aggregator page that bundles two unrelated matched texts (two texts inside
  it that neither match nor share ``BUNDLE_MAX_OVERLAP`` of the smaller); then the
  credited outlet's own page (``outlet_id`` == a member's ``credited_outlet``, case-insensitive);
  then earliest published date/time, earliest fetch, smallest article_id.

Default thresholds (measured on 330 real pairs labelled by reading both texts in full,
``bench/dedup_eval.py --sweep --half dev``, chosen on the dev half; see ``docs/syndication.md``
"Membership of more than one story"):

- ``shingle_size=3``, ``jaccard_threshold=0.4``, ``containment_threshold=0.6``: the best F1 with
  precision >= 0.98 on the dev half (1.000 / recall 0.849; held-out 0.983 / 0.817); 2-word
  shingles and containment 0.5 gain recall but fall below 0.98 precision; 4-8 word shingles lose recall
  on edited copies, containment 0.5 or Jaccard 0.3 merge different stories written on the same
  statement template or sharing background paragraphs (precision < 0.98).
  Only texts with at least ``min_containment_shingles`` (10) shingles may match by containment,
  so tiny texts (a caption, a name) do not match every long page that happens to contain them.
- ``lsh_threshold=0.3`` and the sketch share ``0.75 * containment_threshold`` (with
  ``align_sentences``, at most ``SKETCH_MIN_SHARE``, 0.25): candidate recall matters more than
  precision (everything is verified), so both sit below the decision rules.
- ``align_sentences=True``: candidates below both thresholds with containment >= 0.25 (0.3 before
  story_members; the candidate sketches at 0.25 since dev3, ``SKETCH_MIN_SHARE``) get a
  second look by sentence alignment (``_aligned_copy``, ``alignment.py``; rule ``aligned_lead``);
  chosen on the dev half (recall 0.849 -> 0.930, precision 1.000). These weaker matches only
  place texts the whole-text matches left alone (``_attach_aligned``), or verify a member of a
  whole-text component against its original when it also matches a placed member (shingle
  alignment only, ``_aligned_to_original``). Band pairs down to containment ``PARA_MIN_CONTAINMENT``
  that do not align get the paraphrase look (``_paraphrased_copy``, ``alignment.paraphrase``; rule
  ``aligned_paraphrase``; dev recall 0.930 -> 0.953 with the rule above, precision 1.000).
- Chosen on dev + the second development sample (``data/eval/syndication_pairs_dev2.tsv``, partial
  copies): band pairs the lead rule does not take are copies when they share a passage of at least 3
  consecutive sentences and 100 words starting in the first third of one of the texts (rule
  ``aligned_passage``, ``PASSAGE_*``), or when two sentences with content-word counterparts in order
  cover the whole shorter text and no figure differs (``PARA_FULL*``, rule ``aligned_paraphrase``).
  Both are weak evidence like the alignment rules (never merge stories, never chain).
- Formula text (chosen on dev + dev2, validated on dev3, ``FORMULA_*``): shingles found in texts of at
  least 5 groups of whole-text matches (datelines, stock sentences, shared background paragraphs) are not
  evidence: whole-text matches are re-checked without them (rule ``shared_formula``) and the second look
  skips sentences made of them. dev3 (fresh pairs): false positives 8 -> 4, two copy pairs lost.
- Trimmed copy (chosen on dev + dev2 + dev3, ``TRIM_*``, rule ``aligned_trimmed``): a band pair
  (containment >= 0.4) the other looks did not take is a copy when the shorter text is at most 3/4 of the
  longer one, >= 40 % of its informative shingles are in the longer text's lead (its first 1.5x the
  shorter text's length) and >= 30 % of its own first quarter is in the longer text, and it has no
  figure the longer text lacks: a release trimmed to its lead paragraphs, re-cut into other sentences
  (which sentence alignment cannot see). dev3 recall 0.764 -> 0.811, no false positive on the labelled sets.
- Reworded release (chosen on dev + dev2 + dev3, validated on dev4, ``REWORD_*``, rule
  ``aligned_reworded``): a band pair (containment >= 0.3) the other looks did not take is a copy when
  both texts are of about one length (>= 0.7) and >= 70 % of the shorter one's content words and >= 45 %
  of its adjacent content-word pairs occur in the other, with no figure of its own and no weekday
  conflict: one release reworded, re-cut and reordered whole (no sentence in common). dev + dev2 + dev3
  recall 0.877 -> 0.901, dev4 (fresh) 0.865 -> 0.899, no new false positive.
- Figures spelled as words (round 7, chosen on dev .. dev4, ``SPELLED_FIGURES``): the figure checks of the
  trimmed and reworded looks count a figure of the shorter text as kept when the other text writes it as
  one number word (``alignment.spelled_figures``: أربعين = 40, مائة = 100); dev4 recall 0.899 -> 0.933.
  Near misses of the containment sketch checked exactly (``SKETCH_NEAR_SHARE``) exist as a switch, off
  (+2 low-confidence pairs for +7 % CPU at 100k).
- Lead brief (round 9, chosen on dev .. dev5, ``BRIEF_*``, rule ``aligned_brief``): a band pair the other
  looks did not take is a copy when the shorter text (at most half the other's content) is wholly matched
  by content-word counterparts, the first of them the other text's lead (or two sentences or more in any
  order), with no figure or weekday of its own: a brief or a one-sentence caption condensing a release's
  lead. dev .. dev5 recall 0.901 -> 0.911, no new false positive.
- Secondary membership (``members``, ``_secondary_members``): a text primary in one story that
  carries another story's text (longer, containment >= ``SECONDARY_MIN_CONTAINMENT``, 0.7 since
  dev2, 0.8 before, of a
  whole-text match with that story's original or, by the witness rule, a direct copy; or a
  sentence-alignment match, from the longer text, with the original or a copy of Jaccard >= 0.8
  with it) is a member of that story too. Dev half, counting a pair as predicted when its texts
  share any story: recall 0.965 -> 0.977 (with the alignment floor at 0.25: 0.953 -> 0.965),
  precision 1.000.

Output ``members``: one row per (article, story whose text it carries): the ``copies`` row as the
primary one (``is_primary``), plus secondary rows (``copy_of`` = the original or the direct copy the
text is carried from, scores of that pair, ``method`` from its rule). New articles only, plus an
earlier article carrying a story that is new in this run.

Modules (one concern each; this package re-exports the public API; tests import private helpers from
their submodule):

- ``settings``: every tunable rule constant (``WITNESS_SHARE``, ``ALIGN_*``, ``PARA_*``, ``PASSAGE_*``,
  ``FORMULA_*``, ``TRIM_*``, ``SECONDARY_*``, ...). The code reads them as ``settings.NAME`` at call
  time: a sweep or a test sets ``pipelines.lib.dedup.settings.NAME`` (setting one on this package raises,
  since no rule would see it);
- ``model``: ``DedupArticle``, ``DedupResult``, output schemas, rule and method names, units and pairs;
- ``tokens``: text -> tokens -> shingles, exact overlap, sentence tokens;
- ``candidates``: MinHash LSH and containment-sketch candidate pairs;
- ``rules``: the whole-text decision and the second looks (alignment, passage, trimmed, paraphrase,
  reworded, brief);
- ``formula``: formula shingles and formula sentences;
- ``assembly``: stories (original choice, direct copies, witness rule, release parts, bundles);
- ``members``: secondary membership;
- ``frames``: output rows and frames;
- ``core``: ``find_stories``, the pipeline above.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from pipelines.lib.dedup import settings
from pipelines.lib.dedup.candidates import minhash_signatures
from pipelines.lib.dedup.core import find_stories
from pipelines.lib.dedup.frames import independent_sources
from pipelines.lib.dedup.model import (
    COPIES_SCHEMA,
    MEMBERS_SCHEMA,
    METHOD_ALIGNED,
    METHOD_CONTAINMENT,
    METHOD_EXACT,
    METHOD_MINHASH,
    METHOD_ORIGINAL,
    METHOD_PART,
    METHOD_SINGLE,
    PAIRS_SCHEMA,
    RULE_ALIGNED,
    RULE_BELOW,
    RULE_BRIEF,
    RULE_CONTAINMENT,
    RULE_EXACT,
    RULE_FORMULA,
    RULE_JACCARD,
    RULE_OTHER_COUNTRY,
    RULE_OTHER_PLACE,
    RULE_PARAPHRASE,
    RULE_PASSAGE,
    RULE_REWORDED,
    RULE_TOO_SHORT,
    RULE_TRIMMED,
    STORIES_SCHEMA,
    WEAK_RULES,
    DedupArticle,
    DedupResult,
)
from pipelines.lib.dedup.tokens import dedup_tokens, overlap, sentence_tokens, shingle_array

__all__ = [
    "COPIES_SCHEMA",
    "MEMBERS_SCHEMA",
    "METHOD_ALIGNED",
    "METHOD_CONTAINMENT",
    "METHOD_EXACT",
    "METHOD_MINHASH",
    "METHOD_ORIGINAL",
    "METHOD_PART",
    "METHOD_SINGLE",
    "PAIRS_SCHEMA",
    "RULE_ALIGNED",
    "RULE_BELOW",
    "RULE_BRIEF",
    "RULE_CONTAINMENT",
    "RULE_EXACT",
    "RULE_FORMULA",
    "RULE_JACCARD",
    "RULE_OTHER_COUNTRY",
    "RULE_OTHER_PLACE",
    "RULE_PARAPHRASE",
    "RULE_PASSAGE",
    "RULE_REWORDED",
    "RULE_TOO_SHORT",
    "RULE_TRIMMED",
    "STORIES_SCHEMA",
    "WEAK_RULES",
    "DedupArticle",
    "DedupResult",
    "dedup_tokens",
    "find_stories",
    "independent_sources",
    "minhash_signatures",
    "overlap",
    "sentence_tokens",
    "settings",
    "shingle_array",
]


def __getattr__(name: str) -> Any:
    # Reading a tunable through the package (``dedup.TRIM_LOOK``) gives the live value in settings.
    if name in vars(settings) and not name.startswith("__"):
        return getattr(settings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """Refuses to set attributes on the package: every rule reads ``settings.NAME`` (or its own module's
    names), so ``setattr(dedup, "TRIM_LOOK", False)`` would change nothing. Fail loudly instead."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) or name.startswith("__"):
            super().__setattr__(name, value)  # the import system registering a submodule
            return
        where = "pipelines.lib.dedup.settings" if hasattr(settings, name) else "the submodule that uses it"
        raise AttributeError(
            f"set {name!r} on {where}, not on the pipelines.lib.dedup package (no rule reads it there)"
        )

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"pipelines.lib.dedup: {name!r} cannot be deleted from the package")


sys.modules[__name__].__class__ = _Package
