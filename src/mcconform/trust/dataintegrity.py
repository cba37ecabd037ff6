"""Embedded proofs: W3C VC Data Integrity (DataIntegrityProof) and Ed25519Signature2020.

Cryptosuites verified:

- ``eddsa-rdfc-2022`` (VC Data Integrity EdDSA Cryptosuites v1.0, eddsa-rdfc-2022): RDF Dataset
  Canonicalization (RDFC-1.0) of the proof options (with the document's ``@context``) and of
  the document without its proof, SHA-256 of each, Ed25519 over the concatenation
  ``hash(proof options) || hash(document)``; ``proofValue`` multibase base58btc;
- ``eddsa-2022``: the earlier name of the same algorithm (accepted, with a warning);
- ``Ed25519Signature2020`` (Ed25519 Signature 2020 suite): the same hashing with
  URDNA2015, proof type without cryptosuite;
- ``ecdsa-rdfc-2019`` (ECDSA Cryptosuites v1.0, ecdsa-rdfc-2019): as eddsa-rdfc-2022 with
  ECDSA P-256/SHA-256 (or P-384/SHA-384: the hash of the proof configuration, of the document
  *and* the one RDFC-1.0 labels blank nodes with, :mod:`mcconform.trust.rdfc`), signature ``r || s``;
- ``eddsa-jcs-2022`` / ``ecdsa-jcs-2019``: the same hashing over JCS (RFC 8785,
  :mod:`mcconform.trust.jcs`) instead of RDFC-1.0; a proof ``@context`` must start the document's;
- ``ecdsa-sd-2023`` derived proofs (ECDSA Cryptosuites v1.0, ecdsa-sd-2023,
  "Verify Derived Proof"): the CBOR proof value (header ``0xd9 0x5d 0x01``) carries the base
  signature, the ephemeral public key, one signature per non-mandatory N-Quad, the blank node
  label map and the mandatory indexes.  Base proofs (header ``0xd9 0x5d 0x00``) are meant for
  the holder only and are reported as such.

Proof chains (VC Data Integrity, "Verify Proof Sets and Chains"): a proof with ``previousProof``
is verified over the document with the proofs it names as its ``proof``; the proofs of a set
each over the document without proofs.

Every function returns a list of :class:`Issue` (rule id, message, pointer); the check family
:mod:`mcconform.checks.proof` turns them into findings.
"""

from __future__ import annotations

import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from . import cbor, jcs, multibase, rdfc
from .issue import Issue as Issue  # re-exported: the check families import it from here
from .keys import NotChecked, ResolvedKey, TrustError

EDDSA_SUITES = ("eddsa-rdfc-2022", "eddsa-2022", "eddsa-jcs-2022")
ECDSA_SUITES = ("ecdsa-rdfc-2019", "ecdsa-sd-2023", "ecdsa-jcs-2019")
JCS_SUITES = ("eddsa-jcs-2022", "ecdsa-jcs-2019")
LEGACY_SUITES = {"eddsa-2022": "eddsa-rdfc-2022"}
SUPPORTED_TYPES = ("DataIntegrityProof", "Ed25519Signature2020")


def proof_kind(proof: dict[str, Any]) -> str | None:
    """``"DataIntegrityProof/<suite>"`` or ``"Ed25519Signature2020"``; None when unsupported."""
    types = proof.get("type")
    types = types if isinstance(types, list) else [types]
    if "Ed25519Signature2020" in types:
        return "Ed25519Signature2020"
    if "DataIntegrityProof" in types:
        suite = proof.get("cryptosuite")
        if suite in EDDSA_SUITES or suite in ECDSA_SUITES:
            return f"DataIntegrityProof/{suite}"
    return None


def canonicalize(value: Any, registry: Any, hash_name: str = "sha256") -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD value, contexts from ``registry``;
    ``hash_name`` is the hash RDFC-1.0 labels blank nodes with (sha256 or sha384)."""
    from pyld import jsonld

    from ..jsonld import ContextError

    try:
        out = rdfc.canonical_nquads(value, registry.options(), hash_name)
    except ContextError as e:
        raise NotChecked("proof.not-checked", f"cannot canonicalize: {e}") from None
    except jsonld.JsonLdError as e:
        cause = e
        while cause is not None:
            if isinstance(cause, ContextError):
                raise NotChecked("proof.not-checked", f"cannot canonicalize: {cause}") from None
            cause = getattr(cause, "cause", None) or cause.__cause__
        raise TrustError("proof.canonicalization", f"JSON-LD canonicalization failed: {e}") from None
    except Exception as e:  # pyld raises assorted errors on hostile input
        raise TrustError("proof.canonicalization", f"JSON-LD canonicalization failed: {e}") from None
    return str(out)


def hash_name_for(key: ResolvedKey) -> str:
    """The hash the ECDSA cryptosuites tie to the curve: SHA-384 for P-384, else SHA-256."""
    return "sha384" if key.kind == "P-384" else "sha256"


def proof_config(document: dict[str, Any], proof: dict[str, Any]) -> dict[str, Any]:
    cfg = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in document:
        cfg["@context"] = document["@context"]
    return cfg


def unsecured(document: dict[str, Any], previous: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The document without its proofs; with ``previous`` (a chained proof's earlier proofs, VC Data
    Integrity "Verify Proof Sets and Chains") those proofs put back as its ``proof``."""
    out = {k: v for k, v in document.items() if k != "proof"}
    if previous:
        out["proof"] = previous if len(previous) > 1 else previous[0]
    return out


def previous_proofs(proof: dict[str, Any], all_proofs: Any) -> list[dict[str, Any]]:
    """The proofs a chained proof's ``previousProof`` (an id or a list of ids) names.

    VC Data Integrity 1.0, "Verify Proof Sets and Chains": each id must be the ``id`` of another
    proof of the document; the chained proof is verified over the document with those proofs (and
    only those) as its ``proof``.  A proof without ``previousProof`` gets ``[]`` (proof set:
    verified over the document without any proof)."""
    ref = proof.get("previousProof")
    if ref is None:
        return []
    ids = ref if isinstance(ref, list) else [ref]
    if not ids or not all(isinstance(i, str) and i for i in ids):
        raise TrustError(
            "proof.chain", "previousProof is an id or a list of ids of other proofs", "previousProof"
        )
    others = [p for p in (all_proofs if isinstance(all_proofs, list) else [all_proofs]) if p is not proof]
    found: list[dict[str, Any]] = []
    for i in ids:
        match = [p for p in others if isinstance(p, dict) and p.get("id") == i]
        if not match:
            raise TrustError(
                "proof.chain", f"previousProof {i} is not the id of another proof of the document",
                "previousProof",
            )
        found.append(match[0])
    return found


def _hash_for(key: ResolvedKey) -> hashes.HashAlgorithm:
    return hashes.SHA384() if key.kind == "P-384" else hashes.SHA256()


def _digest(data: str, algo: hashes.HashAlgorithm) -> bytes:
    h = hashlib.sha384() if isinstance(algo, hashes.SHA384) else hashlib.sha256()
    h.update(data.encode("utf-8"))
    return h.digest()


def _ecdsa_verify(pub: Any, sig: bytes, data: bytes, algo: hashes.HashAlgorithm) -> bool:
    half = len(sig) // 2
    if len(sig) not in (64, 96) or not isinstance(pub, ec.EllipticCurvePublicKey):
        return False
    der = encode_dss_signature(int.from_bytes(sig[:half], "big"), int.from_bytes(sig[half:], "big"))
    try:
        pub.verify(der, data, ec.ECDSA(algo))
    except InvalidSignature:
        return False
    return True


def expected_key_kinds(kind: str) -> tuple[str, ...]:
    if kind.startswith("DataIntegrityProof/ecdsa"):
        return ("P-256", "P-384") if kind.endswith("-2019") else ("P-256",)
    return ("Ed25519",)


def verify(
    document: dict[str, Any],
    proof: dict[str, Any],
    kind: str,
    key: ResolvedKey,
    registry: Any,
    previous: list[dict[str, Any]] | None = None,
) -> bool:
    """Verify one embedded proof with ``key``; raises TrustError / NotChecked on malformed input.

    ``previous``: the proofs a chained proof's ``previousProof`` names, signed along with the
    document."""
    value = proof.get("proofValue")
    if not isinstance(value, str):
        raise TrustError("proof.malformed", "the proof has no proofValue string")
    try:
        sig = multibase.decode(value)
    except multibase.MultibaseError as e:
        raise TrustError("proof.malformed", f"proofValue is not multibase: {e}") from None
    if kind == "DataIntegrityProof/ecdsa-sd-2023":
        if not value.startswith("u"):
            raise TrustError("proof.malformed", "an ecdsa-sd-2023 proofValue is multibase base64url ('u')")
        return _verify_sd(document, proof, sig, key, registry, previous)
    if not value.startswith("z"):
        raise TrustError("proof.malformed", f"a {kind} proofValue is multibase base58btc ('z')")
    algo = _hash_for(key)
    if kind.split("/")[-1] in JCS_SUITES:
        data = _jcs_hash_data(document, proof, previous, algo)
        if data is None:
            return False
        return _verify_bytes(key, sig, data, algo)
    hname = hash_name_for(key) if kind.startswith("DataIntegrityProof/ecdsa") else "sha256"
    cfg = canonicalize(proof_config(document, proof), registry, hname)
    doc = canonicalize(unsecured(document, previous), registry, hname)
    return _verify_bytes(key, sig, _digest(cfg, algo) + _digest(doc, algo), algo)


def _jcs_hash_data(
    document: dict[str, Any], proof: dict[str, Any], previous: list[dict[str, Any]] | None, algo: Any
) -> bytes | None:
    """eddsa-jcs-2022 / ecdsa-jcs-2019 "Verify Proof": the proof options (the proof without
    proofValue) and the document, each canonicalized with JCS (RFC 8785) and hashed; a proof
    ``@context`` must be the start of the document's and replaces it (None: it is not)."""
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    doc = unsecured(document, previous)
    if "@context" in options:
        want = options["@context"] if isinstance(options["@context"], list) else [options["@context"]]
        have = doc.get("@context")
        have = have if isinstance(have, list) else [have]
        if have[: len(want)] != want:
            return None
        doc["@context"] = options["@context"]
    try:
        return _digest(jcs.canonicalize(options), algo) + _digest(jcs.canonicalize(doc), algo)
    except jcs.JcsError as e:
        raise TrustError("proof.canonicalization", f"JSON canonicalization (RFC 8785) failed: {e}") from None


def _verify_bytes(key: ResolvedKey, sig: bytes, data: bytes, algo: hashes.HashAlgorithm) -> bool:
    if isinstance(key.key, ed25519.Ed25519PublicKey):
        if len(sig) != 64:
            raise TrustError(
                "proof.malformed", f"an Ed25519 signature has 64 bytes, this proofValue has {len(sig)}"
            )
        try:
            key.key.verify(sig, data)
        except InvalidSignature:
            return False
        return True
    return _ecdsa_verify(key.key, sig, data, algo)


# --- ecdsa-sd-2023 ------------------------------------------------------------------------

SD_BASE_HEADER = b"\xd9\x5d\x00"
SD_DERIVED_HEADER = b"\xd9\x5d\x01"


def parse_derived(raw: bytes) -> tuple[bytes, bytes, list[bytes], dict[str, str], list[int]]:
    if raw[:3] == SD_BASE_HEADER:
        raise TrustError(
            "proof.sd-base",
            "this is an ecdsa-sd-2023 base proof: it is for the holder, who derives a proof from it; "
            "verifiers receive derived proofs",
        )
    if raw[:3] != SD_DERIVED_HEADER:
        raise TrustError("proof.malformed", "an ecdsa-sd-2023 derived proofValue starts with 0xd9 0x5d 0x01")
    try:
        parts = cbor.decode(raw[3:])
    except cbor.CborError as e:
        raise TrustError("proof.malformed", f"the ecdsa-sd-2023 proofValue is not valid CBOR: {e}") from None
    ok = (
        isinstance(parts, list)
        and len(parts) == 5
        and isinstance(parts[0], bytes)
        and isinstance(parts[1], bytes)
        and isinstance(parts[2], list)
        and all(isinstance(s, bytes) for s in parts[2])
        and isinstance(parts[3], dict)
        and isinstance(parts[4], list)
        and all(isinstance(i, int) and not isinstance(i, bool) for i in parts[4])
    )
    if not ok:
        raise TrustError(
            "proof.malformed",
            "an ecdsa-sd-2023 derived proof is "
            "[baseSignature, publicKey, signatures, labelMap, mandatoryIndexes]",
        )
    label_map: dict[str, str] = {}
    for k, v in parts[3].items():
        if not isinstance(k, int) or not isinstance(v, bytes):
            raise TrustError("proof.malformed", "the compressed label map maps integers to byte strings")
        label_map[f"c14n{k}"] = "u" + multibase.b64url_encode(v)
    return parts[0], parts[1], parts[2], label_map, parts[4]


def relabel(nquads: str, label_map: dict[str, str]) -> list[str]:
    """Canonical N-Quads with ``_:c14nN`` labels replaced by the label map, sorted."""
    import re

    def sub(m: re.Match[str]) -> str:
        label = m.group(1)
        if label not in label_map:
            raise TrustError("proof.signature", f"blank node _:{label} is not in the proof's label map")
        return "_:" + label_map[label]

    lines = [ln + "\n" for ln in nquads.split("\n") if ln]
    return sorted(re.sub(r"_:(c14n\d+)", sub, ln) for ln in lines)


def _verify_sd(
    document: dict[str, Any],
    proof: dict[str, Any],
    raw: bytes,
    key: ResolvedKey,
    registry: Any,
    previous: list[dict[str, Any]] | None = None,
) -> bool:
    base_sig, ephemeral, sigs, label_map, mandatory_idx = parse_derived(raw)
    proof_hash = hashlib.sha256(canonicalize(proof_config(document, proof), registry).encode()).digest()
    quads = relabel(canonicalize(unsecured(document, previous), registry), label_map)
    if any(i < 0 or i >= len(quads) for i in mandatory_idx):
        return False
    mandatory_set = set(mandatory_idx)
    mandatory = [q for i, q in enumerate(quads) if i in mandatory_set]
    non_mandatory = [q for i, q in enumerate(quads) if i not in mandatory_set]
    if len(sigs) != len(non_mandatory):
        return False
    mandatory_hash = hashlib.sha256("".join(mandatory).encode()).digest()
    if not _ecdsa_verify(key.key, base_sig, proof_hash + ephemeral + mandatory_hash, hashes.SHA256()):
        return False
    try:
        code, point = (
            multibase.varint_decode(ephemeral)[0],
            ephemeral[multibase.varint_decode(ephemeral)[1] :],
        )
        if code != multibase.P256_PUB:
            return False
        eph = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except (multibase.MultibaseError, ValueError):
        return False
    return all(
        _ecdsa_verify(eph, s, q.encode(), hashes.SHA256()) for s, q in zip(sigs, non_mandatory, strict=True)
    )
