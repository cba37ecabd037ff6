"""The W3C Data Integrity cryptosuite specifications' own signed vectors (fixtures/trust/w3c-di).

EdDSA (eddsa-rdfc-2022, Ed25519Signature2020, proof sets, proof chains) and ECDSA
(ecdsa-rdfc-2019 with P-256 and P-384, ecdsa-sd-2023 base and derived): each published vector
verifies, and each with one character of a claim or of its proof value changed fails.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

import mcconform
from conftest import FIXTURES
from mcconform.jsonld import ContextRegistry
from mcconform.report import DocumentReport
from mcconform.trust import dataintegrity as di
from mcconform.trust import jcs, keys, sign

D = FIXTURES / "trust" / "w3c-di"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
CONTEXTS = {
    "https://www.w3.org/ns/credentials/examples/v2": str(D / "contexts" / "credentials-examples-v2.jsonld"),
    "https://w3id.org/citizenship/v4rc1": str(D / "contexts" / "citizenship-v4rc1.jsonld"),
}
REGISTRY = ContextRegistry({url: ContextRegistry.read_override(path) for url, path in CONTEXTS.items()})

#: vectors whose issuer is a did:key other than the signing key (see PROVENANCE.md)
MISBOUND = {"eddsa-rdfc-2022-employ", "ecdsa-rdfc-2019-p256-employ", "ecdsa-rdfc-2019-p384-employ"}
MISBOUND |= {"ecdsa-sd-2023-derived-employ", "ecdsa-sd-2023-derived-prc"}
VERIFYING = [
    "eddsa/eddsa-rdfc-2022",
    "eddsa/eddsa-rdfc-2022-employ",
    "eddsa/ed25519signature2020",
    "eddsa/signedProofSet1",
    "eddsa/signedProofSet2",
    "eddsa/signedProofChain1",
    "eddsa/signedProofChain2",
    "ecdsa/ecdsa-rdfc-2019-p256",
    "ecdsa/ecdsa-rdfc-2019-p256-employ",
    "ecdsa/ecdsa-rdfc-2019-p384",
    "ecdsa/ecdsa-rdfc-2019-p384-employ",
    "ecdsa/ecdsa-sd-2023-derived-employ",
    "ecdsa/ecdsa-sd-2023-derived-prc",
    "eddsa/eddsa-jcs-2022",
    "ecdsa/ecdsa-jcs-2019-p256",
    "ecdsa/ecdsa-jcs-2019-p384",
]


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((D / f"{name}.json").read_text("utf-8"))
    return data


def run(doc: Any) -> DocumentReport:
    report = mcconform.check(doc, profiles=["trust"], now=NOW, contexts=CONTEXTS)
    assert len(report.documents) == 1
    return report.documents[0]


def proof_rules(rep: DocumentReport) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in rep.findings:
        if f.rule.startswith(("proof.", "key.")):
            out.setdefault(f.rule, set()).add(f.pointer)
    return out


def proof_pointers(doc: dict[str, Any]) -> set[str]:
    proofs = doc["proof"]
    return {f"/proof/{i}" for i in range(len(proofs))} if isinstance(proofs, list) else {"/proof"}


@pytest.mark.parametrize("name", VERIFYING)
def test_published_vector_verifies(name: str) -> None:
    doc = load(name)
    rep = run(doc)
    found = proof_rules(rep)
    assert "proof.signature" not in found, found
    assert "proof.chain" not in found
    if Path(name).name in MISBOUND:
        # the signature verifies; the issuer is another did:key: provably not the issuer's key
        assert found.get("key.issuer") == {p + "/verificationMethod" for p in proof_pointers(doc)}
        assert rep.verdict == "fail"
    else:
        assert found.get("proof.verified") == proof_pointers(doc), found
        assert "key.issuer" not in found
        assert rep.verdict == "pass", [(f.rule, f.message) for f in rep.findings]


def _first_string_claim(node: Any, path: list[Any]) -> list[Any] | None:
    """Path of the first string value of the credential subject that is not an id or a type."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("id", "type"):
                continue
            found = _first_string_claim(v, [*path, k])
            if found:
                return found
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found = _first_string_claim(v, [*path, i])
            if found:
                return found
    elif isinstance(node, str) and node:
        return path
    return None


def _change_char(text: str, alphabet: str = "") -> str:
    i = len(text) // 2
    pool = alphabet or "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    new = next(c for c in pool if c != text[i])
    return text[:i] + new + text[i + 1 :]


@pytest.mark.parametrize("name", VERIFYING)
def test_one_character_of_a_claim_changed_fails(name: str) -> None:
    doc = copy.deepcopy(load(name))
    path = _first_string_claim(doc["credentialSubject"], ["credentialSubject"])
    assert path is not None
    node: Any = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = _change_char(node[path[-1]])
    rep = run(doc)
    found = proof_rules(rep)
    assert found.get("proof.signature") == {p + "/proofValue" for p in proof_pointers(doc)}, found
    assert "proof.verified" not in found
    assert rep.verdict == "fail"


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@pytest.mark.parametrize("name", VERIFYING)
def test_one_character_of_the_proof_value_changed_fails(name: str) -> None:
    doc = copy.deepcopy(load(name))
    proofs = doc["proof"] if isinstance(doc["proof"], list) else [doc["proof"]]
    last = proofs[-1]
    value = last["proofValue"]
    last["proofValue"] = value[0] + _change_char(value[1:], B58 if value[0] == "z" else B64URL)
    rep = run(doc)
    found = proof_rules(rep)
    failed = set().union(*(found.get(r, set()) for r in ("proof.signature", "proof.malformed")))
    last_ptr = "/proof" if not isinstance(doc["proof"], list) else f"/proof/{len(proofs) - 1}"
    assert any(p.startswith(last_ptr) for p in failed), found
    assert rep.verdict == "fail"


def test_p384_canonicalization_hashes_with_sha384() -> None:
    """RDFC-1.0 labels blank nodes with the curve's hash: the published canonical form of the P-384
    vector is ours with SHA-384 and differs from the SHA-256 one (the P-256 vector's)."""
    registry = REGISTRY
    doc = di.unsecured(load("ecdsa/ecdsa-rdfc-2019-p384-employ"))
    p384 = (D / "ecdsa" / "ecdsa-rdfc-2019-p384-employ.canon.nq").read_text("utf-8")
    p256 = (D / "ecdsa" / "ecdsa-rdfc-2019-p256-employ.canon.nq").read_text("utf-8")
    assert di.canonicalize(doc, registry, "sha384").strip() == p384.strip()
    assert di.canonicalize(doc, registry).strip() == p256.strip()
    assert p384 != p256


def test_chained_proof_names_a_missing_proof() -> None:
    doc = copy.deepcopy(load("eddsa/signedProofChain1"))
    doc["proof"][-1]["previousProof"] = "urn:uuid:not-there"
    found = proof_rules(run(doc))
    assert found.get("proof.chain") == {f"/proof/{len(doc['proof']) - 1}/previousProof"}


def test_chained_proof_without_its_previous_proof_fails() -> None:
    """A chained proof signs the earlier proof: changing the earlier proof breaks both."""
    doc = copy.deepcopy(load("eddsa/signedProofChain1"))
    target = doc["proof"][-1]["previousProof"]
    target = target[0] if isinstance(target, list) else target
    earlier = next(p for p in doc["proof"] if p.get("id") == target)
    earlier["created"] = "2023-02-24T23:36:39Z"
    found = proof_rules(run(doc))
    index = doc["proof"].index(earlier)
    assert f"/proof/{index}/proofValue" in found.get("proof.signature", set())
    assert f"/proof/{len(doc['proof']) - 1}/proofValue" in found["proof.signature"]


def test_proof_set_members_verify_independently() -> None:
    doc = copy.deepcopy(load("eddsa/signedProofSet2"))
    doc["proof"][0]["created"] = "2023-02-24T23:36:39Z"
    found = proof_rules(run(doc))
    assert found.get("proof.signature") == {"/proof/0/proofValue"}
    assert found.get("proof.verified") == {"/proof/1"}


def test_sd_base_proof_is_for_the_holder() -> None:
    for name in ("ecdsa/ecdsa-sd-2023-base-employ", "ecdsa/ecdsa-sd-2023-base-prc"):
        assert "proof.sd-base" in proof_rules(run(load(name)))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (9007199254740992.0, "9007199254740992"),
        (295147905179352830000.0, "295147905179352830000"),
        (1e21, "1e+21"),
        (333333333.33333329, "333333333.3333333"),
        (1e-7, "1e-7"),
        (0.000001, "0.000001"),
        (1.5e-6, "0.0000015"),
        (4.5, "4.5"),
        (-0.002, "-0.002"),
        (100.0, "100"),
    ],
)
def test_jcs_numbers_as_ecmascript(value: float, text: str) -> None:
    """RFC 8785 section 3.2.2.3 and appendix B (number serialization samples)."""
    assert jcs.number(value) == text


def test_jcs_sorts_by_utf16_and_escapes_like_json_stringify() -> None:
    """RFC 8785 section 3.2.3 (sorting example)."""
    keys_ = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    text = jcs.canonicalize({k: i for i, k in enumerate(keys_)})
    assert text == '{"\\r":1,"1":3,"\u0080":5,"\u00f6":6,"\u20ac":0,"\U0001f600":4,"\ufb33":2}'
    assert jcs.canonicalize({"a": ["\u0007", None, True, 1]}) == '{"a":["\\u0007",null,true,1]}'
    with pytest.raises(jcs.JcsError):
        jcs.canonicalize(float("nan"))


def test_jcs_proof_context_must_start_the_document_context() -> None:
    doc = copy.deepcopy(load("eddsa/eddsa-jcs-2022"))
    doc["@context"] = list(reversed(doc["@context"]))
    assert proof_rules(run(doc)).get("proof.signature") == {"/proof/proofValue"}


# --- signing in tests: P-384 with blank nodes, chains, did:key issuer binding ----------------------


def _credential(issuer: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"name": "Alice", "achievement": {"name": "Blank nodes"}},
    }


def test_p384_signed_here_with_blank_nodes_verifies() -> None:
    private = ec.generate_private_key(ec.SECP384R1())
    vm = sign.did_key(private)
    signed = sign.sign_data_integrity(
        _credential(vm.split("#")[0]), private, vm, REGISTRY, cryptosuite="ecdsa-rdfc-2019"
    )
    rep = run(signed)
    assert proof_rules(rep).get("proof.verified") == {"/proof"}
    assert rep.verdict == "pass"


def test_chain_signed_here_verifies_and_a_set_member_is_not_a_chain() -> None:
    a, b = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    cred = _credential("https://vc.example/issuers/1")
    one = sign.sign_data_integrity(cred, a, sign.did_key(a), REGISTRY, proof_id="urn:uuid:1")
    two = sign.sign_data_integrity(
        one, b, sign.did_key(b), REGISTRY, append=True, previous_proof="urn:uuid:1"
    )
    assert proof_rules(run(two)).get("proof.verified") == {"/proof/0", "/proof/1"}
    unchained = copy.deepcopy(two)
    del unchained["proof"][1]["previousProof"]
    assert "/proof/1/proofValue" in proof_rules(run(unchained)).get("proof.signature", set())


def test_did_key_issuer_signed_with_another_key_is_an_error() -> None:
    issuer_key, other = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    issuer = "did:key:" + keys.multikey_of(issuer_key.public_key())
    good = sign.sign_data_integrity(_credential(issuer), issuer_key, sign.did_key(issuer_key), REGISTRY)
    found = proof_rules(run(good))
    assert "key.issuer" not in found and "key.issuer-binding" not in found
    assert found.get("proof.verified") == {"/proof"}
    bad = sign.sign_data_integrity(_credential(issuer), other, sign.did_key(other), REGISTRY)
    rep = run(bad)
    found = proof_rules(rep)
    assert found.get("key.issuer") == {"/proof/verificationMethod"}
    assert [f.severity for f in rep.findings if f.rule == "key.issuer"] == ["error"]
    assert rep.verdict == "fail"
