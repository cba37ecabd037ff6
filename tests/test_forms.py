"""Documents in other shapes are recognised, and EDC documents are not passed on nothing
(issue 13, deliverables 7 and 8): JSON-LD in expanded / flattened / @graph form, the EDC
upload wrapper, an EDC whose terms are not ELM, expired EDCs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import mcconform
from conftest import CORPUS, FIXTURES

NOW = datetime(2026, 1, 1, tzinfo=UTC)
FORMS = FIXTURES / "forms"
CASES = sorted(p for p in FORMS.glob("*.json") if not p.name.endswith(".expect.json"))
ELM = CORPUS / "elm" / "examples"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_each_form_gets_its_finding(path: Path) -> None:
    expect = json.loads(path.with_name(path.stem + ".expect.json").read_text())
    [doc] = mcconform.check(str(path), now=NOW).documents
    assert doc.verdict == "fail"
    hits = [f.pointer for f in doc.findings if f.rule == expect["rule"]]
    assert hits == [expect["pointer"]], [f.to_dict() for f in doc.findings]
    assert not any(f.rule == "detect.unknown-kind" for f in doc.findings)


def test_jsonld_forms_name_the_credential_and_what_to_do() -> None:
    [doc] = mcconform.check(str(FORMS / "expanded.json"), now=NOW).documents
    [f] = [f for f in doc.findings if f.rule == "detect.jsonld-form"]
    assert "OpenBadgeCredential" in f.message and "compact" in f.message


def test_upload_wrapper_is_checked_like_the_credential_inside() -> None:
    wrapped = ELM / "Sample-MC-Annex1-unsigned-uploadable.json"
    plain = ELM / "Sample-MC-Annex1-unsigned.jsonld"
    if not wrapped.exists():
        pytest.skip("reference corpus not available")
    [w] = mcconform.check(str(wrapped), now=NOW).documents
    [p] = mcconform.check(str(plain), now=NOW).documents
    assert w.kind == p.kind == "edc-credential" and w.meta["credential_pointer"] == "/credential"
    assert any(f.rule == "detect.edc-upload-wrapper" for f in w.findings)

    def shacl(doc: mcconform.DocumentReport, prefix: str) -> set[tuple[str, str]]:
        return {(f.rule, f.pointer.removeprefix(prefix)) for f in doc.findings if f.rule.startswith("shacl.")}

    assert shacl(w, "/credential") == shacl(p, "") != set()


def test_expired_edc_fails_and_is_valid_before() -> None:
    sample = ELM / "credential-sample.jsonld"
    if not sample.exists():
        pytest.skip("reference corpus not available")
    [late] = mcconform.check(str(sample), now=NOW).documents
    assert {(f.rule, f.pointer) for f in late.findings if f.rule.startswith("edc.")} >= {
        ("edc.expired", "/expirationDate"),
        ("edc.expired", "/validUntil"),
    }
    [early] = mcconform.check(str(sample), now=datetime(2020, 1, 1, tzinfo=UTC)).documents
    assert not any(f.rule in ("edc.expired", "edc.not-yet-valid") for f in early.findings)
    [before] = mcconform.check(str(sample), now=datetime(2005, 1, 1, tzinfo=UTC)).documents
    assert any(f.rule == "edc.not-yet-valid" and f.pointer == "/validFrom" for f in before.findings)


@pytest.mark.parametrize("name", ["Sample-MC-Annex1-unsigned.jsonld", "Sample-CertOfPart-unsigned.jsonld"])
def test_real_edcs_are_elm(name: str) -> None:
    if not (ELM / name).exists():
        pytest.skip("reference corpus not available")
    [doc] = mcconform.check(str(ELM / name), now=NOW).documents
    assert not any(f.rule == "edc.not-elm" for f in doc.findings)
