"""OB 2.0 signed assertions: a compact JWS whose key is a hosted ``CryptographicKey`` (its
``publicKeyPem``), owned by the issuer Profile of the assertion's BadgeClass and listed in the
issuer's ``publicKey``.  :func:`ob2_issuer` (fetched once per document) serves the status checks too.
Hosted verification is checked by :mod:`mcconform.checks.ob2`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...report import Finding
from ...trust import jose, keys
from ...trust.dataintegrity import Issue
from ...trust.keys import NotChecked, TrustError
from .. import CheckContext
from .rules import MALFORMED, SIGNATURE, VERIFIED, to_finding
from .vcjwt import compact_token


def _fetch_node(value: Any, ctx: CheckContext, what: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise TrustError("key.unresolvable", f"the assertion has no {what}")
    data = keys.fetch_document(value, ctx.options, f"the {what}")
    if not isinstance(data, dict):
        raise TrustError("key.unresolvable", f"the {what} at {value} is not a JSON object")
    return data


def ob2_issuer(doc: Document, ctx: CheckContext) -> dict[str, Any]:
    """The issuer Profile of an OB 2.0 assertion (fetched once per document)."""
    cached = ctx.state.get("trust.ob2_issuer")
    if isinstance(cached, Exception):
        raise cached
    if cached is not None:
        return dict(cached)
    try:
        assertion = doc.credential if isinstance(doc.credential, dict) else {}
        badge = _fetch_node(assertion.get("badge"), ctx, "BadgeClass (badge)")
        issuer = _fetch_node(badge.get("issuer"), ctx, "issuer Profile (badge.issuer)")
    except (TrustError, NotChecked) as e:
        ctx.state["trust.ob2_issuer"] = e
        raise
    ctx.state["trust.ob2_issuer"] = issuer
    return issuer


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(i.get("id") if isinstance(i, dict) else i) for i in items if i is not None]


def ob2_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    assertion = doc.credential if isinstance(doc.credential, dict) else {}
    verification = assertion.get("verification")
    vtype = verification.get("type") if isinstance(verification, dict) else None
    if doc.media != "jwt":
        if vtype in ("signed", "SignedBadge"):
            yield MALFORMED.finding(
                "verification.type is signed but the assertion is not a JWS: it carries no signature",
                doc.at("/verification/type"),
            )
        return  # hosted verification is checked by the OB 2.0 checks
    label = "the OB 2.0 signature (JWS)"
    token = compact_token(doc)
    if token is None:
        yield MALFORMED.finding(f"{label}: the compact JWS is not available", "")
        return
    try:
        header, signing_input, sig = jose.split_compact(token)
        alg = jose.check_alg(header.get("alg"))
        issuer = ob2_issuer(doc, ctx)
        creator = verification.get("creator") if isinstance(verification, dict) else None
        candidates = [creator] if isinstance(creator, str) else _ids(issuer.get("publicKey"))
        if not candidates:
            raise TrustError("key.unresolvable", "no verification.creator and the issuer lists no publicKey")
        issuer_id_ = issuer.get("id")
        ok = False
        used = ""
        for url in candidates:
            key_doc = keys.fetch_document(url, ctx.options, "the CryptographicKey")
            if not isinstance(key_doc, dict):
                raise TrustError("key.unresolvable", f"the CryptographicKey at {url} is not a JSON object")
            try:
                key = keys.from_pem(key_doc.get("publicKeyPem"))
            except ValueError as e:
                raise TrustError("key.invalid", f"the CryptographicKey at {url}: {e}") from None
            jose.check_alg(alg, key)
            owner = key_doc.get("owner")
            if owner != issuer_id_:
                raise TrustError(
                    "key.issuer", f"the key {url} is owned by {owner!r}, not the issuer {issuer_id_!r}"
                )
            if url not in _ids(issuer.get("publicKey")) and key_doc.get("id") not in _ids(
                issuer.get("publicKey")
            ):
                raise TrustError(
                    "key.issuer", f"the issuer {issuer_id_} does not list the key {url} in publicKey"
                )
            if jose.verify_signature(alg, key, signing_input, sig):
                ok, used = True, url
                break
    except TrustError as e:
        ptr = (
            doc.at("/verification/creator")
            if e.rule.startswith("key.") and isinstance(verification, dict)
            else ""
        )
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", ptr))
        return
    except NotChecked as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", ""))
        return
    if ok:
        yield VERIFIED.finding(f"{label}: verified with {used}", "")
    else:
        yield SIGNATURE.finding(f"{label}: the signature does not verify with the issuer's key(s)", "")
