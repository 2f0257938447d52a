"""Phrase templates the loader generates per country: state bodies written "<body> <nisba>",
construct-state titles for countries without a nisba, bare bodies resolved by context, and the
sports phrases that block a country reading."""

from __future__ import annotations

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
# Central banks in the construct state ("بنك الكويت المركزي", "مصرف ليبيا المركزي") for every country:
# a state body like "البنك المركزي <nisba>" (not an institution that merely carries the country's
# name, such as a commercial "بنك قطر الوطني"). Only with المركزي: a bare "بنك <country>" is often a
# commercial bank. Formal names (جمهورية/مملكة/دولة ...) are not used in these phrases.
_CONSTRUCT_CENTRAL_BANKS = ("بنك {n} المركزي", "مصرف {n} المركزي")
_STATE_FORM_WORDS = ("جمهورية", "الجمهورية", "مملكة", "المملكة", "دولة", "سلطنة", "إمارة", "اتحاد")
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
    ("الديوان الملكي", "m"), ("الديوان الأميري", "m"), ("المجلس التشريعي", "m"), ("الدفاع المدني", "m"),
    ("الهلال الأحمر", "m"),  # the national society of the country in context (not a state body)
    *((f"وزارة {m}", "f") for m in _OTHER_MINISTRIES),
)  # fmt: skip
# Sports phrases generated per country (add_sports_blocks): a team or league is not the state.
_SPORTS_NISBA = ("المنتخب {nisba}", "المنتخب الوطني {nisba}", "المنتخب الأولمبي {nisba}", "الدوري {nisba}")
_SPORTS_NAME = ("منتخب", "دوري")
