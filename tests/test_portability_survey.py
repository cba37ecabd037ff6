"""``mcconform portability``: per document, each variant (as is, converted) against each
receiver profile, and what each conversion would lose."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import corpus_path
from mcconform.cli import main
from test_ob2_expected import SUITE

STATUSES = {"accepted", "refused", "not verifiable offline"}
RECEIVERS = {"europass-wallet", "dcc-lcw", "1edtech-displayer", "ebsi-vcdm2", "canvas-credentials"}


def _run(*args: str) -> tuple[int, dict]:
    r = CliRunner().invoke(main, ["portability", "-f", "json", *args])
    return r.exit_code, json.loads(r.output) if r.output.strip().startswith("{") else {}


def test_ob2_assertion_as_is_and_as_ob3() -> None:
    vec = corpus_path(*SUITE, "vectors", "ob20")
    code, data = _run(
        "--resource-map", f"https://example.org/={vec / 'assets'}", str(vec / "basic-assertion.json")
    )
    assert code == 0
    (doc,) = data["documents"]
    variants = {v["variant"]: v for v in doc["variants"]}
    assert set(variants) == {"as is", "ob3"}
    for v in variants.values():
        assert set(v["receivers"]) == RECEIVERS
        assert {r["status"] for r in v["receivers"].values()} <= STATUSES
    assert variants["as is"]["receivers"]["canvas-credentials"]["status"] == "accepted"
    assert variants["as is"]["receivers"]["europass-wallet"]["status"] == "refused"
    ob3 = variants["ob3"]
    assert ob3["kind"] == "ob3-credential" and ob3["target_profiles"] == {"ob3": "pass", "vc": "pass"}
    assert any(x["rule"] == "portability.verification-lost" for x in ob3["lost"])
    # the unsigned OB 3.0 result: the DCC wallet needs a proof
    dcc = ob3["receivers"]["dcc-lcw"]
    assert dcc["status"] == "refused" and any("no proof" in r for r in dcc["reasons"])


def test_sealed_eu_sample_and_determinism() -> None:
    path = str(corpus_path("elm", "examples", "Sample-MC-Annex1-signed.jsonld"))
    code, data = _run(path)
    assert code == 0
    (doc,) = data["documents"]
    as_is = doc["variants"][0]
    assert as_is["receivers"]["europass-wallet"]["status"] == "not verifiable offline"
    ob3 = next(v for v in doc["variants"] if v["variant"] == "ob3")
    assert any(x["rule"] == "portability.proof-dropped" for x in ob3["lost"])
    assert any(x["rule"] == "portability.annex-element-lost" for x in ob3["lost"])
    assert _run(path)[1] == data


def test_unreadable_input_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = CliRunner().invoke(main, ["portability", str(bad)])
    assert r.exit_code == 2
