"""OB 3.0 JSON Schema validation: the bundled schema for the document's class, the stricter
JSON-LD binding (warnings only), and the ``credentialSchema`` entries mcconform bundles
(rules ob3.schema, ob3.schema-jsonld, ob3.schema-unavailable, ob3.credential-schema,
ob3.credential-schema-unknown).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ... import schemas
from ...detect import OB3_CREDENTIAL, OB3_ENDORSEMENT, as_list
from ...document import Document
from ...pointer import join
from ...report import Finding
from .. import CheckContext
from .model import SCHEMA_NAMES, SCHEMA_VALIDATOR_TYPE
from .rules import (
    CREDENTIAL_SCHEMA,
    CREDENTIAL_SCHEMA_UNKNOWN,
    SCHEMA,
    SCHEMA_JSONLD,
    SCHEMA_UNAVAILABLE,
)
from .values import vc_version


def schema_name(kind: str, cred: Any) -> str | None:
    """Name of the bundled OB 3.0 JSON Schema for a document of ``kind``, if any.

    A VC 1.1 credential (``issuanceDate``) is validated only against a schema made for VC 1.1
    (the published 2019-09 schemas require ``validFrom``); the 1EdTech validator uses such an
    "any" schema for both.
    """
    name = SCHEMA_NAMES.get(kind)
    if name is None:
        return None
    names = [name]
    if kind in (OB3_CREDENTIAL, OB3_ENDORSEMENT) and isinstance(cred, dict) and vc_version(cred) == 1:
        names = [f"{name}-vc11", f"any{name}"]
    return next((n for n in names if n in schemas.NAMES), None)


def _jsonld_binding_findings(
    doc: Document, name: str, judged: list[schemas.SchemaError], ctx: CheckContext
) -> Iterator[Finding]:
    """Warnings where only the stricter JSON-LD binding of the schema objects (not where the
    judged /schema/json/ schema already reported an error at or above the same place)."""
    strict = f"{name}{schemas.JSONLD_SUFFIX}"
    if strict not in schemas.NAMES:
        return
    covered = [e.pointer for e in judged]
    for err in schemas.iter_errors(strict, doc.credential, fast=ctx.options.fast):
        if any(err.pointer == p or err.pointer.startswith(p + "/") for p in covered):
            continue
        yield SCHEMA_JSONLD.finding(
            f"{err.message} (the JSON-LD binding schema; the published /schema/json/ schema accepts it)",
            doc.at(err.pointer),
            value=err.keyword,
        )


def schema_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    applied: set[str] = set()
    name = schema_name(doc.kind, cred)
    if name is None:
        if doc.kind in SCHEMA_NAMES:
            yield SCHEMA_UNAVAILABLE.finding(
                f"no bundled OB 3.0 JSON Schema for this document ({doc.kind}); schema validation skipped",
                doc.base,
            )
    else:
        applied.add(name)
        judged = list(schemas.iter_errors(name, cred, fast=ctx.options.fast))
        for err in judged:
            yield SCHEMA.finding(f"{err.message} (schema {name})", doc.at(err.pointer), value=err.keyword)
        yield from _jsonld_binding_findings(doc, name, judged, ctx)
    if doc.kind not in (OB3_CREDENTIAL, OB3_ENDORSEMENT) or not isinstance(cred, dict):
        return
    raw = cred.get("credentialSchema")
    for i, entry in enumerate(as_list(raw)):
        if not isinstance(entry, dict) or SCHEMA_VALIDATOR_TYPE not in as_list(entry.get("type")):
            continue
        url = entry.get("id")
        eptr = doc.at(join("/credentialSchema", i) if isinstance(raw, list) else "/credentialSchema")
        if not isinstance(url, str):
            continue
        declared = schemas.schema_for_url(url)
        vc11 = ""
        if declared is not None and declared == SCHEMA_NAMES.get(doc.kind) and vc_version(cred) == 1:
            # the URL served the VC 1.1 (issuanceDate) version of the schema when this was issued
            declared, vc11 = name, " in its VC Data Model 1.1 version"
        if declared is None:
            yield CREDENTIAL_SCHEMA_UNKNOWN.finding(
                f"the declared schema {url} is not bundled{vc11}, not applied", join(eptr, "id"), value=url
            )
            continue
        if declared in applied:
            continue
        applied.add(declared)
        for err in schemas.iter_errors(declared, cred, fast=ctx.options.fast):
            yield CREDENTIAL_SCHEMA.finding(
                f"{err.message} (declared schema {url})", doc.at(err.pointer), value=err.keyword
            )
