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


CASES = {
    "vocab-null": _vc({"@vocab": None}),
    "language-null": _vc({"@language": None}),
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


def test_vocab_null_is_refused_as_invalid_jsonld() -> None:
    res = jsonld.process(CASES["vocab-null"], jsonld.ContextRegistry())
    assert res.error is not None
    assert "ProcessorError" in jsonld.describe_error(res.error) or "KeyError" in jsonld.describe_error(
        res.error
    )
