"""Tests for sentence alignment (invented Arabic sentences, tokenised like the dedup stage)."""

from __future__ import annotations

from pipelines.lib.alignment import align, prepare, split_sentences
from pipelines.lib.dedup import sentence_tokens

S = [
    "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد للأطفال في المدينة بسعة مئتي سرير مجهزة بأحدث الأجهزة.",
    "وقال الوزير إن المستشفى يضم أقساما للعناية المركزة وحديثي الولادة وجراحة القلب والأعصاب.",
    "وأوضح أن المشروع استغرق ثلاث سنوات بتكلفة بلغت نحو أربعمئة مليون ريال من ميزانية الوزارة.",
    "وأشار إلى أن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيز الكوادر الطبية.",
]
OTHER = [
    "شهدت الأسواق المحلية ارتفاعا ملحوظا في أسعار الخضروات والفواكه خلال الأسبوع الماضي بسبب موجة الحر.",
    "وعزا التجار الارتفاع إلى تراجع الكميات الواردة من المزارع وزيادة تكاليف النقل والتبريد.",
]


def test_split_sentences_keeps_decimals_and_splits_arabic_punctuation() -> None:
    text = "بلغ النمو 2.5 بالمئة هذا العام. هل يستمر؟ نعم؛ حسب التوقعات\nسطر جديد"
    assert split_sentences(text) == [
        "بلغ النمو 2.5 بالمئة هذا العام",
        "هل يستمر",
        "نعم",
        "حسب التوقعات",
        "سطر جديد",
    ]
    assert split_sentences("") == []


def test_excerpt_aligns_from_the_lead() -> None:
    full, excerpt = sentence_tokens(["\n".join(S), "الرياض - واس\n" + " ".join(S[:2])])
    al = align(full, excerpt)
    # The dateline is too short to count; the excerpt (short text) is aligned from its first sentence.
    assert al.aligned == 2 and al.start == 0.0 and al.short_cover == 1.0 and al.short_lead
    assert 0.4 < al.long_cover < 0.6 and al.long_start == 0.0


def test_shared_tail_starts_late_and_alignment_is_symmetric() -> None:
    a, b = sentence_tokens(["\n".join([*S[:2], *OTHER]), "\n".join([S[2], S[3], *OTHER])])
    al = align(a, b)
    assert al == align(b, a) == align(prepare(b), prepare(a))
    assert al.aligned == 2 and al.start > 0.5 and not al.short_lead


def test_edited_sentence_still_aligns_but_rewritten_one_does_not() -> None:
    edited = S[0].replace("اليوم", "أمس")  # one word changed: 11 of 14 shingles kept
    rewritten = "افتتحت الوزارة مستشفى للأطفال يتسع لمئتي سرير في المدينة صباح هذا اليوم."
    base, e, r = sentence_tokens([S[0], edited, rewritten])
    assert align(base, e).aligned == 1
    assert align(base, r).aligned == 0


def test_paraphrase_finds_reworded_sentences_in_order() -> None:
    from pipelines.lib.alignment import paraphrase

    original = [
        "وزير المياه افتتح محطه جديده لتحليه مياه البحر في ينبع".split(),
        "وقال الوزير ان المحطه تعتمد علي تقنيه التناضح العكسي الحديثه".split(),
        "ويستفيد من المشروع اكثر من مليون نسمه في المدينه المنوره".split(),
    ]
    reworded = [list(reversed(s)) for s in original]  # same words, no 3-word shingle in common
    p = paraphrase(original, reworded)
    assert p.matched == 3 and p.ordered == 2 and p.cover == 1.0 and p.start == 0.0
    shuffled = [reworded[2], reworded[0], reworded[1]]
    assert paraphrase(original, shuffled).ordered == 1  # order is measured, not assumed
    other = [["انطلقت", "فعاليات", "مهرجان", "الصيف", "في", "ابها", "بمشاركه", "واسعه", "من", "الزوار"]]
    assert paraphrase(original, other).matched == 0


def test_paraphrase_says_whether_the_first_counterpart_is_the_other_texts_lead() -> None:
    from pipelines.lib.alignment import paraphrase

    release = [
        "وزير المياه افتتح محطه جديده لتحليه مياه البحر في ينبع".split(),
        "وقال الوزير ان المحطه تعتمد علي تقنيه التناضح العكسي الحديثه".split(),
        "ويستفيد من المشروع اكثر من مليون نسمه في المدينه المنوره".split(),
    ]
    caption = [list(reversed(release[0]))]  # the lead, reworded
    quote = [list(reversed(release[1]))]  # the second sentence, reworded
    assert paraphrase(caption, release).long_lead and paraphrase(release, caption).long_lead
    assert paraphrase(quote, release).cover == 1.0 and not paraphrase(quote, release).long_lead
    # A short piece before the lead (a dateline) is not the lead.
    assert paraphrase(caption, [["ينبع", "واس"], *release]).long_lead


def test_figures_are_compared_however_they_are_written() -> None:
    from pipelines.lib.alignment import figures, paraphrase

    # One figure in four writings (thousands separators, Arabic-Indic digits, a clitic glued on) is one
    # figure; a decimal, a year next to another figure and a figure with a suffix letter stay apart.
    (sentence,) = sentence_tokens(
        ["بيع 1,500 وحدة و١٬٥٠٠ أخرى و1500 ثم ب1 500 بنسبة 2.5 في 2020 500 عام 2020م"]
    )
    assert figures(sentence[0]) == ["1500", "1500", "1500", "1500", "2", "5", "2020", "500", "2020"]
    assert figures("1 500 000".split()) == ["1500000"]
    # The paraphrase look's figure check reads them so: the same sentence with the figure written
    # otherwise differs in no figure, with another figure it does.
    base = "أعلنت الوزارة بيع {} وحدة سكنية للمواطنين في المرحلة الأولى من البرنامج الوطني للإسكان"
    a, b, c = sentence_tokens([base.format("12500"), base.format("١٢٬٥٠٠"), base.format("13,500")])
    assert paraphrase(a, b).matched == 1 and paraphrase(a, b).figures_differ == 0
    assert paraphrase(a, c).matched == 1 and paraphrase(a, c).figures_differ == 1


def test_spelled_figures_read_single_number_words_with_clitics() -> None:
    from pipelines.lib.alignment import spelled_figures

    tokens = sentence_tokens(["بحضور أكثر من أربعين قياديا وبمائة جواد ومئتين من الزوار وخمسة آلاف."])[0][0]
    # "خمسة آلاف" is 5 and a plural: compounds are not read (the checks only excuse a figure, never add one)
    assert spelled_figures(tokens) == ["40", "100", "200", "5"]
    assert spelled_figures(sentence_tokens(["الست وسط المدينة يوم الأحد"])[0][0]) == []


def test_spelled_figures_skip_monday_and_teens() -> None:
    from pipelines.lib.alignment import spelled_figures

    def read(text: str) -> list[str]:
        return spelled_figures(sentence_tokens([text])[0][0])

    assert read("يوم الاثنين المقبل") == []  # Monday, not 2
    assert read("قتل اثنين من الجنود") == ["2"]
    assert read("خمسة عشر جنديا") == []  # 15: neither 5 nor 10
    assert read("عشرة أيام وأربعين طالبا") == ["10", "40"]
