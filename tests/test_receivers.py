"""Receiver profiles: loadable by name, each rule citing the requirement it encodes, and the
acceptance cases: the sealed EU sample is accepted by the Europass wallet as far as can be
checked offline, the unsigned draft is refused for its missing seal, and the DCC Learner
Credential Wallet refuses an ecdsa-rdfc-2019 credential."""

from __future__ import annotations

import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

import mcconform
from conftest import corpus_path
from mcconform.api import Checker
from mcconform.profiles import load
from mcconform.trust.sign import did_key, sign_data_integrity

RECEIVERS = ["europass-wallet", "dcc-lcw", "1edtech-displayer", "ebsi-vcdm2", "canvas-credentials"]

OB3 = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:6a5a8d84-2f3b-4f0e-9d37-3a5d2b1c0e11",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Robotics",
    "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "Example"},
    "validFrom": "2025-01-01T00:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "id": "did:example:learner",
        "achievement": {
            "id": "urn:uuid:0b8c3f5e-9d8c-4d4a-8b27-7a1f6c2d9e10",
            "type": ["Achievement"],
            "name": "Robotics",
            "description": "Robots.",
            "criteria": {"narrative": "Build one."},
        },
    },
}


@pytest.mark.parametrize("name", RECEIVERS)
def test_receiver_profile_loads_and_every_rule_cites_its_requirement(name: str) -> None:
    p = load(name)
    assert "receiver" in p.checks
    rules = p.settings["receiver"]["rules"]
    assert rules
    from mcconform.checks.receiver import TESTS

    for r in rules:
        assert r["test"] in TESTS, r
        assert "receiver-requirements.md §2." in r["cite"], r
        assert r["requirement"] and r["id"]


def _doc(report: mcconform.report.Report) -> mcconform.report.DocumentReport:
    assert len(report.documents) == 1
    return report.documents[0]


def test_europass_wallet_accepts_the_sealed_sample_as_far_as_offline_allows() -> None:
    path = corpus_path("elm", "examples", "Sample-MC-Annex1-signed.jsonld")
    d = _doc(mcconform.check(str(path), ["europass-wallet"]))
    assert d.profiles["europass-wallet"].verdict == "cantTell"
    assert not any(f.severity == "error" for f in d.findings), [f.to_dict() for f in d.findings]
    rules = {f.rule for f in d.findings}
    assert "receiver.not-checked" in rules  # the certificate's trust, without --trust-anchor
    sat = [f.message for f in d.findings if f.rule == "receiver.satisfied"]
    assert any("requirement shacl" in m for m in sat) and any("requirement sealed" in m for m in sat)


def test_europass_wallet_refuses_the_unsigned_draft_naming_the_missing_seal() -> None:
    path = corpus_path("elm", "examples", "Sample-MC-Annex1-unsigned.jsonld")
    d = _doc(mcconform.check(str(path), ["europass-wallet"]))
    assert d.profiles["europass-wallet"].verdict == "fail"
    refused = [f for f in d.findings if f.rule == "receiver.refused"]
    assert any("requirement sealed" in f.message and "not.sealed" in f.message for f in refused)
    assert any("ESealValidationService" in f.spec for f in refused)


def _signed(private: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey, suite: str) -> dict:
    checker = Checker()
    vm = did_key(private)
    cred = copy.deepcopy(OB3)
    cred["issuer"]["id"] = vm.split("#")[0]
    return sign_data_integrity(cred, private, vm, checker.registry, cryptosuite=suite)


def test_dcc_lcw_refuses_an_ecdsa_rdfc_2019_credential() -> None:
    signed = _signed(ec.generate_private_key(ec.SECP256R1()), "ecdsa-rdfc-2019")
    assert signed["proof"]["cryptosuite"] == "ecdsa-rdfc-2019"
    d = _doc(mcconform.check(signed, ["dcc-lcw"]))
    assert d.profiles["dcc-lcw"].verdict == "fail"
    refused = [f for f in d.findings if f.rule == "receiver.refused"]
    assert any("proof-suite" in f.message and "ecdsa-rdfc-2019" in f.message for f in refused)
    # the signature itself is valid: the refusal is the receiver's, not a broken proof
    assert not any(f.rule.startswith("proof.") and f.severity == "error" for f in d.findings)


def test_dcc_lcw_takes_an_eddsa_rdfc_2022_credential() -> None:
    signed = _signed(ed25519.Ed25519PrivateKey.generate(), "eddsa-rdfc-2022")
    d = _doc(mcconform.check(signed, ["dcc-lcw"]))
    assert not any(f.rule == "receiver.refused" for f in d.findings), [f.to_dict() for f in d.findings]
    # the issuer registry cannot be consulted offline: not a pass
    assert d.profiles["dcc-lcw"].verdict == "cantTell"


def test_ebsi_requires_credential_schema_and_canvas_refuses_a_jwt() -> None:
    d = _doc(mcconform.check(copy.deepcopy(OB3), ["ebsi-vcdm2"]))
    assert any(f.rule == "receiver.refused" and "credentialSchema" in f.message for f in d.findings)
    d2 = _doc(mcconform.check(json.dumps(OB3), ["canvas-credentials"]))
    assert d2.profiles["canvas-credentials"].verdict == "cantTell"  # OB 3.0 import undocumented
