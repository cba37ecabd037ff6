"""What every module of the ``vc`` family shares: base contexts, versions, clauses, URL values."""

from __future__ import annotations

import re
from typing import Any

from ...parse import json_type

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
BASE_CONTEXTS = (VC1, VC2)

VCDM2_URL = "https://www.w3.org/TR/vc-data-model-2.0/"
VCDM1_URL = "https://www.w3.org/TR/vc-data-model-1.1/"

#: an absolute URL (RFC 3986 scheme ":" and no white space): did:, urn:, https: ...
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*[^\s:]$")


def vcdm2(section: str, name: str, anchor: str) -> str:
    """The citation of a VCDM 2.0 clause, e.g. ``VCDM 2.0 §4.7 Issuer (https://...#issuer)``."""
    return f"VCDM 2.0 §{section} {name} ({VCDM2_URL}#{anchor})"


def vcdm1(section: str, name: str, anchor: str) -> str:
    return f"VCDM 1.1 §{section} {name} ({VCDM1_URL}#{anchor})"


def is_url(value: Any) -> bool:
    """A single absolute URL (the data model's "URL": an IRI with a scheme)."""
    return isinstance(value, str) and bool(_URL.match(value))


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def version(doc: dict[str, Any]) -> int:
    """1 or 2: the data model version, from the first @context entry (else any base context;
    VCDM 2.0 when none is named)."""
    entries = as_list(doc.get("@context"))
    if entries and entries[0] in BASE_CONTEXTS:
        return 1 if entries[0] == VC1 else 2
    if VC1 in entries and VC2 not in entries:
        return 1
    return 2


def show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def show_or_type(value: Any) -> str:
    """A string value as :func:`show` shows it; any other value as its JSON type ("a JSON number")."""
    return show(value) if isinstance(value, str) else f"a JSON {json_type(value)}"
