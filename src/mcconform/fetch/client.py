"""The HTTP client: :func:`fetch` under the policy (resource map, offline, SSRF guard,
redirects by hand, timeouts, deadline, size cap, cache) and :func:`fetch_json`."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urljoin

from ..options import Options
from ..report import Finding
from .cache import _cache_dir, _cache_key, _cache_read, _cache_write
from .errors import FetchError, FetchResult
from .policy import _check_type, _checked_address
from .resource_map import _from_map, _map_lookup, network_allowed

USER_AGENT = "mcconform (conformance checker; +https://pypi.org/project/mcconform/)"


JSON_TYPES = "application/ld+json, application/json"


def fetch(
    url: str,
    options: Options,
    *,
    accept: str | None = None,
    max_bytes: int | None = None,
    check_type: bool = True,
) -> FetchResult:
    """Fetch ``url`` under mcconform's network policy (see the module docstring).

    ``accept`` is sent as the ``Accept`` header and, unless ``check_type`` is false, the
    answer's ``Content-Type`` must match it.  ``max_bytes`` overrides the size cap.
    """
    limit = max_bytes if max_bytes is not None else options.fetch_max_bytes
    hit = _map_lookup(url, options)
    if hit is not None:
        return _from_map(url, hit[0], hit[1], accept if check_type else None, limit)
    if not options.online:
        raise FetchError(
            "fetch.offline",
            url,
            f"{url} was not fetched: the network is off (use --online, or --resource-map URL_PREFIX=DIR)",
        )
    return _fetch_http(url, options, accept, check_type, limit)


def _fetch_http(url: str, options: Options, accept: str | None, check_type: bool, limit: int) -> FetchResult:
    import httpx

    deadline = time.monotonic() + options.fetch_deadline
    cache_dir = _cache_dir(options)
    key = _cache_key(url, accept)
    cached = _cache_read(cache_dir, key, limit)

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            why = f"{url}: no complete answer within {options.fetch_deadline:g} s"
            raise FetchError("fetch.timeout", url, why)
        return left

    current = url
    hops = 0
    with httpx.Client(trust_env=False, follow_redirects=False, verify=True) as client:
        while True:
            scheme, host, port, address = _checked_address(current, options, remaining())
            left = remaining()
            timeout = httpx.Timeout(
                connect=min(options.fetch_connect_timeout, left),
                read=min(options.fetch_read_timeout, left),
                write=min(options.fetch_read_timeout, left),
                pool=min(options.fetch_connect_timeout, left),
            )
            headers = {"Accept": accept or "*/*", "User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
            default_port = 443 if scheme == "https" else 80
            headers["Host"] = host if port == default_port else f"{host}:{port}"
            if cached is not None:
                meta = cached[0]
                if meta.get("etag"):
                    headers["If-None-Match"] = str(meta["etag"])
                if meta.get("last_modified"):
                    headers["If-Modified-Since"] = str(meta["last_modified"])
            try:
                pinned = httpx.URL(current).copy_with(host=address, port=port)
                request = client.build_request("GET", pinned, headers=headers, timeout=timeout)
                if scheme == "https":
                    request.extensions["sni_hostname"] = host
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                why = f"{current}: the host did not answer in time"
                raise FetchError("fetch.timeout", current, why) from None
            except (httpx.HTTPError, ValueError, OSError) as e:
                raise FetchError("fetch.network", current, f"{current}: {type(e).__name__}: {e}") from None
            try:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        why = f"{current}: redirect without Location"
                        raise FetchError("fetch.http-status", current, why)
                    hops += 1
                    if hops > options.fetch_max_redirects:
                        raise FetchError(
                            "fetch.too-many-redirects",
                            url,
                            f"{url}: more than {options.fetch_max_redirects} redirects",
                        )
                    current = urljoin(current, location)
                    continue
                if status == 304 and cached is not None:
                    meta, body = cached
                    return FetchResult(
                        str(meta.get("url") or current), body, meta.get("content_type"), True, False
                    )
                if status in (404, 410):
                    raise FetchError("fetch.not-found", current, f"{current}: HTTP {status}")
                if status != 200:
                    raise FetchError("fetch.http-status", current, f"{current}: HTTP {status}")
                ctype = response.headers.get("content-type")
                if check_type:
                    _check_type(current, ctype, accept)
                body = _read_body(response, current, limit, remaining)
            finally:
                response.close()
            meta = {
                "url": current,
                "content_type": ctype,
                "etag": response.headers.get("etag"),
                "last_modified": response.headers.get("last-modified"),
            }
            if (meta["etag"] or meta["last_modified"]) and "no-store" not in response.headers.get(
                "cache-control", ""
            ):
                _cache_write(cache_dir, key, meta, body)
            return FetchResult(current, body, ctype, from_cache=False, from_resource_map=False)


def _read_body(response: Any, url: str, limit: int, remaining: Any) -> bytes:
    import httpx

    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        why = f"{url}: Content-Length {declared}, the limit is {limit} bytes"
        raise FetchError("fetch.too-large", url, why)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_raw():  # as received (a chunk_size would buffer past the deadline)
            size += len(chunk)
            if size > limit:
                raise FetchError("fetch.too-large", url, f"{url}: the body is larger than {limit} bytes")
            chunks.append(chunk)
            remaining()
    except httpx.TimeoutException:
        raise FetchError("fetch.timeout", url, f"{url}: the host stopped sending the body") from None
    except httpx.HTTPError as e:
        raise FetchError("fetch.network", url, f"{url}: {type(e).__name__}: {e}") from None
    return b"".join(chunks)


def fetch_json(url: str, options: Options, **kw: Any) -> Any:
    """Fetch ``url`` and parse it as JSON with :mod:`mcconform.parse`'s safe loader.

    Without ``accept`` the request asks for JSON(-LD) but any media type is taken (hosts
    often serve JSON as ``text/plain``); with ``accept`` the media type is checked.
    """
    from ..parse import UNREADABLE, decode_bytes, parse_json

    if "accept" not in kw:
        kw = {**kw, "accept": JSON_TYPES, "check_type": False}
    result = fetch(url, options, **kw)
    findings: list[Finding] = []
    text = decode_bytes(result.content, findings)
    value = UNREADABLE if text is None else parse_json(text, options.limits, findings)
    if value is UNREADABLE:
        why = findings[0].message if findings else "not JSON"
        raise FetchError("fetch.not-json", result.url, f"{result.url}: {why}")
    return value


def context_fetcher(options: Options) -> Any:
    """A ``ContextRegistry`` fetch callable: JSON-LD contexts through :func:`fetch_json`."""

    def load(url: str) -> Any:
        from ..jsonld import ContextError

        if not network_allowed(url, options):
            raise ContextError(url, f"unknown context {url}", unknown=True)
        try:
            return fetch_json(url, options)
        except FetchError as e:
            raise ContextError(url, f"cannot fetch context {url}: {e.message}") from None

    return load

