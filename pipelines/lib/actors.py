"""Actor registry (countries, governments, armed groups, organisations, people) and matcher.

The registry is built from ``data/actors/*.yaml`` plus every ISO country from pycountry with
its Arabic/English CLDR name from Babel (see ``data/actors/README.md`` for the format).
Matching runs one Aho-Corasick automaton over normalised aliases (``arabic.normalize``), then
checks word boundaries and Arabic proclitics, picks the longest non-overlapping matches,
resolves context-dependent aliases, adds the country inside government/title aliases, and
turns a bare title into the person holding that role on the article's date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import babel
import polars as pl
import pycountry
import yaml

from pipelines.lib import schemas
from pipelines.lib.arabic import normalize, normalize_char, normalize_text

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "actors"

ACTOR_TYPES = {"country", "government", "armed_group", "person", "organization", "media", "igo", "city"}
MATCH_KINDS = {"alias", "metonym", "nisba", "title", "role", "discovered", "context_country"}

# Proclitics (already normalised) allowed between a word start and an alias: conjunction و/ف,
# then preposition ب/ك/ل. ال is part of the alias itself when the alias is written with it.
_PROCLITICS = frozenset({"", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"})
# Prefixes allowed before the "لX" variant of an "الX" alias (لل = ل + ال with the alef dropped).
_LAM_PROCLITICS = frozenset({"ل", "ول", "فل"})
# Nisba suffixes after the stem's base: sg m/f, pl m (nom/obl), dual m (nom/obl), dual f, pl f,
# and the indefinite accusative يا (عراقياً once harakat are dropped: "جنديا عراقيا").
_NISBA_SUFFIXES = ("ي", "ية", "يون", "يين", "يان", "يتان", "يتين", "يات", "يا")
# A title followed by one of these is not about the current holder ("the former president").
_NOT_CURRENT = frozenset(
    normalize_text(w) for w in ("السابق", "الأسبق", "السابقة", "المنتخب", "المقبل", "الراحل")
)
# A bare nisba (تركي، سعودي) next to these words is a personal name: "فيصل بن تركي", "تركي بن سعود".
_NAME_BEFORE = frozenset(
    normalize_text(w) for w in ("بن", "ابن", "بنت", "الأمير", "الأميرة", "الشيخ", "الدكتور")
)
_NAME_AFTER = frozenset(normalize_text(w) for w in ("بن", "ابن", "بنت", "آل"))
# Honorifics between a title and a name ("وزير الخارجية السعودي الأمير فيصل بن فرحان").
_HONORIFICS = frozenset(
    normalize_text(w)
    for w in (
        "الأمير",
        "الأميرة",
        "الشيخ",
        "الشيخة",
        "الدكتور",
        "الدكتورة",
        "السيد",
        "السيدة",
        "الفريق",
        "سمو",
        "فخامة",
        "معالي",
        "جلالة",
        "العقيد",
        "العميد",
        "المشير",
        "اللواء",
    )
)
# Words that end a name after a title (particles, time words, reporting verbs, adjectives of the
# office): "وزير الدفاع الأميركي يزور ..." names no one. Normalised, so أ/إ/ى are folded.
_NOT_NAME = frozenset(
    normalize_text(w)
    for w in (
        "في", "من", "إلى", "على", "عن", "أن", "إن", "ما", "لا", "لم", "لن", "قد", "مع", "بعد", "قبل", "خلال",
        "أمام", "عند", "حول", "ضد", "الذي", "التي", "أو", "ثم", "كما", "بين", "يوم", "اليوم", "أمس", "غدا",
        "هذا", "هذه", "ذلك", "تلك", "إنه", "أنه", "أنها", "إنها", "لدى", "عبر", "منذ", "حتى", "بأن", "بان",
        "الذين", "عقب", "إثر", "بشأن", "لكن", "وقال", "وأكد", "وأضاف",
        "قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "أشار", "أشارت", "أوضح", "أضاف", "اعتبر", "دعا",
        "زار", "وصل", "التقى", "بحث", "يزور", "يصل", "يلتقي", "يبحث", "يقول", "يؤكد", "يعلن", "يدعو",
        "تلقى", "استقبل", "أجرى", "شدد", "حذر", "طالب", "نفى", "كشف", "ناقش", "ترأس", "وقع", "بدأ",
        "سيزور", "يجري", "يتوجه", "توجه", "غادر", "أبلغ", "هدد", "رحب", "أدان", "نظيره", "نظيرته",
        "الجديد", "الجديدة", "الحالي", "الحالية", "بالوكالة", "المكلف", "المؤقت", "الأول", "الأعلى",
        "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "مساء", "صباح",
        "حيث", "إذا", "إذ", "لأن", "كان", "كانت", "سوف", "وهو", "وهي", "هو", "هي", "ليس", "غير", "أي",
        "رئيس", "رئيسة", "وزير", "وزيرة", "نائب", "ولي", "أمير", "ملك", "مجلس", "حكومة", "مؤتمرا",
        "عقب", "جولة", "بجولة", "زيارة", "اتصالا", "رسالة", "بيانا", "تصريحات", "كلمة",
        "أيضا", "لقد", "بأي", "كذلك", "مجددا", "حاليا", "شخصيا", "نفسه", "فقط", "الآن",
    )
)  # fmt: skip
_NAME_PARTICLES = frozenset(
    normalize_text(w)
    for w in (
        "بن", "بنت", "آل", "عبد", "أبو", "ابو", "ابن", "أبي", "ولد",  # ولد: Mauritanian "son of"
        "لو", "دي", "فان", "دو", "دا", "فون",  # foreign particles (لولا دا سيلفا)
    )
)  # fmt: skip
_SON_OF = frozenset(normalize_text(w) for w in ("بن", "ابن", "بنت"))
# A title after these is somebody else's ("نائب الرئيس الأميركي", "مستشار وزير الدفاع"): no holder.
_NOT_HOLDER_BEFORE = frozenset(
    normalize_text(w)
    for w in (
        "نائب", "مساعد", "مساعدة", "مستشار", "مستشارة", "ناطق", "باسم", "سفير", "مبعوث", "زوجة", "عقيلة",
        "نجل", "ابن", "ابنة", "شقيق", "شقيقة", "مكتب", "لنائب", "ونائب", "مرافقي", "مستشاري", "حرس",
    )
)  # fmt: skip
# A country name right after these is a place name (the Indian Ocean, the Niger river, the Gulf of
# Oman), not the state.
_GEO_NOUNS = frozenset(
    normalize_text(w)
    for w in ("نهر", "بحر", "بحيرة", "المحيط", "محيط", "خليج", "مضيق", "صحراء", "هضبة", "سهل", "وادي")
)
# A definite nisba after a kunya ("أبو أيوب المصري") is part of a personal name.
_KUNYA = frozenset(normalize_text(w) for w in ("أبو", "ابو", "أبي", "أم"))
# Nouns that head the name of an institution. A country right after one, in construct (جامعة القاهرة,
# بنك إيطاليا, مطار دمشق, شركة نفط نيبال, دينامو كييف), or a country adjective closing a name headed
# by one (شركة توتال الفرنسية, الخطوط الجوية البريطانية, مركز التعاون الياباني) names where the
# institution is, not the state acting. State bodies (الحكومة, وزارة, الجيش, القوات) are not here:
# they are government actors (_GENERIC_BODIES, governments.yaml).
_INSTITUTION_NOUNS = frozenset(
    normalize_text(w)
    for base in (
        "جامعة", "جامعات", "بنك", "مصرف", "مطار", "مطاري", "نادي", "ملعب", "استاد", "فندق", "شركة", "شركات",
        "مستشفى", "متحف", "معهد", "كلية", "تلفزيون", "تليفزيون", "إذاعة", "جمعية", "رابطة", "اتحاد",
        "مركز", "بورصة", "ميناء", "مؤسسة", "حزب", "هيئة", "خطوط", "طيران", "قناة", "وكالة", "منظمة",
        "مجموعة", "صندوق", "صحيفة", "جريدة", "مجلة", "حركة", "ائتلاف", "جماعة", "أكاديمية", "مدرسة",
        # clubs named after their city (a capital is a metonym of its country otherwise)
        "دينامو", "سبارتاك", "سسكا", "لوكوموتيف", "سبورتينغ", "أياكس", "ريال", "أتلتيكو", "أولمبيك",
    )
    for w in (base, "ال" + base)
)  # fmt: skip
# Works whose title may hold a country's name: "كتاب روسيا بوتين", 'رواية "القاهرة الجديدة"'.
_WORK_NOUNS = frozenset(
    normalize_text(w)
    for w in ("كتاب", "رواية", "فيلم", "فيلمي", "مسلسل", "مسرحية", "أغنية", "قصيدة", "ديوان")
)
_OPEN_QUOTES = frozenset('"«“')
# Reporting verbs: "قال X لـ<outlet>" is told the outlet (للجزيرة, للشرق الأوسط).
_TOLD_VERBS = frozenset(
    normalize_text(p + w)
    for w in (
        "قال", "قالت", "صرح", "صرحت", "أكد", "أكدت", "كشف", "كشفت", "أوضح", "أوضحت", "أضاف", "أضافت",
        "أعلن", "أعلنت", "ذكر", "أرسلها", "أرسله", "تحدث", "تحدثت", "أفاد", "أفادت", "نفى", "نفت",
        "يقول", "يضيف", "يؤكد", "يوضح", "يصف", "وصف", "يكشف",
        # statements made to the outlet: "في تصريحات للجزيرة", "في حديث للشرق الأوسط"
        "تصريحات", "تصريح", "مقابلة", "حديث", "حوار",
    )
    for p in ("", "و", "ف")
)  # fmt: skip
# Verbs of saying/acting right before an indefinite singular nisba: the nisba is a surname used
# alone ("وقال كيني", "وسجل كيني ميلر"); an adjective would follow a noun.
_VERBS_BEFORE_NAME = frozenset(
    normalize_text(p + w)
    for w in ("قال", "أضاف", "رفض", "سجل", "أكد", "صرح", "أوضح", "تابع", "أشار")
    for p in ("", "و")
)
# Inside an institution noun's name these make it a state body, so the country adjective is the
# state's: "وكالة المخابرات المركزية الأميركية" (the CIA), "الطيران الإسرائيلي" (the air force,
# whereas "طيران الإمارات" in construct is an airline).
_STATE_SERVICE_WORDS = frozenset(
    normalize_text(w) for w in ("المخابرات", "الاستخبارات", "الأمن", "الطيران", "الدفاع", "الشرطة")
)
# Heads of a state body's name: a definite adjective closing such a name (مكتب التحقيقات الفدرالي
# الأميركي, المجلس التشريعي الفلسطيني, إدارة معلومات الطاقة الأميركية) names the state's
# government, so the mention is given to gov:<country> rather than to the country.
_STATE_BODY_HEADS = frozenset(
    normalize_text(w)
    for base in (
        "مكتب", "جهاز", "أجهزة", "إدارة", "مجلس", "محكمة", "سلطة", "وزارة", "لجنة", "مصلحة", "دائرة",
        "مديرية", "قيادة", "هيئة", "المخابرات", "الاستخبارات",
    )
    for w in (base, base if base.startswith("ال") else "ال" + base)
)  # fmt: skip
# Common given names: a country adjective right after one is a family name (علي السويدي, خالد
# الإيرلندي, عزام الأميركي). علي is left out: once ى is folded it is also the preposition على.
_GIVEN_NAMES = frozenset(
    normalize_text(w)
    for w in (
        "محمد", "أحمد", "محمود", "حسن", "حسين", "خالد", "فيصل", "سعيد", "سعد", "سعود", "عمر", "عثمان",
        "يوسف", "إبراهيم", "إسماعيل", "مصطفى", "طارق", "هشام", "وليد", "سامي", "سمير", "ماجد", "نبيل",
        "عادل", "جمال", "كمال", "رشيد", "ناصر", "منصور", "فهد", "سلطان", "حمد", "راشد", "صالح", "جاسم",
        "مشعل", "بندر", "عزام", "أسامة", "أيمن", "ياسر", "زياد", "فؤاد", "رياض", "حازم", "حمزة", "بلال",
        "عمرو", "مروان", "هاني", "رامي", "كريم", "مازن", "عبدالله", "عبدالرحمن", "عبدالعزيز", "الله",
        "فاطمة", "مريم", "ميساء", "هدى", "سعاد", "نادية", "ليلى", "منى", "سلمى", "رانيا", "دينا",
        # foreign given names before a surname that is also a nisba (جون كندي)
        "جون", "جورج", "روبرت", "إدوارد", "تيد", "جوزيف", "بول", "ديفيد", "مايكل", "بيتر", "توماس",
    )
)  # fmt: skip
# Sport in a sentence: a country named there is a team or a venue, not a political actor.
# Words that also have a common political sense (هدف "aim", الفريق "lieutenant general", سباق
# "race", الفوز "winning") are left out; a sentence needs two cues, or a score and one cue.
_SPORTS_CUES = frozenset(
    normalize_text(w)
    for w in (
        "مباراة", "المباراة", "مباراتي", "مباريات", "المباريات", "منتخب", "المنتخب", "الدوري", "كأس",
        "بطولة", "البطولة", "التصفيات", "المونديال", "الشوط", "لاعب", "اللاعب", "لاعبي", "لاعبا", "اللاعبين",
        "النادي", "نادي", "الملعب", "ملعب", "تعادل", "بالتعادل", "الميدالية", "ميدالية", "الأولمبية",
        "أولمبياد", "الأولمبياد", "المدرب", "هدفين", "بهدف", "بهدفين", "ركلات", "ركلة", "الحارس", "مرمى",
        "المرمى", "كرة", "الكرة", "القدم", "السلة", "التنس", "فازت", "فاز", "يلتقي", "الذهاب", "الإياب",
        "استاد", "الاستاد", "تغلب", "بالتسجيل", "المهاجم",
    )
)  # fmt: skip
# Words that are sport only next to a strong cue, a score or a sports sentence before them ("الجولة"
# is also a minister's tour, "الفريق" a general's rank).
_WEAK_SPORTS_CUES = frozenset(
    normalize_text(w)
    for w in (
        "الدقيقة", "فوزا", "ضيفه", "مضيفه", "مواجهة", "لمواجهة", "الجولة", "المجموعة", "النقاط", "البطل",
        "الفريق", "الهجوم", "هدف", "الهدف", "الفوز", "سباق", "الموسم", "صفر", "مدرب", "مدربا",
    )
)  # fmt: skip
# A sentence with a single cue (or a score and no cue) is about sport when the sentence before it
# is: match reports and results lists run over several sentences ("تعادل ليل الفرنسي مع ميلان").
_SCORE = re.compile(r"(?<![\d.])\d{1,2} ?- ?(?:\d{1,2}|صفر)(?![\d.])|صفر ?- ?\d{1,2}")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_SHADDA = "\u0651"
_ARABIC_START = {chr(c) for c in range(0x0621, 0x064B)} | {chr(c) for c in range(0x0671, 0x06D4)}
_ACTOR_KEYS = {
    "id", "type", "name_en", "name_ar", "country", "wikidata_id", "aliases_ar", "aliases_en",
    "metonyms", "nisba", "nisba_extra", "titles", "roles", "links", "notes", "not_surfaces",
    "drop_aliases", "former_names",
}  # fmt: skip
# Ministries other than foreign affairs and defence, written "وزارة X <nisba>": generated as aliases of
# the country's government (an analyst asks which state acted, not which ministry).
_OTHER_MINISTRIES = (
    "المالية", "الاقتصاد", "التجارة", "الصحة", "العدل", "الطاقة", "النفط", "الزراعة",
    "التعليم", "الإعلام", "الثقافة", "السياحة", "النقل",
    "التربية", "التربية والتعليم", "التعليم العالي", "الأوقاف", "الشؤون الدينية", "الاتصالات", "العمل",
    "الإسكان", "البيئة", "الشؤون الاجتماعية", "الصناعة", "الكهرباء", "الموارد المائية", "الري",
    "الاقتصاد والتجارة", "الطاقة والمعادن", "المعادن", "الاستثمار", "التخطيط", "الشباب والرياضة",
    "الهجرة", "حقوق الإنسان", "الداخلية والبلديات", "الأمن الداخلي", "الإعلام والثقافة",
)  # fmt: skip
# State bodies generated for every country with nisba stems (suffix of gov:<A3>, English name,
# aliases, titles with their role names). Curated actors take precedence (add_generic_governments).
_GENERIC_BODIES: tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    (
        "",
        "Government of {name}",
        (
            "الحكومة {nisba_f}",
            "السلطات {nisba_f}",
            "الإدارة {nisba_f}",
            "المحكمة العليا {nisba_f}",
            "البنك المركزي {nisba}",
            "المصرف المركزي {nisba}",
            "الديوان الأميري {nisba}",
            "مجلس الوزراء {nisba}",
            "الرئاسة {nisba_f}",
            "الديوان الملكي {nisba}",
            "المحكمة الدستورية {nisba_f}",
            # other ministries: reported as the government they belong to
            *(f"وزارة {m} {{nisba_f}}" for m in _OTHER_MINISTRIES),
        ),
        (
            # feminine forms too: a woman head takes a feminine title and adjective
            # ("رئيسة الوزراء الإيطالية" Meloni, "الرئيسة الفلبينية")
            ("President of {name}", ("الرئيس {nisba}", "الرئيسة {nisba_f}")),
            (
                "Prime Minister of {name}",
                (
                    "رئيس الوزراء {nisba}",
                    "رئيس الحكومة {nisba_f}",
                    "رئيسة الوزراء {nisba_f}",
                    "رئيسة الحكومة {nisba_f}",
                ),
            ),
        ),
    ),
    (
        ":foreign",
        "Ministry of Foreign Affairs of {name}",
        ("وزارة الخارجية {nisba_f}", "الخارجية {nisba_f}", "الدبلوماسية {nisba_f}", "السفارة {nisba_f}"),
        (("Foreign Minister of {name}", ("وزير الخارجية {nisba}", "وزيرة الخارجية {nisba_f}")),),
    ),
    (
        ":defense",
        "Ministry of Defence of {name}",
        ("وزارة الدفاع {nisba_f}",),
        (("Defence Minister of {name}", ("وزير الدفاع {nisba}", "وزيرة الدفاع {nisba_f}")),),
    ),
    (
        ":military",
        "Armed forces of {name}",
        ("الجيش {nisba}", "القوات المسلحة {nisba_f}", "القوات {nisba_f}"),
        (),
    ),
    (
        ":intelligence",
        "Intelligence services of {name}",
        ("المخابرات {nisba_f}", "الاستخبارات {nisba_f}"),
        (),
    ),
    (":interior", "Ministry of Interior of {name}", ("وزارة الداخلية {nisba_f}",), ()),
    (":police", "Police of {name}", ("الشرطة {nisba_f}",), ()),
    (
        ":parliament",
        "Parliament of {name}",
        (
            "البرلمان {nisba}",
            "مجلس النواب {nisba}",
            "مجلس الشيوخ {nisba}",
            "الكونغرس {nisba}",
            "مجلس الشعب {nisba}",
            "مجلس الشورى {nisba}",
            "مجلس الأمة {nisba}",
            "مجلس الأعيان {nisba}",
            "الجمعية الوطنية {nisba_f}",
            "المجلس التشريعي {nisba}",
            "المجلس الوطني {nisba}",
        ),
        (),
    ),
)
# Titles in the construct state ("رئيس جنوب أفريقيا", "وزير خارجية رومانيا") for the countries with
# no usable nisba (a two-word name: جنوب أفريقيا، جنوب السودان، الكونغو الديمقراطية; a nisba that is
# a common word: مالي "financial", روماني "Roman"), which _GENERIC_BODIES cannot reach. Titles only:
# "حكومة <name>" stays the country (NewsFANE tags the name as a Nation there).
_CONSTRUCT_TITLES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "",
        "Government of {name}",
        "President of {name}",
        ("رئيس {n}", "رئيسة {n}", "رئيس جمهورية {n}", "رئيسة جمهورية {n}", "رئيس دولة {n}"),
    ),
    (
        "",
        "Government of {name}",
        "Prime Minister of {name}",
        ("رئيس وزراء {n}", "رئيسة وزراء {n}", "رئيس حكومة {n}", "رئيسة حكومة {n}"),
    ),
    (
        ":foreign",
        "Ministry of Foreign Affairs of {name}",
        "Foreign Minister of {name}",
        ("وزير خارجية {n}", "وزيرة خارجية {n}"),
    ),
    (
        ":defense",
        "Ministry of Defence of {name}",
        "Defence Minister of {name}",
        ("وزير دفاع {n}", "وزيرة دفاع {n}"),
    ),
)
_CONSTRUCT_NAMES_AR = {"": "حكومة {n}", ":foreign": "وزارة خارجية {n}", ":defense": "وزارة دفاع {n}"}
# State bodies and titles written without a country ("وزارة الخارجية", "الحكومة", "وزير الدفاع"
# + name): resolved to the body of the one country the context names (find_mentions,
# match "context_country"), by looking up "<phrase> <nisba>" in the registry, so curated and dated
# bodies (gov:SYR:assad / gov:SYR:transitional) are reached like the written-out phrase. f/m is
# the gender of the nisba the phrase takes. Bare الخارجية / الداخلية / القوات / السلطات are left
# out: they are also adjectives or plain nouns ("السياسة الخارجية", "القوات الدولية").
_BARE_BODIES: tuple[tuple[str, str], ...] = (
    ("الحكومة", "f"), ("مجلس الوزراء", "m"), ("الرئاسة", "f"),
    ("وزارة الخارجية", "f"), ("وزير الخارجية", "m"), ("وزيرة الخارجية", "f"),
    ("وزارة الدفاع", "f"), ("وزير الدفاع", "m"), ("وزيرة الدفاع", "f"),
    ("رئيس الوزراء", "m"), ("رئيس الحكومة", "f"), ("رئيس مجلس الوزراء", "m"),
    ("الجيش", "m"), ("القوات المسلحة", "f"), ("المخابرات", "f"),
    ("وزارة الداخلية", "f"), ("الشرطة", "f"),
    ("البرلمان", "m"), ("مجلس النواب", "m"), ("مجلس الشعب", "m"), ("مجلس الشورى", "m"),
    ("مجلس الأمة", "m"), ("مجلس الشيوخ", "m"),
    ("المحكمة العليا", "f"), ("المحكمة الدستورية", "f"), ("البنك المركزي", "m"), ("المصرف المركزي", "m"),
    ("الديوان الملكي", "m"), ("الديوان الأميري", "m"),
    *((f"وزارة {m}", "f") for m in _OTHER_MINISTRIES),
)  # fmt: skip
# A definite word right after a bare body names another body ("الحكومة الانتقالية", "الجيش الحر",
# "الشرطة الدولية"), except these adjectives of time.
_BARE_BODY_ADJ_OK = frozenset(
    normalize_text(w)
    for w in ("الجديد", "الجديدة", "الحالي", "الحالية", "المقبل", "المقبلة", "السابق", "السابقة")
)
# A country named right after these is a destination or a target ("لإرسال جنود إلى لبنان", "قرار
# الحكومة بغزو العراق"), not where the bare body belongs: it is no evidence for it.
_TARGET_BEFORE = frozenset(
    normalize_text(p + w)
    for w in ("إلى", "الى", "ضد", "غزو", "نحو", "لغزو", "احتلال", "مهاجمة", "قصف", "من")
    for p in ("", "و", "ب")
)
# Before a bare body these make it an office or a contest, not the body ("كرسي الرئاسة").
_OFFICE_NOUNS = frozenset(
    normalize_text(w) for w in ("كرسي", "منصب", "سدة", "انتخابات", "الانتخابات", "مرشح", "سباق", "رئاسة")
)
_PEOPLE_ENDINGS = ("يين", "يون", "يان", "يتين", "يتان")
# Before a surname used alone (_surname_cue): a title or honorific; or a verb of saying when the
# text names the person's country (alone, "قال الكاظمي" is a family name many people share).
_SURNAME_TITLES = frozenset(
    normalize_text(p + w)
    for w in (
        "الرئيس", "الرئيسة", "الزعيم", "السيد", "السيدة", "الشيخ", "الوزير", "الوزيرة", "الجنرال",
        "المستشار", "المستشارة", "الملك", "الأمير", "السناتور", "العقيد", "المشير", "الدكتور",
    )
    for p in ("", "و", "ف", "ب", "ل", "وب", "ول")
)  # fmt: skip
_SAYING_VERBS = frozenset(
    normalize_text(p + w)
    for w in (
        "قال", "قالت", "أكد", "أكدت", "أضاف", "أضافت", "أشار", "أشارت", "أوضح", "أوضحت", "أعلن", "أعلنت",
        "تابع", "تابعت", "صرح", "صرحت", "شدد", "شددت", "اعتبر", "اعتبرت", "دعا", "دعت", "حذر", "حذرت",
        "نفى", "نفت", "اتهم", "اتهمت", "وصف", "وصفت", "كشف", "كشفت", "أعرب", "أعربت", "رأى", "مضى",
    )
    for p in ("", "و", "ف")
)  # fmt: skip
# "بحث وزير الخارجية مع نظيره الروسي": the country named there is the other party's.
_COUNTERPART = frozenset(
    normalize_text(w) for w in ("نظيره", "نظيرته", "نظيريه", "نظرائه", "نظيرها", "نظرائهم")
)
# Sports phrases generated per country (add_sports_blocks): a team or league is not the state.
_SPORTS_NISBA = ("المنتخب {nisba}", "المنتخب الوطني {nisba}", "المنتخب الأولمبي {nisba}", "الدوري {nisba}")
_SPORTS_NAME = ("منتخب", "دوري")
_ALIAS_KEYS = {"text", "strict", "only_after_full", "requires_any", "unless_any", "from", "until"} | {
    "after_any",
    "unless_after",
    "not_construct",
}
# After a "not_construct" alias these definite words still leave it a name (فتح التي, حماس الفلسطينية
# is handled by the adjective ending).
# Dual heads (حزبا الدعوة والفضيلة, الحزبين الديمقراطي والجمهوري, حركتي فتح وحماس): each conjunct
# after one names "<singular head> <conjunct>". Dual ending → the singular written before the name.
_DUAL_HEAD = re.compile(r"(?<![^\s(\"«])[وف]?(ال)?(حزب|حركت|جماعت|منظمت|جبهت|تنظيم)(ا|ي|ين|ان)(?= )")
_DUAL_SINGULAR = {
    "حزب": "حزب",
    "حركت": "حركه",
    "جماعت": "جماعه",
    "منظمت": "منظمه",
    "جبهت": "جبهه",
    "تنظيم": "تنظيم",
}
_DUAL_TYPES = frozenset({"organization", "armed_group", "igo"})
# A country after these in a sports sentence is where the event is held, not a national team.
_LOCATIVE = frozenset({"في", "وفي", "داخل"})
_RELATIVES = frozenset(normalize_text(w) for w in ("التي", "الذي", "الذين", "اللذين", "اللتين"))
# Before a conditional alias these make it the common noun it also is ("هذه القاعدة" "this rule").
_DEMONSTRATIVES = frozenset(
    normalize_text(w)
    for w in ("هذه", "هذا", "تلك", "ذلك", "هاتين", "هذين", "هؤلاء", "بهذه", "بهذا", "لهذه", "لهذا")
)
# Lone surnames that are also common words (عباس، مبارك "blessed", بري "land/wild", الحريري) are no
# registry aliases; they are read as a person only as coreference (_surname_coreference): the
# person's full name came earlier in the same text and the word stands where a name stands, right
# after one of these (a title, a verb, a preposition, a noun governing a person) or next to another
# person with و. "عيد مبارك", "هجوم بري" have none of them before the word.
_COREF_BEFORE = (
    frozenset(
        normalize_text(p + w)
        for w in (
            "التقى", "استقبل", "زار", "بحث", "هاجم", "انتقد", "طالب", "رفض", "وصل", "غادر", "أجرى", "ترأس",
            "أبلغ", "أمر", "حث", "اجتمع", "يلتقي", "يزور", "سيلتقي", "سيزور", "يستقبل", "اتصل", "تلقى",
            "أعرب", "جدد", "أدان", "رحب", "وجه", "ألقى", "اقترح", "عرض", "قرر", "أصدر", "يرى", "يعتبر",
            "مع", "بين", "عن", "من", "لدى", "إلى", "الى", "على", "ضد", "أن", "إن", "بأن", "إنه",
            "زيارة", "لقاء", "حكومة", "نظام", "عهد", "إدارة", "تصريحات", "خطاب", "كلمة", "دعوة", "مبادرة",
            "خطة", "اقتراح", "حكم", "أنصار", "مؤيدي", "مؤيدو", "تيار", "كتلة", "مكتب", "مستشار", "نجل",
            "حرس", "حراس", "موقف", "رسالة", "مقترحات", "مباحثات", "محادثات", "مهمة", "جولة", "رئاسة",
            "ولاية", "استقالة", "اغتيال", "مقتل", "محاكمة", "إطاحة", "سقوط", "رحيل", "عودة", "وفاة",
            "قرار", "مرسوم", "اتصال", "تصريح", "حديث", "مقابلة", "ترشيح", "حملة", "فوز", "انتخاب",
        )
        for p in ("", "و", "ف", "ل", "ب")
    )
    | _SURNAME_TITLES
    | _SAYING_VERBS
    | _HONORIFICS
)  # fmt: skip
# Surnames that are family names first (Chinese, Korean, Vietnamese): the last word written is the
# given name (بان كي مون), so no lone-surname coreference for people of these countries.
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "SGP"})
# The last word of a name that is half of a compound surname (نصر الله, عبد الله, صلاح الدين).
_COMPOUND_LAST = frozenset(
    normalize_text(w) for w in ("الله", "الدين", "الرحمن", "الإسلام", "أوغلو", "اوغلو", "زاده")
)
# A family name this many registry people share is a clan or dynasty (الصباح, آل ثاني): no coreference.
_CLAN_SIZE = 4
# libyaml's C parser when available: the pure-Python one was two thirds of load_registry's time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Written before a word, these are proclitics, not part of the previous word (for after_any).
_AFTER_STRIP = ("و", "ف")


@dataclass(frozen=True)
class Mention:
    """One actor mention; ``text[start:end] == surface`` in the ORIGINAL text."""

    actor_id: str
    surface: str
    start: int
    end: int
    match: str
    role: str | None = None


@dataclass(frozen=True)
class Actor:
    actor_id: str
    type: str
    name_en: str | None
    name_ar: str | None
    country: str | None = None
    wikidata_id: str | None = None
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    notes: str | None = None
    former_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    role: str
    person_id: str
    start: date | None
    end: date | None  # exclusive: first day no longer in office

    def holds(self, on_date: date) -> bool:
        return (self.start is None or self.start <= on_date) and (self.end is None or on_date < self.end)


@dataclass(frozen=True)
class _Entry:
    """One reading of a normalised key: which actor, how, and under which conditions."""

    actor_id: str | None  # None = blocklist phrase (wins longest-match, emits nothing)
    match: str
    role: str | None = None  # for titles
    strict: str | None = None  # required skeleton of the original surface
    latin: bool = False
    lam: bool = False  # "لX" variant of an "الX" alias, only after ل (لل)
    only_after_full: bool = False
    requires_any: tuple[str, ...] = ()
    unless_any: tuple[str, ...] = ()
    after_any: tuple[str, ...] = ()  # normalised words / punctuation one of which must precede
    unless_after: tuple[str, ...] = ()  # ... none of which may precede
    not_construct: bool = False  # a common noun too: not when it heads a construct (فتح المعابر)
    valid_from: date | None = None
    valid_until: date | None = None  # exclusive
    nested: tuple[tuple[int, int, str, str], ...] = ()  # (start, end, country actor, match) in key

    @property
    def conditional(self) -> bool:
        return (
            self.only_after_full
            or self.not_construct
            or bool(self.requires_any or self.unless_any or self.after_any or self.unless_after)
        )

    @property
    def local_only(self) -> bool:
        """Conditional on the neighbouring words only (not on other actors in the text)."""
        return self.conditional and not (self.only_after_full or self.requires_any or self.unless_any)

    def valid_on(self, on_date: date | None) -> bool:
        if on_date is None:
            return True
        if self.valid_from is not None and on_date < self.valid_from:
            return False
        return self.valid_until is None or on_date < self.valid_until


@dataclass
class Registry:
    """All actors plus the compiled automaton. Build with :func:`load_registry`."""

    actors: dict[str, Actor]
    roles: dict[str, list[Role]]  # role name -> holders
    person_roles: dict[str, list[Role]]
    not_surfaces: dict[str, frozenset[str]]
    keys: list[str] = field(default_factory=list)
    entries: list[tuple[_Entry, ...]] = field(default_factory=list)
    automaton: Any = None
    key_index: dict[str, int] = field(default_factory=dict)
    nisba_stems: dict[str, list[str]] = field(default_factory=dict)  # alpha-3 -> nisba stems
    # Bare bodies (_BARE_BODIES): automaton over their keys -> (phrase, gender, lam variant).
    bare_automaton: Any = None
    bare_bodies: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    _bare_cache: dict[tuple[str, str], tuple[_Entry, ...]] = field(default_factory=dict, repr=False)
    # Last word of people's names -> how many registry people end their name with it (built lazily).
    _surname_counts: dict[str, int] = field(default_factory=dict, repr=False)

    def holder(self, role: str, on_date: date) -> str | None:
        """The person holding ``role`` on ``on_date`` (first listed if several)."""
        for r in self.roles.get(role, []):
            if r.holds(on_date):
                return r.person_id
        return None


# ---------------------------------------------------------------------------------------------
# Loading


def _key(text: str) -> str:
    """Registry key: normalised text with whitespace runs collapsed (same as the matcher)."""
    return " ".join(normalize_text(text).split())


def _skeleton(text: str) -> str:
    """Original spelling minus harakat/tatweel (shadda kept: it separates عمّان from عُمان)."""
    kept = "".join(ch for ch in text if ch == _SHADDA or normalize_char(ch))
    return " ".join(kept.split())


def _as_date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: bad date {value!r}") from exc


def _as_list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
    return value


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


class _Builder:
    """Collects actors and key entries while the YAML files are read."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.person_roles: dict[str, list[Role]] = {}
        self.not_surfaces: dict[str, frozenset[str]] = {}
        self.by_key: dict[str, list[_Entry]] = {}
        self.nisba_stems: dict[str, list[str]] = {}  # alpha-3 -> stems
        self.country_names: dict[str, list[str]] = {}  # alpha-3 -> unconditional Arabic names
        self.country_keys: dict[str, tuple[str, str]] = {}  # key -> (country actor id, match)
        self.pending_refs: list[tuple[str, str]] = []  # (where, referenced actor id)

    def add_key(self, text: str, entry: _Entry) -> None:
        key = _key(text)
        if not key:
            return
        latin = key[0] not in _ARABIC_START
        strict = entry.strict
        if latin:
            strict = " ".join(text.split())  # English: case-sensitive exact spelling
        elif strict is not None:
            strict = _skeleton(text)
        entry = _replace(entry, strict=strict, latin=latin, nested=self._nested(key, entry))
        self._put(key, entry)
        words = key.split(" ")
        if not latin and strict is None and len(words) >= 3 and all(len(w) <= 3 for w in words):
            # An acronym spelled in letter names (سي إن إن, بي بي سي) is also written with dots.
            for sep in (".", " . "):
                dotted = sep.join(words)
                self._put(dotted, _replace(entry, nested=self._nested(dotted, entry)))
        if not latin and key.startswith("ال") and len(key) > 3:
            lam_key = "ل" + key[2:]
            self._put(lam_key, _replace(entry, lam=True, nested=self._nested(lam_key, entry)))

    def _put(self, key: str, entry: _Entry) -> None:
        bucket = self.by_key.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def _nested(self, key: str, entry: _Entry) -> tuple[tuple[int, int, str, str], ...]:
        """Country references inside a government/title alias (e.g. الأميركي in a title)."""
        if entry.actor_id is None or not (entry.match == "title" or self._is_gov(entry.actor_id)):
            return ()
        spans = []
        pos = 0
        starts = []
        for word in key.split(" "):
            starts.append((pos, pos + len(word)))
            pos += len(word) + 1
        i = 0
        while i < len(starts):
            found = None
            for j in range(len(starts) - 1, i - 1, -1):  # longest word sequence first
                sub = key[starts[i][0] : starts[j][1]]
                if sub in self.country_keys and sub != key:
                    found = (j, self.country_keys[sub])
                    break
            if found:
                j, (actor_id, match) = found
                spans.append((starts[i][0], starts[j][1], actor_id, match))
                i = j + 1
            else:
                i += 1
        return tuple(spans)

    def _is_gov(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.type == "government"

    def alias_items(self, raw: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
        items = []
        for item in _as_list(raw, where):
            if isinstance(item, str):
                items.append((item, {}))
            elif isinstance(item, dict):
                unknown = set(item) - _ALIAS_KEYS
                if unknown or "text" not in item:
                    raise ValueError(f"{where}: bad alias {item!r} (keys: {sorted(_ALIAS_KEYS)})")
                items.append((str(item["text"]), item))
            else:
                raise ValueError(f"{where}: alias must be a string or a mapping, got {item!r}")
        return items

    def entry(
        self, actor_id: str | None, match: str, opts: Mapping[str, Any], where: str, **kw: Any
    ) -> _Entry:
        requires = tuple(opts.get("requires_any") or ())
        unless = tuple(opts.get("unless_any") or ())
        for ref in requires + unless:
            self.pending_refs.append((where, ref))
        return _Entry(
            actor_id=actor_id,
            match=match,
            strict="" if opts.get("strict") else None,
            only_after_full=bool(opts.get("only_after_full")),
            requires_any=requires,
            unless_any=unless,
            after_any=tuple(_key(str(w)) or str(w) for w in _as_list(opts.get("after_any"), where)),
            unless_after=tuple(_key(str(w)) or str(w) for w in _as_list(opts.get("unless_after"), where)),
            not_construct=bool(opts.get("not_construct")),
            valid_from=_as_date(opts.get("from"), where),
            valid_until=_as_date(opts.get("until"), where),
            **kw,
        )

    # -- countries ------------------------------------------------------------------------
    def add_countries(self, curated: Mapping[str, Any]) -> None:
        # Local import: the country facts module is helper D's; it has no other dependency here.
        from pipelines.lib import countries as facts_mod

        ar = babel.Locale("ar").territories
        en = babel.Locale("en").territories
        facts = facts_mod.load_facts()
        codes: dict[str, tuple[str | None, str | None, list[str]]] = {}
        for c in pycountry.countries:
            names_en = [en.get(c.alpha_2), c.name, getattr(c, "common_name", None)]
            codes[c.alpha_3] = (ar.get(c.alpha_2), en.get(c.alpha_2) or c.name, [n for n in names_en if n])
        for a3, extra in curated.items():
            if a3 not in codes:  # a territory pycountry lacks (e.g. Kosovo): CLDR names via alpha2
                extra = extra if isinstance(extra, dict) else {}
                a2 = extra.get("alpha2")
                name_ar = extra.get("name_ar") or (ar.get(a2) if a2 else None)
                name_en = extra.get("name_en") or (en.get(a2) if a2 else None)
                if not name_en or not name_ar:
                    raise ValueError(
                        f"countries.{a3}: not an ISO alpha-3 code; give alpha2 (CLDR) or name_en and name_ar"
                    )
                codes[a3] = (name_ar, name_en, [name_en])
        # Pass 1: names. A capital spelled like any country's name is that country, not a metonym.
        plans: dict[str, tuple[dict[str, Any], list[str]]] = {}
        name_keys: dict[str, str] = {}
        for a3 in sorted(codes):
            name_ar = codes[a3][0]
            extra = curated.get(a3) or {}
            where = f"countries.{a3}"
            unknown = set(extra) - _ACTOR_KEYS - facts_mod.COUNTRY_ONLY_KEYS
            if unknown:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            drop = {_key(a) for a in _as_list(extra.get("drop_aliases"), where)}
            # CLDR names like "ميانمار (بورما)" keep only the part before the bracket.
            cldr_ar = [name_ar.split("(")[0].strip()] if name_ar else []
            aliases_ar = [a for a in cldr_ar if _key(a) not in drop]
            plans[a3] = (extra, aliases_ar)
            for text, _ in [(a, {}) for a in aliases_ar] + self.alias_items(extra.get("aliases_ar"), where):
                name_keys.setdefault(_key(text), a3)
        # Pass 2: actors and keys.
        for a3 in sorted(codes):
            name_ar, name_en, names_en = codes[a3]
            extra, aliases_ar = plans[a3]
            where = f"countries.{a3}"
            actor_id = f"country:{a3}"
            fact = facts.get(a3)
            alias_items = [(a, {}) for a in aliases_ar] + self.alias_items(extra.get("aliases_ar"), where)
            en_items = [(n, {}) for n in names_en] + self.alias_items(extra.get("aliases_en"), where)
            aliases_en = list(dict.fromkeys(t for t, _ in en_items))
            metonyms = self.alias_items(extra.get("metonyms"), where)
            curated_met = {_key(t) for t, _ in metonyms}
            drop_met = {_key(t) for t in _as_list(extra.get("drop_metonyms"), where)}
            generated_met = [
                t
                for t in facts_mod.capital_metonyms(a3, facts, name_keys, drop_met, _key)
                if _key(t) not in curated_met
            ]
            metonyms += [(t, {}) for t in generated_met]
            # Nisba: curated stems when the entry has `nisba:` (an empty list means none), else one
            # derived from the CLDR name, unless that name is a dropped common word (مالي).
            if "nisba" in extra:
                stems = [str(s) for s in _as_list(extra.get("nisba"), where)]
                nisba_origin = "curated"
            else:
                derived = facts_mod.derive_nisba(name_ar) if aliases_ar and name_ar else None
                stems = [derived] if derived else []
                nisba_origin = "generated from the CLDR name"
            nisba_extra = [str(s) for s in _as_list(extra.get("nisba_extra"), where)]
            # {nisba} templates (generated state bodies, curated aliases); _expand inflects both
            # words of a two-word nisba (كوري جنوبي).
            self.nisba_stems[a3] = [s.strip() for s in stems if s.strip()]
            self.country_names[a3] = [t for t, opts in alias_items if not opts]
            notes = []
            if stems:
                notes.append(f"nisba {nisba_origin}: {', '.join(stems)}")
            if generated_met:
                source = fact.capital_source if fact else "?"
                notes.append(f"capital metonyms from {source}: {', '.join(generated_met)}")
            self.actors[actor_id] = Actor(
                actor_id=actor_id,
                type="country",
                name_en=name_en,
                name_ar=extra.get("name_ar") or name_ar,
                country=a3,
                wikidata_id=extra.get("wikidata_id") or (fact.wikidata_id if fact else None),
                aliases_ar=tuple(
                    dict.fromkeys([t for t, _ in alias_items] + [t for t, _ in metonyms] + stems)
                ),
                aliases_en=tuple(aliases_en),
                notes="; ".join(notes) or None,
            )
            if extra.get("not_surfaces"):
                self.not_surfaces[actor_id] = frozenset(_skeleton(s) for s in extra["not_surfaces"])
            for text, opts in alias_items:
                self.add_key(text, self.entry(actor_id, "alias", opts, where))
            for text, opts in en_items:
                self.add_key(text, self.entry(actor_id, "alias", opts, where))
            for text, opts in metonyms:
                self.add_key(text, self.entry(actor_id, "metonym", opts, where))
            for stem in stems:
                for form in _nisba_forms(stem):
                    self.add_key(form, self.entry(actor_id, "nisba", {}, where))
            for form in nisba_extra:
                self.add_key(form, self.entry(actor_id, "nisba", {}, where))
        # Unconditional country keys, used to find the country inside government/title aliases.
        for key, bucket in self.by_key.items():
            for e in bucket:
                if e.actor_id and not e.conditional and not e.lam and not e.latin and e.strict is None:
                    self.country_keys.setdefault(
                        key, (e.actor_id, "nisba" if e.match == "nisba" else e.match)
                    )

    # -- other actors ---------------------------------------------------------------------
    def add_actor(self, raw: Mapping[str, Any], where: str) -> None:
        if not isinstance(raw, dict) or "id" not in raw:
            raise ValueError(f"{where}: every actor needs an id")
        actor_id = str(raw["id"])
        where = f"{where} ({actor_id})"
        unknown = set(raw) - _ACTOR_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        if actor_id in self.actors:
            raise ValueError(f"{where}: duplicate actor id")
        kind = raw.get("type")
        if kind not in ACTOR_TYPES - {"country"}:
            raise ValueError(f"{where}: type must be one of {sorted(ACTOR_TYPES - {'country'})}")
        country = raw.get("country")
        if country is not None and f"country:{country}" not in self.actors:
            raise ValueError(f"{where}: unknown country {country!r} (use ISO alpha-3)")
        stems = self.nisba_stems.get(country or "", [])
        alias_items = self.alias_items(raw.get("aliases_ar"), where)
        former = [str(n) for n in _as_list(raw.get("former_names"), where)]
        # A former name (الجولاني for أحمد الشرع) still finds the actor: it is an alias too.
        known = {_key(t) for t, _ in alias_items}
        alias_items += [(n, {}) for n in former if _key(n) not in known]
        expanded = [(t, o) for text, o in alias_items for t in _expand(text, stems)]
        if any("{nisba" in t for t, _ in expanded):
            raise ValueError(f"{where}: {{nisba}} used but country {country!r} has no nisba stems")
        en_items = self.alias_items(raw.get("aliases_en"), where)
        links = raw.get("links") or {}
        for ref in links.values():
            self.pending_refs.append((where, str(ref)))
        self.actors[actor_id] = Actor(
            actor_id=actor_id,
            type=kind,
            name_en=raw.get("name_en"),
            name_ar=raw.get("name_ar"),
            country=country,
            wikidata_id=raw.get("wikidata_id"),
            aliases_ar=tuple(dict.fromkeys(t for t, _ in expanded)),
            aliases_en=tuple(dict.fromkeys(t for t, _ in en_items)),
            links=tuple(sorted((str(k), str(v)) for k, v in links.items())),
            notes=raw.get("notes"),
            former_names=tuple(former),
        )
        for text, opts in expanded:
            self.add_key(text, self.entry(actor_id, "alias", opts, where))
        for text, opts in en_items:
            self.add_key(text, self.entry(actor_id, "alias", opts, where))
        for title in _as_list(raw.get("titles"), where):
            if not isinstance(title, dict) or not title.get("role"):
                raise ValueError(f"{where}: a title needs a role and aliases_ar")
            opts = {k: title.get(k) for k in ("from", "until")}
            for text, _ in self.alias_items(title.get("aliases_ar"), where):
                for t in _expand(text, stems):
                    self.add_key(t, self.entry(actor_id, "title", opts, where, role=str(title["role"])))
        roles = []
        for r in _as_list(raw.get("roles"), where):
            if not isinstance(r, dict) or not r.get("role"):
                raise ValueError(f"{where}: a role needs role/start/end")
            roles.append(
                Role(str(r["role"]), actor_id, _as_date(r.get("start"), where), _as_date(r.get("end"), where))
            )
        if roles:
            self.person_roles[actor_id] = roles
        if raw.get("not_surfaces"):
            self.not_surfaces[actor_id] = frozenset(_skeleton(s) for s in raw["not_surfaces"])

    def add_generic_governments(self) -> None:
        """State bodies written "<body> <nisba>" for every country with nisba stems.

        Added after the curated actors: a phrase a curated actor already claims (e.g. a dated
        "الحكومة السورية") is skipped, and a body whose id is curated is not generated. This is
        what makes "الجيش السوداني" the Sudanese army rather than a Sudani surname.
        """
        for a3, stems in sorted(self.nisba_stems.items()):
            if not stems:
                continue
            country = self.actors[f"country:{a3}"]
            name = country.name_en or a3
            for suffix, label, aliases, titles in _GENERIC_BODIES:
                actor_id = f"gov:{a3}{suffix}"
                if actor_id in self.actors:
                    # A curated body keeps its own titles but also gets the generic phrases it lacks
                    # ("القوات الأميركية", "وزارة الطاقة الأميركية" for the curated US bodies).
                    self._extend(actor_id, [t for a in aliases for t in _expand(a, stems)])
                    continue
                if suffix == "" and any(self._claimed(t) for t in _expand(aliases[0], stems)):
                    # The country's government is curated (the dated Syrian governments): its other
                    # bodies ("وزارة الصحة السورية", "المصرف المركزي السوري") belong to whichever
                    # government "الحكومة <nisba>" is on the article's date, with the same bounds.
                    self._give_bodies_to_holders(_expand(aliases[0], stems), aliases[1:], stems)
                    continue
                free = [t for a in aliases for t in _expand(a, stems) if not self._claimed(t)]
                free_titles = [
                    (role.format(name=name), t)
                    for role, phrases in titles
                    for a in phrases
                    for t in _expand(a, stems)
                    if not self._claimed(t)
                ]
                if not free:
                    continue
                self.actors[actor_id] = Actor(
                    actor_id=actor_id,
                    type="government",
                    name_en=label.format(name=name),
                    name_ar=free[0],
                    country=a3,
                    aliases_ar=tuple(dict.fromkeys(free)),
                    notes="generated from the country's nisba (actors.py _GENERIC_BODIES)",
                )
                for text in free:
                    self.add_key(text, _Entry(actor_id=actor_id, match="alias"))
                for role, text in free_titles:
                    self.add_key(text, _Entry(actor_id=actor_id, match="title", role=role))

    def add_construct_titles(self) -> None:
        """Title-only state bodies for the countries without nisba stems (_CONSTRUCT_TITLES), so
        their office holders can carry dated roles. A curated body or phrase wins."""
        for a3, stems in sorted(self.nisba_stems.items()):
            if stems:
                continue
            names = [n for n in self.country_names.get(a3, []) if not n.startswith("جمهورية")]
            names += [n for n in self.country_names.get(a3, []) if n.startswith("جمهورية")]
            if not names:
                continue
            name = self.actors[f"country:{a3}"].name_en or a3
            for suffix, label, role, phrases in _CONSTRUCT_TITLES:
                actor_id = f"gov:{a3}{suffix}"
                texts = [
                    p.format(n=n)
                    for n in names
                    for p in phrases
                    # "رئيس جمهورية جمهورية مالي": the name already says جمهورية
                    if not (n.startswith("جمهورية") and "جمهورية {n}" in p)
                ]
                free = [t for t in dict.fromkeys(texts) if not self._claimed(t)]
                if not free:
                    continue
                if actor_id not in self.actors:
                    self.actors[actor_id] = Actor(
                        actor_id=actor_id,
                        type="government",
                        name_en=label.format(name=name),
                        name_ar=_CONSTRUCT_NAMES_AR[suffix].format(n=names[0]),
                        country=a3,
                        notes="title-only body for a country without nisba (actors.py _CONSTRUCT_TITLES)",
                    )
                elif self.actors[actor_id].type != "government":
                    continue
                for text in free:
                    self.add_key(text, _Entry(actor_id=actor_id, match="title", role=role.format(name=name)))

    def _give_bodies_to_holders(
        self, government: list[str], aliases: Iterable[str], stems: list[str]
    ) -> None:
        holders = sorted(
            {
                (e.actor_id, e.valid_from or date.min, e.valid_until or date.max)
                for t in government
                for e in self.by_key.get(_key(t), ())
                if e.actor_id is not None and e.match == "alias" and not e.conditional and not e.lam
            }
        )
        free = [t for a in aliases for t in _expand(a, stems) if not self._claimed(t)]
        for actor_id, valid_from, valid_until in holders:
            actor = self.actors[actor_id]
            if actor.type != "government":
                continue
            self.actors[actor_id] = replace(
                actor, aliases_ar=tuple(dict.fromkeys([*actor.aliases_ar, *free]))
            )
            for text in free:
                entry = _Entry(
                    actor_id=actor_id,
                    match="alias",
                    valid_from=None if valid_from == date.min else valid_from,
                    valid_until=None if valid_until == date.max else valid_until,
                )
                self.add_key(text, entry)

    def _extend(self, actor_id: str, phrases: list[str]) -> None:
        actor = self.actors[actor_id]
        if actor.type != "government":
            return
        free = [t for t in phrases if not self._claimed(t)]
        if not free:
            return
        self.actors[actor_id] = replace(actor, aliases_ar=tuple(dict.fromkeys([*actor.aliases_ar, *free])))
        for text in free:
            self.add_key(text, _Entry(actor_id=actor_id, match="alias"))

    def add_sports_blocks(self) -> None:
        """National teams and leagues are not the state: "المنتخب السعودي", "منتخب مصر", "الدوري
        القطري" win longest-match and emit nothing (blocklist entries, generated per country)."""
        for a3, stems in sorted(self.nisba_stems.items()):
            country = self.actors[f"country:{a3}"]
            names = [n for n in country.aliases_ar if n not in stems][:4]
            phrases = [t for p in _SPORTS_NISBA for t in _expand(p, stems)] if stems else []
            phrases += [f"{p} {n}" for p in _SPORTS_NAME for n in names]
            for text in phrases:
                if not self._claimed(text):
                    self.add_key(text, _Entry(actor_id=None, match="block"))

    def _nest_igos(self) -> None:
        """An organisation named inside a title is reported too, like a country: "الأمين العام
        للأمم المتحدة" gives igo:un besides the title (done once every key is known)."""
        igo_keys: dict[str, str] = {}
        # A spokesperson's title names the body spoken for ("المتحدث باسم وزارة الخارجية الأميركية"):
        # that body is reported too, whatever its type (NewsFANE tags it there).
        body_keys: dict[str, str] = {}
        for key, bucket in self.by_key.items():
            for e in bucket:
                if e.actor_id and e.match == "alias" and not (e.conditional or e.lam or e.latin or e.strict):
                    kind = self.actors[e.actor_id].type
                    if kind == "igo":
                        igo_keys.setdefault(key, e.actor_id)
                    if kind in ("igo", "government", "armed_group", "organization"):
                        body_keys.setdefault(key, e.actor_id)
        for key, bucket in self.by_key.items():
            if not any(e.match == "title" for e in bucket):
                continue
            words, pos = [], 0
            for word in key.split(" "):
                words.append((pos, word))
                pos += len(word) + 1
            known = body_keys if "باسم" in key.split(" ") else igo_keys
            spans = []
            for i, (w_start, word) in enumerate(words):
                # "للامم المتحده" is ل + "الامم المتحده": look the organisation up with ال restored;
                # "لحلف شمال الاطلسي" is ل + an indefinite head.
                heads = [word]
                if word.startswith("لل"):
                    heads.append("ال" + word[2:])
                elif word.startswith("ل") and len(word) > 3:
                    heads.append(word[1:])
                for j in range(len(words) - 1, i - 1, -1):
                    tail = " ".join(w for _, w in words[i + 1 : j + 1])
                    sub = next(
                        (h2 for h in heads if (h2 := f"{h} {tail}" if tail else h) in known and h2 != key),
                        None,
                    )
                    if sub is not None:
                        spans.append((w_start, words[j][0] + len(words[j][1]), known[sub], "alias"))
                        break
                if spans and spans[-1][0] == w_start:
                    break  # one organisation per title
            if not spans:
                continue
            for n, e in enumerate(bucket):
                if e.match == "title":
                    taken = [(a, b) for a, b, _, _ in e.nested]
                    # a body around a nested country keeps both (the body's own alias reports both)
                    extra = tuple(
                        sp
                        for sp in spans
                        if all(sp[1] <= a or b <= sp[0] or sp[0] <= a < b <= sp[1] for a, b in taken)
                    )
                    bucket[n] = _replace(e, nested=e.nested + extra)

    def _claimed(self, text: str) -> bool:
        """Does a curated actor (not the blocklist) already own this phrase?"""
        return any(e.actor_id is not None for e in self.by_key.get(_key(text), ()))

    def build(self) -> Registry:
        for where, ref in self.pending_refs:
            if ref not in self.actors:
                raise ValueError(f"{where}: reference to unknown actor {ref!r}")
        roles: dict[str, list[Role]] = {}
        for person_roles in self.person_roles.values():
            for r in person_roles:
                roles.setdefault(r.role, []).append(r)
        self._nest_igos()
        reg = Registry(self.actors, roles, self.person_roles, self.not_surfaces)
        automaton = ahocorasick.Automaton()
        for index, key in enumerate(sorted(self.by_key)):
            # Strict spellings first, then file order: the first valid entry wins a key.
            bucket = sorted(self.by_key[key], key=lambda e: e.strict is None)
            reg.keys.append(key)
            reg.entries.append(tuple(bucket))
            automaton.add_word(key, index)
        automaton.make_automaton()
        reg.automaton = automaton
        reg.key_index = {k: i for i, k in enumerate(reg.keys)}
        reg.nisba_stems = dict(self.nisba_stems)
        bare = ahocorasick.Automaton()
        for phrase, gender in _BARE_BODIES:
            key = _key(phrase)
            variants = [(key, False)] + ([("ل" + key[2:], True)] if key.startswith("ال") else [])
            for variant, lam in variants:
                reg.bare_bodies[variant] = (phrase, gender, lam)
                bare.add_word(variant, variant)
        bare.make_automaton()
        reg.bare_automaton = bare
        return reg


def _replace(entry: _Entry, **changes: Any) -> _Entry:
    return replace(entry, **changes)


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_YAML_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: top level must be a mapping (countries:/actors:/block:)")
    unknown = set(data) - {"countries", "actors", "block"}
    if unknown:
        raise ValueError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    return data


@lru_cache(maxsize=8)
def _load_cached(directory: str, signature: tuple[tuple[str, int, int], ...]) -> Registry:
    del signature  # only part of the cache key: edited files give a new registry
    files = [_read_yaml(p) for p in sorted(Path(directory).glob("*.yaml"))]
    builder = _Builder()
    curated: dict[str, Any] = {}
    for data in files:
        curated.update(data.get("countries") or {})
    builder.add_countries(curated)
    # Governments first so their aliases can be recognised as such when computing nested spans.
    raw_actors = [(a, i) for i, data in enumerate(files) for a in _as_list(data.get("actors"), "actors")]
    raw_actors.sort(key=lambda pair: (pair[0].get("type") != "government", pair[1]))
    for n, (raw, _) in enumerate(raw_actors):
        builder.add_actor(raw, f"actors[{n}]")
    builder.add_generic_governments()
    builder.add_construct_titles()
    builder.add_sports_blocks()
    for data in files:
        for phrase in _as_list(data.get("block"), "block"):
            builder.add_key(str(phrase), _Entry(actor_id=None, match="block"))
    return builder.build()


def load_registry(directory: Path | None = None) -> Registry:
    """Load (and cache) the registry from ``directory`` (default ``<repo>/data/actors``)."""
    path = Path(directory or DEFAULT_DIR).resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"actor registry directory not found: {path}")
    # *.tsv too: country_facts.tsv (generated) feeds the country actors.
    files = sorted([*path.glob("*.yaml"), *path.glob("*.tsv")])
    signature = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load_cached(str(path), signature)


def actors_frame(registry: Registry) -> pl.DataFrame:
    """The ``actors`` table, one row per registry actor, sorted by actor_id."""
    rows = [
        {
            "actor_id": a.actor_id,
            "name_en": a.name_en,
            "name_ar": a.name_ar,
            "type": a.type,
            "country": a.country,
            "wikidata_id": a.wikidata_id,
            "aliases_ar": list(a.aliases_ar),
            "aliases_en": list(a.aliases_en),
        }
        for a in sorted(registry.actors.values(), key=lambda a: a.actor_id)
    ]
    return schemas.conform("actors", schemas.frame("actors", rows))


def actor_roles_frame(registry: Registry) -> pl.DataFrame:
    """The ``actor_roles`` table: every dated role of every person (end exclusive)."""
    rows = [
        {"actor_id": actor_id, "role": r.role, "start_date": r.start, "end_date": r.end}
        for actor_id in sorted(registry.person_roles)
        for r in sorted(registry.person_roles[actor_id], key=lambda r: (r.start or date.min, r.role))
    ]
    return schemas.conform("actor_roles", schemas.frame("actor_roles", rows))


def actor_links_frame(registry: Registry) -> pl.DataFrame:
    """The ``actor_links`` table: renames/successions between actors and former names."""
    rows = []
    for a in sorted(registry.actors.values(), key=lambda a: a.actor_id):
        rows += [{"actor_id": a.actor_id, "relation": k, "target_actor_id": v} for k, v in a.links]
        rows += [{"actor_id": a.actor_id, "relation": "former_name", "name": n} for n in a.former_names]
    return schemas.conform("actor_links", schemas.frame("actor_links", rows))


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass
class _Hit:
    start: int  # normalised offsets of the mention
    end: int
    key_start: int  # where the automaton key starts (differs from start for لل)
    entry: _Entry


def _prepare(text: str) -> tuple[str, list[int]]:
    """Normalised text with runs of spaces/tabs folded to one space, plus the offset map."""
    norm = normalize(text)
    chars: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for ch, off in zip(norm.text, norm.offsets, strict=False):
        if ch != "\n" and ch.isspace():
            if prev_space:
                continue
            ch = " "
            prev_space = True
        else:
            prev_space = False
        chars.append(ch)
        offsets.append(off)
    offsets.append(len(text))
    return "".join(chars), offsets


def _candidates(
    norm: str, text: str, offsets: list[int], reg: Registry, on_date: date | None
) -> list[tuple[int, int, int, tuple[_Entry, ...]]]:
    """Every automaton hit that sits on word boundaries, with the entries still possible there."""
    out = []
    n = len(norm)
    for last, index in reg.automaton.iter(norm):
        key = reg.keys[index]
        start, end = last - len(key) + 1, last + 1
        if end < n and norm[end].isalnum():
            continue  # must end at a word end (قطر is not in قطرات)
        word_start = start
        while word_start > 0 and norm[word_start - 1].isalnum() and start - word_start <= 3:
            word_start -= 1
        prefix = norm[word_start:start]
        if word_start > 0 and norm[word_start - 1].isalnum():
            continue  # more than three letters before: inside a longer word
        ok = []
        for e in reg.entries[index]:
            if e.latin and prefix:
                continue
            if e.lam and prefix not in _LAM_PROCLITICS:
                continue
            if not e.lam and prefix not in _PROCLITICS:
                continue
            if not e.valid_on(on_date):
                continue
            if e.strict is not None or (e.actor_id in reg.not_surfaces):
                o_start, o_end = offsets[start], offsets[end - 1] + 1
                original = text[o_start:o_end]
                if e.strict is not None and (original if e.latin else _skeleton(original)) != e.strict:
                    continue
                word = text[offsets[word_start] : o_end]
                if e.actor_id in reg.not_surfaces and _skeleton(word) in reg.not_surfaces[e.actor_id]:
                    continue
            if e.match == "nisba" and not key.startswith("ال") and _is_name(norm, word_start, end):
                continue
            ok.append(e)
        if ok:
            if on_date is None:
                # Without a date prefer the open-ended (current) reading of a dated alias.
                ok.sort(key=lambda e: (e.strict is None, e.valid_until is not None))
            out.append((start, end, index, tuple(ok)))
    return out


def _is_name(norm: str, word_start: int, end: int) -> bool:
    """Is the bare word at ``norm[word_start:end]`` part of a personal name (بن/الأمير around it)?"""
    before = norm[:word_start].rstrip().rsplit(" ", 1)[-1] if word_start else ""
    after = norm[end:].lstrip().split(" ", 1)[0] if end < len(norm) else ""
    return before in _NAME_BEFORE or after in _NAME_AFTER


def _select(hits: Iterable[_Hit], taken: bytearray) -> list[_Hit]:
    """Longest first, then leftmost; skip hits overlapping anything already taken."""
    chosen = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if any(taken[hit.start : hit.end]):
            continue
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        chosen.append(hit)
    return chosen


def _token_before(norm: str, start: int, raw: bool = False) -> str:
    """The normalised word or punctuation mark before the word holding ``norm[start]``.

    The word's own proclitics (و/ف/ل before the alias) are skipped; a و/ف glued to the previous
    word is dropped (وذكرت → ذكرت); ``^`` is the start of the text or of a line.
    """
    word_start = start
    while word_start > 0 and start - word_start < 3 and norm[word_start - 1].isalpha():
        word_start -= 1
    pos = word_start
    while pos > 0 and norm[pos - 1] == " ":
        pos -= 1
    if pos == 0 or norm[pos - 1] == "\n":
        return "^"
    if not norm[pos - 1].isalpha():
        return norm[pos - 1]
    word = norm[:pos].rsplit(None, 1)[-1]
    while not raw and len(word) > 3 and word.startswith(_AFTER_STRIP):
        word = word[1:]
    return word


def _conditions_hold(
    e: _Entry,
    start: int,
    base: list[_Hit],
    context: set[str],
    norm: str = "",
    end: int = -1,
    surname_cue: str | None = None,
) -> bool:
    if e.after_any and not _after_any_holds(e, norm, start):
        return False
    if norm and _token_before(norm, start) in _DEMONSTRATIVES:
        return False  # "شذ عن هذه القاعدة", "هذه الهيئة": a common noun, not the name
    if e.unless_after and _token_before(norm, start) in e.unless_after:
        return False
    if e.not_construct and end >= 0 and _heads_construct(norm, end):
        return False
    if (
        e.only_after_full
        and not (surname_cue is not None and e.actor_id == surname_cue)
        and not any(h.entry.actor_id == e.actor_id and h.start < start for h in base)
    ):
        return False
    if e.requires_any and not context.intersection(e.requires_any):
        return False
    return not context.intersection(e.unless_any)


def _surname_cue(
    norm: str,
    start: int,
    entries: tuple[_Entry, ...],
    base: list[_Hit],
    registry: Registry,
    context: set[str] | frozenset[str] = frozenset(),
) -> str | None:
    """Is a person's surname alone (an ``only_after_full`` alias: أنان, رايس, السنيورة) used as a
    name here even though the full name was not written before? Returns that person's id, or None.
    Only when the surname is a person's and nothing else's, and it follows a title or honorific
    (الرئيس عرفات, السيد نصر الله, a registry title: الأمين العام للأمم المتحدة أنان) or a
    person's name with و (بوش ورايس). After a verb of saying (وقال رايس, أكد نصر الله) only when
    the text also names the person's country: alone ("قال الكاظمي", "قال أوستن إن الطقس بارد")
    the surname is a family name many people share or a common word.
    A surname several registry people share (ليبرمان: Avigdor and Joe) is given to the one whose
    country the text names when it names none of the others' (and never without such a country)."""
    if not entries or not all(
        e.only_after_full and (e.actor_id or "").startswith("person:") for e in entries
    ):
        return None  # also a country, word or outlet, or a plain alias
    ids = {e.actor_id or "" for e in entries}
    if len(ids) == 1:
        person = next(iter(ids))
    else:
        named = [i for i in ids if f"country:{registry.actors[i].country}" in context]
        countries = {registry.actors[i].country for i in ids}
        if len(named) != 1 or len(countries) != len(ids):
            return None  # no country, or two of them named: which one is meant is unknown
        person = named[0]
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalpha() and start - word_start < 3:
        word_start -= 1
    prefix = norm[word_start:start]
    if _sports_at(norm, start, {}, True):
        return None  # "وأضاف المالكي" in a match report is a player or a coach
    before = _line_word_before(norm, word_start)
    if before in _SURNAME_TITLES:
        return person
    if before in _SAYING_VERBS:
        country = registry.actors[person].country
        return person if country is not None and f"country:{country}" in context else None
    gap = len(norm[:word_start].rstrip(" "))
    if gap and gap == word_start - 1 and any(h.end == gap and h.entry.match == "title" for h in base):
        return person  # right after a registry title
    after_person = prefix.startswith("و") and any(
        h.end == gap and h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person" for h in base
    )
    return person if after_person else None


def _after_any_holds(e: _Entry, norm: str, start: int) -> bool:
    """Is the token before the alias one of ``e.after_any``? A quotation mark between is looked
    through (صحيفة "الشرق الأوسط"), a glued preposition dropped (لصحيفة الحياة); the "لX" form
    of an outlet also counts after a reporting verb ("قال رضوان للجزيرة": told Al Jazeera)."""
    token = _token_before(norm, start)
    if token in _OPEN_QUOTES:
        quote = norm.rfind(token, 0, start)
        token = _token_before(norm, quote) if quote > 0 else token
    if token in e.after_any or _strip_proclitic(token) in e.after_any:
        return True
    if token.isalpha() and _token_before(norm, start, raw=True) in e.after_any:
        return True  # a word that starts with و/ف itself (فضائية)
    if not e.lam or not (e.actor_id or "").startswith("media:"):
        return False  # only an outlet is "told" (عادت للقاعدة is not al-Qaeda)
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalpha():
        word_start -= 1
    words = _words_before(norm, word_start, 5)
    return bool(words) and not words[0].startswith("ال") and any(w in _TOLD_VERBS for w in words)


def _heads_construct(norm: str, end: int) -> bool:
    """Is the word ending at ``norm[end]`` followed by a definite noun it governs ("فتح المعابر",
    "حماس الجماهير")? An adjective (…ي/…ية: "حماس الفلسطينية") or a relative pronoun does not count."""
    if end >= len(norm) or norm[end] != " ":
        return False  # punctuation, a clitic or the end: not a construct
    # The next word up to the first non-letter: "المعابر." ends a sentence and still governs.
    nxt = re.match(r"[^\W\d_]*", norm[end + 1 :]).group()
    if not nxt.startswith("ال") or nxt in _RELATIVES:
        return False
    return not nxt.endswith(("ي", "يه", "يين", "يون"))


def find_mentions(text: str, registry: Registry, on_date: date | None = None) -> list[Mention]:
    """All actor mentions in ``text`` (offsets into the original), sorted by start.

    ``on_date`` (the article's date) selects dated aliases and resolves bare titles to the
    person holding the role that day.
    """
    return _find_mentions(text, registry, on_date, duals=True)


def find_title_mentions(
    title: str, registry: Registry, on_date: date | None = None, text_mentions: Iterable[Mention] = ()
) -> list[Mention]:
    """Mentions in an article's headline (offsets into ``title``), read with its text's people.

    A headline names people by surname alone ("نصر الله يهاجم ...", "بري يدعو إلى الحوار") and the
    text gives the full name; matched alone, the headline's surname has no earlier full name and is
    dropped. So the headline is also matched after the full names of the people the text names
    (``text_mentions``: the text's own mentions, so the text is not matched twice), and the people
    found in it that way (by alias: a full name or a surname those names license) are added.
    """
    own = find_mentions(title, registry, on_date)
    actors = registry.actors
    names = dict.fromkeys(
        m.surface
        for m in text_mentions
        if m.match == "alias" and m.actor_id in actors and actors[m.actor_id].type == "person"
    )
    if not title or not names:
        return own
    context = "\n".join(names)
    shift = len(context) + 1
    extra = [
        replace(m, start=m.start - shift, end=m.end - shift)
        for m in find_mentions(f"{context}\n{title}", registry, on_date)
        if m.start >= shift and m.match == "alias" and registry.actors[m.actor_id].type == "person"
    ]
    extra = [m for m in extra if not any(o.start < m.end and m.start < o.end for o in own)]
    return sorted([*own, *extra], key=lambda m: (m.start, m.end, m.actor_id, m.match))


def _find_mentions(text: str, registry: Registry, on_date: date | None, duals: bool) -> list[Mention]:
    """:func:`find_mentions`; ``duals=False`` skips the dual-head readings (the call that reads one
    conjunct must not expand the text's other dual heads again: that recursion grew exponentially
    with the number of heads)."""
    if not text:
        return []
    norm, offsets = _prepare(text)
    taken = bytearray(len(norm))
    firm: list[_Hit] = []
    deferred: list[tuple[int, int, tuple[_Entry, ...]]] = []
    for start, end, _index, entries in _candidates(norm, text, offsets, registry, on_date):
        lam_shift = 1 if entries[0].lam else 0  # the preposition ل of لل belongs to the surface
        if len(entries) == 1 and entries[0].local_only:
            # Conditions on the neighbouring words only: decide now, so that a bare "حماس" is
            # context for other aliases (فتح requires Hamas or Palestine) like any firm alias.
            if _conditions_hold(entries[0], start, [], set(), norm, end):
                firm.append(_Hit(start - lam_shift, end, start, entries[0]))
        elif any(e.conditional for e in entries):
            deferred.append((start, end, entries))  # resolved once the firm context is known
        else:
            entry = entries[0]
            if entry.match != "nisba" and _after_feminine_definite(norm, start - lam_shift):
                # A name that is also the feminine adjective (السعودية): after a definite feminine
                # noun it agrees with it ("العائلة المالكة السعودية"); "زار الوزير السعودية" cannot.
                same = entry.actor_id
                entry = next((e for e in entries if e.match == "nisba" and e.actor_id == same), entry)
            firm.append(_Hit(start - lam_shift, end, start, entry))
    # Pass 1: unconditional aliases.
    base = _select(firm, taken)
    context = {h.entry.actor_id for h in base if h.entry.actor_id}
    context |= {nested[2] for h in base for nested in h.entry.nested}
    # An outlet or body of a country puts that country in context ("التلفزيون السوري" for الأسد).
    context |= {
        f"country:{a.country}"
        for a in (registry.actors[i] for i in list(context) if i in registry.actors)
        if a.country and a.type in ("media", "government")
    }
    # Pass 2: context-dependent aliases (الهيئة after HTS, الأسد with Syria, عمان Oman/Amman).
    second: list[_Hit] = []
    # In text order, so that a surname resolved here (وقال نصر الله, with Lebanon named) is the
    # earlier mention a later lone surname of the same person needs ("كما هاجم نصر الله").
    for start, end, entries in sorted(deferred, key=lambda d: d[0]):
        # Exact spellings first, then satisfied conditional readings, then the plain reading.
        ordered = sorted(entries, key=lambda e: (e.strict is None, not e.conditional))
        if _after_definite_noun(norm, start) and any(e.match == "nisba" for e in ordered):
            # "الجيش السوداني", "الشعب السوداني": an adjective agreeing with a noun, not a surname.
            ordered = [e for e in ordered if e.match == "nisba"]
        seen = base + [h for h in second if h.end <= start]
        cue = _surname_cue(norm, start, entries, seen, registry, context)
        entry = next((e for e in ordered if _conditions_hold(e, start, seen, context, norm, end, cue)), None)
        if entry is not None:
            second.append(_Hit(start - (1 if entry.lam else 0), end, start, entry))
    chosen = base + _select(second, taken)
    chosen += _surname_coreference(norm, registry, chosen, taken)

    def make(start: int, end: int, actor_id: str, match: str, role: str | None = None) -> Mention:
        o_start, o_end = offsets[start], offsets[end - 1] + 1
        # Keep trailing harakat/shadda with the word so the surface is the whole written word.
        while o_end < len(text) and unicodedata.category(text[o_end]) == "Mn":
            o_end += 1
        return Mention(actor_id, text[o_start:o_end], o_start, o_end, match, role)

    person_starts = {
        h.start for h in chosen if h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person"
    }
    mentions: set[Mention] = set()
    sports: dict[int, tuple[bool, bool]] = {}  # sentence start -> about sport (strict, loose)
    for hit in chosen:
        e = hit.entry
        if e.actor_id is None:
            continue  # blocklist phrase
        if registry.actors[e.actor_id].type == "country" and _not_the_state(norm, hit, sports):
            continue
        role = e.role
        if on_date is not None and e.match == "alias" and e.actor_id in registry.person_roles:
            role = next((r.role for r in registry.person_roles[e.actor_id] if r.holds(on_date)), None)
        actor_id = e.actor_id
        if e.match == "nisba" and registry.actors[actor_id].type == "country" and _in_state_body(norm, hit):
            gov = "gov:" + actor_id.split(":", 1)[1]
            actor_id = gov if gov in registry.actors else actor_id
        mentions.add(make(hit.start, hit.end, actor_id, e.match, role))
        for n_start, n_end, country_id, match in e.nested:
            mentions.add(make(hit.key_start + n_start, hit.key_start + n_end, country_id, match))
        if e.match == "title" and e.role and _word_before(norm, hit.start) not in _NOT_HOLDER_BEFORE:
            after = _after_title(norm, hit.end, person_starts, taken)
            if isinstance(after, tuple):  # a name the registry does not know: record it for review
                n_start, n_end = after
                slug = "-".join(norm[n_start:n_end].split())
                mentions.add(make(n_start, n_end, f"discovered:{slug}", "discovered", e.role))
            elif after is None and on_date is not None:
                holder = registry.holder(e.role, on_date)
                if holder:
                    mentions.add(make(hit.start, hit.end, holder, "role", e.role))
    for d_start, d_end, actor_id in (
        _dual_conjuncts(norm, registry, on_date, mentions, offsets) if duals else ()
    ):
        mentions.add(make(d_start, d_end, actor_id, "alias"))
    if registry.bare_automaton is not None:
        persons = {
            h.start: h.entry.actor_id
            for h in chosen
            if h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person"
        }
        for b_start, b_end, actor_id, role in _context_bodies(
            norm, text, offsets, registry, on_date, taken, persons, mentions, sports
        ):
            mentions.add(make(b_start, b_end, actor_id, "context_country", role))
    return sorted(mentions, key=lambda m: (m.start, m.end, m.actor_id, m.match))


def _surname_counts(registry: Registry) -> dict[str, int]:
    """How many registry people end a multi-word Arabic name with each word (computed once)."""
    if not registry._surname_counts:
        owners: dict[str, set[str]] = {}
        for a in registry.actors.values():
            if a.type != "person":
                continue
            for alias in (*a.aliases_ar, *((a.name_ar,) if a.name_ar else ())):
                words = _key(alias).split()
                if len(words) >= 2:
                    owners.setdefault(words[-1], set()).add(a.actor_id)
        registry._surname_counts.update({w: len(ids) for w, ids in owners.items()})
        registry._surname_counts.setdefault("", 0)  # mark as computed, even for an empty registry
    return registry._surname_counts


def _surname_coreference(norm: str, registry: Registry, chosen: list[_Hit], taken: bytearray) -> list[_Hit]:
    """Lone surnames of people named in full earlier in the text ("نبيه بري ... وقال بري").

    Only surnames the registry does not already hold as a key (those have their own rules: the
    ``only_after_full`` aliases); only at a name position (``_COREF_BEFORE``, ``^``, or و joining
    another person) and not followed by a word that would continue another person's name ("عباس
    زكي": the next word must be a function word, a verb or title from ``_NOT_NAME``, a definite
    word, a word with و, or punctuation). When several people named earlier share the surname,
    the one named last before it is meant. Given names (حسين of صدام حسين) are never surnames.
    """
    full: dict[str, list[tuple[int, str]]] = {}  # surname key -> [(end of full name, person)]
    for h in chosen:
        actor = registry.actors.get(h.entry.actor_id or "")
        if actor is None or actor.type != "person" or h.entry.match != "alias":
            continue
        if actor.country in _FAMILY_NAME_FIRST:
            continue
        words = norm[h.key_start : h.end].split()
        if len(words) < 2:
            continue
        n = 2 if words[-1] in _COMPOUND_LAST or words[-2] in _NAME_PARTICLES else 1
        if len(words) <= n:
            continue
        surname = " ".join(words[-n:])
        if (
            len(surname) < 3
            or surname in _GIVEN_NAMES
            or surname in _NOT_NAME
            or surname in registry.key_index
            or _surname_counts(registry).get(surname, 0) >= _CLAN_SIZE
        ):
            continue
        if surname.startswith("ال") and surname[2:] in _GIVEN_NAMES:
            continue  # a patronymic (الفيصل "of Faisal"): alone it is as often the father
        full.setdefault(surname, []).append((h.end, actor.actor_id))
    if not full:
        return []
    persons = {
        h.start: h for h in chosen if h.entry.actor_id and registry.actors[h.entry.actor_id].type == "person"
    }
    person_ends = {h.end for h in persons.values()}
    out = []
    for surname, names in full.items():
        forms = [re.escape(surname)]
        if surname.startswith("ال"):
            forms.append("ل" + re.escape(surname[1:]))  # لل: ل + ال with the alef dropped
        pattern = re.compile(rf"(?<![^\W\d_])([وف]?[بلك]?)({'|'.join(forms)})(?![^\W\d_])")
        for found in pattern.finditer(norm):
            start, end = found.span(2)  # a لل form keeps its ل in the surface, as aliases do
            earlier = [(e, pid) for e, pid in names if e <= found.start()]
            if not earlier or any(taken[start:end]):
                continue
            prefix = found.group(1)
            lam = prefix.endswith("ل") or found.group(2).startswith("لل")
            before = _line_word_before(norm, found.start())
            gap = len(norm[: found.start()].rstrip(" "))
            cue = (
                before in _COREF_BEFORE
                or (bool(before) and _strip_proclitic(before) in _COREF_BEFORE)
                or (not before and (gap == 0 or norm[gap - 1] == "\n"))
                or lam  # "قال لبري", "للحريري": told / given to a person
                or (prefix.startswith("و") and gap in person_ends)  # "هنية وعباس"
            )
            if not cue:
                continue
            nxt = norm[end + 1 :].split(" ", 1)[0] if norm[end : end + 1] == " " else ""
            nxt_word = re.match(r"[^\W\d_]*", nxt).group() if nxt else ""
            if nxt_word and not (
                nxt_word in _NOT_NAME or nxt_word.startswith(("ال", "لل", "و")) or (end + 1) in persons
            ):
                continue  # "عباس زكي": the word goes on into another person's name
            taken[start:end] = b"\x01" * (end - start)
            out.append(_Hit(start, end, start, _Entry(max(earlier)[1], "alias")))
    return out


def _dual_conjuncts(
    norm: str, registry: Registry, on_date: date | None, found: set[Mention], offsets: list[int]
) -> list[tuple[int, int, str]]:
    """Parties or movements named after a dual head: "حزبا الدعوة والفضيلة" names حزب الدعوة and
    حزب الفضيلة, "الحزبين الديمقراطي والجمهوري" الحزب الديمقراطي and الحزب الجمهوري.

    Each of the (at most two) conjuncts is matched as "<singular head> <conjunct>"; a reading
    counts only when the registry's key starts at the head and covers the conjunct's first word.
    Returns (start, end, actor_id) in normalised offsets.
    """
    out: list[tuple[int, int, str]] = []
    if "ين " not in norm and "ا " not in norm and "ي " not in norm and "ان " not in norm:
        return out
    taken = [(m.start, m.end) for m in found]  # original offsets of what is already found
    for head in _DUAL_HEAD.finditer(norm):
        if head.group(1) and head.group(3) in ("ا", "ي"):
            continue  # "الحزبي", "التنظيمي": a definite adjective, not a dual (that is الحزبين/الحزبان)
        singular = ("ال" if head.group(1) else "") + _DUAL_SINGULAR[head.group(2)]
        pos = head.end() + 1
        for _conjunct in range(2):
            if pos >= len(norm) or not norm[pos].isalpha():
                break
            # The whole text around it stays, so conditional names see their context.
            prefix = f"{norm[: head.start()]} {singular} "
            at = len(prefix) - len(singular) - 1
            best = None
            for m in _find_mentions(prefix + norm[pos:], registry, on_date, duals=False):
                kind = registry.actors[m.actor_id].type if m.actor_id in registry.actors else None
                if m.start == at and m.end > len(prefix) and kind in _DUAL_TYPES and m.match == "alias":
                    if best is None or m.end > best.end:
                        best = m
            if best is None:
                break
            start, end = pos, pos + best.end - len(prefix)
            o_start = offsets[start]
            if not any(t_start < offsets[end - 1] + 1 and o_start < t_end for t_start, t_end in taken):
                out.append((start, end, best.actor_id))
            # the next conjunct: "و" glued to it, after an optional "( abbreviation )"
            rest = norm[end:]
            skip = re.match(r" ?(\([^()\n]{1,30}\) ?)?و(?=\S)", rest)
            if not skip:
                break
            pos = end + skip.end()
    return out


def _bare_body_entry(
    registry: Registry, phrase: str, gender: str, a3: str, on_date: date | None
) -> _Entry | None:
    """The registry's reading of "<phrase> <nisba of a3>" (e.g. وزارة الخارجية السورية) on the date."""
    cached = registry._bare_cache.get((phrase, a3))
    if cached is None:
        template = f"{phrase} {{nisba_f}}" if gender == "f" else f"{phrase} {{nisba}}"
        found: list[_Entry] = []
        for written in _expand(template, registry.nisba_stems.get(a3, [])):
            index = registry.key_index.get(_key(written))
            if index is None:
                continue
            found += [
                e
                for e in registry.entries[index]
                if e.actor_id and e.match in ("alias", "title") and not e.conditional and not e.lam
            ]
        cached = registry._bare_cache[(phrase, a3)] = tuple(found)
    valid = [e for e in cached if e.valid_on(on_date)]
    if on_date is None:
        valid.sort(key=lambda e: e.valid_until is not None)  # the current reading, as for aliases
    return valid[0] if valid else None


def _context_bodies(
    norm: str,
    text: str,
    offsets: list[int],
    registry: Registry,
    on_date: date | None,
    taken: bytearray,
    persons: Mapping[int, str],
    mentions: Iterable[Mention],
    sports: dict[int, tuple[bool, bool]],
) -> list[tuple[int, int, str, str | None]]:
    """State bodies and titles written without a country (الحكومة, وزارة الخارجية, وزير الدفاع +
    name), given to the one country the context names: the country of a registry person right
    after a title; else the only country (or government's country) named in the sentence; else,
    when the sentence names none, the only one named in the sentence before. Two countries in the
    deciding sentence, or a counterpart (نظيره الروسي) in it, leave the body unresolved.

    Returns (start, end, actor_id, role) in normalised offsets for ``find_mentions``.
    """
    bounds = [0]
    for found in _SENTENCE_END.finditer(text):
        if any(ch.isalnum() for ch in text[bounds[-1] : found.end()]):
            bounds.append(found.end())
        else:
            bounds[-1] = found.end()  # ".\n": one end, not an empty sentence between

    def sentence_of(orig: int) -> int:
        lo, hi = 0, len(bounds) - 1
        while lo < hi:  # last boundary <= orig
            mid = (lo + hi + 1) // 2
            if bounds[mid] <= orig:
                lo = mid
            else:
                hi = mid - 1
        return lo

    by_sentence: dict[int, set[str]] = {}
    bodies: dict[int, set[str]] = {}  # countries whose state body or title is named in the sentence
    # An embassy stands in another country ("خارج السفارة الصينية"): neither it nor its adjective
    # says where a bare body belongs.
    # A destination or an origin ("إلى لبنان", "الموت لبريطانيا", "من الصين", "إلى سمو أمير دولة
    # الكويت") is no evidence either, nor is a country named inside such a mention.
    excluded = []
    for m in mentions:
        glued = (
            m.match in ("alias", "metonym")
            and m.actor_id.startswith("country:")
            and ((m.start > 0 and text[m.start - 1] == "ل") or m.surface.startswith("لل"))
        )
        word = _line_word_before(text, m.start)
        before = normalize_text(word)
        if before in _HONORIFICS:
            before = normalize_text(_line_word_before(text, text.rfind(word, 0, m.start)))
        if glued or before in _TARGET_BEFORE or "سفاره" in normalize_text(m.surface):
            excluded.append((m.start, m.end))
    for m in mentions:
        actor = registry.actors.get(m.actor_id)
        if actor is None or actor.country is None or actor.type not in ("country", "government"):
            continue
        if any(a <= m.start and m.end <= b for a, b in excluded):
            continue
        if m.match == "nisba" and normalize_text(m.surface).endswith(_PEOPLE_ENDINGS):
            continue  # a people ("بالأميركيين", "الفلسطينيين") is often the other party
        by_sentence.setdefault(sentence_of(m.start), set()).add(actor.country)
        if actor.type == "government":
            bodies.setdefault(sentence_of(m.start), set()).add(actor.country)
    counterpart = {
        sentence_of(offsets[w.start()]) for w in re.finditer(r"\S+", norm) if w.group() in _COUNTERPART
    }
    out = []
    n = len(norm)
    hits = []
    for last, key in registry.bare_automaton.iter(norm):
        hits.append((last - len(key) + 1, last + 1, key))
    # Longest first: رئيس مجلس الوزراء before مجلس الوزراء.
    for start, end, key in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        phrase, gender, lam = registry.bare_bodies[key]
        if end < n and norm[end].isalnum():
            continue
        word_start = start
        while word_start > 0 and norm[word_start - 1].isalnum() and start - word_start <= 3:
            word_start -= 1
        if word_start > 0 and norm[word_start - 1].isalnum():
            continue
        prefix = norm[word_start:start]
        if (prefix not in _LAM_PROCLITICS) if lam else (prefix not in _PROCLITICS):
            continue
        m_start = start - 1 if lam else start  # the ل of لل stays with the surface (surface rule)
        if any(taken[m_start:end]):
            continue  # part of a longer mention (الجيش السوري, رئيس الوزراء العراقي) or blocked
        nxt = norm[end + 1 :].split(" ", 1)[0] if end < n and norm[end] == " " else ""
        if nxt.startswith(("ال", "لل")) and nxt not in _BARE_BODY_ADJ_OK and nxt not in _RELATIVES:
            continue  # another body: الحكومة الانتقالية, الجيش الحر, الشرطة الدولية
        if _sports_at(norm, start, sports, True):
            continue  # الجيش / الشرطة are also clubs
        office = _line_word_before(norm, m_start)
        if office in _OFFICE_NOUNS or _strip_proclitic(office) in _OFFICE_NOUNS:
            continue  # "كرسي الرئاسة", "انتخابات الرئاسة": the office, not a state body acting
        country = None
        after = end
        while after < n and norm[after] in " ,:-،":
            after += 1
        i = after
        while i < n and norm[i].isalpha():
            i += 1
        if norm[after:i] in _HONORIFICS:  # وزير الخارجية الأمير فيصل بن فرحان
            after = i + 1 if i < n and norm[i] == " " else i
        person = persons.get(after)
        if person is not None:
            country = registry.actors[person].country
        if country is None:
            s = sentence_of(offsets[start])
            if s in counterpart:
                continue
            # The sentence's own country must not compete with another named just before
            # ("... بلغاريا مستعدة لإرسال جنود. وقال إن الحكومة ... في لبنان"); a sentence naming
            # none takes the one country of the sentence before.
            before = by_sentence.get(s - 1, set()) if s else set()
            named = by_sentence.get(s, set()) | before
            if len(named) != 1:
                continue
            country = next(iter(named))
            if not by_sentence.get(s) and (s - 1 in counterpart or country not in bodies.get(s - 1, ())):
                continue  # from the sentence before only when it names that state's own body
        entry = _bare_body_entry(registry, phrase, gender, country, on_date)
        if entry is None or entry.actor_id is None:
            continue
        taken[m_start:end] = b"\x01" * (end - m_start)
        out.append((m_start, end, entry.actor_id, entry.role))
    return out


def _not_the_state(norm: str, hit: _Hit, sports: dict[int, tuple[bool, bool]]) -> bool:
    """Is this country name a place, a personal name or a sports team rather than the state?"""
    before = _word_before(norm, hit.start)
    if before in _GEO_NOUNS or _strip_proclitic(before) in _GEO_NOUNS:  # "بالمحيط الهندي"
        return True
    if _in_institution_name(norm, hit) or _in_personal_name(norm, hit, before):
        return True
    if _in_work_title(norm, hit.start, before):
        return True
    # A club is named by its city or an adjective (كوبنهاغن، ليون الفرنسي): those read the
    # surrounding sentences too; a country's own name needs a sports sentence of its own, since
    # the gold reading of "( فرنسا )" in a results list is still the country.
    loose = hit.entry.match in ("nisba", "metonym")
    if not loose and _after_locative(norm, hit.start, before):
        return False  # "بطولة العالم المقامة في ألمانيا": the host country is not a team
    return _sports_at(norm, hit.start, sports, loose)


def _after_locative(norm: str, start: int, before: str) -> bool:
    """Is the name right after في / داخل, or with ب glued to it (بالمانيا, وبالصين)?"""
    if before in _LOCATIVE:
        return True
    glued = start
    while glued > 0 and norm[glued - 1].isalpha() and start - glued < 2:
        glued -= 1
    return norm[glued:start] in ("ب", "وب", "فب")


def _sports_at(
    norm: str, pos: int, sports: dict[int, tuple[bool, bool]], loose: bool, depth: int = 0
) -> bool:
    """Is the sentence holding ``norm[pos]`` about sport (memoised by sentence start)?

    Strict: its own cues (two strong, or a score and one). Loose: the sentence before counts
    too (up to three back): a results list or a match report goes on over sentences with a single
    cue or just a score ("وفي المجموعة ذاتها، تعادل ليل الفرنسي مع ميلان الإيطالي").
    """
    begin = max((m.end() for m in _SENTENCE_END.finditer(norm, 0, pos)), default=0)
    if begin not in sports:
        found = _SENTENCE_END.search(norm, pos)
        sentence = norm[begin : found.start() if found else len(norm)]
        cues = _sports_cues(sentence)
        strict = carried = _sports_verdict(cues, None)
        if not strict and cues != (0, 0, False):
            previous = begin > 0 and depth < 3 and _sports_at(norm, begin - 1, sports, True, depth + 1)
            carried = _sports_verdict(cues, previous)
        sports[begin] = (strict, carried)
    return sports[begin][1] if loose else sports[begin][0]


def _words_before(norm: str, start: int, n: int) -> list[str]:
    """Up to ``n`` words before ``norm[start]``, nearest first, stopping at punctuation and lines."""
    out: list[str] = []
    pos = start
    while len(out) < n:
        word = _word_before(norm, pos)
        if not word:
            break
        out.append(word)
        pos = norm.rfind(word, 0, pos)
    return out


def _strip_proclitic(word: str) -> str:
    """The word without a glued و/ف/ب/ل/ك (only when what remains is still a word); لل → ال."""
    for pre in ("ولل", "فلل", "لل"):
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return "ال" + word[len(pre) :]
    for pre in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"):
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            return word[len(pre) :]
    return word


def _in_institution_name(norm: str, hit: _Hit) -> bool:
    """Is the country part of an institution's name (جامعة القاهرة, شركة توتال الفرنسية)?"""
    words = _words_before(norm, hit.start, 3)
    if not words:
        return False
    heads = [w if w in _INSTITUTION_NOUNS else _strip_proclitic(w) for w in words]
    if hit.entry.match != "nisba":
        if norm.startswith("لل", hit.start) or (hit.start > 0 and norm[hit.start - 1].isalpha()):
            return False  # a preposition glued to the name (مستشفى بالأردن): not a construct
        # Construct state: the head is indefinite, right before the name or one indefinite word
        # before it (شركة نفط نيبال, شركات طيران الإمارات).
        if heads[0] in _INSTITUTION_NOUNS and not heads[0].startswith("ال"):
            return True
        return (
            len(heads) > 1
            and heads[1] in _INSTITUTION_NOUNS
            and not heads[1].startswith("ال")
            and not words[0].startswith("ال")
            and words[0] not in _NOT_NAME
        )
    if not norm.startswith("ال", hit.start) and not norm.startswith("لل", hit.start):
        return False  # an indefinite adjective (شركة صينية) describes, it does not close a name
    if not norm.endswith(("ي", "يه"), hit.start, hit.end):
        return False  # a plural is a people (اتحاد للناشرين اليمنيين), not a name's adjective
    for word, head in zip(words, heads, strict=True):
        if head in _STATE_SERVICE_WORDS:
            return False  # a state service named by the adjective, not a private institution
        if head in _INSTITUTION_NOUNS:
            return True
        if word in _NOT_NAME or head in _NOT_NAME:
            return False  # a particle or verb: the adjective is not inside that name
    return False


def _in_state_body(norm: str, hit: _Hit) -> bool:
    """Does this definite singular nisba close the name of a state body (headed by مكتب, جهاز,
    إدارة, المجلس, المحكمة, السلطة, وزارة ... within four words of a construct chain, no particle,
    verb or company noun between: "إدارة معلومات الطاقة الأميركية")?"""
    if not norm.startswith(("ال", "لل"), hit.start) or not norm.endswith(("ي", "يه"), hit.start, hit.end):
        return False
    for word in _words_before(norm, hit.start, 4):
        head = _strip_proclitic(word)
        if head in _STATE_BODY_HEADS or word in _STATE_BODY_HEADS:
            return True
        if word in _NOT_NAME or head in _NOT_NAME or word in _TOLD_VERBS or head in _INSTITUTION_NOUNS:
            return False  # a particle or verb ends the name; a company's name is not a state body
    return False


def _in_work_title(norm: str, start: int, before: str) -> bool:
    """Is the country the start of a book's, film's or show's title (كتاب روسيا بوتين, رواية
    "القاهرة الجديدة")?"""
    if before and (before in _WORK_NOUNS or _strip_proclitic(before) in _WORK_NOUNS):
        return not norm.startswith("لل", start) and norm[start - 1] == " "
    quote = norm[:start].rstrip(" ")
    if not quote or quote[-1] not in _OPEN_QUOTES:
        return False
    word = _word_before(norm, len(quote) - 1)
    return word in _WORK_NOUNS or _strip_proclitic(word) in _WORK_NOUNS


def _in_personal_name(norm: str, hit: _Hit, before: str) -> bool:
    """Is this nisba a family name: after a kunya (أبو أيوب المصري, أبو عبد الله التركي), or
    after a common given name (خالد الإيرلندي, يوسف روسي)?"""
    if hit.entry.match != "nisba" or not before:
        return False
    surface = norm[hit.start : hit.end]
    if before in _VERBS_BEFORE_NAME and not surface.startswith("ال") and surface.endswith("ي"):
        return True
    words = _words_before(norm, hit.start, 3)
    if len(words) > 1 and words[1] in _KUNYA:
        return True
    if len(words) > 2 and words[1] == "عبد" and words[2] in _KUNYA:
        return True
    return before in _GIVEN_NAMES or (
        len(words) > 1 and words[1] in _HONORIFICS and not before.startswith("ال")
    )


def _cue_forms() -> dict[str, tuple[str, bool]]:
    """Every written form of a sports cue → (cue, strong): with a glued و/ب/ل/ف/ك, لل for ال, and
    a possessive suffix (منتخبنا, مباراته with ة → ت). One dict lookup per word then."""
    forms: dict[str, tuple[str, bool]] = {}
    for strong, cues in ((False, _WEAK_SPORTS_CUES), (True, _SPORTS_CUES)):
        for cue in cues:
            stems = {cue} | ({cue[:-1] + "ت"} if cue.endswith("ه") else set())
            written = {cue} | {stem + suffix for stem in stems for suffix in ("ها", "نا", "ه")}
            for form in written:
                variants = {form} | {p + form for p in "وبلفك"}
                if form.startswith("ال"):
                    variants.add("ل" + form[1:])  # لل
                for v in variants:
                    forms[v] = (cue, strong)
    return forms


_CUE_FORMS = _cue_forms()


def _sports_cues(sentence: str) -> tuple[int, int, bool]:
    """(strong cues, weak cues, has a score) of a normalised sentence (distinct cues)."""
    found = {_CUE_FORMS[w] for w in set(sentence.split()) if w in _CUE_FORMS}
    strong = sum(1 for _, is_strong in found if is_strong)
    return strong, len(found) - strong, _SCORE.search(sentence) is not None


def is_sports_sentence(sentence: str, previous_is_sports: bool | None = None) -> bool:
    """Is this (normalised) sentence about sport: two strong sports words, or a score and one?

    With ``previous_is_sports`` given (the loose reading), a score with a weak cue counts too, and
    after a sports sentence any cue or a score does.
    """
    return _sports_verdict(_sports_cues(sentence), previous_is_sports)


def _sports_verdict(cues: tuple[int, int, bool], previous_is_sports: bool | None) -> bool:
    strong, weak, score = cues
    if strong >= 2 or (score and strong >= 1):
        return True
    if previous_is_sports is None:
        return False
    return (score and weak >= 1) or (previous_is_sports and (strong + weak >= 1 or score))


def _word_before(norm: str, start: int) -> str:
    """The word just before ``norm[start]`` (across spaces only), or ''."""
    before = norm[:start].rstrip(" ")
    if not before or not before[-1].isalpha():
        return ""
    return before.rsplit(" ", 1)[-1]


def _line_word_before(norm: str, start: int) -> str:
    """The word just before ``norm[start]`` on the same line (across spaces only), or ''."""
    before = norm[:start].rstrip(" ")
    if not before or not before[-1].isalpha():
        return ""
    return before.rsplit(" ", 1)[-1].rsplit("\n", 1)[-1]


def _after_feminine_definite(norm: str, start: int) -> bool:
    """Is the word before ``start`` a definite feminine noun or plural (…ة/…ات), which a feminine
    adjective would agree with?"""
    if not _after_definite_noun(norm, start):
        return False
    return norm[: start - 1].endswith(("ه", "ات"))


def _after_definite_noun(norm: str, start: int) -> bool:
    """Is the word before ``start`` a definite noun (ال...) other than a name particle/honorific?"""
    before = norm[:start].rstrip()
    if len(before) != start - 1:  # exactly one space: nothing (punctuation) in between
        return False
    word = before.rsplit(" ", 1)[-1]
    return word.startswith("ال") and len(word) > 3 and word not in _HONORIFICS and word.isalpha()


def _after_title(norm: str, end: int, person_starts: set[int], taken: bytearray) -> bool | tuple[int, int]:
    """What follows the title ending at ``norm[end]``.

    True: a registry person or a "former/elect" word (no role holder to add); a (start, end)
    span: a name the registry does not know (two to six words, honorifics skipped, stopping at
    particles, verbs, time words, punctuation and other actors); None: nothing name-like.
    """
    pos = end
    while pos < len(norm) and pos - end < 3 and norm[pos] in " ,:-،":
        pos += 1
    words: list[tuple[int, int]] = []
    scan = pos
    while scan < len(norm) and len(words) < 8:
        while scan < len(norm) and norm[scan] == " ":
            scan += 1
        w_end = scan
        while w_end < len(norm) and norm[w_end].isalpha():
            w_end += 1
        if w_end == scan:
            break
        words.append((scan, w_end))
        if w_end < len(norm) and norm[w_end] != " ":
            break  # punctuation ends the name
        scan = w_end
    i = 0
    while i < len(words) and norm[words[i][0] : words[i][1]] in _HONORIFICS:
        i += 1
    if (i < len(words) and words[i][0] in person_starts) or pos in person_starts:
        return True
    if not words or norm[words[0][0] : words[0][1]] in _NOT_CURRENT:
        return True if words else None
    name: list[tuple[int, int]] = []
    room = 3  # words of a name; each particle (بن، آل، عبد) allows one more
    after_particle = False
    closed = False  # a family name with ال was read: only بن can continue ("زين العابدين بن علي")
    for w_start, w_end in words[i:]:
        word = norm[w_start:w_end]
        if closed and word not in _SON_OF:
            break
        if any(taken[w_start:w_end]) or len(word) < 2:
            break
        if not after_particle and (word in _NOT_NAME or word in _NOT_CURRENT):
            break  # after بن any word is a name (علي is also على once ى is folded)
        if word.startswith(("بال", "وال", "فال", "كال", "لل")):
            break  # a preposition/conjunction glued to a noun: the sentence goes on
        if word.startswith("و") and word not in _NAME_PARTICLES and (not name or len(name) >= 2):
            break  # "ماكرون ونظيره": a conjunction; a first word with و is rarely a name here
        if word.startswith("ال") and not name:
            break  # a name does not start with ال ("وزير الخارجية الأميركي الأسبق" is handled above)
        if len(name) >= 2 and not after_particle and word.startswith(("ي", "ت", "سي", "ست")):
            break  # "بوتين يتحمل": a verb after a complete name
        name.append((w_start, w_end))
        is_particle = word in _NAME_PARTICLES
        room += is_particle
        closed = word.startswith("ال") and not is_particle and not after_particle  # (الشرع، السوداني)
        after_particle = is_particle
        if len(name) >= room:
            break
    while name and norm[name[-1][0] : name[-1][1]] in _NAME_PARTICLES:
        name.pop()  # a name does not end on بن / آل / أبو
    if len(name) < 2:
        return None
    return name[0][0], name[-1][1]
