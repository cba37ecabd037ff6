"""The ob3 profile on mcconform's own fixtures (fixtures/ob3/, see fixtures/ob3/README.md).

Valid fixtures give no error; every broken fixture ``invalid/<name>.<ext>`` reports the rule
and JSON Pointer its sibling ``invalid/<name>.expect.json`` names.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import mcconform
from conftest import FIXTURES
from mcconform.api import Checker
from mcconform.checks.ob3.terms import defined_terms
from mcconform.checks.ob3.values import parse_datetime
from mcconform.profiles import Profile, load
from mcconform.rules import all_rules

NOW = datetime(2026, 1, 1, tzinfo=UTC)
OB3 = FIXTURES / "ob3"
VALID = sorted(p for p in (OB3 / "valid").iterdir() if p.suffix in (".json", ".jwt"))
INVALID = sorted(
    p
    for p in (OB3 / "invalid").iterdir()
    if p.suffix in (".json", ".jwt") and not p.name.endswith(".expect.json")
)
#: rules with no broken fixture, and why
NO_FIXTURE = {
    "ob3.schema-unavailable": "fires only for a kind without a bundled schema; all OB 3.0 kinds have one",
}


def expectation(path: Path) -> dict[str, Any]:
    stem = path.name[: -len(path.suffix)]
    return json.loads((path.parent / f"{stem}.expect.json").read_text("utf-8"))


def profile_for(exp: dict[str, Any]) -> Profile:
    base = load("ob3")
    if "settings" not in exp and "checks" not in exp:
        return base
    return dataclasses.replace(
        base,
        checks=tuple(exp.get("checks", base.checks)),
        settings={**base.settings, **exp.get("settings", {})},
    )


def run(path: Path | str, profile: Profile | str = "ob3", **opts: Any) -> mcconform.report.DocumentReport:
    report = mcconform.check(str(path), profiles=[profile], now=NOW, **opts)
    assert len(report.documents) == 1
    return report.documents[0]


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_fixture_has_no_error(path: Path) -> None:
    doc = run(path)
    assert doc.kind.startswith("ob3-"), doc.kind
    errors = [(f.rule, f.pointer, f.message) for f in doc.findings if f.severity == "error"]
    assert errors == []
    assert doc.profiles["ob3"].verdict == "pass"


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_reports_its_rule(path: Path) -> None:
    exp = expectation(path)
    assert exp.get("why"), "every expectation says why the fixture is broken"
    doc = run(path, profile_for(exp))
    hits = [f for f in doc.findings if f.rule == exp["rule"] and f.pointer == exp["pointer"]]
    got = sorted({(f.rule, f.pointer) for f in doc.findings})
    assert hits, f"{exp['rule']} at {exp['pointer']!r} not reported; got {got}"
    severity = exp.get("severity", "error")
    assert any(f.severity == severity for f in hits), [f.severity for f in hits]
    if severity == "error":
        assert doc.profiles["ob3"].verdict == "fail"


def test_every_rule_has_a_fixture() -> None:
    ids = {r.id for r in all_rules() if r.id.startswith("ob3.") or r.id.startswith("jwt.")}
    ids.discard("jwt.malformed")  # decoding, tested with the input readers
    covered = {expectation(p)["rule"] for p in INVALID}
    missing = ids - covered - set(NO_FIXTURE)
    assert not missing, f"rules without a broken fixture: {sorted(missing)}"
    assert set(NO_FIXTURE) <= ids


def test_rules_are_documented() -> None:
    for r in all_rules():
        if r.id.startswith(("ob3.", "jwt.")):
            assert r.spec and r.title and len(r.doc.strip()) > 40, r.id
            assert "ob3.ttl" not in r.id


def test_shapes_fixtures_fall_back_to_python_without_shacl() -> None:
    """The same broken node types, with node_types = "python": ob3.node-type at the type key."""
    prof = dataclasses.replace(
        load("ob3"), checks=("jsonld", "ob3", "jwt"), settings={**load("ob3").settings, "node_types": "auto"}
    )
    expected = {
        "shacl.class--issuer.json": "/issuer/type",
        "shacl.class--evidence.json": "/evidence/0/type",
        "shacl.class--result.json": "/credentialSubject/result/1/type",
        "shacl.class--parent-org.json": "/issuer/parentOrg/type",
        "shacl.class--subject.json": "/credentialSubject/type",
        "shacl.or--resultdescription.json": "/credentialSubject/achievement/resultDescription/1/type",
        "shacl.or--alignment.json": "/credentialSubject/achievement/alignment/0/type",
    }
    for name, pointer in expected.items():
        doc = run(OB3 / "invalid" / name, prof)
        pointers = {f.pointer for f in doc.findings if f.rule == "ob3.node-type"}
        assert pointers == {pointer}, (name, pointers)
        assert not any(f.rule.startswith("shacl.") for f in doc.findings)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shacl.class--issuer.json", [("shacl.class", "/issuer")]),
        ("ob3.node-type--merged-node.json", [("ob3.node-type", "/issuer/type")]),
        ("shacl.class--evidence.json", [("shacl.class", "/evidence/0")]),
    ],
)
def test_auto_reports_each_type_once(name: str, expected: list[tuple[str, str]]) -> None:
    """node_types = "auto": a wrong type is reported by the shapes or by the ob3 check, not both."""
    doc = run(OB3 / "invalid" / name)
    got = sorted((f.rule, f.pointer) for f in doc.findings if f.rule in ("shacl.class", "ob3.node-type"))
    assert got == expected


def test_auto_uses_python_when_json_ld_fails() -> None:
    data = json.loads((OB3 / "invalid" / "shacl.class--evidence.json").read_text("utf-8"))
    data["@context"].append("https://contexts.example.org/unknown.json")
    doc = mcconform.check(data, profiles=["ob3"], now=NOW).documents[0]
    rules = {(f.rule, f.pointer) for f in doc.findings if f.severity == "error"}
    assert ("ob3.node-type", "/evidence/0/type") in rules
    # an unknown context is not checked (a warning, verdict cantTell), not an error
    assert ("jsonld.context.not-checked", "/@context/3") in {(f.rule, f.pointer) for f in doc.findings}


def test_jwt_vc11_pointers_are_under_vc() -> None:
    doc = run(OB3 / "valid" / "full-credential-vc11.jwt")
    assert {f.pointer for f in doc.findings if f.rule == "ob3.vc11-context"} == {
        "/vc/@context/0",
        "/vc/endorsement/0/@context/0",
    }
    assert doc.profiles["ob3"].verdict == "pass"


def test_embedded_endorsement_expiry_is_a_warning() -> None:
    data = json.loads((OB3 / "valid" / "full-credential.json").read_text("utf-8"))
    data["endorsement"][0]["validUntil"] = "2025-12-01T00:00:00Z"
    doc = mcconform.check(data, profiles=["ob3"], now=NOW).documents[0]
    hits = [f for f in doc.findings if f.rule == "ob3.expired"]
    assert [(f.pointer, f.severity) for f in hits] == [("/endorsement/0/validUntil", "warning")]
    assert doc.profiles["ob3"].verdict == "pass"


def test_embedded_endorsement_structure_is_checked() -> None:
    data = json.loads((OB3 / "valid" / "full-credential.json").read_text("utf-8"))
    del data["endorsement"][0]["credentialSubject"]["id"]
    doc = mcconform.check(data, profiles=["ob3"], now=NOW).documents[0]
    assert ("ob3.id", "/endorsement/0/credentialSubject") in {(f.rule, f.pointer) for f in doc.findings}


def test_settings_tune_severities() -> None:
    base = load("ob3")
    quiet = dataclasses.replace(
        base, settings={**base.settings, "vc11_context": "ignore", "undefined_terms": "warning"}
    )
    doc = run(OB3 / "invalid" / "ob3.vc11-context.json", quiet)
    assert not [f for f in doc.findings if f.rule == "ob3.vc11-context"]
    doc = run(OB3 / "invalid" / "ob3.undefined-type.json", quiet)
    assert {f.severity for f in doc.findings if f.rule == "ob3.undefined-type"} == {"warning"}
    assert doc.profiles["ob3"].verdict == "pass"


def test_clock_skew() -> None:
    base = load("ob3")
    lenient = dataclasses.replace(base, settings={**base.settings, "clock_skew_seconds": 400 * 86400})
    doc = run(OB3 / "invalid" / "ob3.expired.json", lenient)
    assert not [f for f in doc.findings if f.rule == "ob3.expired"]


def test_vc_with_ob3_context_and_achievement_fails_under_ob3_by_default() -> None:
    """Issue 13, deliverable 3: the OB 3.0 context or an achievement brings the ob3 profile,
    whose finding says what the type lacks; it does not pass as a plain VC."""
    data = json.loads((OB3 / "invalid" / "ob3.credential-type.json").read_text("utf-8"))
    assert data["type"] == ["VerifiableCredential"] and "achievement" in data["credentialSubject"]
    doc = mcconform.check(data, now=NOW).documents[0]
    assert doc.kind == "vc-credential"
    assert doc.profiles["ob3"].verdict == "fail" and doc.verdict == "fail"
    hits = [f for f in doc.findings if f.rule == "ob3.credential-type" and f.pointer == "/type"]
    assert hits and "OpenBadgeCredential" in hits[0].message
    assert mcconform.check(data, profiles=["ob3"], now=NOW).documents[0].profiles["ob3"].verdict == "fail"
    # the achievement alone brings it too
    del data["@context"][1]
    assert "ob3" in mcconform.check(data, now=NOW).documents[0].profiles


def test_default_profile_for_ob3_kinds() -> None:
    for path in VALID:
        doc = mcconform.check(str(path), now=NOW).documents[0]
        assert "ob3" in doc.profiles, path.name


@pytest.mark.parametrize(
    ("text", "ok", "tz"),
    [
        ("2025-09-01T09:00:00Z", True, True),
        ("2025-09-01T09:00:00.123456789+02:00", True, True),
        ("2025-09-01T09:00:00", True, False),
        ("2025-09-01", False, False),
        ("01/09/2025", False, False),
        ("2025-13-01T00:00:00Z", False, True),
        ("2025-09-01T24:00:00Z", True, True),
    ],
)
def test_parse_datetime(text: str, ok: bool, tz: bool) -> None:
    _instant, well_formed, has_tz = parse_datetime(text)
    assert (well_formed, has_tz) == (ok, tz)


def test_defined_terms_cached_and_unknown() -> None:
    checker = Checker(["ob3"])
    ctxs = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    terms = defined_terms(ctxs, checker.registry)
    assert terms is not None and {"Profile", "AchievementSubject", "VerifiableCredential"} <= terms
    assert defined_terms(ctxs, checker.registry) is terms
    assert defined_terms([*ctxs, "https://contexts.example.org/nope.json"], checker.registry) is None


# --------------------------------------------------------------------------- JSON Schema integration


def test_schema_errors_are_findings_with_pointers() -> None:
    data = json.loads((OB3 / "valid" / "full-credential.json").read_text("utf-8"))
    data["credentialSubject"]["creditsEarned"] = "five"
    endorsement = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
    data["credentialSchema"].append({"id": endorsement, "type": "1EdTechJsonSchemaValidator2019"})
    data["credentialSchema"].append(
        {"id": "https://schemas.example.org/other.json", "type": "1EdTechJsonSchemaValidator2019"}
    )
    data["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
    doc = mcconform.check(data, profiles=["ob3"], now=NOW).documents[0]
    got = {(f.rule, f.pointer, f.severity) for f in doc.findings if f.rule.startswith("ob3.")}
    # the canonical schema once (also declared at /credentialSchema/0: not applied twice)
    assert ("ob3.schema", "/credentialSubject/creditsEarned", "error") in got
    assert not [f for f in doc.findings if f.rule == "ob3.credential-schema" and "creditsEarned" in f.pointer]
    # a declared bundled schema is applied; an unknown one is reported
    assert ("ob3.credential-schema", "/type", "error") in got
    assert ("ob3.credential-schema-unknown", "/credentialSchema/2/id", "info") in got
    assert "ob3.schema-unavailable" not in {r for r, _p, _s in got}


def test_vc11_credential_gets_the_vc11_schema() -> None:
    """A VC 1.1 credential (issuanceDate) is validated with the VC 1.1 version of the schema."""
    data = json.loads((OB3 / "valid" / "vc11-credential.json").read_text("utf-8"))
    doc = mcconform.check(data, profiles=["ob3"], now=NOW).documents[0]
    assert not {f.rule for f in doc.findings} & {"ob3.schema", "ob3.schema-unavailable"}
    assert doc.profiles["ob3"].verdict == "pass"
    data["credentialSubject"]["achievement"]["name"] = 7
    doc = mcconform.check(data, profiles=["ob3"], now=NOW).documents[0]
    hits = [f for f in doc.findings if f.rule == "ob3.schema"]
    assert [f.pointer for f in hits] == ["/credentialSubject/achievement/name"]
    assert "achievementcredential-vc11" in hits[0].message
