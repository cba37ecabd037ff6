"""Value tests of the OB 2.0 data model: IRIs, URLs, texts, date-times, identity hashes."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ...detect import (
    as_list,
)
from ..ob3.values import is_uri, parse_datetime
from .model import TYPE_ALIASES
from .rules import OBI

_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


_TEL = re.compile(r"^\+?[1-9]\d{1,14}$")


_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


_DATA_URI = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?((?:;[\w.+-]+=[^;,]*)*)(;base64)?,(.*)$", re.DOTALL)


def short_type(value: str) -> str:
    for prefix in (OBI, "obi:", "schema:", "http://schema.org/", "https://schema.org/", "sec:"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return TYPE_ALIASES.get(value, value)


def types_of(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    return [t for t in as_list(node.get("type", node.get("@type"))) if isinstance(t, str)]


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith("_:") or is_uri(value))


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get("@value"), str))


def parse_dt(value: Any) -> tuple[datetime | None, str | None]:
    """(instant, problem) of an OB 2.0 DateTime (ISO 8601; seconds may be omitted)."""
    if not isinstance(value, str):
        return None, "is not a string"
    text = value
    m = re.match(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|z|[+-]\d{2}:?\d{2})?$", text)
    if m:  # 2017-10-01T00:00Z (no seconds): ISO 8601 allows it
        text = m.group(1) + ":00" + (m.group(2) or "")
    instant, ok, tz = parse_datetime(text)
    if not ok:
        try:
            instant = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None, "is not an ISO 8601 date-time"
        tz = instant.tzinfo is not None
    if instant is not None and instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant, None if tz else "no-tz"


def identity_hash(identifier: str, salt: str, alg: str) -> str:
    h = hashlib.new(alg, (identifier + salt).encode("utf-8")).hexdigest()
    return f"{alg}${h}"


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).netloc or None
    except ValueError:
        return None


def _verification_type(node: dict[str, Any]) -> str | None:
    v = node.get("verification")
    if isinstance(v, dict):
        t = v.get("type")
        for x in as_list(t):
            if isinstance(x, str):
                return short_type(x)
    return None


def _same_url(url: str) -> str:
    """A URL without fragment, with http and https taken as one (an upgrade is no alias)."""
    url = url.split("#", 1)[0]
    return url[len("https://") :] if url.startswith("https://") else url.removeprefix("http://")


def _short(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."
