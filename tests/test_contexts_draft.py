"""The OB 3.0 draft context URL (imsglobal.github.io) that early OB 3.0 credentials use."""

from __future__ import annotations

import json

from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import corpus_path
from mcconform.jsonld import ContextRegistry
from mcconform.sources import decode_jwt

DRAFT = "https://imsglobal.github.io/openbadges-specification/context.json"


def test_draft_context_matches_the_validator_copy() -> None:
    contexts = corpus_path("openbadges", "1edtech-validator", "contexts")
    official = json.loads((contexts / "obv3x.jsonld").read_text())
    vc1 = json.loads((contexts / "2018-credentials-v1.jsonld").read_text())
    token = corpus_path("openbadges", "1edtech-validator", "vectors", "ob30", "simple.jwt").read_text()
    _h, claims, _s = decode_jwt(token)
    cred = claims["vc"]
    assert DRAFT in cred["@context"]

    def official_loader(url: str, options: object = None) -> dict:
        docs = {DRAFT: official, "https://www.w3.org/2018/credentials/v1": vc1}
        return {"contextUrl": None, "documentUrl": url, "document": docs[url]}

    ours = jsonld.to_rdf(
        cred, {"format": "application/n-quads", "documentLoader": ContextRegistry().document_loader}
    )
    theirs = jsonld.to_rdf(cred, {"format": "application/n-quads", "documentLoader": official_loader})
    g1, g2 = Graph(), Graph()
    g1.parse(data=ours, format="nt")
    g2.parse(data=theirs, format="nt")
    assert len(ours.splitlines()) > 5 and "ob_v3p0.html#" in ours
    assert isomorphic(g1, g2)
