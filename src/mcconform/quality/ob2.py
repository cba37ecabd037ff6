"""Standard elements in an Open Badges 2.0 Assertion or BadgeClass (and OB 1.x assertions).

An Assertion may reference its BadgeClass (and the BadgeClass its Issuer) by URL; only what
the document itself contains is read (hosted documents are not fetched here), and the
elements of a referenced BadgeClass are reported missing, expected at ``/badge``.

=====================  ==================================================================
learner                ``recipient.identity`` (hashed or plain e-mail, URL, telephone)
title                  BadgeClass ``name``
issuer-country         extensions on the Issuer (none in OB 2.0 itself)
awarding-body          BadgeClass ``issuer`` (``name``, or its URL)
issue-date             Assertion ``issuedOn``
learning-outcomes      ``alignment`` to competencies (ESCO...); ``criteria.narrative``;
                       Edubadges ``LearningOutcomeExtension``
workload               Edubadges ``ECTSExtension`` / ``StudyLoadExtension`` / ``TimeInvestmentExtension``
level                  ``alignment`` to the EQF; Edubadges ``EQFExtension``
assessment-type        1EdTech ``AssessmentExtension`` (``assessments[].type``)
quality-assurance      1EdTech ``IssuerAccreditationExtension`` on the issuer; endorsements
further-information    BadgeClass ``description``, ``criteria`` URL, ``tags``
=====================  ==================================================================
"""

from __future__ import annotations

from typing import Any

from ..pointer import join
from .base import ACHIEVEMENT_ELEMENTS, Collector, dicts, eqf_level, items, label, number, text
from .ob3 import _alignments


def _ext_value(ext: dict[str, Any]) -> Any:
    for key in sorted(ext):
        if key in ("@context", "type", "@type", "id", "@id", "obi:validation"):
            continue
        return ext[key]
    return None


def _extensions(c: Collector, node: dict[str, Any], p: str) -> None:
    for key in sorted(node):
        if "extension" not in key.lower():
            continue
        ext = node[key]
        if not isinstance(ext, dict):
            continue
        ep = join(p, key)
        name = key.split(":")[-1].lower()
        v = _ext_value(ext)
        src = f"OB2 extension {key.split(':')[-1]}"
        if name.startswith("ects"):
            n = number(v)
            c.add("workload", f"{v} ECTS", ep, src, ects=n)
        elif name.startswith(("studyload", "timeinvestment")):
            n = number(v)
            c.add("workload", f"{v} hours", ep, src, hours=n)
        elif name.startswith("eqf"):
            c.add("level", f"EQF {v}", ep, src, eqf=eqf_level(v if not isinstance(v, str) else v.strip()))
        elif name.startswith("learningoutcome"):
            c.add("learning-outcomes", text(v), ep, src)
        elif name.startswith("assessment"):
            kinds = sorted({t for a, _ in dicts(ext.get("assessments"), "") for t in _types(a)})
            c.add(
                "assessment-type",
                ", ".join(kinds) or "assessment described",
                ep,
                src,
                terms=[k.lower() for k in kinds],
            )
        elif name.startswith("issueraccreditation") or "accreditation" in name:
            c.add("quality-assurance", label(v) or "accreditation", ep, src)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("type", node.get("@type"))
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def badgeclass(c: Collector, bc: dict[str, Any], bp: str) -> None:
    c.add("title", text(bc.get("name")), join(bp, "name"), "OB2 BadgeClass name")
    _alignments(c, bc, bp)
    crit = bc.get("criteria")
    if isinstance(crit, dict):
        c.add(
            "learning-outcomes",
            text(crit.get("narrative")),
            join(bp, "criteria", "narrative"),
            "OB2 BadgeClass criteria narrative",
        )
        if isinstance(crit.get("id"), str):
            c.add("further-information", crit["id"], join(bp, "criteria", "id"), "OB2 BadgeClass criteria id")
    elif isinstance(crit, str):
        c.add("further-information", crit, join(bp, "criteria"), "OB2 BadgeClass criteria (URL)")
    _extensions(c, bc, bp)
    c.add(
        "further-information",
        text(bc.get("description")),
        join(bp, "description"),
        "OB2 BadgeClass description",
    )
    tags = [t for t, _ in items(bc.get("tags"), "") if isinstance(t, str)]
    c.add("further-information", tags, join(bp, "tags"), "OB2 BadgeClass tags")
    for e, ep in items(bc.get("endorsement"), join(bp, "endorsement")):
        c.add("quality-assurance", label(e) if isinstance(e, dict) else e, ep, "OB2 BadgeClass endorsement")
    issuer = bc.get("issuer")
    ip = join(bp, "issuer")
    if isinstance(issuer, str):
        c.add("awarding-body", issuer, ip, "OB2 BadgeClass issuer (URL)")
    elif isinstance(issuer, dict):
        name = text(issuer.get("name"))
        c.add("awarding-body", name or issuer.get("id"), join(ip, "name") if name else ip, "OB2 Issuer name")
        _extensions(c, issuer, ip)
        for e, ep in items(issuer.get("endorsement"), join(ip, "endorsement")):
            c.add("quality-assurance", label(e) if isinstance(e, dict) else e, ep, "OB2 Issuer endorsement")
    c.expect("issuer-country", ip if issuer is not None else bp)
    c.expect("awarding-body", bp)
    for el in ("title", *ACHIEVEMENT_ELEMENTS):
        c.expect(el, bp)


def extract(doc_data: Any, c: Collector, *, is_badgeclass: bool = False) -> None:
    if not isinstance(doc_data, dict):
        return
    if is_badgeclass:
        badgeclass(c, doc_data, "")
        return
    rec = doc_data.get("recipient")
    if isinstance(rec, dict):
        ident = rec.get("identity")
        if isinstance(ident, str):
            kind = rec.get("type", "identity")
            c.add("learner", ident, "/recipient/identity", f"OB2 recipient identity ({kind})")
    elif isinstance(rec, str):  # OB 0.5: an e-mail address or its hash
        c.add("learner", rec, "/recipient", "OB 0.5 recipient")
    c.expect("learner", "/recipient" if "recipient" in doc_data else "")
    badge = doc_data.get("badge")
    if isinstance(badge, dict):
        badgeclass(c, badge, "/badge")
    else:
        c.expect("awarding-body", "/badge" if "badge" in doc_data else "")
    for key in ("issuedOn", "issued_on"):
        v = doc_data.get(key)
        if isinstance(v, str | int) and not isinstance(v, bool):
            c.add("issue-date", v, f"/{key}", f"OB2 Assertion {key}")
    c.expect("issue-date", "")
    for e, ep in items(doc_data.get("endorsement"), "/endorsement"):
        c.add("quality-assurance", label(e) if isinstance(e, dict) else e, ep, "OB2 Assertion endorsement")
    c.root = "/badge" if "badge" in doc_data else ""
