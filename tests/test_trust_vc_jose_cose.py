"""The W3C VC-JOSE-COSE test suite's verification vectors (fixtures/trust/vc-jose-cose).

Valid vectors verify, or are "not verified" for a stated reason; invalid ones fail for the reason
the suite gives (its tests/test-mapping.js names each test; the number is the suite's).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import mcconform
from conftest import FIXTURES
from mcconform.report import DocumentReport

D = FIXTURES / "trust" / "vc-jose-cose"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
CONTEXTS = {
    "https://www.w3.org/ns/credentials/examples/v2": str(
        FIXTURES / "trust" / "w3c-di" / "contexts" / "credentials-examples-v2.jsonld"
    )
}

#: suite test -> (input, key_file, expected: "verified" / "not-verified" / the error rules it fails with)
CASES: dict[str, tuple[str, str, str | frozenset[str]]] = {
    "6 JWT basic credential": ("credential-jose-minimal.txt", "p256", "verified"),
    "7 JWT presentation": ("presentation-jose-multiple.txt", "p384", "verified"),
    "8 JWT issuer match": ("credential-issuer-match-signed.txt", "ed25519", "verified"),
    # the suite's verifier gets the Ed25519 key for an ES512 token: that key does not sign it
    "9 JWT unknown extensions": (
        "credential-jose-unknown-extensions.txt",
        "ed25519",
        frozenset({"key.unresolvable"}),
    ),
    "12 JWT invalid signature": (
        "credential-jose-bad-signature.txt",
        "ed25519",
        frozenset({"proof.signature"}),
    ),
    "13 JWT invalid media type": (
        "credential-jose-bad-media-type.txt",
        "ed25519",
        frozenset({"jose.typ", "jose.cty"}),
    ),
    "14 JWT presentation invalid media type": (
        "presentation-jose-bad-media-type.txt",
        "ed25519",
        frozenset({"jose.typ", "jose.cty"}),
    ),
    "15 JWT vc and vp claims": (
        "credential-jose-vc-vp-claims.txt",
        "ed25519",
        frozenset({"jose.forbidden-claim"}),
    ),
    "16 JWT presentation invalid credential": (
        "presentation-jose-bad-credential.txt",
        "ed25519",
        frozenset({"jose.enveloped-credential"}),
    ),
    "20 SD-JWT basic credential": ("credential-sdjwt-selective.txt", "p384", "verified"),
    "21 SD-JWT complex credential": ("credential-sdjwt-nested.txt", "p521", "verified"),
    "22 SD-JWT presentation": ("presentation-sdjwt-selective.txt", "p384", "verified"),
    "23 SD-JWT invalid signature": (
        "credential-sdjwt-bad-signature.txt",
        "p384",
        frozenset({"proof.signature"}),
    ),
    "24 SD-JWT invalid media type": (
        "credential-sdjwt-bad-media-type.txt",
        "ed25519",
        frozenset({"sdjwt.typ", "jose.cty"}),
    ),
    "25 SD-JWT presentation invalid media type": (
        "presentation-sdjwt-bad-media-type.txt",
        "ed25519",
        frozenset({"sdjwt.typ", "jose.cty", "jose.enveloped-credential"}),
    ),
    "26 SD-JWT presentation invalid credentials": (
        "presentation-sdjwt-bad-credential.txt",
        "p521",
        frozenset({"sdjwt.typ", "jose.cty", "jose.enveloped-credential"}),
    ),
    "29 COSE basic credential": ("credential-cose-minimal.txt", "p256", "verified"),
    "30 COSE incorrect encoding": (
        "credential-cose-minimal-not-base64.txt",
        "p256",
        frozenset({"cose.malformed"}),
    ),
    # the holder is did:example:...: no way to resolve a thumbprint kid through it is defined
    "31 COSE presentation": ("presentation-cose-single.txt", "p384", "not-verified"),
    "32 COSE invalid signature": (
        "credential-cose-bad-signature.txt",
        "ed25519",
        frozenset({"cose.signature"}),
    ),
    "33 COSE invalid media type": (
        "credential-cose-bad-media-type.txt",
        "p384",
        frozenset({"jose.typ", "jose.cty"}),
    ),
    # the suite gives the P-384 key for an ES256 token
    "34 COSE presentation invalid media type": (
        "presentation-cose-bad-media-type.txt",
        "p384",
        frozenset({"jose.typ", "jose.cty", "key.unresolvable"}),
    ),
    "35 COSE presentation invalid credentials": (
        "presentation-cose-bad-credential.txt",
        "p256",
        frozenset({"jose.enveloped-credential"}),
    ),
}


def run_all(name: str, key: str | None, profiles: list[str] | None = None) -> list[DocumentReport]:
    report = mcconform.check(
        [str(D / "input" / name)],
        profiles=profiles,
        now=NOW,
        contexts=CONTEXTS,
        resource_map={"https://example.issuer/": str(D / "keys" / key)} if key else {},
    )
    assert report.documents[0].source == str(D / "input" / name)
    return report.documents


def run(name: str, key: str | None, profiles: list[str] | None = None) -> DocumentReport:
    """The report of the input itself (credentials enveloped in a presentation follow it)."""
    return run_all(name, key, profiles)[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_suite_vector(case: str) -> None:
    name, key, expected = CASES[case]
    rep, *inner = run_all(name, key)
    # a credential enveloped in a presentation is a document of its own (mcconform.nested);
    # the suite gives the presentation's key only, so the credentials' issuer keys are not in
    # the controller document: each failing credential fails the presentation once, at its item
    failing = [d.source for d in inner if d.verdict == "fail"]
    folded = [f for f in rep.findings if f.rule == "nested.credential-fails"]
    assert len(folded) == len(failing) and all(s in f.message for s, f in zip(failing, folded, strict=True))
    errors = {f.rule for f in rep.findings if f.severity == "error"} - {"nested.credential-fails"}
    found = {f.rule for f in rep.findings}
    if expected == "verified":
        assert errors == set(), [(f.rule, f.message) for f in rep.findings]
        assert "proof.verified" in found
        assert rep.verdict == ("fail" if failing else "pass")
    elif expected == "not-verified":
        assert errors == set()
        reasons = [f.message for f in rep.findings if f.rule.endswith(".not-checked")]
        assert reasons and "is not a URI" in reasons[0]
        assert rep.verdict == ("fail" if failing else "cantTell")
    else:
        assert errors == expected, [(f.rule, f.message) for f in rep.findings]
        assert rep.verdict == "fail"


def test_offline_the_issuers_key_is_not_checked() -> None:
    """Without the issuer's controller document (no --online, no resource map): cantTell, not pass."""
    rep = run("credential-jose-minimal.txt", None)
    assert "key.not-checked" in {f.rule for f in rep.findings}
    assert rep.verdict == "cantTell"


@pytest.mark.parametrize("name", ["credential-minimal.json", "presentation-single.json"])
def test_unsecured_input_is_not_secured(name: str) -> None:
    """Suite tests 10 and 11: an unsecured credential is not a verified one."""
    rep = run(name, "ed25519", profiles=["trust"])
    rules = {f.rule for f in rep.findings}
    if name.startswith("credential"):
        assert "proof.missing" in rules and rep.verdict == "fail"
    else:
        assert "proof.missing" in rules and rep.verdict == "fail"


def test_one_character_of_the_payload_changed_fails(tmp_path: Path) -> None:
    token = (D / "input" / "credential-jose-minimal.txt").read_text("utf-8").strip()
    h, p, s = token.split(".")
    i = len(p) // 2
    changed = tmp_path / "changed.jwt"
    changed.write_text(f"{h}.{p[:i]}{'A' if p[i] != 'A' else 'B'}{p[i + 1 :]}.{s}", "utf-8")
    report = mcconform.check(
        [str(changed)],
        now=NOW,
        contexts=CONTEXTS,
        resource_map={"https://example.issuer/": str(D / "keys" / "p256")},
    )
    assert report.documents[0].verdict == "fail"


@pytest.mark.parametrize(
    ("name", "inner"),
    [("presentation-jose-multiple.txt", 3), ("presentation-sdjwt-selective.txt", 1)],
)
def test_enveloped_credentials_are_checked_as_documents(name: str, inner: int) -> None:
    """Each credential of a secured presentation is a document of its own, verified with the issuer's
    key (keys/all: the issuer's complete controller document; they are signed with other keys than
    the presentation)."""
    docs = run_all(name, "all")
    assert len(docs) == 1 + inner
    for i, doc in enumerate(docs[1:]):
        assert doc.source.endswith(f"!/verifiableCredential/{i}")
        assert doc.kind == "vc-credential"
        assert {f.rule for f in doc.findings if f.severity == "error"} == set()
        assert "proof.verified" in {f.rule for f in doc.findings}


def test_the_cose_presentations_credential_is_not_secured() -> None:
    """Disagreement with the suite (test 31, expected success): the credential enveloped in
    presentation-cose-single is ``eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxMjMifQ....``,
    not a JWS (no signature); VC-JOSE-COSE section 3.1.2 / 3.3: credentials in presentations MUST be
    secured.  The presentation's own signature is not verified (its holder is a did:example);
    it fails because the credential it holds fails (mcconform.nested), once, at the item."""
    outer, inner = run_all("presentation-cose-single.txt", "p384")
    assert inner.verdict == "fail"
    assert "jwt.malformed" in {f.rule for f in inner.findings}
    assert "key.not-checked" in {f.rule for f in outer.findings}
    assert [f.pointer for f in outer.findings if f.severity == "error"] == ["/verifiableCredential/0"]
    assert outer.verdict == "fail"


def _jwt(tmp_path: Path, claims: dict[str, object], header: dict[str, object]) -> DocumentReport:
    from cryptography.hazmat.primitives.asymmetric import ec

    from mcconform.trust import sign

    key = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "credential.jwt"
    path.write_text(
        sign.sign_jws(claims, key, {"alg": "ES256", **header, "jwk": sign.public_jwk(key)}), "utf-8"
    )
    return mcconform.check([str(path)], now=NOW).documents[0]


def test_iss_must_be_the_issuer_and_kid_placeable(tmp_path: Path) -> None:
    cred = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "https://issuer.example",
        "credentialSubject": {"id": "did:example:alice"},
    }
    ok = _jwt(tmp_path, {**cred, "iss": "https://issuer.example"}, {"typ": "vc+jwt"})
    assert "jose.iss" not in {f.rule for f in ok.findings}
    other = _jwt(tmp_path, {**cred, "iss": "https://other.example"}, {"typ": "vc+jwt"})
    assert [f.pointer for f in other.findings if f.rule == "jose.iss"] == ["/iss"]
    no_iss = _jwt(tmp_path, cred, {"typ": "vc+jwt", "kid": "key-1"})
    assert "jose.iss" in {f.rule for f in no_iss.findings if f.severity == "error"}
