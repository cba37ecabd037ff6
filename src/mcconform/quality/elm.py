"""Standard elements in a European Digital Credential (European Learning Model v3).

Where ELM v3 keeps each Annex I element (pointers relative to the credential):

=====================  ==================================================================
learner                ``credentialSubject`` (Person): ``fullName`` / given + family name, else ``id``
title                  claim ``title``; its specification's ``title``
issuer-country         ``location.address.countryCode`` (and ``location.spatialCode``, the region)
                       of the awarding body and of the credential's ``issuer``
awarding-body          claim ``awardedBy`` (AwardingProcess) ``awardingBody``
issue-date             AwardingProcess ``awardingDate``; credential ``issued`` / ``issuanceDate``
                       (``validFrom`` when none of them is given)
learning-outcomes      specification ``learningOutcome`` / ``learningOutcomeSummary``
workload               specification ``volumeOfLearning`` (ISO 8601 duration -> hours) and
                       ``creditPoint`` (CreditPoint: ``framework`` ECTS -> ECTS, ``point``)
level                  specification ``eqfLevel`` (EQF concept) and ``nqfLevel``
assessment-type        LearningAssessment (claim ``provenBy``) ``specifiedBy.dcType``; the
                       specification's ``provenBy`` (LearningAssessmentSpecification) ``dcType``
participation-form     specification ``mode``; ``learningSetting``; the LearningActivity's ``mode``
quality-assurance      ``accreditation`` of the specification (Qualification), the awarding body,
                       the issuer or an ``evidence`` (the accredited profile); its ``dcType``
prerequisites          specification ``entryRequirement``
supervision            LearningAssessment ``idVerification`` (supervision-verification vocabulary)
grade                  LearningAssessment ``grade``
stackability           specification ``isPartialQualification``, ``isPartOf`` / ``hasPart``,
                       ``entitlesTo``
further-information    ``homepage``, ``supplementaryDocument``, ``additionalNote``, ``description``
=====================  ==================================================================
"""

from __future__ import annotations

import re
from typing import Any

from ..pointer import join
from .base import (
    Collector,
    dicts,
    duration_hours,
    eqf_level,
    identity_verified,
    items,
    label,
    node_id,
    number,
    terms,
    text,
)

ECTS_FRAMEWORK = "http://data.europa.eu/snb/education-credit/6fcec5c5af"


def _is_ects(framework: Any) -> bool:
    if node_id(framework) == ECTS_FRAMEWORK:
        return True
    lab = (label(framework) or "").lower()
    return "ects" in lab or "european credit transfer" in lab


def _country(node: Any) -> str | None:
    ident = node_id(node) or ""
    m = re.search(r"/country/([A-Z0-9_]+)$", ident)
    name = label(node) if isinstance(node, dict) else None
    if m and name and name != ident:
        return f"{name} ({m.group(1)})"
    return name or (m.group(1) if m else None)


def _locations(c: Collector, agent: dict[str, Any], ap: str, who: str) -> None:
    for loc, lp in dicts(agent.get("location"), join(ap, "location")):
        for addr, adp in dicts(loc.get("address"), join(lp, "address")):
            cc = addr.get("countryCode")
            if cc is not None:
                c.add(
                    "issuer-country",
                    _country(cc),
                    join(adp, "countryCode"),
                    f"ELM {who} Address countryCode",
                    terms=terms(cc),
                )
        sc = loc.get("spatialCode")
        if sc is not None:
            c.add("issuer-country", label(sc), join(lp, "spatialCode"), f"ELM {who} Location spatialCode")


def _accreditation(c: Collector, node: dict[str, Any], p: str, who: str) -> None:
    for acc, ap in items(node.get("accreditation"), join(p, "accreditation")):
        value = label(acc) if isinstance(acc, dict) else acc
        if isinstance(acc, dict) and acc.get("dcType") is not None:
            value = f"{label(acc.get('dcType'))}: {value}" if value else label(acc.get("dcType"))
        c.add("quality-assurance", value, ap, f"ELM {who} accreditation", terms=terms(acc))


def _further(c: Collector, node: dict[str, Any], p: str, who: str) -> None:
    for key in ("homepage", "supplementaryDocument", "additionalNote", "description"):
        for v, vp in items(node.get(key), join(p, key)):
            value = v.get("contentURL") if isinstance(v, dict) and "contentURL" in v else label(v)
            if isinstance(v, dict) and key in ("description",):
                value = text(v)
            c.add("further-information", value, vp, f"ELM {who} {key}")


def _specification(c: Collector, spec: dict[str, Any], sp: str) -> None:
    who = next((t for t in _types(spec) if t in ("Qualification", "LearningAchievementSpecification")), None)
    who = who or "LearningAchievementSpecification"
    c.add("title", text(spec.get("title")), join(sp, "title"), f"ELM {who} title")
    outcomes = []
    lop = join(sp, "learningOutcome")
    for lo, _p in items(spec.get("learningOutcome"), lop):
        t = label(lo)
        if t:
            outcomes.append(t)
    if outcomes:
        c.add("learning-outcomes", outcomes, lop, f"ELM {who} learningOutcome")
    summary = spec.get("learningOutcomeSummary")
    if summary is not None:
        c.add(
            "learning-outcomes",
            label(summary),
            join(sp, "learningOutcomeSummary"),
            f"ELM {who} learningOutcomeSummary",
        )
    c.expect("learning-outcomes", sp)

    vol = spec.get("volumeOfLearning")
    if vol is not None:
        hours, why = duration_hours(vol)
        c.add(
            "workload",
            f"{vol} ({_fmt(hours)} hours)" if hours is not None else vol,
            join(sp, "volumeOfLearning"),
            f"ELM {who} volumeOfLearning",
            hours=hours,
            unreadable=why,
        )
    for cp, cpp in dicts(spec.get("creditPoint"), join(sp, "creditPoint")):
        pts = number(cp.get("point"))
        fw = cp.get("framework")
        ects = _is_ects(fw)
        name = "ECTS" if ects else (label(fw) or "credits")
        c.add(
            "workload",
            f"{cp.get('point')} {name}",
            cpp,
            "ELM CreditPoint",
            ects=pts if ects else None,
            credits=pts,
            unreadable=None if pts is not None else f"creditPoint point {cp.get('point')!r} is not a number",
        )
    c.expect("workload", sp)

    eqf = spec.get("eqfLevel")
    if eqf is not None:
        c.add(
            "level",
            label(eqf),
            join(sp, "eqfLevel"),
            f"ELM {who} eqfLevel",
            eqf=eqf_level(node_id(eqf), label(eqf)),
        )
    for nqf, np_ in items(spec.get("nqfLevel"), join(sp, "nqfLevel")):
        c.add("level", label(nqf), np_, f"ELM {who} nqfLevel", nqf=label(nqf))
    c.expect("level", sp)

    mode = spec.get("mode")
    for m, mp in items(mode, join(sp, "mode")):
        c.add("participation-form", label(m), mp, f"ELM {who} mode", terms=terms(m))
    for s, spp in items(spec.get("learningSetting"), join(sp, "learningSetting")):
        c.add("participation-form", label(s), spp, f"ELM {who} learningSetting", terms=terms(s))
    c.expect("participation-form", sp)

    for las, lasp in dicts(spec.get("provenBy"), join(sp, "provenBy")):
        _assessment_spec(c, las, lasp)

    _accreditation(c, spec, sp, who)
    c.expect("quality-assurance", sp)

    for er, erp in items(spec.get("entryRequirement"), join(sp, "entryRequirement")):
        c.add("prerequisites", label(er), erp, f"ELM {who} entryRequirement")
    c.expect("prerequisites", sp)

    partial = spec.get("isPartialQualification")
    if isinstance(partial, bool):
        c.add(
            "stackability",
            "partial qualification" if partial else "full qualification (not part of another)",
            join(sp, "isPartialQualification"),
            f"ELM {who} isPartialQualification",
        )
    for key in ("isPartOf", "hasPart", "entitlesTo"):
        for v, vp in items(spec.get(key), join(sp, key)):
            c.add("stackability", label(v), vp, f"ELM {who} {key}")
    c.expect("stackability", sp)
    _further(c, spec, sp, who)
    c.expect("further-information", sp)


def _assessment_spec(c: Collector, las: dict[str, Any], lasp: str) -> None:
    dc = las.get("dcType")
    if dc is not None:
        for d, dp in items(dc, join(lasp, "dcType")):
            c.add(
                "assessment-type",
                label(d),
                dp,
                "ELM LearningAssessmentSpecification dcType",
                terms=terms(d),
            )
    c.expect("assessment-type", lasp)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("type", node.get("@type"))
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else str(x)


def _claim(c: Collector, claim: dict[str, Any], cp: str) -> None:
    c.add("title", text(claim.get("title")), join(cp, "title"), "ELM LearningAchievement title")
    c.expect("title", cp)
    for proc, pp in dicts(claim.get("awardedBy"), join(cp, "awardedBy")):
        for body, bp in items(proc.get("awardingBody"), join(pp, "awardingBody")):
            c.add("awarding-body", label(body), bp, "ELM AwardingProcess awardingBody")
            if isinstance(body, dict):
                _locations(c, body, bp, "awarding body")
                _accreditation(c, body, bp, "awarding body")
        date = proc.get("awardingDate")
        if isinstance(date, str):
            c.add("issue-date", date, join(pp, "awardingDate"), "ELM AwardingProcess awardingDate")
        c.expect("awarding-body", pp)
        c.expect("issuer-country", join(pp, "awardingBody"))
    c.expect("awarding-body", cp)

    for spec, sp in dicts(claim.get("specifiedBy"), join(cp, "specifiedBy")):
        _specification(c, spec, sp)
    for field in ("learning-outcomes", "workload", "level", "participation-form", "quality-assurance"):
        c.expect(field, cp)

    for la, lap in dicts(claim.get("provenBy"), join(cp, "provenBy")):
        for las, lasp in dicts(la.get("specifiedBy"), join(lap, "specifiedBy")):
            _assessment_spec(c, las, lasp)
        c.expect("assessment-type", lap)
        idv = la.get("idVerification")
        if idv is not None:
            lab = label(idv)
            c.add(
                "supervision",
                lab,
                join(lap, "idVerification"),
                "ELM LearningAssessment idVerification",
                identity_verified=identity_verified(lab),
                terms=terms(idv),
            )
        c.expect("supervision", lap)
        for g, gp in items(la.get("grade"), join(lap, "grade")):
            c.add("grade", label(g), gp, "ELM LearningAssessment grade")
        c.expect("grade", lap)
    c.expect("assessment-type", cp)
    c.expect("supervision", cp)
    c.expect("grade", cp)

    # the learning activity (influencedBy): its mode, and what it says about itself
    for act, ap in dicts(claim.get("influencedBy"), join(cp, "influencedBy")):
        _further(c, act, ap, "LearningActivity")
        for aspec, asp in dicts(act.get("specifiedBy"), join(ap, "specifiedBy")):
            for m, mp in items(aspec.get("mode"), join(asp, "mode")):
                c.add(
                    "participation-form",
                    label(m),
                    mp,
                    "ELM LearningActivitySpecification mode",
                    terms=terms(m),
                )

    for key in ("isPartOf", "hasPart"):
        for v, vp in items(claim.get(key), join(cp, key)):
            c.add("stackability", label(v), vp, f"ELM LearningAchievement {key}")
    _further(c, claim, cp, "LearningAchievement")


def extract(cred: Any, c: Collector) -> None:
    if not isinstance(cred, dict):
        return
    c.expect("learner", "/credentialSubject" if "credentialSubject" in cred else "")
    for subj, sp in dicts(cred.get("credentialSubject"), "/credentialSubject"):
        name = text(subj.get("fullName"))
        if name:
            c.add("learner", name, join(sp, "fullName"), "ELM Person fullName")
        else:
            given, family = text(subj.get("givenName")), text(subj.get("familyName"))
            if given or family:
                c.add(
                    "learner",
                    " ".join(x for x in (given, family) if x),
                    join(sp, "givenName" if given else "familyName"),
                    "ELM Person givenName / familyName",
                )
            elif isinstance(subj.get("id"), str):
                c.add("learner", subj["id"], join(sp, "id"), "ELM Person id")
        claims = list(dicts(subj.get("hasClaim"), join(sp, "hasClaim")))
        for claim, cp in claims:
            _claim(c, claim, cp)
        if not claims:
            for el in ("title", "awarding-body", "learning-outcomes", "workload", "level"):
                c.expect(el, join(sp, "hasClaim") if "hasClaim" in subj else sp)

    issuer = cred.get("issuer")
    if isinstance(issuer, dict):
        _locations(c, issuer, "/issuer", "issuer")
        _accreditation(c, issuer, "/issuer", "issuer")
        if not c.has("awarding-body"):
            c.add("awarding-body", label(issuer), "/issuer", "ELM credential issuer")
    elif isinstance(issuer, str) and not c.has("awarding-body"):
        c.add("awarding-body", issuer, "/issuer", "ELM credential issuer")
    c.expect("issuer-country", "/issuer" if "issuer" in cred else "")
    c.expect("awarding-body", "")

    for ev, evp in dicts(cred.get("evidence"), "/evidence"):
        _accreditation(c, ev, evp, "evidence")

    for key in ("issued", "issuanceDate"):
        if isinstance(cred.get(key), str):
            c.add("issue-date", cred[key], f"/{key}", f"ELM credential {key}")
    if not c.has("issue-date") and isinstance(cred.get("validFrom"), str):
        c.add("issue-date", cred["validFrom"], "/validFrom", "ELM credential validFrom")
    c.expect("issue-date", "")
