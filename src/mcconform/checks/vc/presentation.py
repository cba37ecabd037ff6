"""Verifiable presentations: holder, the verifiableCredential items, enveloped credentials,
and the holder binding of self-asserted credentials.

Credentials embedded in a presentation are documents of their own (each with its profiles);
the ``vc`` check judges here only what the presentation itself says about them: each item is
an object, an enveloped credential has its type and a ``data:`` URL, and a credential that only
the presentation's proof secures, issued by whoever made that proof, has the holder as issuer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...parse import json_type
from ...pointer import join
from ...report import Finding
from ...rules import rule
from .common import VC2, as_list, is_url, show_or_type, vcdm2

HOLDER = rule(
    "vc.holder",
    "error",
    "holder, if present, must be a URL or an object whose id is a URL.",
    vcdm2("4.13", "Verifiable Presentations", "verifiable-presentations"),
    """
    "If present, the value of the holder property MUST be either a URL or an object containing
    an id property whose value is a URL."
    PASS: ``"holder": "did:key:z6Mk..."``, ``"holder": {"id": "did:key:z6Mk...", "name": "Acme"}``
    FAIL: ``"holder": "z6MkpJySvET..."`` (no scheme); ``"holder": {"name": "Acme"}``;
    ``"holder": {"id": "z6Mk..."}``.
    """,
)
CREDENTIAL_ITEM = rule(
    "vc.presentation-credential",
    "error",
    "Every verifiableCredential item must be a credential object or an enveloped credential object.",
    vcdm2("4.13", "Verifiable Presentations", "verifiable-presentations"),
    """
    "The value MUST be one or more verifiable credential and/or enveloped verifiable credential
    objects (the values MUST NOT be non-object values such as numbers, strings, or URLs)."
    PASS: ``"verifiableCredential": [{"@context": [...], "type": ["VerifiableCredential"], ...}]``
    FAIL: ``"verifiableCredential": ["eyJhbGciOiJFUzI1NiJ9..."]`` (a compact JWT as a string;
    VCDM 1.1 §4.10 allowed that, and mcconform accepts it in a 1.1 presentation).
    """,
)
ENVELOPED = rule(
    "vc.enveloped-credential",
    "error",
    "An enveloped credential has the base @context, type EnvelopedVerifiableCredential, a data: URL id.",
    vcdm2("4.13.1", "Enveloped Verifiable Credentials", "enveloped-verifiable-credentials"),
    """
    An EnvelopedVerifiableCredential "MUST" have the @context (base context first), an id whose
    value "MUST be a data: URL" holding the secured credential, and type
    "EnvelopedVerifiableCredential".  An item whose id is a data: URL but that lacks the type is
    neither a credential nor an envelope.
    PASS: ``{"@context": "https://www.w3.org/ns/credentials/v2", "id": "data:application/vc+jwt,eyJ...",
    "type": "EnvelopedVerifiableCredential"}``
    FAIL: the same without ``type``; ``"id": "https://example.org/vc/1"`` with that type.
    """,
)
SELF_ASSERTED = rule(
    "vc.self-asserted",
    "error",
    "A self-asserted credential secured only by the presentation needs a holder equal to its issuer.",
    vcdm2("4.13.3", "Presentations Including Holder Claims", "presentations-including-holder-claims"),
    """
    "A verifiable presentation that includes a self-asserted verifiable credential, which is
    secured only using the same mechanism as the verifiable presentation, MUST include a holder
    property", and "the value of the issuer property of the verifiable credential MUST be
    identical to the holder property of the verifiable presentation".  mcconform reads a
    credential as self-asserted and secured only by the presentation when it carries no proof
    of its own and its issuer is the holder, or the party whose verification method made the
    presentation's proof.
    PASS: holder and credential issuer both ``did:key:z6MkA``, the presentation's proof by
    ``did:key:z6MkA#z6MkA``
    FAIL: the same proof, the credential issued by ``did:key:z6MkA``, and no holder, or
    ``"holder": "did:example:alice"``.
    """,
)

ENVELOPE_TYPE = "EnvelopedVerifiableCredential"


def holder_id(node: dict[str, Any]) -> str | None:
    value = node.get("holder")
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def issuer_id(cred: dict[str, Any]) -> str | None:
    value = cred.get("issuer")
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def presenters(node: dict[str, Any]) -> set[str]:
    """Who made the presentation's proofs: the controller part of each verificationMethod."""
    out: set[str] = set()
    for proof in as_list(node.get("proof")):
        if isinstance(proof, dict):
            method = proof.get("verificationMethod")
            if isinstance(method, dict):
                method = method.get("controller") or method.get("id")
            if isinstance(method, str) and method:
                out.add(method.split("#", 1)[0])
    return out


def holder(node: dict[str, Any], ptr: str) -> Iterator[Finding]:
    if "holder" not in node:
        return
    value = node["holder"]
    hptr = join(ptr, "holder")
    if isinstance(value, dict):
        if "id" not in value:
            yield HOLDER.finding("the holder object has no id (a URL is required)", hptr)
        elif not is_url(value["id"]):
            shown = show_or_type(value["id"])
            yield HOLDER.finding(f"the id of the holder is not a URL: {shown}", join(hptr, "id"))
    elif not is_url(value):
        shown = show_or_type(value)
        yield HOLDER.finding(f"holder must be a URL or an object with a URL id, not {shown}", hptr)


def credential_items(node: dict[str, Any], ptr: str) -> Iterator[tuple[dict[str, Any], str]]:
    """The embedded credential objects of a presentation (not envelopes), with their pointers."""
    if "verifiableCredential" not in node:
        return
    raw = node["verifiableCredential"]
    for i, item in enumerate(raw if isinstance(raw, list) else [raw]):
        p = (
            join(ptr, "verifiableCredential", i)
            if isinstance(raw, list)
            else join(ptr, "verifiableCredential")
        )
        if (
            isinstance(item, dict)
            and ENVELOPE_TYPE not in as_list(item.get("type"))
            and not _data_url(item.get("id"))
        ):
            yield item, p


def _data_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("data:")


def _compact_jwt(value: Any) -> bool:
    return isinstance(value, str) and value.count(".") == 2 and " " not in value


def items(node: dict[str, Any], ptr: str, v: int = 2) -> Iterator[Finding]:
    """VCDM 2.0: objects only.  VCDM 1.1 (§4.10) also allows "data derived from verifiable
    credentials in a cryptographically verifiable format": a VP-JWT 1.1 carries compact JWTs."""
    if "verifiableCredential" not in node:
        return
    raw = node["verifiableCredential"]
    values = raw if isinstance(raw, list) else [raw]
    for i, item in enumerate(values):
        p = (
            join(ptr, "verifiableCredential", i)
            if isinstance(raw, list)
            else join(ptr, "verifiableCredential")
        )
        if v == 1 and _compact_jwt(item):
            continue
        if not isinstance(item, dict):
            what = "a URL" if is_url(item) else f"a JSON {json_type(item)}"
            yield CREDENTIAL_ITEM.finding(
                f"a verifiableCredential item must be a credential or enveloped credential, not {what}",
                p,
            )
            continue
        enveloped = ENVELOPE_TYPE in as_list(item.get("type"))
        if not enveloped and not _data_url(item.get("id")):
            continue
        if not enveloped:
            yield ENVELOPED.finding(
                f'this item holds a data: URL but its type is not "{ENVELOPE_TYPE}"',
                join(p, "type") if "type" in item else p,
            )
            continue
        ctx = as_list(item.get("@context"))
        if not ctx or ctx[0] != VC2:
            yield ENVELOPED.finding(
                f"an enveloped credential needs @context with {VC2} first",
                join(p, "@context") if "@context" in item else p,
            )
        if not _data_url(item.get("id")):
            yield ENVELOPED.finding(
                "the id of an enveloped credential must be a data: URL holding the credential",
                join(p, "id") if "id" in item else p,
            )


def self_asserted(node: dict[str, Any], ptr: str) -> Iterator[Finding]:
    made_by = presenters(node)
    hid = holder_id(node)
    for cred, p in credential_items(node, ptr):
        if "proof" in cred:
            continue  # secured on its own
        issuer = issuer_id(cred)
        if issuer is None or issuer not in made_by:
            continue
        if "holder" not in node:
            yield SELF_ASSERTED.finding(
                f"the credential at {p} is self-asserted by {issuer}, who secured the presentation, "
                "and has no proof of its own: the presentation must name its holder",
                ptr,
            )
        elif hid != issuer:
            yield SELF_ASSERTED.finding(
                f"the credential at {p} is self-asserted by {issuer} (who secured the presentation) "
                f"but the holder is {hid}: they must be identical",
                join(ptr, "holder"),
            )
