"""Standard elements in an Open Badges 3.0 credential or Achievement.

=====================  ==================================================================
learner                ``credentialSubject.id``; ``identifier`` (IdentityObject); ``name``
title                  ``achievement.name`` (the credential's ``name`` when there is no achievement name)
issuer-country         ``issuer.address`` ``addressCountryCode`` / ``addressCountry`` /
                       ``addressRegion``; also the issuer's ``parentOrg`` and the achievement's ``creator``
awarding-body          ``issuer`` (``name``, or its IRI); the achievement's ``creator``
issue-date             ``awardedDate``, ``validFrom`` (VC 2.0), ``issuanceDate`` (VC 1.1)
learning-outcomes      ``alignment`` to competencies / skills (ESCO, CASE, CTDL); ``criteria.narrative``
workload               ``achievement.creditsAvailable`` (credit units, read as ECTS); extensions
level                  ``alignment`` to the EQF (``targetType`` ``ext:EQF``, an EQF
                       ``targetFramework`` or ``.../snb/eqf/N`` IRI) or a national framework
assessment-type        extensions (Edubadges ``assessmentType``)
participation-form     extensions (Edubadges ``participationType``)
quality-assurance      ``alignment`` of ``targetType`` ``ext:QualityAssurance`` / accreditation;
                       endorsements (``endorsement`` / ``endorsementJwt``)
prerequisites          (no OB 3.0 property)
supervision            extensions (Edubadges ``supervisionType`` / ``identityChecked``)
grade                  ``credentialSubject.result`` ``value`` / ``achievedLevel``
stackability           extensions (Edubadges ``educationProgramIdentifier``)
further-information    ``achievement.description``; ``criteria.id``; the achievement's web page (``id``)
=====================  ==================================================================
"""

from __future__ import annotations

from typing import Any

from ..pointer import join
from . import edubadges
from .base import ACHIEVEMENT_ELEMENTS, Collector, dicts, eqf_level, items, label, number, terms, text

COMPETENCY_TYPES = {
    "ceasn:competency",
    "ceterms:competency",
    "ceterms:skill",
    "cfitem",
    "ext:esco",
    "ext:learningoutcome",
    "ext:competency",
    "ext:skill",
}


def _s(v: Any) -> str:
    return v.lower() if isinstance(v, str) else ""


def _alignments(c: Collector, ach: dict[str, Any], ap: str) -> None:
    for al, alp in dicts(ach.get("alignment"), join(ap, "alignment")):
        ttype, fw, name, url = (
            _s(al.get("targetType")),
            _s(al.get("targetFramework")),
            _s(al.get("targetName")),
            _s(al.get("targetUrl")),
        )
        display = label(al) or al.get("targetCode") or al.get("targetUrl")
        if (
            "eqf" in ttype
            or "eqf" in fw
            or "european qualifications framework" in fw
            or "/snb/eqf/" in url
            or (not ttype and not fw and name.startswith("eqf"))
        ):
            level = eqf_level(al.get("targetUrl"), al.get("targetCode"), al.get("targetName"))
            c.add("level", display, alp, "OB3 alignment (EQF)", eqf=level)
        elif "nqf" in ttype or "nlqf" in ttype or "qualifications framework" in fw or "nqf" in fw:
            c.add("level", display, alp, "OB3 alignment (national qualifications framework)", nqf=display)
        elif "qualityassurance" in ttype or "accreditation" in ttype or "quality assurance" in fw:
            c.add(
                "quality-assurance", display, alp, "OB3 alignment (quality assurance)", terms=terms(display)
            )
        elif ttype in COMPETENCY_TYPES or "esco" in fw or "data.europa.eu/esco/" in url:
            c.add("learning-outcomes", display, alp, "OB3 alignment (competency)")


def _endorsements(c: Collector, node: dict[str, Any], p: str, who: str) -> None:
    for key in ("endorsement", "endorsementJwt"):
        for e, ep in items(node.get(key), join(p, key)):
            if isinstance(e, dict):
                iss = e.get("issuer")
                value = f"endorsed by {label(iss) or 'an endorser'}"
            else:
                value = "endorsement (VC-JWT)"
            c.add("quality-assurance", value, ep, f"OB3 {who} {key}")


def _agent(c: Collector, agent: Any, p: str, who: str, *, body: bool = True) -> None:
    if isinstance(agent, str):
        if body:
            c.add("awarding-body", agent, p, f"OB3 {who} (IRI)")
        return
    if not isinstance(agent, dict):
        return
    if body:
        name = text(agent.get("name"))
        if name:
            c.add("awarding-body", name, join(p, "name"), f"OB3 {who} name")
        elif isinstance(agent.get("id"), str):
            c.add("awarding-body", agent["id"], join(p, "id"), f"OB3 {who} id")
    for addr, adp in dicts(agent.get("address"), join(p, "address")):
        for key in ("addressCountryCode", "addressCountry", "addressRegion"):
            v = text(addr.get(key))
            if v:
                c.add("issuer-country", v, join(adp, key), f"OB3 {who} address {key}", terms=terms(v))
    parent = agent.get("parentOrg")
    if isinstance(parent, dict):
        _agent(c, parent, join(p, "parentOrg"), f"{who} parentOrg", body=False)
    _endorsements(c, agent, p, who)


def achievement(c: Collector, ach: dict[str, Any], ap: str) -> None:
    """The elements an Achievement carries (also a standalone Achievement document)."""
    c.add("title", text(ach.get("name")), join(ap, "name"), "OB3 achievement name")
    c.expect("title", ap)
    _alignments(c, ach, ap)
    crit = ach.get("criteria")
    if isinstance(crit, dict):
        c.add(
            "learning-outcomes",
            text(crit.get("narrative")),
            join(ap, "criteria", "narrative"),
            "OB3 achievement criteria narrative",
        )
        crit_id = crit.get("id")
        if isinstance(crit_id, str) and crit_id.startswith(("http://", "https://")):
            c.add("further-information", crit_id, join(ap, "criteria", "id"), "OB3 achievement criteria id")
    credits = number(ach.get("creditsAvailable"))
    if credits is not None:
        c.add(
            "workload",
            f"{ach.get('creditsAvailable')} credits",
            join(ap, "creditsAvailable"),
            "OB3 creditsAvailable (credit units, read as ECTS)",
            ects=credits,
            credits=credits,
        )
    edubadges.extract(ach, ap, c)
    c.add(
        "further-information",
        text(ach.get("description")),
        join(ap, "description"),
        "OB3 achievement description",
    )
    aid = ach.get("id")
    if isinstance(aid, str) and aid.startswith(("http://", "https://")):
        c.add("further-information", aid, join(ap, "id"), "OB3 achievement id (web page)")
    creator = ach.get("creator")
    if creator is not None:
        _agent(c, creator, join(ap, "creator"), "achievement creator")
    _endorsements(c, ach, ap, "achievement")
    for el in ACHIEVEMENT_ELEMENTS:
        c.expect(el, ap)


def extract(cred: Any, c: Collector, *, standalone_achievement: bool = False) -> None:
    if not isinstance(cred, dict):
        return
    if standalone_achievement:
        achievement(c, cred, "")
        c.expect("awarding-body", "")
        c.expect("issuer-country", "")
        return
    subjects = list(dicts(cred.get("credentialSubject"), "/credentialSubject"))
    c.expect("learner", "/credentialSubject" if subjects else "")
    for subj, sp in subjects:
        if isinstance(subj.get("id"), str):
            c.add("learner", subj["id"], join(sp, "id"), "OB3 credentialSubject id")
        for ident, ip in dicts(subj.get("identifier"), join(sp, "identifier")):
            c.add(
                "learner",
                text(ident.get("identityHash")),
                join(ip, "identityHash"),
                f"OB3 IdentityObject ({ident.get('identityType', 'identifier')})",
            )
        c.add("learner", text(subj.get("name")), join(sp, "name"), "OB3 credentialSubject name")
        ach = subj.get("achievement")
        if isinstance(ach, dict):
            achievement(c, ach, join(sp, "achievement"))
        else:
            where = join(sp, "achievement") if "achievement" in subj else sp
            for el in ("title", "learning-outcomes", "workload", "level", "assessment-type"):
                c.expect(el, where)
        for r, rp in dicts(subj.get("result"), join(sp, "result")):
            for key in ("value", "achievedLevel", "status"):
                v = r.get(key)
                if isinstance(v, str | int | float) and not isinstance(v, bool):
                    c.add("grade", v, join(rp, key), f"OB3 Result {key}")
                    break
        c.expect("grade", join(sp, "result") if "result" in subj else sp)
    if not c.has("title"):
        c.add("title", text(cred.get("name")), "/name", "OB3 credential name")

    issuer = cred.get("issuer")
    _agent(c, issuer, "/issuer", "issuer")
    c.expect("awarding-body", "/issuer" if issuer is not None else "")
    c.expect(
        "issuer-country",
        "/issuer/address"
        if isinstance(issuer, dict) and "address" in issuer
        else ("/issuer" if issuer else ""),
    )
    _endorsements(c, cred, "", "credential")

    for key in ("awardedDate", "validFrom", "issuanceDate"):
        if isinstance(cred.get(key), str):
            c.add("issue-date", cred[key], f"/{key}", f"OB3 {key}")
    c.expect("issue-date", "")
