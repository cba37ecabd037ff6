"""Detection of every kind of document."""

from __future__ import annotations

import pytest

from mcconform.detect import classify, contexts_of, detect
from mcconform.document import Document
from mcconform.limits import Limits

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB2 = "https://w3id.org/openbadges/v2"
EDC = "http://data.europa.eu/snb/model/context/edc-ap"


@pytest.mark.parametrize(
    ("doc", "kind"),
    [
        ({"@context": [VC2, OB3], "type": ["VerifiableCredential", "OpenBadgeCredential"]}, "ob3-credential"),
        (
            {"@context": [VC2, OB3], "type": ["VerifiableCredential", "AchievementCredential"]},
            "ob3-credential",
        ),
        (
            {"@context": [VC2, OB3], "type": ["VerifiableCredential", "EndorsementCredential"]},
            "ob3-endorsement",
        ),
        ({"@context": [VC2, OB3], "type": ["Profile"], "id": "https://x.org/i"}, "ob3-profile"),
        ({"@context": [VC2, OB3], "type": ["Achievement"]}, "ob3-achievement"),
        ({"@context": [VC2], "type": ["VerifiableCredential"]}, "vc-credential"),
        ({"@context": OB2, "type": "Assertion"}, "ob2-assertion"),
        ({"@context": OB2, "type": "BadgeClass"}, "ob2-badgeclass"),
        ({"@context": OB2, "type": "Issuer"}, "ob2-issuer"),
        ({"@context": OB2, "type": "Profile"}, "ob2-issuer"),
        ({"@context": OB2, "type": "CryptographicKey"}, "ob2-cryptographic-key"),
        ({"@context": OB2, "type": "RevocationList"}, "ob2-revocation-list"),
        (
            {"recipient": "someone@example.org", "badge": "https://x.org/b.json", "verify": {}},
            "ob1-assertion",
        ),
        (
            {
                "@context": ["https://www.w3.org/2018/credentials/v1", EDC],
                "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
            },
            "edc-credential",
        ),
        ({"name": "just some json"}, "unknown"),
    ],
)
def test_classify(doc: dict, kind: str) -> None:
    assert classify(doc, contexts_of(doc)) == kind


def test_sealed_edc_is_opened() -> None:
    import json

    payload = {"@context": [EDC], "type": ["VerifiableCredential", "EuropeanDigitalCredential"]}
    doc = Document("x", data={"payload": json.dumps(payload), "signatures": [{}]}, readable=True)
    assert detect(doc, Limits()) == "edc-credential"
    assert doc.data == payload and doc.meta["envelope"] == "sealed-edc"


def test_sealed_edc_with_broken_payload() -> None:
    doc = Document("x", data={"payload": "{not json", "signatures": []}, readable=True)
    assert detect(doc, Limits()) == "unreadable"
    assert [f.rule for f in doc.findings] == ["edc.sealed-payload"]
    assert doc.findings[0].pointer == "/payload"


@pytest.mark.parametrize("value", [[1, 2], "text", 42, None, True])
def test_non_object_is_unknown_with_finding(value: object) -> None:
    doc = Document("x", data=value, readable=True)
    assert detect(doc, Limits()) == "unknown"
    assert [f.rule for f in doc.findings] == ["detect.unknown-kind"]
