"""Tests for the crawl journal (SQLite under NEWS_DATA_DIR/crawl_state)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pipelines.lib.crawl_state import CrawlState


def _row(page_id: str, sha1: str | None, error: str | None = None, day: date = date(2025, 1, 14)) -> dict:
    return {
        "page_id": page_id,
        "outlet_id": "o",
        "crawl_date": day,
        "fetched_at": datetime(2025, 1, 14, 2, tzinfo=UTC),
        "content_sha1": sha1,
        "error": error,
        "etag": '"v1"',
    }


def test_replay_and_history(tmp_path: Path) -> None:
    path = tmp_path / "crawl_state" / "journal.sqlite"
    d13, d14, d15 = date(2025, 1, 13), date(2025, 1, 14), date(2025, 1, 15)
    with CrawlState(path) as state:
        state.record(d13, "//x/a", _row("p_a13", "old", day=d13))
        state.record(d14, "//x/a", _row("p_a14", "new", day=d14))
        state.record(d14, "//x/b", _row("p_b14", "binary", error="binary content, not HTML", day=d14))
    with CrawlState(path) as state:  # survives the process
        replay = state.replay(d14)
        assert set(replay) == {"p_a14", "p_b14"}
        assert replay["p_a14"]["fetched_at"] == datetime(2025, 1, 14, 2, tzinfo=UTC)
        assert replay["p_a14"]["crawl_date"] == d14
        # Only earlier nights, only good bodies: a re-run of the 14th sees the 13th.
        assert state.latest_before(d14)[("o", "//x/a")].content_sha1 == "old"
        later = state.latest_before(d15)
        assert later[("o", "//x/a")].content_sha1 == "new" and later[("o", "//x/a")].crawl_date == d14
        assert ("o", "//x/b") not in later
        assert state.replay(d15) == {}
