"""The ``fetch.*`` rules and the errors and results of the fetcher."""

from __future__ import annotations

from dataclasses import dataclass

from ..report import Finding, Severity
from ..rules import Rule, rule

SPEC_SAFE = "mcconform network policy (offline by default; OWASP Server-Side Request Forgery Prevention)"


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

