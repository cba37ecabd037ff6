"""``--resource-map URL_PREFIX=DIR``: hosted documents served from local files, offline."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote

from ..options import Options
from .errors import FetchError, FetchResult
from .policy import _check_type


def _map_lookup(url: str, options: Options) -> tuple[str, str] | None:
    """(prefix, directory) of the longest ``--resource-map`` prefix ``url`` starts with."""
    best: tuple[str, str] | None = None
    for prefix, directory in options.resource_map.items():
        if url.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, directory)
    return best


def network_allowed(url: str, options: Options) -> bool:
    """Whether :func:`fetch` may serve ``url``: a resource map hit, or the network is on."""
    return _map_lookup(url, options) is not None or options.online


def _from_map(url: str, prefix: str, directory: str, accept: str | None, limit: int) -> FetchResult:
    rest = unquote(url[len(prefix) :].split("#", 1)[0].split("?", 1)[0])
    root = Path(directory).resolve()
    target = (root / rest.lstrip("/")).resolve()
    if not rest.strip("/") or not target.is_relative_to(root) or not target.is_file():
        raise FetchError(
            "fetch.not-found", url, f"{url}: no file {rest!r} under the resource map directory {directory}"
        )
    try:
        size = target.stat().st_size
        if size > limit:
            raise FetchError("fetch.too-large", url, f"{url}: {size} bytes, the limit is {limit}")
        content = target.read_bytes()
    except OSError as e:
        raise FetchError("fetch.not-found", url, f"{url}: cannot read {target}: {e.strerror or e}") from None
    ctype = _guess_type(target.name)
    _check_type(url, ctype, accept)
    return FetchResult(url, content, ctype, from_cache=False, from_resource_map=True)


def _guess_type(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".jsonld"):
        return "application/ld+json"
    if lower.endswith(".json"):
        return "application/json"
    if lower.endswith(".jwt"):
        return "application/jwt"
    return mimetypes.guess_type(name)[0]

