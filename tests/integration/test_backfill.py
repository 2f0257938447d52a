"""A 7-day backfill and a manual run at once, through the instance's run queue, on one warehouse.

The Dagster home is a temporary copy of the project's ``dagster.yaml`` (queued runs, one at a
time: DuckDB takes one writing process per file) with storage moved under the test's temp dir.
``dagster job backfill`` submits one run per day and ``dagster job launch`` submits a manual run
of a day the backfill also covers; the daemon starts them one by one. Every run must succeed,
never two at once, and each day must hold exactly one copy of its rows.

Also the missed-night logic of the sensor.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

from pipelines.defs.schedules import LOOKBACK_NIGHTS, missed_nights
from tests.conftest import REPO

DAYS = [(date(2025, 1, 9) + timedelta(days=i)).isoformat() for i in range(7)]
MANUAL_DAY = DAYS[-1]  # the manual run re-crawls a day the backfill also writes
# Three of the sample outlets (an original, its copier, a wire): the test is about runs and rows,
# and eight full sample days would spend two more minutes re-extracting the same pages.
OUTLETS = {"gulf-wire.example", "khaleej-daily.example", "sham-post.example"}


def _sources(tmp: Path) -> Path:
    data = yaml.safe_load((REPO / "data" / "sources.yaml").read_text(encoding="utf-8"))
    data["sources"] = [s for s in data["sources"] if s["id"] in OUTLETS]
    assert len(data["sources"]) == len(OUTLETS)
    path = tmp / "sources.yaml"  # its relative directories resolve against the repository root
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _home(tmp: Path) -> Path:
    """A Dagster home with the project's instance config, its storage moved into ``tmp``."""
    config = yaml.safe_load((REPO / "dagster.yaml").read_text(encoding="utf-8"))
    storage = tmp / "dagster_storage"
    config["storage"] = {"sqlite": {"base_dir": str(storage)}}
    config["local_artifact_storage"]["config"]["base_dir"] = str(storage)
    config["compute_logs"]["config"]["base_dir"] = str(storage / "compute_logs")
    config["run_queue"]["dequeue_interval_seconds"] = 1  # the default 5 s only slows the test
    home = tmp / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return home


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


@pytest.fixture
def instance_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DAGSTER_HOME": str(_home(tmp_path)),
            "NEWS_WAREHOUSE": str(tmp_path / "warehouse.duckdb"),
            "NEWS_DATA_DIR": str(tmp_path / "data"),
            "NEWS_SOURCES": str(_sources(tmp_path)),
        }
    )
    subprocess.run(
        [_bin("dagster"), "instance", "migrate"], cwd=REPO, env=env, check=True, capture_output=True
    )
    return env


def _runs(env: dict[str, str]) -> list:
    from dagster import DagsterInstance

    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        return list(instance.get_runs())


def test_backfill_week_with_manual_run(instance_env: dict[str, str], tmp_path: Path) -> None:
    env = instance_env
    log = (tmp_path / "daemon.log").open("w")
    daemon = subprocess.Popen(
        [_bin("dagster-daemon"), "run", "-m", "pipelines.definitions"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # killed with its group: the daemon's run workers go with it
    )
    started = time.monotonic()
    try:
        module = ["-m", "pipelines.definitions", "-j", "nightly_crawl"]
        backfill = subprocess.Popen(
            [_bin("dagster"), "job", "backfill", *module, "--partitions", ",".join(DAYS), "--noprompt"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        manual = subprocess.run(
            [
                _bin("dagster"),
                "job",
                "launch",
                *module,
                "--tags",
                json.dumps({"dagster/partition": MANUAL_DAY}),
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert manual.returncode == 0, manual.stdout[-3000:] + manual.stderr[-3000:]
        output = backfill.communicate(timeout=300)[0]
        assert backfill.returncode == 0, output[-3000:]

        deadline = time.monotonic() + 540
        while True:
            runs = _runs(env)
            if len(runs) == len(DAYS) + 1 and all(r.is_finished for r in runs):
                break
            assert daemon.poll() is None, (tmp_path / "daemon.log").read_text()[-3000:]
            assert time.monotonic() < deadline, [(r.tags.get("dagster/partition"), r.status) for r in runs]
            time.sleep(2)
    finally:
        os.killpg(daemon.pid, signal.SIGKILL)
        daemon.wait(timeout=30)
        log.close()
    elapsed = time.monotonic() - started
    print(f"backfill of {len(DAYS)} days + 1 manual run: {elapsed:.0f} s")

    failed = [(r.tags.get("dagster/partition"), r.status.value) for r in runs if not r.is_success]
    assert not failed, failed
    assert sorted(r.tags["dagster/partition"] for r in runs) == sorted([*DAYS, MANUAL_DAY])
    assert sum(1 for r in runs if r.tags.get("dagster/backfill")) == len(DAYS)

    # the queue ran them one at a time: no two runs' lifetimes overlap
    from dagster import DagsterInstance

    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        records = instance.get_run_records()
        spans = sorted((r.start_time, r.end_time) for r in records)
        checks = [
            e
            for r in records
            for e in instance.all_logs(r.dagster_run.run_id)
            if e.dagster_event and e.dagster_event.event_type_value == "ASSET_CHECK_EVALUATION"
        ]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end, spans
    assert checks, "asset checks ran and were recorded (they show in the UI)"

    with duckdb.connect(env["NEWS_WAREHOUSE"], read_only=True) as conn:
        for table in ("pages", "articles", "article_copies", "actor_mentions", "date_mentions"):
            per_day = dict(
                conn.execute(f"select crawl_date::varchar, count(*) from {table} group by 1").fetchall()
            )
            assert sorted(per_day) == DAYS, table
            # the samples are the same every day: every day the same rows, none lost or doubled
            assert len(set(per_day.values())) == 1, (table, per_day)
        assert conn.execute("select count(*) - count(distinct page_id) from pages").fetchone() == (0,)
        assert conn.execute("select count(*) - count(distinct article_id) from articles").fetchone() == (0,)
        n_pages = conn.execute("select count(*) from pages where crawl_date = ?", [MANUAL_DAY]).fetchone()[0]
        assert n_pages > 0
    reports = sorted(p.name for p in (tmp_path / "data").glob("report-*.html"))
    assert reports == [f"report-{d}.html" for d in DAYS]


def test_missed_nights() -> None:
    now = datetime(2025, 1, 15, 7, 0, tzinfo=UTC)
    week = [(now.date() - timedelta(days=i)).isoformat() for i in range(LOOKBACK_NIGHTS + 1)]
    # all loaded: nothing missed
    assert missed_nights(now, set(week), set()) == []
    # 13 January never loaded; today (deadline 06:00 passed) neither
    loaded = set(week) - {"2025-01-13", "2025-01-15"}
    assert missed_nights(now, loaded, set()) == ["2025-01-13", "2025-01-15"]
    # a run on the way for today is not a miss
    assert missed_nights(now, loaded, {"2025-01-15"}) == ["2025-01-13"]
    # before the deadline, tonight is not missed yet
    early = datetime(2025, 1, 15, 5, 0, tzinfo=UTC)
    assert missed_nights(early, loaded, set()) == ["2025-01-13"]
    # older than the lookback: a backfill decision, not reported
    assert missed_nights(now, set(week) - {"2025-01-01"}, set()) == []
