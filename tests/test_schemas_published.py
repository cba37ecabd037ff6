"""mcconform judges OB 3.0 documents with the published ``/schema/json/`` binding (issue 13,
deliverable 6): one value or a list, a class's ``type`` one string, language maps.

Acceptance: our ``achievementcredential`` schema gives the same verdict as the corpus copy of
1EdTech's ``/schema/json/ob_v3p0_achievementcredential_schema.json`` (``ob3/schema/``, see its
``SCHEMA-MAP.json``) on every OB 3.0 credential of the corpus and on mutations of the ones it
accepts: each required property dropped, each typed property given a value of another JSON
type, and each one-item array given as its single value (``type``, ``result``, ``identifier``,
``credentialSchema`` ...).  The compiled engine (jsonschema_rs) agrees on each (``ours``).
The stricter JSON-LD binding is compared with its official copy in ``tests/test_schemas.py``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft201909Validator

import mcconform
from conftest import CORPUS, FIXTURES
from mcconform import schemas
from test_schemas import CORPUS_IDS, _at, _objects, _pointer, _shape, corpus_credentials, mutations, ours

NOW = datetime(2026, 1, 1, tzinfo=UTC)
PUBLISHED = CORPUS / "openbadges" / "ob3" / "schema" / "ob_v3p0_achievementcredential_schema.json"
JUDGED = "achievementcredential"


@cache
def published() -> Draft201909Validator:
    if not PUBLISHED.exists():
        pytest.skip(f"reference corpus not available: {PUBLISHED}")
    doc = json.loads(PUBLISHED.read_text("utf-8"))
    assert doc["$id"].startswith("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/")
    return Draft201909Validator(doc, format_checker=schemas.FORMAT_CHECKER)


def judged(instance: Any) -> bool:
    return ours(instance, JUDGED)


def unwraps(base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each one-item array given as its single value."""
    for path, obj in list(_objects(base)):
        for key, value in obj.items():
            if isinstance(value, list) and len(value) == 1:
                doc = copy.deepcopy(base)
                _at(doc, path)[key] = value[0]
                yield f"unwrap {_pointer((*path, key))}", doc


@pytest.mark.parametrize("cid", CORPUS_IDS)
def test_corpus_verdict_agrees_with_the_published_schema(cid: str) -> None:
    cred = corpus_credentials()[cid]
    assert judged(cred) == published().is_valid(cred), schemas.errors(JUDGED, cred)[:3]


@cache
def bases() -> dict[str, dict[str, Any]]:
    """Credentials the published schema accepts, one per structure."""
    candidates = [(cid, corpus_credentials()[cid]) for cid in CORPUS_IDS]
    for path in sorted((FIXTURES / "ob3" / "valid").glob("*.json")):
        candidates.append((f"fixtures/ob3/valid/{path.name}", json.loads(path.read_text("utf-8"))))
    out: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for cid, cred in candidates:
        shape = json.dumps(_shape(cred), sort_keys=True)
        if shape not in seen and published().is_valid(cred):
            seen.add(shape)
            out[cid] = cred
    return out


def test_mutations_agree_with_the_published_schema() -> None:
    if not PUBLISHED.exists():
        pytest.skip("reference corpus not available")
    total = invalid = unwrapped = 0
    failures = []
    for cid, base in sorted(bases().items()):
        for label, doc in [*mutations(base), *unwraps(base)]:
            total += 1
            unwrapped += label.startswith("unwrap")
            theirs = published().is_valid(doc)
            invalid += not theirs
            if judged(doc) != theirs:
                failures.append((cid, label, theirs, schemas.errors(JUDGED, doc)[:2]))
    print(f"\n{len(bases())} bases, {total} mutations ({unwrapped} single values), {invalid} invalid")
    assert not failures, failures[:5]
    assert total >= 1000 and invalid >= 300 and unwrapped >= 100


@pytest.mark.parametrize(
    ("path", "single"),
    [
        (("credentialSubject", "type"), "AchievementSubject"),
        (("issuer", "type"), "Profile"),
        (("credentialSubject", "result"), {"type": "Result", "status": "Completed"}),
        (
            ("credentialSubject", "identifier"),
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": "a@example.org",
                "identityType": "emailAddress",
            },
        ),
        (
            ("credentialSchema",),
            {
                "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
                "type": "1EdTechJsonSchemaValidator2019",
            },
        ),
    ],
)
def test_single_values_are_valid_and_warned_by_the_jsonld_binding(path: tuple[str, ...], single: Any) -> None:
    cred = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text("utf-8"))
    node = cred
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = single
    assert schemas.errors(JUDGED, cred) == []
    strict = schemas.errors(JUDGED + schemas.JSONLD_SUFFIX, cred)
    assert [e.pointer for e in strict] == ["/" + "/".join(path)]
    if PUBLISHED.exists():
        assert published().is_valid(cred)


def test_credential_with_single_values_passes_ob3() -> None:
    """Acceptance: single-valued type, result, identifier and credentialSchema pass."""
    report = mcconform.check(str(FIXTURES / "ob3" / "valid" / "single-values.json"), now=NOW)
    [doc] = report.documents
    assert doc.verdict == "pass", [f.to_dict() for f in doc.findings]
    warned = {f.pointer for f in doc.findings if f.rule == "ob3.schema-jsonld"}
    assert {"/credentialSchema", "/credentialSubject/result", "/credentialSubject/identifier"} <= warned
    assert all(f.severity == "warning" for f in doc.findings if f.rule == "ob3.schema-jsonld")


def test_declared_jsonld_binding_url_is_known() -> None:
    url = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json"
    assert schemas.schema_for_url(url) == JUDGED
