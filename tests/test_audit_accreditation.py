"""Cross-document audits: issuer consistency, stacking, offline registries (fixtures written here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mcconform import audit as audit_mod
from mcconform.api import Checker
from mcconform.audit import run as audit_run
from mcconform.audit.stacking import Stacking
from mcconform.cli import main
from mcconform.limits import Limits
from mcconform.registry import RegistryError, load

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def _audit(*paths: Path, workers: int = 1, **kw: Any) -> dict[str, Any]:
    result = audit_mod.Audit(inputs=[str(p) for p in paths], **kw)
    audit_run.run([str(p) for p in paths], Checker(), Limits(), audit=result, workers=workers)
    return result.to_dict()


def test_inconsistent_export_gives_findings() -> None:
    c = _audit(FIX / "audit" / "inconsistent")["consistency"]
    (issuer,) = c["issuer_conflicts"]
    assert issuer["id"] == "https://uni.example.org/issuer"
    assert sorted(v["value"] for v in issuer["conflicts"]["name"]) == [
        "Example Univ. (old name)", "Example University"]
    assert all(v["example"].endswith((".json",)) for v in issuer["conflicts"]["name"])
    (ach,) = c["achievement_conflicts"]
    workloads = sorted(v["value"] for v in ach["conflicts"]["workload"])
    assert workloads == ["3 creditsAvailable", "5 creditsAvailable"]
    assert c["status_coverage"] == [
        {"issuer": "https://uni.example.org/issuer", "credentials": 2, "with_status": 0, "coverage": 0.0}]


def test_consistent_export_gives_none() -> None:
    c = _audit(FIX / "audit" / "consistent")["consistency"]
    assert c["issuer_conflicts"] == [] and c["achievement_conflicts"] == []
    assert c["duplicate_ids"]["count"] == 0 and c["findings"] == 0
    assert c["status_coverage"][0]["coverage"] == 1.0


def test_duplicate_ids(tmp_path: Path) -> None:
    data = (FIX / "audit" / "consistent" / "a.json").read_text()
    (tmp_path / "x.json").write_text(data)
    (tmp_path / "y.json").write_text(data)
    c = _audit(tmp_path)["consistency"]
    assert c["duplicate_ids"]["count"] == 1
    assert len(c["duplicate_ids"]["examples"][0]["sources"]) == 2


def test_stacking_fixtures() -> None:
    s = _audit(FIX / "stacking")["stacking"]
    assert [x["source"].rsplit("/", 1)[-1] for x in s["clr"]["dangling"]["examples"]] == ["clr-dangling.json"]
    assert [x["source"].rsplit("/", 1)[-1] for x in s["clr"]["cycle"]["examples"]] == ["clr-cycle.json"]
    (mismatch,) = s["credit_mismatches"]["examples"]
    assert (mismatch["whole"], mismatch["parts_sum"]) == (10.0, 6.0)
    assert "10 ECTS" in mismatch["message"] and "6 ECTS" in mismatch["message"]
    ok = _audit(FIX / "stacking-ok")["stacking"]
    assert ok["findings"] == 0 and ok["clr_documents"] == 1


def test_elm_links_must_resolve_within_the_export() -> None:
    s = Stacking()
    part = {"id": "urn:a", "credits": 5.0, "isPartOf": ["urn:whole"], "hasPart": [], "entitlesTo": []}
    s.add({"elm": [part]}, "a")
    d = s.to_dict()["elm_dangling"]
    assert d["count"] == 1 and d["examples"][0]["target"] == "urn:whole"
    whole = {"id": "urn:whole", "credits": 5.0, "hasPart": ["urn:a"], "isPartOf": [], "entitlesTo": []}
    s.add({"elm": [whole]}, "b")
    out = s.to_dict()
    assert out["elm_dangling"]["count"] == 0 and out["credit_mismatches"]["count"] == 0


@pytest.mark.parametrize("snapshot", ["deqar-snapshot.json", "trusted-issuers.csv"])
def test_registry_snapshot(snapshot: str) -> None:
    reg = load(str(FIX / "registry" / snapshot))
    rows = {r["issuer"]: r for r in _audit(FIX / "registry" / "export", registry=reg)["registry"]["issuers"]}
    assert rows["https://unknown.example.net/issuer"]["status"] == "not listed"
    listed = rows["https://uni.example.org/issuer"]["status"]
    assert listed == "listed, report valid" if snapshot.endswith(".json") else listed.startswith("listed")


def test_registry_report_expired_on_issuance(tmp_path: Path) -> None:
    snap = json.loads((FIX / "registry" / "deqar-snapshot.json").read_text())
    snap["reports"][0]["valid_to"] = "2023-01-01"
    (tmp_path / "s.json").write_text(json.dumps(snap))
    rows = _audit(FIX / "registry" / "export", registry=load(str(tmp_path / "s.json")))["registry"]["issuers"]
    assert rows[0]["status"] == "listed, report not valid on 1 issuance date(s)"


def test_bad_registry_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(RegistryError):
        load(str(tmp_path / "bad.json"))
    export, bad = str(FIX / "registry" / "export"), str(tmp_path / "bad.json")
    r = CliRunner().invoke(main, ["audit", export, "--registry", bad])
    assert r.exit_code == 2 and "not JSON" in r.output


def test_cli_registry_and_sections_in_every_format(tmp_path: Path) -> None:
    args = ["audit", str(FIX / "registry" / "export"), str(FIX / "audit" / "inconsistent"),
            str(FIX / "stacking"), "-j1", "--registry", str(FIX / "registry" / "deqar-snapshot.json")]
    for fmt, needle in (("json", '"report_valid"'), ("markdown", "listed, report valid"),
                        ("html", "listed, report valid")):
        r = CliRunner().invoke(main, [*args, "--format", fmt])
        assert r.exit_code == 0, r.output
        assert needle in r.output
        assert "Example Univ. (old name)" in r.output
        assert "do not add up" in r.output or fmt == "json"


def test_same_audit_with_workers() -> None:
    paths = (FIX / "audit", FIX / "stacking", FIX / "registry" / "export")
    assert _audit(*paths, workers=1) == _audit(*paths, workers=2)


def test_credentials_only_excludes_unknown_kinds(tmp_path: Path) -> None:
    (tmp_path / "context.json").write_text('{"@context": {"x": "http://example.org/x"}}')
    (tmp_path / "a.json").write_text((FIX / "audit" / "consistent" / "a.json").read_text())
    full = _audit(tmp_path)["totals"]
    only = _audit(tmp_path, credentials_only=True)["totals"]
    assert full["documents"] == 2 and only["documents"] == 1
    assert only["excluded"] == {"unknown": 1}


def test_html_findings_by_severity_and_successes_apart() -> None:
    data = _audit(FIX / "audit" / "inconsistent")
    def finding(rule: str, severity: str, count: int) -> dict[str, Any]:
        return {"rule": rule, "severity": severity, "title": "", "spec": "", "spec_url": None,
                "count": count, "documents": count, "examples": []}
    data["findings"] = [finding("proof.verified", "info", 50), finding("x.note", "info", 40),
                        finding("x.warn", "warning", 30), finding("x.error", "error", 1)]
    page = audit_run.render(data, "html")
    findings = page.split('id="findings"', 1)[1]
    chart, rest = findings.split("<table", 1)
    assert "proof.verified" not in chart and "x.note" in chart
    table, successes = rest.split('id="successes"', 1)
    order = [table.index(f'data-rule="{r}"') for r in ("x.error", "x.warn", "x.note")]
    assert order == sorted(order) and "proof.verified" not in table and "proof.verified" in successes
    md = audit_run.render(data, "markdown")
    assert md.index("x.error") < md.index("x.warn") < md.index("x.note") and "proof.verified" not in md


def test_registry_judges_the_deqar_report_an_elm_accreditation_cites() -> None:
    reg = load(str(FIX / "registry" / "deqar-snapshot.json"))
    rows = _audit(FIX / "elm" / "accreditation" / "covered.json", registry=reg)["registry"]["issuers"]
    got = [(r["issuer"], r["status"]) for r in rows]
    assert got == [("urn:epass:org:uni-example", "listed, report valid")]


def test_clr_inverses() -> None:
    def clr(*assocs: tuple[str, str, str]) -> dict[str, Any]:
        return {"credentialSubject": {
            "achievement": [{"id": "urn:a"}, {"id": "urn:b"}],
            "association": [{"associationType": t, "sourceId": s, "targetId": d} for t, s, d in assocs]}}
    from mcconform.audit.facts import clr_associations

    assert clr_associations(clr(("isChildOf", "urn:a", "urn:b"), ("isParentOf", "urn:b", "urn:a"))) == {}
    one = clr_associations(clr(("isParentOf", "urn:b", "urn:a")))
    assert list(one) == ["one_sided"]  # allowed: not a stacking finding
    both = clr_associations(clr(("isChildOf", "urn:a", "urn:b"), ("isParentOf", "urn:a", "urn:b")))
    assert "inverse" in both and "cycle" in both


def test_numbers_written_differently_are_no_conflict(tmp_path: Path) -> None:
    for name, credits in (("a", 3), ("b", 3.0)):
        cred = json.loads((FIX / "audit" / "consistent" / "a.json").read_text())
        cred["id"] += name
        cred["credentialSubject"]["achievement"]["creditsAvailable"] = credits
        (tmp_path / f"{name}.json").write_text(json.dumps(cred))
    assert _audit(tmp_path)["consistency"]["achievement_conflicts"] == []
