"""Open Badges 3.0 credential on VC Data Model 1.1 -> VC Data Model 2.0 (table ``vc1-vc2``).

The OB 3.0 data model does not change: the base context becomes
``https://www.w3.org/ns/credentials/v2`` (and the OB 3.0 context ``context-3.0.3.json``),
``issuanceDate`` / ``expirationDate`` become ``validFrom`` / ``validUntil``, the proof is
dropped, and a StatusList2021 entry is reported (Bitstring Status List needs a new list).
Every other value is carried unchanged.
"""

from __future__ import annotations

import copy as _copy
from typing import Any

from ..detect import as_list
from ..document import Document
from ..options import Options
from . import common, losses
from .tables import Row, Run, table

VC1 = "https://www.w3.org/2018/credentials/v1"
OB3_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/"
EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
EXTENSION_TYPES = {"1EdTechRevocationList", "1EdTechCredentialRefresh"}
#: contexts only a VCDM 1.1 credential needs (VCDM 2.0's base context includes Data Integrity)
DROPPED_CONTEXTS = (
    "https://w3id.org/security/suites/ed25519-2020/v1",
    "https://w3id.org/security/data-integrity/v1",
    "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/vc/status-list/2021/v1",
)


def is_vc11(cred: Any) -> bool:
    ctx = as_list(cred.get("@context")) if isinstance(cred, dict) else []
    return bool(ctx) and ctx[0] == VC1


def convert(doc: Document, options: Options) -> common.Conversion:
    conv = common.Conversion(doc.source, "vc2", None)
    cred = doc.credential
    if not is_vc11(cred):
        conv.losses.append(
            losses.UNSUPPORTED.finding(
                "the credential is not on VC Data Model 1.1 (its first @context is not "
                f"{VC1}): nothing to convert to VCDM 2.0",
                doc.at("/@context"),
            )
        )
        return conv
    src = _copy.deepcopy(cred)
    run = Run(table("vc1-vc2"), src, base=doc.base)
    run.target["type"] = src.get("type")
    run.apply(TRANSFORMS)
    if doc.media == "jwt":
        conv.losses.append(
            losses.PROOF_DROPPED.finding(
                "the source is a VC-JWT (VCDM 1.1 `vc` claim): its signature cannot be carried", doc.base
            )
        )
    conv.document = {k: run.target[k] for k in ["@context", "id", "type"] if k in run.target}
    conv.document.update({k: v for k, v in run.target.items() if k not in conv.document})
    conv.losses.extend(run.findings)
    return conv


def contexts(value: Any, run: Run, row: Row) -> Any:
    out = ["https://www.w3.org/ns/credentials/v2"]
    for i, c in enumerate(as_list(value)):
        if c == VC1:
            continue
        if isinstance(c, str) and c.startswith(OB3_PREFIX) and "context" in c:
            if c != common.OB3_CONTEXT[1]:
                run.approx(
                    (*row.src, str(i)),
                    f"the OB 3.0 context {c} is replaced by {common.OB3_CONTEXT[1]} "
                    "(the version for VCDM 2.0)",
                    row.cite,
                )
            c = common.OB3_CONTEXT[1]
        elif c in DROPPED_CONTEXTS:
            run.approx(
                (*row.src, str(i)), f"the context {c} is not needed on VCDM 2.0 (proof dropped)", row.cite
            )
            continue
        if c not in out:
            out.append(c)
    uses = {
        str(e.get("type"))
        for k in ("credentialStatus", "refreshService")
        for e in as_list(run.source.get(k))
        if isinstance(e, dict)
    }
    if uses & EXTENSION_TYPES and EXTENSIONS_CONTEXT not in out:
        # on 3.0.3 the 1EdTech status and refresh types live in the extensions context
        out.append(EXTENSIONS_CONTEXT)
        run.approx(
            row.src,
            f"{EXTENSIONS_CONTEXT} is added: it defines {', '.join(sorted(uses & EXTENSION_TYPES))}",
            row.cite,
        )
    return out


def status(value: Any, run: Run, row: Row) -> Any:
    types = [str(e.get("type")) for e in as_list(value) if isinstance(e, dict)]
    if any(t in ("StatusList2021Entry", "RevocationList2020Status") for t in types):
        run.lost(
            row.src,
            "a StatusList2021 entry: VCDM 2.0 uses BitstringStatusListEntry, "
            "whose list the issuer must publish anew",
            row.cite,
        )
        return None
    return value


def identity_types(value: Any, run: Run, row: Row) -> Any:
    out = []
    for i, ident in enumerate(as_list(value)):
        if isinstance(ident, dict) and ident.get("identityType") == "email":
            ident = {**ident, "identityType": "emailAddress"}
            run.approx(
                (*row.src, str(i), "identityType"),
                "identityType 'email' is carried as 'emailAddress'",
                row.cite,
            )
        out.append(ident)
    return out


TRANSFORMS = {"copy": common.copy, "contexts": contexts, "status": status, "identity_types": identity_types}
