"""Credentials inside documents are documents.

A Verifiable Presentation holds credentials in ``verifiableCredential`` (JSON-LD objects,
compact VC-JWTs, or ``EnvelopedVerifiableCredential`` objects whose ``id`` is a ``data:`` URL);
a VP-JWT holds a presentation in its ``vp`` claim; a CLR 2.0 holds credentials in
``credentialSubject.verifiableCredential``; an ``EnvelopedVerifiableCredential`` document holds
one in its ``data:`` URL.  Each of them is checked as a document of its own, with its own
profiles, and reported with its own source label: ``outer!POINTER`` (``file!/verifiableCredential/0``).

* An inner JSON object shares the outer document's data: its findings' pointers are pointers
  into the outer file (``meta.credential_pointer`` says where the credential is).
* An inner JWT or ``data:`` URL is decoded: its pointers refer to the decoded value, and
  ``meta.pointer_base`` says where the encoded string is in the outer file.

The outer document fails when an inner one fails (``nested.credential-fails`` at the item)
and is not verified when an inner one is not (``nested.credential.not-checked``).  Nesting is
bounded by :attr:`~mcconform.limits.Limits.max_nesting`.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote_to_bytes

from . import detect
from .document import Document
from .limits import Limits
from .parse import looks_like_jws
from .pointer import join
from .report import DocumentReport, Finding
from .rules import rule
from .sources import document_from_text

SPEC_VP = "W3C VC Data Model 2.0 section 4.13 (Verifiable Presentations); VC Data Model 1.1 section 4.10"
SPEC_ENVELOPE = (
    "W3C VC Data Model 2.0 section 4.13.1 (Enveloped Verifiable Credentials); RFC 2397 (data: URLs)"
)

CREDENTIAL_FAILS = rule(
    "nested.credential-fails",
    "error",
    "A credential inside this document does not conform.",
    SPEC_VP + "; Comprehensive Learner Record 2.0 (ClrSubject.verifiableCredential)",
    """
    Every credential inside a presentation, a CLR or an envelope is checked as a document of
    its own and reported under its own source label (``file!/verifiableCredential/0``).  When
    it fails, the document holding it fails too, with this finding at the item.

    PASS: a presentation whose credentials all pass.
    FAIL: a presentation holding an expired Open Badges 3.0 credential (``ob3.expired`` in
    the report of ``file!/verifiableCredential/0``).
    """,
)
CREDENTIAL_NOT_CHECKED = rule(
    "nested.credential.not-checked",
    "warning",
    "A credential inside this document could not be verified.",
    SPEC_VP,
    """
    The inner credential's verdict is ``cantTell`` (something it needs could not be checked
    offline, or no profile applied to it), so the document holding it cannot pass either: its
    verdict is ``cantTell`` (not verified).

    PASS: every inner credential passes.
    FAIL: an inner credential whose proof key could not be fetched offline.
    """,
)
TOO_DEEP = rule(
    "nested.too-deep",
    "error",
    "Credentials are nested deeper than the limit.",
    "mcconform input limits (Limits.max_nesting)",
    """
    Credentials inside presentations inside envelopes... are opened up to a fixed depth
    (8 levels by default) so that a hostile document cannot make the checker recurse without end.

    PASS: a presentation holding credentials.
    FAIL: nine levels of presentations, each enveloping the next.
    """,
)
ENVELOPE_UNREADABLE = rule(
    "nested.envelope-unreadable",
    "error",
    "An enveloped credential's data: URL cannot be read.",
    SPEC_ENVELOPE,
    """
    An ``EnvelopedVerifiableCredential`` (or ``EnvelopedVerifiablePresentation``) carries the
    credential in its ``id``, a ``data:`` URL (``data:application/vc+jwt,eyJ...``).  The URL
    must be a ``data:`` URL whose content is a compact JWT or a JSON object.

    PASS: ``{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,eyJhbGci..."}``
    FAIL: ``{"type": "EnvelopedVerifiableCredential", "id": "https://example.org/vc/1"}``
    """,
)
ENVELOPE_NOT_CHECKED = rule(
    "nested.envelope.not-checked",
    "warning",
    "An enveloped credential is in a format mcconform cannot open.",
    SPEC_ENVELOPE,
    """
    The ``data:`` URL's media type is one mcconform does not decode (``application/vc+cose``,
    for example): the credential inside is not checked, so the document is not verified.

    PASS: ``data:application/vc+jwt,...`` or ``data:application/vc+ld+json,{...}``.
    FAIL: ``data:application/vc+cose;base64,...``.
    """,
)

ENVELOPED_TYPES = {"EnvelopedVerifiableCredential", "EnvelopedVerifiablePresentation"}


@dataclass
class Embedded:
    """What a document holds: inner documents (with the pointer of each item in the outer
    document's data) and findings about items that could not be opened."""

    items: list[tuple[str, Document]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def holders(doc: Document) -> list[str]:
    """Pointers (into ``doc.data``) of the lists of credentials ``doc`` holds."""
    cred = doc.credential
    if not isinstance(cred, dict):
        return []
    if doc.kind in (detect.VC_PRESENTATION, detect.EDC_PRESENTATION):
        return [doc.at("/verifiableCredential")] if "verifiableCredential" in cred else []
    if doc.kind == detect.CLR_CREDENTIAL:
        subject = cred.get("credentialSubject")
        if isinstance(subject, dict):
            found = "verifiableCredential" in subject
            return [doc.at("/credentialSubject/verifiableCredential")] if found else []
        if isinstance(subject, list):
            return [
                doc.at(f"/credentialSubject/{i}/verifiableCredential")
                for i, s in enumerate(subject)
                if isinstance(s, dict) and "verifiableCredential" in s
            ]
    return []


def embedded(doc: Document, limits: Limits) -> Embedded:
    """The credentials inside ``doc`` (already detected), as documents of their own."""
    out = Embedded()
    if not doc.readable or not isinstance(doc.credential, dict):
        return out
    level = int(doc.meta.get("nesting", 0)) + 1
    from .pointer import resolve

    slots: list[tuple[str, Any]] = []
    if doc.kind == detect.VC_ENVELOPE:
        slots.append((doc.base, doc.credential))
    for holder in holders(doc):
        value = resolve(doc.data, holder)
        if isinstance(value, list):
            slots.extend((join(holder, i), v) for i, v in enumerate(value))
        else:
            slots.append((holder, value))
    for pointer, value in slots:
        if not isinstance(value, dict | str):
            continue  # not a credential: the data model checks say so
        if level > limits.max_nesting:
            out.findings.append(
                TOO_DEEP.finding(f"credentials nested more than {limits.max_nesting} levels deep", pointer)
            )
            continue
        inner = _open(doc, pointer, value, limits, out.findings)
        if inner is not None:
            inner.meta["nesting"] = level
            inner.meta["embedded_in"] = doc.source
            out.items.append((pointer, inner))
    return out


def _label(doc: Document, pointer: str) -> str:
    return f"{doc.source}!{pointer or '/'}"


def _outer_base(doc: Document) -> str:
    return str(doc.meta.get("pointer_base", ""))


def _open(
    doc: Document, pointer: str, value: Any, limits: Limits, findings: list[Finding]
) -> Document | None:
    if isinstance(value, str):
        if not looks_like_jws(value.strip()):
            return None  # a URL or other reference: not embedded
        inner = Document(source=_label(doc, pointer))
        document_from_text(inner, value, limits)
        inner.meta["pointer_base"] = _outer_base(doc) + pointer
        return inner
    if set(detect.types_of(value)) & ENVELOPED_TYPES:
        return _open_envelope(doc, pointer, value, limits, findings)
    inner = Document(source=_label(doc, pointer), data=doc.data, readable=True, base=pointer)
    if doc.media == "json":
        inner.text = doc.text
        for key in ("envelope", "pointer_base", "sealed_payload_text"):
            if key in doc.meta:
                inner.meta[key] = doc.meta[key]
    else:  # inside a JWT or an image: pointers refer to the decoded value; the outer
        # envelope's signature is the outer document's, not this credential's
        inner.meta["envelope"] = "embedded"
        inner.meta["outer_envelope"] = doc.meta.get("envelope") or doc.media
        if "pointer_base" in doc.meta:
            inner.meta["pointer_base"] = doc.meta["pointer_base"]
    return inner


def decode_data_url(url: str) -> tuple[str, bytes]:
    """(media type, content) of a ``data:`` URL (RFC 2397; ``;base64`` and ``;base64url``);
    raises ValueError."""
    if not url.lower().startswith("data:"):
        raise ValueError("it is not a data: URL")
    head, sep, body = url[5:].partition(",")
    if not sep:
        raise ValueError("a data: URL needs a ',' before its content")
    params = [p.strip() for p in head.split(";")]
    media = params[0].lower() or "text/plain"
    encoded = [p.lower() for p in params[1:] if p.lower() in ("base64", "base64url")]
    if encoded and "." in body and _compact(unquote_to_bytes(body).decode("utf-8", "replace")):
        # ``;base64url,eyJ...`` holding a compact JWT (the VCDM 2.0 suite's form): its
        # segments are base64url, the URL's content is the token's text
        return media, unquote_to_bytes(body)
    try:
        if encoded:
            data = body.replace("-", "+").replace("_", "/").strip()
            return media, base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError) as e:
        raise ValueError(f"its base64 content cannot be decoded ({e})") from None
    return media, unquote_to_bytes(body)


def _compact(text: str) -> bool:
    from .trust.sdjwt import looks_like_sd_jwt

    stripped = text.strip()
    return looks_like_jws(stripped) or looks_like_sd_jwt(stripped)


def _open_envelope(
    doc: Document, pointer: str, value: dict[str, Any], limits: Limits, findings: list[Finding]
) -> Document | None:
    url = value.get("id")
    at = join(pointer, "id")
    if not isinstance(url, str):
        findings.append(ENVELOPE_UNREADABLE.finding("the envelope has no data: URL in its id", at))
        return None
    try:
        media, content = decode_data_url(url)
    except ValueError as e:
        findings.append(ENVELOPE_UNREADABLE.finding(f"the envelope's id cannot be read: {e}", at))
        return None
    if "cose" in media or "cbor" in media:
        from . import envelopes

        inner = Document(source=_label(doc, pointer))
        if not envelopes.read_bytes(inner, content, limits):
            findings.append(
                ENVELOPE_NOT_CHECKED.finding(
                    f"the envelope holds {media}, but not a COSE_Sign1 structure mcconform decodes", at
                )
            )
            return None
        inner.meta["envelope"] = "enveloped+" + str(inner.meta.get("envelope") or "cose")
        inner.meta["media_type"] = media
        inner.meta["pointer_base"] = _outer_base(doc) + at
        return inner
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as e:
        findings.append(ENVELOPE_UNREADABLE.finding(f"the envelope's id cannot be read: {e}", at))
        return None
    stripped = text.strip()
    # a JWT media type is opened whatever its content: a malformed or unsigned token is the
    # credential's own finding (jwt.malformed, a missing signature), in its own report
    jwt_media = media.endswith(("+jwt", "+sd-jwt"))
    if not (jwt_media or _compact(stripped) or stripped.startswith("{")):
        findings.append(
            ENVELOPE_UNREADABLE.finding(f"the envelope's {media} content is neither a JWT nor JSON", at)
        )
        return None
    inner = Document(source=_label(doc, pointer))
    if jwt_media and not (_compact(stripped) or stripped.startswith("{")):
        from .sources import JWT_MALFORMED, decode_jwt

        inner.text, inner.media = text, "jwt"
        why = "its segments are not base64url"
        try:
            decode_jwt(stripped)
        except ValueError as e:
            why = str(e)
        inner.findings.append(JWT_MALFORMED.finding(f"the {media} content is not a compact JWS: {why}"))
    else:
        document_from_text(inner, text, limits)
    envelope = inner.meta.get("envelope")
    inner.meta["envelope"] = "enveloped" + (f"+{envelope}" if envelope else "")
    inner.meta["media_type"] = media
    inner.meta["pointer_base"] = _outer_base(doc) + at
    return inner


#: rules of the document's own checks that already report an envelope whose id is no data: URL
ENVELOPE_RULES = ("jose.enveloped-credential", "vc.enveloped-credential")


def _not_said(report: DocumentReport, findings: list[Finding]) -> list[Finding]:
    """``findings`` without an unreadable envelope that the document's checks already report
    at the envelope or its id (one defect, one finding: theirs is the more specific rule, and
    this rule's id goes into its ``also``)."""
    out: list[Finding] = []
    for f in findings:
        places = {f.pointer, f.pointer.removesuffix("/id")}
        said = [
            k
            for k in sorted(report.findings, key=Finding.sort_key)
            if k.rule in ENVELOPE_RULES and k.severity == "error" and k.pointer in places
        ]
        if f.rule != ENVELOPE_UNREADABLE.id or not said:
            out.append(f)
            continue
        keeper = said[0]
        also = tuple(sorted({*keeper.also, f.rule}))
        report.findings = [replace(k, also=also) if k == keeper else k for k in report.findings]
    return out


def fold(report: DocumentReport, found: Embedded, inner: list[tuple[str, DocumentReport]]) -> None:
    """Put into the outer ``report`` what the credentials inside it say."""
    extra = _not_said(report, found.findings)
    for pointer, rep in inner:
        verdict = rep.verdict
        if verdict == "fail":
            first = next((f for f in rep.findings if f.severity == "error"), None)
            why = f": {first.rule} at {first.pointer or '/'}" if first else ""
            extra.append(
                CREDENTIAL_FAILS.finding(f"the credential {rep.source} [{rep.kind}] fails{why}", pointer)
            )
        elif verdict == "cantTell":
            extra.append(
                CREDENTIAL_NOT_CHECKED.finding(
                    f"the credential {rep.source} [{rep.kind}] is not verified", pointer
                )
            )
    if extra:
        report.findings = sorted(set(report.findings) | set(extra), key=Finding.sort_key)
