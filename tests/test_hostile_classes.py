"""The failure classes fuzzing found (issue 14), one test per class: each is a finding of the
document, never an exception, never a traceback on stderr."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest

import mcconform
from mcconform import Checker, Options
from mcconform.document import Document
from mcconform.exitcodes import INTERNAL_RULE
from mcconform.sources import document_from_text

NOW = datetime(2026, 1, 1, tzinfo=UTC)
V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def ob3(**extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "@context": [V2, OB3],
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://example.org/issuer", "type": ["Profile"], "name": "Example"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/a/1",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "d",
                "criteria": {"narrative": "n"},
            },
        },
    }
    d.update(extra)
    return d


def b64(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def checked(text: str, *, fast: bool = True, **opts: Any) -> mcconform.DocumentReport:
    checker = Checker(options=Options(now=NOW, fast=fast, **opts))
    doc = document_from_text(Document(source="doc"), text, checker.options.limits)
    return checker.check_document(doc)


def rules(rep: mcconform.DocumentReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in rep.findings:
        out.setdefault(f.rule, []).append(f.pointer)
    return out


# ------------------------------------------------------------------ class 3: rdflib


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize("tag", ["en_US", "en "])
def test_invalid_language_tag_is_a_finding(tag: str, fast: bool) -> None:
    rep = checked(json.dumps(ob3(description={"@value": "x", "@language": tag})), fast=fast)
    found = rules(rep)
    assert INTERNAL_RULE not in found
    assert found.get("shacl.invalid-language-tag") == ["/description"]


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_ill_typed_literal_is_a_finding_and_nothing_reaches_stderr(
    fast: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    rep = checked(json.dumps(ob3(validUntil="2024-13-45T99:00:00Z")), fast=fast)
    err = capsys.readouterr().err
    assert "Traceback" not in err and err == ""
    found = rules(rep)
    assert INTERNAL_RULE not in found
    assert found.get("shacl.ill-typed-literal") == ["/validUntil"]
