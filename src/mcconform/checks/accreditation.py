"""ELM accreditation coverage: is the credential covered by the accreditation it states?

Follows the European Digital Credentials viewer's accreditation check (edci-commons
``QMSAccreditationsService.isCoveredCredential``; see ``../shared/notes``):

* an *accredited* credential (``credentialProfiles`` Accredited ``c_ae121a00`` or Diploma
  Supplement ``6dff8a0f87``, or a declared ``edc-accredited`` schema) carries an
  ``evidence`` with an ``accreditation`` (EDC-accredited shapes: exactly one);
* the credential was issued within the accreditation's validity, ``[dateIssued, expiryDate]``;
* the accreditation's limits cover the credential: ``limitCredentialType`` (the credential's
  profiles), and for each achievement ``limitQualification`` (its specification's id),
  ``limitField`` (its ``thematicArea``, ISCED-F: a broader field covers a narrower one),
  ``limitEQFLevel`` (its ``eqfLevel``) and ``limitJurisdiction`` (the country of the awarding
  body or issuer, compared with the country of each country or ATU limit).

Accreditations are read where ELM puts them: the evidence, the issuer, the awarding bodies
and the achievement specifications.  Without the accredited profile, the credential is covered
when one of the accreditations it states covers it; findings are reported only when none does.
An accreditation given only by its IRI cannot be judged offline (``accreditation.not-checked``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from ..detect import as_list
from ..document import Document
from ..pointer import join
from ..quality.base import dicts, eqf_level, label, node_id
from ..report import Finding
from ..rules import Rule, rule
from . import CheckContext, check

SPEC = (
    "European Learning Model v3: Accreditation (limit*, dateIssued, expiryDate); "
    "EDC-accredited application profile"
)
ACCREDITED_PROFILES = {
    "http://data.europa.eu/snb/credential/c_ae121a00",  # Accredited
    "http://data.europa.eu/snb/credential/6dff8a0f87",  # Diploma Supplement (imports edc-accredited)
}
ACCREDITED_SCHEMAS = {
    "http://data.europa.eu/snb/model/ap/edc-accredited",
    "http://data.europa.eu/snb/model/ap/edc-diploma-supplement",
}

MISSING = rule(
    "accreditation.missing",
    "error",
    "An accredited credential states no accreditation.",
    "EDC-accredited application profile: Evidence elm:accreditation 1..1",
    """
    A credential issued under the Accredited (or Diploma Supplement) credential profile must carry
    an ``evidence`` whose ``accreditation`` is the accreditation that covers it; the EDC viewer
    reports ACCREDITED_CRED_NO_ACCREDITATION_FOUND otherwise.
    PASS: ``"evidence": {"accreditation": {"type": "Accreditation", ...}}``.
    FAIL: ``"credentialProfiles": {"id": ".../credential/c_ae121a00"}`` and no such evidence.
    """,
)
NOT_VALID = rule(
    "accreditation.not-valid-at-issuance",
    "error",
    "The credential was issued outside the validity of its accreditation.",
    SPEC,
    """
    The credential's issuance date (``issuanceDate`` / ``issued`` / ``validFrom``) must lie within
    the accreditation's ``dateIssued`` (dcterms:issued) .. ``expiryDate``.
    PASS: accreditation issued 2020-01-01, expiryDate 2030-01-01; credential issued 2024-05-01.
    FAIL: accreditation expiryDate 2022-12-31; credential issued 2024-05-01.
    """,
)


def _limit_rule(name: str, prop: str, what: str, severity: Any = "error") -> Rule:
    return rule(
        f"accreditation.limit-{name}",
        severity,
        f"The accreditation's {prop} does not cover the credential's {what}.",
        SPEC,
        f"""
        An accreditation limited by ``{prop}`` covers only credentials whose {what} is among the
        limits.  PASS: the {what} is listed in ``{prop}``.  FAIL: ``{prop}`` lists other values
        than the credential's {what}.
        """,
    )


LIMIT_QUALIFICATION = _limit_rule("qualification", "limitQualification", "qualification (specifiedBy id)")
LIMIT_FIELD = _limit_rule("field", "limitField", "field of education (thematicArea, ISCED-F)")
LIMIT_EQF = _limit_rule("eqf-level", "limitEQFLevel", "EQF level (eqfLevel)")
LIMIT_JURISDICTION = _limit_rule(
    "jurisdiction", "limitJurisdiction", "country (awarding body or issuer address)", "warning"
)
LIMIT_TYPE = _limit_rule("credential-type", "limitCredentialType", "credential profile (credentialProfiles)")
NOT_CHECKED = rule(
    "accreditation.not-checked",
    "info",
    "The accreditation's coverage could not be checked offline.",
    SPEC,
    """
    An accreditation given only by its IRI (e.g. a DEQAR report permalink), or a credential with
    no readable issuance date, cannot be judged without fetching the accreditation: the result
    is "not verified", never a pass.  Pass a registry snapshot to ``mcconform audit --registry``.
    """,
)


def parse_date(value: Any) -> date | None:
    """The calendar date of an ISO 8601 date or date-time string."""
    if not isinstance(value, str):
        return None
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def issuance(cred: dict[str, Any]) -> tuple[date | None, str]:
    for key in ("issuanceDate", "issued", "validFrom"):
        d = parse_date(cred.get(key))
        if d is not None:
            return d, key
    return None, ""


def _ids(value: Any) -> set[str]:
    out: set[str] = set()
    for v in as_list(value):
        i = node_id(v)
        if i:
            out.add(i)
        if isinstance(v, dict):
            for ident in as_list(v.get("identifier")):
                if isinstance(ident, dict) and isinstance(ident.get("notation"), str):
                    out.add(ident["notation"])
    return out


def _node_ids(value: Any) -> list[str]:
    """The ids of the nodes (or IRIs) in ``value``; "" for an item that has none."""
    return [node_id(v) or (v if isinstance(v, str) else "") for v in as_list(value)]


def _isced(value: Any) -> set[str]:
    out = set()
    for i in _node_ids(value):
        m = re.search(r"isced-f/(\d{2,4})$", i)
        if m:
            out.add(m.group(1))
    return out


def _countries(value: Any) -> set[str]:
    out = set()
    for i in _node_ids(value):
        # a country, or an administrative territorial unit (its code starts with the country's)
        m = re.search(r"/authority/(?:country/([A-Z]{3})$|atu/([A-Z]{3})(?:_|$))", i)
        if m:
            out.add(m.group(1) or m.group(2))
    return out


def _agent_countries(agent: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(agent, dict):
        for loc in as_list(agent.get("location")):
            if isinstance(loc, dict):
                for addr in as_list(loc.get("address")):
                    if isinstance(addr, dict):
                        out |= _countries(addr.get("countryCode"))
    return out


def accreditations(cred: dict[str, Any], base: str) -> Iterator[tuple[Any, str, str]]:
    """``(accreditation, pointer, where)`` for every accreditation the credential states."""
    for ev, ep in dicts(cred.get("evidence"), join(base, "evidence")):
        for acc, ap in _items(ev.get("accreditation"), join(ep, "accreditation")):
            yield acc, ap, "evidence"
    issuer = cred.get("issuer")
    if isinstance(issuer, dict):
        for acc, ap in _items(issuer.get("accreditation"), join(base, "issuer", "accreditation")):
            yield acc, ap, "issuer"
    for _claim, cp, subj_claim in _claims(cred, base):
        for proc, pp in dicts(subj_claim.get("awardedBy"), join(cp, "awardedBy")):
            for body, bp in dicts(proc.get("awardingBody"), join(pp, "awardingBody")):
                for acc, ap in _items(body.get("accreditation"), join(bp, "accreditation")):
                    yield acc, ap, "awarding body"
        for spec, sp in dicts(subj_claim.get("specifiedBy"), join(cp, "specifiedBy")):
            for acc, ap in _items(spec.get("accreditation"), join(sp, "accreditation")):
                yield acc, ap, "specification"


def _items(value: Any, pointer: str) -> Iterator[tuple[Any, str]]:
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield v, join(pointer, i)
    elif value is not None:
        yield value, pointer


def _claims(cred: dict[str, Any], base: str) -> Iterator[tuple[Any, str, dict[str, Any]]]:
    for subj, sp in dicts(cred.get("credentialSubject"), join(base, "credentialSubject")):
        for claim, cp in dicts(subj.get("hasClaim"), join(sp, "hasClaim")):
            yield subj, cp, claim


def accredited(cred: dict[str, Any]) -> bool:
    if _ids(cred.get("credentialProfiles")) & ACCREDITED_PROFILES:
        return True
    schemas = as_list(cred.get("credentialSchema"))
    return any(isinstance(s, dict) and s.get("id") in ACCREDITED_SCHEMAS for s in schemas)


def coverage(cred: dict[str, Any], acc: dict[str, Any], ap: str, base: str) -> list[Finding]:
    """The findings of one accreditation against the credential (empty: it covers it)."""
    out: list[Finding] = []
    name = label(acc) or node_id(acc) or "the accreditation"
    issued, key = issuance(cred)
    start = parse_date(acc.get("dateIssued", acc.get("issued")))
    end = parse_date(acc.get("expiryDate"))
    if issued is None:
        out.append(NOT_CHECKED.finding(
            f"{name}: the credential has no readable issuance date; its validity was not compared",
            base,
        ))
    elif (start and issued < start) or (end and issued > end):
        out.append(NOT_VALID.finding(
            f"the credential was issued on {issued.isoformat()} ({key}), outside the validity of {name}: "
            f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}",
            join(ap, "expiryDate" if end and issued > end else "dateIssued"),
            value=issued.isoformat(),
        ))
    types = _ids(acc.get("limitCredentialType"))
    if types and not (_ids(cred.get("credentialProfiles")) & types):
        out.append(LIMIT_TYPE.finding(
            f"{name} is limited to credential types {sorted(types)}; the credential's profiles "
            f"{sorted(_ids(cred.get('credentialProfiles'))) or '(none)'} are not among them",
            join(ap, "limitCredentialType"),
        ))
    quals = _ids(acc.get("limitQualification"))
    fields = _isced(acc.get("limitField"))
    levels = {lv for v in as_list(acc.get("limitEQFLevel")) if (lv := eqf_level(node_id(v), label(v)))}
    lands = _countries(acc.get("limitJurisdiction"))
    countries = _agent_countries(cred.get("issuer"))
    for _subj, cp, claim in _claims(cred, base):
        for proc in as_list(claim.get("awardedBy")):
            if isinstance(proc, dict):
                for body in as_list(proc.get("awardingBody")):
                    countries |= _agent_countries(body)
        for spec, sp in dicts(claim.get("specifiedBy"), join(cp, "specifiedBy")):
            if quals and not (_ids(spec) & quals):
                out.append(LIMIT_QUALIFICATION.finding(
                    f"{name} is limited to qualifications {sorted(quals)}; this achievement is specified "
                    f"by {sorted(_ids(spec)) or '(no id)'}",
                    sp,
                ))
            if fields:
                own = _isced(spec.get("thematicArea"))
                if own and not any(f.startswith(lim) for f in own for lim in fields):
                    out.append(LIMIT_FIELD.finding(
                        f"{name} is limited to the fields (ISCED-F) {sorted(fields)}; this achievement's "
                        f"field is {sorted(own)}",
                        join(sp, "thematicArea"),
                    ))
            level = eqf_level(node_id(spec.get("eqfLevel")), label(spec.get("eqfLevel")))
            if levels and level is not None and level not in levels:
                out.append(LIMIT_EQF.finding(
                    f"{name} is limited to EQF level(s) {sorted(levels)}; this achievement is at EQF "
                    f"level {level}",
                    join(sp, "eqfLevel"),
                    value=str(level),
                ))
    if lands and countries and not (countries & lands):
        out.append(LIMIT_JURISDICTION.finding(
            f"{name} is limited to the jurisdictions {sorted(lands)}; the issuer and awarding bodies "
            f"are in {sorted(countries)}",
            join(ap, "limitJurisdiction"),
        ))
    return out


@check("accreditation")
def check_accreditation(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    base = doc.base
    found = list(accreditations(cred, base))
    strict = accredited(cred)
    if strict and not any(where == "evidence" for _a, _p, where in found):
        yield MISSING.finding(
            "the credential is issued under an accredited credential profile but no evidence "
            "carries an accreditation",
            join(base, "evidence") if "evidence" in cred else base,
        )
    judged: list[list[Finding]] = []
    seen: set[str] = set()
    for acc, ap, where in found:
        if strict and where != "evidence":
            continue
        if not isinstance(acc, dict):
            if strict:
                yield NOT_CHECKED.finding(
                    f"the accreditation {acc!r} is given only by reference; its validity and limits "
                    "were not checked offline",
                    ap,
                )
            continue
        ident = node_id(acc) or ap
        if ident in seen:
            continue
        seen.add(ident)
        judged.append(coverage(cred, acc, ap, base))
    if not judged:
        return
    if strict or all(any(f.severity != "info" for f in fs) for fs in judged):
        for findings in judged:
            yield from findings
