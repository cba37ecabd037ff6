"""The verification key of a proof and its binding to the credential's issuer.

:func:`binding_issues` says whether a resolved key belongs to the issuer (a did:key issuer's only
key, a controller that is the issuer, or a key nothing ties to it); :func:`jwt_key` resolves the
key of a JOSE header (``jwk``, ``kid`` as a URI, a relative or a non-URI kid), shared by the VC-JWT,
VC-JOSE and SD-JWT checks.  The key material itself is resolved by :mod:`mcconform.trust.keys`.
"""

from __future__ import annotations

from typing import Any

from ...pointer import join
from ...trust import keys, multibase
from ...trust import kid as kid_mod
from ...trust.dataintegrity import Issue
from ...trust.keys import TrustError
from .. import CheckContext


def severity_setting(ctx: CheckContext, key: str, default: str) -> str | None:
    """The severity the profile setting ``key`` gives (None: the setting is "ignore")."""
    value = str(ctx.setting(key, default))
    return None if value == "ignore" else value


def issuer_id(cred: Any) -> str | None:
    iss = cred.get("issuer") if isinstance(cred, dict) else None
    iss = iss.get("id") if isinstance(iss, dict) else iss
    return iss if isinstance(iss, str) else None


def _did_key_multikey(issuer: str | None) -> str | None:
    """The multikey a ``did:key`` issuer id names (None: not a well-formed did:key)."""
    if not isinstance(issuer, str) or not issuer.startswith("did:key:"):
        return None
    value = issuer[len("did:key:") :].split("#", 1)[0]
    try:
        return keys.multikey_of(keys.from_multikey(value))
    except (multibase.MultibaseError, ValueError):
        return None


def binding_issues(
    key: keys.ResolvedKey, issuer: str | None, ptr: str, label: str, ctx: CheckContext
) -> list[Issue]:
    """Does the key belong to the issuer?"""
    vm_ptr = join(ptr, "verificationMethod") if key.source != "jwk" else ptr
    unbound = severity_setting(ctx, "unbound_keys", "warning")
    issuer_key = _did_key_multikey(issuer)
    if issuer_key is not None:
        # a did:key issuer has exactly one key, its own: any other signing key is provably not its
        try:
            signer = keys.multikey_of(key.key)
        except ValueError:
            signer = None
        if signer == issuer_key:
            if key.source != "fragment":
                return []
            return [Issue("key.fragment", f"{label}: {key.notes[0]}", vm_ptr)]
        return [
            Issue(
                "key.issuer",
                f"{label}: the issuer is {issuer}, whose only key is {issuer_key}; the credential was "
                f"signed with another key ({key.id})",
                vm_ptr,
            )
        ]
    if key.source in ("did:key", "jwk"):
        if key.controller is not None and key.controller == issuer:
            return []
        if unbound is None:
            return []
        what = (
            f"the did:key {key.controller}"
            if key.source == "did:key"
            else "a key embedded in the token header"
        )
        return [
            Issue(
                "key.issuer-binding",
                f"{label}: signed with {what}; nothing ties it to the issuer {issuer or '(none)'}",
                vm_ptr,
                unbound,
            )
        ]
    if key.source == "embedded" and (key.controller is None or key.controller == issuer):
        # an embedded verification method asserts its own controller: nothing checks the claim
        if unbound is None:
            return []
        msg = f"{label}: the verification method is embedded in the proof (its controller is self-asserted)"
        return [Issue("key.issuer-binding", msg, vm_ptr, unbound)]
    out: list[Issue] = []
    if key.source == "fragment":
        out.append(Issue("key.fragment", f"{label}: {key.notes[0]}", vm_ptr))
    if key.controller is None:
        if unbound is not None:
            out.append(Issue("key.issuer-binding", f"{label}: the key names no controller", vm_ptr, unbound))
    elif issuer is None:
        out.append(Issue("key.issuer", f"{label}: the credential names no issuer to own the key", vm_ptr))
    elif key.controller != issuer:
        out.append(
            Issue(
                "key.issuer",
                f"{label}: the key's controller is {key.controller}, not the issuer {issuer}",
                vm_ptr,
            )
        )
    return out


def _claimed_issuer(claims: dict[str, Any]) -> Any:
    """The issuer a JWT's claims name: ``iss``, else the issuer of its ``vc`` claim (or of itself)."""
    return claims.get("iss") or issuer_id(claims.get("vc") if isinstance(claims.get("vc"), dict) else claims)


def jwt_key(
    header: dict[str, Any], claims: dict[str, Any], ctx: CheckContext, *, sd_jwt_vc: bool = False
) -> keys.ResolvedKey:
    """The key a JOSE header names (``jwk``, or ``kid``: relative to the issuer, a non-URI kid looked
    up in what the issuer publishes, a JWK URL, or a verification method URI)."""
    if "jwk" in header:
        try:
            key = keys.from_jwk(header["jwk"])
        except ValueError as e:
            raise TrustError(
                "key.invalid", f"the JOSE header's jwk is not a usable public key: {e}"
            ) from None
        return keys.ResolvedKey("(jwk in the JOSE header)", key, keys.key_kind(key), None, "jwk")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise TrustError("key.unresolvable", "the JOSE header has neither kid nor jwk: no key to verify with")
    if kid.startswith("#"):
        iss = _claimed_issuer(claims)
        if not isinstance(iss, str):
            raise TrustError(
                "key.unresolvable", f"kid {kid} is relative and there is no iss to resolve it against"
            )
        kid = iss + kid
    if not kid_mod.is_uri(kid):
        iss = _claimed_issuer(claims)
        holder = claims.get("holder")
        iss = iss or (holder.get("id") if isinstance(holder, dict) else holder)  # a presentation
        issuer = iss if isinstance(iss, str) else None
        return kid_mod.resolve_kid(kid, issuer, ctx.options, sd_jwt_vc=sd_jwt_vc)
    if kid.startswith(("http://", "https://")) and "#" not in kid:
        doc = keys.fetch_document(kid, ctx.options, "the key (kid)")
        if isinstance(doc, dict) and "kty" in doc:
            try:
                key = keys.from_jwk(doc)
            except ValueError as e:
                raise TrustError("key.invalid", f"the JWK at {kid} is not a usable public key: {e}") from None
            return keys.ResolvedKey(kid, key, keys.key_kind(key), None, "jwk-url")
    return keys.resolve(kid, ctx.options)
