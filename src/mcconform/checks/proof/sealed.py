"""Sealed European Digital Credentials: the JAdES / JWS JSON seal of the envelope, verified by
:mod:`mcconform.trust.seal` (against ``--trust-anchor`` when given), reported as ``seal.*``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document
from ...report import Finding
from ...trust import seal
from ...trust.dataintegrity import Issue
from .. import CheckContext
from .rules import NOT_CHECKED, SEAL_CHAIN, to_finding


def sealed_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from ...parse import UNREADABLE, parse_json

    envelope = parse_json(doc.text, ctx.options.limits, []) if doc.text is not None else UNREADABLE
    if not isinstance(envelope, dict):
        yield NOT_CHECKED.finding("the sealed envelope is not available to verify the seal", "")
        return
    anchors = None
    path = getattr(ctx.options, "trust_anchor", None)
    if path:
        try:
            anchors = seal.load_anchors(str(path))
        except (OSError, ValueError) as e:
            yield SEAL_CHAIN.finding(f"the trust anchor {path} cannot be read: {e}", "")
            return
    for issue in seal.verify_sealed(envelope, anchors, ctx.options.now):
        # pointers of seal issues are in the envelope; the report's pointers are in the payload
        parts = issue.pointer.split("/")
        where = (
            f"signatures[{parts[2]}]" if len(parts) > 2 and parts[1] == "signatures" else issue.pointer[1:]
        )
        yield to_finding(Issue(issue.rule, f"{where}: {issue.message}" if where else issue.message, ""))
