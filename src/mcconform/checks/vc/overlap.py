"""One defect, one finding, where the vc check and the ob3 check see the same thing.

The vc check is the base layer of an Open Badges 3.0 credential, whose ob3 check was written
before it and reports some data model defects itself (no issuer, an id that is no URI, a
malformed validFrom...).  When both report the same defect at the same JSON Pointer, the report
keeps the vc finding (the base rule, citing the VC data model) and drops the ob3 one; the ob3
profile's own verdict and counts are unchanged, and the dropped rule's id is in the kept
finding's ``also`` (as :mod:`mcconform.dedupe` does for schema and SHACL results).  Run with
the ob3 profile alone (as the 1EdTech parity tests do), the ob3 findings stay as they are.

The other way round for a secured presentation (VC-JOSE-COSE): its enveloped credentials are
judged by ``jose.enveloped-credential``, which asks more of the ``data:`` URL (the media type
of a secured credential) than ``vc.enveloped-credential``.  Where both report the same item's
id, or its type, the jose finding is kept and the vc one dropped; a defect only the vc check
sees (no base ``@context`` on the envelope) stays.

Also: the same finding given by two profiles with different severities (a key the context does
not define: an error for ob3, a warning for vc) is kept once, at the higher severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ...report import SEVERITY_RANK, Finding

#: vc rule -> {ob3 rule: does this ob3 finding report the same defect?}
COVERS: dict[str, dict[str, Callable[[Finding], bool]]] = {
    "vc.context-base": {"ob3.context-order": lambda f: f.pointer.endswith("/@context/0")},
    "vc.type": {"ob3.credential-type": lambda f: '"VerifiableCredential"' in f.message},
    "vc.issuer": {
        "ob3.issuer": lambda f: "has no issuer" in f.message,
        "ob3.id": lambda f: f.pointer.endswith("/issuer/id"),
    },
    "vc.id": {"ob3.id": lambda f: True},
    "vc.subject": {"ob3.subject": lambda f: True},
    "vc.datetime": {"ob3.datetime": lambda f: True},
    "vc.validity-period": {"ob3.validity-period": lambda f: True},
    "vc.type-iri": {"ob3.undefined-type": lambda f: True},
    "vc.issuance-date": {"ob3.valid-from": lambda f: "issuanceDate" in f.message},
}

#: jose rule -> {vc rule: does this vc finding report the defect of the jose finding at this pointer?}
DEFERS: dict[str, dict[str, Callable[[Finding, str], bool]]] = {
    "jose.enveloped-credential": {
        "vc.enveloped-credential": lambda f, at: (
            f.pointer == at and "@context" not in f.message
        )
        or f.pointer == at + "/type"
        or (at.endswith("/id") and f.pointer == at[: -len("/id")] and "data: URL" in f.message),
    },
}


def _deferred(f: Finding, jose_at: dict[str, set[str]]) -> tuple[str, str] | None:
    """(jose rule, pointer) of the jose finding that reports ``f``'s defect, if any."""
    for jose_rule, covered in DEFERS.items():
        if f.rule in covered:
            for at in sorted(jose_at.get(jose_rule, ())):
                if covered[f.rule](f, at):
                    return jose_rule, at
    return None


def fold(findings: Iterable[Finding]) -> list[Finding]:
    items = list(findings)
    best: dict[tuple[str, str, str], int] = {}
    for f in items:
        key = (f.rule, f.pointer, f.message)
        best[key] = max(best.get(key, 0), SEVERITY_RANK[f.severity])
    vc_at = {(f.rule, f.pointer) for f in items if f.rule.startswith("vc.")}
    jose_at: dict[str, set[str]] = {}
    for f in items:
        if f.rule in DEFERS:
            jose_at.setdefault(f.rule, set()).add(f.pointer)
    out = []
    # (rule, pointer) of a kept finding -> the rules of the findings folded into it (its also)
    folded: dict[tuple[str, str], set[str]] = {}
    for f in items:
        if SEVERITY_RANK[f.severity] < best[(f.rule, f.pointer, f.message)]:
            continue
        if f.rule.startswith("ob3."):
            keeper = next(
                (
                    vc_rule
                    for vc_rule, covered in sorted(COVERS.items())
                    if (vc_rule, f.pointer) in vc_at and f.rule in covered and covered[f.rule](f)
                ),
                None,
            )
            if keeper is not None:
                folded.setdefault((keeper, f.pointer), set()).add(f.rule)
                continue
        deferred = _deferred(f, jose_at) if f.rule.startswith("vc.") else None
        if deferred is not None:
            folded.setdefault(deferred, set()).add(f.rule)
            continue
        out.append(f)
    return [_with_also(f, folded.get((f.rule, f.pointer))) for f in out]


def _with_also(f: Finding, rules: set[str] | None) -> Finding:
    """``f`` naming the rules folded into it (as :mod:`mcconform.dedupe` does)."""
    if not rules or rules <= set(f.also):
        return f
    return replace(f, also=tuple(sorted(rules | set(f.also))))
