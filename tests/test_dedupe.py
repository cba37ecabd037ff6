"""One defect, one finding, at the value (issue 13, deliverable 10)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import mcconform
from conftest import FIXTURES
from mcconform.dedupe import fold
from mcconform.report import Finding

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def credential() -> dict[str, Any]:
    data = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def findings(doc: dict[str, Any]) -> list[Finding]:
    [report] = mcconform.check(doc, now=NOW).documents
    return [f for f in report.findings if f.severity == "error"]


def test_image_string_is_reported_once_at_the_value() -> None:
    cred = credential()
    cred["issuer"]["image"] = "https://badges.uni-example.eu/logo.png"
    [f] = findings(cred)
    assert (f.rule, f.pointer) == ("ob3.schema", "/issuer/image")
    assert f.also == ("shacl.class",)
    assert f.to_dict()["also"] == ["shacl.class"]


def test_missing_issuer_is_one_finding() -> None:
    cred = credential()
    del cred["issuer"]
    [f] = findings(cred)
    # the vc data model rule is kept where it and the ob3 structural rule see one defect
    # (checks/vc/overlap.py, i13a); the rules folded into it are all in its also
    assert (f.rule, f.pointer, f.also) == ("vc.issuer", "", ("ob3.issuer", "ob3.schema"))


def test_different_defects_at_one_place_stay_apart() -> None:
    cred = credential()
    achievement = cred["credentialSubject"]["achievement"]
    del achievement["name"], achievement["criteria"]
    got = sorted((f.rule, f.message, f.also) for f in findings(cred))
    assert [(r, also) for r, _m, also in got] == [("ob3.achievement-property", ("ob3.schema",))] * 2
    assert {"name", "criteria"} == {m.rsplit(" ", 1)[-1] for _r, m, _a in got}


def test_fold_keeps_unrelated_and_same_rank_findings() -> None:
    a = Finding("ob3.schema", "error", "required property 'name' is missing from x", "/x")
    b = Finding(
        "shacl.min-count",
        "error",
        "'name' is required",
        "/x",
        focus_node="_:b0",
        path="https://schema.org/name",
    )
    c = Finding(
        "shacl.datatype",
        "error",
        "'age' must be an integer",
        "/x",
        focus_node="_:b0",
        path="https://schema.org/age",
    )
    e = Finding("shacl.shapes-unreadable", "error", "cannot load SHACL shapes", "/x")
    d = Finding("ob3.schema", "warning", "required property 'name' is missing from x", "/x")
    out = fold([a, b, c, d, e])
    assert sorted((f.rule, f.severity, f.also) for f in out) == [
        ("ob3.schema", "error", ("shacl.min-count",)),
        ("ob3.schema", "warning", ()),
        ("shacl.datatype", "error", ()),
        ("shacl.shapes-unreadable", "error", ()),
    ]


def test_a_structural_rule_at_the_root_does_not_swallow_other_defects() -> None:
    unknown = Finding("detect.unknown-kind", "error", "not a recognised credential", "")
    shapes = Finding("shacl.class", "error", "'image' must be an Image", "", focus_node="_:b1")
    schema = Finding("ob3.schema", "error", "required property 'name' is missing from the document", "")
    assert sorted(f.also for f in fold([unknown, shapes, schema])) == [(), (), ()]
