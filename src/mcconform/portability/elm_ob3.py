"""European Digital Credential -> Open Badges 3.0 credential (table ``elm-ob3``).

The original is linked from ``evidence`` by its id (OB 3.0 has no embedding); ELM language
maps become plain strings (one language, reported when others are dropped), concepts their
label or IRI.  What OB 3.0 has no place for (assessment, participation form, supervision,
entry requirements, stackability...) is in the loss report.
"""

from __future__ import annotations

import copy as _copy
import re
from typing import Any

from ..document import Document
from ..options import Options
from ..quality.base import eqf_level, label, node_id
from . import common, losses
from .elm_nodes import COUNTRY, vocab
from .tables import Row, Run, table


def convert(doc: Document, options: Options) -> common.Conversion:
    conv = common.Conversion(doc.source, "ob3", None)
    cred = doc.credential
    if not isinstance(cred, dict):
        conv.losses.append(losses.UNSUPPORTED.finding("the credential is not a JSON object", doc.base))
        return conv
    src = _copy.deepcopy(cred)
    for key in ("credentialSubject",):
        if isinstance(src.get(key), list) and src[key]:
            src[key] = src[key][0]
    subj = src.get("credentialSubject")
    if isinstance(subj, dict) and isinstance(subj.get("hasClaim"), list) and subj["hasClaim"]:
        if len(subj["hasClaim"]) > 1:
            conv.losses.append(
                losses.NOT_CARRIED.finding(
                    f"the credential has {len(subj['hasClaim'])} claims; "
                    "only the first becomes the OB 3.0 achievement",
                    doc.at("/credentialSubject/hasClaim/1"),
                    spec="OB 3.0 §B.1.1: one AchievementSubject with one Achievement",
                )
            )
        subj["hasClaim"] = subj["hasClaim"][0]
    run = Run(table("elm-ob3"), src, base=doc.base)
    run.target.update(
        {
            "@context": list(common.OB3_CONTEXT),
            "id": common.new_id("elm-ob3", str(src.get("id"))),
            "type": list(common.OB3_TYPE),
            "issuer": {"type": ["Profile"]},
            "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"type": ["Achievement"]}},
        }
    )
    run.apply(TRANSFORMS)
    ach = run.target["credentialSubject"]["achievement"]
    ach.setdefault("id", common.new_id("elm-ob3-achievement", str(src.get("id"))))
    if doc.meta.get("envelope") == "sealed-edc":
        conv.losses.append(
            losses.PROOF_DROPPED.finding(
                "the source is sealed (JAdES); the seal signs the EDC payload: "
                "the OB 3.0 credential is unsigned",
                "",
                spec="receiver-requirements.md §2.1 seal; OB 3.0 §8 proofs",
            )
        )
    conv.document = run.target
    conv.losses.extend(run.findings)
    return conv


# --- transforms named by the table --------------------------------------------------------


def provenance(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, str):
        run.target["evidence"] = [
            {
                "id": value,
                "type": ["Evidence"],
                "name": "European Digital Credential",
                "description": "The European Digital Credential (ELM) this credential was converted from.",
            }
        ]
        run.approx(
            row.src,
            "the original EDC is linked by its id in evidence, not embedded (OB 3.0 has no embedding)",
            row.cite,
        )
    return None


def note_text(value: Any, run: Run, row: Row) -> Any:
    items = value if isinstance(value, list) else [value]
    texts = [common.text(n.get("noteLiteral"), run, row) for n in items if isinstance(n, dict)]
    return "\n\n".join(t for t in texts if isinstance(t, str)) or None


def outcomes(value: Any, run: Run, row: Row) -> Any:
    out = []
    for i, lo in enumerate(value if isinstance(value, list) else [value]):
        if not isinstance(lo, dict):
            continue
        skills = (
            [s for s in (lo.get("relatedESCOSkill") or []) if node_id(s)]
            if isinstance(lo.get("relatedESCOSkill"), list)
            else []
        )
        title = common.text(lo["title"], run, row) if lo.get("title") else None
        for s in skills:
            out.append(
                {
                    "type": ["Alignment"],
                    "targetName": label(s) or title or node_id(s),
                    "targetUrl": node_id(s),
                    "targetFramework": "ESCO",
                    "targetType": "ext:ESCO",
                }
            )
        if not skills and title and isinstance(lo.get("id"), str):
            out.append(
                {
                    "type": ["Alignment"],
                    "targetName": title,
                    "targetUrl": lo["id"],
                    "targetType": "ext:LearningOutcome",
                }
            )
        elif not skills:
            run.lost(
                (*row.src, str(i)),
                "a learning outcome with neither ESCO skill nor title; not carried",
                row.cite,
            )
    return out or None


def eqf(value: Any, run: Run, row: Row) -> Any:
    level = eqf_level(node_id(value), label(value))
    if level is None:
        run.lost(
            row.src,
            "the EQF level is not a concept http://data.europa.eu/snb/eqf/{1-8}; not carried",
            row.cite,
        )
        return None
    base = vocab()["eqf"]["base"]
    return [
        {
            "type": ["Alignment"],
            "targetName": f"EQF level {level}",
            "targetUrl": f"{base}{level}",
            "targetCode": str(level),
            "targetFramework": "European Qualifications Framework",
            "targetType": "ext:EQF",
        }
    ]


def nqf(value: Any, run: Run, row: Row) -> Any:
    iri = node_id(value)
    if not iri:
        run.lost(row.src, "the NQF level is not a concept; not carried", row.cite)
        return None
    return [
        {"type": ["Alignment"], "targetName": label(value) or iri, "targetUrl": iri, "targetType": "ext:NQF"}
    ]


def credits(value: Any, run: Run, row: Row) -> Any:
    ects = vocab()["concepts"]["ects"]
    for cp in value if isinstance(value, list) else [value]:
        if isinstance(cp, dict) and node_id(cp.get("framework")) == ects:
            try:
                points = float(str(cp.get("point")))
            except ValueError:
                continue
            run.approx(
                row.src,
                "ECTS credits are carried as creditsAvailable, which names no credit system",
                row.cite,
            )
            return points
    run.lost(
        row.src,
        "credit points of a framework other than ECTS: "
        "OB 3.0 creditsAvailable names no framework; not carried",
        row.cite,
    )
    return None


def grades(value: Any, run: Run, row: Row) -> Any:
    out = []
    for la in value if isinstance(value, list) else [value]:
        if not isinstance(la, dict):
            continue
        g = la.get("grade")
        text = common.text(g.get("noteLiteral"), run, row) if isinstance(g, dict) else None
        if text:
            out.append({"type": ["Result"], "value": text})
        for k in sorted(set(la) - {"grade", "id", "type", "awardedBy"}):
            run.lost((*row.src, k), f"LearningAssessment {k} has no place in OB 3.0; not carried", row.cite)
    return out or None


def agent(value: Any, run: Run, row: Row) -> Any:
    org = value[0] if isinstance(value, list) and value else value
    if isinstance(value, list) and len(value) > 1:
        run.lost((*row.src, "1"), "more than one awarding body: only the first is carried", row.cite)
    if not isinstance(org, dict):
        return org if isinstance(org, str) else None
    out: dict[str, Any] = {"type": ["Profile"]}
    if isinstance(org.get("id"), str):
        out["id"] = org["id"]
    name = org.get("legalName") or org.get("prefLabel")
    if name:
        out["name"] = common.text(name, run, row)
    loc = org.get("location")
    loc = loc[0] if isinstance(loc, list) and loc else loc
    addr = loc.get("address") if isinstance(loc, dict) else None
    addr = addr[0] if isinstance(addr, list) and addr else addr
    if isinstance(addr, dict):
        a: dict[str, Any] = {"type": ["Address"]}
        code = node_id(addr.get("countryCode")) or ""
        alpha3 = code.removeprefix(COUNTRY)
        alpha2 = {v: k for k, v in vocab()["country"].items()}.get(alpha3)
        if alpha2:
            a["addressCountryCode"] = alpha2
        elif code:
            run.lost(
                (*row.src, "location"), f"country {code} is not in the country table; not carried", row.cite
            )
        full = addr.get("fullAddress")
        if isinstance(full, dict) and full.get("noteLiteral"):
            a["streetAddress"] = common.text(full["noteLiteral"], run, row)
            run.approx((*row.src, "location"), "the full address is carried as streetAddress", row.cite)
        if isinstance(loc, dict) and loc.get("spatialCode"):
            a["addressRegion"] = label(loc["spatialCode"]) or node_id(loc["spatialCode"])
        if len(a) > 1:
            out["address"] = a
    home = org.get("homepage")
    home = home[0] if isinstance(home, list) and home else home
    if isinstance(home, dict) and isinstance(home.get("contentURL"), str):
        out["url"] = home["contentURL"]
    for k in sorted(set(org) - {"id", "type", "legalName", "prefLabel", "location", "homepage"}):
        run.lost((*row.src, k), f"Organisation {k} has no place in an OB 3.0 Profile; not carried", row.cite)
    return out


def _identity(run: Run, itype: str, value: str) -> None:
    subj = run.target["credentialSubject"]
    subj.setdefault("identifier", []).append(
        {"type": "IdentityObject", "identityType": itype, "hashed": False, "identityHash": value}
    )


def learner_name(value: Any, run: Run, row: Row) -> Any:
    s = common.text(value, run, row)
    if isinstance(s, str):
        _identity(run, "name", s)
    return None


def learner_email(value: Any, run: Run, row: Row) -> Any:
    for cp in value if isinstance(value, list) else [value]:
        mails = cp.get("emailAddress") if isinstance(cp, dict) else None
        for m in mails if isinstance(mails, list) else [mails]:
            mid = node_id(m)
            if mid and mid.startswith("mailto:"):
                _identity(run, "emailAddress", mid.removeprefix("mailto:"))
    return None


def learner_ids(value: Any, run: Run, row: Row) -> Any:
    for ident in value if isinstance(value, list) else [value]:
        if isinstance(ident, dict) and isinstance(ident.get("notation"), str):
            _identity(run, "identifier", ident["notation"])
            run.approx(
                row.src, "the learner identifier's scheme is not carried (identityType identifier)", row.cite
            )
    return None


def datetime_tz(value: Any, run: Run, row: Row) -> Any:
    """An xsd:dateTime; VCDM 2.0 needs a time zone, which mcconform does not invent."""
    if isinstance(value, str) and not re.search(r"(Z|[+-]\d\d:\d\d)$", value):
        run.requires(
            row.to,
            f"the target requires a date-time with a time zone (dateTimeStamp); the source's {value!r} "
            "has none and mcconform does not assume one",
            "VC Data Model 2.0 §4.9 (dateTimeStamp); OB 3.0 validFrom / validUntil",
        )
    return value


TRANSFORMS = {
    "copy": common.copy,
    "datetime_tz": datetime_tz,
    "text": common.text,
    "provenance": provenance,
    "note_text": note_text,
    "outcomes": outcomes,
    "eqf": eqf,
    "nqf": nqf,
    "credits": credits,
    "grades": grades,
    "agent": agent,
    "learner_name": learner_name,
    "learner_email": learner_email,
    "learner_ids": learner_ids,
}
