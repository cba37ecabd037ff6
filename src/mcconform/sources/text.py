"""A text into a Document: JSON, a compact JWS / VC-JWT (``jwt.malformed`` when it cannot be
decoded), an SD-JWT or a base64 COSE_Sign1 (:mod:`mcconform.envelopes`)."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from .. import envelopes
from ..document import Document
from ..limits import DEFAULT_LIMITS, Limits
from ..parse import UNREADABLE, json_depth, looks_like_jws, parse_json
from ..rules import rule

JWT_MALFORMED = rule(
    "jwt.malformed",
    "error",
    "The compact JWS/JWT cannot be decoded.",
    "RFC 7515 section 7.1 (JWS Compact Serialization); VC-JWT (VC Data Model 1.1 section 6.3.1)",
    """
    A VC-JWT is three base64url parts separated by dots: header, claims set, signature.  The
    header and the claims set must each decode to a JSON object.
    """,
)


def _b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def decode_jwt(token: str, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Decode a compact JWS into (header, claims, signature); raises ValueError.

    The decoded header and claims obey the same limits as any document (nesting depth)."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise ValueError(f"a compact JWS has 3 parts separated by '.', this has {len(parts)}")
    try:
        header = json.loads(_b64url(parts[0]))
        claims = json.loads(_b64url(parts[1]))
    except RecursionError:
        too_deep = f"the header or claims set is nested more than {limits.max_depth} levels deep"
        raise ValueError(too_deep) from None
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"header or claims set is not base64url-encoded JSON ({e})") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise ValueError("header and claims set must be JSON objects")
    if json_depth(header) > limits.max_depth or json_depth(claims) > limits.max_depth:
        raise ValueError(f"the header or claims set is nested more than {limits.max_depth} levels deep")
    return header, claims, parts[2]


def document_from_text(doc: Document, text: str, limits: Limits) -> Document:
    """Fill ``doc`` from a text that is JSON or a compact JWS/JWT."""
    doc.text = text
    stripped = text.strip()
    # a JSON object is no SD-JWT, COSE text or JWS (each of those starts with a base64 character)
    json_object = stripped[:1] == "{"
    if not json_object and envelopes.read_text(doc, stripped, limits):  # SD-JWT, base64 COSE_Sign1
        return doc
    if not json_object and looks_like_jws(stripped):
        doc.media = "jwt"
        try:
            header, claims, _sig = decode_jwt(stripped, limits)
        except ValueError as e:
            doc.findings.append(JWT_MALFORMED.finding(str(e)))
            return doc
        doc.data = claims
        doc.readable = True
        doc.meta["envelope"] = "vc-jwt"
        doc.meta["jwt_header"] = header
        if isinstance(claims.get("vc"), dict):
            doc.base = "/vc"
        elif isinstance(claims.get("vp"), dict):  # a VP-JWT: the presentation in the vp claim
            doc.base = "/vp"
        return doc
    value = parse_json(text, limits, doc.findings)
    if value is not UNREADABLE:
        doc.data = value
        doc.readable = True
        # a JSON string holding a JWT (some exports quote the token)
        if isinstance(value, str) and looks_like_jws(value):
            return document_from_text(doc, value, limits)
    return doc
