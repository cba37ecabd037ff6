"""One document never changes another's result (issue 14, class 1): checking the same
documents in any order gives the same per-document reports.  A document whose context
``@import``s a bundled context used to change pyld's cached copy of it, so that a later
document lost its ``jsonld.undefined-term`` error or failed with ``KeyError: 'mappings'``."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mcconform import Checker, Options
from mcconform.document import Document
from mcconform.sources import document_from_text, iter_documents

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 1, 1, tzinfo=UTC)
V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _vc(ctx: list[Any], **subject: Any) -> dict[str, Any]:
    return {
        "@context": ctx,
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", **subject},
    }


SMALL = {
    "import-vocab": _vc([{"@import": V2, "@vocab": "https://example.org/vocab#"}], foo="x"),
    "import-ob3": _vc([V2, {"@import": OB3, "@vocab": "https://example.org/v#"}], bar="y"),
    "undefined-v2": _vc([V2], foo="x"),
    "undefined-ob3": _vc([V2, OB3], bar="y"),
    "plain": _vc([V2]),
}


def _reports(checker: Checker, docs: list[tuple[str, str]]) -> dict[str, Any]:
    out = {}
    for label, text in docs:
        doc = document_from_text(Document(source=label), text, checker.options.limits)
        out[label] = checker.check_document(doc).to_dict()
    return out


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_every_order_of_a_small_set_gives_the_same_reports(fast: bool) -> None:
    docs = [(k, json.dumps(v)) for k, v in sorted(SMALL.items())]
    alone = {}
    for label, text in docs:  # each document on its own, in a fresh checker
        alone.update(_reports(Checker(options=Options(now=NOW, fast=fast)), [(label, text)]))
    assert any(f["rule"] == "jsonld.undefined-term" for f in alone["undefined-v2"]["findings"])
    assert any(f["rule"] == "jsonld.undefined-term" for f in alone["undefined-ob3"]["findings"])
    for order in itertools.permutations(docs):
        got = _reports(Checker(options=Options(now=NOW, fast=fast)), list(order))
        assert got == alone, [label for label, _ in order]


def test_a_large_set_reversed_gives_the_same_reports() -> None:
    opts = Options(now=NOW)
    docs = []
    for d in iter_documents([str(ROOT / "fixtures")], opts.limits):
        if d.text is not None and d.media == "json":
            docs.append((d.source, d.text))
    docs += [(k, json.dumps(v)) for k, v in sorted(SMALL.items())]
    assert len(docs) > 40
    forward = _reports(Checker(options=opts), docs)
    backward = _reports(Checker(options=opts), docs[::-1])
    assert forward == backward
