"""A JOSE / COSE ``kid`` that is not a URI, resolved through the issuer where that is defined.

VC-JOSE-COSE does not require ``kid`` to be a URI (section 3.1.1: "kid ... If kid is present
and the key is expressed as a DID URL, ..."; a JWK thumbprint, RFC 7638, is common).  Such a
kid names a key *of the issuer*, so it is looked up in what the issuer publishes:

- a ``did:key`` issuer: its only key (the signature decides);
- a ``did:web`` issuer: its DID document; an ``https`` issuer: its controller document
  (W3C Controlled Identifiers 1.0) at the issuer URL.  The verification method is the one
  whose id is ``<issuer>#<kid>``, whose ``publicKeyJwk.kid`` is the kid, or whose JWK
  thumbprint (RFC 7638, SHA-256) is the kid; it must be listed under ``assertionMethod``
  when the document lists any;
- for SD-JWT VC (IETF draft, section 5 "JWT VC Issuer Metadata"): first the issuer metadata at
  ``https://<host>/.well-known/jwt-vc-issuer/<path>`` (``jwks`` or ``jwks_uri``).

Hosted documents need --online or --resource-map; offline the key is not checked
(``key.not-checked``, cantTell).  Any other issuer: "not verified" with the reason.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import urlsplit

from . import multibase
from .keys import (
    NotChecked,
    ResolvedKey,
    TrustError,
    _key_from_method,
    did_web_url,
    fetch_document,
    from_jwk,
    from_multikey,
    key_kind,
)

_THUMB_MEMBERS = {"EC": ("crv", "kty", "x", "y"), "OKP": ("crv", "kty", "x"), "RSA": ("e", "kty", "n")}


def jwk_thumbprint(jwk: Any) -> str | None:
    """RFC 7638 SHA-256 thumbprint (base64url) of a public JWK; None when it has no such form."""
    if not isinstance(jwk, dict) or jwk.get("kty") not in _THUMB_MEMBERS:
        return None
    members = _THUMB_MEMBERS[str(jwk["kty"])]
    if not all(isinstance(jwk.get(m), str) for m in members):
        return None
    text = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    return multibase.b64url_encode(hashlib.sha256(text.encode("utf-8")).digest())


def is_uri(kid: str) -> bool:
    scheme, sep, _rest = kid.partition(":")
    return bool(sep) and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def _methods(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for key in ("verificationMethod", "assertionMethod"):
        value = doc.get(key)
        for m in value if isinstance(value, list) else [value]:
            if isinstance(m, dict):
                out.append(m)
    return out


def _matches(method: dict[str, Any], kid: str, issuer: str) -> bool:
    mid = method.get("id")
    if isinstance(mid, str) and mid in (f"{issuer}#{kid}", f"#{kid}"):
        return True
    jwk = method.get("publicKeyJwk")
    return isinstance(jwk, dict) and (jwk.get("kid") == kid or jwk_thumbprint(jwk) == kid)


def _from_controller_document(doc: Any, kid: str, issuer: str, where: str) -> ResolvedKey:
    if not isinstance(doc, dict):
        raise TrustError("key.unresolvable", f"{where} is not a JSON object")
    if doc.get("id") not in (None, issuer):
        raise TrustError("key.unresolvable", f"{where} is the document of {doc.get('id')}, not of {issuer}")
    found = [m for m in _methods(doc) if _matches(m, kid, issuer)]
    if not found:
        raise TrustError("key.unresolvable", f"{where} lists no verification method with kid {kid}")
    method = found[0]
    mid = method.get("id") if isinstance(method.get("id"), str) else f"{issuer}#{kid}"
    listed = doc.get("assertionMethod")
    if listed is not None:
        ids = [
            m.get("id") if isinstance(m, dict) else m
            for m in (listed if isinstance(listed, list) else [listed])
        ]
        frag = "#" + str(mid).split("#", 1)[1] if "#" in str(mid) else None
        if mid not in ids and (frag is None or frag not in ids):
            raise TrustError("key.purpose", f"{where} does not list {mid} under assertionMethod")
    key = _key_from_method(method, str(mid))
    return ResolvedKey(str(mid), key, key_kind(key), issuer, "controller-document", [f"kid {kid} in {where}"])


def _from_jwks(jwks: Any, kid: str, issuer: str, where: str) -> ResolvedKey | None:
    keys_ = jwks.get("keys") if isinstance(jwks, dict) else None
    for jwk in keys_ if isinstance(keys_, list) else []:
        if isinstance(jwk, dict) and (jwk.get("kid") == kid or jwk_thumbprint(jwk) == kid):
            try:
                key = from_jwk(jwk)
            except ValueError as e:
                raise TrustError("key.invalid", f"the JWK {kid} of {where} is not usable: {e}") from None
            return ResolvedKey(f"{where}#{kid}", key, key_kind(key), issuer, "issuer-metadata")
    return None


def issuer_metadata_url(issuer: str) -> str:
    parts = urlsplit(issuer)
    path = parts.path.rstrip("/")
    return f"https://{parts.netloc}/.well-known/jwt-vc-issuer{path}"


def resolve_kid(kid: str, issuer: str | None, options: Any, *, sd_jwt_vc: bool = False) -> ResolvedKey:
    """The issuer's key a non-URI ``kid`` names (TrustError / NotChecked otherwise)."""
    if not isinstance(issuer, str) or not issuer:
        raise NotChecked(
            "key.not-checked", f"kid {kid} is not a URI and the token names no issuer to resolve it through"
        )
    if issuer.startswith("did:key:"):
        msid = issuer[len("did:key:") :].split("#", 1)[0]
        try:
            key = from_multikey(msid)
        except (multibase.MultibaseError, ValueError) as e:
            raise TrustError("key.invalid", f"the issuer {issuer} is not a valid did:key: {e}") from None
        return ResolvedKey(f"{issuer}#{msid}", key, key_kind(key), issuer, "did:key")
    if issuer.startswith("did:web:"):
        url = did_web_url(issuer)
        doc = fetch_document(url, options, f"the DID document of {issuer}")
        return _from_controller_document(doc, kid, issuer, f"the DID document of {issuer} ({url})")
    if issuer.startswith("https://"):
        if sd_jwt_vc:
            meta_url = issuer_metadata_url(issuer)
            try:
                meta = fetch_document(meta_url, options, "the JWT VC issuer metadata")
            except TrustError:
                meta = None  # no metadata: the controller document below
            if isinstance(meta, dict) and meta.get("issuer") == issuer:
                jwks = meta.get("jwks")
                if jwks is None and isinstance(meta.get("jwks_uri"), str):
                    jwks = fetch_document(meta["jwks_uri"], options, "the issuer's JWKS (jwks_uri)")
                found = _from_jwks(jwks, kid, issuer, meta_url)
                if found is not None:
                    return found
                raise TrustError(
                    "key.unresolvable", f"the issuer metadata {meta_url} has no key with kid {kid}"
                )
        doc = fetch_document(issuer, options, "the issuer's controller document")
        return _from_controller_document(doc, kid, issuer, f"the controller document {issuer}")
    raise NotChecked(
        "key.not-checked",
        f"kid {kid} is not a URI, and no way to resolve it through {issuer} is defined "
        "(did:key, did:web and https issuers are)",
    )
