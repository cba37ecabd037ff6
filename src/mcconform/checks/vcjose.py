"""VC-JOSE-COSE: media types, forbidden claims and enveloped credentials of VCDM 2.0 credentials
secured with JOSE (``application/vc+jwt``) or COSE (``application/vc+cose``); COSE signatures.

W3C VC-JOSE-COSE (Securing Verifiable Credentials using JOSE and COSE):

- section 3.1.1 / 3.1.2: the JWS payload *is* the credential (presentation); ``typ`` SHOULD be
  ``vc+jwt`` (``vp+jwt``), ``cty`` SHOULD be ``vc`` (``vp``); the JWT claim names ``vc`` and
  ``vp`` MUST NOT be present; credentials in a presentation MUST be secured and use
  ``EnvelopedVerifiableCredential`` (a ``data:`` URL of the secured credential);
- section 3.3: COSE_Sign1, ``typ`` (label 16) ``application/vc+cose`` (``application/vp+cose``),
  content type (label 3) ``application/vc`` (``application/vp``).

These run on every signed VCDM 2.0 JOSE/COSE document (trust profile), whatever other profile
applies; VC 1.1 JWTs (a ``vc`` claim and no top-level ``@context``) are the ``jwt`` check's.
The JWS signature is the ``proof`` check's; the COSE signature is verified here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..report import Finding
from ..rules import rule
from ..trust import cose, jose
from ..trust.dataintegrity import Issue
from ..trust.keys import NotChecked, TrustError
from . import CheckContext, check, guarded
from .proof.keybinding import binding_issues, issuer_id, jwt_key
from .proof.rules import NOT_CHECKED, to_finding

VCJC = "W3C VC-JOSE-COSE"
V2 = "https://www.w3.org/ns/credentials/v2"

TYP = rule(
    "jose.typ",
    "error",
    "The typ header of a JOSE/COSE-secured VCDM 2.0 credential is not its media type.",
    VCJC + " section 3.1.1 (JOSE: typ vc+jwt / vp+jwt), 3.3 (COSE: typ application/vc+cose)",
    """
    ``typ`` says what the token is: ``vc+jwt`` for a credential, ``vp+jwt`` for a presentation
    (``application/`` prefix allowed), ``application/vc+cose`` / ``application/vp+cose`` in COSE.
    The generic ``JWT`` or an absent ``typ`` is a warning (the specification says SHOULD); any
    other value is an error: a verifier must not take a token of another type for a credential.
    PASS: ``{"alg": "ES256", "typ": "vc+jwt"}``   FAIL: ``{"alg": "ES256", "typ": "bad+typ"}``
    """,
)
CTY = rule(
    "jose.cty",
    "error",
    "The content type header of a JOSE/COSE-secured VCDM 2.0 credential is not vc / vp.",
    VCJC + " section 3.1.1 (cty vc / vp), 3.3 (COSE content type application/vc)",
    """
    ``cty`` (COSE: label 3) names the secured content: ``vc`` (``application/vc``) or ``vp``.
    PASS: ``"cty": "vc"``   FAIL: ``"cty": "bad+cty"``
    """,
)
FORBIDDEN = rule(
    "jose.forbidden-claim",
    "error",
    "A VCDM 2.0 JOSE payload carries the JWT claim vc or vp.",
    VCJC + ' section 3.1.1 ("The JWT Claim Names vc and vp MUST NOT be present")',
    """
    In VC-JOSE-COSE the payload is the credential itself; the VC 1.1 ``vc`` / ``vp`` wrapper
    claims are forbidden (a verifier could read two different credentials from one token).
    PASS: ``{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": [...], "issuer": ...}``
    FAIL: ``{"@context": ["https://www.w3.org/ns/credentials/v2"], ..., "vc": "..."}``
    """,
)
ENVELOPED = rule(
    "jose.enveloped-credential",
    "error",
    "A credential in a secured VCDM 2.0 presentation is not an enveloped, secured credential.",
    VCJC + " section 3.1.2 (Verifiable Presentations: MUST use EnvelopedVerifiableCredential; "
    "credentials MUST be secured); VC Data Model 2.0 section 4.13 (Enveloped Verifiable Credentials)",
    """
    Each ``verifiableCredential`` of a JOSE/COSE/SD-JWT presentation is
    ``{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,eyJ..."}`` (or
    ``vc+sd-jwt``, ``vc+cose``).  Each enveloped credential is checked as a document of its own
    (opened by :mod:`mcconform.nested`, reported as ``<source>!/verifiableCredential/<n>``).
    PASS: ``{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,eyJ..."}``
    FAIL: ``{"type": "EnvelopedVerifiableCredential", "id": "not-a-credential"}``
    """,
)
ISS = rule(
    "jose.iss",
    "error",
    "The iss claim of a VCDM 2.0 JOSE/COSE credential is not its issuer, or a kid cannot be placed.",
    VCJC + " section 3.1.1 / 3.3 (iss MUST match issuer / issuer.id; when iss is absent and the issuer "
    "is a URL, kid MUST be an absolute URL of a verification method in a controller document)",
    """
    ``iss`` repeats the credential's ``issuer`` (``issuer.id``) and must be equal to it.  Without
    ``iss``, a ``kid`` that is not an absolute URL does not say whose key it is.
    PASS: ``"iss": "https://example.issuer"``, ``"issuer": "https://example.issuer"``.
    FAIL: ``"iss": "https://other.example"``; no ``iss`` and ``"kid": "key-1"`` with a URL issuer.
    """,
)
COSE_SIGNATURE = rule(
    "cose.signature",
    "error",
    "The COSE_Sign1 signature does not verify.",
    VCJC + " section 3.3; RFC 9052 section 4.4 (Signing and Verification Process)",
    """
    The signature is checked over ``Sig_structure1 = ["Signature1", protected, h'', payload]`` with
    the issuer's key (``kid``, label 4, resolved as for JOSE).
    PASS: the COSE_Sign1 as the issuer made it.  FAIL: a payload or protected header changed after signing.
    """,
)

_MEDIA = {
    "jwt": {"credential": ("vc+jwt",), "presentation": ("vp+jwt",)},
    "sd-jwt": {"credential": ("vc+sd-jwt",), "presentation": ("vp+sd-jwt",)},
    "cose": {"credential": ("vc+cose",), "presentation": ("vp+cose",)},
}
_ENVELOPED_MEDIA = ("application/vc+jwt", "application/vc+sd-jwt", "application/vc+cose", "application/vc")


def is_vcdm2(claims: Any) -> bool:
    ctx = claims.get("@context") if isinstance(claims, dict) else None
    first = ctx[0] if isinstance(ctx, list) and ctx else ctx
    return first == V2


def _what(claims: dict[str, Any]) -> str:
    t = claims.get("type")
    types = t if isinstance(t, list) else [t]
    return "presentation" if "VerifiablePresentation" in types else "credential"


def media_findings(doc: Document, header: dict[str, Any]) -> Iterator[Finding]:
    """typ / cty of a JOSE, SD-JWT or COSE header (normalised names: typ, cty)."""
    claims = doc.data if isinstance(doc.data, dict) else {}
    what = _what(claims)
    expected = _MEDIA.get(doc.media or "jwt", _MEDIA["jwt"])[what]
    typ = header.get("typ")
    norm = typ.lower().removeprefix("application/") if isinstance(typ, str) else None
    if typ is None:
        yield TYP.finding(
            f"no typ header: a {what} secured this way SHOULD say {expected[0]}", "", severity="warning"
        )
    elif norm == "jwt" and doc.media == "jwt":
        yield TYP.finding(
            f'typ "JWT" is generic: a VCDM 2.0 {what} SHOULD say {expected[0]}', "", severity="warning"
        )
    elif norm not in expected and not (doc.media == "sd-jwt" and norm == "dc+sd-jwt"):
        yield TYP.finding(
            f"typ is {typ!r}, not {expected[0]}: this is not a secured {what}", "", value=str(typ)
        )
    cty = header.get("cty")
    want = "vp" if what == "presentation" else "vc"
    if cty is not None and (not isinstance(cty, str) or cty.lower().removeprefix("application/") != want):
        yield CTY.finding(f"cty is {cty!r}, not {want!r}", "", value=str(cty))


def claim_findings(doc: Document) -> Iterator[Finding]:
    claims = doc.data if isinstance(doc.data, dict) else {}
    for name in ("vc", "vp"):
        if name in claims:
            yield FORBIDDEN.finding(
                f"the JWT claim {name!r} must not be present in a VCDM 2.0 payload (the payload is the "
                "credential itself)",
                f"/{name}",
            )
    if _what(claims) != "presentation":
        yield from iss_findings(doc, claims)
        return
    creds = claims.get("verifiableCredential")
    for i, vc in enumerate(creds if isinstance(creds, list) else [] if creds is None else [creds]):
        ptr = f"/verifiableCredential/{i}" if isinstance(creds, list) else "/verifiableCredential"
        types = vc.get("type") if isinstance(vc, dict) else None
        vid = vc.get("id") if isinstance(vc, dict) else None
        if not (isinstance(types, str | list) and "EnvelopedVerifiableCredential" in types):
            yield ENVELOPED.finding("the credential is not an EnvelopedVerifiableCredential", ptr)
        elif not (
            isinstance(vid, str)
            and vid.startswith("data:")
            and vid[5:].split(",", 1)[0].split(";")[0] in _ENVELOPED_MEDIA
        ):
            yield ENVELOPED.finding(
                f"the enveloped credential's id {str(vid)[:60]!r} is not a data: URL of a secured credential",
                ptr + "/id",
            )


def iss_findings(doc: Document, claims: dict[str, Any]) -> Iterator[Finding]:
    issuer = issuer_id(claims)
    iss = claims.get("iss")
    if iss is not None:
        if issuer is not None and iss != issuer:
            yield ISS.finding(f"iss is {str(iss)[:80]!r} but the issuer is {issuer[:80]!r}", "/iss")
        return
    if doc.media != "jwt":
        return  # COSE: iss would be a CWT claim (label 1 of header 15), not a payload member
    header = doc.meta.get("jwt_header")
    kid = header.get("kid") if isinstance(header, dict) else None
    url_issuer = issuer is not None and issuer.startswith(("http://", "https://"))
    if isinstance(kid, str) and url_issuer and not kid.startswith(("http://", "https://")):
        yield ISS.finding(
                f"there is no iss and the kid {kid[:60]!r} is not an absolute URL: it does not name a "
                "verification method of the issuer's controller document",
                "",
            )


def cose_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    raw = doc.meta.get("cose_bytes")
    if not isinstance(raw, bytes):
        return
    sign1 = cose.decode(raw)
    claims = doc.data if isinstance(doc.data, dict) else {}
    alg_id = sign1.alg
    label = f"the COSE signature (alg {alg_id})"
    alg = cose.ALGORITHMS.get(alg_id) if isinstance(alg_id, int) else None
    try:
        if alg is None:
            raise NotChecked("proof.not-checked", f"COSE algorithm {alg_id!r} is not one mcconform verifies")
        label = f"the COSE signature ({alg})"
        header = {"kid": sign1.kid} if sign1.kid is not None else {}
        key = jwt_key(header, claims, ctx)
        jose.check_alg(alg, key.key)
        holder = claims.get("holder")
        holder = holder.get("id") if isinstance(holder, dict) else holder
        issuer = issuer_id(claims) or next(
            (v for v in (claims.get("iss"), holder) if isinstance(v, str)), None
        )
        binding = binding_issues(key, issuer, "", label, ctx)
        ok = jose.verify_signature(alg, key.key, sign1.signing_input(), sign1.signature)
    except (TrustError, NotChecked) as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", e.pointer))
        return
    for issue in binding:
        yield to_finding(issue)
    if not ok:
        yield COSE_SIGNATURE.finding(f"{label}: the signature does not verify with {key.id}", "")
    elif not any(i.rule == "key.issuer" for i in binding):
        yield to_finding(Issue("proof.verified", f"{label}: verified with {key.id} ({key.kind})", ""))


@check("vc-jose")
def check_vc_jose(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from guarded(_check, doc, ctx, NOT_CHECKED, "the VC-JOSE-COSE envelope could not be checked")


def _check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.readable or doc.media not in ("jwt", "cose", "sd-jwt") or doc.base:
        return
    if doc.media == "cose":
        header = doc.meta.get("cose_header") or {}
        yield from media_findings(doc, header)
        yield from claim_findings(doc)
        yield from cose_findings(doc, ctx)
        return
    if not is_vcdm2(doc.data):
        return  # VC 1.1 JWT (the jwt check) or SD-JWT VC (the sd-jwt check)
    header = doc.meta.get("jwt_header")
    if isinstance(header, dict) and doc.media == "jwt":
        yield from media_findings(doc, header)
    yield from claim_findings(doc)
