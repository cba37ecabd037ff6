"""OB 0.5 / 1.0 / 1.1 documents, read with 2.0 semantics."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any


def upgrade_legacy(data: dict[str, Any], now: datetime) -> tuple[dict[str, Any], list[str]]:
    """An OB 1.0 / 1.1 / 0.5 assertion read as OB 2.0; returns (assertion, notes)."""
    a = dict(data)
    notes: list[str] = []
    verify = a.pop("verify", None)
    if isinstance(verify, dict):
        vtype = verify.get("type")
        a.setdefault("verification", {"type": vtype} if vtype else {})
        if vtype == "hosted" and isinstance(verify.get("url"), str):
            a.setdefault("id", verify["url"])
        notes.append("'verify' read as 'verification'")
    a.setdefault("type", "Assertion")
    if "issuedOn" not in a and "issued_on" in a:
        a["issuedOn"] = a.pop("issued_on")
    issued = a.get("issuedOn")
    if isinstance(issued, int | float) and not isinstance(issued, bool):
        try:
            a["issuedOn"] = datetime.fromtimestamp(issued, UTC).isoformat()
            notes.append("Unix timestamp issuedOn read as a date-time")
        except (OverflowError, OSError, ValueError):  # out of range: left as is, the schema says so
            pass
    elif isinstance(issued, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", issued):
        a["issuedOn"] = issued + "T00:00:00+00:00"
    recipient = a.get("recipient")
    if isinstance(recipient, str):  # OB 0.5 / 1.0 plain recipient with top-level salt
        hashed = recipient.startswith(("sha256$", "md5$"))
        a["recipient"] = {"type": "email", "hashed": hashed, "identity": recipient}
        if isinstance(a.get("salt"), str):
            a["recipient"]["salt"] = a["salt"]
        notes.append("plain 'recipient' read as an email IdentityObject")
    return a, notes
