"""The ob2 profile on mcconform's own OB 2.0 fixtures (fixtures/ob2, see its README).

Hosted documents of the fixtures live under ``https://badges.example.edu/`` and are served
from ``fixtures/ob2/assets/`` with a resource map (offline).  Valid fixtures give no error;
every broken fixture ``invalid/<name>.<ext>`` reports the rule and JSON Pointer its sibling
``invalid/<name>.expect.json`` names.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mcconform
from conftest import FIXTURES
from mcconform.checks.ob2 import identity_hash, parse_dt, upgrade_legacy
from mcconform.cli import main
from mcconform.options import Options
from mcconform.report import DocumentReport
from mcconform.rules import RULES, all_rules

NOW = datetime(2026, 1, 1, tzinfo=UTC)
OB2 = FIXTURES / "ob2"
HOST = "https://badges.example.edu/"
VALID = sorted(p for p in (OB2 / "valid").iterdir() if p.suffix in (".json", ".jwt", ".png", ".svg"))
INVALID = sorted(
    p
    for p in (OB2 / "invalid").iterdir()
    if p.suffix in (".json", ".jwt") and not p.name.endswith(".expect.json")
)
#: rules that are notes (info), exercised by the tests below rather than by a broken fixture
NOTES = {"ob2.not-checked", "ob2.recipient-verified", "ob2.signature-deferred"}


def options(**kw: Any) -> Options:
    return Options(now=NOW, resource_map={HOST: str(OB2 / "assets")}, **kw)


def run(path: Path, **kw: Any) -> DocumentReport:
    [doc] = mcconform.check(str(path), profiles=["ob2"], options=options(**kw)).documents
    return doc


def expectation(path: Path) -> dict[str, Any]:
    return json.loads((path.parent / f"{path.stem}.expect.json").read_text("utf-8"))


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_fixture_has_no_error(path: Path) -> None:
    doc = run(path)
    errors = [(f.rule, f.pointer, f.message) for f in doc.findings if f.severity == "error"]
    assert errors == []
    assert doc.profiles["ob2"].verdict == "pass"
    assert not any(f.rule.startswith("jsonld.") for f in doc.findings)


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_reports_its_rule(path: Path) -> None:
    exp = expectation(path)
    assert exp.get("why"), "every expectation says why the fixture is broken"
    doc = run(path, **exp.get("options", {}))
    got = {(f.rule, f.pointer, f.severity) for f in doc.findings}
    want = (exp["rule"], exp["pointer"], exp.get("severity", "error"))
    assert want in got, f"{want} not in {sorted(got)}"
    if want[2] == "error":
        assert doc.profiles["ob2"].verdict == "fail"


def test_every_rule_has_a_fixture() -> None:
    ob2_rules = {r.id for r in all_rules() if r.id.startswith("ob2.")}
    covered = {expectation(p)["rule"] for p in INVALID}
    assert ob2_rules - NOTES == covered, (ob2_rules - NOTES) ^ covered


def test_rules_are_documented() -> None:
    for rid in (r for r in RULES if r.startswith("ob2.")):
        r = RULES[rid]
        assert r.doc.strip() and "Open Badges 2.0" in r.spec and "OBv2p0Final" in r.spec, rid


# --------------------------------------------------------------------------- behaviour


def test_offline_hosted_verification_is_not_checked() -> None:
    path = OB2 / "valid" / "assertion-hosted.json"
    [doc] = mcconform.check(str(path), profiles=["ob2"], now=NOW).documents
    assert doc.profiles["ob2"].verdict == "cantTell"
    pointers = {f.pointer for f in doc.findings if f.rule == "ob2.not-checked"}
    assert pointers == {"/badge", "/id"}  # the BadgeClass (so its issuer) and the hosted copy


def test_with_map_the_whole_chain_is_fetched() -> None:
    doc = run(OB2 / "valid" / "assertion-hosted.json")
    assert doc.findings == []  # badge, issuer, endorsement, endorser, hosted copy: all found and equal


def test_findings_in_fetched_documents_point_at_the_reference() -> None:
    doc = run(OB2 / "invalid" / "ob2.type--linked.json")
    found = [f for f in doc.findings if f.rule == "ob2.type" and f.message.endswith("json at /type)")]
    assert [f.pointer for f in found] == ["/issuer"]
    assert f"in {HOST}endorsement.json at /type" in found[0].message


@pytest.mark.parametrize(
    ("recipient", "rule"),
    [
        ("email:ann@example.org", "ob2.recipient-verified"),
        ("email:bob@example.org", "ob2.recipient-mismatch"),
        ("url:https://ann.example.org", "ob2.recipient-mismatch"),
    ],
)
def test_recipient(recipient: str, rule: str) -> None:
    doc = run(OB2 / "valid" / "assertion-hosted.json", recipient=recipient)
    assert rule in {f.rule for f in doc.findings}


def test_identity_hash() -> None:
    assert identity_hash("nobody@example.org", "deadsea", "sha256") == (
        "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942"
    )
    assert identity_hash("a", "", "md5") == "md5$0cc175b9c0f1b6a831c399e269772661"


@pytest.mark.parametrize(
    ("text", "ok", "tz"),
    [
        ("2016-12-31T23:59:59Z", True, True),
        ("2017-10-01T00:00Z", True, True),
        ("2016-12-31T23:59:59+01:00", True, True),
        ("2016-12-31T23:59:59", True, False),
        ("31/12/2016", False, False),
        (1483228799, False, False),
    ],
)
def test_parse_dt(text: Any, ok: bool, tz: bool) -> None:
    instant, problem = parse_dt(text)
    assert (instant is not None) == ok
    assert (problem is None) == (ok and tz)


def test_legacy_upgrade() -> None:
    data = json.loads((OB2 / "valid" / "ob1-assertion.json").read_text("utf-8"))
    a, notes = upgrade_legacy(data, NOW)
    assert a["verification"] == {"type": "hosted"}
    assert a["id"] == HOST + "assertions/legacy-1001.json"
    assert a["issuedOn"].startswith("2025-03-01")
    assert notes


def test_signed_jws_defers_the_signature_and_checks_the_key() -> None:
    doc = run(OB2 / "valid" / "assertion-signed.jwt")
    rules = {f.rule for f in doc.findings}
    assert "ob2.signature-deferred" in rules
    assert doc.meta.get("envelope") == "vc-jwt"


def test_baked_images_are_checked_like_the_json() -> None:
    plain = run(OB2 / "valid" / "assertion-hosted.json")
    for name in ("baked-assertion.png", "baked-assertion.svg"):
        doc = run(OB2 / "valid" / name)
        assert doc.kind == "ob2-assertion"
        assert [(f.rule, f.pointer) for f in doc.findings if not f.rule.startswith("image.")] == [
            (f.rule, f.pointer) for f in plain.findings
        ]


def test_baked_url_is_fetched_through_the_map() -> None:
    doc = run(OB2 / "valid" / "baked-hosted-url.png")
    assert doc.kind == "hosted-reference"
    assert doc.profiles["ob2"].verdict == "pass"
    offline = mcconform.check(str(OB2 / "valid" / "baked-hosted-url.png"), now=NOW).documents[0]
    assert offline.profiles["ob2"].verdict == "cantTell"


def test_cli_resource_map_and_recipient(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["check", "--now", "2026-01-01T00:00:00Z", "--format", "json", "-v"]
    assets = str(OB2 / "assets")
    path = str(OB2 / "valid" / "assertion-hosted.json")
    mapped = [*args, "--resource-map", f"{HOST}={assets}"]
    res = runner.invoke(main, [*mapped, "--recipient", "email:ann@example.org", path])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)  # -v writes the engines line on stderr
    assert report["documents"][0]["profiles"]["ob2"]["verdict"] == "pass"
    assert "ob2.recipient-verified" in {f["rule"] for f in report["documents"][0]["findings"]}
    res = runner.invoke(main, [*mapped, "--recipient", "email:bob@example.org", path])
    assert res.exit_code == 1
    for bad in (
        ["--resource-map", "nodir"],
        ["--resource-map", f"{HOST}={tmp_path}/missing"],
        ["--resource-map", f"ftp://x/={assets}"],
        ["--recipient", "ann@example.org"],
    ):
        res = runner.invoke(main, [*args, *bad, path])
        assert res.exit_code == 2, (bad, res.output)


def test_url_input_turns_the_network_on_for_that_input(tmp_path: Path) -> None:
    from test_fetch import serve

    with serve() as base:
        opts = options(allow_private_network=True, cache_dir="")
        report = mcconform.check([base + "/doc.json"], profiles=["ob2"], options=opts)
    [doc] = report.documents
    assert doc.source == base + "/doc.json"
    assert doc.kind == "ob2-issuer"  # fetched (the test server's document is a minimal Issuer)
    assert not opts.online  # the run's options are unchanged


def test_ob05_and_ob11_are_read_as_20_with_warnings() -> None:
    ob05 = {
        "recipient": "ann@example.org",
        "issued_on": "2012-05-01",
        "badge": {
            "name": "Old badge",
            "description": "From 2012.",
            "image": "https://old.example.org/badge.png",
            "criteria": "https://old.example.org/criteria",
            "issuer": {"origin": "https://old.example.org", "name": "Old Issuer"},
        },
    }
    doc = mcconform.check(ob05, profiles=["ob2"], now=NOW).documents[0]
    assert doc.kind == "ob1-assertion"
    assert not [f for f in doc.findings if f.severity == "error"]
    legacy = {(f.pointer, f.message.split(" (")[0]) for f in doc.findings if f.rule == "ob2.legacy"}
    assert ("", "the Assertion has no 'verification'") in legacy  # noted, never silent
    assert ("/badge/issuer", "the Profile has no 'email'") in legacy
    ob11 = json.loads((OB2 / "valid" / "issuer.json").read_text("utf-8"))
    ob11["@context"] = "https://w3id.org/openbadges/v1"
    doc = mcconform.check(ob11, profiles=["ob2"], now=NOW).documents[0]
    assert {(f.rule, f.pointer) for f in doc.findings if f.rule.startswith("ob2.")} == {
        ("ob2.legacy", "/@context")
    }
