"""`mcconform --version` says which engines judge, and what happens when a compiled one is missing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from mcconform import engines
from mcconform.cli import main


def test_version_lists_engines() -> None:
    out = CliRunner().invoke(main, ["--version"]).output
    assert out.startswith("mcconform ")
    for role, _module, _dist in engines.ENGINES:
        assert role in out


def test_missing_compiled_engine_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    real = engines.find_spec
    monkeypatch.setattr(engines, "find_spec", lambda m: None if m == "shacl" else real(m))
    text = engines.describe()
    assert "shacl not available: the reference engine alone runs" in text
    assert "pyshacl not available" not in text


def test_verbose_check_says_which_engines_run(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = str(FIXTURES / "ob3" / "valid" / "micro-credential.json")
    fast = CliRunner().invoke(main, ["check", "-v", "--isolated", doc])
    assert fast.exit_code == 0, fast.output
    assert "engines: fast path:" in fast.stderr and "shacl " in fast.stderr
    assert "engines" not in fast.stdout  # the report itself is the same with and without -v
    ref = CliRunner().invoke(main, ["check", "-v", "--isolated", "--reference", doc])
    assert "engines: reference engines only" in ref.stderr and "compiled" not in ref.stderr
    real = engines.find_spec
    monkeypatch.setattr(engines, "find_spec", lambda m: None if m == "jsonschema_rs" else real(m))
    missing = CliRunner().invoke(main, ["check", "-v", "--isolated", doc])
    assert "jsonschema-rs not available (reference engine alone)" in missing.stderr
    assert CliRunner().invoke(main, ["check", "--isolated", doc]).stderr == ""
