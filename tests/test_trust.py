"""The trust layer: embedded proofs, keys, VC-JWT signatures (profile ``trust``).

Every test signs its own documents with keys generated here (``mcconform.trust.sign``).
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import mcconform
from conftest import FIXTURES
from mcconform.jsonld import ContextRegistry
from mcconform.report import DocumentReport
from mcconform.rules import get
from mcconform.trust import keys, multibase, sign

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BASE = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text("utf-8"))
ISSUER = BASE["issuer"]["id"]
REGISTRY = ContextRegistry()
ED = ed25519.Ed25519PrivateKey.generate()
P256 = ec.generate_private_key(ec.SECP256R1())
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def fragment_vm(private: Any, controller: str = ISSUER) -> str:
    return f"{controller}#{keys.multikey_of(private.public_key())}"


def signed(**kw: Any) -> dict[str, Any]:
    private = kw.pop("private", ED)
    vm = kw.pop("vm", None) or fragment_vm(private)
    return sign.sign_data_integrity(kw.pop("credential", BASE), private, vm, REGISTRY, **kw)


def run(doc: Any, profiles: list[str] | None = None, **options: Any) -> DocumentReport:
    report = mcconform.check(doc, profiles=profiles or ["trust"], now=NOW, **options)
    assert len(report.documents) == 1
    return report.documents[0]


def rules(doc: DocumentReport, severity: str | None = None) -> set[tuple[str, str]]:
    return {(f.rule, f.pointer) for f in doc.findings if severity is None or f.severity == severity}


# --- multibase / multicodec -------------------------------------------------------------------


def test_multibase_round_trip() -> None:
    for data in (b"", b"\0\0abc", bytes(range(256))):
        assert multibase.decode(multibase.encode(data, "z")) == data
        assert multibase.decode(multibase.encode(data, "u")) == data
    mk = keys.multikey_of(ED.public_key())
    assert mk.startswith("z6Mk")
    assert keys.multikey_of(P256.public_key()).startswith("zDn")
    code, raw = multibase.decode_multikey(mk)
    assert code == 0xED and len(raw) == 32
    with pytest.raises(multibase.MultibaseError):
        multibase.decode("m" + "AAAA")
    with pytest.raises(multibase.MultibaseError):
        multibase.decode_multikey("z" + multibase.b58encode(b"\xed\x01" + b"\0" * 31))


# --- Data Integrity ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("private", "proof_type", "suite"),
    [
        (ED, "DataIntegrityProof", "eddsa-rdfc-2022"),
        (ED, "Ed25519Signature2020", None),
        (P256, "DataIntegrityProof", "ecdsa-rdfc-2019"),
    ],
)
def test_signed_credential_verifies(private: Any, proof_type: str, suite: str | None) -> None:
    cred = signed(private=private, proof_type=proof_type, cryptosuite=suite)
    if proof_type == "Ed25519Signature2020":
        cred["@context"] = [*cred["@context"]]  # the OB 3.0 context defines the proof terms
    doc = run(cred)
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("proof.verified", "/proof") in rules(doc)
    assert ("key.fragment", "/proof/verificationMethod") in rules(doc)


def test_did_key_verifies_and_warns_when_not_the_issuer() -> None:
    doc = run(signed(vm=sign.did_key(ED)))
    assert doc.profiles["trust"].verdict == "pass"
    assert ("key.issuer-binding", "/proof/verificationMethod") in rules(doc, "warning")
    did = sign.did_key(ED).split("#")[0]
    cred = copy.deepcopy(BASE)
    cred["issuer"]["id"] = did
    doc = run(signed(credential=cred, vm=sign.did_key(ED)))
    assert doc.profiles["trust"].verdict == "pass"
    assert not any(f.rule == "key.issuer-binding" for f in doc.findings)


def test_legacy_eddsa_2022_warns() -> None:
    doc = run(signed(cryptosuite="eddsa-2022"))
    assert doc.profiles["trust"].verdict == "pass"
    assert ("proof.legacy-cryptosuite", "/proof/cryptosuite") in rules(doc, "warning")


def test_key_of_another_controller_is_refused() -> None:
    doc = run(signed(vm=fragment_vm(ED, "https://forger.example/issuer")))
    assert doc.profiles["trust"].verdict == "fail"
    assert ("key.issuer", "/proof/verificationMethod") in rules(doc, "error")


def test_proof_purpose_must_be_assertion_method() -> None:
    doc = run(signed(purpose="authentication"))
    assert ("proof.purpose", "/proof/proofPurpose") in rules(doc, "error")


def test_key_type_must_match_the_suite() -> None:
    cred = signed(private=P256, cryptosuite="ecdsa-rdfc-2019")
    cred["proof"]["cryptosuite"] = "eddsa-rdfc-2022"
    doc = run(cred)
    assert ("key.type", "/proof/verificationMethod") in rules(doc, "error")


def test_missing_proof() -> None:
    doc = run(BASE)
    assert doc.profiles["trust"].verdict == "fail"
    assert ("proof.missing", "") in rules(doc, "error")


def test_multiple_proofs_are_each_verified() -> None:
    other = ed25519.Ed25519PrivateKey.generate()
    two = signed(credential=signed(), private=other, append=True)
    assert isinstance(two["proof"], list) and len(two["proof"]) == 2
    doc = run(two)
    assert doc.profiles["trust"].verdict == "pass"
    assert {("proof.verified", "/proof/0"), ("proof.verified", "/proof/1")} <= rules(doc)
    # the second proof broken: reported at its own pointer, the first still verifies
    two["proof"][1]["created"] = "2025-02-02T00:00:00Z"
    doc = run(two)
    assert doc.profiles["trust"].verdict == "fail"
    assert ("proof.signature", "/proof/1/proofValue") in rules(doc, "error")
    assert ("proof.verified", "/proof/0") in rules(doc)


def test_only_unsupported_proofs_is_cant_tell() -> None:
    cred = copy.deepcopy(BASE)
    cred["proof"] = {"type": "BbsBlsSignature2020", "proofPurpose": "assertionMethod", "proofValue": "zabc"}
    doc = run(cred)
    assert doc.profiles["trust"].verdict == "cantTell"
    assert {"proof.unsupported", "proof.not-checked"} <= {f.rule for f in doc.findings}


def test_unknown_context_offline_is_cant_tell() -> None:
    cred = signed()
    cred["@context"] = [*cred["@context"], "https://unknown.example/context.json"]
    doc = run(cred)
    assert doc.profiles["trust"].verdict == "cantTell"
    assert ("proof.not-checked", "/proof") in rules(doc)


# --- tamper test: every leaf of a signed credential -----------------------------------------

SIGNED = signed()


def leaves(value: Any, pointer: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaves(v, f"{pointer}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaves(v, f"{pointer}/{i}")]
    return [pointer]


def tampered(doc: dict[str, Any], pointer: str) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    parts = pointer.split("/")[1:]
    parent: Any = out
    for p in parts[:-1]:
        parent = parent[int(p)] if isinstance(parent, list) else parent[p]
    last: Any = int(parts[-1]) if isinstance(parent, list) else parts[-1]
    value = parent[last]
    if pointer == "/proof/type":
        new: Any = "Ed25519Signature2020"  # another supported type: the proof options change
    elif pointer == "/proof/cryptosuite":
        new = "eddsa-2022"  # an unknown suite would be "not checked"; this one is verified
    elif isinstance(value, bool):
        new = not value
    elif isinstance(value, int | float):
        new = value + 1
    else:
        new = value + "x" if not value.startswith("z6Mk") else value[:-1] + ("x" if value[-1] != "x" else "y")
    parent[last] = new
    return out


LEAVES = leaves(SIGNED)


def test_tamper_leaves_cover_credential_and_proof() -> None:
    assert len(LEAVES) > 25
    assert {
        "/proof/proofValue",
        "/proof/created",
        "/issuer/id",
        "/credentialSubject/achievement/name",
    } <= set(LEAVES)


@pytest.mark.parametrize("pointer", LEAVES)
def test_tampering_any_value_breaks_the_proof(pointer: str) -> None:
    assert run(SIGNED).profiles["trust"].verdict == "pass"
    doc = run(tampered(SIGNED, pointer))
    proof_findings = [
        f for f in doc.findings if f.pointer.startswith("/proof") and f.rule != "proof.verified"
    ]
    if pointer.startswith("/@context/"):
        # an unknown context cannot be loaded offline: not checked (cantTell), never passed
        assert doc.profiles["trust"].verdict == "cantTell", rules(doc)
        assert any(f.rule == "proof.not-checked" for f in proof_findings)
        return
    assert doc.profiles["trust"].verdict == "fail", (pointer, rules(doc))
    errors = [f for f in proof_findings if f.severity == "error"]
    assert errors, (pointer, rules(doc))
    assert all(f.message.startswith("proof ") for f in errors)  # names the proof
    assert not any(f.rule == "proof.verified" for f in doc.findings)


# --- ecdsa-sd-2023 (derived proof of the 1EdTech suite) -----------------------------------------


def test_sd_derived_proof_and_its_tampering() -> None:
    from conftest import corpus_path

    path = corpus_path("openbadges", "1edtech-validator", "vectors", "ob30", "sd", "derivedcredential.json")
    cred = json.loads(path.read_text("utf-8"))
    doc = run(cred)
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("proof.verified", "/proof/0") in rules(doc)
    cred["credentialSubject"]["achievement"]["name"] = "Leadership"
    doc = run(cred)
    assert ("proof.signature", "/proof/0/proofValue") in rules(doc, "error")


# --- did:web through the resource map ------------------------------------------------------


def did_web_fixture(tmp_path: Path, listed: bool = True) -> tuple[dict[str, Any], dict[str, str]]:
    did = "did:web:issuer.example:badges"
    vm = f"{did}#key-1"
    cred = copy.deepcopy(BASE)
    cred["issuer"]["id"] = did
    did_doc = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": vm,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": keys.multikey_of(ED.public_key()),
            }
        ],
        "assertionMethod": [vm] if listed else [],
    }
    (tmp_path / "badges").mkdir()
    (tmp_path / "badges" / "did.json").write_text(json.dumps(did_doc), "utf-8")
    return sign.sign_data_integrity(cred, ED, vm, REGISTRY), {"https://issuer.example/": str(tmp_path)}


def test_did_web_offline_is_not_checked(tmp_path: Path) -> None:
    cred, _ = did_web_fixture(tmp_path)
    doc = run(cred)
    assert doc.profiles["trust"].verdict == "cantTell"
    assert ("key.not-checked", "/proof/verificationMethod") in rules(doc)


def test_did_web_through_resource_map(tmp_path: Path) -> None:
    cred, rmap = did_web_fixture(tmp_path)
    doc = run(cred, resource_map=rmap)
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("proof.verified", "/proof") in rules(doc)


def test_did_web_method_not_for_assertion(tmp_path: Path) -> None:
    cred, rmap = did_web_fixture(tmp_path, listed=False)
    doc = run(cred, resource_map=rmap)
    assert ("key.purpose", "/proof/verificationMethod") in rules(doc, "error")


def test_did_web_url() -> None:
    assert keys.did_web_url("did:web:example.org") == "https://example.org/.well-known/did.json"
    assert keys.did_web_url("did:web:example.org%3A8443:a:b#k") == "https://example.org:8443/a/b/did.json"


# --- VC-JWT ----------------------------------------------------------------------------------


def vc_jwt(private: Any, header: dict[str, Any], claims: dict[str, Any] | None = None) -> str:
    cred = claims or {
        "iss": ISSUER,
        "jti": BASE["id"],
        "nbf": 1756717200,
        "sub": "did:example:learner-4711",
        "vc": BASE,
    }
    return sign.sign_jws(cred, private, header)


def run_token(token: str, tmp_path: Path, **options: Any) -> DocumentReport:
    path = tmp_path / "cred.jwt"
    path.write_text(token, "utf-8")
    return run(str(path), **options)


@pytest.mark.parametrize(("private", "alg"), [(ED, "EdDSA"), (P256, "ES256"), (RSA, "RS256")])
def test_vc_jwt_verifies(private: Any, alg: str, tmp_path: Path) -> None:
    doc = run_token(vc_jwt(private, {"alg": alg, "typ": "JWT", "jwk": sign.public_jwk(private)}), tmp_path)
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("proof.verified", "") in rules(doc)
    assert ("key.issuer-binding", "") in rules(doc, "warning")


def test_vc_jwt_with_did_key_kid(tmp_path: Path) -> None:
    doc = run_token(vc_jwt(ED, {"alg": "EdDSA", "kid": sign.did_key(ED)}), tmp_path)
    assert doc.profiles["trust"].verdict == "pass", rules(doc)


def test_vc_jwt_tampered_payload(tmp_path: Path) -> None:
    token = vc_jwt(ED, {"alg": "EdDSA", "jwk": sign.public_jwk(ED)})
    h, _p, s = token.split(".")
    other = vc_jwt(
        ED, {"alg": "EdDSA", "jwk": sign.public_jwk(ED)}, {"iss": "https://forger.example/", "vc": BASE}
    )
    doc = run_token(f"{h}.{other.split('.')[1]}.{s}", tmp_path)
    assert doc.profiles["trust"].verdict == "fail"
    assert ("proof.signature", "") in rules(doc, "error")


def test_vc_jwt_alg_none_refused(tmp_path: Path) -> None:
    doc = run_token(vc_jwt(None, {"alg": "none", "jwk": sign.public_jwk(ED)}), tmp_path)
    assert doc.profiles["trust"].verdict == "fail"
    assert ("proof.jwt-alg", "") in rules(doc, "error")


def test_vc_jwt_unsupported_alg_is_not_verified(tmp_path: Path) -> None:
    """Issue 13 (9): an algorithm mcconform cannot verify is "not verified" (cantTell), as an
    unsupported Data Integrity cryptosuite is; alg none / HMAC stay refusals (errors)."""
    token = vc_jwt(ED, {"alg": "EdDSA", "jwk": sign.public_jwk(ED)})
    _, p, s = token.split(".")
    header = multibase.b64url_encode(json.dumps({"alg": "ES256K", "jwk": sign.public_jwk(ED)}).encode())
    doc = run_token(f"{header}.{p}.{s}", tmp_path)
    assert doc.profiles["trust"].verdict == "cantTell"
    assert ("proof.not-checked", "") in rules(doc, "warning")
    assert not rules(doc, "error")


def test_vc_jwt_hmac_confusion_refused(tmp_path: Path) -> None:
    """HS256 "signed" with the public key as the secret: the classic confusion attack."""
    import hashlib
    import hmac

    jwk = sign.public_jwk(RSA)
    unsigned = vc_jwt(None, {"alg": "HS256", "jwk": jwk})
    h, p, _ = unsigned.split(".")
    mac = hmac.new(sign.public_pem(RSA).encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
    doc = run_token(f"{h}.{p}.{multibase.b64url_encode(mac)}", tmp_path)
    assert doc.profiles["trust"].verdict == "fail"
    assert ("proof.jwt-alg", "") in rules(doc, "error")


def test_vc_jwt_key_type_confusion_refused(tmp_path: Path) -> None:
    doc = run_token(vc_jwt(P256, {"alg": "ES256", "jwk": sign.public_jwk(RSA)}), tmp_path)
    assert ("key.type", "") in rules(doc, "error")
    doc = run_token(vc_jwt(RSA, {"alg": "RS256", "jwk": sign.public_jwk(ED)}), tmp_path)
    assert ("key.type", "") in rules(doc, "error")


def test_vc_jwt_private_jwk_refused(tmp_path: Path) -> None:
    jwk = {**sign.public_jwk(ED), "d": "AAAA"}
    doc = run_token(vc_jwt(ED, {"alg": "EdDSA", "jwk": jwk}), tmp_path)
    assert ("key.invalid", "") in rules(doc, "error")


# --- rules are documented ----------------------------------------------------------------------


def test_trust_rules_are_documented() -> None:
    from mcconform.checks import proof, status

    for r in [*proof.RULES.values(), *status.RULES.values()]:
        assert get(r.id) is r
        assert r.id.split(".")[0] in ("proof", "key", "seal", "status")
        assert r.doc and r.spec and r.title
        if r.id.endswith(".not-checked"):
            assert r.severity != "error"


# --- hostile input: never a traceback, never a pass ------------------------------------------

HOSTILE_PROOFS: list[Any] = [
    5,
    [None],
    [],
    {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofPurpose": "assertionMethod"},
    {
        "type": ["DataIntegrityProof"],
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
        "verificationMethod": {"id": 3, "publicKeyMultibase": "zzz"},
        "proofValue": "z111",
    },
    {
        "type": "DataIntegrityProof",
        "cryptosuite": "ecdsa-sd-2023",
        "proofPurpose": "assertionMethod",
        "verificationMethod": ISSUER + "#zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9",
        "proofValue": "u2V0BAA",
    },
    {
        "type": "DataIntegrityProof",
        "cryptosuite": "ecdsa-sd-2023",
        "proofPurpose": "assertionMethod",
        "verificationMethod": ISSUER + "#zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9",
        "proofValue": "u" + multibase.b64url_encode(b"\xd9\x5d\x01\x85" + b"\xff" * 40),
    },
    {
        "type": "Ed25519Signature2020",
        "proofPurpose": "assertionMethod",
        "verificationMethod": "did:key:z6Mk",
        "proofValue": 12,
    },
    {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
        "verificationMethod": "did:web:127.0.0.1%3A80#k",
        "proofValue": "z" + "1" * 90,
    },
]


@pytest.mark.parametrize("proof", HOSTILE_PROOFS, ids=range(len(HOSTILE_PROOFS)))
def test_hostile_proofs(proof: Any) -> None:
    cred = copy.deepcopy(BASE)
    cred["proof"] = proof
    cred["credentialStatus"] = [5, {"type": "BitstringStatusListEntry", "statusListIndex": True}]
    doc = run(cred)
    assert doc.profiles["trust"].verdict in ("fail", "cantTell"), rules(doc)
    assert not any("could not be verified (" in f.message for f in doc.findings), rules(doc)


@pytest.mark.parametrize("form", ["publicKeyMultibase", "publicKeyJwk"])
def test_embedded_verification_method(form: str) -> None:
    value: Any = keys.multikey_of(ED.public_key()) if form == "publicKeyMultibase" else sign.public_jwk(ED)
    vm = {"id": ISSUER + "#key-1", "type": "Multikey", "controller": ISSUER, form: value}
    cred = sign.sign_data_integrity(BASE, ED, vm, REGISTRY)  # type: ignore[arg-type]
    doc = run(cred)
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("key.issuer-binding", "/proof/verificationMethod") in rules(doc, "warning")  # self-asserted
    vm["controller"] = "https://forger.example/"
    doc = run(sign.sign_data_integrity(BASE, ED, vm, REGISTRY))  # type: ignore[arg-type]
    assert ("key.issuer", "/proof/verificationMethod") in rules(doc, "error")
