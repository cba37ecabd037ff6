"""Write fixtures/forms/ (run from the repository root: python tools/gen_form_fixtures.py).

The expanded, flattened and @graph forms of ../ob3/valid/micro-credential.json (pyld with the
bundled contexts), and two small documents that call themselves European Digital Credentials.
"""

import json
from pathlib import Path

from pyld import jsonld

from mcconform.api import Checker

ROOT = Path("fixtures/forms")
CRED = json.loads(Path("fixtures/ob3/valid/micro-credential.json").read_text())
OPTS = {"documentLoader": Checker().registry.document_loader}
V2 = "https://www.w3.org/ns/credentials/v2"
EDC = "http://data.europa.eu/snb/model/context/edc-ap"


def dump(name: str, value: object) -> None:
    (ROOT / name).write_text(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


def expect(name: str, **kw: object) -> None:
    dump(name, kw)


dump("expanded.json", jsonld.expand(CRED, OPTS))
expect(
    "expanded.expect.json",
    rule="detect.jsonld-form",
    pointer="",
    why="expanded JSON-LD: no @context, full IRIs",
)
dump("flattened.json", jsonld.flatten(CRED, None, OPTS))
expect(
    "flattened.expect.json", rule="detect.jsonld-form", pointer="", why="flattened JSON-LD: a list of nodes"
)
dump("graph.json", jsonld.flatten(CRED, CRED["@context"], OPTS))
expect(
    "graph.expect.json", rule="detect.jsonld-form", pointer="", why="the nodes sit in @graph, not at the top"
)
not_elm = {
    "@context": [V2],
    "id": "urn:uuid:4b1f0f3e-8d52-4d36-9d0a-6d1b7e6f0a01",
    "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
    "issuer": "https://issuer.uni-example.eu/",
    "validFrom": "2025-09-01T09:00:00Z",
    "credentialSubject": {"id": "did:example:learner-4711", "type": "Person"},
}
dump("edc-not-elm.json", not_elm)
expect(
    "edc-not-elm.expect.json",
    rule="edc.not-elm",
    pointer="",
    why="typed EuropeanDigitalCredential without the EDC context: no ELM term, the shapes target nothing",
)
dump(
    "edc-upload-not-elm.json",
    {"credential": not_elm, "deliveryDetails": {"deliveryAddress": ["ann@example.org"]}},
)
expect(
    "edc-upload-not-elm.expect.json",
    rule="edc.not-elm",
    pointer="/credential",
    why="the EDC upload wrapper is opened: the credential in /credential is checked (and is not ELM)",
)
expired = {**not_elm, "@context": [V2, EDC], "validUntil": "2025-12-01T00:00:00Z"}
dump("edc-expired.json", expired)
expect(
    "edc-expired.expect.json",
    rule="edc.expired",
    pointer="/validUntil",
    why="validUntil 2025-12-01 is before --now 2026-01-01 (other EDC shape errors are expected too)",
)
