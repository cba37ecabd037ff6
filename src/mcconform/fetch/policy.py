"""The network policy: which addresses may be reached (the SSRF guard: every address a
host resolves to must be public unless ``--allow-private-network``) and which media types
are taken."""

from __future__ import annotations

import concurrent.futures
import ipaddress
import socket
from urllib.parse import urlsplit

from ..options import Options
from .errors import FetchError


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

