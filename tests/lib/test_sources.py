"""Tests for the sources file: validation messages, path resolution, outlet name resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.lib.sources import OutletResolver, Source, SourcesError, load_sources, parse_sources


def _parse(data: object, tmp_path: Path) -> list[Source]:
    return parse_sources(data, tmp_path, tmp_path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "top-level list 'sources:'"),
        ({}, "top-level list 'sources:'"),
        ({"sources": "alittihad.ae"}, "top-level list 'sources:'"),
        (["alittihad.ae"], "top-level list 'sources:'"),
        ({"sources": ["alittihad.ae"]}, "sources[1]: each source must be a mapping"),
        ({"sources": [{"name": "X"}]}, "sources[1]: 'id' (the outlet's domain) is required"),
        ({"sources": [{"id": "a.com"}, {"id": "  "}]}, "sources[2]: 'id'"),
        ({"sources": [{"id": "a.com"}, {"id": "A.com"}]}, "source 'a.com': duplicate id"),
        (
            {"sources": [{"id": "a.com", "kind": "blog"}]},
            "kind must be one of outlet, aggregator, agency, got 'blog'",
        ),
        (
            {"sources": [{"id": "a.com", "urls": {"x": 1}}]},
            "source 'a.com': 'urls' must be a string or a list, got dict",
        ),
        ({"sources": [{"id": "a.com", "aliases": 5}]}, "'aliases' must be a string or a list, got int"),
        (
            {"sources": [{"id": "a.com", "directory": 3.5}]},
            "'directory' must be a string or a list, got float",
        ),
    ],
)
def test_parse_errors_have_clear_messages(data: object, message: str, tmp_path: Path) -> None:
    with pytest.raises(SourcesError) as info:
        _parse(data, tmp_path)
    assert message in str(info.value)


def test_parse_full_entry(tmp_path: Path) -> None:
    data = {
        "sources": [
            {
                "id": " Alittihad.AE ",
                "name": "Al-Ittihad",
                "name_ar": "الاتحاد",
                "kind": "outlet",
                "country": "ARE",
                "language": "ar",
                "aliases": "جريدة الاتحاد الإماراتية",
                "urls": [" https://example.test/a ", "https://example.test/b"],
                "feeds": "https://example.test/rss",
                "owner": "someone",
            },
            {"id": "digest.example"},
        ]
    }
    first, second = _parse(data, tmp_path)
    assert first.id == "alittihad.ae"
    assert first.aliases == ("جريدة الاتحاد الإماراتية",)
    assert first.urls == ("https://example.test/a", "https://example.test/b")
    assert first.feeds == ("https://example.test/rss",)
    assert first.extra == {"owner": "someone"}
    assert first.source_kinds == ["urls", "feeds"]
    assert first.names() == ["Al-Ittihad", "الاتحاد", "جريدة الاتحاد الإماراتية"]
    # Defaults: name = id, kind = outlet, no locators.
    assert second.name == "digest.example"
    assert second.kind == "outlet"
    assert second.source_kinds == []


def test_relative_directory_resolution(tmp_path: Path) -> None:
    base = tmp_path / "config"
    root = tmp_path / "project"
    (base / "pages_here").mkdir(parents=True)
    root.mkdir()
    absolute = tmp_path / "abs"
    data = {
        "sources": [
            {"id": "a.com", "directory": "pages_here"},  # exists beside the sources file
            {"id": "b.com", "directory": ["elsewhere/pages"], "warc": "w/x.warc.gz"},  # falls back to root
            {"id": "c.com", "directory": str(absolute)},  # absolute stays
        ]
    }
    a, b, c = parse_sources(data, base, root)
    assert a.directories == (base / "pages_here",)
    assert b.directories == (root / "elsewhere" / "pages",)
    assert b.warc == (root / "w" / "x.warc.gz",)
    assert c.directories == (absolute,)
    assert a.source_kinds == ["directory"]
    assert b.source_kinds == ["directory", "warc"]


def test_load_sources_file(tmp_path: Path) -> None:
    (tmp_path / "saved").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - id: example.com\n    name_ar: المثال\n    directory: saved\n",
        encoding="utf-8",
    )
    (source,) = load_sources(path, root=tmp_path / "nowhere")
    assert source.name_ar == "المثال"
    assert source.directories == (tmp_path / "saved",)


def test_load_sources_missing_and_invalid(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="sources file not found"):
        load_sources(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources: [unclosed\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="not valid YAML"):
        load_sources(bad)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourcesError, match="top-level list"):
        load_sources(empty)


@pytest.fixture
def resolver() -> OutletResolver:
    sources = [
        Source(id="alittihad.ae", name="Al-Ittihad", name_ar="الاتحاد", aliases=("الاتحاد الإماراتية",)),
        Source(id="almasalah.com", name="Al-Masalla", name_ar="المسلة", aliases=("المسلة نيوز",)),
    ]
    return OutletResolver(sources, extra_names={"رويترز": "reuters.com", "الاتحاد": "should-lose.example"})


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("الاتحاد", "alittihad.ae"),
        ("صحيفة الاتحاد", "alittihad.ae"),
        ("جريدة الإتحاد", "alittihad.ae"),
        ("الاتحاد الإماراتية", "alittihad.ae"),
        ("Al-Ittihad", "alittihad.ae"),
        ("al ittihad", "alittihad.ae"),
        ("alittihad", "alittihad.ae"),  # domain stem
        ("alittihad.ae", "alittihad.ae"),
        ("موقع المسلة", "almasalah.com"),
        ("المسلة نيوز", "almasalah.com"),
        ("almasalah", "almasalah.com"),
        ("رويترز", "reuters.com"),  # extra names
        ("وكالة رويترز", "reuters.com"),
    ],
)
def test_resolver_resolves_names(resolver: OutletResolver, name: str, expected: str) -> None:
    assert resolver.resolve(name) == expected
    assert resolver.credited(name) == expected


def test_resolver_unknown_names(resolver: OutletResolver) -> None:
    assert resolver.resolve("صحيفة مجهولة") is None
    assert resolver.credited("  صحيفة مجهولة ") == "صحيفة مجهولة"
    assert resolver.resolve(None) is None
    assert resolver.resolve("") is None
    assert resolver.credited(None) is None
    # A prefix word alone is not stripped to nothing.
    assert resolver.resolve("صحيفة") is None


def test_resolver_names_sorted(resolver: OutletResolver) -> None:
    names = resolver.names()
    assert names == sorted(names)
    assert "الاتحاد" in names


def test_agencies_join_the_outlets_unless_the_sources_file_lists_them(tmp_path) -> None:
    from pipelines.lib.sources import load_agencies, outlet_rows, parse_sources, with_agencies

    agencies_file = tmp_path / "agencies.yaml"
    agencies_file.write_text(
        "agencies:\n"
        "  - {id: wire.example, name: Wire, aliases: [وكالة السلك]}\n"
        "  - {id: other.example, name: Other Agency}\n",
        encoding="utf-8",
    )
    agencies = load_agencies(agencies_file, tmp_path)
    assert [a.kind for a in agencies] == ["agency", "agency"]
    sources = parse_sources({"sources": [{"id": "wire.example", "name": "Wire Desk"}]}, tmp_path, tmp_path)
    merged = with_agencies(sources, agencies)
    expected = [("wire.example", "Wire Desk"), ("other.example", "Other Agency")]
    assert [(s.id, s.name) for s in merged] == expected
    rows = outlet_rows(merged)
    assert rows[1]["kind"] == "agency" and rows[0]["kind"] == "outlet"
    assert load_agencies(tmp_path / "missing.yaml", tmp_path) == []
