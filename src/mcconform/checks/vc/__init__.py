"""The ``vc`` check family: the W3C Verifiable Credentials Data Model 1.1 and 2.0.

The base layer of every document that is a verifiable credential or presentation (plain
VCs, Open Badges 3.0 credentials and endorsements, CLR, status list credentials, European
Digital Credentials, decoded VC-JWT / VP-JWT payloads).  The version comes from the first
``@context`` entry (``https://www.w3.org/2018/credentials/v1``: 1.1, else 2.0).

Modules, by concern: :mod:`.model` (@context, type, id, issuer, credentialSubject,
name/description), :mod:`.typeiri` (every type maps to a URL: JSON-LD expansion),
:mod:`.dates` (validity period), :mod:`.resources` (status, schema, evidence, terms of use,
refresh, related resources, proof type), :mod:`.presentation` (holder, verifiableCredential
items, enveloped credentials, self-asserted credentials), :mod:`.overlap` (which ob3 findings
a vc finding stands for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ...detect import EDC_CREDENTIAL, EDC_PRESENTATION, VC_PRESENTATION, types_of
from ...document import Document
from ...report import Finding
from .. import CheckContext, check
from . import dates, model, presentation, resources
from .common import version
from .typeiri import type_iris

_DATETIME_NO_TZ = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$")
#: rules where the EDC application profile rules otherwise: it wins (the finding, kept as an
#: info, says so).  ELM v3 credentials are built on the VCDM 1.1 context but state their
#: validity with validFrom / issued (the EDC shapes require validFrom), typed xsd:dateTime,
#: whose time zone is optional.
EDC_OTHERWISE: dict[str, tuple[str, Callable[[Finding], bool]]] = {
    "vc.issuance-date": (
        "ELM v3 states the validity with validFrom and issued, which the EDC shapes require",
        lambda f: True,
    ),
    "vc.datetime": (
        "ELM v3 dates are xsd:dateTime, whose time zone is optional",
        lambda f: bool(f.value and _DATETIME_NO_TZ.match(f.value)),
    ),
}

#: JWT claims that stand for credential properties in a VC-JWT 1.1 (VC-JWT 1.1 §6.3.1)
_JWT_CLAIMS = {"iss": "issuer", "nbf": "issuanceDate", "jti": "id", "exp": "expirationDate"}


def is_presentation(doc: Document, node: dict[str, Any]) -> bool:
    if doc.kind in (VC_PRESENTATION, EDC_PRESENTATION):
        return True
    return any(t == "VerifiablePresentation" for t in types_of(node))


def credential(
    node: dict[str, Any], ptr: str, v: int, claims: dict[str, Any] | None = None
) -> Iterator[Finding]:
    """The data model rules of one credential object (not its type IRIs)."""
    present = {_JWT_CLAIMS[c] for c in (claims or {}) if c in _JWT_CLAIMS}
    yield from model.context(node, ptr, v, False)
    yield from model.types(node, ptr, v, "VerifiableCredential")
    yield from model.identifier(node, ptr, "the credential", v)
    if "issuer" in node or "issuer" not in present:
        yield from model.issuer(node, ptr, v)
    yield from model.subjects(node, ptr, v)
    yield from model.names(node, ptr, v)
    yield from dates.validity(node, ptr, v, jwt_claims=claims)
    yield from resources.resources(node, ptr, v)
    yield from resources.proofs(node, ptr)


def verifiable_presentation(node: dict[str, Any], ptr: str, v: int, embedded: bool) -> Iterator[Finding]:
    yield from model.context(node, ptr, v, True)
    yield from model.types(node, ptr, v, "VerifiablePresentation")
    yield from model.identifier(node, ptr, "the presentation", v)
    yield from presentation.holder(node, ptr)
    yield from presentation.items(node, ptr, v)
    if v == 2:
        yield from presentation.self_asserted(node, ptr)
    yield from resources.proofs(node, ptr)
    if embedded:
        # the presentation's own credentials, at their pointers inside it (until each is
        # checked as a document of its own: then set embedded_credentials = false)
        for cred, p in presentation.credential_items(node, ptr):
            yield from credential(cred, p, version(cred) if "@context" in cred else v)


def _edc(findings: list[Finding]) -> Iterator[Finding]:
    for f in findings:
        reason, applies = EDC_OTHERWISE.get(f.rule, ("", None))
        if applies is None or not applies(f):
            yield f
        else:
            yield Finding(
                f.rule,
                "info",
                f"{f.message} (the EDC application profile rules otherwise: {reason})",
                f.pointer,
                f.spec,
                value=f.value,
            )


@check("vc")
def check_vc(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    node = doc.credential
    if not isinstance(node, dict):
        return
    ptr = doc.base
    v = version(node)
    claims = doc.data if doc.media == "jwt" and ptr == "/vc" and isinstance(doc.data, dict) else None
    if is_presentation(doc, node):
        found = list(verifiable_presentation(node, ptr, v, bool(ctx.setting("embedded_credentials", True))))
    else:
        found = list(credential(node, ptr, v, claims))
    if "@context" in node:
        found.extend(type_iris(node, ptr, ctx.registry))
    if doc.kind == EDC_CREDENTIAL:
        found = list(_edc(found))
    yield from found
