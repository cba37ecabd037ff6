"""The value transforms the ``ob3-elm`` table names (``transform = "address"`` ...): each turns
one Open Badges 3.0 value into its ELM node(s) in the European Digital Credential that
:mod:`mcconform.portability.ob3_elm` builds, and reports what it cannot carry or carries only
approximately.
"""

from __future__ import annotations

from typing import Any

from ..quality.base import eqf_level
from . import common
from .elm_nodes import Nodes, data_uri, embedded_original, vocab
from .tables import Row, Run


def _n(run: Run) -> Nodes:
    nodes: Nodes = run.extra["nodes"]
    return nodes


def provenance(value: Any, run: Run, row: Row) -> Any:
    ev = embedded_original(_n(run), run.source, "Open Badges 3.0 credential")
    run.target.setdefault("evidence", []).insert(0, ev)
    return None


def langtext(value: Any, run: Run, row: Row) -> Any:
    s = common.text(value, run, row)
    return _n(run).text(s) if isinstance(s, str) else None


def note(value: Any, run: Run, row: Row) -> Any:
    s = common.text(value, run, row)
    return _n(run).note(s) if isinstance(s, str) else None


def iri(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, str) and ":" in value:
        return value
    run.lost(row.src, f"{'.'.join(row.src)} is not an IRI; not carried", row.cite)
    return None


def webs(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return [_n(run).web(value)]
    run.lost(row.src, f"{'.'.join(row.src)} is not a web address; not carried", row.cite)
    return None


def email(value: Any, run: Run, row: Row) -> Any:
    if not isinstance(value, str) or "@" not in value:
        run.lost(row.src, "not an email address; not carried", row.cite)
        return None
    n = _n(run)
    return [
        {
            "id": n.id("contactPoint"),
            "type": "ContactPoint",
            "emailAddress": [{"id": f"mailto:{value}", "type": "Mailbox"}],
        }
    ]


def issued(value: Any, run: Run, row: Row) -> Any:
    run.approx(
        row.src,
        "validFrom is used as the EDC issue date (issued): OB 3.0 has no separate issue date",
        row.cite,
    )
    return value


def address(value: Any, run: Run, row: Row) -> Any:
    n = _n(run)
    addr = value[0] if isinstance(value, list) and value else value
    if not isinstance(addr, dict):
        run.lost(row.src, "the address is not an object; not carried", row.cite)
        return None
    out: dict[str, Any] = {"id": n.id("address"), "type": "Address"}
    code = addr.get("addressCountryCode")
    country = n.country(code) if isinstance(code, str) else None
    if country is not None:
        out["countryCode"] = country
    elif isinstance(code, str):
        run.lost(
            (*row.src, "addressCountryCode"),
            f"country code {code!r} is not in the EU country table; not carried",
            row.cite,
        )
    parts = [
        addr.get(k)
        for k in ("streetAddress", "postalCode", "addressLocality", "addressRegion", "addressCountry")
    ]
    full = ", ".join(p for p in parts if isinstance(p, str) and p)
    if full:
        out["fullAddress"] = n.note(full)
        run.approx(row.src, "the address parts are carried as one fullAddress text", row.cite)
    if "countryCode" not in out:
        run.requires(
            ("issuer", "location", "address", "countryCode"),
            "the ELM Address requires a countryCode concept; the source has none that maps",
            row.cite,
        )
        return None
    return [{"id": n.id("location"), "type": "Location", "address": [out]}]


def identifiers(value: Any, run: Run, row: Row) -> Any:
    out = []
    for ident in value if isinstance(value, list) else [value]:
        if isinstance(ident, dict) and isinstance(ident.get("identifier"), str):
            i: dict[str, Any] = {
                "id": _n(run).id("identifier"),
                "type": "Identifier",
                "notation": ident["identifier"],
            }
            if isinstance(ident.get("identifierType"), str):
                i["schemeName"] = ident["identifierType"]
            out.append(i)
    return out or None


def identity(value: Any, run: Run, row: Row) -> Any:
    subj = run.target["credentialSubject"]
    for ident in value if isinstance(value, list) else [value]:
        if not isinstance(ident, dict) or not isinstance(ident.get("identityHash"), str):
            continue
        itype, val = ident.get("identityType"), ident["identityHash"]
        if itype == "emailAddress" and ident.get("hashed") is not True:
            subj.setdefault("contactPoint", []).extend(email(val, run, row) or [])
            continue
        i = {
            "id": _n(run).id("identifier"),
            "type": "Identifier",
            "notation": val,
            "schemeName": str(itype or "identifier"),
        }
        subj.setdefault("identifier", []).append(i)
        if ident.get("hashed") is True:
            run.approx(
                row.src,
                "a hashed identity is carried as an Identifier notation (ELM has no hashed identities)",
                row.cite,
            )
    return None


def alignments(value: Any, run: Run, row: Row) -> Any:
    n = _n(run)
    spec = run.target["credentialSubject"]["hasClaim"]["specifiedBy"]
    for i, al in enumerate(value if isinstance(value, list) else [value]):
        if not isinstance(al, dict):
            continue
        ttype = str(al.get("targetType", "")).lower()
        fw = str(al.get("targetFramework", "")).lower()
        url = str(al.get("targetUrl", ""))
        where = (*row.src, str(i))
        if "eqf" in ttype or "eqf" in fw or "/snb/eqf/" in url:
            level = eqf_level(url, al.get("targetCode"), al.get("targetName"))
            if level is None:
                run.lost(
                    where, "an EQF alignment without a level 1-8; not carried (no default level)", row.cite
                )
                continue
            spec["eqfLevel"] = n.eqf(level)
        elif (
            "esco" in fw
            or "data.europa.eu/esco/" in url
            or ttype in ("ext:esco", "ceasn:competency", "ext:skill")
        ):
            lo: dict[str, Any] = {"id": n.id("learningOutcome"), "type": "LearningOutcome"}
            if isinstance(al.get("targetName"), str):
                lo["title"] = n.text(al["targetName"])
            if "data.europa.eu/esco/" in url:
                lo["relatedESCOSkill"] = [url]
            spec.setdefault("learningOutcome", []).append(lo)
        else:
            run.lost(
                where,
                f"alignment of type {al.get('targetType') or '(none)'}: ELM has no place for it "
                "(quality assurance needs an Accreditation with its agent)",
                row.cite,
            )
    return None


def ects(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        run.lost(row.src, "ECTS is not a number; not carried", row.cite)
        return None
    point = str(int(value)) if float(value).is_integer() else str(value)
    fw = _n(run).concept(vocab()["concepts"]["ects"], "European Credit Transfer System")
    return [{"id": _n(run).id("creditPoint"), "type": "CreditPoint", "framework": fw, "point": point}]


def hours(value: Any, run: Run, row: Row) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        run.lost(row.src, "not a number of hours; not carried", row.cite)
        return None
    return f"PT{int(value) if float(value).is_integer() else value}H"


def learning_setting(value: Any, run: Run, row: Row) -> Any:
    key = str(value).strip().lower().replace("_", "-").replace(" ", "-")
    iri_ = vocab()["learning_setting"].get(key.removesuffix("-learning"))
    if iri_ is None:
        run.lost(
            row.src, f"learning setting {value!r} is neither formal nor non-formal; not carried", row.cite
        )
        return None
    return _n(run).concept(iri_, str(value))


def mode(value: Any, run: Run, row: Row) -> Any:
    iri_ = vocab()["mode"].get(str(value).strip().lower())
    if iri_ is None:
        run.lost(
            row.src,
            f"participation {value!r} is not one europass mode (Online / Blended / Presential); not carried",
            row.cite,
        )
        return None
    return [_n(run).concept(iri_, str(value))]


def assessment_type(value: Any, run: Run, row: Row) -> Any:
    if not isinstance(value, str):
        return None
    run.approx(
        row.src,
        "the assessment type is carried as the title and a concept label of a "
        "LearningAssessmentSpecification "
        "(no ELM assessment vocabulary concept)",
        row.cite,
    )
    n = _n(run)
    return [
        {
            "id": n.id("learningAssessmentSpecification"),
            "type": "LearningAssessmentSpecification",
            "title": n.text(value),
            "dcType": [{"type": "Concept", "prefLabel": n.text(value)}],
        }
    ]


def results(value: Any, run: Run, row: Row) -> Any:
    n = _n(run)
    out = []
    for r in value if isinstance(value, list) else [value]:
        v = r.get("value") if isinstance(r, dict) else None
        if not isinstance(v, str | int | float) or isinstance(v, bool):
            continue
        la = {
            "id": n.id("learningAssessment"),
            "type": "LearningAssessment",
            "title": n.text("Assessment"),
            "grade": n.note(str(v)),
            "awardedBy": {
                "id": run.target["credentialSubject"]["hasClaim"]["awardedBy"]["id"],
                "type": "AwardingProcess",
            },
        }
        out.append(la)
    if out:
        run.approx(
            row.src,
            "the result is carried as the grade of a LearningAssessment titled 'Assessment' "
            "(OB 3.0 results have no title)",
            row.cite,
        )
    return out or None


def language(value: Any, run: Run, row: Row) -> Any:
    c = _n(run).language(value) if isinstance(value, str) else None
    if c is None:
        run.lost(
            row.src,
            f"language {value!r} is not an EU language in the table; not carried as a concept",
            row.cite,
        )
    return [c] if c else None


def display_image(value: Any, run: Run, row: Row) -> Any:
    url = value.get("id") if isinstance(value, dict) else value
    got = data_uri(url) if isinstance(url, str) else None
    if got is None:
        run.lost(
            row.src,
            "the image is a URL: the EDC display image must embed its content (mcconform does not fetch it)",
            row.cite,
        )
        return None
    run.target["displayParameter"]["individualDisplay"]["displayDetail"]["image"] = _n(run).media(*got)
    return None


TRANSFORMS = {
    "copy": common.copy,
    "provenance": provenance,
    "langtext": langtext,
    "note": note,
    "iri": iri,
    "webs": webs,
    "email": email,
    "issued": issued,
    "address": address,
    "identifiers": identifiers,
    "identity": identity,
    "alignments": alignments,
    "ects": ects,
    "hours": hours,
    "learning_setting": learning_setting,
    "mode": mode,
    "assessment_type": assessment_type,
    "results": results,
    "language": language,
    "display_image": display_image,
}
