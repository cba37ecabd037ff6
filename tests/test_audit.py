"""``mcconform audit``: streamed aggregation of a whole export per issuer and achievement."""

from __future__ import annotations

import gc
import importlib.util
import io
import json
import sys
import types
import weakref
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import corpus_path
from mcconform import audit as audit_mod
from mcconform.api import Checker
from mcconform.audit import run as audit_run
from mcconform.cli import main
from mcconform.document import Document
from mcconform.limits import Limits
from mcconform.sources import document_from_text

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-01-01T00:00:00Z"


def _synth() -> Any:
    spec = importlib.util.spec_from_file_location("synth_export", ROOT / "tools" / "synth_export.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


synth = _synth()


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


class Page(HTMLParser):
    """The numbers an HTML audit shows: summary metrics and the rows of its tables."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.metrics: dict[str, str] = {}
        self.rows: dict[str, list[dict[str, str | None]]] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "data-metric" in a:
            self.metrics[str(a["data-metric"])] = str(a["data-value"])
        if tag == "tr" and a.get("class"):
            self.rows.setdefault(str(a["class"]), []).append(a)


def check_totals_agree(data: dict[str, Any], page: Page) -> None:
    totals = data["totals"]
    for key in ("documents", "conformant", "not_conformant", "errors", "warnings", "infos"):
        assert page.metrics[key] == str(totals[key]), key
    assert page.metrics["infos"] == str(totals["infos"])
    assert page.metrics["pass_rate"] == str(totals["pass_rate"])
    assert page.metrics["issuers"] == str(totals["issuers"]) == str(len(data["issuers"]))
    assert page.metrics["achievements"] == str(totals["achievements"]) == str(len(data["achievements"]))
    issuers = page.rows["issuer"]
    assert [r["data-key"] for r in issuers] == [g["key"] for g in data["issuers"]]
    assert sum(int(str(r["data-documents"])) for r in issuers) == totals["documents"]
    achievements = page.rows["achievement"]
    assert sum(int(str(r["data-documents"])) for r in achievements) == totals["documents"]


def test_jsonl_export_json_and_html_agree(tmp_path: Path) -> None:
    count = 2000
    export = synth.write(tmp_path / "export.jsonl", count, issuers=12, badges=60, ob3_every=10)
    out_json, out_html = tmp_path / "audit.json", tmp_path / "audit.html"
    assert run("audit", "--now", NOW, str(export), "-o", str(out_json)).exit_code == 0
    assert run("audit", "--now", NOW, "--format", "html", str(export), "-o", str(out_html)).exit_code == 0
    data = json.loads(out_json.read_text())
    page = Page(out_html.read_text())
    check_totals_agree(data, page)

    expected = synth.expected(count)
    totals = data["totals"]
    assert totals["documents"] == count
    assert data["kinds"]["unreadable"] == expected["broken"]
    rules = {f["rule"]: f for f in data["findings"]}
    assert rules["jsonld.undefined-term"]["documents"] == expected["undefined"]
    assert rules["jsonld.context.not-checked"]["documents"] == expected["unknown_context"]
    assert rules["parse.truncated"]["documents"] == expected["broken"]
    injected = expected["broken"] + expected["undefined"] + expected["unknown_context"]
    assert totals["not_conformant"] >= injected
    # 12 issuers plus the row of the unreadable lines; every example is located in the file
    assert totals["issuers"] == 13
    assert {g["key"] for g in data["issuers"]} >= {"https://issuer3.example.org/profile", "(no issuer)"}
    assert sum(g["documents"] for g in data["issuers"]) == count
    ex = rules["jsonld.undefined-term"]["examples"][0]
    assert ex["source"] == f"{export}:97" and ex["line"] == 97 and ex["pointer"] == "/favouriteColour"
    assert len(rules["jsonld.undefined-term"]["examples"]) == 3
    assert sum(p["applicable"] + p["inapplicable"] for p in data["profiles"].values()) >= count
    for name, p in data["profiles"].items():  # the issuer rows add up to the totals, per profile too
        assert p["applicable"] == p["pass"] + p["fail"] + p["cantTell"]
        for verdict in ("pass", "fail", "cantTell", "inapplicable"):
            by_issuer = sum(g["profiles"].get(name, {}).get(verdict, 0) for g in data["issuers"])
            assert by_issuer == p[verdict], (name, verdict)
    iss = next(g for g in data["issuers"] if g["key"] == "https://issuer3.example.org/profile")
    assert iss["name"] == "Example Issuer 3"
    assert sum(p["applicable"] + p["inapplicable"] for p in iss["profiles"].values()) >= iss["documents"]
    ach = data["achievements"][0]
    assert ach["issuer"] and ach["issuer"].startswith("https://issuer")


def test_zip_directory_and_jsonl_exports_agree(tmp_path: Path) -> None:
    lines = list(synth.lines(300, issuers=4, badges=10, ob3_every=5))
    export = tmp_path / "e.jsonl"
    export.write_text("\n".join(lines) + "\n")
    folder = tmp_path / "dir"
    folder.mkdir()
    with zipfile.ZipFile(tmp_path / "e.zip", "w") as zf:
        zf.writestr("part1.jsonl", "\n".join(lines[:150]) + "\n")
        for i, line in enumerate(lines[150:]):
            zf.writestr(f"docs/{i:04d}.json", line)
            (folder / f"{i:04d}.json").write_text(line)
    (folder / "part1.jsonl").write_text("\n".join(lines[:150]) + "\n")

    def totals(path: Path) -> dict[str, Any]:
        res = run("audit", "--now", NOW, "--format", "json", str(path))
        data = json.loads(res.output)
        data.pop("inputs")
        for f in data["findings"]:
            f.pop("examples")
        for table in ("issuers", "achievements"):
            for g in data[table]:
                for t in g["top_findings"]:
                    t.pop("example")
        # these sections name sources (which differ between the layouts): compare their counts
        data.pop("document_list")
        for section in ("consistency", "stacking"):
            data[section] = data[section]["findings"]
        return data

    reference = totals(export)
    assert reference["totals"]["documents"] == 300
    # the same audit again gives the same bytes
    first = run("audit", "--now", NOW, "--format", "json", str(export)).output
    assert run("audit", "--now", NOW, "--format", "json", str(export)).output == first
    assert totals(tmp_path / "e.zip") == reference
    assert totals(folder) == reference


def test_corpus_audit_html_has_one_row_per_issuer(tmp_path: Path) -> None:
    corpus = corpus_path()
    out_html, out_json = tmp_path / "audit.html", tmp_path / "audit.json"
    assert run("audit", str(corpus), "--format", "html", "-o", str(out_html)).exit_code == 0
    assert run("audit", str(corpus), "--format", "json", "-o", str(out_json)).exit_code == 0
    data = json.loads(out_json.read_text())
    page = Page(out_html.read_text())
    check_totals_agree(data, page)
    assert len(page.rows["issuer"]) == len(data["issuers"]) > 5
    keys = [g["key"] for g in data["issuers"]]
    assert len(keys) == len(set(keys))


def test_streaming_keeps_no_document(tmp_path: Path) -> None:
    """Each document (and its report) is released before the next one is read."""
    lines = list(synth.lines(25, issuers=3, badges=6))
    refs: list[weakref.ref[Document]] = []
    alive_during: list[int] = []

    def docs() -> Iterator[Document]:
        for i, line in enumerate(lines):
            gc.collect()
            alive_during.append(sum(r() is not None for r in refs))
            doc = document_from_text(Document(source=f"x.jsonl:{i + 1}"), line, Limits())
            refs.append(weakref.ref(doc))
            yield doc

    result = audit_mod.Audit()
    for doc, rep in audit_run.iter_checked(Checker(), docs()):
        result.add(rep, doc)
        del doc, rep
    assert max(alive_during) <= 1
    assert result.to_dict()["totals"]["documents"] == 25


def test_group_limit_counts_the_rest_together() -> None:
    checker = Checker()
    result = audit_mod.Audit(max_groups=3)
    for n in range(1, 41):
        doc = document_from_text(Document(source=f"x:{n}"), json.dumps(synth.ob3(n, n % 8, n % 16)), Limits())
        result.add(checker.check_document(doc), doc)
    data = result.to_dict()
    keys = [g["key"] for g in data["issuers"]]
    assert len(keys) == 4 and audit_mod.OTHER_ISSUERS in keys
    assert sum(g["documents"] for g in data["issuers"]) == 40
    assert sum(g["documents"] for g in data["achievements"]) == 40
    assert data["limits"]["issuers_beyond_limit"] > 0


def test_quality_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("mcconform.quality")

    def extract(doc: Document) -> dict[str, bool]:
        cred = doc.credential
        return {"title": "name" in cred, "ects": "creditsAvailable" in json.dumps(cred)}

    fake.extract = extract  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mcconform.quality", fake)
    checker = Checker()
    result = audit_mod.Audit()
    for n in range(1, 5):
        doc = document_from_text(Document(source=f"x:{n}"), json.dumps(synth.ob3(n, 0, 0)), Limits())
        result.add(checker.check_document(doc), doc)
    q = result.to_dict()["quality"]
    assert q["available"] and q["documents"] == 4
    assert q["elements"]["title"] == {"found": 4, "coverage": 1.0}
    assert q["elements"]["ects"] == {"found": 0, "coverage": 0.0}
    issuer = result.to_dict()["issuers"][0]
    assert issuer["quality"]["elements"]["title"]["found"] == 4
    html = audit_run.render(result.to_dict(), "html")
    assert 'data-element="ects"' in html

    monkeypatch.setitem(sys.modules, "mcconform.quality", None)  # import fails
    q = audit_mod.Audit().to_dict()["quality"]
    assert q["available"] is False and q["elements"] == {} and "not available" in q["note"]


def test_identify_issuer_and_achievement() -> None:
    def ident(kind: str, data: dict[str, Any]) -> Any:
        doc = Document(source="x", data=data, readable=True, kind=kind)
        return audit_mod.identify(doc)

    ob3 = synth.ob3(1, 2, 3)
    assert ident("ob3-credential", ob3) == (
        ("https://issuer2.example.org/profile", "Example Issuer 2"),
        ("https://issuer2.example.org/achievements/3", "Achievement 3"),
    )
    ob2 = synth.ob2(1, 2, 3)
    assert ident("ob2-assertion", ob2) == (
        ("https://issuer2.example.org/profile", "Example Issuer 2"),
        ("https://issuer2.example.org/badges/3", "Badge class 3"),
    )
    hosted = dict(ob2, badge="https://example.org/badge.json")
    assert ident("ob2-assertion", hosted) == ((None, None), ("https://example.org/badge.json", None))
    assert ident("ob2-badgeclass", ob2["badge"])[0] == (
        "https://issuer2.example.org/profile",
        "Example Issuer 2",
    )
    assert ident("ob3-profile", {"id": "https://i.org", "name": "I"})[0] == ("https://i.org", "I")
    edc = {
        "issuer": {"id": "urn:epass:org:1", "legalName": {"fr": "Université", "en": "University of Zed"}},
        "credentialSubject": {
            "hasClaim": [{"title": {"en": "Claim"}, "specifiedBy": {"id": "urn:q:1", "title": {"en": "Q"}}}]
        },
    }
    assert ident("edc-credential", edc) == (("urn:epass:org:1", "University of Zed"), ("urn:q:1", "Q"))
    assert ident("unknown", {"a": 1}) == ((None, None), (None, None))


def test_progress_bar_and_estimate(tmp_path: Path) -> None:
    stream = io.StringIO()
    bar = audit_run.Progress(10, stream, interval=0)
    for _ in range(10):
        bar.update()
    bar.close()
    text = stream.getvalue()
    assert "\r[" in text and "100%" in text and "10/10 documents" in text and text.endswith("\n")
    stream = io.StringIO()
    bar = audit_run.Progress(None, stream, interval=0)
    bar.update(3)
    assert "3 documents" in stream.getvalue()

    export = synth.write(tmp_path / "e.jsonl", 30)
    with zipfile.ZipFile(tmp_path / "e.zip", "w") as zf:
        zf.write(export, "a/e.jsonl")
        zf.writestr("b.json", "{}")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.json").write_text("{}")
    assert audit_run.estimate_total([str(export)]) == 30
    assert audit_run.estimate_total([str(tmp_path / "e.zip")]) == 31
    assert audit_run.estimate_total([str(tmp_path / "d"), str(export)]) == 31
    assert audit_run.estimate_total(["-"]) is None

    res = CliRunner().invoke(main, ["audit", "--progress", "--format", "json", str(export)])
    assert res.exit_code == 0 and "30/30 documents" in res.stderr
    assert json.loads(res.stdout)["totals"]["documents"] == 30


def test_audit_cli_formats_and_errors(tmp_path: Path) -> None:
    export = synth.write(tmp_path / "e.jsonl", 20)
    md = run("audit", str(export))
    assert md.exit_code == 0 and md.output.startswith("# mcconform audit")
    assert "## Issuers" in md.output and "| Example Issuer" in md.output
    out = tmp_path / "a.html"
    assert run("audit", str(export), "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert run("audit", str(tmp_path / "missing.jsonl")).exit_code == 2
    assert run("audit", str(export), "-o", str(export)).exit_code == 2
    assert run("audit", "--profile", "no-such-profile", str(export)).exit_code == 2
