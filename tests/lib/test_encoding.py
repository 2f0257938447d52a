"""Tests for HTML byte decoding (invented Arabic pages)."""

from __future__ import annotations

import codecs

import pytest

from pipelines.lib.encoding import charset_from_content_type, decode_html, looks_binary

ARABIC = (
    "أعلنت البلدية اليوم افتتاح حديقة عامة جديدة في وسط المدينة، وقال رئيس البلدية إن الحديقة "
    "ستستقبل الزوار من الصباح حتى المساء طوال أيام الأسبوع، مع مساحات مخصصة للأطفال وممرات للمشي."
)


def _page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>خبر</title></head><body><p>{ARABIC}</p></body></html>"


def test_utf8_plain() -> None:
    text, encoding = decode_html(_page().encode("utf-8"))
    assert encoding == "utf-8"
    assert ARABIC in text


def test_utf8_bom() -> None:
    text, encoding = decode_html(codecs.BOM_UTF8 + _page().encode("utf-8"))
    assert encoding == "utf-8"
    assert text.startswith("<html>")
    assert ARABIC in text


def test_utf16_bom() -> None:
    body = codecs.BOM_UTF16_LE + _page().encode("utf-16-le")
    text, encoding = decode_html(body)
    assert encoding == "utf-16-le"
    assert ARABIC in text


def test_windows_1256_declared_in_meta() -> None:
    body = _page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">').encode(
        "cp1256"
    )
    text, encoding = decode_html(body)
    assert encoding == "cp1256"
    assert ARABIC in text
    assert "\ufffd" not in text


def test_meta_charset_short_form() -> None:
    body = _page('<meta charset="windows-1256">').encode("cp1256")
    text, encoding = decode_html(body)
    assert encoding == "cp1256"
    assert ARABIC in text


def test_iso_8859_6_declared_in_header() -> None:
    # ISO-8859-6 has no alef-with-hamza variants beyond the basic set; use letters it has.
    plain = "اعلنت البلدية اليوم افتتاح حديقة عامة جديدة في وسط المدينة وقال رئيس البلدية"
    body = f"<html><body><p>{plain}</p></body></html>".encode("iso-8859-6")
    text, encoding = decode_html(body, "text/html; charset=ISO-8859-6")
    assert encoding == "iso8859-6"
    assert plain in text


def test_declares_utf8_but_is_windows_1256() -> None:
    body = _page('<meta charset="utf-8">').encode("cp1256")
    text, _ = decode_html(body, "text/html; charset=utf-8")
    assert "\ufffd" not in text
    assert ARABIC in text


def test_undeclared_windows_1256_is_detected() -> None:
    body = _page().encode("cp1256")
    text, encoding = decode_html(body)
    assert "\ufffd" not in text
    assert ARABIC in text
    assert encoding in ("cp1256", "windows-1256")


def test_unknown_declared_charset_falls_back() -> None:
    text, encoding = decode_html(_page().encode("utf-8"), "text/html; charset=x-no-such-charset")
    assert encoding == "utf-8"
    assert ARABIC in text


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", "UTF-8"),
        ('text/html; charset="windows-1256"', "windows-1256"),
        ("text/html", None),
        (None, None),
        ("", None),
    ],
)
def test_charset_from_content_type(header: str | None, expected: str | None) -> None:
    assert charset_from_content_type(header) == expected


def test_looks_binary() -> None:
    assert not looks_binary(b"")
    assert not looks_binary(_page().encode("utf-8"))
    assert not looks_binary(_page().encode("cp1256"))
    assert not looks_binary(b"line one\r\n\tline two\n")
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(b"GIF89a" + bytes(range(1, 9)) * 20)
    assert looks_binary(b"<html>" + b"\x00" + b"a" * 100)


def test_declares_windows_1256_but_is_utf8() -> None:
    body = _page('<meta charset="windows-1256">').encode("utf-8")
    text, encoding = decode_html(body)
    assert ARABIC in text
    assert encoding == "utf-8"


def test_header_and_meta_both_wrong_for_utf8_page() -> None:
    body = _page('<meta charset="windows-1256">').encode("utf-8")
    text, _ = decode_html(body, "text/html; charset=ISO-8859-6")
    assert ARABIC in text


def test_iso_8859_6_declared_in_meta() -> None:
    plain = "اعلنت البلدية اليوم افتتاح حديقة عامة جديدة في وسط المدينة"
    body = f'<html><head><meta charset="iso-8859-6"></head><body><p>{plain}</p></body></html>'.encode(
        "iso-8859-6"
    )
    text, encoding = decode_html(body)
    assert encoding == "iso8859-6"
    assert plain in text and "\ufffd" not in text


def test_header_says_utf8_meta_says_windows_1256() -> None:
    body = _page('<meta charset="windows-1256">').encode("cp1256")
    text, encoding = decode_html(body, "text/html; charset=UTF-8")
    assert encoding == "cp1256"
    assert ARABIC in text and "\ufffd" not in text
