"""Headless Chromium for the browser tests (Debian's ``chromium``; ``.ci/run`` installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def require_chromium() -> str:
    """The chromium binary, or skip the calling test with the reason."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium): browser test skipped")
    return path


def chromium(args: list[str], profile: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run headless chromium with a throwaway profile; stdout is what --dump-dom printed."""
    binary = require_chromium()
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def png_colours(path: Path) -> int:
    """Distinct colours in a screenshot (a blank or error page has a handful)."""
    from matplotlib import image

    pixels = image.imread(str(path))
    flat = (pixels[..., :3] * 255).astype("uint8").reshape(-1, 3)
    return len({tuple(p) for p in flat[:: max(1, len(flat) // 200_000)]})
