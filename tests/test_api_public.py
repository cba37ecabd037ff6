"""The public API: what the CLI accepts, the CLI's bytes, the exported types."""

from __future__ import annotations

import typing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import mcconform
from mcconform.cli import main

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-01-01T00:00:00Z"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    for name in ("ob3.criteria.json", "ob3.expired.json"):
        (tmp_path / name).write_text((ROOT / "fixtures" / "ob3" / "invalid" / name).read_text())
    (tmp_path / "good.json").write_text(
        (ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json").read_text()
    )
    return ["good.json", "ob3.criteria.json", "ob3.expired.json"]


def test_now_accepts_a_string() -> None:
    assert mcconform.Options(now=NOW).now == datetime(2026, 1, 1, tzinfo=UTC)
    assert mcconform.Options(now="2026-01-01T00:00:00").now.tzinfo is UTC
    with pytest.raises(ValueError, match="ISO 8601"):
        mcconform.Options(now="yesterday")
    expired = ROOT / "fixtures" / "ob3" / "invalid" / "ob3.expired.json"
    rules = {f.rule for d in mcconform.check(str(expired), now=NOW).documents for f in d.findings}
    assert "ob3.expired" in rules
    early = mcconform.check(str(expired), now="2000-01-01T00:00:00Z")
    assert "ob3.expired" not in {f.rule for d in early.documents for f in d.findings}


def test_profiles_str_is_one_profile() -> None:
    path = str(ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json")
    (doc,) = mcconform.check(path, "core", now=NOW).documents
    assert set(doc.profiles) == {"core"}
    assert mcconform.Checker("ob3").profiles is not None and [
        p.name for p in mcconform.Checker("ob3").profiles
    ] == ["ob3"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "earl", "markdown", "html", "github"])
def test_render_gives_the_cli_bytes(work: list[str], fmt: str) -> None:
    cli = CliRunner().invoke(main, ["check", "--now", NOW, "--format", fmt, *work], catch_exceptions=False)
    report = mcconform.check(work, now=NOW, locate=True)
    assert mcconform.render(report, fmt) == cli.output
    if fmt == "sarif":
        assert '"startLine"' in cli.output and '"startColumn"' in cli.output


def test_one_run_outputs_equal_separate_runs(work: list[str]) -> None:
    CliRunner().invoke(main, ["check", "--now", NOW, "-o", "json=a.json", "-o", "sarif=a.sarif", *work])
    single = CliRunner().invoke(main, ["check", "--now", NOW, "--format", "json", *work]).output
    assert Path("a.json").read_text() == single


def test_public_types_exported() -> None:
    for name in (
        "ProfileResult",
        "Severity",
        "Verdict",
        "Finding",
        "Report",
        "DocumentReport",
        "render",
        "Selection",
    ):
        assert name in mcconform.__all__ and hasattr(mcconform, name)
    assert set(typing.get_args(mcconform.Verdict)) == {"pass", "fail", "inapplicable", "cantTell"}
    assert set(typing.get_args(mcconform.Severity)) == {"error", "warning", "info"}
    with pytest.raises(ValueError, match="unknown format"):
        mcconform.render(mcconform.Report(), "pdf")


def test_empty_directory_is_no_documents(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(main, ["check", str(tmp_path / "empty")])
    assert res.exit_code == 0
    assert "the directory holds no document to check" in res.output and "0 document(s)" in res.output
    res = CliRunner().invoke(main, ["audit", "--format", "json", str(tmp_path / "empty")])
    import json

    data = json.loads(res.output[res.output.index("{") :])
    assert data["totals"]["documents"] == 0 and data["totals"]["issuers"] == 0
