"""SD-JWT and SD-JWT VC: disclosures against their digests, the issuer's signature, vct, the
validity claims, cnf and the key-binding JWT.

RFC 9901 (Selective Disclosure for JWTs) section 7 (Verification and Processing), and the IETF
SD-JWT VC draft (SD-JWT-based Verifiable Credentials: ``typ`` ``dc+sd-jwt``, ``vct``, ``iat`` /
``nbf`` / ``exp``, ``cnf``, issuer metadata).  VC-JOSE-COSE section 3.2 uses SD-JWT for VCDM 2.0
credentials (``typ`` ``vc+sd-jwt``, payload with ``@context``).  The document the other checks
see is the claims rebuilt from what was disclosed (:mod:`mcconform.envelopes`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..report import Finding
from ..rules import rule
from ..trust import jose, keys, sdjwt
from ..trust.dataintegrity import Issue
from ..trust.keys import NotChecked, TrustError
from . import CheckContext, check, guarded
from .proof.keybinding import binding_issues, jwt_key
from .proof.rules import NOT_CHECKED, to_finding
from .vcjose import is_vcdm2

SDJWT = "RFC 9901 (SD-JWT)"
SDVC = "IETF SD-JWT VC (draft-ietf-oauth-sd-jwt-vc)"


def _r(rid: str, severity: str, title: str, clause: str, doc: str) -> Any:
    return rule(rid, severity, title, clause, doc)  # type: ignore[arg-type]


DISCLOSURE_MALFORMED = _r(
    "sdjwt.disclosure-malformed",
    "error",
    "A disclosure is not well formed or does not fit where it is referenced.",
    SDJWT + " sections 4.2.1, 4.2.2, 7.1 (steps on disclosures)",
    """
    A disclosure is base64url JSON: ``[salt, name, value]`` for a property, ``[salt, value]`` for
    an array element; the name is not ``_sd`` or ``...`` and not a claim already present.
    PASS: ``WyJzYWx0IiwgImdpdmVuX25hbWUiLCAiSm9obiJd`` (``["salt", "given_name", "John"]``)
    FAIL: the base64url of ``{"given_name": "John"}``
    """,
)
DISCLOSURE_UNMATCHED = _r(
    "sdjwt.disclosure-unmatched",
    "error",
    "A disclosure matches no digest of the issuer-signed JWT.",
    SDJWT + " section 7.1 (a disclosure not referenced by a digest: reject)",
    """
    Each disclosure's digest (``_sd_alg`` of its text, base64url) must be in an ``_sd`` list or an
    array ``{"...": digest}`` element the issuer signed.  A disclosure changed by one character, or
    taken from another credential, matches none: the holder is claiming what the issuer did not sign.
    PASS: every disclosure presented is the one the issuer made (its digest is in ``_sd``).
    FAIL: ``["salt", "family_name", "Doe"]`` altered to ``["salt", "family_name", "Dow"]``.
    """,
)
DISCLOSURE_REPEATED = _r(
    "sdjwt.disclosure-repeated",
    "error",
    "The same disclosure is presented more than once.",
    SDJWT + " section 7.1 (each digest at most once)",
    "PASS: ``<jwt>~<d1>~<d2>~``.  FAIL: ``<jwt>~<d1>~<d1>~`` (an extra copy of a disclosure).",
)
DIGEST = _r(
    "sdjwt.digest",
    "error",
    "The digests of the issuer-signed JWT are malformed or repeated.",
    SDJWT + " section 4.2.4 (_sd: an array of strings), 7.1 (a digest must not occur twice)",
    'PASS: ``"_sd": ["X9yH0Ajr...", "dRtNs2b5..."]``.  '
    'FAIL: ``"_sd": "abc"``; the same digest in two ``_sd`` lists.',
)
SD_NOT_CHECKED = _r(
    "sdjwt.not-checked",
    "warning",
    "The SD-JWT's disclosures could not be checked (unsupported _sd_alg).",
    SDJWT + " section 4.1.1 (_sd_alg: a hash algorithm from the IANA registry)",
    "mcconform supports ``sha-256`` (the default), ``sha-384`` and ``sha-512``.  Verdict cantTell.  "
    'PASS: ``"_sd_alg": "sha-256"`` (or none).  FAIL (not checked): ``"_sd_alg": "sha3-256"``.',
)
TYP = _r(
    "sdjwt.typ",
    "error",
    "The typ header of an SD-JWT credential is not dc+sd-jwt / vc+sd-jwt.",
    SDVC + " section 3.2.1 (typ dc+sd-jwt); W3C VC-JOSE-COSE section 3.2 (vc+sd-jwt)",
    """
    An SD-JWT VC says ``typ: dc+sd-jwt`` (earlier drafts ``vc+sd-jwt``); a VCDM 2.0 credential
    secured with SD-JWT says ``vc+sd-jwt`` (presentation ``vp+sd-jwt``).
    PASS: ``{"alg": "ES256", "typ": "dc+sd-jwt"}``   FAIL: ``{"typ": "bad+typ"}``
    """,
)
VCT = _r(
    "sdjwt.vct",
    "error",
    "An SD-JWT VC has no vct claim (a string), or discloses it selectively.",
    SDVC + " section 3.2.2.1.1 (vct: REQUIRED, MUST NOT be selectively disclosed)",
    """
    ``vct`` names the credential type (e.g. ``https://credentials.example.com/identity_credential``).
    PASS: ``"vct": "urn:eudi:pid:1"``   FAIL: no ``vct``, or ``vct`` only in a disclosure.
    """,
)
CLAIM_TYPE = _r(
    "sdjwt.claim-type",
    "error",
    "A validity claim of an SD-JWT VC is not a NumericDate.",
    SDVC + " section 3.2.2.2 (iat, nbf, exp); RFC 7519 section 2 (NumericDate)",
    """
    ``iat``, ``nbf`` and ``exp`` are numbers of seconds since 1970 and must not be selectively
    disclosed.  In a VCDM 2.0 payload (VC-JOSE-COSE) a string is a warning.
    PASS: ``"exp": 1893456000``   FAIL: ``"exp": "2030-01-01"``
    """,
)
EXPIRED = _r(
    "sdjwt.expired",
    "error",
    "The SD-JWT's exp has passed.",
    SDVC + " section 3.2.2.2 (exp)",
    "At ``--now`` the credential is past its ``exp``.  PASS: ``exp`` after --now.  "
    'FAIL: ``"exp": 1700000000``.',
)
NOT_YET_VALID = _r(
    "sdjwt.not-yet-valid",
    "error",
    "The SD-JWT's nbf is in the future.",
    SDVC + " section 3.2.2.2 (nbf)",
    "At ``--now`` the credential is before its ``nbf``.  PASS: ``nbf`` before --now.  FAIL: ``nbf`` in 2030.",
)
CNF = _r(
    "sdjwt.cnf",
    "error",
    "The cnf claim does not hold a usable holder key (jwk).",
    SDJWT + " section 4.1.2 (cnf); RFC 7800 section 3.2; " + SDVC + " (cnf)",
    'PASS: ``"cnf": {"jwk": {"kty": "EC", "crv": "P-256", "x": "...", "y": "..."}}``  FAIL: ``"cnf": "key"``',
)
KB_SIGNATURE = _r(
    "sdjwt.kb-signature",
    "error",
    "The key-binding JWT is not signed by the holder key in cnf.",
    SDJWT + " section 7.3 (Key Binding JWT: verify its signature with the key in cnf)",
    "The key-binding JWT proves the presenter holds the key the issuer bound (``cnf``).  "
    "PASS: signed with the private key of ``cnf.jwk``.  FAIL: signed with another key.",
)
KB_SD_HASH = _r(
    "sdjwt.kb-sd-hash",
    "error",
    "The key-binding JWT's sd_hash is not the digest of the presented SD-JWT.",
    SDJWT + " section 4.3.1 (sd_hash), 7.3 step 5",
    """
    ``sd_hash`` is the ``_sd_alg`` digest of ``<issuer-signed JWT>~<disclosure>~...~``: it binds
    the key-binding JWT to exactly these disclosures.  FAIL: a disclosure added or removed after
    the holder signed, or an sd_hash of another presentation.
    PASS: ``sd_hash`` = base64url(SHA-256(``<jwt>~<d1>~<d2>~``)).
    """,
)
KB_CLAIMS = _r(
    "sdjwt.kb-claims",
    "error",
    "The key-binding JWT lacks typ kb+jwt, iat, aud or nonce, or there is no cnf.",
    SDJWT + " section 4.3 (typ kb+jwt; iat, aud, nonce, sd_hash REQUIRED)",
    'PASS: header ``{"typ": "kb+jwt", "alg": "ES256"}``, claims ``{"iat": 1735689600, "aud": "...", '
    '"nonce": "...", "sd_hash": "..."}``.  FAIL: no ``nonce``.',
)
CLAIMS_NOT_CHECKED = _r(
    "sdjwt.claims.not-checked",
    "warning",
    "The disclosed claims of this SD-JWT VC were not checked against a profile.",
    SDVC + " (vct); mcconform profiles",
    """
    No mcconform profile maps SD-JWT VC claims (by ``vct``) to a credential model yet, so the
    disclosed claims were not checked for conformance: the verdict is cantTell (the disclosures,
    signature and validity claims were checked).  A VCDM 2.0 payload (``@context``) is checked as
    a VC.  PASS (checked): an SD-JWT whose payload is a VCDM 2.0 credential.  FAIL (not checked):
    ``{"vct": "urn:eudi:pid:1", ...}``.
    """,
)


def _b(issue_rule: str, message: str, pointer: str = "") -> Finding:
    return to_finding(Issue(issue_rule, message, pointer))


def _split_jwt(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    header, signing_input, sig = jose.split_compact(token)
    try:
        claims = json.loads(jose.b64url(token.split(".")[1]))
    except ValueError:
        raise TrustError("proof.malformed", "the JWT payload is not JSON") from None
    if not isinstance(claims, dict):
        raise TrustError("proof.malformed", "the JWT payload is not a JSON object")
    return header, claims, signing_input, sig


def signature_findings(sd: sdjwt.SdJwt, ctx: CheckContext, vc_profile: bool) -> Iterator[Finding]:
    label = "the SD-JWT issuer signature"
    try:
        header, payload, signing_input, sig = _split_jwt(sd.jwt)
        alg = jose.check_alg(header.get("alg"))
        label = f"the SD-JWT issuer signature ({alg})"
        key = jwt_key(header, payload, ctx, sd_jwt_vc=vc_profile)
        jose.check_alg(alg, key.key)
        iss = payload.get("iss") if isinstance(payload.get("iss"), str) else None
        issuer = payload.get("issuer")
        issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
        binding = binding_issues(key, issuer if isinstance(issuer, str) else iss, "", label, ctx)
        ok = jose.verify_signature(alg, key.key, signing_input, sig)
    except (TrustError, NotChecked) as e:
        yield _b(e.rule, f"{label}: {e.message}", e.pointer)
        return
    for issue in binding:
        yield to_finding(issue)
    if not ok:
        yield _b(
            "proof.signature", f"{label}: the signature does not verify with {key.id}: changed after signing"
        )
    elif not any(i.rule == "key.issuer" for i in binding):
        n = len(sd.disclosures)
        yield _b(
            "proof.verified", f"{label}: verified with {key.id} ({key.kind}); {n} disclosure(s) presented"
        )


def claims_findings(sd: sdjwt.SdJwt, ctx: CheckContext, vc_profile: bool) -> Iterator[Finding]:
    payload = sd.payload
    if vc_profile and (not isinstance(payload.get("vct"), str) or not payload.get("vct")):
        where = "is only in a disclosure" if "vct" in sd.claims else "is missing"
        yield VCT.finding(f"vct {where}: an SD-JWT VC names its type in the signed payload", "/vct")
    now = ctx.options.now.timestamp()
    skew = float(ctx.setting("clock_skew_seconds", 0) or 0)
    for claim in ("iat", "nbf", "exp"):
        if claim not in payload:
            if claim in sd.claims:
                yield CLAIM_TYPE.finding(f"{claim} must not be selectively disclosed", f"/{claim}")
            continue
        value = payload[claim]
        if not isinstance(value, int | float) or isinstance(value, bool):
            yield CLAIM_TYPE.finding(
                f"{claim} is {value!r:.40}, not a NumericDate (seconds since 1970)",
                f"/{claim}",
                severity="error" if vc_profile else "warning",
            )
            continue
        if claim == "exp" and value < now - skew:
            yield EXPIRED.finding(f"the credential expired (exp {value})", "/exp")
        if claim == "nbf" and value > now + skew:
            yield NOT_YET_VALID.finding(f"the credential is not valid before nbf {value}", "/nbf")


def key_binding_findings(sd: sdjwt.SdJwt, ctx: CheckContext) -> Iterator[Finding]:
    cnf = sd.payload.get("cnf")
    holder = None
    if cnf is not None:
        jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
        try:
            holder = keys.from_jwk(jwk)
        except ValueError as e:
            yield CNF.finding(f"cnf has no usable jwk: {e}", "/cnf")
    if sd.kb_jwt is None:
        return
    if cnf is None:
        yield KB_CLAIMS.finding("a key-binding JWT is presented but the issuer bound no holder key (cnf)", "")
        return
    try:
        header, claims, signing_input, sig = _split_jwt(sd.kb_jwt)
        alg = jose.check_alg(header.get("alg"))
    except (TrustError, NotChecked) as e:
        yield _b(e.rule, f"the key-binding JWT: {e.message}")
        return
    if header.get("typ") != "kb+jwt":
        yield KB_CLAIMS.finding(f"the key-binding JWT's typ is {header.get('typ')!r}, not kb+jwt", "")
    missing = [
        c
        for c, t in (("iat", (int, float)), ("aud", (str,)), ("nonce", (str,)))
        if not isinstance(claims.get(c), t)
    ]
    if missing:
        yield KB_CLAIMS.finding(f"the key-binding JWT lacks {', '.join(missing)}", "")
    if sd.hash_name is not None:
        expected = sdjwt.digest(sd.presented, sd.hash_name)
        if claims.get("sd_hash") != expected:
            yield KB_SD_HASH.finding(
                f"sd_hash is {str(claims.get('sd_hash'))[:60]!r}; the digest of the presented SD-JWT "
                f"is {expected}",
                "",
            )
    if holder is not None:
        try:
            jose.check_alg(alg, holder)
            ok = jose.verify_signature(alg, holder, signing_input, sig)
        except (TrustError, NotChecked) as e:
            yield _b(e.rule, f"the key-binding JWT: {e.message}")
            return
        if not ok:
            yield KB_SIGNATURE.finding("the key-binding JWT does not verify with the holder key in cnf", "")


@check("sd-jwt")
def check_sd_jwt(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from guarded(_check, doc, ctx, NOT_CHECKED, "the SD-JWT could not be checked")


def _check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.readable or doc.media != "sd-jwt" or doc.text is None:
        return
    sd = sdjwt.parse(doc.text)
    vcdm = is_vcdm2(sd.payload)
    vc_profile = not vcdm  # IETF SD-JWT VC (vct) rather than a VCDM 2.0 payload
    for issue in sd.issues:
        yield to_finding(issue)
    typ = sd.header.get("typ")
    norm = typ.lower().removeprefix("application/") if isinstance(typ, str) else None
    allowed = ("vc+sd-jwt", "vp+sd-jwt") if vcdm else ("dc+sd-jwt", "vc+sd-jwt")
    if norm not in allowed:
        yield TYP.finding(f"typ is {typ!r}, not {' or '.join(allowed)}", "", value=str(typ))
    cty = sd.header.get("cty")
    if vcdm and cty is not None and str(cty).lower().removeprefix("application/") not in ("vc", "vp"):
        yield to_finding(Issue("jose.cty", f"cty is {cty!r}, not 'vc' / 'vp'", ""))
    yield from signature_findings(sd, ctx, vc_profile)
    yield from claims_findings(sd, ctx, vc_profile)
    yield from key_binding_findings(sd, ctx)
    if vc_profile:
        yield CLAIMS_NOT_CHECKED.finding(
            f"vct {str(sd.payload.get('vct'))[:80]!r}: no profile maps these claims; "
            f"{len(sd.claims)} claim(s) disclosed or signed in clear",
            "",
        )
