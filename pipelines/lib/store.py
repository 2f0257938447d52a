"""Content-addressed store of raw page bodies under ``NEWS_DATA_DIR/raw``.

A body is stored once, gzip-compressed, at ``raw/<sha1[:2]>/<sha1>.gz``: no path is derived
from URL text, and re-extraction never needs a re-fetch.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path


class RawStore:
    """Write-once store of page bodies keyed by their SHA-1."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha1: str) -> Path:
        return self.root / sha1[:2] / f"{sha1}.gz"

    def put(self, body: bytes) -> str:
        """Store ``body`` (idempotent) and return its SHA-1."""
        sha1 = hashlib.sha1(body).hexdigest()
        path = self.path_for(sha1)
        if path.exists():
            return sha1
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file and rename, so a killed run never leaves half a body.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(gzip.compress(body, compresslevel=6, mtime=0))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha1

    def get(self, sha1: str) -> bytes:
        """The body stored under ``sha1``; ``FileNotFoundError`` if it was never stored."""
        return gzip.decompress(self.path_for(sha1).read_bytes())

    def has(self, sha1: str) -> bool:
        return self.path_for(sha1).exists()
