"""VC-JWT checks: the JOSE header and the registered claims of a JWT-encoded credential.

A VC-JWT is decoded by :mod:`mcconform.sources`: the claims set is ``doc.data``, the JOSE
header ``doc.meta["jwt_header"]``, and the credential sits at ``doc.base`` (``/vc`` for the VC
1.1 style, the claims set itself for VC 2.0 / VC-JOSE-COSE).  The registered claims must agree
with the credential (``iss`` = issuer id, ``nbf`` = validFrom, ``exp`` = validUntil, ``jti`` =
id, ``sub`` = credentialSubject.id).  Signatures are not verified here (a later check family
will): a valid signature over inconsistent claims is still a broken credential.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..document import Document
from ..pointer import join
from ..report import Finding, Severity
from ..rules import rule
from . import CheckContext, check
from .ob3.values import parse_datetime, vc_version

OB_JWT = (
    "Open Badges 3.0, Proofs: JSON Web Token Proof Format (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof)"
)
VC11_JWT = "VC Data Model 1.1 section 6.3.1 JSON Web Token"

ALG = rule(
    "jwt.alg",
    "error",
    'The JOSE header has no usable signing algorithm (alg missing or "none").',
    OB_JWT + " (Create the JOSE Header); RFC 7515 section 4.1.1",
    """
    ``alg`` is required and names the signature algorithm; OB 3.0 requires verifiers to
    support ``RS256``.  ``"none"`` means the token is not signed at all: it proves nothing.
    PASS: ``{"alg": "RS256", "kid": "https://example.org/keys/1"}``
    FAIL: ``{"alg": "none"}`` or no alg
    """,
)
TYP = rule(
    "jwt.typ",
    "error",
    "The JOSE header typ is not a JWT / VC-JWT media type.",
    OB_JWT + ' (typ: if present, MUST be "JWT"); W3C VC-JOSE-COSE, securing with JOSE (typ vc+jwt)',
    """
    ``typ`` is optional; when present OB 3.0 requires ``JWT``.  The VC 2.0 securing
    specification (VC-JOSE-COSE) uses ``vc+jwt`` (earlier drafts ``vc+ld+json+jwt``); these are
    accepted too, case-insensitively and with or without the ``application/`` prefix.
    PASS: ``"typ": "JWT"``   FAIL: ``"typ": "JWS"``
    """,
)
KEY = rule(
    "jwt.key",
    "error",
    "The JOSE header says neither where the key is (kid) nor what it is (jwk).",
    OB_JWT + " (kid / jwk: if one is absent, the other MUST be present)",
    """
    A verifier needs the public key: ``kid`` (a URI it can dereference to the JWK) or ``jwk``
    (the public key itself).  "If you do not include a kid property in the header, you MUST
    include the public key in the jwk property."  The 1EdTech validator fails such tokens.
    PASS: ``{"alg": "RS256", "jwk": {"kty": "RSA", "n": "...", "e": "AQAB"}}``
    """,
)
PRIVATE_KEY = rule(
    "jwt.private-key",
    "error",
    "The jwk in the JOSE header contains private key material.",
    OB_JWT + ' ("The JWK MUST never contain d"); RFC 7517 appendix A.2',
    """
    The ``jwk`` header carries the public key.  Private members (``d``, and for RSA ``p``,
    ``q``, ``dp``, ``dq``, ``qi``, for symmetric keys ``k``) leak the signing key to everyone
    who sees the badge: the issuer must revoke that key.
    FAIL: ``"jwk": {"kty": "RSA", "n": "...", "e": "AQAB", "d": "..."}``
    """,
)
HEADER_EXTRA = rule(
    "jwt.header-extra",
    "warning",
    "The JOSE header has parameters OB 3.0 does not allow.",
    OB_JWT + ' ("Additional JOSE Headers are NOT allowed")',
    """
    OB 3.0 lists the JOSE header parameters of a VC-JWT: ``alg``, ``kid``, ``jwk``, ``typ``.
    mcconform also tolerates ``cty`` (VC-JOSE-COSE).  Other parameters (``x5c``, ``crit``...)
    may be refused by OB 3.0 verifiers.
    """,
)
CLAIM_MISMATCH = rule(
    "jwt.claim-mismatch",
    "error",
    "A registered JWT claim disagrees with the credential.",
    OB_JWT + " (Verify a Credential VC-JWT Signature); " + VC11_JWT,
    """
    The claims duplicate properties of the credential and must agree with them: ``iss`` =
    ``issuer.id``, ``jti`` = ``id``, ``sub`` = ``credentialSubject.id``, ``nbf`` = ``validFrom``
    (``issuanceDate`` for VC 1.1) and ``exp`` = ``validUntil`` (``expirationDate``), as NumericDate
    seconds (within the profile's ``jwt_time_tolerance_seconds``).  "If they do not match, the
    credential is not valid."  A claim whose credential property is absent gets a warning.
    FAIL: ``"iss": "https://other.example/issuer"`` with ``"issuer": {"id": "https://example.org/issuer"}``
    """,
)
CLAIM_MISSING = rule(
    "jwt.claim-missing",
    "warning",
    "A registered JWT claim that OB 3.0 lists is absent.",
    OB_JWT + " (JWT Payload Format); " + VC11_JWT,
    """
    OB 3.0 lists ``iss``, ``jti``, ``nbf`` and ``sub`` as required claims of a VC-JWT (and
    ``exp`` when the credential expires).  JWT libraries check ``nbf``/``exp`` without reading
    the credential.  The 1EdTech validator accepts tokens without ``sub``, so this is a
    warning for the VC 1.1 style (``vc`` claim) and a note for VC 2.0 tokens, whose claims set
    is the credential itself.
    """,
)
CLAIM_TYPE = rule(
    "jwt.claim-type",
    "error",
    "A registered JWT claim has the wrong JSON type.",
    "RFC 7519 section 4.1 (Registered Claim Names); " + OB_JWT,
    """
    ``nbf``, ``exp`` and ``iat`` are NumericDate values (seconds since 1970 as a JSON number);
    ``iss``, ``sub`` and ``jti`` are strings (URIs).
    FAIL: ``"nbf": "2025-09-01T00:00:00Z"``
    """,
)
EXPIRED = rule(
    "jwt.expired",
    "error",
    "The JWT exp claim has passed (and the credential states no validUntil).",
    "RFC 7519 section 4.1.4; " + OB_JWT,
    """
    JWT processors refuse a token after ``exp``.  When the credential has ``validUntil`` the
    check is ob3.expired; this rule covers an ``exp`` claim without it.
    """,
)
NOT_YET_VALID = rule(
    "jwt.not-yet-valid",
    "error",
    "The JWT nbf claim is in the future (and the credential states no validFrom).",
    "RFC 7519 section 4.1.5; " + OB_JWT,
    "JWT processors refuse a token before ``nbf``.  With ``validFrom`` the check is ob3.not-yet-valid.",
)

_TYP_OK = {"jwt", "vc+jwt", "vc+ld+json+jwt", "vc+ld+jwt"}
_HEADER_OK = {"alg", "kid", "jwk", "typ", "cty"}
_PRIVATE = ("d", "p", "q", "dp", "dq", "qi", "k", "oth")


def _id_of(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def header_findings(header: dict[str, Any]) -> Iterator[Finding]:
    alg = header.get("alg")
    if alg is None:
        yield ALG.finding("the JOSE header has no alg", "")
    elif not isinstance(alg, str) or alg.lower() == "none" or not alg:
        yield ALG.finding(f"the JOSE header's alg is {alg!r}: the token is not signed", "", value=str(alg))
    if "typ" in header:
        typ = header["typ"]
        norm = typ.lower().removeprefix("application/") if isinstance(typ, str) else None
        if norm not in _TYP_OK:
            yield TYP.finding(
                f'the JOSE header\'s typ is {typ!r}; OB 3.0 requires "JWT" (VC 2.0: "vc+jwt")',
                "",
                value=str(typ),
            )
    if "kid" not in header and "jwk" not in header:
        yield KEY.finding("the JOSE header has neither kid nor jwk: the verification key cannot be found", "")
    jwk = header.get("jwk")
    if isinstance(jwk, dict):
        leaked = [k for k in _PRIVATE if k in jwk]
        if leaked:
            yield PRIVATE_KEY.finding(
                f"the JOSE header's jwk has private key member(s) {', '.join(leaked)}: the key is exposed",
                "",
            )
    extra = sorted(k for k in header if k not in _HEADER_OK)
    if extra:
        yield HEADER_EXTRA.finding(
            f"JOSE header parameter(s) {', '.join(extra)} are not allowed by OB 3.0", ""
        )


def claim_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    claims = doc.data
    cred = doc.credential
    if not isinstance(claims, dict) or not isinstance(cred, dict):
        return
    wrapped = bool(doc.base)  # VC 1.1 style: the credential is the vc claim
    missing_sev: Severity = "warning" if wrapped else "info"
    version = vc_version(cred)
    v1 = version == 1 or (version is None and "issuanceDate" in cred)
    start_key, end_key = ("issuanceDate", "expirationDate") if v1 else ("validFrom", "validUntil")
    tolerance = float(ctx.setting("jwt_time_tolerance_seconds", 1) or 0)
    skew = float(ctx.setting("clock_skew_seconds", 0) or 0)
    now = ctx.options.now if ctx.options.now.tzinfo else ctx.options.now.replace(tzinfo=UTC)
    subject = cred.get("credentialSubject")

    # string claims
    strings = {
        "iss": (_id_of(cred.get("issuer")), "issuer.id"),
        "jti": (cred.get("id"), "id"),
        "sub": (_id_of(subject) if isinstance(subject, dict) else None, "credentialSubject.id"),
    }
    for claim, (expected, prop) in strings.items():
        if claim not in claims:
            if expected is not None:
                yield CLAIM_MISSING.finding(
                    f"no {claim} claim (it should be the credential's {prop}, {expected!s:.120})",
                    "",
                    severity=missing_sev,
                )
            continue
        value = claims[claim]
        if not isinstance(value, str):
            yield CLAIM_TYPE.finding(f"{claim} must be a string (a URI)", join("", claim))
        elif expected is None:
            yield CLAIM_MISMATCH.finding(
                f"{claim} is {value!s:.120} but the credential has no {prop}",
                join("", claim),
                severity="warning",
            )
        elif value != expected:
            yield CLAIM_MISMATCH.finding(
                f"{claim} is {value!s:.120} but the credential's {prop} is {expected!s:.120}",
                join("", claim),
                value=value,
            )

    # time claims
    for claim, key in (("nbf", start_key), ("exp", end_key), ("iat", None)):
        if claim not in claims:
            if key is not None and key in cred:
                yield CLAIM_MISSING.finding(
                    f"no {claim} claim (it should be the credential's {key}, {cred[key]!s:.60})",
                    "",
                    severity=missing_sev,
                )
            continue
        value = claims[claim]
        if not _number(value):
            yield CLAIM_TYPE.finding(
                f"{claim} must be a NumericDate (a JSON number of seconds)", join("", claim)
            )
            continue
        try:
            when = datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            yield CLAIM_TYPE.finding(
                f"{claim} is {str(value)[:40]}, which is not a date (a NumericDate out of range)",
                join("", claim),
            )
            continue
        if key is None:
            continue
        if key not in cred:
            yield CLAIM_MISMATCH.finding(
                f"{claim} is {when.isoformat()} but the credential has no {key}",
                join("", claim),
                severity="warning",
            )
            if claim == "exp" and value < now.timestamp() - skew:
                yield EXPIRED.finding(f"the token expired at {when.isoformat()} (exp)", join("", claim))
            if claim == "nbf" and value > now.timestamp() + skew:
                yield NOT_YET_VALID.finding(
                    f"the token is not valid before {when.isoformat()} (nbf)", join("", claim)
                )
            continue
        if not isinstance(cred[key], str):
            continue
        instant, _ok, _tz = parse_datetime(cred[key])
        if instant is None:
            continue  # ob3.datetime reports it
        if abs(instant.timestamp() - float(value)) > tolerance:
            shown = when.isoformat().replace("+00:00", "Z")
            yield CLAIM_MISMATCH.finding(
                f"{claim} is {value} ({shown}) but the credential's {key} is {cred[key]}",
                join("", claim),
                value=str(value),
            )


@check("jwt")
def check_jwt(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if doc.media != "jwt" or not doc.readable:
        return
    header = doc.meta.get("jwt_header")
    if isinstance(header, dict):
        yield from header_findings(header)
    yield from claim_findings(doc, ctx)
