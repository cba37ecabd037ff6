"""`mcconform --version` says which engines judge, and what happens when a compiled one is missing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

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
