"""The generic SHACL check: user shapes, pointer mapping of focus nodes and paths, messages."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mcconform.cli import main

CTX_URL = "https://example.org/ctx/v1"
CONTEXT = {
    "@context": {
        "@version": 1.1,
        "ex": "https://example.org/ns#",
        "id": "@id",
        "type": "@type",
        "Credential": "ex:Credential",
        "Org": "ex:Org",
        "Person": "ex:Person",
        "issuer": {"@id": "ex:issuer", "@type": "@id"},
        "subject": {"@id": "ex:subject"},
        "legalId": {"@id": "ex:legalIdentifier"},
        "name": {"@id": "ex:name"},
        "age": {"@id": "ex:age", "@type": "http://www.w3.org/2001/XMLSchema#integer"},
        "friends": {"@id": "ex:friend", "@container": "@set"},
    }
}
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://example.org/shapes#> .

t:Org a sh:NodeShape ; sh:targetClass ex:Org ;
  sh:property [ sh:path ex:legalIdentifier ; sh:minCount 1 ; sh:maxCount 1 ;
                sh:message "the issuer must have exactly one legal identifier (legalId)" ] .
t:Person a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ] ;
  sh:property [ sh:path ex:age ; sh:datatype xsd:integer ; sh:maxInclusive 150 ] .
"""


def doc() -> dict:
    return {
        "@context": CTX_URL,
        "id": "urn:cred:1",
        "type": "Credential",
        "issuer": {"id": "urn:org:1", "type": "Org", "name": "Org"},
        "subject": {
            "type": "Person",
            "name": "Ada",
            "age": 200,
            "friends": [{"type": "Person", "name": "Bob"}, {"type": "Person", "age": 3}],
        },
    }


def run(tmp_path: Path, document: dict) -> list[dict]:
    (tmp_path / "ctx.json").write_text(json.dumps(CONTEXT))
    (tmp_path / "shapes.ttl").write_text(SHAPES)
    (tmp_path / "doc.json").write_text(json.dumps(document))
    res = CliRunner().invoke(
        main,
        [
            "check",
            "--format",
            "json",
            "--profile",
            "shacl",
            "--context",
            f"{CTX_URL}={tmp_path / 'ctx.json'}",
            "--shapes",
            str(tmp_path / "shapes.ttl"),
            str(tmp_path / "doc.json"),
        ],
    )
    assert res.exit_code in (0, 1), res.output
    findings = json.loads(res.output)["documents"][0]["findings"]
    return [f for f in findings if f["rule"] != "detect.unknown-kind"]  # our toy vocabulary is no credential


def test_results_map_to_pointers(tmp_path: Path) -> None:
    findings = run(tmp_path, doc())
    got = {(f["rule"], f["pointer"]) for f in findings}
    assert got == {
        ("shacl.min-count", "/issuer"),  # IRI node: missing property -> the node's object
        ("shacl.max-inclusive", "/subject/age"),  # blank node: the key holding the bad value
        ("shacl.min-count", "/subject/friends/1"),  # blank node inside an array
    }
    by_ptr = {f["pointer"]: f for f in findings}
    assert by_ptr["/issuer"]["message"].startswith("the issuer must have exactly one legal identifier")
    assert by_ptr["/issuer"]["focus_node"] == "urn:org:1"
    assert by_ptr["/issuer"]["path"] == "https://example.org/ns#legalIdentifier"
    assert by_ptr["/subject/friends/1"]["message"].startswith("'name' is required")
    assert by_ptr["/subject/friends/1"]["focus_node"].startswith("_:")
    assert all(f["severity"] == "error" and f["shape"] for f in findings)


def test_conforming_document_has_no_shacl_findings(tmp_path: Path) -> None:
    d = doc()
    d["issuer"]["legalId"] = "NL-123"
    d["subject"]["age"] = 36
    d["subject"]["friends"][1]["name"] = "Cy"
    assert run(tmp_path, d) == []


def test_unreadable_shapes_are_a_finding(tmp_path: Path) -> None:
    (tmp_path / "ctx.json").write_text(json.dumps(CONTEXT))
    (tmp_path / "bad.ttl").write_text("this is not turtle .")
    (tmp_path / "doc.json").write_text(json.dumps(doc()))
    res = CliRunner().invoke(
        main,
        [
            "check",
            "--format",
            "json",
            "--profile",
            "shacl",
            "--context",
            f"{CTX_URL}={tmp_path / 'ctx.json'}",
            "--shapes",
            str(tmp_path / "bad.ttl"),
            str(tmp_path / "doc.json"),
        ],
    )
    rules = [f["rule"] for f in json.loads(res.output)["documents"][0]["findings"]]
    assert "shacl.shapes-unreadable" in rules and res.exit_code == 1
