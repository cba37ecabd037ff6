"""Proof checks: is the credential signed, by a key of its issuer, and unchanged since?

Embedded proofs (VC Data Integrity: ``DataIntegrityProof`` with ``eddsa-rdfc-2022``,
``eddsa-2022``, ``eddsa-jcs-2022``, ``ecdsa-rdfc-2019``, ``ecdsa-jcs-2019`` (P-256, P-384),
``ecdsa-sd-2023`` derived proofs; ``Ed25519Signature2020``; proof sets and chains),
VC-JWT signatures (EdDSA, ES256, RS256...), OB 2.0 signed assertions (JWS, key in a hosted
``CryptographicKey``) and sealed European Digital Credentials (JAdES / JWS JSON).  The
cryptography lives in :mod:`mcconform.trust`; this package turns its results into findings.

Every proof of a proof set is verified on its own and reported at its own pointer
(``/proof/0``, ``/proof/1``...).  A proof that needs a hosted document (did:web, a key URL)
while the network is off is reported as not checked (``*.not-checked``: verdict cantTell),
never as passed.

This module owns the ``proof`` check: which proof family a document goes to.  The families:
:mod:`.dataintegrity` (embedded proofs), :mod:`.vcjwt` (VC-JWT signatures), :mod:`.ob2jws`
(OB 2.0 signed assertions), :mod:`.sealed` (sealed EDC); shared by them: :mod:`.rules` (every
rule, :func:`to_finding`) and :mod:`.keybinding` (JOSE key resolution, key-to-issuer binding).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document
from ...report import Finding
from .. import CheckContext, check, guarded
from .dataintegrity import embedded_findings
from .ob2jws import ob2_findings
from .rules import MISSING, NOT_CHECKED, RULES, to_finding
from .sealed import sealed_findings
from .vcjwt import jwt_findings

__all__ = ["RULES", "check_proof", "to_finding"]


@check("proof")
def check_proof(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from guarded(_check_proof, doc, ctx, NOT_CHECKED, "the proof could not be verified")


def _check_proof(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.readable:
        return
    if doc.meta.get("envelope") == "sealed-edc":
        yield from sealed_findings(doc, ctx)
        return
    if doc.kind == "ob2-assertion":
        yield from ob2_findings(doc, ctx)
        return
    if doc.media in ("sd-jwt", "cose"):
        return  # checks sd-jwt and vc-jose (mcconform.checks.sdjwt, mcconform.checks.vcjose)
    if doc.kind == "vc-presentation" and doc.media != "jwt":
        if isinstance(doc.credential, dict) and "proof" in doc.credential:
            yield NOT_CHECKED.finding(
                "the presentation's own proof (holder authentication) is not verified by mcconform",
                doc.at("/proof"),
            )
        elif ctx.setting("require_proof", True):
            yield MISSING.finding("the presentation is not secured (no proof, not a JOSE/COSE/SD-JWT)", "")
        return
    if doc.media == "jwt":
        yield from jwt_findings(doc, ctx)
        yield from embedded_findings(doc, ctx, required=False)
        return
    yield from embedded_findings(doc, ctx, required=bool(ctx.setting("require_proof", True)))
