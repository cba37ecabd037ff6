"""pyld raises plain Python errors (not ``JsonLdError``) on some invalid JSON-LD: each is a
``jsonld.invalid`` finding of that document, never an exception out of ``mcconform.check``."""

from __future__ import annotations

from typing import Any

import pytest

import mcconform
from mcconform import jsonld

V2 = "https://www.w3.org/ns/credentials/v2"


def _vc(ctx_extra: Any, **extra: Any) -> dict[str, Any]:
    return {
        "@context": [V2, ctx_extra],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", "name": "x"},
        **extra,
    }


def _subject(**subject: Any) -> dict[str, Any]:
    vc = _vc({})
    vc["@context"] = [V2]
    vc["credentialSubject"] = {"id": "did:example:subject", **subject}
    return vc


CASES = {
    "vocab-null": _vc({"@vocab": None}),
    "language-null": _vc({"@language": None}),
    # issue 14, class 2: the other plain Python errors pyld raised
    "empty-context-iri": _vc(""),
    "relative-context-iri": _vc("contexts/mine.jsonld"),
    "set-in-context": _vc({"@set": True}),
    "set-with-id": _subject(name={"@set": [{"@value": "x"}], "@id": "urn:x"}),
    "list-as-id": {**_subject(), "id": ["urn:a"]},
    "list-as-subject-id": _subject(id=["did:example:subject"]),
    "huge-integer": _subject(name=10**400),
    "huge-integer-value": _subject(name={"@value": 10**400}),
    "lone-surrogate-term": _vc({"\ud800": "https://example.org/x"}),
    "lone-surrogate-value": _subject(name="\ud800"),
    "infinity": _subject(name=float("inf")),
}

#: where the finding points (issue 14: "a pointer where one can be found")
POINTERS = {
    "vocab-null": "/@context",
    "language-null": "/@context",
    "empty-context-iri": "/@context",
    "relative-context-iri": "/@context",
    "set-in-context": "/@context",
    "set-with-id": "/credentialSubject/name",
    "list-as-subject-id": "/credentialSubject",
    "huge-integer": "/credentialSubject",
    "lone-surrogate-term": "/@context",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_processor_errors_are_findings(name: str) -> None:
    report = mcconform.check(CASES[name])
    (doc,) = report.documents
    rules = {f.rule for f in doc.findings}
    res = jsonld.process(CASES[name], jsonld.ContextRegistry())
    if res.error is not None:
        assert "jsonld.invalid" in rules
        assert doc.conformant is False
    if name in POINTERS:
        assert res.error is not None
        assert res.error_pointer == POINTERS[name]
        invalid = [f for f in doc.findings if f.rule == "jsonld.invalid"]
        assert [f.pointer for f in invalid] == [POINTERS[name]]


def test_vocab_null_is_refused_as_invalid_jsonld() -> None:
    res = jsonld.process(CASES["vocab-null"], jsonld.ContextRegistry())
    assert res.error is not None
    assert "ProcessorError" in jsonld.describe_error(res.error) or "KeyError" in jsonld.describe_error(
        res.error
    )
