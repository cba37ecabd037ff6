"""No silent pass: every document gets pass / fail / cantTell, and cantTell is never shown
or exited as a pass (issue 13, deliverable 4)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from mcconform.cli import main

ROOT = Path(__file__).resolve().parents[1]
OB3 = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"
OB2 = ROOT / "fixtures" / "ob2" / "valid" / "badgeclass.json"
NOW = "2026-01-01T00:00:00Z"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def schema() -> dict:
    return json.loads(run("schema", "report").output)


def test_inapplicable_profile_is_not_conformant_and_exits_3() -> None:
    res = run("check", "-p", "ob3", "--now", NOW, "--format", "json", str(OB2))
    assert res.exit_code == 3
    data = json.loads(res.output)
    jsonschema.validate(data, schema())
    doc = data["documents"][0]
    assert doc["profiles"]["ob3"]["verdict"] == "inapplicable"
    assert doc["verdict"] == "cantTell" and doc["conformant"] is False
    assert data["summary"]["cantTell"] == 1 and data["summary"]["conformant"] == 0
    accepted = run("check", "-p", "ob3", "--now", NOW, "--accept-unverified", str(OB2))
    assert accepted.exit_code == 0


def test_text_html_markdown_junit_say_not_verified() -> None:
    text = run("check", "-p", "ob3", "--now", NOW, str(OB2)).output
    first = text.splitlines()[0]
    assert first.startswith("NOT VERIFIED ") and "PASS" not in first
    assert "1 not verified" in text
    html = run("check", "-p", "ob3", "--now", NOW, "--format", "html", str(OB2)).output
    assert '<span class="verdict cantTell">NOT VERIFIED</span>' in html
    assert 'data-status="cantTell"' in html and '<span class="verdict pass">PASS' not in html
    md = run("check", "-p", "ob3", "--now", NOW, "--format", "markdown", str(OB2)).output
    assert "| NOT VERIFIED |" in md and "(1 not verified)" in md
    junit = run("check", "-p", "ob3", "--now", NOW, "--format", "junit", str(OB2)).output
    assert "NOT VERIFIED" in junit


def test_pass_fail_and_mixed_counts() -> None:
    res = run("check", "--now", NOW, "--format", "json", str(OB3))
    data = json.loads(res.output)
    assert res.exit_code == 0, res.output
    assert data["documents"][0]["verdict"] == "pass" and data["documents"][0]["conformant"]
    assert data["summary"]["pass"] == 1
    mixed = run("check", "-p", "ob3", "--now", NOW, "--format", "json", str(OB3), str(OB2))
    s = json.loads(mixed.output)["summary"]
    assert (s["pass"], s["fail"], s["cantTell"], s["conformant"]) == (1, 0, 1, 1)
    assert mixed.exit_code == 3


def test_api_verdict() -> None:
    import mcconform

    report = mcconform.check(str(OB2), profiles=["ob3"], now=None)
    (doc,) = report.documents
    assert doc.verdict == "cantTell" and not doc.conformant and not report.conformant
