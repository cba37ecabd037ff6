"""A set of Open Badges 3.0 credentials -> one CLR 2.0 ClrCredential (table ``ob3-clr``).

The credentials are embedded unchanged in ``credentialSubject.verifiableCredential`` (each
keeps its own proof: the CLR is a different document, not a re-expression of them); their
achievements are listed once each in ``achievement``; an ``association`` is made only where
the data says so (an Achievement ``related`` to another achievement of the set:
``isRelatedTo``).  The CLR's issuer, subject and ``validFrom`` are taken from the
credentials only when they agree; otherwise the loss report says the target requires them.
"""

from __future__ import annotations

import copy as _copy
from typing import Any

from ..detect import as_list
from ..document import Document
from . import common, losses
from .tables import Row, Run, get, table

CLR_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def convert_set(docs: list[Document]) -> common.Conversion:
    creds = [(d, d.credential) for d in docs if isinstance(d.credential, dict)]
    ids = sorted(str(c.get("id")) for _d, c in creds)
    conv = common.Conversion(f"{len(creds)} OB 3.0 credential(s)", "clr", None)
    target: dict[str, Any] = {
        "@context": list(CLR_CONTEXT),
        "id": common.new_id("ob3-clr", *ids),
        "type": ["VerifiableCredential", "ClrCredential"],
        "credentialSubject": {"type": ["ClrSubject"], "verifiableCredential": [], "achievement": []},
    }
    subject = target["credentialSubject"]
    shared: dict[str, Any] = {"achievements": {}, "related": [], "subjects": set()}
    for d, c in creds:
        run = Run(table("ob3-clr"), _copy.deepcopy(c), base=d.base)
        run.target = target
        run.extra = shared
        for row in table("ob3-clr").rows:
            v = get(run.source, row.src)
            if v is not None:
                TRANSFORMS[row.how](v, run, row)
        conv.losses.extend(run.findings)
        subject["verifiableCredential"].append(_copy.deepcopy(c))
    subject["achievement"] = [shared["achievements"][k] for k in sorted(shared["achievements"])]
    # an achievement listed out of its credential keeps the terms that credential's @context
    # gave it (e.g. the OB 3.0 extensions context): the CLR's @context carries them too
    for _d, c in creds:
        for entry in as_list(c.get("@context")):
            if entry not in target["@context"]:
                target["@context"].append(_copy.deepcopy(entry))
    assoc = [
        {"type": "Association", "associationType": "isRelatedTo", "sourceId": s, "targetId": t}
        for s, t in sorted(set(shared["related"]))
        if t in shared["achievements"] and s != t
    ]
    if assoc:
        subject["association"] = assoc
    if len(shared["subjects"]) == 1:
        subject["id"] = next(iter(shared["subjects"]))
    issuers = {
        str((c.get("issuer") or {}).get("id") if isinstance(c.get("issuer"), dict) else c.get("issuer"))
        for _d, c in creds
    }
    if len(issuers) == 1:
        first = creds[0][1]["issuer"] if creds else None
        target["issuer"] = _copy.deepcopy(first)
    dates = sorted(
        str(c.get("validFrom") or c.get("issuanceDate"))
        for _d, c in creds
        if c.get("validFrom") or c.get("issuanceDate")
    )
    if dates:
        target["validFrom"] = dates[-1]
    check = Run(table("ob3-clr"), {}, target=target)
    for path, cite, prop in table("ob3-clr").requires:
        if get(target, path) in (None, "", [], {}):
            check.requires(
                path, f"the CLR requires {'.'.join(path)}; the credentials do not agree on one", cite, prop
            )
    if dates:
        check.approx(
            (),
            "the CLR's validFrom is the latest validFrom of its credentials (no CLR issue date is invented)",
            "CLR 2.0 validFrom [1]",
        )
    conv.losses.extend(check.findings)
    for _d, c in creds:
        if "proof" in c:
            conv.losses.append(
                losses.PROOF_DROPPED.finding(
                    "the CLR itself is unsigned; the embedded credentials keep their own proofs",
                    "",
                    spec="OB 3.0 Implementation Guide: CLR issuer != original issuer, embed as is",
                )
            )
            break
    conv.document = target
    return conv


def achievement(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        run.extra["achievements"].setdefault(value["id"], _copy.deepcopy(value))
    else:
        run.lost(row.src, "an achievement without id cannot be listed (associations need ids)", row.cite)
    return None


def related(value: Any, run: Run, row: Row) -> Any:
    src = get(run.source, ("credentialSubject", "achievement", "id"))
    for r in as_list(value):
        if isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(src, str):
            run.extra["related"].append((src, r["id"]))
    return None


def subject(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, str):
        run.extra["subjects"].add(value)
    return None


TRANSFORMS = {"achievement": achievement, "related": related, "subject": subject}
