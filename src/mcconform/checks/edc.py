"""European Digital Credential checks outside SHACL: the credential's declared schemas.

A European Digital Credential declares the application profile it follows in
``credentialSchema`` entries of type ``ShaclValidator2017`` (for example
``http://data.europa.eu/snb/model/ap/edc-generic-full``).  With no ``--profile``, mcconform
applies the matching bundled profile; a declared schema it does not bundle is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..detect import as_list
from ..document import Document
from ..pointer import join
from ..report import Finding
from ..rules import rule
from . import CheckContext, check

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
