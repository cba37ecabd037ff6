"""Acceptance: the ob3 profile agrees with 1EdTech's reference validator on its OB 3.0 vectors.

``EXPECTED.json`` lists, per vector, the outcome the reference validator's own test suite
asserts.  Every OB 3.0 row whose outcome does not depend on signature verification, the
network or status lists is checked here: mcconform's ``ob3`` verdict must equal the suite's
(``valid`` and ``valid-with-warning`` are ``pass``, ``invalid`` is ``fail``), a
``valid-with-warning`` row must get a warning, and where the suite names the probe that fires,
the mcconform finding standing for it (rule and JSON Pointer) must be reported.  The other
rows are listed in ``EXCLUDED`` with the reason.  Runs offline, on the bundled contexts only,
at a fixed instant (the suite's dates are 2010 and 2040).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import mcconform
from conftest import CORPUS, corpus_path
from mcconform.jsonld import bundled_manifest
from mcconform.report import DocumentReport

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SUITE = ("openbadges", "1edtech-validator")

#: rows not checked, and why
SIGNATURE = "invalid only through its proof (EmbeddedProofProbe): needs signature verification"
EXCLUDED: dict[str, str] = {
    "ob30/simple-did-web-method.json": "disabled in the reference suite (did:web resolution: network)",
    "ob30/simple-err-proof-method.json": SIGNATURE,
    "ob30/simple-err-proof-method-no-scheme.json": SIGNATURE + " (verificationMethod without scheme)",
    "ob30/simple-err-proof-method-unknown-scheme.json": SIGNATURE + " (verificationMethod, unknown scheme)",
    "ob30/simple-err-proof-method-unknown-did-method.json": SIGNATURE
    + " (verificationMethod, unknown DID method)",
    "ob30/simple-err-proof-value.json": SIGNATURE + " (tampered proofValue)",
    "ob30/credential-status-revoked.json": "revoked in its 1EdTechRevocationList (RevocationListProbe): "
    "status list, network",
    "ob30/bit-string-list/credential-status-revoked.json": "revoked in its BitstringStatusList "
    "(BitstringStatusListProbe): status list, network",
    "ob30/bit-string-list/credential-status-revoked-blank-nodes.json": "revoked in its BitstringStatusList "
    "(BitstringStatusListProbe): status list, network",
}

V1_WARNINGS = [("ob3.vc11-context", "/@context/0"), ("ob3.context-version", "/@context/1")]
V1_JWT_WARNINGS = [("ob3.vc11-context", "/vc/@context/0"), ("ob3.context-version", "/vc/@context/1")]
#: the mcconform findings (rule, pointer) that stand for what the suite asserts; all must fire
FINDINGS: dict[str, list[tuple[str, str]]] = {
    # JsonLDValidationProbe: the first proof's type is undefined, so are its keys
    "ob30/simple-multiple-proofs.json": [
        ("ob3.undefined-type", "/proof/0/type"),
        ("jsonld.undefined-term", "/proof/0/created"),
    ],
    # TypePropertyProbe
    "ob30/simple-err-type.json": [("ob3.credential-type", "/type")],
    # ExpirationProbe
    "ob30/simple-err-expired.json": [("ob3.expired", "/validUntil")],
    # IssuanceProbe
    "ob30/simple-err-issued.json": [("ob3.not-yet-valid", "/validFrom")],
    # ContextPropertyProbe: no VC context at position 1 (error) / an older OB context (warning)
    "ob30/simple-err-context.json": [("ob3.context-order", "/@context/0")],
    "ob30/simple-context-version.json": [("ob3.context-version", "/@context/1")],
    # CredentialSubjectProbe (types of the subject and its nodes: shapes/ob3.ttl)
    "ob30/simple-err-credential-subject-type.json": [("shacl.class", "/credentialSubject")],
    "ob30/simple-err-credential-subject-identifier-type.json": [
        ("shacl.or", "/credentialSubject/identifier/0")
    ],
    "ob30/simple-err-credential-subject-result-type.json": [("shacl.class", "/credentialSubject/result/1")],
    "ob30/simple-err-credential-subject-achievement-result-description-type.json": [
        ("shacl.or", "/credentialSubject/achievement/resultDescription/2")
    ],
    "ob30/simple-err-credential-subject-profile-type.json": [("shacl.class", "/credentialSubject/source")],
    # EvidenceProbe
    "ob30/simple-err-evidence-type.json": [("shacl.class", "/evidence/1")],
    # IssuerProbe.  parentOrg has the issuer's own id, so RDF merges the two into one Profile
    # node and SHACL cannot see the wrong type: the ob3 check reports it.
    "ob30/simple-err-issuer-type.json": [("shacl.class", "/issuer")],
    "ob30/simple-err-issuer-parentorg-type.json": [("ob3.node-type", "/issuer/parentOrg/type")],
    "ob30/simple-err-issuer-otheridentifier-type.json": [("shacl.class", "/issuer/otherIdentifier/1")],
    # the suite fails it on its did:velocity key (network); offline, its extension context is unknown
    "ob30/velocity.jwt": [("jsonld.unknown-context", "/vc/@context/2")],
    # valid-with-warning: VC 1.1 context and an older OB 3.0 context (ContextPropertyProbe warnings)
    "ob30/simple_v1.json": V1_WARNINGS,
    "ob30/simple-eddsa-2022.json": V1_WARNINGS,
    "ob30/simple-jwt_v1.png": V1_JWT_WARNINGS,
    "ob30/simple-jwt_v1.svg": V1_JWT_WARNINGS,
}

#: verdicts of "see-detail" rows: the probe the suite asserts gives a warning there
SEE_DETAIL = {"ob30/simple-context-version.json": "pass"}
VERDICT = {"valid": "pass", "valid-with-warning": "pass", "invalid": "fail"}


def expected_rows() -> list[dict[str, Any]]:
    path = CORPUS.joinpath(*SUITE, "EXPECTED.json")
    if not path.exists():
        return []
    return [r for r in json.loads(path.read_text("utf-8")) if r["file"].startswith("ob30/")]


ROWS = expected_rows()
INCLUDED = [r for r in ROWS if r["file"] not in EXCLUDED]


def corpus_contexts() -> dict[str, str]:
    """URL -> corpus file from CONTEXT-MAP.json, used only when no context is bundled."""
    if bundled_manifest():
        return {}
    cmap = corpus_path("openbadges", "contexts", "CONTEXT-MAP.json")
    base = cmap.parent.parent
    out: dict[str, str] = {}
    for entry in json.loads(cmap.read_text("utf-8"))["contexts"]:
        for url in [entry["url"], *entry.get("same_document_urls", [])]:
            out[url] = str(base / entry["file"])
    return out


@cache
def reports() -> dict[str, DocumentReport]:
    vectors = corpus_path(*SUITE, "vectors")
    paths = [str(vectors / r["file"]) for r in INCLUDED]
    report = mcconform.check(paths, profiles=["ob3"], now=NOW, contexts=corpus_contexts())
    out = {}
    for doc in report.documents:
        out[Path(doc.source).relative_to(vectors).as_posix()] = doc
    assert len(out) == len(paths)
    return out


def test_every_row_is_included_or_excluded() -> None:
    if not ROWS:
        corpus_path(*SUITE, "EXPECTED.json")  # skips
    files = {r["file"] for r in ROWS}
    assert set(EXCLUDED) <= files, set(EXCLUDED) - files
    assert set(FINDINGS) <= {r["file"] for r in INCLUDED}
    assert len(INCLUDED) + len(EXCLUDED) == len(ROWS)
    for r in ROWS:
        assert r["file"] in EXCLUDED or r["expect"] in VERDICT or r["file"] in SEE_DETAIL, r
        if r["disabled"]:
            assert r["file"] in EXCLUDED, r["file"]


def test_runs_on_bundled_contexts_only() -> None:
    assert bundled_manifest(), "the bundled JSON-LD contexts are missing"
    assert corpus_contexts() == {}


@pytest.mark.parametrize("row", INCLUDED, ids=[r["file"] for r in INCLUDED])
def test_verdict_matches_reference_suite(row: dict[str, Any]) -> None:
    doc = reports()[row["file"]]
    expected = SEE_DETAIL.get(row["file"]) or VERDICT[row["expect"]]
    verdict = doc.profiles["ob3"].verdict
    errors = [(f.rule, f.pointer, f.message) for f in doc.findings if f.severity == "error"]
    assert verdict == expected, f"{row['expect']} ({row['detail']}); mcconform errors: {errors}"
    if row["expect"] == "valid-with-warning":
        assert any(f.severity == "warning" for f in doc.findings)
    got = {(f.rule, f.pointer) for f in doc.findings}
    for finding in FINDINGS.get(row["file"], []):
        assert finding in got, f"{finding} not reported; got {sorted(got)}"
    if row["expect"] == "invalid" or row["detail"]:
        assert row["file"] in FINDINGS, "say which finding stands for the suite's assertion"


def test_detected_kinds() -> None:
    kinds = {f: d.kind for f, d in reports().items()}
    assert kinds.pop("ob30/simple-err-type.json") == "vc-credential"  # type OtherCredential
    assert set(kinds.values()) == {"ob3-credential"}
    envelopes = {f: d.meta.get("envelope") for f, d in reports().items()}
    assert envelopes["ob30/simple-jwt.png"] == "baked-jwt+vc-jwt"
    assert envelopes["ob30/simple-json.svg"] == "baked-svg"
    assert envelopes["ob30/velocity.jwt"] == "vc-jwt"
