"""Sealed European Digital Credentials: JWS structure, signature over the payload, and the
certificate chain (not checked without --trust-anchor)."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

import mcconform
from conftest import corpus_path
from mcconform.cli import main
from mcconform.report import DocumentReport
from mcconform.trust.multibase import b64url_encode

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SAMPLES = ("Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld")
PAYLOAD = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "http://data.europa.eu/snb/model/context/edc-ap"],
    "id": "urn:credential:0b7c9a7e-1111-4c5e-9c1e-000000000001",
    "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
    "issuer": {"id": "urn:epass:org:1", "type": "Organisation"},
}


def run(path: Path | str, **options: Any) -> DocumentReport:
    return mcconform.check(str(path), profiles=["trust"], now=NOW, **options).documents[0]


def rules(doc: DocumentReport, severity: str | None = None) -> set[str]:
    return {f.rule for f in doc.findings if severity is None or f.severity == severity}


@pytest.mark.parametrize("name", SAMPLES)
def test_official_samples_seal_verifies_chain_not_checked(name: str) -> None:
    doc = run(corpus_path("elm", "examples", name))
    assert doc.kind == "edc-credential"
    assert doc.profiles["trust"].verdict == "cantTell", rules(doc)
    assert {"seal.verified", "seal.chain.not-checked"} <= rules(doc)
    assert not rules(doc, "error")


@pytest.mark.parametrize("name", SAMPLES)
def test_official_sample_with_changed_payload_fails(name: str, tmp_path: Path) -> None:
    envelope = json.loads(corpus_path("elm", "examples", name).read_text("utf-8"))
    envelope["payload"] = envelope["payload"].replace('"id":"urn:credential:', '"id":"urn:credential:x', 1)
    path = tmp_path / "tampered.jsonld"
    path.write_text(json.dumps(envelope), "utf-8")
    doc = run(path)
    assert doc.profiles["trust"].verdict == "fail"
    assert "seal.signature" in rules(doc, "error")
    assert "seal.verified" not in rules(doc)


# --- our own seals --------------------------------------------------------------------------


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.COUNTRY_NAME, "EU")]
    )


def make_cert(
    subject: str, key: Any, issuer: str, issuer_key: Any, *, days: int = 3650, ca: bool = False
) -> x509.Certificate:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


CA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
CA = make_cert("Test Root", CA_KEY, "Test Root", CA_KEY, ca=True)
SEAL_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
SEAL_CERT = make_cert("Test Seal", SEAL_KEY, "Test Root", CA_KEY)


def sealed(
    tmp_path: Path,
    *,
    header: dict[str, Any] | None = None,
    cert: x509.Certificate = SEAL_CERT,
    chain: list[x509.Certificate] | None = None,
) -> Path:
    payload = json.dumps(PAYLOAD, separators=(",", ":"))
    der = cert.public_bytes(serialization.Encoding.DER)
    protected = {
        "alg": "RS256",
        "typ": "jose+json",
        "x5c": [
            base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in (chain or [cert])
        ],
        "x5t#S256": b64url_encode(hashlib.sha256(der).digest()),
        "b64": False,
        "crit": ["b64"],
        **(header or {}),
    }
    prot = b64url_encode(json.dumps(protected).encode())
    sig = SEAL_KEY.sign(f"{prot}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    path = tmp_path / "sealed.json"
    path.write_text(
        json.dumps(
            {"payload": payload, "signatures": [{"protected": prot, "signature": b64url_encode(sig)}]}
        ),
        "utf-8",
    )
    return path


def anchor_file(tmp_path: Path, cert: x509.Certificate) -> str:
    path = tmp_path / "anchor.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(path)


def test_own_seal_without_anchor_is_cant_tell(tmp_path: Path) -> None:
    doc = run(sealed(tmp_path))
    assert doc.profiles["trust"].verdict == "cantTell"
    assert {"seal.verified", "seal.chain.not-checked"} <= rules(doc)


def test_own_seal_with_trust_anchor(tmp_path: Path) -> None:
    path = sealed(tmp_path, chain=[SEAL_CERT, CA])
    doc = run(path, trust_anchor=anchor_file(tmp_path, CA))
    assert doc.profiles["trust"].verdict == "pass", [f.message for f in doc.findings]
    # the leaf alone also chains to the anchor (x5c without the root)
    doc = run(sealed(tmp_path), trust_anchor=anchor_file(tmp_path, CA))
    assert doc.profiles["trust"].verdict == "pass"


def test_own_seal_with_another_anchor_fails(tmp_path: Path) -> None:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = make_cert("Other Root", other_key, "Other Root", other_key, ca=True)
    doc = run(sealed(tmp_path), trust_anchor=anchor_file(tmp_path, other))
    assert doc.profiles["trust"].verdict == "fail"
    assert "seal.chain" in rules(doc, "error")


def test_expired_certificate(tmp_path: Path) -> None:
    short = make_cert("Test Seal", SEAL_KEY, "Test Root", CA_KEY, days=30)
    doc = run(sealed(tmp_path, cert=short), trust_anchor=anchor_file(tmp_path, CA))
    assert "seal.chain" in rules(doc, "error")
    assert any("not valid at" in f.message for f in doc.findings)


@pytest.mark.parametrize(
    ("header", "rule"),
    [
        ({"alg": "none"}, "seal.malformed"),
        ({"alg": "HS256"}, "seal.malformed"),
        ({"crit": []}, "seal.malformed"),  # b64: false not declared critical
        ({"crit": ["b64", "foo"], "foo": 1}, "seal.malformed"),  # unknown critical parameter
        ({"x5c": []}, "seal.malformed"),
        ({"x5c": ["not base64!"]}, "seal.malformed"),
        ({"x5t#S256": b64url_encode(b"\0" * 32)}, "seal.certificate"),
    ],
)
def test_malformed_seals(header: dict[str, Any], rule: str, tmp_path: Path) -> None:
    doc = run(sealed(tmp_path, header=header))
    assert doc.profiles["trust"].verdict == "fail"
    assert rule in rules(doc, "error"), [f.message for f in doc.findings]


def test_cli_trust_anchor(tmp_path: Path) -> None:
    path = sealed(tmp_path, chain=[SEAL_CERT, CA])
    anchor = anchor_file(tmp_path, CA)
    args = ["check", "--profile", "trust", "--format", "json", "--now", "2026-01-01T00:00:00Z", str(path)]
    without = CliRunner().invoke(main, args)
    assert json.loads(without.output)["documents"][0]["profiles"]["trust"]["verdict"] == "cantTell"
    with_anchor = CliRunner().invoke(main, [*args[:-1], "--trust-anchor", anchor, str(path)])
    assert with_anchor.exit_code == 0, with_anchor.output
    assert json.loads(with_anchor.output)["documents"][0]["profiles"]["trust"]["verdict"] == "pass"


def test_seal_with_an_algorithm_not_verified_is_cant_tell(tmp_path: Path) -> None:
    """An algorithm mcconform does not verify (ES256K) is "not verified", never an error."""
    doc = run(sealed(tmp_path, header={"alg": "ES256K"}))
    assert "proof.not-checked" in rules(doc)
    assert not any(f.severity == "error" and f.rule.startswith(("seal.", "proof.")) for f in doc.findings)
    assert doc.profiles["trust"].verdict == "cantTell"
