"""Micro-credential quality elements (EU Council Recommendation 2022, Annex I) and quality profiles.

* the element extractor on the official ELM sample ``Sample-MC-Annex1`` (sealed payload), on
  every Edubadges micro-credential sample, on OB 2.0 and on odd input;
* the built-in quality profiles, and a profile written from scratch that changes verdicts
  exactly as it states;
* ``mcconform elements`` (text and JSON).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mcconform
from conftest import CORPUS, FIXTURES, corpus_path
from mcconform.cli import main
from mcconform.detect import detect
from mcconform.document import Document
from mcconform.limits import DEFAULT_LIMITS
from mcconform.profiles import builtin_names, builtin_text, load
from mcconform.quality import ELEMENTS, MANDATORY, OPTIONAL, Element, extract, extract_elements
from mcconform.quality.base import duration_hours, eqf_level
from mcconform.sources import document_from_text

ANNEX1 = ("elm", "examples", "Sample-MC-Annex1-signed.jsonld")
ANNEX1_UNSIGNED = ("elm", "examples", "Sample-MC-Annex1-unsigned.jsonld")
EDU = CORPUS / "openbadges" / "edubadges" / "_data" / "credentials"
EDU_MC = sorted(EDU.glob("*microcredential*.json")) if EDU.exists() else []
CLAIM = "/credentialSubject/hasClaim"
SPEC = CLAIM + "/specifiedBy"


def doc_of(data: Any, source: str = "<test>") -> Document:
    doc = Document(source)
    document_from_text(doc, data if isinstance(data, str) else json.dumps(data), DEFAULT_LIMITS)
    detect(doc, DEFAULT_LIMITS)
    return doc


def doc_from(path: Path) -> Document:
    return doc_of(path.read_text("utf-8"), str(path))


def found(elements: list[Element], id: str) -> list[Element]:
    return [e for e in elements if e.id == id and e.found]


def by_pointer(elements: list[Element], id: str) -> dict[str, Element]:
    return {e.pointer: e for e in found(elements, id)}


def annex1_payload() -> dict[str, Any]:
    return json.loads(json.loads(corpus_path(*ANNEX1).read_text("utf-8"))["payload"])


# --------------------------------------------------------------------------- catalogue


def test_catalogue_is_annex_i() -> None:
    assert len(MANDATORY) == 11 and len(OPTIONAL) == 5
    assert [e.id for e in ELEMENTS][:3] == ["learner", "title", "issuer-country"]
    assert len({e.id for e in ELEMENTS}) == 16


@pytest.mark.parametrize(
    ("text", "hours"),
    [("PT60H", 60), ("P2DT4H", 52), ("P1W", 168), ("PT90M", 1.5), ("PT1H30M", 1.5), ("P0D", 0)],
)
def test_duration_hours(text: str, hours: float) -> None:
    assert duration_hours(text) == (hours, None)


@pytest.mark.parametrize("text", ["P60M", "P1Y", "60 hours", "PT", "P", "", "PTH"])
def test_duration_without_hours(text: str) -> None:
    h, why = duration_hours(text)
    assert h is None and why


def test_eqf_level() -> None:
    assert eqf_level("http://data.europa.eu/snb/eqf/6") == 6
    assert eqf_level(None, "EQF level 4") == 4
    assert eqf_level("Level 9") is None
    assert eqf_level(True, 3) == 3


# --------------------------------------------------------------------------- ELM: the official sample


def test_annex1_sealed_payload_every_element_with_pointer() -> None:
    doc = doc_from(corpus_path(*ANNEX1))
    assert doc.kind == "edc-credential" and doc.meta["pointer_base"] == "/payload"
    els = extract_elements(doc)
    # pointers refer to the decoded payload; each one resolves to the value reported
    from mcconform.pointer import resolve

    for e in els:
        if e.found:
            assert resolve(doc.data, e.pointer) is not None, e

    assert by_pointer(els, "learner")["/credentialSubject/fullName"].value == "Ana Andromeda"
    assert by_pointer(els, "title")[CLAIM + "/title"].value == "Digital micro-credential creation"
    country = by_pointer(els, "issuer-country")
    assert country[CLAIM + "/awardedBy/awardingBody/location/address/countryCode"].value == "Ireland (IRL)"
    assert country[CLAIM + "/awardedBy/awardingBody/location/spatialCode"].value == "Dublin city"
    assert country["/issuer/location/1/address/countryCode"].value == "Spain (ESP)"
    assert by_pointer(els, "awarding-body")[CLAIM + "/awardedBy/awardingBody"].value == "University of Zed"
    assert by_pointer(els, "issue-date")["/issued"].value == "2023-09-27T13:54:17+02:00"
    lo = by_pointer(els, "learning-outcomes")[SPEC + "/learningOutcome"]
    assert lo.value == ["Communication, collaboration and creativity", "Developing digital content"]
    work = by_pointer(els, "workload")
    assert work[SPEC + "/volumeOfLearning"].facets["hours"] == 60
    assert work[SPEC + "/volumeOfLearning"].source == "ELM Qualification volumeOfLearning"
    assert work[SPEC + "/creditPoint"].facets["ects"] == 2
    level = by_pointer(els, "level")
    assert level[SPEC + "/eqfLevel"].facets["eqf"] == 6
    assert level[SPEC + "/nqfLevel"].value == "RQF Level 6"
    assessment = by_pointer(els, "assessment-type")[CLAIM + "/provenBy/specifiedBy/dcType"]
    assert assessment.value == "artefact assessment"
    assert by_pointer(els, "participation-form")[SPEC + "/mode"].value == "Blended"
    assert by_pointer(els, "participation-form")[SPEC + "/learningSetting"].value == "non-formal learning"
    assert by_pointer(els, "prerequisites")[SPEC + "/entryRequirement"].value.startswith(
        "The learner needs to have an EDC Online Credential Builder account"
    )
    sup = by_pointer(els, "supervision")[CLAIM + "/provenBy/idVerification"]
    assert sup.value == "Unsupervised without ID Verification"
    assert sup.facets["identity_verified"] is False
    assert by_pointer(els, "grade")[CLAIM + "/provenBy/grade"].value == "Pass"
    assert SPEC + "/isPartialQualification" in by_pointer(els, "stackability")
    assert CLAIM + "/influencedBy/description" in by_pointer(els, "further-information")

    # the official sample states no quality assurance (no accreditation anywhere)
    missing = [e for e in els if not e.found]
    assert [(e.id, e.pointer) for e in missing] == [("quality-assurance", SPEC)]
    assert extract(doc) == {e.id: e.id != "quality-assurance" for e in ELEMENTS}


def test_annex1_unsigned_same_elements() -> None:
    signed = extract_elements(doc_from(corpus_path(*ANNEX1)))
    unsigned = extract_elements(doc_from(corpus_path(*ANNEX1_UNSIGNED)))

    # sealing adds the issuer's seal details and the issuance dates (the unsigned one has validFrom)
    def core(els: list[Element]) -> set[tuple[str, str, bool]]:
        return {
            (e.id, e.pointer, e.found)
            for e in els
            if e.id != "issue-date" and not e.pointer.startswith("/issuer")
        }

    assert core(signed) == core(unsigned)
    assert [e.pointer for e in found(unsigned, "issue-date")] == ["/validFrom"]


def test_elm_accreditation_and_month_durations() -> None:
    data = annex1_payload()
    spec = data["credentialSubject"]["hasClaim"]["specifiedBy"]
    spec["accreditation"] = {
        "id": "urn:epass:accreditation:1",
        "type": "Accreditation",
        "title": {"en": "QA"},
    }
    spec["volumeOfLearning"] = "P1M"
    els = extract_elements(doc_of(data))
    qa = by_pointer(els, "quality-assurance")[SPEC + "/accreditation"]
    assert qa.value == "QA" and qa.source == "ELM Qualification accreditation"
    vol = by_pointer(els, "workload")[SPEC + "/volumeOfLearning"]
    assert "hours" not in vol.facets and "months" in vol.facets["unreadable"]


# --------------------------------------------------------------------------- Edubadges


@pytest.mark.skipif(not EDU_MC, reason="reference corpus not available")
@pytest.mark.parametrize("path", EDU_MC, ids=lambda p: p.name)
def test_edubadges_microcredentials_yield_the_passport(path: Path) -> None:
    doc = doc_from(path)
    assert doc.kind == "ob3-credential"
    els = extract_elements(doc)
    ach = json.loads(path.read_text("utf-8"))["credentialSubject"]["achievement"]
    ap = "/credentialSubject/achievement"

    work = found(els, "workload")
    assert work, "no workload"
    if "ECTS" in ach:
        assert by_pointer(els, "workload")[ap + "/ECTS"].facets["ects"] == ach["ECTS"]
    if "SBU" in ach:
        assert by_pointer(els, "workload")[ap + "/SBU"].facets["hours"] == ach["SBU"]
    assert by_pointer(els, "assessment-type")[ap + "/assessmentType"].value == ach["assessmentType"]
    assert by_pointer(els, "participation-form")[ap + "/participationType"].value == ach["participationType"]
    sup = by_pointer(els, "supervision")[ap + "/supervisionType"]
    assert sup.value == ach["supervisionType"] and sup.source == "Edubadges extension supervisionType"
    assert sup.facets["identity_verified"] is True
    level = [e for e in found(els, "level") if e.facets.get("eqf")]
    assert level and level[0].facets["eqf"] == 4 and level[0].pointer.startswith(ap + "/alignment/")
    qa = [a for a in ach["alignment"] if a["targetType"] == "ext:QualityAssurance"]
    assert bool(found(els, "quality-assurance")) == bool(qa)


# --------------------------------------------------------------------------- OB 2.0, odd input


OB2 = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": "https://example.org/assertions/1",
    "recipient": {"type": "email", "hashed": False, "identity": "learner@example.org"},
    "issuedOn": "2024-01-01T00:00:00Z",
    "verification": {"type": "hosted"},
    "badge": {
        "type": "BadgeClass",
        "id": "https://example.org/badges/1",
        "name": "Data literacy",
        "description": "Reading data.",
        "criteria": {"narrative": "Pass the exam."},
        "issuer": {"type": "Profile", "id": "https://example.org/issuer", "name": "Example College"},
        "alignment": [
            {
                "targetName": "EQF level 5",
                "targetFramework": "European Qualifications Framework",
                "targetUrl": "http://data.europa.eu/snb/eqf/5",
            },
        ],
        "tags": ["data"],
        "extensions:ECTSExtension": {"type": ["Extension", "extensions:ECTSExtension"], "ECTS": 2.5},
    },
}


def test_ob2_embedded_badgeclass() -> None:
    els = extract_elements(doc_of(OB2))
    assert by_pointer(els, "learner")["/recipient/identity"].value == "learner@example.org"
    assert by_pointer(els, "title")["/badge/name"].value == "Data literacy"
    assert by_pointer(els, "awarding-body")["/badge/issuer/name"].value == "Example College"
    assert by_pointer(els, "issue-date")["/issuedOn"].value == "2024-01-01T00:00:00Z"
    assert by_pointer(els, "level")["/badge/alignment/0"].facets["eqf"] == 5
    assert by_pointer(els, "workload")["/badge/extensions:ECTSExtension"].facets["ects"] == 2.5
    missing = {e.id: e.pointer for e in els if not e.found}
    assert missing["issuer-country"] == "/badge/issuer"
    assert missing["assessment-type"] == "/badge"


def test_ob2_badge_by_url_is_not_fetched() -> None:
    data = dict(OB2, badge="https://example.org/badges/1")
    els = extract_elements(doc_of(data))
    assert {e.id for e in els if e.found} == {"learner", "issue-date"}
    assert {e.pointer for e in els if not e.found and e.id == "title"} == {"/badge"}


ODD: list[Any] = [
    {"type": ["VerifiableCredential", "EuropeanDigitalCredential"], "credentialSubject": 7},
    {"type": ["VerifiableCredential", "EuropeanDigitalCredential"], "credentialSubject": {"hasClaim": "x"}},
    {
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": [1, None],
        "credentialSubject": [{"hasClaim": [{"specifiedBy": [None, {"creditPoint": {"point": {}}}]}]}],
    },
    {"type": ["VerifiableCredential", "OpenBadgeCredential"], "credentialSubject": {"achievement": []}},
    {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"address": "NL"},
        "credentialSubject": [{"achievement": {"alignment": [None, 3, {"targetType": 5}], "ECTS": "x"}}],
    },
    {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "badge": {"issuer": 3, "tags": 5}},
    {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "name": ["a", 1]},
    [1, 2, 3],
    "just a string",
]


@pytest.mark.parametrize("data", ODD, ids=range(len(ODD)))
def test_odd_input_never_raises(data: Any) -> None:
    doc = doc_of(data)
    result = extract(doc)
    assert all(isinstance(v, bool) for v in result.values())
    for e in extract_elements(doc):
        assert isinstance(e.pointer, str)


def test_kinds_without_elements() -> None:
    profile = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": "https://e.org/i",
        "name": "I",
    }
    assert extract(doc_of(profile)) == {}
    unreadable = Document("x")
    assert extract(unreadable) == {}


def test_audit_counts_quality_coverage() -> None:
    from mcconform.audit import quality_hook

    fn, _note = quality_hook()
    assert fn is extract


# --------------------------------------------------------------------------- profiles


def findings(report: Any) -> set[tuple[str, str, str]]:
    return {(f.rule, f.severity, f.pointer) for d in report.documents for f in d.findings}


def verdict(report: Any, profile: str) -> str:
    return report.documents[0].profiles[profile].verdict


def test_builtin_quality_profiles_load() -> None:
    for name in ("eu-mc-2022", "eu-mc-2022-full", "cmf"):
        assert name in builtin_names()
        p = load(name)
        assert p.checks == ("quality",) and p.default_for == ()
        assert "edc-credential" in p.applies_to and "ob3-credential" in p.applies_to
    assert "100" in builtin_text("cmf") and "futurelearn" in builtin_text("cmf").lower()


def test_eu_mc_2022_on_annex1() -> None:
    rep = mcconform.check(str(corpus_path(*ANNEX1)), profiles=["eu-mc-2022"])
    assert verdict(rep, "eu-mc-2022") == "fail"
    assert findings(rep) == {("quality.missing-required", "error", SPEC)}
    msg = rep.documents[0].findings[0].message
    assert "quality-assurance" in msg and "eu-mc-2022" in msg and SPEC in msg
    assert (
        rep.documents[0]
        .findings[0]
        .spec.endswith("Type of quality assurance used to underpin the micro-credential")
    )


def test_copied_builtin_profile_gives_same_verdicts(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    r = CliRunner().invoke(main, ["profiles", "show", "eu-mc-2022-full"])
    mine.write_text(r.output.replace('name = "eu-mc-2022-full"', 'name = "mine"'))
    a = mcconform.check(str(corpus_path(*ANNEX1)), profiles=["eu-mc-2022-full"])
    b = mcconform.check(str(corpus_path(*ANNEX1)), profiles=[str(mine)])
    assert verdict(a, "eu-mc-2022-full") == verdict(b, "mine") == "fail"
    assert findings(a) == findings(b)


@pytest.mark.skipif(not EDU_MC, reason="reference corpus not available")
def test_cmf_profile() -> None:
    rep = mcconform.check(str(corpus_path(*ANNEX1)), profiles=["cmf"])
    got = findings(rep)
    assert ("quality.workload-range", "error", SPEC + "/volumeOfLearning") in got  # 60 h < 100 h
    assert ("quality.workload-range", "error", SPEC + "/creditPoint") in got  # 2 ECTS < 4
    assert ("quality.identity-verification", "error", CLAIM + "/provenBy/idVerification") in got
    assert not any(r == "quality.level-range" for r, _s, _p in got)  # EQF 6 within 4-7
    assert not any(r == "quality.workload-consistency" for r, _s, _p in got)  # 60 h / 2 ECTS = 30


SCRATCH = """
name = "scratch"
title = "written in a test"
applies_to = ["ob3-credential", "edc-credential"]
checks = ["quality"]

[settings.quality]
source = "test profile"
required = {required}

[settings.quality.workload]
min_hours = 100
consistency = "ignore"
"""


def scratch(tmp_path: Path, required: list[str], extra: str = "") -> str:
    p = tmp_path / "scratch.toml"
    p.write_text(SCRATCH.format(required=json.dumps(required)) + extra)
    return str(p)


@pytest.mark.skipif(not EDU_MC, reason="reference corpus not available")
def test_scratch_profile_workload_threshold(tmp_path: Path) -> None:
    prof = scratch(tmp_path, ["workload"])
    annex = mcconform.check(str(corpus_path(*ANNEX1)), profiles=[prof])
    assert verdict(annex, "scratch") == "fail"
    assert findings(annex) == {("quality.workload-range", "error", SPEC + "/volumeOfLearning")}
    f = annex.documents[0].findings[0]
    assert "60 hours" in f.message and "100" in f.message and "scratch" in f.message
    assert f.spec == "test profile: notional workload"
    sbu = mcconform.check(str(EDU / "mbob_zw_ssb_microcredential_full.json"), profiles=[prof])
    assert verdict(sbu, "scratch") == "pass" and findings(sbu) == set()  # 240 hours (SBU)
    ects = mcconform.check(str(EDU / "theed_microcredential_full_ho.json"), profiles=[prof])
    # 3 ECTS only: 75-90 hours at 25-30 h per credit, below 100 hours
    assert findings(ects) == {("quality.workload-range", "error", "/credentialSubject/achievement/ECTS")}


@pytest.mark.skipif(not EDU_MC, reason="reference corpus not available")
def test_scratch_profile_required_element(tmp_path: Path) -> None:
    prof = scratch(tmp_path, ["quality-assurance"], "\n[settings.quality.level]\neqf_max = 5\n")
    prof_text = Path(prof).read_text().replace("min_hours = 100", "")
    Path(prof).write_text(prof_text)
    annex = mcconform.check(str(corpus_path(*ANNEX1)), profiles=[prof])
    assert findings(annex) == {
        ("quality.missing-required", "error", SPEC),
        ("quality.level-range", "error", SPEC + "/eqfLevel"),
    }
    uvh = mcconform.check(str(EDU / "uvh_at_microcredential_full_1.json"), profiles=[prof])
    assert verdict(uvh, "scratch") == "pass" and findings(uvh) == set()  # QA alignment, EQF 4
    ssb = mcconform.check(str(EDU / "mbob_zw_ssb_microcredential_full.json"), profiles=[prof])
    assert findings(ssb) == {("quality.missing-required", "error", "/credentialSubject/achievement")}


@pytest.mark.skipif(not EDU_MC, reason="reference corpus not available")
def test_scratch_profile_vocabulary_and_identity(tmp_path: Path) -> None:
    p = tmp_path / "voc.toml"
    p.write_text(
        'name = "voc"\nchecks = ["quality"]\n[settings.quality]\nrequired = []\n'
        '[settings.quality.vocabulary]\nassessment-type = ["Portfolio"]\n'
        'participation-form = ["ONLINE", "blended"]\n'
        '[settings.quality.supervision]\nrequire_identity_verification = "warning"\n'
    )
    edu = mcconform.check(str(EDU / "uvh_at_microcredential_full_1.json"), profiles=[str(p)])
    ap = "/credentialSubject/achievement"
    assert findings(edu) == {
        ("quality.vocabulary", "error", ap + "/assessmentType"),
        ("quality.vocabulary", "error", ap + "/participationType"),
    }
    annex = mcconform.check(str(corpus_path(*ANNEX1)), profiles=[str(p)])
    assert findings(annex) == {
        ("quality.vocabulary", "error", CLAIM + "/provenBy/specifiedBy/dcType"),
        ("quality.identity-verification", "warning", CLAIM + "/provenBy/idVerification"),
    }  # participation-form "Blended" is allowed


def test_workload_consistency(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text(
        'name = "c"\nchecks = ["quality"]\n[settings.quality]\nrequired = []\n'
        '[settings.quality.workload]\nconsistency = "error"\n'
    )
    data = annex1_payload()
    ok = mcconform.check(data, profiles=[str(p)])
    assert findings(ok) == set()  # 60 h for 2 ECTS: 30 h per credit
    data["credentialSubject"]["hasClaim"]["specifiedBy"]["volumeOfLearning"] = "PT100H"
    bad = mcconform.check(data, profiles=[str(p)])
    assert findings(bad) == {("quality.workload-consistency", "error", SPEC + "/volumeOfLearning")}
    assert "50 hours per credit" in bad.documents[0].findings[0].message


def test_bad_profile_settings_are_reported(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(
        'name = "bad"\nchecks = ["quality"]\n[settings.quality]\nrequired = ["workload", "nope"]\n'
        'colour = 1\n[settings.quality.workload]\nmin_hours = "ten"\n'
    )
    rep = mcconform.check(str(FIXTURES / "ob3" / "valid" / "micro-credential.json"), profiles=[str(p)])
    msgs = [f.message for f in rep.documents[0].findings if f.rule == "quality.profile-setting"]
    assert len(msgs) == 3
    assert any("'nope'" in m for m in msgs) and any("'colour'" in m for m in msgs)
    assert any("min_hours" in m for m in msgs)
    assert verdict(rep, "bad") == "fail"


def test_quality_profile_not_default() -> None:
    rep = mcconform.check(str(FIXTURES / "ob3" / "valid" / "micro-credential.json"))
    assert not any(f.rule.startswith("quality.") for f in rep.documents[0].findings)
    assert "eu-mc-2022" not in rep.documents[0].profiles


def test_fixture_eu_mc_2022_findings() -> None:
    rep = mcconform.check(str(FIXTURES / "ob3" / "valid" / "micro-credential.json"), profiles=["eu-mc-2022"])
    ap = "/credentialSubject/achievement"
    missing = {(f.rule, f.pointer) for f in rep.documents[0].findings if f.severity == "error"}
    assert missing == {("quality.missing-required", ap)}
    ids = sorted(
        re.search(r"\(([a-z-]+)\), an Annex I", f.message).group(1)  # type: ignore[union-attr]
        for f in rep.documents[0].findings
        if f.severity == "error"
    )
    assert ids == ["assessment-type", "level", "participation-form", "quality-assurance"]


# --------------------------------------------------------------------------- CLI


def test_elements_command_text_and_json(tmp_path: Path) -> None:
    fixture = str(FIXTURES / "ob3" / "valid" / "micro-credential.json")
    r = CliRunner().invoke(main, ["elements", fixture])
    assert r.exit_code == 0
    assert "workload" in r.output and "/credentialSubject/achievement/creditsAvailable" in r.output
    assert "expected at /credentialSubject/achievement" in r.output
    assert "mandatory elements: 7/11 found" in r.output
    j = CliRunner().invoke(main, ["elements", "--format", "json", fixture, str(tmp_path / "missing.json")])
    assert j.exit_code == 2
    data = json.loads(j.output)
    first, second = data["documents"]
    assert first["missing_mandatory"] == [
        "level",
        "assessment-type",
        "participation-form",
        "quality-assurance",
    ]
    wl = next(e for e in first["elements"] if e["id"] == "workload")
    assert wl["facets"]["ects"] == 3 and wl["source"].startswith("OB3 creditsAvailable")
    assert "error" in second


def test_elements_command_annex1() -> None:
    r = CliRunner().invoke(main, ["elements", "-f", "json", str(corpus_path(*ANNEX1))])
    d = json.loads(r.output)["documents"][0]
    assert d["pointer_base"] == "/payload"
    assert d["missing_mandatory"] == ["quality-assurance"] and d["missing_optional"] == []


def test_deterministic_elements_output() -> None:
    args = ["elements", "-f", "json", str(FIXTURES / "ob3" / "valid" / "micro-credential.json")]
    assert CliRunner().invoke(main, args).output == CliRunner().invoke(main, args).output


def test_copy_is_independent() -> None:
    data = annex1_payload()
    before = copy.deepcopy(data)
    extract_elements(doc_of(data))
    assert data == before
