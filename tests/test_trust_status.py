"""Status lists (BitstringStatusList, StatusList2021, 1EdTech revocation list, OB 2.0
revocationList) served with --resource-map; offline they are not checked (cantTell)."""

from __future__ import annotations

import copy
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

import mcconform
from conftest import FIXTURES, corpus_path
from mcconform.jsonld import ContextRegistry
from mcconform.report import DocumentReport
from mcconform.trust import keys, multibase, sign, status

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BASE = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text("utf-8"))
ISSUER = BASE["issuer"]["id"]
ED = ed25519.Ed25519PrivateKey.generate()
REGISTRY = ContextRegistry()
PREFIX = "https://status.example/"
LIST_URL = PREFIX + "lists/1"


def encoded_list(set_bits: list[int], size_bits: int = 131072, prefix: str = "u") -> str:
    bits = bytearray(size_bits // 8)
    for i in set_bits:
        bits[i // 8] |= 0x80 >> (i % 8)
    return prefix + multibase.b64url_encode(gzip.compress(bytes(bits)))


def write_list(tmp_path: Path, set_bits: list[int], purpose: str = "revocation", **kw: Any) -> dict[str, str]:
    (tmp_path / "lists").mkdir(exist_ok=True)
    lst = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ISSUER,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": LIST_URL + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded_list(set_bits, **kw),
        },
    }
    (tmp_path / "lists" / "1").write_text(json.dumps(lst), "utf-8")
    return {PREFIX: str(tmp_path)}


def credential(
    index: int | str = 94567, purpose: str = "revocation", entry_type: str = "BitstringStatusListEntry"
) -> dict[str, Any]:
    cred = copy.deepcopy(BASE)
    cred["credentialStatus"] = {
        "id": f"{LIST_URL}#{index}",
        "type": entry_type,
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": LIST_URL,
    }
    vm = f"{ISSUER}#{keys.multikey_of(ED.public_key())}"
    return sign.sign_data_integrity(cred, ED, vm, REGISTRY)


def run(doc: Any, **options: Any) -> DocumentReport:
    report = mcconform.check(doc, profiles=["trust"], now=NOW, **options)
    return report.documents[0]


def rules(doc: DocumentReport, severity: str | None = None) -> set[tuple[str, str]]:
    return {(f.rule, f.pointer) for f in doc.findings if severity is None or f.severity == severity}


def test_bit_order() -> None:
    bits = bytes([0b1000_0000, 0b0000_0001])
    assert status.bit_value(bits, 0) == 1
    assert status.bit_value(bits, 1) == 0
    assert status.bit_value(bits, 15) == 1
    assert status.bit_value(bits, 0, 2) == 0b10  # statusSize 2: entry 0 is bits 0-1
    assert status.bit_value(bits, 3, 2) == 0b00  # bits 6-7
    assert status.bit_value(bits, 7, 2) == 0b01  # bits 14-15


def test_revoked(tmp_path: Path) -> None:
    doc = run(credential(), resource_map=write_list(tmp_path, [94567]))
    assert doc.profiles["trust"].verdict == "fail"
    assert ("status.revoked", "/credentialStatus") in rules(doc, "error")


def test_not_revoked(tmp_path: Path) -> None:
    doc = run(credential(), resource_map=write_list(tmp_path, [94566, 94568]))
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("status.checked", "/credentialStatus") in rules(doc)


def test_offline_is_not_checked() -> None:
    doc = run(credential())
    assert doc.profiles["trust"].verdict == "cantTell"
    assert ("status.not-checked", "/credentialStatus") in rules(doc)


def test_missing_list_file_is_an_error(tmp_path: Path) -> None:
    doc = run(credential(), resource_map={PREFIX: str(tmp_path)})
    assert ("status.unresolvable", "/credentialStatus") in rules(doc, "error")


def test_suspension_and_purpose_mismatch(tmp_path: Path) -> None:
    rmap = write_list(tmp_path, [7], purpose="suspension")
    doc = run(credential(7, purpose="suspension"), resource_map=rmap)
    assert ("status.revoked", "/credentialStatus") in rules(doc, "error")
    assert "suspended" in " ".join(f.message for f in doc.findings)
    doc = run(credential(7, purpose="revocation"), resource_map=rmap)
    assert ("status.list-invalid", "/credentialStatus/statusPurpose") in rules(doc, "error")


def test_index_out_of_range_and_malformed(tmp_path: Path) -> None:
    rmap = write_list(tmp_path, [], size_bits=64)
    doc = run(credential(64), resource_map=rmap)
    assert ("status.list-invalid", "/credentialStatus/statusListIndex") in rules(doc, "error")
    doc = run(credential("-1"), resource_map=rmap)
    assert ("status.malformed", "/credentialStatus") in rules(doc, "error")


def test_status_list_2021_without_multibase_prefix(tmp_path: Path) -> None:
    rmap = write_list(tmp_path, [3], prefix="")
    doc = run(credential(3, entry_type="StatusList2021Entry"), resource_map=rmap)
    assert ("status.revoked", "/credentialStatus") in rules(doc, "error")


def test_gzip_bomb_is_capped() -> None:
    bomb = "u" + multibase.b64url_encode(gzip.compress(b"\0" * (status.MAX_LIST_BYTES + 1)))
    with pytest.raises(keys.TrustError):
        status.decode_bitstring(bomb)


def test_1edtech_revocation_list(tmp_path: Path) -> None:
    cred = copy.deepcopy(BASE)
    cred["credentialStatus"] = {"id": PREFIX + "revocations/9", "type": "1EdTechRevocationList"}
    vm = f"{ISSUER}#{keys.multikey_of(ED.public_key())}"
    cred = sign.sign_data_integrity(cred, ED, vm, REGISTRY)
    (tmp_path / "revocations").mkdir()
    listed = {
        "revokedCredentials": [{"id": "urn:uuid:other"}, {"id": cred["id"], "revocationReason": "fraud"}]
    }
    (tmp_path / "revocations" / "9").write_text(json.dumps(listed), "utf-8")
    doc = run(cred, resource_map={PREFIX: str(tmp_path)})
    assert ("status.revoked", "/credentialStatus") in rules(doc, "error")
    listed["revokedCredentials"][1]["revoked"] = False
    (tmp_path / "revocations" / "9").write_text(json.dumps(listed), "utf-8")
    doc = run(cred, resource_map={PREFIX: str(tmp_path)})
    assert doc.profiles["trust"].verdict == "pass", rules(doc)


# --- OB 2.0 signed assertions ---------------------------------------------------------------

OB2 = "https://ob2.example/"


def ob2_site(tmp_path: Path, *, revoked: bool = False, owner: str | None = None) -> tuple[str, Any]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ctx = "https://w3id.org/openbadges/v2"
    docs = {
        "issuer.json": {
            "@context": ctx,
            "type": "Issuer",
            "id": OB2 + "issuer.json",
            "name": "Issuer",
            "url": OB2,
            "email": "a@ob2.example",
            "publicKey": OB2 + "key.json",
            "revocationList": OB2 + "revoked.json",
        },
        "key.json": {
            "@context": ctx,
            "type": "CryptographicKey",
            "id": OB2 + "key.json",
            "owner": owner or OB2 + "issuer.json",
            "publicKeyPem": sign.public_pem(key),
        },
        "badge.json": {
            "@context": ctx,
            "type": "BadgeClass",
            "id": OB2 + "badge.json",
            "name": "Badge",
            "description": "d",
            "image": OB2 + "badge.png",
            "criteria": {"narrative": "n"},
            "issuer": OB2 + "issuer.json",
        },
        "revoked.json": {
            "@context": ctx,
            "type": "RevocationList",
            "id": OB2 + "revoked.json",
            "revokedAssertions": [{"id": "urn:uuid:a1b2", "revocationReason": "r"}] if revoked else [],
        },
    }
    for name, body in docs.items():
        (tmp_path / name).write_text(json.dumps(body), "utf-8")
    assertion = {
        "@context": ctx,
        "type": "Assertion",
        "id": "urn:uuid:a1b2",
        "recipient": {"type": "email", "hashed": False, "identity": "ann@example.org"},
        "issuedOn": "2025-01-01T00:00:00Z",
        "badge": OB2 + "badge.json",
        "verification": {"type": "signed", "creator": OB2 + "key.json"},
    }
    return sign.sign_jws(assertion, key, {"alg": "RS256"}), key


def run_token(token: str, tmp_path: Path, **options: Any) -> DocumentReport:
    path = tmp_path / "assertion.jwt"
    path.write_text(token, "utf-8")
    return run(str(path), **options)


def test_ob2_signed_assertion(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    token, _ = ob2_site(site)
    doc = run_token(token, tmp_path, resource_map={OB2: str(site)})
    assert doc.kind == "ob2-assertion"
    assert doc.profiles["trust"].verdict == "pass", rules(doc)
    assert ("proof.verified", "") in rules(doc)
    assert ("status.checked", "") in rules(doc)
    offline = run_token(token, tmp_path)
    assert offline.profiles["trust"].verdict == "cantTell"


def test_ob2_revoked_and_foreign_key(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    token, _ = ob2_site(site, revoked=True)
    doc = run_token(token, tmp_path, resource_map={OB2: str(site)})
    assert ("status.revoked", "") in rules(doc, "error")
    token, _ = ob2_site(site, owner="https://forger.example/issuer.json")
    doc = run_token(token, tmp_path, resource_map={OB2: str(site)})
    assert ("key.issuer", "/verification/creator") in rules(doc, "error")


def test_ob2_tampered_assertion(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    token, _key = ob2_site(site)
    h, p, s = token.split(".")
    claims = json.loads(multibase.b64url_decode(p))
    claims["issuedOn"] = "2020-01-01T00:00:00Z"
    p2 = sign.sign_jws(claims, None, {"alg": "RS256"}).split(".")[1]
    doc = run_token(f"{h}.{p2}.{s}", tmp_path, resource_map={OB2: str(site)})
    assert ("proof.signature", "") in rules(doc, "error")


@pytest.mark.parametrize(
    ("name", "verdict"),
    [("simple.jwt", "pass"), ("simple-not-revoked.jwt", "pass"), ("simple-revoked.jwt", "fail")],
)
def test_ob2_reference_vectors(name: str, verdict: str) -> None:
    """EXPECTED.json's OB 2.0 JWS rows, hosted documents served from vectors/ob20/assets."""
    assets = corpus_path("openbadges", "1edtech-validator", "vectors", "ob20", "assets")
    rmap = {
        p: str(assets) for p in ("https://example.org/", "http://example.org/", "https://www.example.org/")
    }
    doc = run(str(assets.parent / name), resource_map=rmap)
    assert doc.profiles["trust"].verdict == verdict, rules(doc)
    assert ("proof.verified", "") in rules(doc)
    if verdict == "fail":
        assert ("status.revoked", "") in rules(doc, "error")


def test_status_list_proof_is_verified(tmp_path: Path) -> None:
    rmap = write_list(tmp_path, [5])
    doc = run(credential(5), resource_map=rmap)
    assert ("status.list-unsigned", "/credentialStatus") in rules(doc, "warning")
    lst = json.loads((tmp_path / "lists" / "1").read_text("utf-8"))
    vm = f"{ISSUER}#{keys.multikey_of(ED.public_key())}"
    signed_list = sign.sign_data_integrity(lst, ED, vm, REGISTRY)
    (tmp_path / "lists" / "1").write_text(json.dumps(signed_list), "utf-8")
    doc = run(credential(5), resource_map=rmap)
    assert ("status.revoked", "/credentialStatus") in rules(doc, "error")
    assert not any(f.rule.startswith("status.list") for f in doc.findings)
    # a list signed by somebody else's key is not used: no conclusion drawn from its bits
    forger = ed25519.Ed25519PrivateKey.generate()
    forged_vm = f"https://forger.example/#{keys.multikey_of(forger.public_key())}"
    (tmp_path / "lists" / "1").write_text(
        json.dumps(sign.sign_data_integrity(lst, forger, forged_vm, REGISTRY)), "utf-8"
    )
    doc = run(credential(5), resource_map=rmap)
    assert ("status.list-invalid", "/credentialStatus") in rules(doc, "error")
    assert not any(f.rule == "status.revoked" for f in doc.findings)
