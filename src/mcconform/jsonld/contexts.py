"""The context documents shipped in ``data/contexts``, pinned by sha256 in ``manifest.json``.

A bundled file whose bytes do not match its pinned hash is refused (:class:`ContextError`);
where the other contexts come from (``--context``, the network) is
:mod:`mcconform.jsonld.registry`'s concern.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


class ContextError(Exception):
    """A context could not be provided; ``url`` names it."""

    def __init__(self, url: str, message: str, unknown: bool = False) -> None:
        super().__init__(message)
        self.url = url
        self.unknown = unknown


@dataclass(frozen=True)
class BundledContext:
    url: str
    file: str
    sha256: str
    spec: str = ""


@cache
def bundled_manifest() -> dict[str, BundledContext]:
    try:
        text = resources.files("mcconform").joinpath("data/contexts/manifest.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    entries = json.loads(text).get("contexts", [])
    return {e["url"]: BundledContext(e["url"], e["file"], e["sha256"], e.get("spec", "")) for e in entries}


@cache
def _bundled_document(file: str, sha256: str) -> Any:
    data = resources.files("mcconform").joinpath("data/contexts", file).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise ContextError(file, f"bundled context {file} does not match its pinned sha256 ({digest})")
    return json.loads(data)


def bundled_context(url: str) -> Any:
    entry = bundled_manifest().get(url)
    if entry is None:
        return None
    return _bundled_document(entry.file, entry.sha256)
