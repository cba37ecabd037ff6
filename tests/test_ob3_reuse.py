"""The OB 3.0 check gives each document its own answer when work is shared between documents.

Documents of one JSON-LD template (same keys, lists, types and contexts, other strings
changed) reuse what depends only on the template (the undefined type values); a check run in
one shared :class:`~mcconform.api.Checker` must report exactly what a fresh one reports for
each document alone.
"""

from __future__ import annotations

import json
from typing import Any

from conftest import FIXTURES
from mcconform import fastld
from mcconform.api import Checker
from mcconform.document import Document
from mcconform.options import Options
from mcconform.sources import document_from_text
from test_ob3 import NOW

OB3 = FIXTURES / "ob3"
JSONS = sorted(p for d in ("valid", "invalid") for p in (OB3 / d).glob("*.json") if ".expect." not in p.name)


def _variants(data: dict[str, Any], n: int = 3) -> list[str]:
    """``data`` with other string values in place of its ids (same template)."""
    out = []
    for i in range(n):
        d = json.loads(json.dumps(data))
        if isinstance(d.get("id"), str):
            d["id"] = f"{d['id']}-{i}"
        subject = d.get("credentialSubject")
        if isinstance(subject, dict) and isinstance(subject.get("id"), str):
            subject["id"] = f"{subject['id']}-{i}"
        out.append(json.dumps(d))
    return out


def _answer(checker: Checker, text: str) -> tuple[Any, ...]:
    doc = Document("variant")
    document_from_text(doc, text, checker.options.limits)
    rep = checker.check_document(doc)
    found = tuple((f.rule, f.severity, f.pointer, f.message, f.value) for f in rep.findings)
    return found, tuple((k, p.verdict) for k, p in rep.profiles.items())


def test_shared_checker_answers_like_a_fresh_one() -> None:
    """Every fixture (three variants each) through one checker, each against a fresh checker."""
    shared = Checker(["ob3"], Options(now=NOW))
    checked = 0
    for path in JSONS:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        for text in _variants(data):
            assert _answer(shared, text) == _answer(Checker(["ob3"], Options(now=NOW)), text), path.name
            checked += 1
    assert checked > 60


def test_undefined_types_are_reported_for_every_document_of_a_template() -> None:
    data = json.loads((OB3 / "invalid" / "ob3.undefined-type.json").read_text(encoding="utf-8"))
    shared = Checker(["ob3"], Options(now=NOW))
    answers = [_answer(shared, text) for text in _variants(data, 4)]
    assert fastld.templates(shared.registry).hits >= 3  # one template, reused
    for found, _ in answers:
        assert [f for f in found if f[0] == "ob3.undefined-type"] == [
            f for f in answers[0][0] if f[0] == "ob3.undefined-type"
        ]
        assert any(f[0] == "ob3.undefined-type" for f in found)
