"""Validity period: validFrom / validUntil (VCDM 2.0), issuanceDate / expirationDate (VCDM 1.1).

These are data model rules only: a credential that is not yet valid, or no longer valid, at
``--now`` still conforms (the W3C suite's validFrom in the year 4023 is a conforming
credential).  Profiles that judge validity at an instant (ob3) do that themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ...parse import json_type
from ...pointer import join
from ...report import Finding
from ...rules import rule
from .common import show, vcdm1, vcdm2

DATETIME = rule(
    "vc.datetime",
    "error",
    "validFrom / validUntil must be dateTimeStamp strings (issuanceDate / expirationDate in 1.1).",
    vcdm2("4.9", "Validity Period", "validity-period"),
    """
    "If present, the value of the validFrom [validUntil] property MUST be a [XMLSCHEMA11-2]
    dateTimeStamp string value": a date and a time with a time zone.  VCDM 1.1 requires an
    [RFC3339] combined date and time (with offset) for issuanceDate and expirationDate.
    PASS: ``"validFrom": "2023-02-25T19:10:39-06:00"``, ``"2023-02-26T01:02:58.447Z"``
    FAIL: ``"validFrom": "Sat 25 Feb 2023 07:16:31 PM CST"``; ``"2023-02-26T01:02:58"`` (no time
    zone); ``"validUntil": 1677374534``.
    """,
)
VALIDITY_PERIOD = rule(
    "vc.validity-period",
    "error",
    "validUntil must not be earlier than validFrom.",
    vcdm2("4.9", "Validity Period", "validity-period"),
    """
    "If a validUntil value also exists, the validFrom value MUST express a datetime that is
    temporally the same or earlier than the datetime expressed by the validUntil value."
    (expirationDate and issuanceDate in VCDM 1.1.)
    PASS: validFrom 2023-02-26T01:21:23Z, validUntil 2023-02-25T19:21:29-06:00 (six seconds later)
    FAIL: validFrom 2030-01-01T00:00:00Z, validUntil 2020-01-01T00:00:00Z.
    """,
)
ISSUANCE_DATE = rule(
    "vc.issuance-date",
    "error",
    "A VCDM 1.1 credential must have an issuanceDate.",
    vcdm1("4.6", "Issuance Date", "issuance-date"),
    """
    "A credential MUST have an issuanceDate property" (VCDM 1.1; VCDM 2.0 replaced it with the
    optional validFrom).
    PASS: ``"issuanceDate": "2010-01-01T19:23:24Z"`` with the 1.1 base context
    FAIL: a credential with ``"@context": ["https://www.w3.org/2018/credentials/v1"]`` and no issuanceDate.
    """,
)

_STAMP = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def parse_stamp(value: str) -> tuple[bool, datetime | None]:
    """(is a dateTimeStamp, its instant or None when Python cannot represent it)."""
    m = _STAMP.match(value)
    if not m:
        return False, None
    _year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if not (1 <= month <= 12 and 1 <= day <= 31 and minute <= 59 and second <= 60):
        return False, None
    if hour > 24 or (hour == 24 and (minute or second)):
        return False, None
    tz = m.group(8)
    if tz != "Z" and (int(tz[1:3]) > 14 or int(tz[4:6]) > 59):
        return False, None
    frac = (m.group(7) or "")[:7]
    text = f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}:{m.group(5)}:{m.group(6)}{frac}"
    try:
        return True, datetime.fromisoformat(text + ("+00:00" if tz == "Z" else tz))
    except ValueError:
        # 24:00:00, a leap second, years beyond 9999: valid XML Schema, not Python datetimes;
        # an impossible day (Feb 30) is no date at all
        if hour == 24 or second == 60 or len(m.group(1).lstrip("-")) > 4:
            return True, None
        return False, None


def validity(
    node: dict[str, Any], ptr: str, v: int, *, jwt_claims: dict[str, Any] | None = None
) -> Iterator[Finding]:
    start_key, end_key = ("validFrom", "validUntil") if v == 2 else ("issuanceDate", "expirationDate")
    spec = None if v == 2 else vcdm1("4.6", "Issuance Date", "issuance-date")
    instants: dict[str, datetime | None] = {}
    for key in (start_key, end_key):
        if key not in node:
            continue
        value = node[key]
        kptr = join(ptr, key)
        if not isinstance(value, str):
            yield DATETIME.finding(
                f"{key} must be a date-time string, not a JSON {json_type(value)}", kptr, spec=spec
            )
            continue
        ok, instant = parse_stamp(value)
        if not ok:
            yield DATETIME.finding(
                f"{key} is not a date and time with a time zone (dateTimeStamp): {show(value)}",
                kptr,
                spec=spec,
                value=value,
            )
            continue
        instants[key] = instant
    if v == 1 and start_key not in node and not (jwt_claims and "nbf" in jwt_claims):
        yield ISSUANCE_DATE.finding("the VCDM 1.1 credential has no issuanceDate", ptr)
    start, end = instants.get(start_key), instants.get(end_key)
    if start is not None and end is not None and end < start:
        yield VALIDITY_PERIOD.finding(
            f"{end_key} ({node[end_key]}) is earlier than {start_key} ({node[start_key]})",
            join(ptr, end_key),
            spec=spec,
        )
