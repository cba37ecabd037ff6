"""The ``@context`` of OB 3.0 documents: the VC context first, then an OB 3.0 context
(rules ob3.context-order, ob3.context-version, ob3.vc11-context).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...pointer import join
from ...report import Finding
from .. import CheckContext
from .model import OB3_CONTEXT, OB3_CONTEXT_ALIASES, OB3_CONTEXT_VERSIONED, VC1, VC2
from .rules import CONTEXT_ORDER, CONTEXT_VERSION, VC11
from .values import severity_setting


def context_findings(
    cred: dict[str, Any], base: str, credential: bool, ctx: CheckContext
) -> Iterator[Finding]:
    raw = cred.get("@context")
    if raw is None:
        return  # jsonld.missing-context
    entries = raw if isinstance(raw, list) else [raw]

    def ptr(i: int) -> str:
        return join(base, "@context", i) if isinstance(raw, list) else join(base, "@context")

    def ob_status(value: Any) -> str:
        if value == OB3_CONTEXT:
            return "current"
        if isinstance(value, str) and (
            value in OB3_CONTEXT_ALIASES or OB3_CONTEXT_VERSIONED.fullmatch(value)
        ):
            return "older"
        return "no"

    if not credential:
        found = [(i, e) for i, e in enumerate(entries) if ob_status(e) != "no"]
        if not found:
            yield CONTEXT_ORDER.finding(
                f"no OB 3.0 context ({OB3_CONTEXT}) in @context", join(base, "@context")
            )
            return
        i, e = found[0]
        if ob_status(e) == "older":
            yield CONTEXT_VERSION.finding(f"OB 3.0 context {e} instead of {OB3_CONTEXT}", ptr(i), value=e)
        return
    first = entries[0] if entries else None
    if first not in (VC1, VC2):
        where = next((i for i, e in enumerate(entries) if e in (VC1, VC2)), None)
        if where is None:
            msg = f"the first @context entry must be the VC context {VC2}; it is missing"
        else:
            msg = f"the VC context {entries[where]} must come first in @context, not at position {where + 1}"
        yield CONTEXT_ORDER.finding(msg, ptr(0), value=first if isinstance(first, str) else None)
        return
    if first == VC1:
        sev = severity_setting(ctx.setting("vc11_context", "warning"), "warning")
        if sev is not None:
            yield VC11.finding(
                f"VC Data Model 1.1 context {VC1}; OB 3.0 now uses {VC2} (validFrom/validUntil)",
                ptr(0),
                severity=sev,
                value=VC1,
            )
    second = entries[1] if len(entries) > 1 else None
    status = ob_status(second)
    if status == "no":
        where = next((i for i, e in enumerate(entries) if ob_status(e) != "no"), None)
        if second is None:
            msg = f"the second @context entry must be the OB 3.0 context {OB3_CONTEXT}; it is missing"
            yield CONTEXT_ORDER.finding(msg, join(base, "@context"))
            return
        if where is None:
            msg = f"the second @context entry must be the OB 3.0 context {OB3_CONTEXT}, not {second!s:.120}"
        else:
            msg = f"the OB 3.0 context must be the second @context entry, not at position {where + 1}"
        yield CONTEXT_ORDER.finding(msg, ptr(1), value=second if isinstance(second, str) else None)
    elif status == "older":
        yield CONTEXT_VERSION.finding(
            f"OB 3.0 context {second} instead of {OB3_CONTEXT}", ptr(1), value=second
        )
