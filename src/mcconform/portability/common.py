"""What every direction shares: the conversion result, deterministic ids and the simple
transforms that mapping rows name (``how = "text"``...)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from ..report import Finding
from .tables import Row, Run

#: the uuid5 namespace of mcconform's converted documents (uuid5(NAMESPACE_URL, "https://mcconform.invalid/convert"))
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mcconform.invalid/convert")

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB3_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]


@dataclass
class Conversion:
    """The converted document (``None`` when nothing could be converted) and the loss report."""

    source: str
    target_format: str
    document: dict[str, Any] | None
    losses: list[Finding] = field(default_factory=list)
    #: the detected kind of the source (``unreadable`` when it could not be read)
    source_kind: str = ""
    #: the target check: findings of the target profiles and how each is explained
    checked: list[Finding] = field(default_factory=list)
    #: target profile name -> verdict
    verdicts: dict[str, str] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return sorted(set(self.losses) | set(self.checked), key=Finding.sort_key)


def new_id(*parts: str) -> str:
    """A reproducible ``urn:uuid:`` from the source ids (uuid5)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, chr(10).join(parts))}"


def text(value: Any, run: Run, row: Row) -> Any:
    """A string as is; a language map / list reduced to one string (approximate)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and value:
        lang = "en" if "en" in value else sorted(value)[0]
        v = value[lang]
        if len(value) > 1:
            run.approx(
                row.src,
                f"{'.'.join(row.src)} has {len(value)} languages; only '{lang}' was carried",
                row.cite,
            )
        return text(v, run, row)
    if isinstance(value, list) and value:
        if len(value) > 1:
            run.approx(
                row.src, f"{'.'.join(row.src)} has {len(value)} values; only the first was carried", row.cite
            )
        return text(value[0], run, row)
    run.lost(row.src, f"{'.'.join(row.src)} is not text; not carried", row.cite)
    return None


def copy(value: Any, run: Run, row: Row) -> Any:
    return value


def datetime(value: Any, run: Run, row: Row) -> Any:
    """An ISO 8601 date-time (OB 2.0 allows a date without time: approximate to midnight UTC;
    OB 1.0 a 10-digit Unix timestamp: the same instant in ISO 8601)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**10:
        import datetime as _dt

        return _dt.datetime.fromtimestamp(value, _dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, str) and value.isdigit() and len(value) == 10:
        return datetime(int(value), run, row)
    if not isinstance(value, str):
        run.lost(row.src, f"{'.'.join(row.src)} is not a date-time string; not carried", row.cite)
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        run.approx(row.src, f"{'.'.join(row.src)} is a date; carried as {value}T00:00:00Z", row.cite)
        return value + "T00:00:00Z"
    return value


def strings(value: Any, run: Run, row: Row) -> Any:
    vals = value if isinstance(value, list) else [value]
    out = [v for v in vals if isinstance(v, str)]
    if len(out) != len(vals):
        run.approx(row.src, f"{'.'.join(row.src)}: values that are not text were not carried", row.cite)
    return out or None


def image(value: Any, run: Run, row: Row) -> Any:
    """OB 2.0 image (IRI, data URI, or ImageObject) -> OB 3.0 Image {id, type, caption}."""
    if isinstance(value, str):
        return {"id": value, "type": "Image"}
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        out: dict[str, Any] = {"id": value["id"], "type": "Image"}
        if isinstance(value.get("caption"), str):
            out["caption"] = value["caption"]
        for k in sorted(set(value) - {"id", "type", "caption", "@context"}):
            run.lost((*row.src, k), f"image {k} has no place in an OB 3.0 Image; not carried", row.cite)
        return out
    run.lost(row.src, f"{'.'.join(row.src)} is not an image IRI or object; not carried", row.cite)
    return None
