"""mcconform as a CI gate: configuration file, rule selection, overrides, baseline, outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mcconform
from mcconform.cli import main
from mcconform.selection import Rules, from_values, matches, path_matches

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = ROOT / "fixtures" / "ob3" / "invalid" / "ob3.criteria.json"
VALID = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"
NOW = "2026-01-01T00:00:00Z"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["check", "--now", NOW, *args], catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two folders, each holding a credential with an ob3.criteria error."""
    for folder in ("badges", "legacy"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.json").write_text(CRITERIA.read_text())
    (tmp_path / "badges" / "ok.json").write_text(VALID.read_text())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def summary(res: Any) -> dict[str, Any]:
    return dict(json.loads(res.output)["summary"])


# --------------------------------------------------------------------------- selection


def test_patterns() -> None:
    assert matches("ob3.criteria", "ob3.") and matches("ob3.criteria", "ob3")
    assert matches("ob3.criteria", "ob3.criteria") and not matches("ob3.criteria-x", "ob3.criteria")
    assert not matches("ob30.x", "ob3") and not matches("ob3.criteria", "")
    assert Rules(ignore=("ob3.",)).reason("ob3.criteria") == "ob3."
    assert Rules(select=("jsonld.",)).reason("ob3.criteria") == "not selected"
    # the longest pattern wins: select ob3. but ignore ob3.criteria
    both = Rules(select=("ob3.",), ignore=("ob3.criteria",))
    assert both.reason("ob3.criteria") == "ob3.criteria" and both.reason("ob3.schema") is None
    assert Rules(select=("ob3.criteria",), ignore=("ob3.",)).reason("ob3.criteria") is None
    assert Rules(ignore=("internal.",)).reason("internal.error") is None  # never dropped
    assert path_matches("fixtures/ob3/a.expect.json", "*.expect.json")
    assert path_matches("legacy/x/a.json", "legacy/") and path_matches("legacy/a.json", "legacy")
    assert path_matches("badges/x/a.json", "badges/**/*.json") and not path_matches(
        "badges2/a.json", "badges"
    )


def test_ignore_changes_verdict_and_is_counted() -> None:
    plain = mcconform.check(str(CRITERIA), now=NOW)
    assert not plain.conformant
    opts = mcconform.Options(selection=from_values(ignore=["ob3.criteria"]))
    ignored = mcconform.check(str(CRITERIA), options=opts)
    (doc,) = ignored.documents
    assert doc.conformant and all(f.rule != "ob3.criteria" for f in doc.findings)
    assert doc.meta["ignored"] == {"ob3.criteria": 1}
    assert ignored.to_dict()["summary"]["ignored"] == {"total": 1, "by": {"ob3.criteria": 1}}
    assert all(p.verdict == "pass" for p in doc.profiles.values())


def test_ignored_not_checked_keeps_cant_tell(tmp_path: Path) -> None:
    """Hiding a "not checked" finding never turns "not verified" into a pass."""
    cred = json.loads(VALID.read_text())
    cred["credentialStatus"] = {
        "id": "https://status.example/1#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://status.example/1",
    }
    cred["proof"] = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                     "verificationMethod": "did:web:issuer.example#key-1", "proofPurpose": "assertionMethod",
                     "created": "2024-01-01T00:00:00Z", "proofValue": "z3FXQjecWufY46"}  # fmt: skip
    plain = mcconform.check(cred, now=NOW)
    unchecked = {f.rule for d in plain.documents for f in d.findings if f.rule.endswith(".not-checked")}
    verdicts = {n: p.verdict for n, p in plain.documents[0].profiles.items()}
    if not unchecked or "cantTell" not in verdicts.values():
        pytest.skip(f"no not-checked finding for this document: {verdicts}")
    hidden = mcconform.check(cred, now=NOW, selection=from_values(ignore=sorted(unchecked)))
    assert not any(f.rule.endswith(".not-checked") for d in hidden.documents for f in d.findings)
    assert "cantTell" in {p.verdict for p in hidden.documents[0].profiles.values()}


def test_cli_select_ignore_extend_ignore(repo: Path) -> None:
    assert run("badges/a.json").exit_code == 1
    res = run("--format", "json", "--ignore", "ob3.", "badges/a.json")
    assert res.exit_code == 0 and summary(res)["ignored"]["by"] == {"ob3.": 1}
    res = run("--select", "jsonld.,ob2.", "--format", "json", "badges/a.json")
    assert res.exit_code == 0 and summary(res)["ignored"]["by"] == {"not selected": 1}
    res = run("--extend-ignore", "ob3.criteria", "badges/a.json")
    assert res.exit_code == 0 and "1 finding(s) ignored (ob3.criteria: 1)" in res.output


# --------------------------------------------------------------------------- configuration


def test_pyproject_ignore_override_and_command_line(repo: Path) -> None:
    """[tool.mcconform] ignore drops a rule everywhere; an override only under one folder; the
    command line wins over the file; --isolated ignores it."""
    assert run("badges", "legacy").exit_code == 1
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.mcconform]\nignore = ["ob3.criteria"]\n'
    )
    res = run("--format", "json", "badges", "legacy")
    assert res.exit_code == 0, res.output
    assert summary(res)["ignored"] == {"total": 2, "by": {"ob3.criteria": 2}}
    assert run("--isolated", "badges", "legacy").exit_code == 1
    # the command line replaces the file's ignore
    assert run("--ignore", "jsonld.", "badges", "legacy").exit_code == 1

    (repo / "pyproject.toml").write_text(
        '[tool.mcconform]\nfail-on = "error"\n\n[[tool.mcconform.overrides]]\npaths = ["legacy/"]\n'
        'ignore = ["ob3.criteria"]\n'
    )
    res = run("--format", "json", "badges", "legacy")
    assert res.exit_code == 1
    docs = {d["source"]: d for d in json.loads(res.output)["documents"]}
    assert docs["legacy/a.json"]["conformant"] and docs["legacy/a.json"]["meta"]["ignored"] == {
        "ob3.criteria": 1
    }
    assert not docs["badges/a.json"]["conformant"]
    assert run("legacy").exit_code == 0
    # found from a sub-folder too (upwards), the globs relative to the file's folder
    import os

    os.chdir(repo / "legacy")
    assert CliRunner().invoke(main, ["check", "--now", NOW, "a.json"]).exit_code == 0
    os.chdir(repo / "badges")
    assert CliRunner().invoke(main, ["check", "--now", NOW, "a.json"]).exit_code == 1
    os.chdir(repo)


def test_config_files_and_show(repo: Path) -> None:
    (repo / "mcconform.toml").write_text('exclude = ["legacy/"]\nfail-on = "never"\n')
    res = run("--format", "json", ".")
    assert res.exit_code == 0
    sources = {d["source"] for d in json.loads(res.output)["documents"]}
    assert sources == {"./badges/a.json", "./badges/ok.json"}
    assert run("--fail-on", "error", ".").exit_code == 1  # command line wins
    (repo / "other.toml").write_text('[tool.mcconform]\nselect = ["jsonld."]\n')
    assert run("--config", "other.toml", "badges").exit_code == 0
    shown = CliRunner().invoke(main, ["config"]).output
    assert re.search(r'^fail-on = "never"  # .*mcconform\.toml$', shown, re.M), shown
    assert re.search(r"^ignore = \[\]  # default$", shown, re.M)
    shown = CliRunner().invoke(main, ["config", "--config", "other.toml"]).output
    assert re.search(r'^select = \["jsonld\."\]  # .*other\.toml \[tool\.mcconform\]$', shown, re.M), shown
    (repo / "mcconform.toml").write_text('colour = "red"\n')
    bad = run("badges")
    assert bad.exit_code == 2 and "unknown key 'colour'" in bad.output


def test_exclude_option_and_expect_files(repo: Path) -> None:
    (repo / "badges" / "a.expect.json").write_text('{"errors": []}')
    res = run("--format", "json", "--exclude", "*.expect.json", "badges")
    assert {d["source"] for d in json.loads(res.output)["documents"]} == {"badges/a.json", "badges/ok.json"}
    res = CliRunner().invoke(main, ["check", "--exclude", "badges", "badges"])
    assert res.exit_code == 0 and "no documents to check (3 file(s) excluded)" in res.output


def test_project_fixtures_skip_expectations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's own pyproject.toml excludes the fixtures' *.expect.json files."""
    monkeypatch.chdir(ROOT)
    res = run("--format", "json", "--fail-on", "never", "fixtures/ob3/invalid")
    sources = [d["source"] for d in json.loads(res.output)["documents"]]
    assert sources and not any(s.endswith(".expect.json") for s in sources)


# --------------------------------------------------------------------------- baseline


def test_baseline(repo: Path) -> None:
    res = run("--write-baseline", "base.json", "badges", "legacy")
    assert res.exit_code == 0
    entries = json.loads((repo / "base.json").read_text())["findings"]
    assert {(e["rule"], e["source"]) for e in entries} >= {("ob3.criteria", "badges/a.json")}
    assert run("--baseline", "base.json", "badges", "legacy").exit_code == 0
    # re-indented, keys reordered: still known
    cred = json.loads((repo / "badges" / "a.json").read_text())
    (repo / "badges" / "a.json").write_text(json.dumps(dict(reversed(list(cred.items()))), indent=7))
    res = run("--format", "json", "--baseline", "base.json", "badges", "legacy")
    assert res.exit_code == 0 and summary(res)["ignored"]["by"]["baseline"] >= 2
    # a new finding fails; the old ones stay baselined
    cred["credentialSubject"]["achievement"]["favouriteColour"] = "blue"
    (repo / "badges" / "a.json").write_text(json.dumps(cred))
    res = run("--format", "json", "--baseline", "base.json", "badges")
    assert res.exit_code == 1
    rules = {f["rule"] for d in json.loads(res.output)["documents"] for f in d["findings"]}
    assert "ob3.criteria" not in rules and "jsonld.undefined-term" in rules
    # the value at the pointer changed: the finding is new again
    cred = json.loads(CRITERIA.read_text())
    cred["credentialSubject"]["achievement"]["criteria"] = {"note": "different"}
    (repo / "legacy" / "a.json").write_text(json.dumps(cred))
    res = run("--format", "json", "--baseline", "base.json", "legacy")
    assert res.exit_code == 1
    # from another working directory, through the configuration file
    (repo / "legacy" / "mcconform.toml").write_text('baseline = "../base.json"\n')
    import os

    os.chdir(repo / "badges")
    (repo / "badges" / "a.json").write_text(CRITERIA.read_text())
    assert (
        CliRunner().invoke(main, ["check", "--now", NOW, "--baseline", "../base.json", "a.json"]).exit_code
        == 0
    )
    os.chdir(repo)
    assert run("--baseline", "missing.json", "badges").exit_code == 2


# --------------------------------------------------------------------------- outputs


def test_github_annotations(repo: Path) -> None:
    res = run("--format", "github", "badges/a.json")
    assert res.exit_code == 1
    text = (repo / "badges" / "a.json").read_text()
    off = text.index('"criteria"')
    line = text.count("\n", 0, off) + 1
    col = off - (text.rfind("\n", 0, off) + 1) + 1
    lines = [x for x in res.output.splitlines() if "title=ob3.criteria" in x]
    assert lines == [
        next(x for x in lines if x.startswith(f"::error file=badges/a.json,line={line},col={col},"))
    ], res.output
    head = r"::error file=badges/a\.json,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ob3\.criteria::"
    assert re.fullmatch(head + r"criteria has neither id nor narrative .*", lines[0])
    for x in res.output.splitlines():
        assert re.match(r"::(error|warning|notice) file=[^,]+,.*title=[a-z0-9.-]+::", x), x


def test_several_outputs_from_one_run(repo: Path) -> None:
    res = run("--output", "sarif=out.sarif", "--output", "markdown=out.md", "-o", "-", "badges")
    assert res.exit_code == 1
    assert "FAIL badges/a.json" in res.output
    sarif = json.loads((repo / "out.sarif").read_text())
    assert any(r["ruleId"] == "ob3.criteria" for r in sarif["runs"][0]["results"])
    assert (repo / "out.md").read_text().startswith("## ❌ mcconform")
    assert not (repo / "-").exists()
    res = run("-o", "-", "--format", "json", "badges")
    assert json.loads(res.output)["summary"]["documents"] == 2 and not (repo / "-").exists()
    run("--output", "plain.json", "--format", "json", "badges")
    assert json.loads((repo / "plain.json").read_text())["summary"]["documents"] == 2
    assert run("-o", "x.md", "-o", "markdown=x.md", "badges").exit_code == 2
    assert run("-o", "badges/a.json", "badges/a.json").exit_code == 2  # never over an input


def test_statistics_and_quiet(repo: Path) -> None:
    res = run("--statistics", "badges")
    assert re.search(r"^1  ob3\.criteria +error +", res.output, re.M), res.output
    assert "FAIL" not in res.output
    res = run("--quiet", "badges")
    assert "FAIL badges/a.json" in res.output and "badges/ok.json" not in res.output


def test_color_when_piped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in run("--color", "badges").output
    assert "\x1b[" not in run("badges").output
    monkeypatch.setenv("NO_COLOR", "")
    from mcconform.gate import want_color

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert want_color(None, [("text", "-")])
    monkeypatch.setenv("NO_COLOR", "1")
    assert not want_color(None, [("text", "-")]) and want_color(True, [("text", "-")])


def test_override_profiles_and_fail_on(repo: Path) -> None:
    (repo / "mcconform.toml").write_text(
        '[[overrides]]\npaths = ["legacy/"]\nprofiles = ["core"]\n\n'
        '[[overrides]]\npaths = ["badges/a.json"]\nfail-on = "never"\n'
    )
    res = run("--format", "json", "badges", "legacy")
    docs = {d["source"]: d for d in json.loads(res.output)["documents"]}
    assert set(docs["legacy/a.json"]["profiles"]) == {"core"} and docs["legacy/a.json"]["conformant"]
    assert "core" not in docs["badges/a.json"]["profiles"] and not docs["badges/a.json"]["conformant"]
    # badges/a.json fails but its fail-on is never; the rest conforms
    assert res.exit_code == 0, res.output
    (repo / "mcconform.toml").write_text('[[overrides]]\npaths = ["legacy/"]\nfail-on = "never"\n')
    assert run("badges", "legacy").exit_code == 1  # badges/a.json keeps the run's fail-on
    assert run("legacy").exit_code == 0


def test_readme_lists_every_option() -> None:
    import click

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("check", "audit"):
        command = main.commands[name]
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            for opt in [*param.opts, *param.secondary_opts]:
                if opt.startswith("--"):
                    assert re.search(rf"`[^`]*{re.escape(opt)}\b", readme), (
                        f"{name} {opt} is not in the README"
                    )


def test_audit_dash_is_stdout(repo: Path) -> None:
    res = CliRunner().invoke(main, ["audit", "-o", "-", "--format", "json", "badges"])
    assert res.exit_code == 0 and not (repo / "-").exists()
    assert json.loads(res.output)["totals"]["documents"] == 2
