"""Bad input never wins: odd documents give findings, never a traceback, for every target."""

from __future__ import annotations

import copy
import json

import pytest

from mcconform.api import Checker
from mcconform.document import Document
from mcconform.options import Options
from mcconform.portability import convert, convert_all
from mcconform.sources import document_from_text
from test_receivers import OB3

EDC = {
    "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
    "id": "urn:credential:1",
    "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
    "credentialSubject": {"id": "urn:epass:person:1", "type": "Person", "hasClaim": "not a node"},
    "issuer": 5,
    "validFrom": 7,
}


def _variants() -> list[dict]:
    out = []
    for path, value in [
        (("credentialSubject",), ["a", 1]),
        (("credentialSubject", "achievement"), "https://example.org/a"),
        (
            ("credentialSubject", "achievement", "alignment"),
            [1, {"targetType": "ext:EQF", "targetCode": "nine"}],
        ),
        (("credentialSubject", "achievement", "name"), {"en": "A", "fr": "B"}),
        (("credentialSubject", "achievement", "image"), {"id": "data:image/png;base64,!!!"}),
        (("credentialSubject", "identifier"), [{"identityHash": 3}, "x"]),
        (("issuer",), "did:example:1"),
        (("issuer", "address"), [None, {"addressCountryCode": 12}]),
        (("credentialSubject", "result"), {"value": {"x": 1}}),
        (("@context",), ["https://www.w3.org/2018/credentials/v1", 3]),
    ]:
        d = copy.deepcopy(OB3)
        node = d
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
        out.append(d)
    out.append(EDC)
    return out


@pytest.mark.parametrize("target", ["ob3", "elm", "vc2", "clr"])
def test_odd_documents_never_raise(target: str) -> None:
    checker = Checker(None, Options())
    docs = []
    for d in _variants():
        doc = Document(source="<odd>")
        document_from_text(doc, json.dumps(d), checker.options.limits)
        docs.append(doc)
    convs = (
        convert_all(docs, target, checker) if target == "clr" else [convert(d, target, checker) for d in docs]
    )
    assert convs
    for c in convs:
        assert not [f for f in c.findings if f.rule == "internal.error"], [f.message for f in c.findings]
