"""Arabic forms: registry keys, spelling skeletons, nisba inflection and proclitics.

The loader and the matcher read text the same way through these: ``_key`` is the normalised form
every alias is stored and looked up under.
"""

from __future__ import annotations

from pipelines.lib.arabic import normalize_char, normalize_text

# Proclitics (already normalised) allowed between a word start and an alias: conjunction و/ف,
# then preposition ب/ك/ل. ال is part of the alias itself when the alias is written with it.
_PROCLITICS = frozenset({"", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"})
# Prefixes allowed before the "لX" variant of an "الX" alias (لل = ل + ال with the alef dropped).
_LAM_PROCLITICS = frozenset({"ل", "ول", "فل"})
# Nisba suffixes after the stem's base: sg m/f, pl m (nom/obl), dual m (nom/obl), dual f, pl f,
# and the indefinite accusative يا (عراقياً once harakat are dropped: "جنديا عراقيا").
_NISBA_SUFFIXES = ("ي", "ية", "يون", "يين", "يان", "يتان", "يتين", "يات", "يا")
_SHADDA = "\u0651"


def _key(text: str) -> str:
    """Registry key: normalised text with whitespace runs collapsed (same as the matcher)."""
    return " ".join(normalize_text(text).split())


def _skeleton(text: str) -> str:
    """Original spelling minus harakat/tatweel (shadda kept: it separates عمّان from عُمان)."""
    kept = "".join(ch for ch in text if ch == _SHADDA or normalize_char(ch))
    return " ".join(kept.split())


def _nisba_forms(stem: str) -> list[str]:
    """All inflected forms of a masculine singular nisba stem, without and with ال.

    A two-word stem agrees in both words: كوري جنوبي → الكورية الجنوبية، الكوريين الجنوبيين.
    """
    bases = [w[:-1] if w.endswith("ي") else w for w in stem.split()]
    forms = [" ".join(b + suffix for b in bases) for suffix in _NISBA_SUFFIXES]
    definite = [" ".join("ال" + b + suffix for b in bases) for suffix in _NISBA_SUFFIXES]
    return forms + definite


def _expand(text: str, stems: list[str]) -> list[str]:
    """Expand {nisba}/{nisba_f} with every nisba stem of the actor's country."""
    if "{nisba" not in text:
        return [text]
    out = []
    for stem in stems:
        # Each word of a two-word stem agrees: كوري جنوبي → الكورية الجنوبية / الكوري الجنوبي.
        bases = [w[:-1] if w.endswith("ي") else w for w in stem.split()]
        fem = " ".join("ال" + b + "ية" for b in bases)
        masc = " ".join("ال" + b + "ي" for b in bases)
        out.append(text.replace("{nisba_f}", fem).replace("{nisba}", masc))
    return out


def _word_prefix(norm: str, start: int, end: int) -> str | None:
    """The letters glued before a hit at ``norm[start:end]`` (at most four: a proclitic or ل of لل),
    or None when the hit does not sit on word boundaries (it ends inside a word, or more letters
    come before it: قطر is not in قطرات). The caller checks the prefix against its proclitics."""
    if end < len(norm) and norm[end].isalnum():
        return None
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalnum() and start - word_start <= 3:
        word_start -= 1
    if word_start > 0 and norm[word_start - 1].isalnum():
        return None
    return norm[word_start:start]


def _strip_proclitic(word: str) -> str:
    """The word without a glued و/ف/ب/ل/ك (only when what remains is still a word); لل → ال."""
    for pre in ("ولل", "فلل", "لل"):
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return "ال" + word[len(pre) :]
    for pre in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"):
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            return word[len(pre) :]
    return word
