"""European Digital Credential checks outside SHACL: the credential's declared schemas, its
validity period, and whether the document is ELM at all (its terms expand into the ELM
namespace, so the EDC shapes have something to check).

A European Digital Credential declares the application profile it follows in
``credentialSchema`` entries of type ``ShaclValidator2017`` (for example
``http://data.europa.eu/snb/model/ap/edc-generic-full``).  With no ``--profile``, mcconform
applies the matching bundled profile; a declared schema it does not bundle is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from ..detect import as_list
from ..document import Document
from ..pointer import join
from ..report import Finding
from ..rules import rule
from . import CheckContext, check
from .ob3.values import parse_datetime

EDC_AP = "http://data.europa.eu/snb/model/ap/"
#: declared ShaclValidator2017 schema id -> built-in profile
SCHEMA_PROFILES = {
    EDC_AP + "edc-generic-full": "elm-edc",
    EDC_AP + "edc-generic-no-cv": "elm-edc-no-cv",
}

UNKNOWN_SCHEMA = rule(
    "edc.unknown-schema",
    "warning",
    "The credential declares a SHACL schema that mcconform does not bundle.",
    "European Learning Model v3: credentialSchema (ShaclValidator2017); EDC application profiles",
    """
    European Digital Credentials name the application-profile shapes they follow in
    ``credentialSchema`` (type ``ShaclValidator2017``).  mcconform bundles shapes equivalent to
    ``edc-generic-full`` (profile ``elm-edc``) and ``edc-generic-no-cv`` (``elm-edc-no-cv``).  Any
    other declared schema (e.g. ``edc-diplomaSupplement``) is reported: its extra rules were not
    applied.  Supply its shapes with ``--shapes FILE`` to apply them.
    """,
)
NO_SCHEMA = rule(
    "edc.no-schema",
    "info",
    "The credential declares no ShaclValidator2017 schema.",
    "European Learning Model v3: credentialSchema",
    "Without a declared schema, mcconform applies the elm-edc profile (edc-generic-full shapes).",
)


ELM = "http://data.europa.eu/snb/model/elm/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
VALIDITY = "European Learning Model v3: EuropeanDigitalCredential validFrom, validUntil, expirationDate"

NOT_ELM = rule(
    "edc.not-elm",
    "error",
    "No node of the document is of an ELM class: the EDC shapes target nothing in it.",
    "European Learning Model v3 (http://data.europa.eu/snb/model/elm/); EDC application profile shapes",
    """
    The EDC shapes apply to nodes of ELM classes (``elm:EuropeanDigitalCredential``,
    ``elm:Person``, ...).  When none of the document's types expands into the ELM namespace
    (its ``@context`` is not the EDC context, or it overrides the terms), SHACL validation
    has nothing to check and would report nothing: that is no pass.  mcconform fails the
    document: something that says it is a European Digital Credential but is not ELM data
    is not a conformant EDC (a context that could not be loaded is reported separately, as
    not checked).
    PASS: a credential whose ``@context`` ends with the EDC context
    (``http://data.europa.eu/snb/model/context/edc-ap``).
    FAIL: ``{"@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential", "EuropeanDigitalCredential"], ...}``: every term falls to
    the VC context's ``@vocab``.
    """,
)
EXPIRED = rule(
    "edc.expired",
    "error",
    "The European Digital Credential has expired (validUntil / expirationDate has passed).",
    VALIDITY,
    """
    Checked as for Open Badges 3.0: the instant is ``--now`` (default: the clock), with the
    profile's ``clock_skew_seconds`` of tolerance.  A date-time without a time zone is read as UTC.
    FAIL at 2026-01-01: ``"expirationDate": "2024-09-25T00:00:00"``
    """,
)
NOT_YET_VALID = rule(
    "edc.not-yet-valid",
    "error",
    "The European Digital Credential is not valid yet (validFrom is in the future).",
    VALIDITY,
    "FAIL at 2026-01-01: ``\"validFrom\": \"2040-01-01T00:00:00Z\"``",
)
VALIDITY_PERIOD = rule(
    "edc.validity-period",
    "error",
    "validUntil / expirationDate is earlier than validFrom.",
    VALIDITY,
    "FAIL: ``\"validFrom\": \"2025-01-01T00:00:00Z\", \"validUntil\": \"2024-01-01T00:00:00Z\"``",
)


def validity_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    now = ctx.options.now
    skew = timedelta(seconds=float(ctx.setting("clock_skew_seconds", 0) or 0))
    instants: dict[str, Any] = {}
    for key in ("validFrom", "validUntil", "expirationDate"):
        value = cred.get(key)
        if isinstance(value, str):
            instant, _ok, _tz = parse_datetime(value.strip())
            if instant is not None:
                instants[key] = instant  # malformed dates are the shapes' business
    start = instants.get("validFrom")
    if start is not None and start > now + skew:
        yield NOT_YET_VALID.finding(
            f"the credential is not valid before {cred['validFrom']} (validFrom)", doc.at("/validFrom")
        )
    for key in ("validUntil", "expirationDate"):
        end = instants.get(key)
        if end is None:
            continue
        if end < now - skew:
            yield EXPIRED.finding(f"the credential expired at {cred[key]} ({key})", doc.at(f"/{key}"))
        if start is not None and end < start:
            yield VALIDITY_PERIOD.finding(
                f"{key} ({cred[key]}) is earlier than validFrom ({cred['validFrom']})", doc.at(f"/{key}")
            )


def elm_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict) or "@context" not in cred:
        return
    res = ctx.jsonld(doc)
    if res.has_rdf and res.origin is not None and res.origin[0].static_contains(f"{RDF_TYPE} <{ELM}"):
        return  # the template's own text has an ELM type: so has every document of it
    text = res.ntriples() if res.has_rdf else None
    if text is None:
        return  # no RDF: the JSON-LD findings say why (not checked)
    if f"{RDF_TYPE} <{ELM}" not in text:
        why = "missing" if "europa.eu" not in str(cred["@context"]) else "overridden"
        yield NOT_ELM.finding(
            f"no node has a type in the ELM namespace (the terms do not expand into {ELM}; "
            f"is the EDC context {why}?): the EDC shapes target nothing, so nothing was checked",
            doc.base,
        )


def declared_schemas(cred: Any) -> list[tuple[int, str]]:
    """(index, id) of every ShaclValidator2017 credentialSchema entry."""
    if not isinstance(cred, dict):
        return []
    raw = cred.get("credentialSchema")
    entries = as_list(raw)
    out = []
    for i, e in enumerate(entries):
        if (
            isinstance(e, dict)
            and isinstance(e.get("id"), str)
            and "ShaclValidator2017" in as_list(e.get("type"))
        ):
            out.append((i if isinstance(raw, list) else -1, e["id"]))
    return out


def profiles_for(cred: Any) -> list[str]:
    names = [SCHEMA_PROFILES[s] for _i, s in declared_schemas(cred) if s in SCHEMA_PROFILES]
    if "elm-edc" in names and "elm-edc-no-cv" in names:
        names.remove("elm-edc-no-cv")  # full includes no-cv
    return sorted(set(names)) or ["elm-edc"]


@check("edc")
def check_edc(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from validity_findings(doc, ctx)
    yield from elm_findings(doc, ctx)
    cred = doc.credential
    declared = declared_schemas(cred)
    if not declared:
        yield NO_SCHEMA.finding("no credentialSchema of type ShaclValidator2017", doc.base)
        return
    for i, schema in declared:
        if schema not in SCHEMA_PROFILES:
            where = join(doc.base, "credentialSchema", i) if i >= 0 else join(doc.base, "credentialSchema")
            yield UNKNOWN_SCHEMA.finding(
                f"the declared schema {schema} is not bundled; its rules were not applied "
                "(supply its shapes with --shapes FILE)",
                join(where, "id"),
                value=schema,
            )
