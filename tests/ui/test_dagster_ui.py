"""The Dagster UI as users open it: ``dagster dev`` on a free port, its GraphQL API, the asset graph
page in headless Chromium (screenshot under ``data/screenshots/``)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.ui.chromium import chromium, png_colours, require_chromium

SCREENSHOTS = REPO / "data" / "screenshots"
ASSET_GRAPH_QUERY = """
{
  assetNodes {
    assetKey { path }
    groupName
    isPartitioned
    dependencyKeys { path }
  }
}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(base: str, query: str, timeout: float = 30) -> dict:
    request = urllib.request.Request(
        f"{base}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = json.loads(response.read())
    assert "errors" not in body, body
    return body["data"]


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dagster dev`` (webserver + daemon) on a temporary instance; yields its base URL."""
    tmp = tmp_path_factory.mktemp("dagster_dev")
    home = tmp / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = dict(
        os.environ,
        DAGSTER_HOME=str(home),
        NEWS_WAREHOUSE=str(tmp / "warehouse.duckdb"),
        NEWS_DATA_DIR=str(tmp / "data"),
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp / "dagster_dev.log"
    log = log_path.open("w")
    dagster = str(Path(sys.executable).parent / "dagster")
    process = subprocess.Popen(
        [dagster, "dev", "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # its own process group: `dagster dev` ignores SIGTERM's children otherwise; killed as a group
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, log_path.read_text()[-4000:]
            assert time.monotonic() < deadline, "dagster dev did not answer:\n" + log_path.read_text()[-4000:]
            try:
                # the code location is loaded once the asset graph answers
                if _graphql(base, "{ assetNodes { id } }", timeout=5)["assetNodes"]:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError, AssertionError, KeyError):
                pass
            time.sleep(1)
        # the first-visit "community" dialog would cover the page (what setNuxSeen records)
        _graphql(base, "mutation { setNuxSeen }")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log.close()


def test_asset_graph_over_graphql(dagster_dev: str) -> None:
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    expected = {
        key.to_user_string(): (
            graph.get(key).group_name,
            sorted(p.to_user_string() for p in graph.get(key).parent_keys),
        )
        for key in graph.get_all_asset_keys()
    }
    nodes = _graphql(dagster_dev, ASSET_GRAPH_QUERY)["assetNodes"]
    served = {
        "/".join(n["assetKey"]["path"]): (
            n["groupName"],
            sorted("/".join(d["path"]) for d in n["dependencyKeys"]),
        )
        for n in nodes
    }
    assert served == expected
    # the stages users look for, and the analysis assets at the end of the night
    groups = {group for group, _ in served.values()}
    assert {"ingest", "clean", "syndication", "extract", "analysis"} <= groups
    assert "articles" in served["nightly_report"][1]
    checks = _graphql(
        dagster_dev,
        '{ assetNodeOrError(assetKey: {path: ["articles"]}) { ... on AssetNode { assetChecksOrError {'
        " ... on AssetChecks { checks { name blocking } } } } } }",
    )["assetNodeOrError"]["assetChecksOrError"]["checks"]
    names = {c["name"]: c["blocking"] for c in checks}
    assert names.get("articles_have_pages") is True
    assert names.get("language_distribution_shift") is False


def _page_text(url: str, profile: Path) -> str:
    # --virtual-time-budget lets the single-page app fetch its GraphQL data and lay out the graph
    dom = chromium(["--window-size=1600,1000", "--virtual-time-budget=30000", "--dump-dom", url], profile)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom.stdout))


def _screenshot(url: str, name: str, profile: Path) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / name
    shot.unlink(missing_ok=True)
    chromium(["--window-size=1600,1000", "--virtual-time-budget=30000", f"--screenshot={shot}", url], profile)
    assert shot.exists(), f"no screenshot of {url}"
    assert png_colours(shot) > 30, f"the screenshot of {url} is (nearly) blank"
    return shot


def test_asset_graph_pages_in_chromium(dagster_dev: str, tmp_path: Path) -> None:
    require_chromium()
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    groups: dict[str, list[str]] = {}
    for key in graph.get_all_asset_keys():
        groups.setdefault(graph.get(key).group_name, []).append(key.to_user_string())
    profile = tmp_path / "profile"
    errors = ("Unexpected GraphQL error", "An error occurred", "Something went wrong")

    # the global lineage: every group drawn as a node
    text = _page_text(f"{dagster_dev}/asset-groups", profile)
    assert "Global asset lineage" in text, text[-2000:]
    for group in groups:
        assert group in text, group
    assert not any(e in text for e in errors)
    _screenshot(f"{dagster_dev}/asset-groups", "asset_lineage.png", profile)

    # each group's graph: its assets drawn as nodes, with their upstream assets from other groups
    for group, assets in sorted(groups.items()):
        url = f"{dagster_dev}/locations/pipelines.definitions/asset-groups/{group}"
        text = _page_text(url, profile)
        assert not any(e in text for e in errors), (group, text[-2000:])
        for asset in assets:
            assert asset in text, (group, asset, text[-2000:])
    _screenshot(
        f"{dagster_dev}/locations/pipelines.definitions/asset-groups/analysis",
        "asset_graph_analysis.png",
        profile,
    )
