"""Options of one run, shared by every check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from .limits import DEFAULT_LIMITS, Limits


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
