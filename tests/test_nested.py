"""Credentials inside presentations, VP-JWTs, CLRs and envelopes are documents of their own
(issue 13, deliverable 2): own report, own source label, pointers into the outer file, and
the outer document fails when an inner one fails."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import mcconform
from mcconform.api import Checker
from mcconform.audit import run as audit_run
from mcconform.limits import Limits
from mcconform.nested import decode_data_url
from mcconform.options import Options

ROOT = Path(__file__).resolve().parents[1]
NESTED = ROOT / "fixtures" / "nested"
NOW = "2026-01-01T00:00:00+00:00"
VALID = sorted(p for p in (NESTED / "valid").iterdir() if p.suffix in (".json", ".jwt"))
INVALID = sorted(p for p in (NESTED / "invalid").iterdir() if not p.name.endswith(".expect.json"))


def check(path: Path | dict[str, Any], **kw: Any) -> mcconform.Report:
    target = path if isinstance(path, dict) else str(path)
    return mcconform.check(target, now=datetime.fromisoformat(NOW), **kw)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_documents_and_their_credentials_pass(path: Path) -> None:
    report = check(path)
    assert len(report.documents) >= 2, "the inner credentials are reported too"
    outer, *inner = report.documents
    assert outer.source == str(path)
    for doc in inner:
        assert doc.source.startswith(f"{path}!/") and doc.meta["embedded_in"].startswith(str(path))
    assert [d.verdict for d in report.documents] == ["pass"] * len(report.documents), [
        (d.source, [f.to_dict() for f in d.findings if f.severity == "error"]) for d in report.documents
    ]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_documents_fail_at_the_item(path: Path) -> None:
    expect = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".expect.json").read_text())
    report = check(path)
    outer = report.documents[0]
    assert outer.source == str(path) and outer.verdict == "fail"
    hits = [f for f in outer.findings if f.rule == expect["rule"]]
    assert [f.pointer for f in hits] == [expect["pointer"]], [f.to_dict() for f in outer.findings]
    if "inner" in expect:
        want = expect["inner"]
        [inner] = [d for d in report.documents if d.source == f"{path}{want['source']}"]
        assert inner.verdict == "fail"
        assert any(f.rule == want["rule"] and f.pointer == want["pointer"] for f in inner.findings), [
            f.to_dict() for f in inner.findings
        ]
        assert inner.source in hits[0].message


def test_vp_holding_an_expired_ob3_credential_fails_at_the_inner_pointer() -> None:
    report = check(NESTED / "invalid" / "vp-expired-credential.json")
    outer, good, bad = report.documents
    assert (outer.verdict, good.verdict, bad.verdict) == ("fail", "pass", "fail")
    assert bad.meta["credential_pointer"] == "/verifiableCredential/1"
    [expired] = [f for f in bad.findings if f.rule == "ob3.expired"]
    assert expired.pointer == "/verifiableCredential/1/validUntil"


def test_inner_findings_are_located_in_the_outer_file() -> None:
    from click.testing import CliRunner

    from mcconform.cli import main

    path = NESTED / "invalid" / "vp-expired-credential.json"
    res = CliRunner().invoke(main, ["check", "--now", NOW, "-f", "sarif", str(path)])
    sarif = json.loads(res.output)
    text = path.read_text().splitlines()
    lines = [
        loc["physicalLocation"]["region"]["startLine"]
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "ob3.expired"
        for loc in r["locations"]
    ]
    assert lines and all('"validUntil"' in text[n - 1] for n in lines)
    assert res.exit_code == 1


def _envelope(credential: Any) -> dict[str, Any]:
    data = base64.b64encode(json.dumps(credential).encode()).decode()
    return {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiablePresentation",
        "id": f"data:application/vp+ld+json;base64,{data}",
    }


def test_nesting_is_bounded() -> None:
    vp = json.loads((NESTED / "valid" / "vp.json").read_text())
    doc: Any = vp
    for _ in range(12):
        doc = {**vp, "verifiableCredential": [_envelope(doc)]}
    report = check(doc)
    assert len(report.documents) == 1 + Limits().max_nesting
    deepest = report.documents[-1]
    assert any(f.rule == "nested.too-deep" for f in deepest.findings)
    assert all(d.verdict == "fail" for d in report.documents)


def test_an_inner_credential_not_verified_makes_the_outer_not_verified() -> None:
    vp = json.loads((NESTED / "valid" / "vp.json").read_text())
    # a proof whose key is published on the web: not checkable offline
    vp["verifiableCredential"][0]["proof"] = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-09-01T09:00:00Z",
        "verificationMethod": "https://keys.uni-example.eu/keys/1",
        "proofPurpose": "assertionMethod",
        "proofValue": "z5C5b1uTxTx9y",
    }
    report = check(vp)
    outer, inner = report.documents
    assert inner.verdict == "cantTell" and any(f.rule == "key.not-checked" for f in inner.findings)
    assert outer.verdict == "cantTell" and not outer.conformant
    assert any(f.rule == "nested.credential.not-checked" for f in outer.findings)


def test_standalone_envelope_is_opened() -> None:
    cred = json.loads((ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json").read_text())
    env = {**_envelope(cred), "type": "EnvelopedVerifiableCredential"}
    report = check(env)
    outer, inner = report.documents
    assert outer.kind == "vc-envelope" and inner.kind == "ob3-credential"
    assert inner.meta["pointer_base"] == "/id" and inner.verdict == "pass"


@pytest.mark.parametrize(
    ("url", "media", "content"),
    [
        ("data:application/vc+jwt,a.b.c", "application/vc+jwt", b"a.b.c"),
        ("data:application/json,%7B%7D", "application/json", b"{}"),
        ("data:application/vc+ld+json;base64,e30=", "application/vc+ld+json", b"{}"),
        ("data:application/vc+ld+json;base64url,e30", "application/vc+ld+json", b"{}"),
        # the W3C VCDM 2.0 suite's form: ';base64url,' and a compact JWT (its segments are)
        ("data:application/vc-ld+jwt;base64url,eyJh.eyJ2.c2ln", "application/vc-ld+jwt", b"eyJh.eyJ2.c2ln"),
    ],
)
def test_data_urls(url: str, media: str, content: bytes) -> None:
    assert decode_data_url(url) == (media, content)


@pytest.mark.parametrize("url", ["https://example.org/", "data:no-comma", "data:;base64,@@@"])
def test_bad_data_urls(url: str) -> None:
    with pytest.raises(ValueError):
        decode_data_url(url)


def test_audit_counts_inner_documents_the_same_with_any_worker_count() -> None:
    options = Options(now=datetime.fromisoformat(NOW))
    results = []
    for workers in (1, 2):
        checker = Checker(None, options)
        result = audit_run.run([str(NESTED)], checker, options.limits, workers=workers)
        results.append(json.dumps(result.to_dict(), sort_keys=True))
    assert results[0] == results[1]
    totals = json.loads(results[0])["totals"]
    outer = len(VALID) + len(INVALID)
    assert totals["documents"] > outer  # inner credentials are counted as documents


def test_an_envelope_without_data_url_is_one_finding() -> None:
    """The vc rule reports it; the opener's nested.envelope-unreadable is folded into it."""
    path = NESTED / "invalid" / "enveloped-not-data-url.json"
    [outer] = check(path).documents
    at_id = [f for f in outer.findings if f.pointer == "/verifiableCredential/0/id"]
    assert [(f.rule, f.also) for f in at_id] == [("vc.enveloped-credential", ("nested.envelope-unreadable",))]


def test_a_malformed_token_in_a_jwt_envelope_is_a_document_that_fails() -> None:
    vp = json.loads((NESTED / "valid" / "vp.json").read_text())
    vp["verifiableCredential"] = [
        {
            "@context": "https://www.w3.org/ns/credentials/v2",
            "type": "EnvelopedVerifiableCredential",
            "id": "data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30....",
        }
    ]
    outer, inner = check(vp).documents
    assert [f.rule for f in inner.findings if f.severity == "error"] == ["jwt.malformed"]
    assert [(f.rule, f.pointer) for f in outer.findings if f.severity == "error"] == [
        ("nested.credential-fails", "/verifiableCredential/0")
    ]
