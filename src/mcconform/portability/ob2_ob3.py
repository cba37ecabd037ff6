"""Open Badges 2.0 Assertion -> Open Badges 3.0 OpenBadgeCredential (table ``ob2-ob3``).

The 1EdTech migration pattern (OB 3.0 Implementation Guide, "Migrating from OB 2.0"; see
``../shared/notes/portability-mappings.md`` §1.1): a new ``urn:uuid`` id (uuid5 of the
assertion id, so the output is reproducible), the original assertion linked in ``evidence``
(type ``https://w3id.org/openbadges#Assertion``), the BadgeClass linked from
``Achievement.related`` (version "Open Badges v2p0"), the issuer's OB 2.0 URL in
``otherIdentifier``.  The hosted BadgeClass and Issuer are read through the safe fetcher
(``--resource-map`` / ``--online``); what cannot be read stops the conversion.
"""

from __future__ import annotations

import copy as _copy
from typing import Any

from ..document import Document
from ..fetch import FetchError, fetch_json
from ..options import Options
from . import common, losses
from .tables import Row, Run, table

ASSERTION_EVIDENCE_TYPE = "https://w3id.org/openbadges#Assertion"
BADGECLASS_RELATED_TYPE = "https://w3id.org/openbadges#BadgeClass"
IDENTITY_TYPES = {"email": "emailAddress", "url": "url", "telephone": "phone"}
CITE_PATTERN = "portability-mappings.md §1.1 upgrade pattern (1EdTech ob_v3p0/impl/migrating.md)"


def _resolve(value: Any, options: Options, what: str, pointer: str, out: list[Any]) -> Any:
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        out.append(losses.UNRESOLVED.finding(f"the {what} is neither a URL nor an object", pointer))
        return None
    try:
        got = fetch_json(value, options)
    except FetchError as e:
        out.append(losses.UNRESOLVED.finding(f"the {what} {value} could not be read: {e.message}", pointer))
        return None
    if not isinstance(got, dict):
        out.append(losses.UNRESOLVED.finding(f"the {what} {value} is not a JSON object", pointer))
        return None
    return got


def convert_ob1(doc: Document, options: Options) -> common.Conversion:
    """OB 1.x Assertion -> OB 3.0 (table ``ob1-ob3``: ``verify.url`` is the hosted URL)."""
    return convert(doc, options, "ob1-ob3")


def convert(doc: Document, options: Options, name: str = "ob2-ob3") -> common.Conversion:
    conv = common.Conversion(doc.source, "ob3", None)
    cred = doc.credential
    if not isinstance(cred, dict):
        conv.losses.append(losses.UNSUPPORTED.finding("the assertion is not a JSON object", doc.base))
        return conv
    src = _copy.deepcopy(cred)
    badge = _resolve(src.get("badge"), options, "BadgeClass", doc.at("/badge"), conv.losses)
    if badge is None:
        return conv
    badge = _copy.deepcopy(badge)
    if isinstance(src.get("badge"), str) and "id" not in badge:
        badge["id"] = src["badge"]  # OB 1.0: a hosted object is identified by its URL
    issuer = _resolve(badge.get("issuer"), options, "Issuer Profile", doc.at("/badge"), conv.losses)
    if issuer is None:
        return conv
    if isinstance(badge.get("issuer"), str) and "id" not in issuer:
        issuer = {**issuer, "id": badge["issuer"]}
    badge["issuer"] = issuer
    src["badge"] = badge
    run = Run(table(name), src, base=doc.base)
    run.target.update(
        {
            "@context": list(common.OB3_CONTEXT),
            "id": common.new_id(
                name, str(src.get("id") or (src.get("verify") or {}).get("url") or src.get("uid"))
            ),
            "type": list(common.OB3_TYPE),
            "issuer": {"type": ["Profile"]},
            "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"type": ["Achievement"]}},
        }
    )
    run.apply(TRANSFORMS)
    ach = run.target["credentialSubject"]["achievement"]
    ach.setdefault("id", common.new_id("ob2-ob3-achievement", str(badge.get("id"))))
    if doc.media == "jwt" or doc.meta.get("envelope") in ("vc-jwt", "jws"):
        conv.losses.append(
            losses.PROOF_DROPPED.finding(
                "the source is an OB 2.0 signed assertion (JWS); its signature covers the OB 2.0 "
                "bytes and cannot be carried: the OB 3.0 credential is unsigned",
                doc.base,
            )
        )
    if "verification" not in src and "verify" not in src:
        conv.losses.append(
            losses.VERIFICATION_LOST.finding(
                "the assertion names no verification: OB 2.0 hosted verification is implied, and "
                "has no OB 3.0 counterpart",
                doc.base,
            )
        )
    conv.document = _ordered(run.target)
    conv.losses.extend(run.findings)
    return conv


def _ordered(d: dict[str, Any]) -> dict[str, Any]:
    first = ["@context", "id", "type", "name", "issuer", "validFrom", "validUntil", "awardedDate"]
    out = {k: d[k] for k in first if k in d}
    out.update({k: d[k] for k in sorted(d) if k not in out})
    return out


# --- transforms named by the table --------------------------------------------------------


def provenance(value: Any, run: Run, row: Row) -> Any:
    """The original assertion, linked in evidence (only an HTTP(S) id can be linked)."""
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        ev = {
            "id": value,
            "type": ["Evidence", ASSERTION_EVIDENCE_TYPE],
            "name": "Open Badges 2.0 assertion",
            "description": "The Open Badges 2.0 assertion this credential was converted from.",
        }
        run.target.setdefault("evidence", []).insert(0, ev)
    else:
        run.approx(
            row.src,
            f"the assertion id {value!r} is not an HTTP(S) URL: the original cannot be linked in evidence",
            row.cite,
        )
    return None


def related(value: Any, run: Run, row: Row) -> Any:
    ach = run.target["credentialSubject"]["achievement"]
    if isinstance(value, str):
        ach["id"] = common.new_id("ob2-ob3-achievement", value)
        ach["related"] = [
            {"id": value, "type": ["Related", BADGECLASS_RELATED_TYPE], "version": "Open Badges v2p0"}
        ]
    return None


def issuer_id(value: Any, run: Run, row: Row) -> Any:
    if not isinstance(value, str):
        run.lost(row.src, "the issuer id is not a string; not carried", row.cite)
        return None
    if value.startswith(("http://", "https://")):
        run.target["issuer"]["otherIdentifier"] = [
            {"type": "IdentifierEntry", "identifier": value, "identifierType": "identifier"}
        ]
        run.approx(
            row.src,
            "the issuer keeps its OB 2.0 URL as id (mcconform does not invent a DID) and in "
            "otherIdentifier; alsoKnownAs is not set: the OB 3.0 context does not define it",
            row.cite,
        )
    return value


def recipient(value: Any, run: Run, row: Row) -> Any:
    if not isinstance(value, dict):
        run.lost(row.src, "the recipient is not an IdentityObject; not carried", row.cite)
        return None
    kind = value.get("type")
    ident = value.get("identity")
    if not isinstance(kind, str) or not isinstance(ident, str):
        run.lost(row.src, "the recipient has no type or identity; not carried", row.cite)
        return None
    itype = IDENTITY_TYPES.get(kind)
    if itype is None:
        itype = kind
        run.approx(
            (*row.src, "type"), f"recipient type {kind!r} has no OB 3.0 identityType; carried as is", row.cite
        )
    hashed = value.get("hashed") is True
    out: dict[str, Any] = {
        "type": "IdentityObject",
        "identityType": itype,
        "hashed": hashed,
        "identityHash": ident,
    }
    if isinstance(value.get("salt"), str):
        out["salt"] = value["salt"]
    return [out]


def evidence(value: Any, run: Run, row: Row) -> Any:
    items = value if isinstance(value, list) else [value]
    out = []
    for n, ev in enumerate(items):
        if isinstance(ev, str):
            out.append({"id": ev, "type": ["Evidence"]})
        elif isinstance(ev, dict):
            e: dict[str, Any] = {"type": ["Evidence"]}
            for k in ("id", "narrative", "name", "description", "genre", "audience"):
                if isinstance(ev.get(k), str):
                    e[k] = ev[k]
            if e.get("id", "").startswith("_:"):
                # a JSON-LD blank node label names the node inside the OB 2.0 document only;
                # an OB 3.0 (VCDM) id is a URL
                del e["id"]
                at = (*row.src, str(n), "id") if isinstance(value, list) else (*row.src, "id")
                run.lost(
                    at,
                    f"evidence id {ev['id']!r} is a blank node label, not a URL; not carried "
                    "(the evidence itself is)",
                    row.cite,
                )
            for k in sorted(
                set(ev) - {"id", "narrative", "name", "description", "genre", "audience", "type"}
            ):
                run.lost(
                    (*row.src, k), f"evidence {k} has no place in OB 3.0 Evidence; not carried", row.cite
                )
            out.append(e)
    return out or None


def criteria(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, str):
        return {"id": value}
    if isinstance(value, dict):
        out = {k: value[k] for k in ("id", "narrative") if isinstance(value.get(k), str)}
        for k in sorted(set(value) - {"id", "narrative", "type"}):
            run.lost((*row.src, k), f"criteria {k} has no place in OB 3.0 Criteria; not carried", row.cite)
        if out:
            return out
    run.lost(row.src, "the criteria has neither id nor narrative; not carried", row.cite)
    return None


def alignments(value: Any, run: Run, row: Row) -> Any:
    keys = ("targetName", "targetUrl", "targetDescription", "targetFramework", "targetCode")
    out = []
    for al in value if isinstance(value, list) else [value]:
        if not isinstance(al, dict):
            continue
        a: dict[str, Any] = {"type": ["Alignment"]}
        a.update({k: al[k] for k in keys if isinstance(al.get(k), str)})
        for k in sorted(set(al) - {*keys, "type"}):
            run.lost((*row.src, k), f"alignment {k} has no place in OB 3.0 Alignment; not carried", row.cite)
        if "targetName" not in a or "targetUrl" not in a:
            run.requires(
                tuple(row.to),
                "OB 3.0 Alignment requires targetName and targetUrl; an OB 2.0 alignment lacks one",
                "OB 3.0 §B.1.4 Alignment targetName [1], targetUrl [1]",
            )
        out.append(a)
    return out or None


TRANSFORMS = {
    "text": common.text,
    "copy": common.copy,
    "datetime": common.datetime,
    "strings": common.strings,
    "image": common.image,
    "provenance": provenance,
    "related": related,
    "issuer_id": issuer_id,
    "recipient": recipient,
    "evidence": evidence,
    "criteria": criteria,
    "alignments": alignments,
}
