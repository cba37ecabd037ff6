"""Fetching hosted documents, safely: resource map, offline policy, SSRF guard, cache.

Every network access of mcconform goes through :func:`fetch`:

1. a URL under a ``--resource-map URL_PREFIX=DIR`` prefix is served from the file of the same
   relative path under DIR (offline, reproducible; no network at all);
2. otherwise the network must be allowed (``--online``; a URL given as an input turns it on
   for that input only), else :class:`FetchError` with rule ``fetch.offline``;
3. only ``http`` and ``https`` URLs are fetched; the host is resolved and **every** address
   it resolves to must be public (no private, loopback, link-local, multicast, reserved or
   unspecified address, IPv4-mapped ones included) unless ``--allow-private-network``; the
   connection then goes to the checked address (no second DNS lookup a rebinding attacker
   could answer differently), with the original host name for ``Host`` and TLS SNI /
   certificate checks;
4. redirects are followed by hand, at most ``fetch_max_redirects``, each hop re-checked as in 3;
5. connect and read timeouts plus an overall deadline; the body is streamed and the transfer
   is abandoned as soon as it passes the size cap (``Content-Length`` is checked first);
6. the caller may require a media type (``accept``), checked against ``Content-Type``;
7. successful responses carrying ``ETag`` / ``Last-Modified`` are kept in an on-disk cache
   (``cache_dir`` option, default ``$XDG_CACHE_HOME/mcconform``) and revalidated with
   ``If-None-Match`` / ``If-Modified-Since`` on the next run (``304`` serves the cached copy).

Failures raise :class:`FetchError`, whose ``rule`` is one of the ``fetch.*`` rules declared
here; :meth:`FetchError.finding` turns it into a finding at a pointer.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import ipaddress
import json
import mimetypes
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from .options import Options
from .report import Finding, Severity
from .rules import Rule, rule

SPEC_SAFE = "mcconform network policy (offline by default; OWASP Server-Side Request Forgery Prevention)"
USER_AGENT = "mcconform (conformance checker; +https://pypi.org/project/mcconform/)"

OFFLINE = rule(
    "fetch.offline",
    "info",
    "A hosted document was needed but the network is off.",
    "mcconform offline policy (--online, --resource-map)",
    """
    mcconform never uses the network unless you allow it: with ``--online``, or for a URL
    given as an input (for that input only).  ``--resource-map URL_PREFIX=DIR`` serves hosted
    documents from local files instead, offline and reproducibly.  What needed the document
    is then reported as not checked (the profile verdict becomes cantTell), never as passed.
    """,
)
BAD_URL = rule(
    "fetch.bad-url",
    "error",
    "The URL cannot be fetched: it is malformed or has no host.",
    "RFC 3986 (URI Generic Syntax)",
    "PASS: ``https://example.org/badge.json``  FAIL: ``https:///badge.json``, ``not a url``",
)
SCHEME = rule(
    "fetch.scheme",
    "error",
    "Only http and https URLs are fetched.",
    SPEC_SAFE,
    """
    Hosted Open Badges documents live at HTTP(S) URLs.  Other schemes (``file:``, ``ftp:``,
    ``gopher:``...) are never fetched: they would let a document read local files or reach
    other services.  FAIL: ``file:///etc/passwd``
    """,
)
PRIVATE = rule(
    "fetch.private-address",
    "error",
    "The URL's host is a private, loopback, link-local or reserved address.",
    SPEC_SAFE,
    """
    A document under check could point mcconform at the machine it runs on or at the local
    network (cloud metadata at 169.254.169.254, admin interfaces on 10.x / 192.168.x,
    services on 127.0.0.1).  mcconform resolves the host, refuses it if **any** of its
    addresses is not public, connects to the address it checked, and checks every redirect
    the same way.  ``--allow-private-network`` lifts the restriction (an intranet badge server).
    FAIL: ``http://127.0.0.1/``, ``http://169.254.169.254/latest/meta-data/``, a redirect to
    ``http://10.0.0.1/``.
    """,
)
DNS = rule(
    "fetch.dns",
    "error",
    "The URL's host name cannot be resolved.",
    "RFC 1034 / RFC 1035 (Domain Name System)",
    "The host has no address (a typo in the URL, or the domain no longer exists).",
)
NETWORK = rule(
    "fetch.network",
    "error",
    "The connection to the host failed.",
    "RFC 9110 (HTTP Semantics)",
    "The host refused the connection, reset it, or its TLS certificate is not valid for it.",
)
TIMEOUT = rule(
    "fetch.timeout",
    "error",
    "The host was too slow to answer.",
    SPEC_SAFE,
    """
    A fetch has a connect timeout, a read timeout and an overall deadline (5, 10 and 30
    seconds by default), so that a slow or stalled server cannot hold the check up.
    """,
)
TOO_LARGE = rule(
    "fetch.too-large",
    "error",
    "The hosted document is larger than the size cap.",
    SPEC_SAFE,
    """
    Hosted documents are read with a size cap (5 MB by default); the transfer is abandoned as
    soon as the body passes it, so an endless or huge body cannot exhaust memory.
    """,
)
REDIRECTS = rule(
    "fetch.too-many-redirects",
    "error",
    "The URL redirects too many times.",
    "RFC 9110 section 15.4 (Redirection 3xx)",
    "At most 5 redirects are followed (each one is checked like the original URL).",
)
STATUS = rule(
    "fetch.http-status",
    "error",
    "The host answered with an HTTP error.",
    "RFC 9110 section 15 (Status Codes)",
    "Hosted documents must be served with status 200.  FAIL: 500, 403.",
)
NOT_FOUND = rule(
    "fetch.not-found",
    "error",
    "The hosted document does not exist.",
    "RFC 9110 section 15.5.5 (404 Not Found)",
    """
    The host answered 404 or 410, or, for a URL under a ``--resource-map`` prefix, there is no
    file of that name in the mapped directory.
    """,
)
CONTENT_TYPE = rule(
    "fetch.content-type",
    "error",
    "The hosted document has the wrong media type.",
    "RFC 9110 section 8.3 (Content-Type)",
    """
    Where a kind of document is expected (JSON for an Open Badges document, an image for a
    badge image), the ``Content-Type`` of the answer must be one of the acceptable types.
    FAIL: ``text/html`` (a login page) where ``application/ld+json`` is expected.
    """,
)
NOT_JSON = rule(
    "fetch.not-json",
    "error",
    "The hosted document is not JSON.",
    "RFC 8259 (JSON)",
    "A hosted Open Badges document or JSON-LD context must be a JSON document.",
)

_RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        OFFLINE,
        BAD_URL,
        SCHEME,
        PRIVATE,
        DNS,
        NETWORK,
        TIMEOUT,
        TOO_LARGE,
        REDIRECTS,
        STATUS,
        NOT_FOUND,
        CONTENT_TYPE,
        NOT_JSON,
    )
}

JSON_TYPES = "application/ld+json, application/json"


class FetchError(Exception):
    """A URL could not be fetched; ``rule`` is a ``fetch.*`` rule id, ``url`` the URL."""

    def __init__(self, rule: str, url: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.url = url
        self.message = message

    def finding(self, pointer: str = "", *, severity: Severity | None = None) -> Finding:
        """The finding of this error's rule, at ``pointer``."""
        return _RULES.get(self.rule, NETWORK).finding(self.message, pointer, severity=severity)


@dataclass(frozen=True)
class FetchResult:
    url: str  # final URL after redirects
    content: bytes
    content_type: str | None
    from_cache: bool
    from_resource_map: bool


# --- resource map -----------------------------------------------------------------------


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


# --- media types ------------------------------------------------------------------------


def _media(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _check_type(url: str, content_type: str | None, accept: str | None) -> None:
    if not accept or content_type is None:
        return
    got = _media(content_type)
    wanted = [_media(a) for a in accept.split(",") if _media(a)]
    for w in wanted:
        if w in ("*/*", got):
            return
        if w.endswith("/*") and got.startswith(w[:-1]):
            return
        if w == "application/json" and got.endswith("+json"):
            return
    raise FetchError("fetch.content-type", url, f"{url}: served as {got!r}, expected {accept}")


# --- address checks ---------------------------------------------------------------------

_RESOLVER = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="mcconform-dns")


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None and not _public(mapped):
            return False
        if ip.teredo is not None:
            return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _resolve(url: str, host: str, port: int, timeout: float) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    future = _RESOLVER.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=max(timeout, 0.1))
    except concurrent.futures.TimeoutError:
        raise FetchError("fetch.timeout", url, f"{url}: resolving {host} took too long") from None
    except (OSError, UnicodeError) as e:
        raise FetchError("fetch.dns", url, f"{url}: cannot resolve {host}: {e}") from None
    addresses: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        if addr not in addresses:
            addresses.append(addr)
    if not addresses:
        raise FetchError("fetch.dns", url, f"{url}: {host} has no address")
    return addresses


def _checked_address(url: str, options: Options, timeout: float) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for ``url``, refusing non-public hosts."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise FetchError("fetch.bad-url", url, f"{url}: {e}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("fetch.scheme", url, f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchError("fetch.bad-url", url, f"{url}: the URL has no host")
    port = port or (443 if scheme == "https" else 80)
    addresses = _resolve(url, host, port, timeout)
    if not options.allow_private_network:
        bad = [a for a in addresses if not _public(ipaddress.ip_address(a))]
        if bad:
            raise FetchError(
                "fetch.private-address",
                url,
                f"{url}: {host} resolves to {', '.join(bad)}, a private, loopback, link-local or "
                "reserved address (--allow-private-network lifts this)",
            )
    return scheme, host, port, addresses[0]


# --- cache ------------------------------------------------------------------------------


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


# --- HTTP -------------------------------------------------------------------------------


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
    from .parse import UNREADABLE, decode_bytes, parse_json

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
        from .jsonld import ContextError

        if not network_allowed(url, options):
            raise ContextError(url, f"unknown context {url}", unknown=True)
        try:
            return fetch_json(url, options)
        except FetchError as e:
            raise ContextError(url, f"cannot fetch context {url}: {e.message}") from None

    return load
