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

from .client import JSON_TYPES, USER_AGENT, context_fetcher, fetch, fetch_json
from .errors import (
    BAD_URL,
    CONTENT_TYPE,
    DNS,
    NETWORK,
    NOT_FOUND,
    NOT_JSON,
    OFFLINE,
    PRIVATE,
    REDIRECTS,
    SCHEME,
    STATUS,
    TIMEOUT,
    TOO_LARGE,
    FetchError,
    FetchResult,
)
from .resource_map import network_allowed

__all__ = [
    "BAD_URL",
    "CONTENT_TYPE",
    "DNS",
    "JSON_TYPES",
    "NETWORK",
    "NOT_FOUND",
    "NOT_JSON",
    "OFFLINE",
    "PRIVATE",
    "REDIRECTS",
    "SCHEME",
    "STATUS",
    "TIMEOUT",
    "TOO_LARGE",
    "USER_AGENT",
    "FetchError",
    "FetchResult",
    "context_fetcher",
    "fetch",
    "fetch_json",
    "network_allowed",
]
