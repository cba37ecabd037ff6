"""Edubadges (SURF, NL) OB 3.0 micro-credential samples under the ob3 profile.

The samples use an extension context, published at ``EXT_URL`` and kept in the corpus under
``openbadges/edubadges/contexts/``.  Offline and without it, each sample reports that context
as unknown.  With it, each sample fails only for the genuine spec violations in ``REASONS``;
with those two repaired at test time (the context's typo fixed in a temporary copy,
``extensions.json`` added to the samples' ``@context`` in memory), every sample passes.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import mcconform
from conftest import CORPUS, corpus_path

NOW = datetime(2026, 1, 1, tzinfo=UTC)
EXT_URL = "https://raw.githubusercontent.com/educredentials/obv3-examples/refs/heads/main/contexts/educredential.json"
OB3_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"

#: every error the samples get with their context supplied, and why it is a genuine violation
REASONS = {
    "jsonld.invalid": (
        "the published extension context is not valid JSON-LD 1.1: its term 'supervisionType' has a "
        "key 'context' (meant: '@context'); a term definition may only contain @id, @reverse, "
        "@container, @context, @direction, @index, @language, @nest, @prefix, @protected and @type "
        "(JSON-LD 1.1 API, Create Term Definition: invalid term definition)"
    ),
    "ob3.undefined-type": (
        "credentialSchema entries have type '1EdTechJsonSchemaValidator2019', a term defined only by "
        f"{OB3_EXTENSIONS}, which the samples do not list in @context (the OB 3.0 specification's "
        "examples do); under VC 2.0 the type falls back to the issuer-dependent vocabulary"
    ),
}
#: warnings every sample gets
WARNINGS = {"ob3.credential-name": "the credentials have no name (recommended for display in wallets)"}


def samples() -> list[Path]:
    folder = CORPUS / "openbadges" / "edubadges" / "_data" / "credentials"
    return sorted(folder.glob("*.json")) if folder.exists() else []


SAMPLES = samples()
IDS = [p.name for p in SAMPLES]


def context_file() -> Path:
    return corpus_path("openbadges", "edubadges", "contexts", "educredential.json")


def check(data: Any, contexts: dict[str, str] | None = None) -> mcconform.report.DocumentReport:
    report = mcconform.check(data, profiles=["ob3"], now=NOW, contexts=contexts or {})
    return report.documents[0]


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_samples_present() -> None:
    corpus_path("openbadges", "edubadges", "_data", "credentials")
    assert len(SAMPLES) >= 30


def test_samples_use_the_extension_context() -> None:
    for path in SAMPLES:
        assert load(path)["@context"][2] == EXT_URL, path.name


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_without_context_the_extension_context_is_unknown(path: Path) -> None:
    doc = check(str(path))
    assert doc.kind == "ob3-credential"
    unknown = [f for f in doc.findings if f.rule == "jsonld.context.not-checked"]
    # not wrong, not checked: the verdict is "not verified" (cantTell), never a pass
    assert [(f.pointer, f.severity, f.value) for f in unknown] == [("/@context/2", "warning", EXT_URL)]
    assert doc.profiles["ob3"].verdict == "cantTell"
    assert doc.verdict == "cantTell"


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_with_context_only_genuine_violations(path: Path) -> None:
    doc = check(str(path), {EXT_URL: str(context_file())})
    errors = {f.rule for f in doc.findings if f.severity == "error"}
    assert errors == set(REASONS), sorted((f.rule, f.pointer) for f in doc.findings if f.severity == "error")
    invalid = [f for f in doc.findings if f.rule == "jsonld.invalid"]
    assert len(invalid) == 1 and invalid[0].pointer == "/@context"
    assert "must not contain context" in invalid[0].message
    data = load(path)
    undefined = {f.pointer for f in doc.findings if f.rule == "ob3.undefined-type"}
    assert undefined == {f"/credentialSchema/{i}/type" for i in range(len(data["credentialSchema"]))}
    warnings = {f.rule for f in doc.findings if f.severity == "warning"}
    assert warnings <= set(WARNINGS)


@pytest.fixture(scope="module")
def repaired_context(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The extension context with its typo ("context" -> "@context") repaired, in a temp file."""
    text = context_file().read_text("utf-8")
    assert text.count('"context":') == 1
    path = tmp_path_factory.mktemp("edubadges") / "educredential-repaired.json"
    path.write_text(text.replace('"context":', '"@context":'), "utf-8")
    return str(path)


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_repaired_samples_pass(path: Path, repaired_context: str) -> None:
    data = copy.deepcopy(load(path))
    contexts = {EXT_URL: repaired_context}
    # only the context repaired: the undefined credentialSchema type remains
    doc = check(data, contexts)
    assert {f.rule for f in doc.findings if f.severity == "error"} == {"ob3.undefined-type"}
    # and with extensions.json in @context, as the OB 3.0 examples have it: no error at all
    data["@context"].insert(2, OB3_EXTENSIONS)
    doc = check(data, contexts)
    errors = [(f.rule, f.pointer, f.message) for f in doc.findings if f.severity == "error"]
    assert errors == []
    assert doc.profiles["ob3"].verdict == "pass"
    # the node types of these rich samples (alignment, resultDescription, result, address,
    # otherIdentifier...) were checked: breaking one is reported
    data["issuer"]["type"] = ["Address"]
    doc = check(data, contexts)
    assert ("shacl.class", "/issuer") in {(f.rule, f.pointer) for f in doc.findings}
