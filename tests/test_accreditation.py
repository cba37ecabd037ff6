"""ELM accreditation coverage (checks/accreditation.py) on fixtures written here."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import mcconform
from mcconform import detect
from mcconform.checks.accreditation import coverage
from mcconform.limits import Limits
from mcconform.quality import extract
from mcconform.sources import iter_documents

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "elm" / "accreditation"


def _rules(path: Path) -> list[str]:
    report = mcconform.check([str(path)])
    return sorted(f.rule for d in report.documents for f in d.findings if f.rule.startswith("accreditation."))


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / name).read_text())
    return data


def test_covered_gives_no_accreditation_finding() -> None:
    assert _rules(HERE / "covered.json") == []


def test_expired_before_issuance() -> None:
    assert _rules(HERE / "expired-before-issuance.json") == ["accreditation.not-valid-at-issuance"]


def test_eqf_level_not_covered() -> None:
    assert _rules(HERE / "eqf-level-not-covered.json") == ["accreditation.limit-eqf-level"]


def _spec_acc(cred: dict[str, Any]) -> dict[str, Any]:
    acc: dict[str, Any] = cred["credentialSubject"]["hasClaim"]["specifiedBy"]["accreditation"]
    return acc


def test_other_limits() -> None:
    cred = _load("covered.json")
    acc = _spec_acc(cred)
    acc = copy.deepcopy(acc)
    acc["limitQualification"] = {"id": "urn:other", "type": "Qualification"}
    acc["limitField"] = {"id": "http://data.europa.eu/snb/isced-f/0311"}
    acc["limitJurisdiction"] = {"id": "http://publications.europa.eu/resource/authority/atu/FRA_X"}
    acc["limitCredentialType"] = {"id": "http://data.europa.eu/snb/credential/c_ae121a00"}
    rules = sorted(f.rule for f in coverage(cred, acc, "/acc", ""))
    assert rules == [
        "accreditation.limit-credential-type",
        "accreditation.limit-field",
        "accreditation.limit-jurisdiction",
        "accreditation.limit-qualification",
    ]
    # a broader field covers a narrower one
    acc = copy.deepcopy(_spec_acc(cred))
    acc["limitField"] = {"id": "http://data.europa.eu/snb/isced-f/06"}
    assert coverage(cred, acc, "/acc", "") == []


def test_accredited_profile_requires_evidence(tmp_path: Path) -> None:
    cred = _load("covered.json")
    cred["credentialProfiles"]["id"] = "http://data.europa.eu/snb/credential/c_ae121a00"
    p = tmp_path / "accredited.json"
    p.write_text(json.dumps(cred))
    assert _rules(p) == ["accreditation.missing"]
    cred["evidence"] = {"id": "urn:epass:evidence:1", "type": "Evidence",
                        "accreditation": "https://data.deqar.eu/report/90001"}
    p.write_text(json.dumps(cred))
    report = mcconform.check([str(p)])
    assert _rules(p) == ["accreditation.not-checked"]
    # an accreditation known only by reference is never a pass
    assert report.documents[0].profiles["elm-edc"].verdict in ("fail", "cantTell")


def _qa(path: Path) -> bool:
    doc = next(iter(iter_documents([str(path)], Limits())))
    detect.detect(doc, Limits())
    return bool(extract(doc)["quality-assurance"])


def test_quality_assurance_element_read_from_accreditation(tmp_path: Path) -> None:
    assert _qa(HERE / "covered.json")
    cred = _load("covered.json")
    del cred["credentialSubject"]["hasClaim"]["specifiedBy"]["accreditation"]
    p = tmp_path / "none.json"
    p.write_text(json.dumps(cred))
    assert not _qa(p)
    cred["evidence"] = {"type": "Evidence", "accreditation": _spec_acc(_load("covered.json"))}
    p.write_text(json.dumps(cred))
    assert _qa(p)
