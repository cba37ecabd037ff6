"""The vc profile on mcconform's own fixtures (fixtures/vc/): valid ones pass, every broken one
reports the rule and JSON Pointer its ``.expect.json`` names, and every ``vc.*`` rule has one.
Also: the vc profile is the default base layer of the VC-shaped kinds, and unknown contexts
are "not checked" (cantTell), not wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mcconform
from conftest import FIXTURES
from mcconform.rules import all_rules

VC = FIXTURES / "vc"
VALID = sorted((VC / "valid").glob("*.json"))
INVALID = sorted(p for p in (VC / "invalid").glob("*.json") if not p.name.endswith(".expect.json"))


def expectation(path: Path) -> dict[str, str]:
    return json.loads(path.with_name(path.stem + ".expect.json").read_text("utf-8"))


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_fixture_passes(path: Path) -> None:
    doc = mcconform.check(str(path), profiles=["vc"]).documents[0]
    assert [(f.rule, f.pointer) for f in doc.findings] == []
    assert doc.profiles["vc"].verdict == "pass"


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_reports_its_rule(path: Path) -> None:
    exp = expectation(path)
    assert exp.get("why")
    doc = mcconform.check(str(path), profiles=["vc"]).documents[0]
    got = sorted({(f.rule, f.pointer, f.severity) for f in doc.findings})
    assert (exp["rule"], exp["pointer"], "error") in got, got
    assert doc.profiles["vc"].verdict == "fail"


def test_every_vc_rule_has_a_fixture() -> None:
    rules = {r.id for r in all_rules() if r.id.startswith("vc.")}
    covered = {expectation(p)["rule"] for p in INVALID}
    assert rules == covered, rules ^ covered
    for r in all_rules():
        if r.id.startswith("vc."):
            assert "PASS" in r.doc and "FAIL" in r.doc and "VCDM" in r.spec, r.id


@pytest.mark.parametrize(
    ("kind_file", "kind"),
    [("valid/credential-v2.json", "vc-credential"), ("valid/presentation.json", "vc-presentation")],
)
def test_vc_profile_is_the_default(kind_file: str, kind: str) -> None:
    doc = mcconform.check(str(VC / kind_file)).documents[0]
    assert doc.kind == kind and "vc" in doc.profiles


def test_ob3_credential_gets_vc_without_duplicate_findings() -> None:
    data = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text("utf-8"))
    assert mcconform.check(data).documents[0].verdict == "pass"
    del data["issuer"]
    doc = mcconform.check(data).documents[0]
    assert set(doc.profiles) >= {"ob3", "vc"}
    at_root = [f.rule for f in doc.findings if f.pointer == "" and f.rule in ("vc.issuer", "ob3.issuer")]
    assert at_root == ["vc.issuer"], at_root  # ob3.issuer folded into the base finding
    assert doc.profiles["ob3"].verdict == "fail"


def test_minimal_vc_without_issuer_and_subject_fails() -> None:
    doc = mcconform.check(
        {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}
    )
    rules = {f.rule for f in doc.documents[0].findings}
    assert {"vc.issuer", "vc.subject"} <= rules and doc.documents[0].verdict == "fail"


def test_unknown_context_is_not_checked_not_wrong() -> None:
    data = json.loads((VC / "valid" / "credential-v2.json").read_text("utf-8"))
    data["@context"].append("https://platform.example/contexts/ext.json")
    doc = mcconform.check(data).documents[0]
    nc = [f for f in doc.findings if f.rule == "jsonld.context.not-checked"]
    assert [(f.pointer, f.severity) for f in nc] == [("/@context/2", "warning")]
    assert "--context" in nc[0].message and "--online" in nc[0].message
    assert doc.verdict == "cantTell" and doc.profiles["vc"].verdict == "cantTell"
    # the checks that need no context still run
    data["issuer"] = "no-scheme"
    doc = mcconform.check(data).documents[0]
    assert ("vc.issuer", "/issuer") in {(f.rule, f.pointer) for f in doc.findings}
    assert doc.verdict == "fail"


def test_jwt_1_1_claims_stand_for_issuer_and_issuance_date() -> None:
    from mcconform.checks.vc import credential

    vc = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:s"},
    }
    claims = {"iss": "did:example:i", "nbf": 1262304000, "vc": vc}
    assert [f.rule for f in credential(vc, "/vc", 1, claims)] == []
    assert {f.rule for f in credential(vc, "/vc", 1)} == {"vc.issuer", "vc.issuance-date"}


def test_edc_gets_vc_and_its_application_profile_wins() -> None:
    """ELM v3 on the VCDM 1.1 context states validFrom (not issuanceDate) and dates without
    time zone: the EDC application profile rules otherwise, so those vc findings are infos
    that say so; the rest of the data model applies."""
    from conftest import CORPUS

    path = CORPUS / "elm" / "examples" / "Sample-MC-Annex1-unsigned.jsonld"
    if not path.exists():
        pytest.skip("ELM samples not in the corpus")
    doc = mcconform.check(str(path)).documents[0]
    assert doc.kind == "edc-credential" and "vc" in doc.profiles
    mine = [f for f in doc.findings if f.rule == "vc.issuance-date"]
    assert [f.severity for f in mine] == ["info"] and "EDC application profile" in mine[0].message
    assert doc.profiles["vc"].verdict == "pass"
    data = json.loads(path.read_text("utf-8"))
    del data["issuer"]
    doc = mcconform.check(data).documents[0]
    assert ("vc.issuer", "", "error") in {(f.rule, f.pointer, f.severity) for f in doc.findings}


def test_vcdm_1_1_presentation_may_carry_compact_jwts() -> None:
    jwt = "eyJhbGciOiJFUzI1NiJ9.eyJ2YyI6e319.c2ln"
    vp = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [jwt],
    }
    assert mcconform.check(vp, profiles=["vc"]).documents[0].profiles["vc"].verdict == "pass"
    vp["@context"] = ["https://www.w3.org/ns/credentials/v2"]
    doc = mcconform.check(vp, profiles=["vc"]).documents[0]
    assert ("vc.presentation-credential", "/verifiableCredential/0") in {
        (f.rule, f.pointer) for f in doc.findings
    }
