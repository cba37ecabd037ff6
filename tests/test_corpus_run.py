"""Acceptance: checking the whole reference corpus gives every file a kind, no traceback,
and a JSON report that validates against the shipped schema."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from conftest import corpus_path
from mcconform.cli import main


def test_whole_corpus_json_report() -> None:
    corpus = corpus_path()
    res = CliRunner().invoke(main, ["check", "--format", "json", str(corpus)])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code in (0, 1, 2)
    data = json.loads(res.output)
    schema = json.loads(CliRunner().invoke(main, ["schema", "report"]).output)
    jsonschema.validate(data, schema)
    docs = {d["source"][len(str(corpus)) + 1 :]: d for d in data["documents"]}
    assert len(docs) > 300
    assert all(d["kind"] for d in docs.values())
    expected = {
        "openbadges/1edtech-validator/vectors/ob30/simple.json": "ob3-credential",
        "openbadges/1edtech-validator/vectors/ob30/simple.jwt": "ob3-credential",
        "openbadges/1edtech-validator/vectors/ob30/simple-json.png": "ob3-credential",
        "openbadges/1edtech-validator/vectors/ob30/simple-jwt.svg": "ob3-credential",
        "openbadges/1edtech-validator/vectors/ob30/endorsement-valid.json": "ob3-endorsement",
        "openbadges/1edtech-validator/vectors/ob20/basic-assertion.json": "ob2-assertion",
        "openbadges/1edtech-validator/vectors/ob20/assets/badgeclass1.json": "ob2-badgeclass",
        "openbadges/1edtech-validator/vectors/ob20/assets/issuer1.json": "ob2-issuer",
        "elm/examples/Sample-MC-Annex1-signed.jsonld": "edc-credential",
        "elm/examples/Sample-MC-Annex1-unsigned.jsonld": "edc-credential",
    }
    for path, kind in expected.items():
        assert docs[path]["kind"] == kind, path
    assert docs["elm/examples/Sample-MC-Annex1-signed.jsonld"]["meta"]["envelope"] == "sealed-edc"
