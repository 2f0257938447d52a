"""From a page's HTML to clean articles: trafilatura, segmentation, boilerplate, credits.

The steps, in order:

1. trafilatura extracts the main text and metadata with the options in :data:`EXTRACT_OPTIONS`.
2. The text is split into segments: an aggregator page bundles other articles after a
   "read also" heading (``إقرأ أيضاً:``) followed by a full article (title + body); a heading
   followed only by headlines is boilerplate and is dropped.
3. Each segment loses the boilerplate trafilatura keeps on Arabic sites: disclaimers, outlet
   sign-offs (``المسلة – متابعة – وكالات``), author boxes, source lines (``المصدر: ...``), share
   prompts, "related" headings and the link headlines glued to the first paragraph after them.
   Its visible date line and dateline (``بغداد/المسلة:``، ``واشنطن (الاتحاد)``) are taken out
   of the text and kept as metadata.
4. The credited outlet of each segment is read from (best first) its source line, its
   sign-off, its dateline or an agency credit, then resolved to an ``outlet_id``.
"""

from __future__ import annotations

import copy
import functools
import html as html_module
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura import metadata as trafilatura_metadata
from trafilatura.baseline import block_text
from trafilatura.core import trafilatura_sequence
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import extract_json, extract_json_parse_error, normalize_json
from trafilatura.metadata import Document
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html, line_processing, repair_faulty_html, trim
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS

from pipelines.lib.arabic import Normalized, normalize, normalize_text
from pipelines.lib.dates import PublicationDate, parse_date_line, publication_date
from pipelines.lib.sources import OutletResolver

# Fixed trafilatura options, kept in one place so the benchmark and the pipeline make the same
# call. Chosen from bench/extraction.py (README "Extraction quality"): trafilatura's balanced mode
# (favor_recall off) and tables kept give the best token F1 against the human gold text;
# favor_recall pulled captions, footers and related-story lists into the text. Comments off
# (reader comments are not the article). Metadata off: trafilatura's metadata step runs htmldate
# and a licence search we do not use and cost 0.25x a plain extraction; :func:`page_metadata` runs
# the metadata helpers we use on the same tree (dates come from dates.publication_date).
EXTRACT_OPTIONS = {
    "with_metadata": False,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_recall": False,
    "deduplicate": False,
}

# A bundled article needs at least this many words of body to count as a segment; fewer
# words after a "read also" heading are a list of headlines.
MIN_SEGMENT_WORDS = 40
# Lines up to this many words can be a title, dateline, sign-off or headline.
SHORT_LINE_WORDS = 16
# A page whose clean text has fewer words is navigation or a truncated download, not an article.
MIN_ARTICLE_WORDS = 12
# A headline glued to a paragraph has at least this many words (shorter links are names in text).
MIN_HEADLINE_WORDS = 3

# Patterns run on normalised text (alef/hamza folded, ة→ه, ى→ي, dashes→'-', quotes→'"').
_READ_ALSO = re.compile(
    r"^(?:[وف]?(?:ا|ل)?قرا(?:وا)?\s+(?:ايضا|كذلك|المزيد)|مواضيع ذات صله|اخبار ذات صله|مقالات ذات صله"
    r"|اخبار متعلقه|موضوعات متعلقه|ذات صله|المزيد من الاخبار|قد يهمك(?: ايضا)?|read (?:also|more)"
    r"|see also|related(?: news| articles| posts| stories)?)\s*[:\-.]?\s*"
)
_DISCLAIMER = re.compile(
    r"(?:لا ?[يت]عبر(?:ان)? (?:بالضروره )?عن (?:راي|وجهه نظر|موقف)|لا ?[يت]عبر(?:ان)? بالضروره"
    r"|المصدر هو المسوول عن المحتوي|the views expressed .* do not necessarily)"
)
# "... لا تعبر عن رأي موقع CNN بالعربية": the opinion disclaimed is the outlet's own, so the phrase
# is a disclaimer even far into the line (a quote disclaiming a government's position is text).
_OWN_VIEW = re.compile(r"عن (?:راي|وجهه نظر|موقف|سياسه) (?:ال)?(?:موقع|صحيفه|جريده|قناه|وكاله|شبكه|تحرير)")
_AUTHOR_BOX = re.compile(
    r"^(?:about (?:post|the) author|see author'?s? ?s? posts|view all posts by|عن الكاتب|كاتب المقال"
    r"|نبذه عن الكاتب)|see author'?s posts"
)
_SOURCE_LINE = re.compile(r"^(?:المصدر|مصدر الخبر|المصدر الاصلي|source|via)\s*:\s*(?P<name>.{2,60}?)\s*[.]?$")
_SIGN_OFF = re.compile(
    r"^(?P<name>[^\-:\n]{2,40}?)\s*-\s*(?:متابعه|وكالات|خاص|تقرير|رصد|اخبار)(?:\s*-\s*(?:متابعه|وكالات|خاص|رصد))*"
    r"\s*[.]?$"
)
# A share prompt is the whole line: the keyword, then at most a few words (network names).
_SHARE = re.compile(
    r"^(?:شارك(?:وا|ها)?(?:\s+(?:الخبر|المقال|هذا الخبر|هذا المقال|علي))?|share(?: this)?(?: article| post)?"
    r"|تابعونا علي|للمزيد تابعونا|طباعه|ارسل لصديق)(?=\s|:|$)\s*:?\s*(?:\S+\s*){0,4}$"
)
# Wire credit lines at the foot of English copy: "Additional reporting by ...; editing by ...".
_WIRE_CREDITS = re.compile(r"^(?:additional )?(?:reporting|writing|editing|compiled|produced) by\b")
_TAGS_LINE = re.compile(r"^(?:الوسوم|الكلمات المفتاحيه|كلمات مفتاحيه|كلمات دلاليه|tags)\s*:")
_DATE_PREFIX = re.compile(r"^(?:تاريخ النشر|نشر في|نشر بتاريخ|اخر تحديث|published(?: on)?|updated)\s*:?\s*")
# Datelines at the start of a paragraph: "بغداد/المسلة:" and "واشنطن (الاتحاد)" / "عمان (الأناضول) -".
_DATELINE_SLASH = re.compile(r"^(?P<city>[^\W\d_][\w ]{1,24}?)\s*/\s*(?P<name>[^:/\n]{2,30}?)\s*:\s*")
_DATELINE_PAREN = re.compile(
    r"^(?P<city>[^\W\d_][\w ]{1,24}?)\s*\((?P<name>[^()\n]{2,30})\)\s*(?P<sep>[-:]\s*|$)"
)
_DATELINE_DASH = re.compile(r"^(?P<city>[^\W\d_][\w ]{1,24}?)\s+-\s+(?P<name>[^:\n]{2,30}?)\s*:\s*")
# English wire datelines: "BEIRUT — ", "BEIRUT (Reuters) - ".
_DATELINE_EN = re.compile(r"^(?P<city>[A-Z][A-Z .'\-]{1,30}?)\s*(?:\((?P<name>[^()\n]{2,30})\))?\s*[—–-]\s+")
# Words that fill the credit slot of a dateline without naming an outlet.
_GENERIC_CREDITS = {
    "متابعات",
    "متابعه",
    "خاص",
    "وكالات",
    "وكالات الانباء",
    "مواقع",
    "مراسلنا",
    "مراسلتنا",
    "الموقع",
    "المحرر",
    "اخبار",
}
# Wire end markers: "(انتهى) ع ص / م ر".
_WIRE_END = re.compile(r"\s*[\(\[]انتهى[\)\]](?:\s*\w{1,3}(?:\s*[/\-–]?\s*\w{1,3})*)?\s*\.?$")
_AGENCY_PAREN = re.compile(r"\((?P<name>[^()\n]{2,20})\)")
_SENTENCE_END = re.compile(r"[.!?؟…:\"»。！？」]\s*$")
_GENERIC_AUTHORS = {"admin", "administrator", "editor", "مدير الموقع", "التحرير", "المحرر", "فريق التحرير"}
_AUTHOR_PREFIX = re.compile(r"^(?:كتب|كتبت|بقلم|اعداد|تحرير|تقرير|by)\s*[:\-]?\s*", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "aside", "nav", "blockquote", "figcaption", "figure",
    "time", "main", "dd", "dt", "pre", "form",
}  # fmt: skip


@dataclass
class Segment:
    """One article found on a page, before it becomes an ``articles`` row."""

    segment: int
    title: str | None
    text: str
    url: str | None
    credited_name: str | None = None
    credit_source: str | None = None
    dateline: str | None = None
    date_line: str | None = None
    date_line_value: date | None = None
    removed: list[str] = field(default_factory=list)


@dataclass
class PageExtraction:
    """What one page gave: its segments and page-level metadata, or why it gave nothing."""

    outcome: str  # ok | empty | parse_error
    reason: str | None
    segments: list[Segment]
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    tags: list[str] = field(default_factory=list)
    page_date: PublicationDate | None = None
    visible_lines: list[str] = field(default_factory=list)
    title_line: int | None = None
    # Date lines are parsed lazily, outward from the title: the date grammar over every line of a
    # page cost more than the rest of cleaning.
    _date_cache: dict[int, date | None] = field(default_factory=dict, repr=False, compare=False)

    def _date_at(self, index: int) -> date | None:
        if index not in self._date_cache:
            self._date_cache[index] = _date_line_value(self.visible_lines[index])
        return self._date_cache[index]

    def _outward(self, anchor: int, max_distance: int | None = None) -> Iterator[int]:
        """Line indices by distance from ``anchor``, the earlier line first on a tie."""
        n = len(self.visible_lines)
        limit = max(anchor, n - anchor) if max_distance is None else max_distance
        for distance in range(limit + 1):
            for index in (anchor - distance, anchor + distance) if distance else (anchor,):
                if 0 <= index < n:
                    yield index

    @property
    def visible_dates(self) -> list[tuple[int, str, date]]:
        """Every short visible line that is a date: ``(line index, line, value)``."""
        found = []
        for index, line in enumerate(self.visible_lines):
            value = self._date_at(index)
            if value is not None:
                found.append((index, line, value))
        return found

    def nearest_visible_date(self, max_distance: int = 8) -> tuple[str, date] | None:
        """The visible date line closest to the title (within ``max_distance`` lines)."""
        if self.title_line is None:
            return None
        for index in self._outward(self.title_line, max_distance):
            value = self._date_at(index)
            if value is not None:
                return self.visible_lines[index], value
        return None

    def visible_date_surface(self, value: date | None) -> str | None:
        """The visible date line showing ``value`` that sits closest to the title."""
        if value is None:
            return None
        anchor = self.title_line if self.title_line is not None else 0
        for index in self._outward(anchor):
            if self._date_at(index) == value:
                return self.visible_lines[index]
        return None


# Section prefixes that wire services put in front of headlines: "عام / ...".
_TITLE_PREFIX = re.compile(r"^\s*(?:عام|محلي|دولي|اقتصادي|رياضي|سياسي|ثقافي|عاجل|خاص)\s*/\s*")


def clean_title(title: str | None) -> str | None:
    """Headline without HTML entities or a wire section prefix (``عام / ``)."""
    if not title:
        return None
    text = " ".join(unicodedata.normalize("NFC", html_module.unescape(html_module.unescape(title))).split())
    text = _TITLE_PREFIX.sub("", text)
    return text or None


# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar):
# a whitespace count would make a whole paragraph one word.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
# Characters per word in those scripts (a usual average for Chinese and Japanese news text).
UNSPACED_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words in ``text``: whitespace tokens, with unspaced scripts counted by characters."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    return len(_UNSPACED.sub(" ", text).split()) + unspaced // UNSPACED_CHARS_PER_WORD


_words = word_count


def _norm_lines(lines: list[str]) -> list[str]:
    """:func:`_norm_line` of each line in one normalisation call (per line it cost most of a step);
    the lines hold no newline and normalisation makes none."""
    return [" ".join(n.split()) for n in normalize_text("\n".join(lines)).split("\n")] if lines else []


@functools.lru_cache(maxsize=8192)
def _norm_line(line: str) -> str:
    # Cached: a page's lines are normalised by several steps (segmentation, boilerplate,
    # headline stripping, visible-line search).
    return " ".join(normalize_text(line).split())


# The visible text of a page as lines, in libxslt: a line break before and after every block
# element (before its text and before its tail), nothing from scripts, styles, <noscript>,
# <template>, <svg> or <head>. Read-only: trafilatura then prunes the same tree in place.
_PAGE_LINES_XSLT = etree.XSLT(
    etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="/"><xsl:choose>
<xsl:when test="//body"><xsl:apply-templates select="(//body)[1]/node()"/></xsl:when>
<xsl:otherwise><xsl:apply-templates select="/*/node()"/></xsl:otherwise>
</xsl:choose></xsl:template>
<xsl:template match="script|style|noscript|template|svg|head|comment()|processing-instruction()"/>
<xsl:template match="{"|".join(sorted(_BLOCK_TAGS))}">
<xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text>
</xsl:template>
</xsl:stylesheet>"""
    )
)


def page_lines(tree: lxml_html.HtmlElement) -> list[str]:
    """Visible text of the page as block-level lines (scripts and styles removed).

    Block elements start and end a line. One XSLT pass in C over ``<body>`` (the whole tree when
    there is none) without editing the tree: a Python walk cost ~10 ms a page, and an in-place
    edit of the tree forced a copy of it before trafilatura's own (destructive) pass.
    """
    # lxml's HTML parser caps nesting at depth 255, well inside libxslt's template depth limit.
    text = str(_PAGE_LINES_XSLT(tree))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _anchors(tree: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """``(text, href)`` of every ``<a>`` of the page, text whitespace-squashed, in document order."""
    # A link without child elements (most of them) has its text as ``.text``: text_content() is an
    # XPath call per link.
    return [
        (" ".join(((a.text or "") if len(a) == 0 else a.text_content()).split()), a.get("href") or "")
        for a in tree.iter("a")
    ]


def _link_map(anchors: list[tuple[str, str]]) -> dict[str, str]:
    kept = [(text, href) for text, href in anchors if len(text) >= 4]
    links: dict[str, str] = {}
    for norm, (_, href) in zip(_norm_lines([text for text, _ in kept]), kept, strict=True):
        links.setdefault(norm, href)
    return {k: links[k] for k in sorted(links, key=len, reverse=True)}


def _strip_glued_headlines(line: str, links: dict[str, str]) -> tuple[str, list[str]]:
    """Remove a "related" label and the link headlines glued in front of a paragraph."""
    removed: list[str] = []
    normalized = normalize(line)
    match = _READ_ALSO.match(normalized.text)
    if not match:
        return line, removed
    # Only a label followed by text on the same line counts as glued.
    start, _ = normalized.original_span(match.start(), match.end()) if match.end() > 0 else (0, 0)
    cut = normalized.original_span(0, match.end())[1] if match.end() > 0 else 0
    removed.append(line[start:cut].strip())
    headlines, rest, _ = _leading_links(line[cut:], links, min_words=1, whole_line=True)
    return rest.strip(), removed + headlines


def _leading_links(
    text: str, links: dict[str, str], min_words: int, whole_line: bool = False
) -> tuple[list[str], str, bool]:
    """Peel link texts (headlines) off the start of ``text``, longest link first.

    ``whole_line``: a headline may take the rest of the line (after a "related" label it is all
    headlines); without it, some text must follow the last headline.

    Returns the headlines as written, the rest, and whether the last headline runs into the next
    word with no space or punctuation (a headline glued to the paragraph, not a linked phrase).
    """
    removed: list[str] = []
    rest = text
    glued = False
    while rest.strip():
        stripped = rest.lstrip()
        norm_rest = _norm_line(stripped)
        hit = next(
            (
                link
                for link in links  # sorted longest first by _link_map
                if link
                and len(link.split()) >= min_words
                and norm_rest.startswith(link)
                and (whole_line or len(norm_rest) > len(link))
            ),
            None,
        )
        if hit is None:
            break
        # Walk the original text until its normalised form covers the link text.
        consumed = _consume_normalized(stripped, hit)
        removed.append(stripped[:consumed].strip())
        glued = consumed < len(stripped) and stripped[consumed].isalnum()
        rest = stripped[consumed:]
    return removed, rest, glued


def _strip_unlabelled_headlines(line: str, links: dict[str, str]) -> tuple[str, list[str]]:
    """Remove link headlines glued in front of a paragraph whose "related" label was dropped.

    Only when at least two headlines lead the paragraph, or one headline runs into the text
    with no space: a single linked name at the start of a sentence is text.
    """
    # A comma or stop after a linked phrase is running text ("Organisations, unions and ...").
    removed, rest, glued_without_space = _leading_links(line, links, min_words=MIN_HEADLINE_WORDS)
    if len(removed) >= 2 or (removed and glued_without_space):
        return rest.strip(), removed
    return line, []


def _consume_normalized(text: str, target: str) -> int:
    """Length of the shortest prefix of ``text`` whose normalised form equals ``target``."""
    for end in range(1, len(text) + 1):
        if _norm_line(text[:end]) == target:
            return end
    return len(text)


def _is_title_like(line: str) -> bool:
    return 0 < _words(line) <= SHORT_LINE_WORDS + 4 and not _SENTENCE_END.search(line.rstrip('«»"'))


def split_segments(lines: list[str], links: dict[str, str]) -> list[tuple[str | None, list[str], list[str]]]:
    """Split extracted lines into ``(title, body lines, removed lines)`` per bundled article.

    The first segment's title is None (it is the page title). A "read also" heading starts a
    new segment only when a full article follows it; otherwise the heading and the headlines
    after it are removed.
    """
    segments: list[tuple[str | None, list[str], list[str]]] = [(None, [], [])]
    index = 0
    while index < len(lines):
        line = lines[index]
        norm = _norm_line(line)
        match = _READ_ALSO.match(norm)
        heading_only = match is not None and match.end() >= len(norm.rstrip(" :.-"))
        if not heading_only:
            segments[-1][1].append(line)
            index += 1
            continue
        # Look ahead to the next heading: what lies between is a bundled article or headlines.
        end = index + 1
        while end < len(lines):
            next_norm = _norm_line(lines[end])
            next_match = _READ_ALSO.match(next_norm)
            if next_match and next_match.end() >= len(next_norm.rstrip(" :.-")):
                break
            end += 1
        block = lines[index + 1 : end]
        body_words = sum(_words(b) for b in block if not _is_title_like(b))
        if block and _is_title_like(block[0]) and body_words >= MIN_SEGMENT_WORDS:
            segments.append((block[0], list(block[1:]), [line]))
        else:
            # Headlines under the heading: drop them up to the first real paragraph.
            kept_from = 0
            while kept_from < len(block) and _is_title_like(block[kept_from]):
                kept_from += 1
            segments[-1][2].extend([line, *block[:kept_from]])
            segments[-1][1].extend(block[kept_from:])
        index = end
    return segments


# Which credit wins when a segment has several: an explicit source line names the outlet the
# text came from; a sign-off or dateline may name the republishing desk.
CREDIT_PRIORITY = ("source_line", "sign_off", "dateline", "agency_credit")


@dataclass
class _Credit:
    name: str
    source: str


def _clean_segment(
    body: list[str], links: dict[str, str], page_title: str | None, first: bool
) -> tuple[list[str], list[str], list[_Credit], str | None, tuple[str, date] | None]:
    """Remove boilerplate lines; return kept lines, removed lines, credits, dateline, date line."""
    kept: list[str] = []
    removed: list[str] = []
    credits: list[_Credit] = []
    dateline: str | None = None
    date_line: tuple[str, date] | None = None
    title_norm = _norm_line(page_title) if page_title else None
    for raw in body:
        line = raw.strip()
        if not line:
            continue
        norm = _norm_line(line)
        if first and not kept and title_norm and _norm_line(clean_title(line) or "") == title_norm:
            removed.append(line)
            continue
        if (
            (
                (d := _DISCLAIMER.search(norm))
                and _words(line) <= 60
                and ("بالضروره" in norm or d.start() < 20 or _OWN_VIEW.search(norm))
            )
            or _AUTHOR_BOX.search(norm)
            or _TAGS_LINE.match(norm)
            or (_WIRE_CREDITS.match(norm) and _words(line) <= 25)
        ):
            removed.append(line)
            continue
        is_credit_line, credit = _credit_line(line, norm)
        if is_credit_line:
            if credit is not None:
                credits.append(credit)
            removed.append(line)
            continue
        if _SHARE.match(norm) and _words(line) <= 8:
            removed.append(line)
            continue
        if _words(line) <= 10:
            candidate = _DATE_PREFIX.sub("", norm)
            value = parse_date_line(line)  # digitless lines return at once (no day without a digit)
            if value is not None and (not kept or candidate != norm):
                if date_line is None and not kept:
                    date_line = (line, value)
                removed.append(line)
                continue
        if _READ_ALSO.match(norm):
            line, glued = _strip_glued_headlines(line, links)
            removed.extend(glued)
            if not line:
                continue
            norm = _norm_line(line)
        elif not kept:
            line, glued = _strip_unlabelled_headlines(line, links)
            removed.extend(glued)
        if not kept and dateline is None:
            line, found = _take_dateline(line)
            if found:
                dateline, name = found
                if name and _norm_line(name) not in _GENERIC_CREDITS:
                    credits.append(_Credit(name, "dateline"))
                removed.append(dateline)
                if not line:
                    continue
        kept.append(line)
    if kept:
        # A wire end marker closes the last paragraph: "(انتهى) ع ص / م ر".
        tail = _WIRE_END.search(kept[-1])
        if tail:
            removed.append(kept[-1][tail.start() :].strip())
            kept[-1] = kept[-1][: tail.start()].rstrip()
            if not kept[-1]:
                kept.pop()
    # Agency credit such as "(واس)" inside the first paragraph, when nothing better was found.
    if kept and not credits:
        agency = _AGENCY_PAREN.search(kept[0][:200])
        if agency:
            credits.append(_Credit(agency.group("name").strip(), "agency_credit"))
    return kept, removed, credits, dateline, date_line


def _credit_line(line: str, norm: str) -> tuple[bool, _Credit | None]:
    """Is ``line`` a source line or a sign-off, and whom does it credit (None for "وكالات")?"""
    for pattern, max_words, kind in ((_SOURCE_LINE, 10, "source_line"), (_SIGN_OFF, 8, "sign_off")):
        match = pattern.match(norm)
        if match and _words(line) <= max_words:
            name = _original_group(line, match, "name")
            return True, None if _norm_line(name) in _GENERIC_CREDITS else _Credit(name, kind)
    return False, None


def _original_group(line: str, match: re.Match[str], group: str) -> str:
    """The original-text span of a group matched on ``_norm_line(line)``."""
    normalized = normalize(" ".join(line.split()))
    start, end = _map_span(normalized, match.start(group), match.end(group))
    return " ".join(line.split())[start:end].strip()


def _map_span(normalized: Normalized, start: int, end: int) -> tuple[int, int]:
    return normalized.original_span(start, end)


def _take_dateline(line: str) -> tuple[str, tuple[str, str | None] | None]:
    """Split a leading dateline off a paragraph: ``(rest, (dateline, credited name))``."""
    compact = " ".join(line.split())
    english = _DATELINE_EN.match(compact)
    if english and len(english.group("city").split()) <= 3:
        name = english.group("name")
        return compact[english.end() :].strip(), (
            compact[: english.end()].strip(),
            name.strip() if name else None,
        )
    normalized = normalize(compact)
    for pattern in (_DATELINE_SLASH, _DATELINE_PAREN, _DATELINE_DASH):
        match = pattern.match(normalized.text)
        if not match:
            continue
        if len(match.group("city").split()) > 3:
            continue
        if pattern is _DATELINE_PAREN and not match.group("sep") and match.end() < len(normalized.text):
            continue
        _, cut = normalized.original_span(0, match.end())
        name_start, name_end = normalized.original_span(match.start("name"), match.end("name"))
        dateline = compact[:cut].strip()
        return compact[cut:].strip(), (dateline, compact[name_start:name_end].strip())
    return line, None


def clean_author(author: str | None, datelines: list[str]) -> str | None:
    """Author without prefixes (كتب، بقلم), author-box words, datelines or generic accounts."""
    if not author:
        return None
    text = re.sub(r"(?i)about (?:post|the) author|see author'?s posts", " ", author)
    text = _AUTHOR_PREFIX.sub("", " ".join(text.split())).strip(" -:|")
    if not text or text.lower() in _GENERIC_AUTHORS:
        return None
    if "(" in text or "/" in text or any(_norm_line(text) == _norm_line(d) for d in datelines):
        return None
    return text


# --- Page metadata -------------------------------------------------------------------------
# trafilatura.metadata.extract_metadata minus its htmldate search and licence search, with the
# author fallback done in one pass over the tree. Its author fallback evaluates three XPath tiers
# and a discard XPath on a deep copy of the page (~4 ms, the dearest step of the metadata on half
# the pages); :func:`_fallback_author` finds the same elements by the same rules in one Python
# walk and returns the same author (checked on every page of the corpus, bench/extraction.py).
_AUTHOR_TIER0_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_AUTHOR_TIER1_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_AUTHOR_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
# The regular expressions of trafilatura.xpaths.AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS (2.3.1).
_AUTHOR_TIER0_CLASS = re.compile("author-?name|AuthorName|authorName")
_AUTHOR_TIER1_ID = re.compile("author|zuozhe|bianji|xiaobian")
_AUTHOR_TIER1_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_AUTHOR_TIER2_ID = re.compile("[Aa]uthor")
_AUTHOR_TIER2_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_AUTHOR_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
# Every rule above needs one of these in an attribute value (a superset, to skip elements fast).
_AUTHOR_ANY = re.compile(
    "uthor|yline|byl|BBL|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by"
    "|journalist-name|screenname|writer|omments|omment-?list|ProductReviews|sidebar|is-hidden|quote"
    "|embedly-instagram|article-share|article-support|print|category|meta-date|meta-reviewer|title|date|Figure"
)
# The attribute values those rules read, in document order (no rule pattern holds a space, so a value
# matches _AUTHOR_ANY exactly when the space-joined values of its element do).
_AUTHOR_ATTRS = etree.XPath("//@class|//@id|//@itemprop|//@data-component|//@rel|//@data-testid")
_AUTHOR_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_TAG_SPLIT = re.compile(r"\s*[,،;]\s*")
# The href filters of trafilatura.metadata.extract_catstags.
_TAG_HREF = re.compile("/tag(?:y|ies|s)?/")
_CATEGORY_HREF = re.compile("/categor(?:y|ies|s)?/")


@dataclass
class PageMetadata:
    """Title, author, site name, description, canonical URL, tags and categories of a page."""

    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    description: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)


def _author_candidates(tree: lxml_html.HtmlElement) -> tuple[list[list[etree._Element]], set]:
    """Elements of each author XPath tier (document order) and the discarded elements."""
    tiers: list[list[etree._Element]] = [[], [], []]
    discard = set()
    # XPath ``rel='me'``: a child element <rel> whose text is "me".
    rel_me = {rel.getparent() for rel in tree.iter("rel") if rel.text_content() == "me"}
    elements: Iterable[etree._Element]
    if rel_me or next(tree.iter("author"), None) is not None:
        elements = tree.iter(etree.Element)
    else:
        # Without <author> and rel="me" elements, only <time>, <figure> and the elements with an
        # attribute value matching _AUTHOR_ANY can count: the values come from one XPath in C and
        # only the matching elements get a Python proxy (a walk over every element made ~200k).
        discard.update(tree.iter("time", "figure"))
        elements = dict.fromkeys(v.getparent() for v in _AUTHOR_ATTRS(tree) if _AUTHOR_ANY.search(v))
    for element in elements:
        tag, attrib = element.tag, element.attrib
        if tag in ("time", "figure"):
            discard.add(element)
        if not attrib:
            if tag == "author" or (tag in _AUTHOR_TIER0_TAGS and element in rel_me):
                tiers[0].append(element)
            continue
        cls = attrib.get("class", "")
        ident = attrib.get("id", "")
        itemprop = attrib.get("itemprop", "")
        component = attrib.get("data-component", "")
        # Most elements match no rule: one search over their attribute values rules them out.
        values = (
            f"{cls} {ident} {itemprop} {component} {attrib.get('rel', '')} {attrib.get('data-testid', '')}"
        )
        if tag != "author" and element not in rel_me and not _AUTHOR_ANY.search(values):
            continue
        if tag in _AUTHOR_DISCARD_TAGS and (
            ident == "comments"
            or cls in ("comments", "title", "date")
            or (ident and _AUTHOR_DISCARD_ID.search(ident))
            or (cls and _AUTHOR_DISCARD_CLASS.search(cls))
            or "Figure" in component
        ):
            discard.add(element)
        if tag == "author" or (
            tag in _AUTHOR_TIER0_TAGS
            and (
                attrib.get("rel") == "author"
                or ident == "author"
                or cls == "author"
                or itemprop == "author name"
                or attrib.get("data-testid") in ("AuthorCard", "AuthorURL")
                or (cls and _AUTHOR_TIER0_CLASS.search(cls))
                or element in rel_me
            )
        ):
            tiers[0].append(element)
        if tag in _AUTHOR_TIER1_TAGS and (
            cls in ("byline", "username", "byl", "BBL")
            or "author" in itemprop
            or (ident and _AUTHOR_TIER1_ID.search(ident))
            or (cls and _AUTHOR_TIER1_CLASS.search(cls))
        ):
            tiers[1].append(element)
        if (
            "Byline" in component
            or "author" in itemprop
            or (ident and _AUTHOR_TIER2_ID.search(ident))
            or (cls and _AUTHOR_TIER2_CLASS.search(cls))
        ):
            tiers[2].append(element)
    return tiers, discard


def _fallback_author(tree: lxml_html.HtmlElement) -> str | None:
    """trafilatura.metadata.extract_author: the first author element (outside comments, dates,
    sidebars, figures) whose text has 3 to 119 characters."""
    tiers, discard = _author_candidates(tree)
    for tier in tiers:
        for element in tier:
            if element in discard or any(a in discard for a in element.iterancestors()):
                continue
            if any(d in discard for d in element.iterdescendants()):
                # Rare: prune the discarded parts from a copy of this element only.
                element = prune_unwanted_nodes(copy.deepcopy(element), AUTHOR_DISCARD_XPATHS)
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < 120:
                return trafilatura_metadata.normalize_authors(None, content)
    return None


# trafilatura.metadata.JSON_MINIFY (whitespace outside JSON strings) with the string loop unrolled
# and runs of whitespace taken at once: the same matches, a third of the time.
_JSON_MINIFY = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")|\s+')
_JSON_SCRIPT_TYPES = frozenset({"application/ld+json", "application/settings+json"})


def _extract_meta_json(tree: lxml_html.HtmlElement, metadata: Document) -> Document:
    """trafilatura.metadata.extract_meta_json (2.3.1) step for step, with :data:`_JSON_MINIFY` and
    the scripts found by a tag walk in C instead of an XPath over every element."""
    for elem in tree.iterdescendants("script"):
        if elem.get("type") not in _JSON_SCRIPT_TYPES or not elem.text:
            continue
        element_text = normalize_json(_JSON_MINIFY.sub(r"\1", elem.text))
        try:
            schema = json.loads(element_text, strict=False)
            metadata = extract_json(schema, metadata)
        except json.JSONDecodeError:
            metadata = extract_json_parse_error(element_text, metadata)
    return metadata


def _starts(value: str | None, *prefixes: str) -> bool:
    return value is not None and value.startswith(prefixes)


# The container tests of trafilatura.xpaths.CATEGORIES_XPATHS and TAGS_XPATHS (2.3.1), in their
# order, on ``(tag, class, id)``: each XPath is "the links with an href inside such a container".
_CATEGORY_CONTAINERS = (
    lambda tag, cls, ident: (
        tag == "div"
        and (
            _starts(cls, "postinfo", "post-info", "postmeta", "post-meta", "meta", "entry-meta", "entry-info")
            or _starts(cls, "entry-utility")
            or _starts(ident, "postpath")
        )
    ),
    lambda tag, cls, ident: (
        tag == "p"
        and (_starts(cls, "postmeta", "entry-categories") or cls == "postinfo" or ident == "filedunder")
    ),
    lambda tag, cls, ident: tag == "footer" and _starts(cls, "entry-meta", "entry-footer"),
    lambda tag, cls, ident: (
        tag in ("li", "span")
        and (cls in ("post-category", "postcategory", "entry-category") or "cat-links" in (cls or ""))
    ),
    lambda tag, cls, ident: tag == "header" and cls == "entry-header",
    lambda tag, cls, ident: tag == "div" and cls in ("row", "tags"),
)
_TAG_CONTAINERS = (
    lambda tag, cls, ident: tag == "div" and cls == "tags",
    lambda tag, cls, ident: tag == "p" and _starts(cls, "entry-tags"),
    lambda tag, cls, ident: (
        tag == "div"
        and (cls in ("row", "jp-relatedposts", "entry-utility") or _starts(cls, "tag", "postmeta", "meta"))
    ),
    lambda tag, cls, ident: cls == "entry-meta" or "topics" in (cls or "") or "tags-links" in (cls or ""),
)


def _extract_catstags(metatype: str, tree: lxml_html.HtmlElement) -> list[str]:
    """trafilatura.metadata.extract_catstags (2.3.1) turned around: its XPaths walk the whole page
    six times for containers and then keep the links whose href has ``/category/`` (``/tag/``);
    here those few links are found first and their ancestors tested, container test by test."""
    href_filter = _CATEGORY_HREF if metatype == "category" else _TAG_HREF
    links = [a for a in tree.iter("a") if href_filter.search(a.get("href") or "")]
    ancestry = [[(e.tag, e.get("class"), e.get("id")) for e in a.iterancestors()] for a in links]
    results: list[str] = []
    for container in _CATEGORY_CONTAINERS if metatype == "category" else _TAG_CONTAINERS:
        results.extend(
            block_text(a) for a, up in zip(links, ancestry, strict=True) if any(container(*e) for e in up)
        )
        if results:
            break
    if metatype == "category" and not results:
        return _section_categories(tree)
    return [r for r in dict.fromkeys(line_processing(x) for x in results if x) if r]


def _section_categories(tree: lxml_html.HtmlElement) -> list[str]:
    """extract_catstags' fallback for categories when its container XPaths find no link."""
    metas = tree.xpath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]')
    return [r for r in dict.fromkeys(line_processing(m.attrib["content"]) for m in metas) if r]


def _examine_meta(tree: lxml_html.HtmlElement) -> Document:
    """trafilatura.metadata.examine_meta (2.3.1, OpenGraph included) step for step, with the
    ``<meta>`` children of ``<head>`` found once by a tag walk in C (trafilatura runs an XPath and an
    ElementPath search over the whole page for them). A page with several ``<head>`` elements goes
    to trafilatura's function (its document order across them is not kept here)."""
    tm = trafilatura_metadata
    heads = list(tree.iterdescendants("head"))
    if len(heads) > 1:
        return tm.examine_meta(tree)
    metas = list(heads[0].iterchildren("meta")) if heads else []
    # extract_opengraph
    result: dict[str, str | None] = dict.fromkeys(
        ("title", "author", "url", "description", "sitename", "image", "pagetype")
    )
    for elem in metas:
        property_name, content = elem.get("property"), elem.get("content")
        if not (property_name or "").startswith("og:"):
            continue
        if content and not content.isspace():
            if property_name in tm.OG_PROPERTIES:
                result[tm.OG_PROPERTIES[property_name]] = content
            elif property_name == "og:url" and tm.is_valid_url(content):
                result["url"] = content
            elif property_name in tm.OG_AUTHOR:
                result["author"] = tm.normalize_authors(None, content)
    metadata = Document().from_dict(result)
    tags, backup_sitename = [], None
    for elem in metas:
        if elem.get("content") is None:
            continue
        content_attr = tm.HTML_STRIP_TAGS.sub("", elem.get("content", "")).strip()
        if not content_attr:
            continue
        if "property" in elem.attrib:
            property_attr = elem.get("property", "").lower()
            if property_attr.startswith("og:"):
                continue
            if property_attr == "article:tag":
                tags.append(tm.normalize_tags(content_attr))
            elif property_attr in tm.PROPERTY_AUTHOR:
                metadata.author = tm.normalize_authors(metadata.author, content_attr)
            elif property_attr == "article:publisher":
                metadata.sitename = metadata.sitename or content_attr
            elif property_attr in tm.METANAME_IMAGE:
                metadata.image = metadata.image or content_attr
        elif "name" in elem.attrib:
            name_attr = elem.get("name", "").lower()
            if name_attr in tm.METANAME_AUTHOR:
                metadata.author = tm.normalize_authors(metadata.author, content_attr)
            elif name_attr in tm.METANAME_TITLE:
                metadata.title = metadata.title or content_attr
            elif name_attr in tm.METANAME_DESCRIPTION:
                metadata.description = metadata.description or content_attr
            elif name_attr in tm.METANAME_PUBLISHER:
                metadata.sitename = metadata.sitename or content_attr
            elif name_attr in tm.METANAME_IMAGE:
                metadata.image = metadata.image or content_attr
            elif name_attr in tm.TWITTER_ATTRS or "twitter:app:name" in name_attr:
                backup_sitename = content_attr
            elif name_attr == "twitter:url" and not metadata.url and tm.is_valid_url(content_attr):
                metadata.url = content_attr
            elif name_attr in tm.METANAME_TAG:
                tags.append(tm.normalize_tags(content_attr))
        elif "itemprop" in elem.attrib:
            itemprop_attr = elem.get("itemprop", "").lower()
            if itemprop_attr == "author":
                metadata.author = tm.normalize_authors(metadata.author, content_attr)
            elif itemprop_attr == "description":
                metadata.description = metadata.description or content_attr
            elif itemprop_attr == "headline":
                metadata.title = metadata.title or content_attr
    metadata.sitename = metadata.sitename or backup_sitename
    metadata.tags = tags
    return metadata


def page_metadata(
    tree: lxml_html.HtmlElement, url: str | None, hrefs: list[str] | None = None
) -> PageMetadata:
    """The metadata of ``tree`` as trafilatura's ``extract_metadata`` finds it (its date and
    licence searches left out); ``tags`` are the page's tags then its categories.

    ``hrefs``: the href of every ``<a>`` of the page (``""`` when absent), if the caller has them.
    """
    meta = _examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = _extract_meta_json(tree, meta)
    except Exception:  # trafilatura's own guard: its JSON-LD parser has bugs on odd data
        pass
    if not meta.title:
        meta.title = trafilatura_metadata.extract_title(tree)
    if not meta.author:
        meta.author = _fallback_author(tree)
    if not meta.url:
        meta.url = trafilatura_metadata.extract_url(tree, url)
    if not meta.sitename:
        meta.sitename = trafilatura_metadata.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        match = trafilatura_metadata.META_URL.match(meta.url)
        if match:
            meta.sitename = match[1]
    # trafilatura's tag/category XPaths keep only links whose href has /tag/, /categories/ ...:
    # when no link of the page has one, they find nothing and are not run (a costly walk).
    if not meta.categories or not meta.tags:
        if hrefs is None:
            hrefs = [a.get("href") or "" for a in tree.iter("a")]
        if not meta.categories:
            if any(_CATEGORY_HREF.search(h) for h in hrefs):
                meta.categories = _extract_catstags("category", tree)
            else:  # no category link: extract_catstags' own fallback
                meta.categories = _section_categories(tree)
        if not meta.tags and any(_TAG_HREF.search(h) for h in hrefs):
            meta.tags = _extract_catstags("tag", tree)
    meta.clean_and_trim()
    # Meta keywords arrive as one "a, b, c" string: the column holds one tag per item.
    tags = [
        " ".join(t.split()) for entry in (*meta.tags, *meta.categories) for t in _TAG_SPLIT.split(entry or "")
    ]
    return PageMetadata(
        title=meta.title,
        author=meta.author,
        site_name=meta.sitename,
        description=meta.description,
        url=meta.url,
        tags=list(dict.fromkeys(t for t in tags if t)),
    )


def _date_line_value(line: str) -> date | None:
    """The date a short visible line shows, if it is a date line."""
    # parse_date_line itself turns away lines without a digit (menu items) before its grammar.
    return None if _words(line) > 10 else parse_date_line(line)


def _html_parser() -> lxml_html.HTMLParser:
    """trafilatura's parser (same options) with lxml.html's element classes found in C.

    lxml.html finds the Python class of every element proxy through a lookup written in Python
    (``HtmlElementClassLookup.lookup``); trafilatura and our steps create millions of proxies, and
    that call was ~10% of extracting a page. A namespace lookup gives the same classes (FormElement,
    InputElement ... by tag, HtmlElement otherwise, HtmlComment ...) without calling Python. Copies
    of the tree (trafilatura copies it several times) keep the parser and so the lookup.
    """
    parser = lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement,
            comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction,
            entity=lxml_html.HtmlEntity,
        )
    )
    by_tag = lookup.get_namespace(None)
    for tag, element_class in lxml_html.HtmlElementClassLookup._default_element_classes.items():
        by_tag[tag] = element_class
    parser.set_element_class_lookup(lookup)
    return parser


_HTML_PARSER = _html_parser()


def load_page(html: str) -> lxml_html.HtmlElement | None:
    """``trafilatura.utils.load_html`` for a decoded page, step for step, with :data:`_HTML_PARSER`."""
    beginning = html[:50].lower()
    check_flag = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree = None
    fallback_parse = False
    try:
        tree = lxml_html.fromstring(html, parser=_HTML_PARSER)
    except ValueError:
        # "Unicode strings with encoding declaration are not supported."
        tree = _fromstring_bytes(html)
        fallback_parse = True
    except Exception:  # pragma: no cover - trafilatura's guard
        tree = None
    if (tree is None or len(tree) < 1) and not fallback_parse:
        tree = _fromstring_bytes(html)
    # trafilatura's rejection test: not (well-formed) HTML at all.
    if tree is not None and check_flag and len(tree) < 2:
        tree = None
    return tree


def _fromstring_bytes(html: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.fromstring(html.encode("utf8", "surrogatepass"), parser=_HTML_PARSER)
    except Exception:
        return None


# The bare_extraction options that main_text passes on to trafilatura's Extractor (bare_extraction's
# names → Extractor's), and those it only handles at these values (the steps bare_extraction runs
# for other values: metadata, comments, duplicate test, language filter, are not run here).
_EXTRACTOR_ARGS = {
    "fast": "fast",
    "favor_precision": "precision",
    "favor_recall": "recall",
    "include_tables": "tables",
    "include_images": "images",
    "include_links": "links",
    "include_formatting": "formatting",
}
_FIXED_ARGS = {"with_metadata": False, "include_comments": False, "deduplicate": False}


def main_text(tree: lxml_html.HtmlElement, url: str | None) -> str | None:
    """``trafilatura.bare_extraction(tree, url=url, **EXTRACT_OPTIONS).text``, None when it finds
    nothing, consuming ``tree``: trafilatura prunes it in place.

    bare_extraction copies a tree it is given (the copy was ~2% of a plain extraction) and then
    runs, for our options, only trafilatura's extraction sequence, its output-size check and its
    text serialisation; this makes the same calls on the tree itself (trafilatura 2.3.1's
    core.bare_extraction, checked page by page in tests). Options outside what it mirrors go to
    bare_extraction itself.
    """
    mirrored = all(
        k in _EXTRACTOR_ARGS or (k in _FIXED_ARGS and _FIXED_ARGS[k] == v) for k, v in EXTRACT_OPTIONS.items()
    )
    options = Extractor(
        output_format="python",
        comments=False,
        url=url,
        **{_EXTRACTOR_ARGS[k]: v for k, v in EXTRACT_OPTIONS.items() if k in _EXTRACTOR_ARGS},
    )
    # A settings.cfg max_tree_size: bare_extraction's own check applies.
    if not mirrored or options.max_tree_size:
        document = trafilatura.bare_extraction(tree, url=url, **EXTRACT_OPTIONS)
        return None if document is None else document.text
    try:
        postbody, text, _, comments = trafilatura_sequence(tree, options, url)
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):  # bare_extraction's "discarding data"
        return None
    return xmltotxt(postbody, options.formatting)


def extract_page(html: str, url: str | None) -> PageExtraction:
    """Extract the articles of one page (no outlet resolution yet, see :func:`credit_segments`)."""
    # One parse serves trafilatura and our own steps: trafilatura's loader (the same parse
    # ``bare_extraction(html)`` makes, see load_page).
    try:
        tree = load_page(html)
    except (ValueError, etree.ParserError) as exc:
        return PageExtraction("parse_error", f"HTML could not be parsed: {exc}", [])
    if tree is None:
        return PageExtraction("parse_error", "HTML could not be parsed: not an HTML document", [])
    # Our read-only steps come first: trafilatura's pass then prunes this very tree (see
    # main_text), which spares bare_extraction's copy of the whole page.
    # One walk over the links serves the tag/category check and the headline links.
    anchors = _anchors(tree)
    meta = page_metadata(tree, url, [href for _, href in anchors])
    canonical = meta.url or url
    page_date = publication_date(html, canonical, root=tree)
    visible = page_lines(tree)
    try:
        main = main_text(tree, url)
    except Exception as exc:
        return PageExtraction("parse_error", f"trafilatura failed: {type(exc).__name__}: {exc}", [])
    del tree  # pruned by trafilatura: no longer the page
    if main is None or not main.strip():
        return PageExtraction("empty", "no main text found", [])
    links = _link_map(anchors)
    # NFC as trafilatura.extract does: pages mix precomposed and decomposed letters (Bengali
    # nukta forms, Arabic hamza above), and copies of one text must compare equal.
    text = unicodedata.normalize("NFC", main)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = clean_title(meta.title)

    segments: list[Segment] = []
    for number, (seg_title, body, pre_removed) in enumerate(split_segments(lines, links), start=1):
        kept, removed, credits, dateline, date_line = _clean_segment(body, links, title, number == 1)
        if not kept:
            continue
        seg_url = canonical
        if number > 1:
            href = links.get(_norm_line(seg_title or ""))
            if href and canonical:
                href = urljoin(canonical, href)
            seg_url = href or (f"{canonical}#segment-{number}" if canonical else None)
        segment = Segment(
            segment=len(segments) + 1,
            title=title if number == 1 else clean_title(seg_title),
            text="\n".join(kept),
            url=seg_url,
            dateline=dateline,
            date_line=date_line[0] if date_line else None,
            date_line_value=date_line[1] if date_line else None,
            removed=[*pre_removed, *removed],
        )
        if credits:
            best = min(credits, key=lambda c: CREDIT_PRIORITY.index(c.source))
            segment.credited_name, segment.credit_source = best.name, best.source
        segments.append(segment)
    if not segments:
        return PageExtraction("empty", "only boilerplate found", [])
    n_words = sum(_words(s.text) for s in segments)
    if n_words < MIN_ARTICLE_WORDS:
        return PageExtraction("empty", f"too little text ({n_words} words): navigation or truncated page", [])
    norm_visible = _norm_lines(visible)
    _credits_from_page(segments, visible, norm_visible)
    datelines = [s.dateline for s in segments if s.dateline]
    return PageExtraction(
        outcome="ok",
        reason=None,
        segments=segments,
        title=title,
        author=clean_author(meta.author, datelines),
        site_name=meta.site_name,
        description=meta.description,
        tags=meta.tags,
        canonical_url=canonical,
        page_date=page_date,
        visible_lines=visible,
        title_line=_title_line(title, visible, norm_visible),
    )


def _title_line(title: str | None, visible: list[str], norm_visible: list[str]) -> int | None:
    """Index of the visible line that shows the page title."""
    if not title:
        return None
    wanted = _norm_line(title)
    for i, norm in enumerate(norm_visible):
        # The containment test is a cheap filter; clean_title drops entities and a wire prefix.
        if wanted in norm and _norm_line(clean_title(visible[i]) or "") == wanted:
            return i
    return None


def _credits_from_page(segments: list[Segment], visible: list[str], norm_visible: list[str]) -> None:
    """Source lines that trafilatura dropped (outside the body) credit the segment before them.

    Each segment owns the visible lines from its first paragraph to the next segment's first
    paragraph; a source line there beats weaker credits (dateline, agency).
    """

    def position(text: str, start: int) -> int | None:
        probe = _norm_line(text.split("\n")[0])[:60]
        for i in range(start, len(norm_visible)):
            if probe and probe in norm_visible[i]:
                return i
        return None

    starts: list[int | None] = []
    cursor = 0
    for segment in segments:
        found = position(segment.text, cursor)
        starts.append(found)
        if found is not None:
            cursor = found + 1
    for i, segment in enumerate(segments):
        if starts[i] is None or segment.credit_source == "source_line":
            continue
        following = [s for s in starts[i + 1 :] if s is not None]
        end = following[0] if following else min(len(visible), starts[i] + 400)
        for j in range(starts[i], end):
            match = _SOURCE_LINE.match(norm_visible[j])
            if match and _words(visible[j]) <= 10:
                name = _original_group(visible[j], match, "name")
                if _norm_line(name) in _GENERIC_CREDITS:
                    continue
                segment.credited_name = name
                segment.credit_source = "source_line"
                break


def credited_outlet(
    segment: Segment, serving_outlet: str, serving_kind: str, resolver: OutletResolver
) -> tuple[str | None, str | None]:
    """``(credited_outlet, credit_source)`` for a segment.

    The credited name resolves to an outlet_id where known, else it is kept as written. A
    segment with no credit is credited to the site serving it, unless that site is an
    aggregator (then the credit is unknown).
    """
    if segment.credited_name:
        return resolver.credited(segment.credited_name), segment.credit_source
    if serving_kind == "aggregator":
        return None, None
    return serving_outlet, "site"
