"""European Digital Credentials: profiles elm-edc / elm-edc-no-cv with our shapes, against the
verdicts of pyshacl with the official EDC shapes (acceptance of the ELM issue)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mcconform
from conftest import corpus_path
from mcconform.checks.edc import profiles_for

EDC_AP = "http://data.europa.eu/snb/model/ap/"
CRED = "https://www.w3.org/2018/credentials#"
ELM = "http://data.europa.eu/snb/model/elm/"


def elm(*parts: str) -> Path:
    return corpus_path("elm", *parts)


def shacl_findings(report: mcconform.Report) -> list[mcconform.Finding]:
    [doc] = report.documents
    return [f for f in doc.findings if f.rule.startswith("shacl.")]


def test_sealed_payload_conforms() -> None:
    report = mcconform.check(elm("examples", "Sample-MC-Annex1-signed.jsonld"))
    [doc] = report.documents
    assert doc.kind == "edc-credential" and doc.meta["envelope"] == "sealed-edc"
    # elm-edc is chosen from the credential's own credentialSchema; trust because it is sealed;
    # vc: the VC data model is the base layer of every VC (issue 13)
    assert set(doc.profiles) == {"elm-edc", "trust", "vc"}
    assert doc.profiles["elm-edc"].verdict == "pass", [f.to_dict() for f in doc.findings]
    assert doc.profiles["vc"].verdict == "pass", [f.to_dict() for f in doc.findings]
    # the seal verifies, the certificate chain is not checked without --trust-anchor
    assert doc.profiles["trust"].verdict == "cantTell"
    # an unchecked chain means the document is not verified: never conformant (issue 13)
    assert doc.verdict == "cantTell" and not doc.conformant


@pytest.mark.parametrize("name", ["Sample-MC-Annex1-unsigned.jsonld", "Sample-CertOfPart-unsigned.jsonld"])
def test_unsigned_drafts_report_issued_and_eidas(name: str) -> None:
    report = mcconform.check(elm("examples", name))
    findings = shacl_findings(report)
    doc = json.loads(elm("examples", name).read_text())
    issuer_id = doc["issuer"]["id"]
    missing = {(f.focus_node, f.path, f.pointer) for f in findings if f.rule == "shacl.min-count"}
    assert missing == {
        (doc["id"], CRED + "issued", ""),
        (issuer_id, ELM + "eidasLegalIdentifier", "/issuer"),
    }
    eidas = next(f for f in findings if f.path == ELM + "eidasLegalIdentifier")
    assert "eIDASIdentifier" in eidas.message or "eIDAS" in eidas.message
    assert report.documents[0].profiles["elm-edc"].verdict == "fail"


def _official_results(path: Path, shape_files: list[Path]) -> set[tuple[str, str]]:
    """(focus node, path) of pyshacl with the official shapes on the same RDF graph."""
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from mcconform.api import Checker
    from mcconform.document import Document
    from mcconform.jsonld import process
    from mcconform.rdf import node_label, to_graph
    from mcconform.sources import document_from_text

    checker = Checker(["core"])
    d = Document(str(path))
    document_from_text(d, path.read_text(), checker.options.limits)
    from mcconform.detect import detect

    detect(d, checker.options.limits)
    res = process(d.credential, checker.registry)
    assert res.error is None
    shapes = Graph()
    for f in shape_files:
        shapes.parse(f, format="turtle")
    _c, results, _t = validate(
        to_graph(res.dataset), shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    out = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        p = results.value(r, SH.resultPath)
        out.add((node_label(focus), str(p) if p is not None else ""))
    return out


@pytest.mark.parametrize(
    "name",
    ["Sample-MC-Annex1-unsigned.jsonld", "Sample-CertOfPart-unsigned.jsonld", "credential-sample.jsonld"],
)
def test_same_results_as_official_shapes(name: str) -> None:
    path = elm("examples", name)
    official = _official_results(
        path, [elm("shapes", "edc", "EDC-generic-no-cv.ttl"), elm("shapes", "edc", "EDC-generic-full.ttl")]
    )
    ours = {(f.focus_node or "", f.path or "") for f in shacl_findings(mcconform.check(path, ["elm-edc"]))}
    assert ours == official


def test_user_shapes_get_the_same_pointer_mapping() -> None:
    path = elm("examples", "Sample-MC-Annex1-unsigned.jsonld")
    shapes = [
        str(elm("shapes", "edc", "EDC-generic-no-cv.ttl")),
        str(elm("shapes", "edc", "EDC-generic-full.ttl")),
    ]
    report = mcconform.check(path, ["shacl"], shapes=shapes)
    got = {(f.path, f.pointer) for f in shacl_findings(report) if f.rule == "shacl.min-count"}
    assert (ELM + "eidasLegalIdentifier", "/issuer") in got and (CRED + "issued", "") in got


def test_declared_schema_selects_profile() -> None:
    assert profiles_for(
        {"credentialSchema": {"id": EDC_AP + "edc-generic-no-cv", "type": "ShaclValidator2017"}}
    ) == ["elm-edc-no-cv"]
    assert profiles_for(
        {"credentialSchema": [{"id": EDC_AP + "edc-generic-full", "type": "ShaclValidator2017"}]}
    ) == ["elm-edc"]
    assert profiles_for({}) == ["elm-edc"]


def test_unknown_declared_schema_is_reported(tmp_path: Path) -> None:
    doc = json.loads(elm("examples", "Sample-MC-Annex1-unsigned.jsonld").read_text())
    doc["credentialSchema"] = [
        {"id": EDC_AP + "edc-generic-full", "type": "ShaclValidator2017"},
        {"id": EDC_AP + "edc-diplomaSupplement", "type": "ShaclValidator2017"},
    ]
    p = tmp_path / "ds.jsonld"
    p.write_text(json.dumps(doc))
    [d] = mcconform.check(p).documents
    unknown = [f for f in d.findings if f.rule == "edc.unknown-schema"]
    assert [(f.pointer, f.value) for f in unknown] == [
        ("/credentialSchema/1/id", EDC_AP + "edc-diplomaSupplement")
    ]
