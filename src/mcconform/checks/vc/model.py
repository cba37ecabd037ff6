"""The core of the data model: @context, type, id, issuer, credentialSubject, name/description.

Each function yields the findings of one clause for one credential (or presentation) object
``node`` found at JSON Pointer ``ptr``; ``v`` is the data model version (1 or 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...parse import json_type
from ...pointer import join
from ...report import Finding
from ...rules import rule
from .common import VC1, VC2, as_list, is_url, show, show_or_type, vcdm1, vcdm2

CONTEXT = rule(
    "vc.context",
    "error",
    "@context must be present, and every entry must be a URL or a context object.",
    vcdm2("4.3", "Contexts", "contexts"),
    """
    "Verifiable credentials and verifiable presentations MUST include a @context property";
    its value is an ordered set whose items are URLs and/or objects, each processable as a
    JSON-LD context.
    PASS: ``"@context": ["https://www.w3.org/ns/credentials/v2", {"ex": "https://example.org/#"}]``
    FAIL: no @context; ``"@context": ["https://www.w3.org/ns/credentials/v2", 123]``;
    an entry ``"https ://not-a-url/"``.
    """,
)
CONTEXT_BASE = rule(
    "vc.context-base",
    "error",
    "The first @context entry must be the base context of the data model.",
    vcdm2("4.3", "Contexts", "contexts"),
    """
    "The value of the @context property MUST be an ordered set where the first item is a URL
    with the value https://www.w3.org/ns/credentials/v2" (VCDM 2.0;
    https://www.w3.org/2018/credentials/v1 in VCDM 1.1, which mcconform also accepts and then
    judges by the 1.1 rules).
    PASS: ``["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"]``
    FAIL: ``["https://www.w3.org/ns/credentials/examples/v2"]``; the base context second.
    """,
)
TYPE = rule(
    "vc.type",
    "error",
    "type must be present and include VerifiableCredential (VerifiablePresentation).",
    vcdm2("4.5", "Types", "types"),
    """
    "Verifiable credentials and verifiable presentations MUST contain a type property"; one
    value MUST be VerifiableCredential (VerifiablePresentation for a presentation); every
    value is a term or an absolute URL string.
    PASS: ``"type": ["VerifiableCredential", "ExampleDegreeCredential"]``
    FAIL: no type; ``"type": ["RelationshipCredential"]``; ``"type": []``; ``"type": [2]``.
    """,
)
ID = rule(
    "vc.id",
    "error",
    "An id must be a single URL.",
    vcdm2("4.4", "Identifiers", "identifiers"),
    """
    "If present, the value of the id property MUST be a single URL" (credentials,
    presentations, credential subjects).
    PASS: ``"id": "urn:uuid:9c9a36f8-518f-4976-a934-6649502d0008"``, ``"id": "did:example:subject"``
    FAIL: ``"id": null``; ``"id": ["https://a.example/1", "https://b.example/1"]``;
    ``"id": "https ://not-a-url/1"``.
    """,
)
ISSUER = rule(
    "vc.issuer",
    "error",
    "issuer must be present: a URL, or an object whose id is a URL.",
    vcdm2("4.7", "Issuer", "issuer"),
    """
    "A verifiable credential MUST have an issuer property"; "the value of the issuer property
    MUST be either a URL or an object containing an id property whose value is a URL".
    PASS: ``"issuer": "did:example:issuer"``, ``"issuer": {"id": "https://example.edu", "name": "X"}``
    FAIL: no issuer; ``"issuer": null``; ``"issuer": "fake-issuer"``; ``"issuer": {"id": null}``;
    ``"issuer": {"name": "X"}``.
    """,
)
SUBJECT = rule(
    "vc.subject",
    "error",
    "credentialSubject must be present, as one or more objects.",
    vcdm2("4.8", "Credential Subject", "credential-subject"),
    """
    "A verifiable credential MUST contain a credentialSubject property"; its value is a set of
    objects (never strings or other values).
    PASS: ``"credentialSubject": {"id": "did:example:subject"}``, a list of such objects
    FAIL: no credentialSubject; ``"credentialSubject": "did:example:subject"``.
    """,
)
SUBJECT_CLAIMS = rule(
    "vc.subject-claims",
    "error",
    "Every credentialSubject object must state at least one claim.",
    vcdm2("4.8", "Credential Subject", "credential-subject"),
    """
    "each object MUST be the subject of one or more claims, which MUST be serialized inside the
    credentialSubject property": an empty object says nothing about anyone.
    PASS: ``{"id": "did:example:subject"}``, ``{"degree": {"name": "BSc"}}``
    FAIL: ``"credentialSubject": {}``; ``[{"id": "did:example:a"}, {}]``.
    """,
)
NAME = rule(
    "vc.name-description",
    "error",
    "name and description must be strings or language value objects.",
    vcdm2("4.6", "Names and Descriptions", "names-and-descriptions"),
    """
    "If present, the value of the name [description] property MUST be a string or a language
    value object"; a language value object has @value (a string) and optionally @language and
    @direction, nothing else.  Credentials and their issuer objects alike; a list of language
    value objects (one per language) is allowed.
    PASS: ``"name": "Example"``, ``"name": {"@value": "Exemple", "@language": "fr"}``
    FAIL: ``"name": {"@value": "Example", "@language": "en", "url": "did:example:x"}``; ``"name": 3``.
    """,
)

_LANGUAGE_KEYS = {"@value", "@language", "@direction"}


def _spec(v: int, section1: str, name: str, anchor: str) -> str | None:
    """None (the rule's VCDM 2.0 clause) for 2.0, else the VCDM 1.1 clause."""
    return None if v == 2 else vcdm1(section1, name, anchor)


def context(node: dict[str, Any], ptr: str, v: int, presentation: bool) -> Iterator[Finding]:
    what = "presentation" if presentation else "credential"
    if "@context" not in node:
        yield CONTEXT.finding(
            f"the {what} has no @context", ptr, spec=_spec(v, "4.1", "Contexts", "contexts")
        )
        return
    raw = node["@context"]
    entries = as_list(raw)
    spec = _spec(v, "4.1", "Contexts", "contexts")

    def at(i: int) -> str:
        return join(ptr, "@context", i) if isinstance(raw, list) else join(ptr, "@context")

    if not entries:
        yield CONTEXT.finding("@context is empty", join(ptr, "@context"), spec=spec)
        return
    first = entries[0]
    if first not in (VC1, VC2):
        where = next((i for i, e in enumerate(entries) if e in (VC1, VC2)), None)
        if where is None:
            msg = f"the first @context entry must be the base context {VC2}; it is missing"
        else:
            msg = (
                f"the base context {entries[where]} must be the first @context entry, not number {where + 1}"
            )
        yield CONTEXT_BASE.finding(msg, at(0), spec=spec, value=first if isinstance(first, str) else None)
    for i, entry in enumerate(entries):
        if isinstance(entry, dict):
            continue
        if not isinstance(entry, str):
            yield CONTEXT.finding(
                f"a @context entry must be a URL or an object, not a JSON {json_type(entry)}",
                at(i),
                spec=spec,
            )
        elif not is_url(entry):
            yield CONTEXT.finding(
                f"the @context entry {show(entry)!r} is not a URL", at(i), spec=spec, value=entry
            )


def types(node: dict[str, Any], ptr: str, v: int, wanted: str) -> Iterator[Finding]:
    spec = _spec(v, "4.3", "Types", "types")
    if "type" not in node:
        yield TYPE.finding(f'there is no type; it must include "{wanted}"', ptr, spec=spec)
        return
    raw = node["type"]
    tptr = join(ptr, "type")
    values = as_list(raw)
    for i, t in enumerate(values):
        if not isinstance(t, str):
            p = join(tptr, i) if isinstance(raw, list) else tptr
            yield TYPE.finding(
                f"a type value must be a term or URL string, not a JSON {json_type(t)}", p, spec=spec
            )
    if wanted not in values:
        shown = ", ".join(str(t) for t in values) or "none"
        yield TYPE.finding(f'type must include "{wanted}" (it has {shown})', tptr, spec=spec)


def identifier(node: dict[str, Any], ptr: str, what: str, v: int) -> Iterator[Finding]:
    if "id" not in node:
        return
    value = node["id"]
    spec = _spec(v, "4.2", "Identifiers", "identifiers")
    if isinstance(value, list):
        yield ID.finding(f"the id of {what} must be a single URL, not a list", join(ptr, "id"), spec=spec)
    elif not is_url(value):
        shown = show_or_type(value)
        yield ID.finding(f"the id of {what} is not a URL: {shown}", join(ptr, "id"), spec=spec)


def issuer(node: dict[str, Any], ptr: str, v: int) -> Iterator[Finding]:
    spec = _spec(v, "4.5", "Issuer", "issuer")
    if "issuer" not in node:
        yield ISSUER.finding("the credential has no issuer", ptr, spec=spec)
        return
    value = node["issuer"]
    iptr = join(ptr, "issuer")
    if isinstance(value, dict):
        if "id" not in value:
            yield ISSUER.finding("the issuer object has no id (a URL is required)", iptr, spec=spec)
        elif not is_url(value["id"]):
            shown = show_or_type(value["id"])
            yield ISSUER.finding(f"the id of the issuer is not a URL: {shown}", join(iptr, "id"), spec=spec)
        yield from names(value, iptr, v)
    elif not is_url(value):
        shown = show_or_type(value)
        yield ISSUER.finding(f"issuer must be a URL or an object with a URL id, not {shown}", iptr, spec=spec)


def subjects(node: dict[str, Any], ptr: str, v: int) -> Iterator[Finding]:
    spec = _spec(v, "4.4", "Credential Subject", "credential-subject")
    if "credentialSubject" not in node:
        yield SUBJECT.finding("the credential has no credentialSubject", ptr, spec=spec)
        return
    raw = node["credentialSubject"]
    sptr = join(ptr, "credentialSubject")
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        yield SUBJECT.finding("credentialSubject is an empty list", sptr, spec=spec)
    for i, item in enumerate(items):
        p = join(sptr, i) if isinstance(raw, list) else sptr
        if not isinstance(item, dict):
            yield SUBJECT.finding(
                f"a credentialSubject must be an object, not a JSON {json_type(item)}", p, spec=spec
            )
        elif not [k for k in item if k != "@context"]:
            yield SUBJECT_CLAIMS.finding("this credentialSubject states no claim", p, spec=spec)
        else:
            yield from identifier(item, p, "the credentialSubject", v)


def names(node: dict[str, Any], ptr: str, v: int) -> Iterator[Finding]:
    if v != 2:
        return  # VCDM 1.1 defines no name / description
    for prop in ("name", "description"):
        if prop not in node:
            continue
        raw = node[prop]
        items = raw if isinstance(raw, list) else [raw]
        for i, item in enumerate(items):
            p = join(ptr, prop, i) if isinstance(raw, list) else join(ptr, prop)
            if isinstance(item, str):
                continue
            if not isinstance(item, dict):
                yield NAME.finding(
                    f"{prop} must be a string or a language value object, not a JSON {json_type(item)}", p
                )
                continue
            extra = sorted(k for k in item if k not in _LANGUAGE_KEYS)
            if extra:
                yield NAME.finding(
                    f"a language value object holds only @value, @language and @direction; "
                    f"{prop} also has {', '.join(extra)}",
                    join(p, extra[0]),
                )
            if not isinstance(item.get("@value"), str):
                yield NAME.finding(f"the language value object of {prop} needs a string @value", p)
            for key in ("@language", "@direction"):
                if key in item and not isinstance(item[key], str):
                    yield NAME.finding(f"{key} of {prop} must be a string", join(p, key))
