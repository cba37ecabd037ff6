"""The on-disk HTTP cache of ``--online`` fetches (revalidated with ETag / Last-Modified)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..options import Options


def _cache_dir(options: Options) -> Path | None:
    if options.cache_dir == "":
        return None
    if options.cache_dir:
        return Path(options.cache_dir)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mcconform"


def _cache_key(url: str, accept: str | None) -> str:
    return hashlib.sha256(f"{url}\n{accept or ''}".encode()).hexdigest()


def _cache_read(directory: Path | None, key: str, limit: int) -> tuple[dict[str, Any], bytes] | None:
    if directory is None:
        return None
    try:
        meta = json.loads((directory / f"{key}.json").read_text("utf-8"))
        body_path = directory / f"{key}.body"
        if body_path.stat().st_size > limit:
            return None
        body = body_path.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
        return None
    return meta, body


def _cache_write(directory: Path | None, key: str, meta: dict[str, Any], body: bytes) -> None:
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        meta = {**meta, "sha256": hashlib.sha256(body).hexdigest()}
        for suffix, data in ((".body", body), (".json", json.dumps(meta, sort_keys=True).encode())):
            tmp = directory / f".{key}{suffix}.{os.getpid()}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, directory / f"{key}{suffix}")
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error

