"""VCDM 1.1 -> 2.0 and a set of OB 3.0 credentials -> one CLR 2.0; and the invariant over the
corpus: every violation a converted document still has is explained by the loss report."""

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
from mcconform.portability import convert, convert_all
from mcconform.sources import document_from_text, iter_documents
from test_ob2_expected import SUITE, suite_options
from test_receivers import OB3

OB30 = CORPUS.joinpath(*SUITE, "vectors", "ob30")
V1 = ["complete_v1.json", "simple_v1.json"]


@cache
def checker() -> Checker:
    return Checker(None, Options(now=suite_options().now if OB30.exists() else None))  # type: ignore[arg-type]


def _doc(d: dict) -> Document:
    doc = Document(source="<memory>")
    document_from_text(doc, json.dumps(d), checker().options.limits)
    return doc


@pytest.mark.parametrize("name", V1)
def test_vcdm11_credential_to_vcdm2(name: str) -> None:
    path = corpus_path(*SUITE, "vectors", "ob30", name)
    src = json.loads(path.read_text("utf-8"))
    ch = checker()
    conv = convert(next(iter(iter_documents([str(path)], ch.options.limits, ch.options))), "vc2", ch)
    d = conv.document
    assert d is not None
    assert d["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "https://www.w3.org/2018/credentials/v1" not in d["@context"]
    assert d["validFrom"] == src["issuanceDate"] and "issuanceDate" not in d
    assert d["id"] == src["id"] and "proof" not in d
    assert any(f.rule == "portability.proof-dropped" for f in conv.losses)
    assert not [f.to_dict() for f in conv.findings if f.rule == "portability.unexplained"]
    if name == "simple_v1.json":
        assert conv.verdicts == {"ob3": "pass", "vc": "pass"}


def test_vcdm2_credential_is_not_converted_again() -> None:
    conv = convert(_doc(copy.deepcopy(OB3)), "vc2", checker())
    assert conv.document is None and [f.rule for f in conv.losses] == ["portability.unsupported"]


def _cred(n: int, related: str | None = None, issuer: str = "did:example:issuer") -> dict:
    c = copy.deepcopy(OB3)
    c["id"] = f"urn:uuid:00000000-0000-4000-8000-00000000000{n}"
    c["issuer"]["id"] = issuer
    ach = c["credentialSubject"]["achievement"]
    ach["id"] = f"https://example.org/achievements/{n}"
    ach["name"] = f"Module {n}"
    if related:
        ach["related"] = [{"id": related, "type": ["Related"]}]
    return c


def test_clr_of_a_set_with_associations() -> None:
    a, b = _cred(1, related="https://example.org/achievements/2"), _cred(2)
    (conv,) = convert_all([_doc(a), _doc(b)], "clr", checker())
    d = conv.document
    assert d is not None and d["type"] == ["VerifiableCredential", "ClrCredential"]
    subj = d["credentialSubject"]
    assert subj["verifiableCredential"] == [a, b]  # embedded unchanged
    assert [x["id"] for x in subj["achievement"]] == [
        "https://example.org/achievements/1",
        "https://example.org/achievements/2",
    ]
    assert subj["association"] == [
        {
            "type": "Association",
            "associationType": "isRelatedTo",
            "sourceId": "https://example.org/achievements/1",
            "targetId": "https://example.org/achievements/2",
        }
    ]
    assert d["issuer"] == a["issuer"] and subj["id"] == a["credentialSubject"]["id"]
    assert not [f.to_dict() for f in conv.findings if f.rule == "portability.unexplained"]
    again = mcconform.check(d).documents[0]
    assert again.kind == "clr-credential"
    # same input, same bytes
    (conv2,) = convert_all([_doc(a), _doc(b)], "clr", checker())
    assert json.dumps(conv2.document) == json.dumps(d)


def test_clr_never_invents_an_issuer() -> None:
    (conv,) = convert_all([_doc(_cred(1)), _doc(_cred(2, issuer="did:example:other"))], "clr", checker())
    assert conv.document is not None and "issuer" not in conv.document
    assert any(f.rule == "portability.target-requires" and f.pointer == "/issuer" for f in conv.losses)


def _corpus_runs() -> list[tuple[str, list[str], Options]]:
    runs: list[tuple[str, list[str], Options]] = []
    if OB30.exists():
        runs.append(
            ("vc2", [str(OB30 / n) for n in sorted(p.name for p in OB30.glob("*.json"))], checker().options)
        )
        v2 = [str(OB30 / n) for n in ("simple.json", "complete.json", "simple-eddsa-2022.json")]
        runs.append(("clr", v2, checker().options))
        ob20 = CORPUS.joinpath(*SUITE, "vectors", "ob20")
        runs.append(("ob3", [str(p) for p in sorted(ob20.glob("*.json"))], suite_options()))
    edu = CORPUS.joinpath("openbadges", "edubadges", "_data", "credentials")
    if edu.exists():
        runs.append(("elm", [str(p) for p in sorted(edu.glob("*.json"))], Options()))
    elm = CORPUS.joinpath("elm", "examples")
    if elm.exists():
        runs.append(("ob3", [str(p) for p in sorted(elm.glob("*.json*"))], Options()))
    return runs


def test_every_target_violation_is_explained_over_the_corpus() -> None:
    runs = _corpus_runs()
    if not runs:
        corpus_path("openbadges")  # skips
    produced = 0
    for target, paths, opts in runs:
        ch = Checker(None, opts)
        for conv in convert_all(iter_documents(paths, opts.limits, opts), target, ch):
            if conv.document is None:
                continue
            produced += 1
            bad = [f.message for f in conv.checked if f.rule == "portability.unexplained"]
            assert not bad, (conv.source, target, bad)
            assert "proof" not in conv.document or target == "clr"
    assert produced >= 40


def _corpus_clr() -> tuple:
    paths = [str(corpus_path(*SUITE, "vectors", "ob30", n)) for n in ("simple.json", "complete.json")]
    ch = checker()
    (conv,) = convert_all(iter_documents(paths, ch.options.limits, ch.options), "clr", ch)
    assert conv.document is not None
    return conv, paths


def test_clr_carries_the_context_its_achievements_need() -> None:
    """complete.json's achievement (listed in the CLR's ``achievement``) has endorsements whose
    credentialSchema / credentialStatus types only the OB 3.0 extensions context defines: the
    CLR's @context carries it, so the vc layer finds every type mapped to a URL."""
    conv, _paths = _corpus_clr()
    assert conv.document["@context"][:3] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json" in conv.document["@context"]
    assert not [f.message for f in conv.checked if f.value == "vc.type-iri"]


def test_clr_embedded_credentials_are_checked_as_documents_in_the_target_check() -> None:
    """The credentials inside the converted CLR are documents of their own (nested): their
    violations are examined by the target check too; complete.json's expired endorsements are
    its own state, inherited, not caused by the conversion."""
    conv, _paths = _corpus_clr()
    inner = [f for f in conv.checked if f.pointer.startswith("/credentialSubject/verifiableCredential/")]
    expired = [f for f in inner if f.value == "ob3.expired"]
    assert expired and all("inherited from the source" in f.message for f in expired)
    assert not [f.message for f in conv.checked if f.rule == "portability.unexplained"]


def test_convert_exits_3_when_the_result_is_not_verified(tmp_path: Path) -> None:
    """Exit-code contract: nothing failed but the result is not verified (cantTell: a context
    mcconform does not bundle, as in the source) -> 3, unless --accept-unverified -> 0."""
    from click.testing import CliRunner

    from mcconform.cli import main

    src = json.loads(corpus_path(*SUITE, "vectors", "ob30", "simple_v1.json").read_text("utf-8"))
    src["@context"] = [*src["@context"][:2], "https://example.org/unknown-context.json"]
    src.pop("proof")
    path = tmp_path / "unverified.json"
    path.write_text(json.dumps(src), encoding="utf-8")
    args = ["convert", "--to", "vc2", "-o", str(tmp_path / "out.json"), "-f", "json"]
    r = CliRunner().invoke(main, [*args, str(path)])
    assert r.exit_code == 3, r.output
    (doc,) = json.loads(r.output[r.output.index("{") :])["documents"]
    assert {p["verdict"] for p in doc["profiles"].values()} == {"cantTell"}
    assert CliRunner().invoke(main, [*args, "--accept-unverified", str(path)]).exit_code == 0


def test_a_folded_finding_is_explained_by_any_of_its_rules() -> None:
    """One defect, one finding (dedupe): the rules folded into a finding's ``also`` are the same
    defect, so a table row (``[[explains]]`` / ``[[inherits]]``) naming one of them applies."""
    from dataclasses import replace

    from mcconform.portability import losses
    from mcconform.portability.target import _inherited, explain
    from mcconform.report import Finding

    loss = losses.NOT_CARRIED.finding("the issuer was not carried", "/issuer")
    v = Finding("ob3.issuer", "error", "the credential has no issuer", "", "OB 3.0")
    rows = {"vc.issuer": frozenset({"portability.not-carried"})}
    assert explain(v, [loss], rows) is None
    assert explain(replace(v, also=("vc.issuer",)), [loss], rows) is loss
    src = Finding("ob2.expires-before-issued", "error", "expires before issuedOn", "/expires", "OB 2.0")
    t = Finding("ob3.validity-period", "error", "validUntil before validFrom", "/validUntil", "VCDM")
    inh = {"vc.validity-period": (frozenset({"ob2.expires-before-issued"}), "cite")}
    renames = [("/expires", "/validUntil")]
    assert _inherited(t, [src], renames, inh) is None
    assert _inherited(replace(t, also=("vc.validity-period",)), [src], renames, inh) is src


def test_an_unknown_context_carried_at_another_index_is_inherited() -> None:
    """simple_v1.json with a context mcconform does not bundle: VCDM 1.1 -> 2.0 drops the
    Ed25519 suite context, so the unknown one moves from /@context/3 to /@context/2; its
    jsonld.context.not-checked is the source's own (same context URL), not unexplained."""
    src = json.loads(corpus_path(*SUITE, "vectors", "ob30", "simple_v1.json").read_text("utf-8"))
    src["@context"] = [*src["@context"], "https://example.org/unknown-context.json"]
    conv = convert(_doc(src), "vc2", checker())
    assert conv.document is not None
    assert conv.document["@context"].index("https://example.org/unknown-context.json") == 2
    (f,) = [f for f in conv.checked if f.value == "jsonld.context.not-checked"]
    assert f.rule == "portability.target-violation" and "inherited from the source" in f.message
    assert set(conv.verdicts.values()) == {"cantTell"}
