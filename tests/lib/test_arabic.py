"""Tests for Arabic normalisation with offsets (invented strings)."""

from __future__ import annotations

import random

import pytest

from pipelines.lib.arabic import arabic_share, normalize, normalize_char, normalize_text, words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مَدْرَسَةٌ", "مدرسه"),  # harakat dropped, ة → ه
        ("جـــميل", "جميل"),  # tatweel dropped
        ("أحمد إبراهيم آمال ٱلبيت", "احمد ابراهيم امال البيت"),  # alef/hamza forms
        ("مستشفى", "مستشفي"),  # ى → ي
        ("سؤال رئيس", "سوال رييس"),  # ؤ → و, ئ → ي
        ("کتاب یوم", "كتاب يوم"),  # Persian kaf and yeh
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic digits
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian digits
        ("«قال» “نعم” ‘لا’", '"قال" "نعم" \'لا\''),  # quotes
        ("عمان – بيروت — دمشق", "عمان - بيروت - دمشق"),  # dashes
        ("نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),  # Arabic punctuation
        ("Hello WORLD", "hello world"),  # case folded
        ("كلمة\u200cأخرى\u200f", "كلمهاخري"),  # zero-width and bidi marks dropped
        ("a\u00a0b", "a b"),  # no-break space
        ("ﻣﺤﻤﺪ ﺍﻟﻌﺮﺑﻲ", "محمد العربي"),  # presentation forms (old / PDF-derived pages)
        ("ٵحمد ۀ ۃ ھ ے", "احمد ه ه ه ي"),  # Persian/Urdu hamza-carrier and heh/yeh variants
        ("١٫٥٪ و١٬٠٠٠", "1.5% و1,000"),  # Arabic decimal, thousands and percent signs
    ],
)
def test_normalize_text_folds_variants(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected
    assert normalize(raw).text == expected


def test_offsets_have_trailing_length_entry() -> None:
    raw = "قالَ الوزيـرُ"
    result = normalize(raw)
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(raw)


def test_original_span_round_trip_with_dropped_marks() -> None:
    raw = "وصلَ الرئيسُ إلى بغدادَ اليومَ"
    result = normalize(raw)
    target = "بغداد"
    start = result.text.index(target)
    o_start, o_end = result.original_span(start, start + len(target))
    # The mapped span starts and ends on the word (the trailing fatha after the last letter is excluded).
    assert raw[o_start:o_end] == "بغداد"
    assert normalize_text(raw[o_start:o_end]) == target


def test_original_span_inner_diacritics_kept() -> None:
    raw = "زارَ مُحَمَّدٌ المدينةَ"
    result = normalize(raw)
    start = result.text.index("محمد")
    o_start, o_end = result.original_span(start, start + len("محمد"))
    assert raw[o_start:o_end] == "مُحَمَّد"
    assert normalize_text(raw[o_start:o_end]) == "محمد"


def test_original_span_empty() -> None:
    result = normalize("أبـو")
    assert result.original_span(1, 1) == (result.offsets[1], result.offsets[1])


def test_normalize_char_keeps_two_char_lowercase() -> None:
    # "İ".lower() is two characters; it is kept as is so offsets stay one-to-one.
    assert normalize_char("İ") == "İ"
    assert normalize("İstanbul").text == "İstanbul"


_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱىةؤئ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹پچگکی"
    "“”«»‘’–—،؛؟"
    "\u200b\u200c\u200d\u200e\u200f\ufeff\u00ad\u00a0"
    "abcXYZ019 .,:-\nİΣσ"
    "ﻣﺤﺪﻻۀھے٫٬"
)


@pytest.mark.parametrize("seed", range(25))
def test_random_strings_offsets_monotonic_and_consistent(seed: int) -> None:
    rng = random.Random(seed)
    raw = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 120)))
    result = normalize(raw)
    assert len(result.offsets) == len(result.text) + 1
    assert all(a < b for a, b in zip(result.offsets, result.offsets[1:], strict=False))
    for i, ch in enumerate(result.text):
        assert normalize_char(raw[result.offsets[i]]) == ch
    assert result.text == normalize_text(raw)
    # Any span maps back to original text whose normalisation is that span.
    if result.text:
        a = rng.randrange(len(result.text))
        b = rng.randrange(a, len(result.text)) + 1
        o_start, o_end = result.original_span(a, b)
        assert normalize_text(raw[o_start:o_end]) == result.text[a:b]


@pytest.mark.parametrize("seed", range(25))
def test_fast_path_equals_per_character_rule(seed: int) -> None:
    # normalize_text uses str.translate + lower; it must give exactly the per-character result
    # (final sigma and two-character lower-casing included).
    rng = random.Random(1000 + seed)
    raw = "".join(rng.choice(_ALPHABET + "ΣΑΒ İI") for _ in range(rng.randint(0, 200)))
    expected = "".join(normalize_char(ch) for ch in raw)
    assert normalize_text(raw) == expected
    assert normalize(raw).text == expected
    assert normalize_text("ΟΔΟΣ Σ") == "".join(normalize_char(ch) for ch in "ΟΔΟΣ Σ")


def test_normalize_text_equals_per_character_rule_on_every_code_point() -> None:
    # normalize_text replaces the distinct changed characters one after another: over the whole
    # BMP (each character alone, then all of them in one string) it must equal the per-character rule.
    chars = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000 and chr(code) not in "İΣ"]
    assert [normalize_text(ch) for ch in chars] == [normalize_char(ch) for ch in chars]
    text = "".join(chars)
    assert normalize_text(text) == "".join(normalize_char(ch) for ch in text)


def test_arabic_share_and_words() -> None:
    assert arabic_share("") == 0.0
    assert arabic_share("123 !!") == 0.0
    assert arabic_share("سلام") == 1.0
    assert arabic_share("سلام ab") == pytest.approx(4 / 6)
    assert words(normalize_text("قالَ: الوزير، اليوم")) == ["قال", "الوزير", "اليوم"]
