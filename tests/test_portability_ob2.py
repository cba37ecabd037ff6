"""Acceptance: every valid OB 2.0 assertion of 1EdTech's validator vectors converts to an
OB 3.0 credential that passes the ob3 profile, with hosted verification in the loss report,
following the 1EdTech migration pattern; the output is reproducible."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import mcconform
from conftest import corpus_path
from mcconform.api import Checker
from mcconform.cli import main
from mcconform.portability import Conversion, convert
from mcconform.sources import iter_documents
from test_ob2_expected import ROWS, SUITE, suite_options

VALID = [r["file"] for r in ROWS if r["expect"] == "valid"]


@cache
def conversions() -> dict[str, Conversion]:
    vectors = corpus_path(*SUITE, "vectors")
    opts = suite_options()
    checker = Checker(None, opts)
    out = {}
    for doc in iter_documents([str(vectors / f) for f in VALID], opts.limits, opts):
        rel = Path(doc.source).relative_to(vectors).as_posix()
        out[rel] = convert(doc, "ob3", checker)
    return out


def test_the_valid_rows_include_assertions_of_every_envelope() -> None:
    assertions = {k for k, c in conversions().items() if c.source_kind == "ob2-assertion"}
    assert {Path(k).suffix for k in assertions} == {".json", ".png", ".jwt"}
    assert len(assertions) >= 12


@pytest.mark.parametrize("name", VALID)
def test_valid_assertion_converts_and_passes_ob3(name: str) -> None:
    conv = conversions()[name]
    if conv.source_kind != "ob2-assertion":
        assert conv.document is None
        assert [f.rule for f in conv.losses] == ["portability.unsupported"]
        return
    assert conv.document is not None
    assert conv.verdicts == {"ob3": "pass", "vc": "pass"}, [f.to_dict() for f in conv.checked]
    assert not any(f.rule == "portability.unexplained" for f in conv.findings)
    # checked again, independently of the converter, by the public API: ob3 passes
    # (default profiles: the vc data model layer too)
    again = mcconform.check(conv.document, now=suite_options().now).documents[0]
    assert again.kind == "ob3-credential"
    assert {k: v.verdict for k, v in again.profiles.items()} == {"ob3": "pass", "vc": "pass"}, [
        f.to_dict() for f in again.findings
    ]
    assert any(f.rule == "portability.verification-lost" for f in conv.losses)
    if name.endswith(".jwt"):
        assert any(f.rule == "portability.proof-dropped" for f in conv.losses)
    assert "proof" not in conv.document


def test_migration_pattern() -> None:
    conv = conversions()["ob20/basic-assertion.json"]
    d = conv.document
    assert d is not None
    src = json.loads(corpus_path(*SUITE, "vectors", "ob20", "basic-assertion.json").read_text("utf-8"))
    assert d["id"].startswith("urn:uuid:") and d["id"] != src["id"]
    assert d["evidence"][0]["id"] == src["id"]
    assert "https://w3id.org/openbadges#Assertion" in d["evidence"][0]["type"]
    ach = d["credentialSubject"]["achievement"]
    assert ach["related"] == [
        {
            "id": src["badge"],
            "type": ["Related", "https://w3id.org/openbadges#BadgeClass"],
            "version": "Open Badges v2p0",
        }
    ]
    other = d["issuer"]["otherIdentifier"]
    assert other[0]["identifier"] == d["issuer"]["id"] and other[0]["identifierType"] == "identifier"
    ident = d["credentialSubject"]["identifier"][0]
    assert ident["identityType"] == "emailAddress" and ident["identityHash"] == src["recipient"]["identity"]
    assert d["validFrom"].startswith(src["issuedOn"][:19])
    assert d["@context"][0] == "https://www.w3.org/ns/credentials/v2"


def test_extensions_are_reported_not_carried() -> None:
    conv = conversions()["ob20/assertion-with-extension-node-basic.json"]
    lost = {(f.rule, f.pointer) for f in conv.losses}
    assert ("portability.not-carried", "/extensions:exampleExtension") in lost


def test_without_resource_map_nothing_is_converted() -> None:
    path = corpus_path(*SUITE, "vectors", "ob20", "basic-assertion.json")
    checker = Checker(None, mcconform.options.Options())
    doc = next(iter(iter_documents([str(path)], checker.options.limits, checker.options)))
    conv = convert(doc, "ob3", checker)
    assert conv.document is None
    assert [f.rule for f in conv.losses] == ["portability.unresolved"]


def test_cli_convert_is_reproducible_and_never_overwrites_input(tmp_path: Path) -> None:
    vec = corpus_path(*SUITE, "vectors", "ob20")
    src = tmp_path / "a.json"
    src.write_text((vec / "basic-assertion.json").read_text("utf-8"), encoding="utf-8")
    args = [
        "convert",
        "--to",
        "ob3",
        "--resource-map",
        f"https://example.org/={vec / 'assets'}",
        "--now",
        "2026-01-01T00:00:00Z",
    ]
    r1 = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "o1.json"), str(src)])
    r2 = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "o2.json"), "-f", "json", str(src)])
    assert r1.exit_code == 0, r1.output
    assert (tmp_path / "o1.json").read_bytes() == (tmp_path / "o2.json").read_bytes()
    report = json.loads(r2.output)
    rules = {f["rule"] for f in report["documents"][0]["findings"]}
    assert "portability.verification-lost" in rules
    r3 = CliRunner().invoke(main, [*args, "-o", str(src), str(src)])
    assert r3.exit_code == 2
    assert json.loads(src.read_text("utf-8"))["type"] == "Assertion"


def test_portability_rules_are_documented() -> None:
    from mcconform.rules import all_rules

    ids = {r.id for r in all_rules()}
    assert {"portability.not-carried", "portability.target-requires", "portability.unexplained"} <= ids


def test_ob1_assertion_converts_with_its_hosted_url_as_provenance(tmp_path: Path) -> None:
    """OB 1.0: no ids (objects are identified by their URL), ``verify.url`` is the hosted
    assertion, issuedOn may be a Unix timestamp.  BadgeClass and Issuer written here."""
    (tmp_path / "badgeclass").write_text(
        json.dumps(
            {
                "name": "Basic Badge",
                "description": "Basic.",
                "image": "http://a.com/img",
                "criteria": "http://a.com/criteria",
                "issuer": "http://a.com/issuer",
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "issuer").write_text(
        json.dumps({"name": "Basic Issuer", "url": "http://a.com"}), encoding="utf-8"
    )
    legacy = corpus_path(
        "openbadges", "ob2", "legacy", "validator-core-test-components", "1_0_basic_assertion.json"
    )
    assertion = json.loads(legacy.read_text("utf-8"))
    assert assertion["verify"]["url"] == "http://a.com/instance"
    assertion["issuedOn"] = 1430352000  # the same day as a 10-digit Unix timestamp (OB 1.0 DateTime)
    opts = mcconform.options.Options(now=suite_options().now, resource_map={"http://a.com/": str(tmp_path)})
    checker = Checker(None, opts)
    doc = mcconform.document.Document(source="<ob1>")
    mcconform.sources.document_from_text(doc, json.dumps(assertion), opts.limits)
    conv = convert(doc, "ob3", checker)
    assert conv.source_kind == "ob1-assertion"
    d = conv.document
    assert d is not None
    assert conv.verdicts == {"ob3": "pass", "vc": "pass"}, [f.to_dict() for f in conv.checked]
    assert d["validFrom"] == "2015-04-30T00:00:00Z"
    assert d["evidence"][0]["id"] == "http://a.com/instance"
    assert d["issuer"]["id"] == "http://a.com/issuer"
    assert d["credentialSubject"]["achievement"]["related"][0]["id"] == "http://a.com/badgeclass"
    assert {f.rule for f in conv.losses} >= {"portability.verification-lost", "portability.not-carried"}


def test_blank_node_evidence_id_is_not_carried_as_an_id() -> None:
    """An OB 2.0 evidence ``"id": "_:b1"`` is a JSON-LD blank node label, not a URL: the
    evidence is carried without it (the VC data model layer refuses a non-URL id) and the
    loss report says so."""
    conv = conversions()["ob20/assertion-with-extension-node-basic.json"]
    d = conv.document
    assert d is not None
    (ev,) = [e for e in d["evidence"] if "https://w3id.org/openbadges#Assertion" not in e["type"]]
    assert ev == {"type": ["Evidence"], "narrative": "Rocked the free world"}
    assert any(f.rule == "portability.not-carried" and f.pointer == "/evidence/id" for f in conv.losses)
