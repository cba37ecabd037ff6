"""Reading SD-JWT and COSE-secured credentials into documents (called by :mod:`mcconform.sources`).

- SD-JWT (RFC 9901; SD-JWT VC; VC-JOSE-COSE ``application/vc+sd-jwt``):
  ``<jwt>~<disclosure>~...~[<kb-jwt>]``.  ``doc.data`` is the claims rebuilt from the
  disclosures (what the holder disclosed, without ``_sd`` digests), so the credential checks
  see what a relying party sees; ``doc.media`` is ``"sd-jwt"``.  Disclosures, digests and
  signatures are checked by the ``sd-jwt`` check (:mod:`mcconform.checks.sdjwt`).
- COSE_Sign1 (``application/vc+cose``): binary, or its base64 / base64url text.  ``doc.data``
  is the JSON payload; ``doc.media`` is ``"cose"``; the ``vc-jose`` check verifies it.
"""

from __future__ import annotations

import base64
from typing import Any

from .document import Document
from .limits import Limits
from .parse import UNREADABLE, decode_bytes, parse_json
from .rules import rule
from .trust import cose, sdjwt

SD_MALFORMED = rule(
    "sdjwt.malformed",
    "error",
    "The SD-JWT cannot be decoded.",
    "RFC 9901 (Selective Disclosure for JWTs) section 4 (SD-JWT and SD-JWT+KB data formats)",
    """
    An SD-JWT is the issuer-signed JWT (three base64url parts), then ``~`` and each disclosure
    followed by ``~``, then optionally a key-binding JWT.  Its header and payload are JSON objects.
    PASS: ``eyJ...~WyJzYWx0IiwgIm5hbWUiLCAiQWxpY2UiXQ~``   FAIL: ``eyJ...~~`` (empty disclosure)
    """,
)
COSE_MALFORMED = rule(
    "cose.malformed",
    "error",
    "The COSE-secured credential cannot be decoded.",
    "RFC 9052 section 4.2 (COSE_Sign1); W3C VC-JOSE-COSE section 3.3 (Securing with COSE)",
    """
    ``application/vc+cose`` is a COSE_Sign1 structure (CBOR tag 18, an array of the protected
    header, the unprotected header, the payload and the signature), sent as bytes or as base64
    text (an enveloped credential's data: URL).  Its payload is the credential as JSON.
    PASS: ``0oRYVqQBJgNuYXBwbGljYXRpb24vdmM...`` (base64url of ``d2 84 58 56 ...``).
    FAIL: the hexadecimal text of the bytes (``d28458...``); a payload that is not JSON.
    """,
)
_HEX = frozenset("0123456789abcdefABCDEF")


def _fill_sd_jwt(doc: Document, text: str) -> None:
    doc.media = "sd-jwt"
    doc.meta["envelope"] = "sd-jwt"
    try:
        parsed = sdjwt.parse(text)
    except ValueError as e:
        doc.findings.append(SD_MALFORMED.finding(str(e)))
        return
    doc.meta["jwt_header"] = parsed.header
    doc.data = parsed.claims
    doc.readable = True


def _fill_cose(doc: Document, raw: bytes, limits: Limits) -> None:
    doc.media = "cose"
    doc.meta["envelope"] = "vc-cose"
    try:
        sign1 = cose.decode(raw)
    except ValueError as e:
        doc.findings.append(COSE_MALFORMED.finding(f"not a COSE_Sign1 structure: {e}"))
        return
    doc.meta["cose_header"] = header_summary(sign1)
    doc.meta["cose_bytes"] = raw
    text = decode_bytes(sign1.payload, doc.findings)
    value = parse_json(text, limits, doc.findings) if text is not None else UNREADABLE
    if value is UNREADABLE:
        doc.findings.append(COSE_MALFORMED.finding("the COSE payload is not a JSON credential"))
        return
    doc.data = value
    doc.readable = True


def header_summary(sign1: cose.CoseSign1) -> dict[str, Any]:
    """The COSE headers a report can show (JSON values only)."""
    out: dict[str, Any] = {}
    for label, name in ((1, "alg"), (3, "cty"), (16, "typ")):
        value = sign1.header(label)
        if isinstance(value, int | str):
            out[name] = value
    if sign1.kid is not None:
        out["kid"] = sign1.kid
    return out


def read_text(doc: Document, text: str, limits: Limits) -> bool:
    """Fill ``doc`` when ``text`` is an SD-JWT or a base64 COSE_Sign1; False: neither."""
    stripped = text.strip()
    if sdjwt.looks_like_sd_jwt(stripped):
        _fill_sd_jwt(doc, stripped)
        return True
    raw = cose.decode_text(stripped)
    if raw is not None:
        _fill_cose(doc, raw, limits)
        return True
    if len(stripped) > 16 and stripped[:6].lower() == "d28458" and set(stripped) <= _HEX:
        try:
            bytes.fromhex(stripped)
        except ValueError:
            return False
        doc.media = "cose"
        doc.findings.append(
            COSE_MALFORMED.finding(
                "this is the hexadecimal text of a COSE_Sign1 structure: a COSE-secured credential is "
                "sent as bytes or base64"
            )
        )
        return True
    return False


def read_bytes(doc: Document, raw: bytes, limits: Limits) -> bool:
    """Fill ``doc`` when ``raw`` is binary COSE_Sign1; False otherwise."""
    if raw[:2] != b"\xd2\x84":
        return False
    _fill_cose(doc, raw, limits)
    return True


#: media types of enveloped credentials (VC Data Model 2.0 section 4.13; VC-JOSE-COSE)
ENVELOPED_MEDIA = ("application/vc+jwt", "application/vc+sd-jwt", "application/vc+cose", "application/vc")


def enveloped_credentials(doc: Document) -> list[tuple[str, str]]:
    """(pointer, text) of each ``EnvelopedVerifiableCredential`` with a ``data:`` URL in a presentation.

    Each is checked as a document of its own (source ``<source>#<pointer>``).  Base64 data URLs
    are decoded; a COSE credential stays base64 text (read by :func:`read_text`)."""
    data = doc.data
    if not doc.readable or not isinstance(data, dict):
        return []
    types = data.get("type")
    if "VerifiablePresentation" not in (types if isinstance(types, list) else [types]):
        return []
    creds = data.get("verifiableCredential")
    items = creds if isinstance(creds, list) else [creds]
    out: list[tuple[str, str]] = []
    for i, vc in enumerate(items):
        if not isinstance(vc, dict) or not isinstance(vc.get("id"), str):
            continue
        head, sep, body = vc["id"].partition(",")
        media = head[5:].split(";", 1)[0] if head.startswith("data:") else ""
        if not sep or media not in ENVELOPED_MEDIA:
            continue
        if head.endswith(";base64") and media != "application/vc+cose":
            try:
                body = base64.b64decode(body, validate=True).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                continue
        ptr = f"/verifiableCredential/{i}" if isinstance(creds, list) else "/verifiableCredential"
        out.append((ptr, body))
    return out
