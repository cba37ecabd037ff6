"""The command line: exit codes, formats, output, rules and profiles commands."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mcconform.cli import main

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def report_schema() -> dict:
    return json.loads(run("schema", "report").output)


def test_schema_is_valid_json_schema() -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)


def test_json_report_validates_and_is_deterministic(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"@context": ["https://example.org/unknown-context"], "type": "X"')
    r1 = run("check", "--format", "json", str(VALID), str(bad))
    r2 = run("check", "--format", "json", str(VALID), str(bad))
    assert r1.output == r2.output
    data = json.loads(r1.output)
    jsonschema.validate(data, report_schema())
    assert [d["source"] for d in data["documents"]] == [str(VALID), str(bad)]
    assert data["documents"][1]["findings"][0]["rule"] == "parse.truncated"


def test_exit_codes(tmp_path: Path) -> None:
    unknown_ctx = tmp_path / "u.json"
    unknown_ctx.write_text(
        json.dumps({"@context": ["https://example.org/ctx"], "type": ["VerifiableCredential"]})
    )
    notjson = tmp_path / "n.json"
    notjson.write_text("nope")
    assert run("check", str(unknown_ctx)).exit_code == 1
    assert run("check", "--fail-on", "never", str(unknown_ctx)).exit_code == 0
    assert run("check", str(notjson)).exit_code == 2
    assert run("check", "--profile", "no-such-profile", str(unknown_ctx)).exit_code == 2
    assert run("check").exit_code == 2
    assert run("check", "--context", "nonsense", str(unknown_ctx)).exit_code == 2


def test_fail_on_warning(tmp_path: Path) -> None:
    dup = tmp_path / "dup.json"
    cred = json.loads(VALID.read_text())
    text = json.dumps(cred)
    dup.write_text(text[:-1] + ', "name": "again"}')
    res_error = run("check", str(dup))
    res_warning = run("check", "--fail-on", "warning", str(dup))
    assert "parse.duplicate-key" in res_warning.output
    assert res_warning.exit_code == 1
    assert res_error.exit_code in (0, 1)
    if res_error.exit_code == 1:  # only when errors exist besides the warning
        assert "error" in res_error.output


def test_output_file_and_never_overwrite_input(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = run("check", "--format", "json", "--output", str(out), str(VALID))
    assert res.output == ""
    assert json.loads(out.read_text())["summary"]["documents"] == 1
    src = tmp_path / "in.json"
    src.write_text(VALID.read_text())
    res = run("check", "--output", str(src), str(src))
    assert res.exit_code == 2
    assert src.read_text() == VALID.read_text()


def test_stdin_dash() -> None:
    res = run("check", "--format", "json", "-", input=VALID.read_bytes())
    data = json.loads(res.output)
    assert data["documents"][0]["source"] == "-"
    assert data["documents"][0]["kind"] == "ob3-credential"


def test_context_override(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.json"
    ctx.write_text(
        json.dumps({"@context": {"@version": 1.1, "name": "https://schema.org/name", "type": "@type"}})
    )
    doc = tmp_path / "d.json"
    doc.write_text(
        json.dumps({"@context": "https://example.org/ctx", "type": "Thing", "name": "x", "colour": "blue"})
    )
    res = run("check", "--format", "json", "--context", f"https://example.org/ctx={ctx}", str(doc))
    findings = json.loads(res.output)["documents"][0]["findings"]
    assert {(f["rule"], f["pointer"]) for f in findings} >= {("jsonld.undefined-term", "/colour")}
    assert not any(f["rule"] == "jsonld.context.not-checked" for f in findings)
    res = run("check", "--format", "json", str(doc))
    findings = json.loads(res.output)["documents"][0]["findings"]
    unknown = [f for f in findings if f["rule"] == "jsonld.context.not-checked"]
    assert unknown and unknown[0]["pointer"] == "/@context"


def test_rules_listing_and_explain() -> None:
    res = run("rules")
    ids = [line.split()[0] for line in res.output.splitlines()]
    assert ids == sorted(ids) and "parse.too-deep" in ids and "jsonld.undefined-term" in ids
    res = run("rules", "explain", "jsonld.undefined-term")
    assert res.exit_code == 0 and "JSON-LD" in res.output and "FAIL" in res.output
    assert run("rules", "explain", "no.such-rule").exit_code == 2


def test_every_rule_is_documented() -> None:
    from mcconform.rules import all_rules

    for r in all_rules():
        assert r.title and r.spec, r.id
        assert r.severity in ("error", "warning", "info")


def test_profiles_show_roundtrip(tmp_path: Path) -> None:
    names = [line.split()[0] for line in run("profiles").output.splitlines()]
    assert "core" in names
    text = run("profiles", "show", "core").output
    mine = tmp_path / "mine.toml"
    mine.write_text(text.replace('undefined_terms = "error"', 'undefined_terms = "warning"'))
    doc = tmp_path / "d.json"
    cred = json.loads(VALID.read_text())
    cred["favouriteColour"] = "blue"
    doc.write_text(json.dumps(cred))
    res = run("check", "--format", "json", "--profile", str(mine), str(doc))
    undefined = [
        f for f in json.loads(res.output)["documents"][0]["findings"] if f["rule"] == "jsonld.undefined-term"
    ]
    if undefined:  # only when the bundled contexts are present
        assert undefined[0]["severity"] == "warning"
    assert run("profiles", "show", "nope").exit_code == 2


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_traceback_on_hostile_inputs(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "bin.json").write_bytes(bytes(range(256)))
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf{}")
    res = CliRunner().invoke(main, ["check", "--format", fmt, str(tmp_path)])
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.exit_code == 2
