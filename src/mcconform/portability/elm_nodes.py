"""Builders of European Learning Model nodes (Note, Concept, MediaObject...) and the
vocabulary table (``mappings/vocabularies.toml``) the OB 3.0 <-> ELM directions share."""

from __future__ import annotations

import base64
import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any

EDC_CONTEXT = ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"]
EDC_TYPE = ["VerifiableCredential", "EuropeanDigitalCredential"]
NO_CV_SCHEMA = "http://data.europa.eu/snb/model/ap/edc-generic-no-cv"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"


@cache
def vocab() -> dict[str, Any]:
    path = resources.files("mcconform.portability").joinpath("mappings", "vocabularies.toml")
    return tomllib.loads(path.read_text("utf-8"))


class Nodes:
    """Deterministic local node ids (``urn:epass:note:1``...) for one converted credential."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.counts: dict[str, int] = {}

    def id(self, kind: str) -> str:
        n = self.counts[kind] = self.counts.get(kind, 0) + 1
        return f"urn:epass:{kind}:{n}"

    def text(self, value: str) -> dict[str, str]:
        return {self.lang: value}

    def note(self, value: str) -> dict[str, Any]:
        return {"id": self.id("note"), "type": "Note", "noteLiteral": self.text(value)}

    def concept(self, iri: str, label: str, scheme: str | None = None) -> dict[str, Any]:
        # the labels are mcconform's (English) names of the concepts, not the source's text
        c: dict[str, Any] = {"id": iri, "type": "Concept", "prefLabel": {"en": label}}
        if scheme:
            c["inScheme"] = {"id": scheme, "type": "ConceptScheme"}
        return c

    def web(self, url: str) -> dict[str, Any]:
        return {"id": self.id("webResource"), "type": "WebResource", "contentURL": url}

    def media(self, content: bytes, file_type: str) -> dict[str, Any]:
        v = vocab()["concepts"]
        return {
            "id": self.id("mediaObject"),
            "type": "MediaObject",
            "content": base64.b64encode(content).decode("ascii"),
            "contentEncoding": self.concept(v["base64"], "base64"),
            "contentType": self.concept(v["file_type"] + file_type, file_type, v["file_type"].rstrip("/")),
        }

    def country(self, alpha2: str) -> dict[str, Any] | None:
        code = vocab()["country"].get(alpha2.upper())
        if code is None:
            return None
        return self.concept(COUNTRY + code, alpha2.upper(), COUNTRY.rstrip("/"))

    def language(self, tag: str) -> dict[str, Any] | None:
        code = vocab()["language"].get(tag.split("-")[0].lower())
        if code is None:
            return None
        return self.concept(LANGUAGE + code, tag, LANGUAGE.rstrip("/"))

    def eqf(self, level: int) -> dict[str, Any]:
        return self.concept(f"{vocab()['eqf']['base']}{level}", f"Level {level}")


def data_uri(value: str) -> tuple[bytes, str] | None:
    """(bytes, file type) of a ``data:image/png;base64,...`` URI, else ``None``."""
    if not value.startswith("data:") or "," not in value:
        return None
    head, payload = value[5:].split(",", 1)
    if not head.endswith(";base64"):
        return None
    media = head[: -len(";base64")].lower()
    kind = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}.get(media)
    if kind is None:
        return None
    try:
        return base64.b64decode(payload, validate=True), kind
    except ValueError:
        return None


def embedded_original(nodes: Nodes, original: Any, name: str) -> dict[str, Any]:
    """The EDC converted-credential profile's provenance: the original embedded as evidence
    (dcType conversion), its bytes a JSON MediaObject."""
    v = vocab()["concepts"]
    raw = json.dumps(original, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return {
        "id": nodes.id("evidence"),
        "type": "Evidence",
        "dcType": nodes.concept(v["conversion_evidence"], "conversion"),
        "description": nodes.text(f"The {name} this credential was converted from, embedded unchanged."),
        "embeddedEvidence": nodes.media(raw, "JSON"),
    }
