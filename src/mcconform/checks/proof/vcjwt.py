"""VC-JWT proofs: the JWS signature of a compact VC-JWT (VC Data Model 1.1 JWT encoding, OB 3.0
JSON Web Token Proof Format): its algorithm, the key of its JOSE header and the key's binding to
the issuer.  :func:`compact_token` (the compact JWS of a document) serves the OB 2.0 JWS check too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...document import Document
from ...report import Finding
from ...trust import jose
from ...trust.dataintegrity import Issue
from ...trust.keys import NotChecked, TrustError
from .. import CheckContext
from .keybinding import binding_issues, issuer_id, jwt_key
from .rules import MALFORMED, SIGNATURE, VERIFIED, to_finding


def compact_token(doc: Document) -> str | None:
    text = (doc.text or "").strip()
    if text.startswith('"'):
        try:
            text = json.loads(text)
        except ValueError:
            return None
    return text if isinstance(text, str) and text.count(".") == 2 else None


def jwt_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    token = compact_token(doc)
    claims = doc.data if isinstance(doc.data, dict) else {}
    label = "the VC-JWT signature"
    if token is None:
        yield MALFORMED.finding(f"{label}: the compact token is not available", "")
        return
    try:
        header, signing_input, sig = jose.split_compact(token)
        alg = jose.check_alg(header.get("alg"))
        label = f"the VC-JWT signature ({alg})"
        key = jwt_key(header, claims, ctx)
        jose.check_alg(alg, key.key)
        cred = doc.credential
        issuer = issuer_id(cred) or (claims.get("iss") if isinstance(claims.get("iss"), str) else None)
        binding = binding_issues(key, issuer, "", label, ctx)
        ok = jose.verify_signature(alg, key.key, signing_input, sig)
    except TrustError as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", e.pointer))
        return
    except NotChecked as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", e.pointer))
        return
    for issue in binding:
        yield to_finding(issue)
    if not ok:
        yield SIGNATURE.finding(
            f"{label}: the signature does not verify with {key.id}: the token was changed after signing "
            "or signed with another key",
            "",
        )
    elif not any(i.rule == "key.issuer" for i in binding):
        yield VERIFIED.finding(f"{label}: verified with {key.id} ({key.kind})", "")
