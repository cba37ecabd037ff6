"""mcconform's OB 3.0 JSON Schemas (mcconform.schemas, data/schemas/ob3/).

Acceptance: our AchievementCredential schema gives the same verdict (valid / invalid) as the
official one, 1EdTech's ``ob_v3p0_achievementcredential_schema.json`` of the JSON-LD binding
(the copy in ``openbadges/edubadges/schemas/``), on

* every OB 3.0 AchievementCredential / OpenBadgeCredential of the corpus: Edubadges samples,
  the 1EdTech validator's vectors (JSON, and the payloads of its VC-JWTs), the OB 3.0
  specification's examples and signing vector, the DCC verifier fixtures; credentials nested
  in others (CLR) and in JWT strings are found too;
* mutations of the credentials the official schema accepts (and of our own valid fixtures):
  each property the official schema requires somewhere dropped, at every nesting level, and
  each property the official schema types given a value of another JSON type.

One known disagreement is excluded, on purpose (see ``PROOF_EXCLUSION``): the official schema
requires ``proof`` to be an array, the specification allows a single proof object.  The
excluded credentials are still compared, with their single proofs wrapped in arrays.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft201909Validator
from jsonschema.exceptions import ValidationError

import mcconform
from conftest import CORPUS, FIXTURES, ROOT
from mcconform import schemas
from mcconform.checks.ob3.schema_checks import schema_name
from mcconform.cli import main
from mcconform.detect import OB3_CREDENTIAL

NOW = datetime(2026, 1, 1, tzinfo=UTC)
OB = CORPUS / "openbadges"
OFFICIAL = OB / "edubadges" / "schemas" / "ob_v3p0_achievementcredential_schema.json"
OB3_TYPES = {"AchievementCredential", "OpenBadgeCredential"}
#: corpus folders walked for OB 3.0 credentials
SOURCES = [
    "edubadges/_data/credentials",
    "edubadges/ref",
    "1edtech-validator/vectors/ob30",
    "ob3/examples/spec",
    "ob3/examples/dcc-vc-test-fixtures",
    "ob3/test-vectors",
]
#: the one disagreement with the official schema, and why it is excluded
PROOF_EXCLUSION = (
    "the official JSON-LD-binding schema requires proof to be an array; the VC Data Model 2.0 "
    "and OB 3.0 allow a single proof object (the specification's own signed examples and its "
    "eddsa-rdfc-2022 test vector use one, and the 1EdTech suite expects simple-did-web-method.json, "
    "which has one, to be valid), so our schema accepts both; the credential is compared again "
    "with its single proofs wrapped in arrays"
)


# --------------------------------------------------------------------------- the corpus


def _jwt_payload(text: str) -> Any:
    parts = text.strip().split(".")
    if len(parts) != 3 or len(parts[1]) < 20:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    return data.get("vc", data)


def _credentials(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """OB 3.0 AchievementCredentials in a JSON value, nested ones and JWT strings included."""
    if isinstance(node, dict):
        types = node.get("type")
        types = [types] if isinstance(types, str) else types
        if (
            "@context" in node
            and isinstance(types, list)
            and OB3_TYPES & {t for t in types if isinstance(t, str)}
        ):
            yield where, node
        for key, value in node.items():
            yield from _credentials(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _credentials(value, f"{where}/{i}")
    elif isinstance(node, str) and node.count(".") == 2 and len(node) > 60:
        payload = _jwt_payload(node)
        if payload is not None:
            yield from _credentials(payload, f"{where}#jwt")


@cache
def corpus_credentials() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for folder in SOURCES:
        base = OB / folder
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if not path.is_file() or path.suffix not in (".json", ".jwt"):
                continue
            text = path.read_text("utf-8", errors="replace")
            doc = _jwt_payload(text) if path.suffix == ".jwt" else _json_or_none(text)
            name = path.relative_to(OB).as_posix()
            for where, cred in _credentials(doc, ""):
                out[name + where] = cred
    return out


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


CORPUS_IDS = sorted(corpus_credentials())


@cache
def official() -> Draft201909Validator:
    if not OFFICIAL.exists():
        pytest.skip(f"reference corpus not available: {OFFICIAL}")
    doc = json.loads(OFFICIAL.read_text("utf-8"))
    return Draft201909Validator(doc, format_checker=schemas.FORMAT_CHECKER)


#: our JSON-LD-binding schema, compared with the official JSON-LD binding (OFFICIAL)
STRICT = "achievementcredential" + schemas.JSONLD_SUFFIX


def ours(instance: Any, name: str = STRICT) -> bool:
    """Our schema's verdict; the compiled validator (the fast path) must give the same one."""
    valid = schemas.is_valid(name, instance)
    if schemas.compiled(name) is not None:
        assert schemas.fast_valid(name, instance) == valid, "jsonschema_rs disagrees"
    return valid


def wrap_proofs(node: Any) -> Any:
    """A copy with every single ``proof`` object wrapped in an array."""
    if isinstance(node, dict):
        out = {k: wrap_proofs(v) for k, v in node.items()}
        if isinstance(out.get("proof"), dict):
            out["proof"] = [out["proof"]]
        return out
    if isinstance(node, list):
        return [wrap_proofs(v) for v in node]
    return node


def _only_single_proofs(errors: list[ValidationError]) -> bool:
    return bool(errors) and all(
        e.validator == "type" and list(e.path)[-1:] == ["proof"] and isinstance(e.instance, dict)
        for e in _leaves(errors)
    )


def _leaves(errors: list[ValidationError]) -> Iterator[ValidationError]:
    """The errors, with oneOf/anyOf errors replaced by the errors of their object alternative."""
    for e in errors:
        if e.validator in ("oneOf", "anyOf") and e.context:
            fitting = [c for c in e.context if not (c.validator == "type" and not c.relative_path)]
            yield from _leaves(fitting) if fitting else [e]
        else:
            yield e


def test_corpus_has_credentials() -> None:
    if not CORPUS_IDS:
        pytest.skip("reference corpus not available")
    folders = {cid.split("/")[0] + "/" + cid.split("/")[1] for cid in CORPUS_IDS}
    assert len(CORPUS_IDS) >= 150, len(CORPUS_IDS)
    assert {"edubadges/_data", "1edtech-validator/vectors", "ob3/examples", "ob3/test-vectors"} <= folders
    assert any("#jwt" in cid or cid.endswith(".jwt") for cid in CORPUS_IDS)


@pytest.mark.parametrize("cid", CORPUS_IDS)
def test_corpus_credential_verdict_agrees(cid: str) -> None:
    cred = corpus_credentials()[cid]
    errors = list(official().iter_errors(cred))
    if ours(cred) != (not errors):
        # the only excluded disagreement: a single proof object (PROOF_EXCLUSION)
        assert _only_single_proofs(errors), [e.message[:120] for e in errors]
        assert ours(cred)
        cred = wrap_proofs(cred)
        errors = list(official().iter_errors(cred))
    assert ours(cred) == (not errors), (
        [f"{e.json_path}: {e.message[:100]}" for e in errors],
        schemas.errors(STRICT, cred),
    )


def test_proof_exclusion_is_the_single_proof_only() -> None:
    """Exactly the credentials with a single proof object disagree, and the spec's vector is one."""
    excluded = [cid for cid in CORPUS_IDS if ours(c := corpus_credentials()[cid]) != official().is_valid(c)]
    if not CORPUS_IDS:
        pytest.skip("reference corpus not available")
    with_single = {cid for cid in CORPUS_IDS if json.dumps(corpus_credentials()[cid]).count('"proof": {')}
    assert set(excluded) <= with_single
    assert "ob3/test-vectors/eddsa-rdfc-2022/signed-credential.json" in excluded
    assert "1edtech-validator/vectors/ob30/simple-did-web-method.json" in excluded
    print(f"\n{len(excluded)} corpus credentials excluded ({PROOF_EXCLUSION})")


# --------------------------------------------------------------------------- mutations


@cache
def _official_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names the official schema requires somewhere, names it declares a type or class for)."""
    required: set[str] = set()
    typed: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            required.update(r for r in node.get("required", []) if isinstance(r, str))
            for name, prop in (node.get("properties") or {}).items():
                if isinstance(prop, dict) and ({"type", "$ref", "allOf", "oneOf", "anyOf"} & set(prop)):
                    typed.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(OFFICIAL.read_text("utf-8")))
    return frozenset(required), frozenset(typed)


def _wrong(value: Any) -> Any:
    """A value of another JSON type: string -> number, object -> string, array -> object..."""
    if isinstance(value, bool):
        return "true"
    if isinstance(value, str):
        return 42
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return "not an object"
    if isinstance(value, list):
        return {}
    return 0


def _objects(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _objects(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _objects(v, (*path, i))


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        doc = doc[token]
    return doc


def _pointer(path: tuple[Any, ...]) -> str:
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in path)


def mutations(base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    required, typed = _official_names()
    for path, obj in list(_objects(base)):
        for key in list(obj):
            if key in required:
                doc = copy.deepcopy(base)
                del _at(doc, path)[key]
                yield f"drop {_pointer((*path, key))}", doc
            if key in typed:
                doc = copy.deepcopy(base)
                _at(doc, path)[key] = _wrong(obj[key])
                yield f"retype {_pointer((*path, key))}", doc


def _shape(node: Any) -> Any:
    """The structure of a document, without its values (credentials differing only in values)."""
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in sorted(node.items())}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return type(node).__name__


@cache
def mutation_bases() -> dict[str, dict[str, Any]]:
    """Credentials the official schema accepts (single proofs wrapped), one per structure."""
    bases: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    candidates = [(cid, corpus_credentials()[cid]) for cid in CORPUS_IDS]
    for path in sorted((FIXTURES / "ob3" / "valid").glob("*.json")):
        candidates.append((f"fixtures/ob3/valid/{path.name}", json.loads(path.read_text("utf-8"))))
    for cid, cred in candidates:
        cred = wrap_proofs(cred)
        if not OFFICIAL.exists() or not official().is_valid(cred):
            continue
        shape = hashlib.sha256(json.dumps(_shape(cred), sort_keys=True).encode()).hexdigest()
        if shape not in seen:
            seen.add(shape)
            bases[cid] = cred
    return bases


BASE_IDS = sorted(mutation_bases())


@pytest.mark.parametrize("cid", BASE_IDS)
def test_mutations_verdict_agrees(cid: str) -> None:
    base = mutation_bases()[cid]
    assert ours(base)
    cases = disagree = 0
    failures = []
    for label, doc in mutations(base):
        cases += 1
        theirs = official().is_valid(doc)
        if ours(doc) != theirs:
            disagree += 1
            failures.append((label, "official", theirs, schemas.errors(STRICT, doc)[:2]))
    assert cases > 10
    assert not failures, failures[:5]


def test_mutation_counts() -> None:
    """Hundreds of mutation cases, invalid ones among them (the test can fail)."""
    if not BASE_IDS:
        pytest.skip("reference corpus not available")
    total = invalid = 0
    for cid in BASE_IDS:
        for _, doc in mutations(mutation_bases()[cid]):
            total += 1
            invalid += not ours(doc)
    print(f"\n{len(CORPUS_IDS)} corpus credentials, {len(BASE_IDS)} mutation bases, {total} mutations")
    assert total >= 500
    assert invalid >= 300


# --------------------------------------------------------------------------- errors and pointers


def fixture(name: str = "full-credential.json") -> dict[str, Any]:
    data = json.loads((FIXTURES / "ob3" / "valid" / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def found(doc: Any, name: str = "achievementcredential") -> list[tuple[str, str]]:
    return [(e.pointer, e.keyword) for e in schemas.iter_errors(name, doc)]


def test_valid_fixtures_have_no_schema_error() -> None:
    for name, schema in [
        ("full-credential.json", "achievementcredential"),
        ("micro-credential.json", "achievementcredential"),
        ("vc11-credential.json", "achievementcredential-vc11"),
        ("endorsement.json", "endorsementcredential"),
        ("issuer-profile.json", "profile"),
        ("achievement.json", "achievement"),
    ]:
        assert found(fixture(name), schema) == [], name


def test_pointer_of_missing_nested_property() -> None:
    doc = fixture()
    del doc["credentialSubject"]["achievement"]["criteria"]
    del doc["issuer"]["address"]["geo"]["latitude"]
    assert found(doc) == [
        ("/credentialSubject/achievement", "required"),
        ("/issuer/address/geo", "required"),
    ]
    (err,) = [e for e in schemas.iter_errors("achievementcredential", doc) if "criteria" in e.message]
    assert err.message == "required property 'criteria' is missing from achievement"


def test_pointer_of_wrong_types() -> None:
    doc = fixture()
    doc["evidence"][0]["type"] = "Evidence"
    doc["credentialSubject"]["result"][1]["value"] = 3
    doc["credentialSubject"]["achievement"]["creditsAvailable"] = "5"
    # the published /schema/json/ binding takes one type string; the JSON-LD binding wants an array
    assert found(doc) == [
        ("/credentialSubject/achievement/creditsAvailable", "type"),
        ("/credentialSubject/result/1/value", "type"),
    ]
    assert found(doc, STRICT) == [
        ("/credentialSubject/achievement/creditsAvailable", "type"),
        ("/credentialSubject/result/1/value", "type"),
        ("/evidence/0/type", "type"),
    ]
    messages = [e.message for e in schemas.iter_errors(STRICT, doc)]
    assert "type must be an array, not a string" in messages
    messages = [e.message for e in schemas.iter_errors("achievementcredential", doc)]
    assert "value must be a string or an object, not a number" in messages


def test_alternatives_report_the_fitting_branch() -> None:
    """issuer is a URI or a Profile: a Profile object's own errors are reported, at their place."""
    doc = fixture()
    doc["issuer"]["type"] = ["Organization"]
    doc["issuer"]["otherIdentifier"][0]["identifierType"] = "passport"
    assert found(doc) == [("/issuer/otherIdentifier/0/identifierType", "oneOf"), ("/issuer/type", "contains")]
    msgs = [e.message for e in schemas.iter_errors("achievementcredential", doc)]
    assert "type must contain 'Profile'" in msgs
    assert any("extension term" in m for m in msgs)
    doc["issuer"] = 7
    assert found(doc) == [("/issuer", "type")]  # neither a URI string nor a Profile object


def test_closed_classes_point_at_the_extra_property() -> None:
    doc = fixture()
    doc["image"]["caption/alt"] = "x"
    assert found(doc) == [("/image/caption~1alt", "additionalProperties")]


def test_formats_are_checked_offline() -> None:
    doc = fixture()
    doc["validFrom"] = "2025-07-01"
    doc["issuer"]["dateOfBirth"] = "2001-02-30"
    assert found(doc) == [("/issuer/dateOfBirth", "format"), ("/validFrom", "format")]
    assert schemas.is_date_time("2025-07-01T12:00:00.5+02:00")
    assert not schemas.is_date_time("2025-07-01T12:00:00")  # no time zone
    assert not schemas.is_date_time("2025-13-01T12:00:00Z")


def test_single_proof_object_or_array() -> None:
    doc = fixture()
    proof = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z3"}
    doc["proof"] = proof
    assert found(doc) == []
    doc["proof"] = [proof, {"cryptosuite": "eddsa-rdfc-2022"}]
    assert found(doc) == [("/proof/1", "required")]


def test_context_order() -> None:
    doc = fixture()
    doc["@context"][:2] = doc["@context"][1::-1]
    assert found(doc) == [("/@context/0", "enum"), ("/@context/1", "pattern")]


def test_vc11_variants() -> None:
    doc = fixture("vc11-credential.json")
    assert found(doc, "achievementcredential-vc11") == []
    assert ("", "required") in found(doc)  # validFrom, under the VC 2.0 schema
    del doc["issuanceDate"]
    assert found(doc, "achievementcredential-vc11") == [("", "required")]
    assert schema_name(OB3_CREDENTIAL, fixture("vc11-credential.json")) == "achievementcredential-vc11"
    assert schema_name(OB3_CREDENTIAL, fixture()) == "achievementcredential"


def test_errors_are_deterministic() -> None:
    doc = fixture()
    for key in ("issuer", "validFrom", "id"):
        del doc[key]
    doc["evidence"][0]["type"] = 1
    first = list(schemas.iter_errors("achievementcredential", doc))
    assert first == list(schemas.iter_errors("achievementcredential", copy.deepcopy(doc)))
    assert first == sorted(first, key=lambda e: (e.pointer.split("/"), e.keyword, e.message))
    assert [e.pointer for e in first] == ["", "", "", "/evidence/0/type"]


def test_validators_are_cached_and_names_checked() -> None:
    for name in schemas.NAMES:
        assert schemas.validator_for(name) is schemas.validator_for(name)
        Draft201909Validator.check_schema(schemas.schema(name))
        assert schemas.schema(name)["$schema"].startswith("https://json-schema.org/draft/2019-09/")
    with pytest.raises(KeyError):
        schemas.validator_for("clrcredential")


def test_no_network() -> None:
    from referencing.exceptions import Unresolvable

    with pytest.raises(Unresolvable):
        schemas.registry().resolver().lookup("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/x.json")


def test_schema_for_url() -> None:
    purl = "https://purl.imsglobal.org/spec/ob/v3p0/schema/"
    assert (
        schemas.schema_for_url(f"{purl}json/ob_v3p0_achievementcredential_schema.json")
        == "achievementcredential"
    )
    assert (
        schemas.schema_for_url(f"{purl}json-ld/ob_v3p0_achievementcredential_schema.json")
        == "achievementcredential"
    )
    assert (
        schemas.schema_for_url(f"{purl}json/ob_v3p0_endorsementcredential_schema.json")
        == "endorsementcredential"
    )
    assert schemas.schema_for_url(f"{purl}json/ob_v3p0_profile_schema.json") == "profile"
    assert schemas.schema_for_url("https://example.org/schemas/microcredential.json") is None


def test_generated_files_are_up_to_date() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_ob3_schemas", ROOT / "tools" / "gen_ob3_schemas.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for name, doc in gen.documents().items():
        path = ROOT / "src" / "mcconform" / "data" / "schemas" / "ob3" / f"{name}.json"
        assert path.read_text("utf-8") == gen.render(doc), f"{name}: run python tools/gen_ob3_schemas.py"
    assert set(gen.documents()) == set(schemas.NAMES)


# --------------------------------------------------------------------------- through the ob3 check


def test_cli_reports_schema_rule_with_pointer() -> None:
    path = FIXTURES / "ob3" / "invalid" / "ob3.achievement.json"  # no credentialSubject.achievement
    res = CliRunner().invoke(
        main, ["check", "--profile", "ob3", "--format", "json", "--now", "2026-01-01T00:00:00Z", str(path)]
    )
    assert res.exit_code == 1, res.output
    findings = json.loads(res.output)["documents"][0]["findings"]
    # the structural rule reports the same defect at the same place: ob3.schema is folded into it
    hits = [f for f in findings if "ob3.schema" in (f["rule"], *f.get("also", []))]
    assert [(f["pointer"], f["severity"]) for f in hits] == [("/credentialSubject", "error")]
    assert "achievement" in hits[0]["message"]


def test_jwt_pointers_are_prefixed(tmp_path: Path) -> None:
    cred = fixture("vc11-credential.json")
    del cred["credentialSubject"]["achievement"]["name"]
    header = base64.urlsafe_b64encode(b'{"alg":"ES256","typ":"JWT"}').rstrip(b"=").decode()
    payload = base64.urlsafe_b64encode(json.dumps({"vc": cred}).encode()).rstrip(b"=").decode()
    path = tmp_path / "cred.jwt"
    path.write_text(f"{header}.{payload}.c2ln", "utf-8")
    report = mcconform.check(str(path), profiles=["ob3"], now=NOW)
    doc = report.documents[0]
    hits = [("ob3.schema", f.pointer) for f in doc.findings if "ob3.schema" in (f.rule, *f.also)]
    assert hits == [("ob3.schema", "/vc/credentialSubject/achievement")]


def test_declared_schemas_are_not_applied_twice() -> None:
    doc = fixture()  # declares the official achievement credential schema (json/ binding)
    del doc["credentialSubject"]["achievement"]["name"]
    report = mcconform.check(doc, profiles=["ob3"], now=NOW)
    rules = [r for f in report.documents[0].findings for r in (f.rule, *f.also) if "schema" in r]
    assert rules == ["ob3.schema"]  # (folded into the structural rule's finding, see dedupe)


def test_repo_schemas_are_not_corpus_copies() -> None:
    if not (OB / "ob3" / "schema").exists():
        pytest.skip("reference corpus not available")
    theirs = {hashlib.sha256(p.read_bytes()).hexdigest() for p in OB.rglob("*schema*.json")}
    for name in schemas.NAMES:
        data = (ROOT / "src" / "mcconform" / "data" / "schemas" / "ob3" / f"{name}.json").read_bytes()
        assert hashlib.sha256(data).hexdigest() not in theirs


# --------------------------------------------------------------------------- the compiled validator


def test_compiled_validator_is_present_in_the_test_environment() -> None:
    """The test extra installs jsonschema_rs, so the agreement tests above exercise it."""
    pytest.importorskip("jsonschema_rs")
    assert all(schemas.compiled(n) is not None for n in schemas.NAMES)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("credentialSubject", "achievement", "name"), 7),
        (("credentialSubject", "creditsEarned"), 2**70),  # beyond 64 bits
        (("credentialSubject", "creditsEarned"), True),
        (("validFrom",), "2024-02-30T00:00:00Z"),  # no such day
        (("validFrom",), "2024-01-01T00:00:00Z\n"),  # Python's $ matches before a final newline
        (("validFrom",), "2024-01-01T00:00:00"),  # no offset
        (("credentialSubject", "achievement", "inLanguage"), "en\n"),
        (("credentialSubject", "achievement", "inLanguage"), "e\u0301n"),
        (("credentialSubject", "achievement", "criteria"), {}),
        (("credentialSubject", "achievement", "achievementType"), "ext:Badge\n"),
        (("credentialSubject", "achievement", "achievementType"), "ext:B\u0661"),
        (("@context", 1), "https://purl.imsglobal.org/spec/ob/v3p0/context-3.\u0661.3.json"),
    ],
)
def test_compiled_and_reference_agree_on_edge_values(path: tuple[Any, ...], value: Any) -> None:
    pytest.importorskip("jsonschema_rs")
    doc = fixture()
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    for name in ("achievementcredential", "achievementcredential-vc11"):
        reference = schemas.is_valid(name, doc)
        # the fast path may only skip the reference when the reference finds nothing
        if schemas.fast_valid(name, doc):
            assert reference, (name, path, value)
        assert schemas.errors(name, doc) == schemas.errors(name, doc) and (
            list(schemas.iter_errors(name, doc, fast=True)) == list(schemas.iter_errors(name, doc))
        )


def test_fast_path_findings_equal_reference_findings() -> None:
    """Valid and invalid fixtures: the same ob3 findings with and without the fast path."""
    paths = sorted((FIXTURES / "ob3").glob("*/*.json"))
    paths = [p for p in paths if not p.name.endswith(".expect.json")]
    assert len(paths) > 20
    for path in paths:
        fast = mcconform.check(str(path), profiles=["ob3"], now=NOW).to_dict()
        slow = mcconform.check(str(path), profiles=["ob3"], now=NOW, fast=False).to_dict()
        assert fast == slow, path.name
