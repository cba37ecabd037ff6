"""The validity period of OB 3.0 credentials: ``validFrom``/``validUntil`` (VC 2.0) or
``issuanceDate``/``expirationDate`` (VC 1.1), their form, and their instants against ``--now``
(rules ob3.valid-from, ob3.datetime, ob3.not-yet-valid, ob3.expired, ob3.validity-period).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from ...pointer import join
from ...report import Finding, Severity
from .rules import DATETIME, EXPIRED, NOT_YET_VALID, VALID_FROM, VALIDITY_PERIOD
from .values import parse_datetime, vc_version


def validity_findings(
    cred: dict[str, Any], base: str, embedded: bool, now: datetime, skew: timedelta
) -> Iterator[Finding]:
    """The validity period of a credential (or an embedded endorsement) against ``now``."""
    version = vc_version(cred)
    if version == 1 or (version is None and "issuanceDate" in cred and "validFrom" not in cred):
        start_key, end_key, v = "issuanceDate", "expirationDate", 1
    else:
        start_key, end_key, v = "validFrom", "validUntil", 2
    other = "validFrom" if v == 1 else "issuanceDate"
    instants: dict[str, datetime | None] = {}
    for key in (start_key, end_key):
        if key not in cred:
            continue
        value = cred[key]
        ptr = join(base, key)
        if not isinstance(value, str):
            yield DATETIME.finding(f"{key} must be a date-time string", ptr)
            instants[key] = None
            continue
        instant, ok, has_tz = parse_datetime(value)
        if not ok:
            yield DATETIME.finding(f"{key} is not an XML Schema dateTime: {value!s:.60}", ptr, value=value)
        elif not has_tz:
            yield DATETIME.finding(
                f"{key} has no time zone (VC 2.0 requires a dateTimeStamp, e.g. {value}Z)"
                if v == 2
                else f"{key} has no time zone; read as UTC",
                ptr,
                severity="error" if v == 2 else "warning",
                value=value,
            )
        instants[key] = instant
    if start_key not in cred:
        extra = f" ({other} is the VC {'2.0' if v == 1 else '1.1'} name)" if other in cred else ""
    what = "the endorsement" if embedded else "the credential"
    if start_key not in cred:
        extra = f" ({other} is the VC {'2.0' if v == 1 else '1.1'} name)" if other in cred else ""
        yield VALID_FROM.finding(f"{what} has no {start_key}{extra}", base)
    start, end = instants.get(start_key), instants.get(end_key)
    time_sev: Severity = "warning" if embedded else "error"
    if start is not None and start > now + skew:
        yield NOT_YET_VALID.finding(
            f"{what} is not valid before {cred[start_key]} ({start_key})",
            join(base, start_key),
            severity=time_sev,
        )
    if end is not None and end < now - skew:
        yield EXPIRED.finding(
            f"{what} expired at {cred[end_key]} ({end_key})", join(base, end_key), severity=time_sev
        )
    if start is not None and end is not None and end < start:
        yield VALIDITY_PERIOD.finding(
            f"{end_key} ({cred[end_key]}) is earlier than {start_key} ({cred[start_key]})",
            join(base, end_key),
        )
