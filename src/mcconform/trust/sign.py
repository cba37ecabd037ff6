"""Signing, for tests and fixtures: the inverse of what :mod:`mcconform.trust` verifies.

mcconform never signs a user's credential; these helpers make signed test documents
(``tools/make_trust_fixtures.py``, ``tests/test_trust*.py``) with freshly generated keys.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from . import multibase
from .dataintegrity import _digest, canonicalize, proof_config, unsecured
from .keys import multikey_of

PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def did_key(private: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> str:
    """``did:key:<multikey>#<multikey>`` of a key pair."""
    mk = multikey_of(private.public_key())
    return f"did:key:{mk}#{mk}"


def _raw_sig(private: PrivateKey, data: bytes, algo: hashes.HashAlgorithm | None = None) -> bytes:
    if isinstance(private, ed25519.Ed25519PrivateKey):
        return private.sign(data)
    if isinstance(private, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(private.sign(data, ec.ECDSA(algo or hashes.SHA256())))
        size = (private.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return private.sign(data, padding.PKCS1v15(), algo or hashes.SHA256())


def sign_data_integrity(
    credential: dict[str, Any],
    private: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey,
    verification_method: str,
    registry: Any,
    *,
    proof_type: str = "DataIntegrityProof",
    cryptosuite: str | None = "eddsa-rdfc-2022",
    created: str = "2025-01-01T00:00:00Z",
    purpose: str = "assertionMethod",
    append: bool = False,
    proof_id: str | None = None,
    previous_proof: str | list[str] | None = None,
) -> dict[str, Any]:
    """A copy of ``credential`` with one more proof (eddsa-rdfc-2022 / eddsa-2022 /
    ecdsa-rdfc-2019 / Ed25519Signature2020); ``previous_proof`` chains it to the existing
    proofs with those ids (they are signed along with the document)."""
    signed = copy.deepcopy(credential)
    existing = signed.pop("proof", None)
    proof: dict[str, Any] = {"type": proof_type, "created": created}
    if proof_id is not None:
        proof["id"] = proof_id
    if cryptosuite is not None:
        proof["cryptosuite"] = cryptosuite
    proof["verificationMethod"] = verification_method
    proof["proofPurpose"] = purpose
    if previous_proof is not None:
        proof["previousProof"] = previous_proof
    algo: hashes.HashAlgorithm = hashes.SHA256()
    hname = "sha256"
    if isinstance(private, ec.EllipticCurvePrivateKey) and private.curve.name == "secp384r1":
        algo, hname = hashes.SHA384(), "sha384"
    earlier = existing if isinstance(existing, list) else [existing] if existing is not None else []
    wanted = [previous_proof] if isinstance(previous_proof, str) else previous_proof or []
    previous = [p for p in earlier if isinstance(p, dict) and p.get("id") in wanted]
    data = _digest(canonicalize(proof_config(signed, proof), registry, hname), algo) + _digest(
        canonicalize(unsecured(signed, previous), registry, hname), algo
    )
    proof["proofValue"] = multibase.encode(_raw_sig(private, data, algo), "z")
    if append and existing is not None:
        signed["proof"] = [*(existing if isinstance(existing, list) else [existing]), proof]
    else:
        signed["proof"] = proof
    return signed


def _b64(data: bytes) -> str:
    return multibase.b64url_encode(data)


def public_jwk(private: PrivateKey) -> dict[str, Any]:
    pub = private.public_key()
    if isinstance(pub, ed25519.Ed25519PublicKey):
        raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}
    if isinstance(pub, ec.EllipticCurvePublicKey):
        nums = pub.public_numbers()
        size = (pub.curve.key_size + 7) // 8
        crv = {"secp256r1": "P-256", "secp384r1": "P-384"}[pub.curve.name]
        return {
            "kty": "EC",
            "crv": crv,
            "x": _b64(nums.x.to_bytes(size, "big")),
            "y": _b64(nums.y.to_bytes(size, "big")),
        }
    rnums = pub.public_numbers()
    return {
        "kty": "RSA",
        "n": _b64(rnums.n.to_bytes((rnums.n.bit_length() + 7) // 8, "big")),
        "e": _b64(rnums.e.to_bytes((rnums.e.bit_length() + 7) // 8, "big")),
    }


def sign_jws(claims: Any, private: PrivateKey | None, header: dict[str, Any]) -> str:
    """A compact JWS of ``claims`` (JSON) with ``header``; ``private`` None: empty signature."""
    h = _b64(json.dumps(header, separators=(",", ":")).encode())
    p = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{h}.{p}".encode()
    if private is None:
        return f"{h}.{p}."
    alg = header.get("alg", "")
    algo = {"384": hashes.SHA384(), "512": hashes.SHA512()}.get(str(alg)[-3:], hashes.SHA256())
    return f"{h}.{p}.{_b64(_raw_sig(private, signing_input, algo))}"


def public_pem(private: PrivateKey) -> str:
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def sd_jwt(
    claims: dict[str, Any],
    private: PrivateKey,
    header: dict[str, Any],
    disclose: tuple[str, ...] = (),
    *,
    holder: PrivateKey | None = None,
    kb: dict[str, Any] | None = None,
    salt: str = "c2FsdA",
) -> str:
    """An SD-JWT (RFC 9901) of ``claims`` whose top-level ``disclose`` claims are selectively
    disclosable (all disclosed); with ``holder``: ``cnf`` and a key-binding JWT with ``kb`` claims
    (``sd_hash`` added when absent)."""
    import hashlib

    payload = {k: v for k, v in claims.items() if k not in disclose}
    disclosures = []
    for i, name in enumerate(disclose):
        text = _b64(json.dumps([f"{salt}{i}", name, claims[name]]).encode())
        disclosures.append(text)
    if disclosures:
        payload["_sd"] = sorted(_b64(hashlib.sha256(d.encode()).digest()) for d in disclosures)
        payload["_sd_alg"] = "sha-256"
    if holder is not None:
        payload["cnf"] = {"jwk": public_jwk(holder)}
    presented = sign_jws(payload, private, header) + "~" + "".join(d + "~" for d in disclosures)
    if holder is None:
        return presented
    kb_claims = dict(kb or {})
    kb_claims.setdefault("sd_hash", _b64(hashlib.sha256(presented.encode()).digest()))
    alg = "EdDSA" if isinstance(holder, ed25519.Ed25519PrivateKey) else "ES256"
    return presented + sign_jws(kb_claims, holder, {"alg": alg, "typ": "kb+jwt"})


def cose_sign1(payload: bytes, private: PrivateKey, alg: int, protected: dict[int, Any]) -> bytes:
    """A tagged COSE_Sign1 (RFC 9052) of ``payload``; ``protected`` gets ``1: alg``."""
    from . import cbor

    header = cbor.encode({1: alg, **protected})
    to_sign = cbor.encode(["Signature1", header, b"", payload])
    algo = {-35: hashes.SHA384(), -36: hashes.SHA512()}.get(alg, hashes.SHA256())
    return b"\xd2" + cbor.encode([header, {}, payload, _raw_sig(private, to_sign, algo)])
