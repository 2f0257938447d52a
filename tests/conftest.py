"""Shared fixtures: the ../shared folder, loopback HTTP servers, temporary warehouses."""

from __future__ import annotations

import http.server
import os
import socketserver
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = (REPO / ".." / "shared").resolve()
SEED = SHARED / "seed"
CORPUS = SHARED / "corpus"


def require_shared(path: Path = SHARED) -> Path:
    """Skip the calling test, with the reason, when ``../shared`` (or a file in it) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the team's shared fixtures beside the clone")
    return path


def fetch_dicts(conn: Any, sql: str, params: list | None = None) -> list[dict]:
    """The rows of a DuckDB query as dicts by column name (for readable asserts)."""
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def http_server() -> Iterator[Callable[[dict[str, Route]], str]]:
    """Start a real HTTP server on 127.0.0.1 with ``{path: handler}`` routes; yields its base URL."""
    servers: list[_Server] = []

    def start(routes: dict[str, Route]) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404, "not found")
                    return
                route(self)

            def log_message(self, *args: object) -> None:
                pass

        server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def serve_bytes(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> Route:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def redirect_to(location: str, status: int = 302) -> Route:
    """A route answering with a redirect to ``location``."""

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handler


@pytest.fixture
def pipeline_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a pipeline run on a temporary warehouse, data dir and Dagster home."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = dict(os.environ)
    env.update(
        {
            "NEWS_WAREHOUSE": str(tmp_path / "warehouse.duckdb"),
            "NEWS_DATA_DIR": str(tmp_path / "data"),
            "DAGSTER_HOME": str(home),
        }
    )
    return env
