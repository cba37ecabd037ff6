"""JWS signatures: VC-JWT (OB 3.0 section 8.2, VC-JOSE-COSE), OB 2.0 signed assertions, and
the JWS JSON serialization of sealed European Digital Credentials.

Algorithms: ``EdDSA`` / ``Ed25519`` (Ed25519), ``ES256`` (P-256), ``ES384`` (P-384), ``ES512``
(P-521), ``RS256`` /
``RS384`` / ``RS512`` and ``PS256`` (RSA, at least 2048 bits).  ``alg: none`` and the HMAC
algorithms (``HS256``..., a public key used as a shared secret: the classic algorithm
confusion attack) are refused, and the key type must be the one the algorithm names (an RSA
key never verifies an ``ES256`` token, an EC key never an ``RS256`` one).  Any other algorithm
is not verified (``proof.not-checked``, verdict cantTell), never an error.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from .keys import NotChecked, PublicKey, TrustError, key_kind

#: alg -> key kind it requires
ALGORITHMS: dict[str, str] = {
    "EdDSA": "Ed25519",
    "Ed25519": "Ed25519",
    "ES256": "P-256",
    "ES384": "P-384",
    "ES512": "P-521",
    "RS256": "RSA",
    "RS384": "RSA",
    "RS512": "RSA",
    "PS256": "RSA",
}
_HASH: dict[str, hashes.HashAlgorithm] = {
    "256": hashes.SHA256(),
    "384": hashes.SHA384(),
    "512": hashes.SHA512(),
}


def b64url(part: str) -> bytes:
    if not isinstance(part, str) or any(c in part for c in "+/= \n"):
        raise TrustError("proof.malformed", "a JWS part is not base64url without padding")
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, TypeError):
        raise TrustError("proof.malformed", "a JWS part is not base64url") from None


def check_alg(alg: Any, key: PublicKey | None = None) -> str:
    """The algorithm, if it is acceptable (and matches ``key``); else TrustError."""
    if not isinstance(alg, str) or not alg:
        raise TrustError("proof.jwt-alg", "the JWS header has no alg")
    if alg.lower() == "none":
        raise TrustError("proof.jwt-alg", 'alg "none": the token is not signed')
    if alg.upper().startswith("HS"):
        raise TrustError(
            "proof.jwt-alg",
            f"alg {alg} is a shared-secret MAC: an issuer's public key must never verify it "
            "(algorithm confusion)",
        )
    if alg not in ALGORITHMS:
        raise NotChecked("proof.not-checked", f"the JWS algorithm {alg!r} is not one mcconform verifies")
    if key is not None and key_kind(key) != ALGORITHMS[alg]:
        raise TrustError(
            "key.type", f"alg {alg} needs a {ALGORITHMS[alg]} key, the verification key is {key_kind(key)}"
        )
    return alg


def verify_signature(alg: str, key: PublicKey, signing_input: bytes, signature: bytes) -> bool:
    check_alg(alg, key)
    try:
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signing_input)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            half = {"ES256": 32, "ES384": 48, "ES512": 66}[alg]
            if len(signature) != 2 * half:
                return False
            r, s = int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
            key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(_HASH[alg[2:]]))
        elif isinstance(key, rsa.RSAPublicKey):
            if key.key_size < 2048:
                raise TrustError(
                    "key.type", f"the RSA key has {key.key_size} bits; at least 2048 are required"
                )
            pad: padding.AsymmetricPadding = (
                padding.PSS(padding.MGF1(hashes.SHA256()), hashes.SHA256().digest_size)
                if alg.startswith("PS")
                else padding.PKCS1v15()
            )
            key.verify(signature, signing_input, pad, _HASH[alg[2:]])
        else:
            return False
    except InvalidSignature:
        return False
    return True


def split_compact(token: str) -> tuple[dict[str, Any], bytes, bytes]:
    """(header, signing input, signature) of a compact JWS."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise TrustError("proof.malformed", "a compact JWS has three parts")
    try:
        header = json.loads(b64url(parts[0]))
    except (ValueError, RecursionError):
        raise TrustError("proof.malformed", "the JWS header is not JSON") from None
    if not isinstance(header, dict):
        raise TrustError("proof.malformed", "the JWS header is not a JSON object")
    if header.get("b64") is False:
        raise TrustError("proof.malformed", "a compact VC-JWT cannot use an unencoded payload (b64: false)")
    return header, f"{parts[0]}.{parts[1]}".encode("ascii"), b64url(parts[2])


def verify_compact(token: str, key: PublicKey) -> bool:
    header, signing_input, sig = split_compact(token)
    alg = check_alg(header.get("alg"), key)
    return verify_signature(alg, key, signing_input, sig)
