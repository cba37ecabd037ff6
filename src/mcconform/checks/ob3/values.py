"""Readers of OB 3.0 values: URIs, type values, XML Schema date-times, the VC version a
credential's ``@context`` names, and severity settings of the profile.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...detect import as_list
from ...report import Severity
from .model import VC1, VC2

_SEVERITIES = ("error", "warning", "info")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
_DATETIME = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})?$")


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and bool(_URI.match(value))


def types_of(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    return [t for t in as_list(node.get("type")) if isinstance(t, str)]


def parse_datetime(value: str) -> tuple[datetime | None, bool, bool]:
    """(instant, well-formed, has time zone).  The instant is None when out of range."""
    m = _DATETIME.match(value)
    if not m:
        return None, False, False
    tz = m.group(8)
    frac = (m.group(7) or "")[:7]
    text = f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}:{m.group(5)}:{m.group(6)}{frac}"
    if tz in (None, "Z", "z"):
        text += "+00:00"
    else:
        text += tz
    try:
        return datetime.fromisoformat(text), True, tz is not None
    except ValueError:
        # 24:00:00, leap seconds and years outside 1..9999 are valid xsd but not Python datetimes
        if m.group(4) == "24" or m.group(6) == "60" or len(m.group(1).lstrip("-")) > 4:
            return None, True, tz is not None
        return None, False, tz is not None


def vc_version(cred: dict[str, Any]) -> int | None:
    """2 for a VC 2.0 credential, 1 for VC 1.1, None when no VC context is named."""
    contexts = [c for c in as_list(cred.get("@context")) if isinstance(c, str)]
    if VC2 in contexts:
        return 2
    if VC1 in contexts:
        return 1
    return None


def severity_setting(value: Any, default: Severity) -> Severity | None:
    if value == "ignore":
        return None
    return value if value in _SEVERITIES else default
