"""OB 3.0 <-> ELM: the Edubadges micro-credentials convert to ELM with every elm-edc-no-cv
violation explained by a loss entry and the EQF level as http://data.europa.eu/snb/eqf/{n};
the EU sample converts to OB 3.0 keeping (or naming) every Annex I element; the round trip
OB 3.0 -> ELM -> OB 3.0 keeps every Annex I element or names it in the loss report."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest

import mcconform
from conftest import CORPUS, corpus_path
from mcconform.api import Checker
from mcconform.document import Document
from mcconform.options import Options
from mcconform.portability import Conversion, convert
from mcconform.portability.target import explain
from mcconform.quality import extract
from mcconform.sources import document_from_text, iter_documents

EDU = ("openbadges", "edubadges", "_data", "credentials")
EDU_FILES = (
    sorted(p.name for p in CORPUS.joinpath(*EDU).glob("*.json")) if CORPUS.joinpath(*EDU).exists() else []
)
MICRO = [n for n in EDU_FILES if "microcredential" in n]
SAMPLES = ["Sample-MC-Annex1-unsigned.jsonld", "Sample-MC-Annex1-signed.jsonld"]


@cache
def checker() -> Checker:
    return Checker(None, Options())


def _convert_path(path: Path, target: str) -> Conversion:
    ch = checker()
    doc = next(iter(iter_documents([str(path)], ch.options.limits, ch.options)))
    return convert(doc, target, ch)


def _convert_dict(d: dict, target: str) -> Conversion:
    doc = Document(source="<memory>")
    document_from_text(doc, json.dumps(d), checker().options.limits)
    return convert(doc, target, checker())


@cache
def edu_elm(name: str) -> Conversion:
    return _convert_path(corpus_path(*EDU) / name, "elm")


def test_the_corpus_has_edubadges_micro_credentials() -> None:
    corpus_path(*EDU)
    assert len(MICRO) >= 8


@pytest.mark.parametrize("name", MICRO)
def test_edubadges_micro_credential_to_elm_every_violation_explained(name: str) -> None:
    conv = edu_elm(name)
    assert conv.document is not None and conv.source_kind == "ob3-credential"
    assert not [f.to_dict() for f in conv.findings if f.rule == "portability.unexplained"]
    # checked again, independently, with the elm-edc-no-cv profile: each violation explained
    report = mcconform.check(conv.document, ["elm-edc-no-cv"]).documents[0]
    assert report.kind == "edc-credential"
    violations = [f for f in report.findings if f.severity != "info"]
    loss = [f for f in conv.losses if f.rule.startswith("portability.")]
    for v in violations:
        assert explain(v, loss, {}) is not None, v.to_dict()
    # provenance: the EDC converted profile, the original embedded as conversion evidence
    d = conv.document
    assert d["credentialProfiles"][0]["id"] == "http://data.europa.eu/snb/credential/c_7e400154"
    ev = d["evidence"][0]
    assert ev["dcType"]["id"] == "http://data.europa.eu/snb/evidence-type/c_c4f849d7"
    src = json.loads((corpus_path(*EDU) / name).read_text("utf-8"))
    import base64

    assert json.loads(base64.b64decode(ev["embeddedEvidence"]["content"])) == src
    # never copied: @context, credentialSchema, proof
    assert d["@context"] != src["@context"] and d["credentialSchema"] != src.get("credentialSchema")
    assert "proof" not in d


@pytest.mark.parametrize("name", MICRO)
def test_eqf_level_is_the_eqf_concept(name: str) -> None:
    src = json.loads((corpus_path(*EDU) / name).read_text("utf-8"))
    codes = [
        a.get("targetCode")
        for a in src["credentialSubject"]["achievement"].get("alignment", [])
        if "eqf" in str(a.get("targetType", "")).lower()
    ]
    spec = edu_elm(name).document["credentialSubject"]["hasClaim"]["specifiedBy"]  # type: ignore[index]
    if codes:
        assert spec["eqfLevel"]["id"] == f"http://data.europa.eu/snb/eqf/{int(codes[0])}"
    else:
        assert "eqfLevel" not in spec  # never a default level


def _ob3(**achievement: object) -> dict:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2f1c7e4a-8a39-4c55-9f0c-5b2c1f3e9a01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "X",
        "issuer": {
            "id": "https://example.org/issuer",
            "type": ["Profile"],
            "name": "Example",
            "address": {"type": ["Address"], "addressCountryCode": "NL"},
        },
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:ann",
            "achievement": {
                "id": "https://example.org/a",
                "type": ["Achievement"],
                "name": "A",
                "description": "D",
                "criteria": {"narrative": "N"},
                **achievement,
            },
        },
    }


def test_formal_and_non_formal_learning_settings_are_distinct_concepts() -> None:
    formal = _convert_dict(_ob3(learningSetting="formal"), "elm").document
    non_formal = _convert_dict(_ob3(learningSetting="non-formal"), "elm").document
    f = formal["credentialSubject"]["hasClaim"]["specifiedBy"]["learningSetting"]["id"]  # type: ignore[index]
    n = non_formal["credentialSubject"]["hasClaim"]["specifiedBy"]["learningSetting"]["id"]  # type: ignore[index]
    assert f == "http://data.europa.eu/snb/learning-setting/6fd4685715"
    assert n == "http://data.europa.eu/snb/learning-setting/e207a81fc7"


def test_no_ects_guess_from_credits_or_hours() -> None:
    conv = _convert_dict(_ob3(creditsAvailable=5), "elm")
    spec = conv.document["credentialSubject"]["hasClaim"]["specifiedBy"]  # type: ignore[index]
    assert "creditPoint" not in spec
    assert any(
        f.rule == "portability.not-carried" and f.pointer.endswith("/creditsAvailable") for f in conv.losses
    )


def test_a_proof_is_dropped_and_reported() -> None:
    signed = _ob3()
    signed["proof"] = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z1"}
    conv = _convert_dict(signed, "elm")
    assert "proof" not in conv.document  # type: ignore[operator]
    assert any(f.rule == "portability.proof-dropped" and f.pointer == "/proof" for f in conv.losses)


@pytest.mark.parametrize("name", SAMPLES)
def test_eu_sample_to_ob3_keeps_or_names_every_annex_element(name: str) -> None:
    path = corpus_path("elm", "examples", name)
    conv = _convert_path(path, "ob3")
    assert conv.document is not None
    assert not [f.to_dict() for f in conv.findings if f.rule == "portability.unexplained"]
    ch = checker()
    src = next(iter(iter_documents([str(path)], ch.options.limits, ch.options)))
    mcconform.detect.detect(src, ch.options.limits)
    before = {k for k, v in extract(src).items() if v}
    out = Document(source="<out>")
    document_from_text(out, json.dumps(conv.document), ch.options.limits)
    mcconform.detect.detect(out, ch.options.limits)
    after = {k for k, v in extract(out).items() if v}
    named = {f.value: f.message for f in conv.losses if f.rule == "portability.annex-element-lost"}
    assert {"title", "level", "workload", "learning-outcomes", "issuer-country"} <= after
    for el in before - after:
        assert el in named, el
        assert "explained by portability." in named[el], named[el]
    assert not set(named) & after


@pytest.mark.parametrize("name", EDU_FILES)
def test_round_trip_ob3_elm_ob3_keeps_or_names_annex_elements(name: str) -> None:
    leg1 = edu_elm(name)
    assert leg1.document is not None
    leg2 = _convert_dict(copy.deepcopy(leg1.document), "ob3")
    assert leg2.document is not None
    assert not [f.to_dict() for f in leg2.findings if f.rule == "portability.unexplained"]
    ch = checker()
    src = next(iter(iter_documents([str(corpus_path(*EDU) / name)], ch.options.limits, ch.options)))
    mcconform.detect.detect(src, ch.options.limits)
    out = Document(source="<out>")
    document_from_text(out, json.dumps(leg2.document), ch.options.limits)
    mcconform.detect.detect(out, ch.options.limits)
    before = {k for k, v in extract(src).items() if v}
    after = {k for k, v in extract(out).items() if v}
    named = {f.value for c in (leg1, leg2) for f in c.losses if f.rule == "portability.annex-element-lost"}
    assert before - after <= named, (before - after) - named
