"""Options of one run, shared by every check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from .limits import DEFAULT_LIMITS, Limits
from .selection import Selection


def parse_now(value: datetime | str | None) -> datetime:
    """``--now`` / ``Options(now=...)``: a datetime, or an ISO 8601 string (``Z`` allowed; no
    zone means UTC); None is the clock.  ValueError for anything else."""
    if value is None or value == "":
        return datetime.now(UTC)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"now expects an ISO 8601 date-time, got {value!r}") from None
    if not isinstance(value, datetime):
        raise ValueError(f"now expects a datetime or an ISO 8601 string, got {type(value).__name__}")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass
class Options:
    #: the instant against which validity periods are judged (``--now``; default: the clock)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    online: bool = False
    allow_private_network: bool = False
    #: context URL -> local file supplied with ``--context URL=FILE``
    contexts: dict[str, str] = field(default_factory=dict)
    #: extra SHACL files supplied with ``--shapes FILE``
    shapes: list[str] = field(default_factory=list)
    #: URL prefix -> local directory (``--resource-map``)
    resource_map: dict[str, str] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS
    #: the fast path (JSON-LD templates per document shape, the compiled SHACL engine as a
    #: pre-check); False runs the reference path only (pyld and pyshacl on every document)
    fast: bool = True
    #: ``--recipient TYPE:VALUE`` (``email:ann@example.org``, ``url:...``, ``telephone:...``):
    #: the identity an OB 2.0 recipient hash is verified against
    recipient: str | None = None
    #: on-disk HTTP cache (default ``$XDG_CACHE_HOME/mcconform``); ``""`` turns caching off
    cache_dir: str | None = None
    #: fetch limits (see ``mcconform.fetch``): connect / read timeouts and an overall deadline in
    #: seconds, largest body in bytes, most redirects followed
    fetch_connect_timeout: float = 5.0
    fetch_read_timeout: float = 10.0
    fetch_deadline: float = 30.0
    fetch_max_bytes: int = 5 * 1024 * 1024
    fetch_max_redirects: int = 5
    #: ``--trust-anchor FILE``: PEM certificate(s) a sealed EDC's x5c chain must lead to
    trust_anchor: str | None = None
    #: which findings count (``--select`` / ``--ignore`` / overrides / ``--baseline``, see
    #: :mod:`mcconform.selection`); None: every finding
    selection: Selection | None = None
    #: find each finding's line and column in the source (what the CLI does for SARIF, JUnit,
    #: EARL, Markdown, HTML and github), so that :func:`mcconform.render` gives the CLI's bytes
    locate: bool = False

    def __post_init__(self) -> None:
        # the API accepts what the CLI accepts: now="2026-01-01T00:00:00Z"
        self.now = parse_now(self.now)
