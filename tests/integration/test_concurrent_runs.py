"""Two runs of different crawl dates at once on one warehouse: neither fails, no row is lost.

DuckDB takes one writing process per file; writers wait for the lock with backoff (and the
instance queue runs one run at a time, which this test deliberately bypasses).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import REPO

DAYS = ("2025-01-14", "2025-01-15")


def test_two_partitions_at_once(pipeline_env: dict[str, str], tmp_path: Path) -> None:
    env = dict(pipeline_env, NEWS_SOURCES=str(REPO / "data" / "sources.yaml"))
    dagster = str(Path(sys.executable).parent / "dagster")
    # A Dagster home is initialised once (as `make` does on first use); two processes creating
    # its SQLite storage at the same instant race on the schema version, which is not our concern.
    subprocess.run([dagster, "instance", "migrate"], cwd=REPO, env=env, check=True, capture_output=True)
    command = [dagster, "asset", "materialize", "-m", "pipelines.definitions", "--select", "*", "--partition"]
    processes = [
        subprocess.Popen(
            [*command, day],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for day in DAYS
    ]
    outputs = [p.communicate(timeout=600)[0] for p in processes]
    for process, output in zip(processes, outputs, strict=True):
        assert process.returncode == 0, output[-4000:]
    with duckdb.connect(env["NEWS_WAREHOUSE"], read_only=True) as conn:
        per_day = dict(
            conn.execute("select crawl_date::varchar, count(*) from articles group by 1").fetchall()
        )
        assert set(per_day) == set(DAYS)
        assert per_day[DAYS[0]] == per_day[DAYS[1]] > 0
        pages = dict(conn.execute("select crawl_date::varchar, count(*) from pages group by 1").fetchall())
        assert pages[DAYS[0]] == pages[DAYS[1]] > 0
        assert conn.execute("select count(*) - count(distinct article_id) from articles").fetchone()[0] == 0
