"""CLI and API hostile-input promises (issue 14, classes 9 and 10): no output option can
overwrite an input (check and audit, every spelling of the path, symbolic links included);
closed stdin and a profile that is not UTF-8 are usage errors with a message; an error with
-o says so on stderr; the API applies the CLI's limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import mcconform
from mcconform.cli import main
from mcconform.limits import Limits

BADGE = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:example:i",
    "validFrom": "2024-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:s"},
}


@pytest.fixture
def export(tmp_path: Path) -> Path:
    d = tmp_path / "export"
    (d / "sub").mkdir(parents=True)
    for name in ("a.json", "sub/b.json"):
        (d / name).write_text(json.dumps(BADGE), encoding="utf-8")
    return d


def _outputs(export: Path) -> list[tuple[str, list[str]]]:
    link = export.parent / "link.json"
    if not link.exists():
        link.symlink_to(export / "a.json")
    dirlink = export.parent / "dirlink"
    if not dirlink.exists():
        dirlink.symlink_to(export, target_is_directory=True)
    return [
        (str(export / "a.json"), [str(export / "a.json")]),  # the input itself
        (str(export / "sub" / "b.json"), [str(export)]),  # inside an input directory
        (str(export / "sub" / "new.json"), [str(export)]),  # a new file inside it
        (str(export / "sub" / ".." / "a.json"), [str(export / "a.json")]),  # another spelling
        (str(link), [str(export / "a.json")]),  # a link to the input
        (str(dirlink / "a.json"), [str(export)]),  # through a linked directory
        (str(export / "x.json"), [str(dirlink)]),  # the input named through a link
    ]


@pytest.mark.parametrize("command", ["check", "audit"])
def test_no_output_can_overwrite_an_input(export: Path, command: str) -> None:
    before = {p: p.read_bytes() for p in export.rglob("*.json")}
    for output, inputs in _outputs(export):
        res = CliRunner().invoke(main, [command, "-o", output, *inputs])
        assert res.exit_code == 2, (output, res.output)
        assert "never writes over or among its inputs" in res.stderr, output
    assert {p: p.read_bytes() for p in export.rglob("*.json")} == before
    assert not (export / "sub" / "new.json").exists() and not (export / "x.json").exists()
    # beside the export is fine
    res = CliRunner().invoke(main, [command, "-o", str(export.parent / "report.json"), str(export)])
    assert res.exit_code in (0, 1, 3), res.output
    assert (export.parent / "report.json").exists()


def test_closed_stdin_is_a_usage_error(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "mcconform", "check", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode in (1, 2)  # an empty stdin is an empty document: parse.empty
    closed = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(0); sys.stdin = None; "
         "from mcconform.cli import run; run(['check', '-'])"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert closed.returncode == 2, closed.stderr
    assert "standard input is closed" in closed.stderr
    assert "Traceback" not in closed.stderr


def test_a_profile_that_is_not_utf8_is_a_usage_error(tmp_path: Path, export: Path) -> None:
    prof = tmp_path / "mine.toml"
    prof.write_bytes(b'name = "caf\xe9"\nchecks = ["jsonld"]\n')
    res = CliRunner().invoke(main, ["check", "-p", str(prof), str(export)])
    assert res.exit_code == 2
    assert "not UTF-8" in res.stderr and "Traceback" not in res.output


def test_an_error_with_output_says_so_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "report.json"
    res = CliRunner().invoke(main, ["check", "-f", "json", "-o", str(out), str(bad)])
    assert res.exit_code == 2
    assert out.exists()
    assert "could not be read" in res.stderr and "bad.json" in res.stderr


def test_the_api_applies_the_limits_to_texts_and_values() -> None:
    text = json.dumps({**BADGE, "padding": "x" * 5000})
    report = mcconform.check(text, limits=Limits(max_bytes=1000))
    assert [f.rule for f in report.documents[0].findings] == ["parse.too-large"]
    report = mcconform.check(json.loads(text), limits=Limits(max_bytes=1000))
    assert [f.rule for f in report.documents[0].findings] == ["parse.too-large"]
    deep: dict[str, object] = {}
    for _ in range(5000):
        deep = {"x": deep}
    report = mcconform.check({**BADGE, "deep": deep})
    assert [f.rule for f in report.documents[0].findings] == ["parse.too-deep"]
    assert os.environ.get("MCCONFORM_DEBUG", "") in ("", "0")
