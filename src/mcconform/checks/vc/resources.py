"""The objects a credential refers to: credentialStatus, credentialSchema, evidence,
termsOfUse, refreshService, relatedResource, and the proof's type.

Each is one object or a list of objects, and each object names its ``type``; some also need
an ``id`` that is a URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...parse import json_type
from ...pointer import join
from ...report import Finding
from ...rules import Rule, rule
from .common import as_list, is_url, show_or_type, vcdm1, vcdm2

STATUS = rule(
    "vc.status",
    "error",
    "Every credentialStatus object must have a type; an id, if present, is a single URL.",
    vcdm2("4.10", "Status", "status"),
    """
    "If present, the value of the credentialStatus property MUST include the type
    property"; "the id property ... if present, MUST be a single URL".  (VCDM 1.1 §4.9
    requires both id and type.)
    PASS: ``{"type": "BitstringStatusListEntry", ...}``,
    ``{"id": "https://example.org/status/1#3", "type": "..."}``
    FAIL: ``{"id": "did:example:status"}`` (no type); ``{"type": 2}``;
    ``{"id": ["a:1", "a:2"], "type": "X"}``.
    """,
)
SCHEMA = rule(
    "vc.schema",
    "error",
    "Every credentialSchema object must have a type and an id that is a URL.",
    vcdm2("4.11", "Data Schemas", "data-schemas"),
    """
    "Each credentialSchema MUST specify its type ... and an id property that MUST be a URL
    identifying the schema file."
    PASS: ``{"id": "https://example.org/schema.json", "type": "JsonSchema"}``
    FAIL: ``{"type": "JsonSchema"}`` (no id); ``{"id": "did:example:schema/1"}`` (no type); an id ``"https ://x"``.
    """,
)
EVIDENCE = rule(
    "vc.evidence",
    "error",
    "Every evidence object must have a type.",
    vcdm2("5.6", "Evidence", "evidence"),
    """
    "If present, the value of the evidence property MUST be either a single object or a set of
    one or more objects"; "each ... MUST include a type property"; an id, if present, is a URL.
    PASS: ``"evidence": {"type": "DocumentVerification2018"}``
    FAIL: ``"evidence": {}``; ``"evidence": "a photo"``.
    """,
)
TERMS = rule(
    "vc.terms-of-use",
    "error",
    "Every termsOfUse object must have a type.",
    vcdm2("5.5", "Terms of Use", "terms-of-use"),
    """
    "Each termsOfUse value MUST specify its type ... and MAY specify its instance id"; an id,
    if present, is a URL.
    PASS: ``"termsOfUse": {"type": "OdrlPolicy2017", "id": "did:example:terms/1"}``
    FAIL: ``"termsOfUse": {}``; ``"termsOfUse": {"id": "did:example:terms/1"}``.
    """,
)
REFRESH = rule(
    "vc.refresh-service",
    "error",
    "Every refreshService object must have a type.",
    vcdm2("5.4", "Refreshing", "refreshing"),
    """
    "Each refreshService value MUST specify its type" (VCDM 1.1 §5.5: its id and type).
    PASS: ``{"type": "VerifiableCredentialRefreshService2021", "url": "https://example.edu/refresh"}``
    FAIL: ``"refreshService": {"id": "did:example:refresh/1"}``.
    """,
)
RELATED = rule(
    "vc.related-resource",
    "error",
    "Every relatedResource object must have an id (a URL) and a digest.",
    vcdm2("5.3", "Integrity of Related Resources", "integrity-of-related-resources"),
    """
    "The object MUST contain at least an id property and one or more of digestSRI or
    digestMultibase"; the id is the URL of the resource.
    PASS: ``{"id": "https://www.w3.org/ns/credentials/v2", "digestSRI": "sha384-..."}``
    FAIL: ``{"id": "https://example.org/x"}`` (no digest); ``{"digestSRI": "sha384-..."}`` (no id).
    """,
)
PROOF = rule(
    "vc.proof",
    "error",
    "Every embedded proof must be an object with a type.",
    "VCDM 2.0 §4.12 Securing Mechanisms (https://www.w3.org/TR/vc-data-model-2.0/#securing-mechanisms); "
    "VC Data Integrity 1.0 §2.1 Proofs (https://www.w3.org/TR/vc-data-integrity/#proofs)",
    """
    An embedded proof "MUST" have a type ("The specific type of proof MUST be specified as a
    string that maps to a URL", VC Data Integrity 1.0 §2.1).  Whether the proof verifies is the
    trust profile's business.
    PASS: ``"proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", ...}``
    FAIL: ``"proof": {"created": "...", "proofValue": "z..."}`` (no type).
    """,
)


@dataclass(frozen=True)
class Kind:
    prop: str
    rule: Rule
    id_required: bool
    spec1: str | None
    id_required_1: bool


KINDS = (
    Kind("credentialStatus", STATUS, False, vcdm1("4.9", "Status", "status"), True),
    Kind("credentialSchema", SCHEMA, True, vcdm1("5.4", "Data Schemas", "data-schemas"), True),
    Kind("evidence", EVIDENCE, False, vcdm1("5.7", "Evidence", "evidence"), False),
    Kind("termsOfUse", TERMS, False, vcdm1("5.6", "Terms of Use", "terms-of-use"), False),
    Kind("refreshService", REFRESH, False, vcdm1("5.5", "Refreshing", "refreshing"), True),
)


def _type_findings(r: Rule, obj: dict[str, Any], p: str, what: str, spec: str | None) -> Iterator[Finding]:
    if "type" not in obj:
        yield r.finding(f"{what} has no type", p, spec=spec)
        return
    raw = obj["type"]
    values = as_list(raw)
    if not values:
        yield r.finding(f"the type of {what} is empty", join(p, "type"), spec=spec)
    for i, t in enumerate(values):
        if not isinstance(t, str):
            tp = join(p, "type", i) if isinstance(raw, list) else join(p, "type")
            yield r.finding(
                f"the type of {what} must be a term or URL string, not a JSON {json_type(t)}", tp, spec=spec
            )


def _id_findings(
    r: Rule, obj: dict[str, Any], p: str, what: str, required: bool, spec: str | None
) -> Iterator[Finding]:
    if "id" not in obj:
        if required:
            yield r.finding(f"{what} has no id (a URL is required)", p, spec=spec)
        return
    value = obj["id"]
    if isinstance(value, list):
        yield r.finding(f"the id of {what} must be a single URL, not a list", join(p, "id"), spec=spec)
    elif not is_url(value):
        shown = show_or_type(value)
        yield r.finding(f"the id of {what} is not a URL: {shown}", join(p, "id"), spec=spec)


def _items(node: dict[str, Any], prop: str, ptr: str) -> Iterator[tuple[Any, str]]:
    raw = node[prop]
    if isinstance(raw, list):
        for i, item in enumerate(raw):
            yield item, join(ptr, prop, i)
    else:
        yield raw, join(ptr, prop)


def resources(node: dict[str, Any], ptr: str, v: int) -> Iterator[Finding]:
    for k in KINDS:
        if k.prop not in node:
            continue
        spec = None if v == 2 else k.spec1
        required = k.id_required if v == 2 else k.id_required_1
        for item, p in _items(node, k.prop, ptr):
            what = f"the {k.prop} entry"
            if not isinstance(item, dict):
                yield k.rule.finding(
                    f"a {k.prop} entry must be an object, not a JSON {json_type(item)}", p, spec=spec
                )
                continue
            yield from _type_findings(k.rule, item, p, what, spec)
            yield from _id_findings(k.rule, item, p, what, required, spec)
    if "relatedResource" in node and v == 2:
        for item, p in _items(node, "relatedResource", ptr):
            if not isinstance(item, dict):
                yield RELATED.finding(
                    f"a relatedResource entry must be an object, not a JSON {json_type(item)}", p
                )
                continue
            yield from _id_findings(RELATED, item, p, "the relatedResource entry", True, None)
            if "digestSRI" not in item and "digestMultibase" not in item:
                yield RELATED.finding(
                    "the relatedResource entry has neither digestSRI nor digestMultibase", p
                )


def proofs(node: dict[str, Any], ptr: str) -> Iterator[Finding]:
    if "proof" not in node:
        return
    for item, p in _items(node, "proof", ptr):
        if not isinstance(item, dict):
            yield PROOF.finding(f"a proof must be an object, not a JSON {json_type(item)}", p)
            continue
        yield from _type_findings(PROOF, item, p, "the proof", None)
