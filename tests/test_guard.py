"""The catch-all (issue 14): an unexpected exception inside one document's checks is an
``internal.error`` finding of that document, the run goes on, the other documents' results are
unchanged and the exit code is 4 ("could not check"), in ``check`` and in ``audit`` (with one
and with two workers).  No traceback text unless ``--debug``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mcconform
from mcconform import checks
from mcconform.cli import main
from mcconform.exitcodes import EXIT_INTERNAL, INTERNAL_RULE
from mcconform.sources import content

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-01-01T00:00:00Z"
V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _ob3(n: int, name: str = "Teamwork") -> dict[str, Any]:
    return {
        "@context": [V2, OB3],
        "id": f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://example.org/issuer", "type": ["Profile"], "name": "Example"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/a/1",
                "type": ["Achievement"],
                "name": name,
                "description": "d",
                "criteria": {"narrative": "n"},
            },
        },
    }


def _export(tmp_path: Path) -> Path:
    d = tmp_path / "export"
    d.mkdir()
    for n in range(4):
        name = "BOOM" if n == 2 else f"Badge {n}"
        (d / f"doc{n}.json").write_text(json.dumps(_ob3(n, name)), encoding="utf-8")
    (d / "broken.json").write_text("{not json", encoding="utf-8")
    return d


def _boom(monkeypatch: pytest.MonkeyPatch, name: str = "jsonld") -> None:
    checks.load_all()
    original = checks.CHECKS[name]

    def exploding(doc: Any, ctx: Any) -> Any:
        if "BOOM" in json.dumps(doc.data):
            raise KeyError("mappings")
        return original(doc, ctx)

    monkeypatch.setitem(checks.CHECKS, name, exploding)


def _by_source(report: mcconform.Report) -> dict[str, Any]:
    return {Path(d.source).name: d.to_dict() for d in report.documents}


def test_a_raising_check_is_a_finding_of_that_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = _export(tmp_path)
    before = _by_source(mcconform.check(str(export), now=_now()))
    _boom(monkeypatch)
    after = _by_source(mcconform.check(str(export), now=_now()))
    assert sorted(after) == sorted(before)
    bad = after.pop("doc2.json")
    before.pop("doc2.json")
    assert after == before  # the other documents are untouched
    internal = [f for f in bad["findings"] if f["rule"] == INTERNAL_RULE]
    assert len(internal) == 1
    assert "check jsonld" in internal[0]["message"] and "KeyError" in internal[0]["message"]
    assert "Traceback" not in internal[0]["message"]


def _now() -> Any:
    from datetime import datetime

    return datetime.fromisoformat(NOW.replace("Z", "+00:00"))


def test_check_cli_exits_4_and_writes_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(tmp_path)
    _boom(monkeypatch)
    out = tmp_path / "report.json"
    res = CliRunner().invoke(main, ["check", "--now", NOW, "-f", "json", "-o", str(out), str(export)])
    assert res.exit_code == EXIT_INTERNAL, res.output
    assert "Traceback" not in res.output
    data = json.loads(out.read_text("utf-8"))
    assert len(data["documents"]) == 5
    rules = {Path(d["source"]).name: {f["rule"] for f in d["findings"]} for d in data["documents"]}
    assert INTERNAL_RULE in rules["doc2.json"]
    assert all(INTERNAL_RULE not in r for name, r in rules.items() if name != "doc2.json")


def test_debug_prints_the_traceback_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(tmp_path)
    _boom(monkeypatch)
    from mcconform import guard

    monkeypatch.setitem(guard._DEBUG, "on", False)  # restored after the test
    res = CliRunner().invoke(main, ["check", "--now", NOW, "--debug", "-f", "json", str(export)])
    assert res.exit_code == EXIT_INTERNAL
    assert "Traceback" in res.stderr and "KeyError" in res.stderr
    assert "Traceback" not in res.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_audit_goes_on_and_exits_4(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    export = _export(tmp_path)
    clean = CliRunner().invoke(main, ["audit", "--now", NOW, "-f", "json", "-j", workers, str(export)])
    assert clean.exit_code == 0
    _boom(monkeypatch)
    out = tmp_path / "audit.json"
    args = ["audit", "--now", NOW, "-f", "json", "-j", workers, "-o", str(out), str(export)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == EXIT_INTERNAL, res.output
    data = json.loads(out.read_text("utf-8"))
    base = json.loads(clean.output)
    assert data["totals"]["documents"] == base["totals"]["documents"] == 5
    assert data["kinds"] == base["kinds"]
    internal = [r for r in data["findings"] if r["rule"] == INTERNAL_RULE]
    assert internal and internal[0]["documents"] == 1
    assert internal[0]["examples"][0]["source"].endswith("doc2.json")


def test_a_raising_detection_or_reader_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(tmp_path)
    original = content.document_from_bytes

    def reader(label: str, raw: bytes, limits: Any) -> Any:
        if label.endswith("doc1.json"):
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return original(label, raw, limits)

    monkeypatch.setattr(content, "document_from_bytes", reader)  # every reader calls it there
    from mcconform import detect

    real_detect = detect.detect

    def detector(doc: Any, limits: Any) -> Any:
        if "BOOM" in json.dumps(doc.data):
            raise RecursionError("maximum recursion depth exceeded")
        return real_detect(doc, limits)

    monkeypatch.setattr(detect, "detect", detector)
    docs = {Path(d.source).name: d for d in mcconform.check(str(export), now=_now()).documents}
    assert len(docs) == 5
    assert any(f.rule == INTERNAL_RULE and "reading" in f.message for f in docs["doc1.json"].findings)
    assert any(f.rule == INTERNAL_RULE and "detection" in f.message for f in docs["doc2.json"].findings)
    assert docs["doc0.json"].kind == docs["doc3.json"].kind != "unreadable"
    assert not any(f.rule == INTERNAL_RULE for f in docs["doc0.json"].findings)
