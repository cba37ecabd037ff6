"""SD-JWT and SD-JWT VC (RFC 9901; IETF SD-JWT VC): every token is signed here with generated keys."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

import mcconform
from mcconform.report import DocumentReport
from mcconform.trust import keys, sdjwt, sign
from mcconform.trust.kid import jwk_thumbprint

NOW = datetime(2026, 1, 1, tzinfo=UTC)
ISSUER_KEY = ec.generate_private_key(ec.SECP256R1())
HOLDER_KEY = ec.generate_private_key(ec.SECP256R1())
ISSUER = "did:key:" + keys.multikey_of(ISSUER_KEY.public_key())
CLAIMS: dict[str, Any] = {
    "iss": ISSUER,
    "vct": "https://credentials.example/education-attestation",
    "iat": 1735689600,
    "exp": 1893456000,
    "given_name": "Alice",
    "family_name": "Doe",
    "degree": "MSc Data Science",
}
HEADER = {"alg": "ES256", "typ": "dc+sd-jwt", "kid": str(jwk_thumbprint(sign.public_jwk(ISSUER_KEY)))}
KB = {"iat": 1767225600, "aud": "https://verifier.example", "nonce": "n-0S6_WzA2Mj"}


def token(claims: dict[str, Any] | None = None, *, holder: bool = False, **kw: Any) -> str:
    return sign.sd_jwt(
        claims or CLAIMS,
        kw.pop("private", ISSUER_KEY),
        kw.pop("header", HEADER),
        kw.pop("disclose", ("given_name", "family_name")),
        holder=HOLDER_KEY if holder else None,
        kb=kw.pop("kb", KB),
    )


def run(text: str, tmp_path: Path) -> DocumentReport:
    path = tmp_path / "credential.sd-jwt"
    path.write_text(text, "utf-8")
    report = mcconform.check([str(path)], now=NOW)
    assert len(report.documents) == 1
    return report.documents[0]


def errors(rep: DocumentReport) -> set[str]:
    return {f.rule for f in rep.findings if f.severity == "error"}


def rules(rep: DocumentReport) -> set[str]:
    return {f.rule for f in rep.findings}


def _redisclose(text: str, index: int, new: list[Any]) -> str:
    parts = text.split("~")
    parts[1 + index] = sdjwt.b64url(json.dumps(new).encode())
    return "~".join(parts)


def test_sd_jwt_vc_verifies(tmp_path: Path) -> None:
    rep = run(token(holder=True), tmp_path)
    assert rep.kind == "sd-jwt-vc"
    assert errors(rep) == set(), [(f.rule, f.message) for f in rep.findings]
    assert "proof.verified" in rules(rep)
    # the disclosed claims are the document; no profile maps SD-JWT VC claims: cantTell, said so
    assert "sdjwt.claims.not-checked" in rules(rep)
    assert rep.verdict == "cantTell"


def test_disclosed_claims_are_rebuilt() -> None:
    sd = sdjwt.parse(token())
    assert sd.issues == []
    assert sd.claims["given_name"] == "Alice" and sd.claims["family_name"] == "Doe"
    assert "_sd" not in sd.claims and "_sd_alg" not in sd.claims
    # a holder may withhold a disclosure: the claim is then absent, and that is no error
    withheld = token().split("~")
    sd2 = sdjwt.parse("~".join([withheld[0], withheld[1], ""]))
    assert sd2.issues == [] and "family_name" not in sd2.claims and sd2.claims["given_name"] == "Alice"


def test_altered_disclosure_fails(tmp_path: Path) -> None:
    text = _redisclose(token(), 1, ["c2FsdA1", "family_name", "Dow"])
    rep = run(text, tmp_path)
    assert "sdjwt.disclosure-unmatched" in errors(rep)
    assert rep.verdict == "fail"


def test_extra_disclosure_fails(tmp_path: Path) -> None:
    base = token()
    repeated = base + base.split("~")[1] + "~"
    rep = run(repeated, tmp_path)
    assert "sdjwt.disclosure-repeated" in errors(rep)
    foreign = base + sdjwt.b64url(json.dumps(["c2FsdA9", "degree", "PhD"]).encode()) + "~"
    rep = run(foreign, tmp_path)
    assert "sdjwt.disclosure-unmatched" in errors(rep)


def test_wrong_sd_hash_fails(tmp_path: Path) -> None:
    rep = run(token(holder=True, kb={**KB, "sd_hash": sdjwt.b64url(b"\0" * 32)}), tmp_path)
    assert errors(rep) == {"sdjwt.kb-sd-hash"}
    # a disclosure dropped after the holder signed the key-binding JWT: sd_hash no longer matches
    parts = token(holder=True).split("~")
    rep = run("~".join([parts[0], parts[1], parts[-1]]), tmp_path)
    assert errors(rep) == {"sdjwt.kb-sd-hash"}


def test_key_binding_jwt_by_another_key_or_without_nonce_fails(tmp_path: Path) -> None:
    good = token(holder=True)
    presented, _kb = good.rsplit("~", 1)
    other = ec.generate_private_key(ec.SECP256R1())
    sd_hash = sdjwt.digest(presented + "~", "sha256")
    forged = sign.sign_jws({**KB, "sd_hash": sd_hash}, other, {"alg": "ES256", "typ": "kb+jwt"})
    assert errors(run(presented + "~" + forged, tmp_path)) == {"sdjwt.kb-signature"}
    no_nonce = {k: v for k, v in KB.items() if k != "nonce"}
    assert errors(run(token(holder=True, kb=no_nonce), tmp_path)) == {"sdjwt.kb-claims"}


def test_issuer_signature_and_key(tmp_path: Path) -> None:
    h, p, s = token().split("~")[0].split(".")
    claims = json.loads(sdjwt.b64url_decode(p))
    claims["degree"] = "PhD"
    p2 = sdjwt.b64url(json.dumps(claims).encode())
    rest = token().split("~", 1)[1]
    assert "proof.signature" in errors(run(f"{h}.{p2}.{s}~{rest}", tmp_path))
    # signed by a key that is not the did:key issuer's
    other = ec.generate_private_key(ec.SECP256R1())
    rep = run(token(private=other), tmp_path)
    assert "proof.signature" in errors(rep)


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"vct": None}, "sdjwt.vct"),
        ({"exp": 1700000000}, "sdjwt.expired"),
        ({"nbf": 1900000000}, "sdjwt.not-yet-valid"),
        ({"iat": "2025-01-01"}, "sdjwt.claim-type"),
        ({"cnf": "key"}, "sdjwt.cnf"),
    ],
)
def test_sd_jwt_vc_claims(change: dict[str, Any], rule: str, tmp_path: Path) -> None:
    claims = {**CLAIMS, **change}
    claims = {k: v for k, v in claims.items() if v is not None}
    assert rule in errors(run(token(claims), tmp_path))


def test_typ_and_unsupported_alg(tmp_path: Path) -> None:
    assert "sdjwt.typ" in errors(run(token(header={**HEADER, "typ": "JWT"}), tmp_path))
    rep = run(token(header={**HEADER, "alg": "ES256K"}), tmp_path)
    assert "proof.not-checked" in rules(rep) and "proof.jwt-alg" not in errors(rep)


def test_array_element_disclosures() -> None:
    d1 = sdjwt.b64url(json.dumps(["salt1", "US"]).encode())
    d2 = sdjwt.b64url(json.dumps(["salt2", "DE"]).encode())
    payload = {
        "vct": "x",
        "nationalities": [{"...": sdjwt.digest(d1, "sha256")}, {"...": sdjwt.digest(d2, "sha256")}, "FR"],
    }
    jwt = sign.sign_jws(payload, ISSUER_KEY, HEADER)
    sd = sdjwt.parse(f"{jwt}~{d1}~")
    assert sd.issues == [] and sd.claims["nationalities"] == ["US", "FR"]
    sd = sdjwt.parse(f"{jwt}~{d1}~{d2}~")
    assert sd.claims["nationalities"] == ["US", "DE", "FR"]


def test_vcdm2_sd_jwt_payload_is_checked_as_a_credential(tmp_path: Path) -> None:
    cred = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
    }
    text = sign.sd_jwt(cred, ISSUER_KEY, {**HEADER, "typ": "vc+sd-jwt", "cty": "vc"}, ("validFrom",))
    rep = run(text, tmp_path)
    assert rep.kind == "vc-credential"
    assert "proof.verified" in rules(rep)
    assert "sdjwt.claims.not-checked" not in rules(rep)


def test_new_rules_document_pass_and_fail() -> None:
    from mcconform.checks import load_all
    from mcconform.rules import RULES

    load_all()
    mine = [
        r for r in RULES.values() if r.id.startswith(("sdjwt.", "jose.", "cose.")) or r.id == "proof.chain"
    ]
    assert len(mine) >= 20
    for r in mine:
        assert "PASS" in r.doc and "FAIL" in r.doc, r.id


@pytest.mark.parametrize(
    "text",
    [
        "a.b.c~",
        "e30.e30.~~",
        "e30.e30.~" + "A" * 5000 + "~",
        "e30.e30.~" + sdjwt.b64url(b"[" * 100000 + b"]" * 100000) + "~",
        "e30." + sdjwt.b64url(json.dumps({"_sd": "x", "_sd_alg": 5}).encode()) + ".~",
        "e30." + sdjwt.b64url(json.dumps({"_sd": [1, 2]}).encode()) + ".~" + "e30.e30.e30",
        "e30." + sdjwt.b64url(json.dumps({"a": [{"...": 3}], "cnf": {"jwk": 1}}).encode()) + ".~e30.e30.",
        "0oRYVqQBJgNuYXBwbGljYXRpb24vdmMEWCs3M3ZvTVhG",
        "d28458" + "00" * 40,
    ],
)
def test_hostile_sd_jwt_and_cose_never_raise(text: str, tmp_path: Path) -> None:
    rep = run(text, tmp_path)
    assert "internal.error" not in rules(rep)
    assert not any(f.rule.endswith(".not-checked") and "Error:" in f.message for f in rep.findings), [
        (f.rule, f.message) for f in rep.findings
    ]
    assert rep.verdict in ("fail", "cantTell")


def _served(tmp_path: Path, files: dict[str, Any]) -> dict[str, str]:
    root = tmp_path / "hosted"
    for rel, content in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(json.dumps(content), "utf-8")
    return {"https://issuer.example/": str(root)}


def _run_served(text: str, tmp_path: Path, served: dict[str, str]) -> DocumentReport:
    path = tmp_path / "credential.sd-jwt"
    path.write_text(text, "utf-8")
    return mcconform.check([str(path)], now=NOW, resource_map=served).documents[0]


def test_kid_through_sd_jwt_vc_issuer_metadata(tmp_path: Path) -> None:
    """SD-JWT VC section 5: https://<host>/.well-known/jwt-vc-issuer/<path> with jwks."""
    iss = "https://issuer.example/tenant"
    jwk = {**sign.public_jwk(ISSUER_KEY), "kid": "k1"}
    claims = {**CLAIMS, "iss": iss}
    text = token(claims, header={"alg": "ES256", "typ": "dc+sd-jwt", "kid": "k1"})
    meta = {"issuer": iss, "jwks": {"keys": [jwk]}}
    rep = _run_served(text, tmp_path, _served(tmp_path, {".well-known/jwt-vc-issuer/tenant": meta}))
    assert errors(rep) == set() and "proof.verified" in rules(rep)
    other = {**sign.public_jwk(ec.generate_private_key(ec.SECP256R1())), "kid": "k2"}
    meta = {"issuer": iss, "jwks": {"keys": [other]}}
    rep = _run_served(text, tmp_path, _served(tmp_path, {".well-known/jwt-vc-issuer/tenant": meta}))
    assert "key.unresolvable" in errors(rep)
    # offline: not verified, never passed
    rep = _run_served(text, tmp_path, {})
    assert "key.not-checked" in rules(rep) and rep.verdict == "cantTell"


def test_kid_through_a_did_web_document(tmp_path: Path) -> None:
    did = "did:web:issuer.example"
    jwk = sign.public_jwk(ISSUER_KEY)
    thumb = str(jwk_thumbprint(jwk))
    vm = {"id": f"{did}#key-1", "type": "JsonWebKey", "controller": did, "publicKeyJwk": jwk}
    did_doc = {"id": did, "verificationMethod": [vm], "assertionMethod": [f"{did}#key-1"]}
    text = token({**CLAIMS, "iss": did}, header={**HEADER, "kid": thumb})
    rep = _run_served(text, tmp_path, _served(tmp_path, {".well-known/did.json": did_doc}))
    assert errors(rep) == set() and "proof.verified" in rules(rep)
    not_listed = {**did_doc, "assertionMethod": []}
    rep = _run_served(text, tmp_path, _served(tmp_path, {".well-known/did.json": not_listed}))
    assert "key.purpose" in errors(rep)


def test_ob3_credential_secured_with_sd_jwt_is_checked_by_the_ob3_profile(tmp_path: Path) -> None:
    """The rebuilt claims are the document: an OpenBadgeCredential secured with SD-JWT gets the
    ob3 profile (and trust); withholding a claim the profile requires makes it fail there."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conftest import FIXTURES

    cred = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text("utf-8"))
    key = ed25519.Ed25519PrivateKey.generate()
    mk = keys.multikey_of(key.public_key())
    cred["issuer"]["id"] = f"did:key:{mk}"
    header = {"alg": "EdDSA", "typ": "vc+sd-jwt", "kid": f"#{mk}"}
    text = sign.sd_jwt(cred, key, header, ("name", "credentialSubject"))
    rep = run(text, tmp_path)
    assert rep.kind == "ob3-credential"
    # vc: the VC data model is the base layer of every VC (issue 13)
    assert {k: v.verdict for k, v in rep.profiles.items()} == {"ob3": "pass", "vc": "pass", "trust": "pass"}
    withheld = "~".join(text.split("~")[:2]) + "~"  # credentialSubject not disclosed
    rep = run(withheld, tmp_path)
    assert rep.profiles["trust"].verdict == "pass"
    assert rep.profiles["ob3"].verdict == "fail"
    assert rep.profiles["vc"].verdict == "fail"  # VCDM 2.0 4.4: credentialSubject is required
