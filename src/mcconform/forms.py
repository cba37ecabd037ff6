"""Documents in other shapes than a compacted credential: recognised, never "unknown" alone.

* The EDC issuer's upload wrapper ``{"credential": {...}, "deliveryDetails": {...}}``: the
  credential in ``/credential`` is checked (pointers stay pointers into the file).
* JSON-LD in expanded, flattened or ``@graph`` form: a verifiable credential is a compacted
  JSON-LD object with ``@context`` and ``type`` at its top (VC Data Model 2.0 section 4.3);
  the finding says which credential it holds and how to get the compacted form.
* VP-JWTs are opened by :mod:`mcconform.sources` (the ``vp`` claim).
"""

from __future__ import annotations

from typing import Any

from .document import Document
from .report import Finding
from .rules import rule

UPLOAD_KEYS = {"credential", "deliveryDetails"}
VC_IRIS = {
    "https://www.w3.org/2018/credentials#VerifiableCredential": "VerifiableCredential",
    "https://www.w3.org/2018/credentials#VerifiablePresentation": "VerifiablePresentation",
}

UPLOAD_WRAPPER = rule(
    "detect.edc-upload-wrapper",
    "info",
    "The document is the EDC issuer's upload wrapper; the credential inside it is checked.",
    "European Digital Credentials issuer: upload of unsigned credentials "
    '({"credential": ..., "deliveryDetails": ...})',
    """
    The Europass EDC issuer takes unsigned credentials wrapped as ``{"credential": {...},
    "deliveryDetails": {...}}``.  mcconform checks the credential in ``/credential`` (its
    findings point into the file); ``deliveryDetails`` (where to deliver it) is not part of the
    credential and is not checked.
    """,
)
JSONLD_FORM = rule(
    "detect.jsonld-form",
    "error",
    "The document is JSON-LD in expanded, flattened or @graph form, not a compacted credential.",
    "W3C VC Data Model 2.0 section 4.3 (Contexts: @context MUST be present) and 4.5 (Types); "
    "JSON-LD 1.1 section 9 (Forms of JSON-LD)",
    """
    A verifiable credential is a compacted JSON-LD object: ``@context`` first, ``type``,
    ``issuer``, ``credentialSubject`` ... at its top.  An expanded document (full IRIs, no
    ``@context``), a flattened one, or one whose nodes sit in ``@graph`` holds the same RDF,
    but it is not a credential a wallet or verifier reads.  Compact it with the credential's
    contexts (for example pyld: ``jsonld.compact(doc, ["https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"])``) and check the result.
    PASS: a compacted credential.
    FAIL: ``[{"@type": ["https://www.w3.org/2018/credentials#VerifiableCredential"], ...}]``
    """,
)


def unwrap_upload(doc: Document) -> bool:
    """Point ``doc.base`` at the credential of an EDC upload wrapper; True when it was one."""
    data = doc.data
    if doc.base or not isinstance(data, dict) or not isinstance(data.get("credential"), dict):
        return False
    if not set(data) <= UPLOAD_KEYS:
        return False
    inner = data["credential"]
    if "@context" not in inner and "type" not in inner:
        return False
    doc.base = "/credential"
    doc.meta["wrapper"] = "edc-upload"
    doc.findings.append(
        UPLOAD_WRAPPER.finding("the EDC upload wrapper: the credential in /credential is checked", "")
    )
    return True


def _nodes(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return [n for n in data["@graph"] if isinstance(n, dict)]
    if isinstance(data, list):
        return [n for n in data if isinstance(n, dict)]
    return [data] if isinstance(data, dict) else []


def jsonld_form(data: Any) -> Finding | None:
    """A finding for JSON-LD in expanded / flattened / @graph form, or None."""
    nodes = _nodes(data)
    if not nodes:
        return None
    graph = isinstance(data, dict) and "@graph" in data
    keyed = all(any(k.startswith("@") or ":" in k for k in n) for n in nodes)
    if not graph and not (keyed and all("@context" not in n for n in nodes)):
        return None
    if not graph and not any("@type" in n or "@id" in n for n in nodes):
        return None
    found: list[str] = []
    for n in nodes:
        types = n.get("@type", n.get("type"))
        for t in types if isinstance(types, list) else [types]:
            if isinstance(t, str):
                name = VC_IRIS.get(t, t.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if ":" in t else t)
                if "Credential" in name or "Presentation" in name:
                    found.append(name)
    form = "@graph" if graph else ("expanded or flattened" if isinstance(data, list) else "expanded")
    holds = f"holding {', '.join(sorted(set(found)))}" if found else "holding no credential type"
    return JSONLD_FORM.finding(
        f"JSON-LD in {form} form, {holds}: a verifiable credential is a compacted JSON-LD object "
        "with @context and type at its top; compact it with the credential's contexts "
        "(e.g. pyld jsonld.compact) and check the compacted document",
        "",
    )
