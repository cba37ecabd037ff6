"""COSE_Sign1 credentials (application/vc+cose) signed here with generated keys."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

import mcconform
from mcconform.report import DocumentReport
from mcconform.trust import keys, sign

NOW = datetime(2026, 1, 1, tzinfo=UTC)
KEY = ec.generate_private_key(ec.SECP384R1())
ISSUER = "did:key:" + keys.multikey_of(KEY.public_key())
CRED: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": ISSUER,
    "validFrom": "2025-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
}
PROTECTED = {3: "application/vc", 4: b"key-1", 16: "application/vc+cose"}


def run(raw: bytes, tmp_path: Path, *, text: bool = False) -> DocumentReport:
    path = tmp_path / ("credential.txt" if text else "credential.cose")
    if text:
        path.write_text(base64.urlsafe_b64encode(raw).decode().rstrip("="), "utf-8")
    else:
        path.write_bytes(raw)
    report = mcconform.check([str(path)], now=NOW)
    assert len(report.documents) == 1
    return report.documents[0]


def rules(rep: DocumentReport, severity: str | None = None) -> set[str]:
    return {f.rule for f in rep.findings if severity is None or f.severity == severity}


def signed(cred: dict[str, Any] | None = None, **kw: Any) -> bytes:
    payload = json.dumps(cred or CRED).encode()
    return sign.cose_sign1(
        payload, kw.pop("private", KEY), kw.pop("alg", -35), kw.pop("protected", PROTECTED)
    )


def test_cose_credential_verifies_as_bytes_and_base64(tmp_path: Path) -> None:
    for text in (False, True):
        rep = run(signed(), tmp_path, text=text)
        assert rep.kind == "vc-credential"
        assert rules(rep, "error") == set(), [(f.rule, f.message) for f in rep.findings]
        assert "proof.verified" in rules(rep)
        assert rep.verdict == "pass"


def test_one_byte_of_the_payload_changed_fails(tmp_path: Path) -> None:
    raw = bytearray(signed())
    i = bytes(raw).index(b"Alice")
    raw[i] = ord("B")
    rep = run(bytes(raw), tmp_path)
    assert "cose.signature" in rules(rep, "error")
    assert rep.verdict == "fail"


def test_another_key_than_the_did_key_issuers_fails(tmp_path: Path) -> None:
    other = ec.generate_private_key(ec.SECP384R1())
    assert "cose.signature" in rules(run(signed(private=other), tmp_path), "error")


def test_eddsa_and_unsupported_algorithm(tmp_path: Path) -> None:
    ed = ed25519.Ed25519PrivateKey.generate()
    cred = {**CRED, "issuer": "did:key:" + keys.multikey_of(ed.public_key())}
    assert "proof.verified" in rules(run(signed(cred, private=ed, alg=-8), tmp_path))
    rep = run(signed(alg=-47), tmp_path)  # ES256K: not verified, not an error
    assert "proof.not-checked" in rules(rep) and rules(rep, "error") == set()
    assert rep.verdict == "cantTell"


def test_cose_media_types(tmp_path: Path) -> None:
    rep = run(signed(protected={**PROTECTED, 16: "application/json", 3: "text/plain"}), tmp_path)
    assert {"jose.typ", "jose.cty"} <= rules(rep, "error")
