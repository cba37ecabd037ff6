"""Which kind of document is this?

Detection looks at the ``type`` and ``@context`` of the credential (inside its envelope, if
any) and never fails: a document it cannot place is of kind ``unknown``, with a finding.
Sealed European Digital Credentials (``{"payload": ..., "signatures": [...]}``) are opened
here: the payload becomes the document data (pointers then refer to the decoded payload).
"""

from __future__ import annotations

from typing import Any

from . import forms
from .document import Document
from .limits import Limits
from .parse import UNREADABLE, json_type, parse_json
from .rules import rule

# kinds
OB3_CREDENTIAL = "ob3-credential"
OB3_ENDORSEMENT = "ob3-endorsement"
OB3_PROFILE = "ob3-profile"
OB3_ACHIEVEMENT = "ob3-achievement"
CLR_CREDENTIAL = "clr-credential"
VC_CREDENTIAL = "vc-credential"
VC_PRESENTATION = "vc-presentation"
OB2_ASSERTION = "ob2-assertion"
OB2_BADGECLASS = "ob2-badgeclass"
OB2_ISSUER = "ob2-issuer"
OB2_KEY = "ob2-cryptographic-key"
OB2_REVOCATION_LIST = "ob2-revocation-list"
OB2_ENDORSEMENT = "ob2-endorsement"
OB1_ASSERTION = "ob1-assertion"
OB2_NODE = "ob2-node"
EDC_CREDENTIAL = "edc-credential"
EDC_PRESENTATION = "edc-presentation"
JWT = "vc-jwt"
SD_JWT_VC = "sd-jwt-vc"
HOSTED_REFERENCE = "hosted-reference"
STATUS_LIST = "status-list-credential"
VC_ENVELOPE = "vc-envelope"
UNKNOWN = "unknown"
UNREADABLE_KIND = "unreadable"

KINDS = {
    OB3_CREDENTIAL: "Open Badges 3.0 credential (OpenBadgeCredential / AchievementCredential)",
    OB3_ENDORSEMENT: "Open Badges 3.0 EndorsementCredential",
    OB3_PROFILE: "Open Badges 3.0 Profile (issuer metadata)",
    OB3_ACHIEVEMENT: "Open Badges 3.0 Achievement",
    CLR_CREDENTIAL: "Comprehensive Learner Record 2.0 credential",
    VC_CREDENTIAL: "W3C Verifiable Credential (not an Open Badge or EDC)",
    VC_PRESENTATION: "W3C Verifiable Presentation",
    STATUS_LIST: "Status list credential (BitstringStatusList / StatusList2021 / 1EdTechRevocationList)",
    OB2_ASSERTION: "Open Badges 2.0 Assertion",
    OB2_BADGECLASS: "Open Badges 2.0 BadgeClass",
    OB2_ISSUER: "Open Badges 2.0 Issuer / Profile",
    OB2_KEY: "Open Badges 2.0 CryptographicKey",
    OB2_REVOCATION_LIST: "Open Badges 2.0 RevocationList",
    OB2_ENDORSEMENT: "Open Badges 2.0 Endorsement",
    OB1_ASSERTION: "Open Badges 1.x Assertion",
    OB2_NODE: "Open Badges 2.0 document of another class (AlignmentObject, Criteria, an extension class...)",
    EDC_CREDENTIAL: "European Digital Credential (ELM v3)",
    EDC_PRESENTATION: "European Digital Presentation (ELM v3)",
    JWT: "VC-JWT whose claims hold no recognisable credential",
    SD_JWT_VC: "SD-JWT VC (IETF SD-JWT-based Verifiable Credential, with vct)",
    HOSTED_REFERENCE: "URL of a hosted badge (from a baked image)",
    VC_ENVELOPE: "EnvelopedVerifiableCredential / EnvelopedVerifiablePresentation (its data: URL is checked)",
    UNKNOWN: "not a recognised credential or issuer document",
    UNREADABLE_KIND: "could not be read (see its findings)",
}

UNKNOWN_KIND = rule(
    "detect.unknown-kind",
    "error",
    "The document is not a recognised credential or issuer document.",
    "mcconform detection (Open Badges 2.0/3.0, W3C VC, ELM v3)",
    """
    Detection looks at ``type`` and ``@context``.  Recognised: OB 3.0 OpenBadgeCredential /
    AchievementCredential / EndorsementCredential / Profile / Achievement, VC-JWT, OB 2.0
    Assertion / BadgeClass / Issuer / CryptographicKey / RevocationList, OB 1.x assertions,
    European Digital Credentials (plain or sealed).  Anything else gets this finding.
    """,
)
SEALED_PAYLOAD = rule(
    "edc.sealed-payload",
    "error",
    "The payload of a sealed European Digital Credential cannot be read.",
    "European Digital Credentials: sealed credential (JAdES / JWS JSON serialization)",
    'A sealed EDC is ``{"payload": "<credential JSON>", "signatures": [...]}``; its payload must be JSON.',
)

OB2_CONTEXTS = ("https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")
OB1_CONTEXTS = ("https://w3id.org/openbadges/v1", "http://openbadges.org/")
EDC_CONTEXT_MARK = "data.europa.eu/snb/model/context"
OB3_CONTEXT_MARK = "purl.imsglobal.org/spec/ob/v3p0"
CLR_CONTEXT_MARK = "purl.imsglobal.org/spec/clr/v2p0"
VC_BASE_CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1")


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def types_of(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return []
    raw = obj.get("type", obj.get("@type"))
    return [t for t in as_list(raw) if isinstance(t, str)]


def contexts_of(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return []
    return [c for c in as_list(obj.get("@context")) if isinstance(c, str)]


def _short(t: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in t:
            t = t.rsplit(sep, 1)[1]
    return t


def _open_sealed(doc: Document, limits: Limits) -> None:
    data = doc.data
    payload = data["payload"]
    doc.meta["envelope"] = "sealed-edc"
    doc.meta["signatures"] = len(data.get("signatures") or [])
    doc.meta["pointer_base"] = "/payload"
    if isinstance(payload, str):
        findings: list[Any] = []
        value = parse_json(payload, limits, findings)
        if value is UNREADABLE:
            for f in findings:
                doc.findings.append(
                    SEALED_PAYLOAD.finding(f"the payload is not JSON: {f.message}", "/payload")
                )
            doc.readable = False
            return
        doc.meta["sealed_payload_text"] = True
        doc.data = value
    else:
        doc.data = payload


def classify(obj: Any, contexts: list[str]) -> str:
    types = {_short(t) for t in types_of(obj)}
    ctx = " ".join(contexts)
    if not isinstance(obj, dict):
        return UNKNOWN
    if "EuropeanDigitalCredential" in types or (EDC_CONTEXT_MARK in ctx and "VerifiableCredential" in types):
        return EDC_CREDENTIAL
    if "EuropeanDigitalPresentation" in types:
        return EDC_PRESENTATION
    if "VerifiablePresentation" in types:
        return VC_PRESENTATION
    if types & {"OpenBadgeCredential", "AchievementCredential"}:
        return OB3_CREDENTIAL
    if "EndorsementCredential" in types:
        return OB3_ENDORSEMENT
    if "ClrCredential" in types:
        return CLR_CREDENTIAL
    if types & {"BitstringStatusListCredential", "StatusList2021Credential", "1EdTechRevocationList"}:
        return STATUS_LIST
    if "VerifiableCredential" in types:
        return VC_CREDENTIAL
    if types & {"EnvelopedVerifiableCredential", "EnvelopedVerifiablePresentation"}:
        return VC_ENVELOPE
    is_ob2 = any(c in OB2_CONTEXTS for c in contexts) or "openbadges/v2" in ctx
    is_ob3 = OB3_CONTEXT_MARK in ctx
    if is_ob3 and types & {"Profile", "Issuer"}:
        return OB3_PROFILE
    if is_ob3 and "Achievement" in types:
        return OB3_ACHIEVEMENT
    if types & {"Assertion"}:
        return OB2_ASSERTION
    if types & {"BadgeClass"}:
        return OB2_BADGECLASS
    if types & {"Issuer", "Profile"}:
        return OB2_ISSUER if (is_ob2 or not is_ob3) else OB3_PROFILE
    if "CryptographicKey" in types:
        return OB2_KEY
    if "RevocationList" in types:
        return OB2_REVOCATION_LIST
    if "Endorsement" in types:
        return OB2_ENDORSEMENT
    if not contexts and "recipient" in obj and "badge" in obj:
        return OB1_ASSERTION
    if any(c.startswith(OB1_CONTEXTS) for c in contexts) and "recipient" in obj:
        return OB1_ASSERTION
    if is_ob2 or _inline_ob2_context(obj.get("@context")):
        return OB2_NODE
    if any(c in VC_BASE_CONTEXTS for c in contexts):
        # VC-shaped without its type: the vc profile says what is missing
        presentation = "verifiableCredential" in obj or "holder" in obj
        presentation = presentation or any(t.endswith("Presentation") for t in types)
        return VC_PRESENTATION if presentation else VC_CREDENTIAL
    return UNKNOWN


def implied_profiles(obj: Any, kind: str) -> list[str]:
    """Profiles that what a plain VC says it is brings, whatever its type: the OB 3.0
    context or an ``achievement`` subject bring ob3 (which then says the type lacks
    OpenBadgeCredential).  (The EDC context already makes a VC an edc-credential, which
    brings elm-edc.)"""
    if kind != VC_CREDENTIAL or not isinstance(obj, dict):
        return []
    subjects = as_list(obj.get("credentialSubject"))
    if OB3_CONTEXT_MARK in " ".join(contexts_of(obj)) or any(
        isinstance(s, dict) and "achievement" in s for s in subjects
    ):
        return ["ob3"]
    return []


def _inline_ob2_context(ctx: Any) -> bool:
    """An inline @context object that defines the OB 2.0 vocabulary (``obi:``)."""
    return any(
        isinstance(c, dict) and c.get("obi") == "https://w3id.org/openbadges#" and "Assertion" in c
        for c in as_list(ctx)
    )


def detect(doc: Document, limits: Limits) -> str:
    """Set and return ``doc.kind``; add a finding when the kind is unknown."""
    if not doc.readable:
        doc.kind = UNREADABLE_KIND
        return doc.kind
    data = doc.data
    if isinstance(data, dict) and "payload" in data and isinstance(data.get("signatures"), list):
        _open_sealed(doc, limits)
        if not doc.readable:
            doc.kind = UNREADABLE_KIND
            return doc.kind
    if isinstance(doc.data, str) and doc.meta.get("hosted_url"):
        doc.kind = HOSTED_REFERENCE
        return doc.kind
    forms.unwrap_upload(doc)
    cred = doc.credential
    kind = classify(cred, contexts_of(cred))
    if kind in (VC_CREDENTIAL, VC_PRESENTATION) and isinstance(cred, dict) and "@graph" in cred:
        # nodes in @graph under a VC @context, no type at the top: a JSON-LD form (one defect,
        # detect.jsonld-form), not a credential missing its type, issuer, subject...
        kind = UNKNOWN if not types_of(cred) else kind
    if kind == UNKNOWN and doc.media == "jwt":
        kind = JWT
    if kind == UNKNOWN and doc.media == "sd-jwt" and isinstance(cred, dict) and "@context" not in cred:
        kind = SD_JWT_VC  # an SD-JWT that is not a VCDM credential: SD-JWT VC (vct checked by sd-jwt)
    doc.kind = kind
    form = forms.jsonld_form(cred) if kind == UNKNOWN else None
    if form is not None:
        doc.findings.append(form)
    elif kind in (UNKNOWN, JWT):
        if isinstance(cred, dict):
            types = types_of(cred)
            detail = f"type {', '.join(types)}" if types else "no type"
        else:
            detail = f"a JSON {json_type(cred)}, not an object"
        doc.findings.append(
            UNKNOWN_KIND.finding(f"not a recognised credential or issuer document ({detail})", doc.base)
        )
    return kind


