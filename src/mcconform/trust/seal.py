"""Sealed European Digital Credentials: ``{"payload": ..., "signatures": [...]}``.

The EDC seal is a JAdES signature (ETSI TS 119 182-1) in the JWS JSON serialization (RFC 7515
section 7.2.1): each signature has a base64url ``protected`` header (``alg``, ``x5c`` with the
signing certificate first, ``x5t#S256``, usually ``b64: false`` with ``crit: ["b64", ...]``
for an unencoded payload, RFC 7797), an optional unprotected ``header`` and the
``signature``.  mcconform checks that this structure is well formed and that the signature
verifies over the payload with the public key of the certificate it names: the payload is the
one that was sealed.  Whether that certificate is trusted (a qualified seal of the issuer,
chaining to a trust list) needs a trust anchor: with ``--trust-anchor FILE`` the ``x5c`` chain
is checked up to it (signatures and validity periods at ``--now``); without one the chain is
reported as not checked.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from .dataintegrity import Issue
from .jose import ALGORITHMS, b64url, check_alg, verify_signature
from .keys import NotChecked, TrustError

#: header parameters this verifier understands (for ``crit``)
UNDERSTOOD = {"b64", "sigT", "sigD", "adoTst", "sigPId", "srCms", "sigPl", "srAts", "etsiU"}


def _cert(b64: Any, where: str) -> x509.Certificate:
    if not isinstance(b64, str):
        raise TrustError("seal.malformed", f"{where} is not a base64 string")
    try:
        return x509.load_der_x509_certificate(base64.b64decode(b64, validate=True))
    except (ValueError, binascii.Error) as e:
        raise TrustError("seal.malformed", f"{where} is not a base64 DER X.509 certificate: {e}") from None


def load_anchors(path: str) -> list[x509.Certificate]:
    """Certificates (PEM, one or more, or a single DER) from ``--trust-anchor FILE``."""
    raw = Path(path).read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in raw:
        return x509.load_pem_x509_certificates(raw)
    return [x509.load_der_x509_certificate(raw)]


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    key = issuer.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            pad: padding.AsymmetricPadding = (
                padding.PSS(padding.MGF1(cert.signature_hash_algorithm), padding.PSS.AUTO)  # type: ignore[arg-type]
                if cert.signature_algorithm_oid == x509.SignatureAlgorithmOID.RSASSA_PSS
                else padding.PKCS1v15()
            )
            key.verify(cert.signature, cert.tbs_certificate_bytes, pad, cert.signature_hash_algorithm)  # type: ignore[arg-type]
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm))  # type: ignore[arg-type]
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes)
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def check_chain(chain: list[x509.Certificate], anchors: list[x509.Certificate], now: datetime) -> list[Issue]:
    """The x5c chain must lead, certificate by certificate, to one of the anchors."""
    out: list[Issue] = []
    for i, cert in enumerate(chain):
        if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
            out.append(
                Issue(
                    "seal.chain",
                    f"certificate {i} ({cert.subject.rfc4514_string()}) is not valid at the time of checking "
                    f"(valid {cert.not_valid_before_utc.isoformat()} to "
                    f"{cert.not_valid_after_utc.isoformat()})",
                )
            )
    anchor_der = {a.fingerprint(a.signature_hash_algorithm or _sha256()) for a in anchors}
    for i, cert in enumerate(chain):
        if (
            any(cert == a for a in anchors)
            or cert.fingerprint(cert.signature_hash_algorithm or _sha256()) in anchor_der
        ):
            return out
        if any(_signed_by(cert, a) for a in anchors):
            return out
        if i + 1 < len(chain) and not _signed_by(cert, chain[i + 1]):
            out.append(Issue("seal.chain", f"certificate {i} is not signed by certificate {i + 1} of x5c"))
            return out
    out.append(Issue("seal.chain", "the x5c certificate chain does not lead to the trust anchor"))
    return out


def _sha256() -> Any:
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def verify_sealed(
    envelope: dict[str, Any], anchors: list[x509.Certificate] | None, now: datetime
) -> list[Issue]:
    """Issues for every signature of a sealed credential (pointers into the envelope)."""
    payload = envelope.get("payload")
    sigs = envelope.get("signatures")
    if not isinstance(sigs, list) or not sigs:
        return [Issue("seal.malformed", "a sealed credential has a non-empty signatures list", "/signatures")]
    if not isinstance(payload, str):
        return [Issue("seal.malformed", "the JWS payload is a string (RFC 7515 section 7.2.1)", "/payload")]
    out: list[Issue] = []
    for i, sig in enumerate(sigs):
        ptr = f"/signatures/{i}"
        try:
            out.extend(_verify_one(sig, payload, ptr, anchors, now))
        except (TrustError, NotChecked) as e:  # NotChecked: an algorithm mcconform does not verify
            out.append(Issue(e.rule, e.message, e.pointer or ptr))
    return out


def _verify_one(
    sig: Any, payload: str, ptr: str, anchors: list[x509.Certificate] | None, now: datetime
) -> list[Issue]:
    if not isinstance(sig, dict) or not isinstance(sig.get("protected"), str):
        raise TrustError("seal.malformed", "a JWS signature object has a protected header string", ptr)
    if not isinstance(sig.get("signature"), str):
        raise TrustError(
            "seal.malformed", "a JWS signature object has a signature string", ptr + "/signature"
        )
    try:
        header = json.loads(b64url(sig["protected"]))
    except (ValueError, TrustError, RecursionError):
        raise TrustError(
            "seal.malformed", "the protected header is not base64url JSON", ptr + "/protected"
        ) from None
    if not isinstance(header, dict):
        raise TrustError("seal.malformed", "the protected header is not a JSON object", ptr + "/protected")
    unprotected = sig.get("header", {})
    if not isinstance(unprotected, dict):
        raise TrustError("seal.malformed", "the unprotected header is not a JSON object", ptr + "/header")
    dup = sorted(set(header) & set(unprotected))
    if dup:
        raise TrustError("seal.malformed", f"header parameters {dup} are both protected and unprotected", ptr)
    try:
        alg = check_alg(header.get("alg"))
    except TrustError as e:
        if e.rule == "proof.not-checked":  # an algorithm mcconform cannot verify: not verified
            raise TrustError(e.rule, e.message, ptr + "/protected") from None
        raise TrustError("seal.malformed", e.message, ptr + "/protected") from None
    crit = header.get("crit", [])
    if not isinstance(crit, list) or any(not isinstance(c, str) or c not in header for c in crit):
        raise TrustError(
            "seal.malformed", "crit must list header parameters present in the protected header", ptr
        )
    unknown = [c for c in crit if c not in UNDERSTOOD]
    if unknown:
        raise TrustError("seal.malformed", f"critical header parameters {unknown} are not understood", ptr)
    b64 = header.get("b64", True)
    if b64 is not True and b64 is not False:
        raise TrustError("seal.malformed", "b64 is a boolean", ptr + "/protected")
    if b64 is False and "b64" not in crit:
        raise TrustError(
            "seal.malformed", "b64: false must be listed in crit (RFC 7797 section 6)", ptr + "/protected"
        )
    x5c = header.get("x5c")
    if not isinstance(x5c, list) or not x5c:
        raise TrustError(
            "seal.malformed", "the protected header has no x5c certificate chain", ptr + "/protected"
        )
    chain = [_cert(c, f"x5c[{n}]") for n, c in enumerate(x5c)]
    leaf = chain[0]
    out: list[Issue] = []
    thumb = header.get("x5t#S256")
    if thumb is not None:
        digest = hashlib.sha256(base64.b64decode(x5c[0])).digest()
        if not isinstance(thumb, str) or b64url(thumb) != digest:
            out.append(
                Issue(
                    "seal.certificate",
                    "x5t#S256 is not the SHA-256 of the signing certificate",
                    ptr + "/protected",
                )
            )
    key = leaf.public_key()
    if not isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise TrustError("seal.certificate", "the signing certificate's key type is not supported", ptr)
    if ALGORITHMS[alg] == "RSA" and not isinstance(key, rsa.RSAPublicKey):
        raise TrustError("key.type", f"alg {alg} but the certificate holds a non-RSA key", ptr)
    signing_input = sig["protected"].encode("ascii") + b"." + (payload.encode("utf-8"))
    if not verify_signature(alg, key, signing_input, b64url(sig["signature"])):
        out.append(
            Issue(
                "seal.signature",
                "the seal does not verify: the payload is not the one that was signed "
                f"(or the signature is corrupt); signer {leaf.subject.rfc4514_string()}",
                ptr + "/signature",
            )
        )
        return out
    subject = leaf.subject.rfc4514_string()
    out.append(
        Issue("seal.verified", f"the seal verifies over the payload ({alg}, certificate {subject})", ptr)
    )
    if anchors is None:
        out.append(
            Issue(
                "seal.chain.not-checked",
                f"the certificate chain of {subject} was not checked: no trust anchor (--trust-anchor FILE)",
                ptr + "/protected",
            )
        )
    else:
        out.extend(Issue(i.rule, i.message, ptr + "/protected") for i in check_chain(chain, anchors, now))
    return out
