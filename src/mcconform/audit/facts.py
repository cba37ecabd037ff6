"""What the cross-document audits need of one document, extracted where it was checked.

:func:`extract` returns a small plain dictionary (it travels from worker processes to the
audit): the credential id, its issuance date, whether it carries a status entry, the issuer's
name, address and keys, each achievement's workload, level and assessment type, the ELM
stacking links (``hasPart`` / ``isPartOf`` / ``entitlesTo``) with credit points, and the
problems of the CLR 2.0 associations inside the document (they refer to achievements of the
same CLR, so they are judged here).  :mod:`mcconform.audit.consistency` and
:mod:`mcconform.audit.stacking` aggregate these across the export.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import detect
from ..checks.accreditation import accreditations, issuance, parse_date
from ..detect import as_list
from ..quality.base import dicts, eqf_level, label, node_id, number

if TYPE_CHECKING:
    from ..document import Document

MAX_LINKS = 50  # stacking links kept per specification
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
#: CLR 2.0 association types and their inverses
INVERSE = {"isChildOf": "isParentOf", "isParentOf": "isChildOf"}
ORDERING = {"isChildOf", "isParentOf", "isPartOf", "precedes", "isPeerOf", "exactMatchOf", "isRelatedTo"}
DIRECTED = {"isChildOf", "isParentOf", "isPartOf", "precedes"}


def _short(value: Any, n: int = 200) -> str | None:
    if value is None:
        return None
    s = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "…"


def _address(agent: dict[str, Any]) -> str | None:
    parts = []
    for key in ("address", "location"):
        for node in as_list(agent.get(key)):
            if isinstance(node, dict):
                addr = node.get("address", node) if key == "location" else node
                parts.append(_short(addr))
    return " | ".join(p for p in parts if p) or None


def _keys(agent: dict[str, Any]) -> list[str]:
    out = []
    for key in ("publicKey", "verificationMethod", "otherIdentifier"):
        for k in as_list(agent.get(key)):
            ident = node_id(k) or _short(k)
            if ident and key != "otherIdentifier":
                out.append(ident)
    return sorted(set(out))


def _issuer(cred: dict[str, Any], kind: str) -> Any:
    if kind in (detect.OB3_PROFILE, detect.OB2_ISSUER):
        return cred
    if kind in (detect.OB2_ASSERTION, detect.OB1_ASSERTION):
        badge = cred.get("badge")
        return badge.get("issuer") if isinstance(badge, dict) else None
    if kind == detect.OB2_BADGECLASS:
        return cred.get("issuer")
    return cred.get("issuer")


def _issuer_facts(agent: Any) -> dict[str, Any] | None:
    if isinstance(agent, str):
        return {"id": agent}
    if not isinstance(agent, dict):
        return None
    ident = node_id(agent)
    name = label({k: agent[k] for k in ("name", "legalName", "prefLabel") if k in agent}) if agent else None
    acc_from = None
    for acc in as_list(agent.get("accreditation")):
        if isinstance(acc, dict):
            d = parse_date(acc.get("dateIssued", acc.get("issued")))
            if d is not None and (acc_from is None or d.isoformat() < acc_from):
                acc_from = d.isoformat()
    return {
        "id": ident,
        "name": name,
        "address": _address(agent),
        "keys": _keys(agent),
        "accredited_from": acc_from,
    }


def _credits(spec: dict[str, Any]) -> float | None:
    total = None
    for cp in as_list(spec.get("creditPoint")):
        if isinstance(cp, dict):
            fw = cp.get("framework")
            if node_id(fw) == ECTS or "ects" in (label(fw) or "").lower():
                pts = number(cp.get("point"))
                if pts is not None:
                    total = (total or 0.0) + pts
    if total is None:
        pts = number(spec.get("creditsAvailable"))  # OB 3.0 Achievement
        if pts is not None:
            total = pts
    return total


def _num(value: Any) -> str:
    """A number as written the same way whatever its JSON form (36, 36.0, "36")."""
    n = number(value)
    return f"{n:g}" if n is not None else str(value)


def _achievement(spec: dict[str, Any]) -> dict[str, Any]:
    workload = []
    if spec.get("volumeOfLearning") is not None:
        workload.append(f"volumeOfLearning {spec['volumeOfLearning']}")
    for cp in as_list(spec.get("creditPoint")):
        if isinstance(cp, dict):
            workload.append(f"{_num(cp.get('point'))} {label(cp.get('framework')) or 'credits'}")
    if spec.get("creditsAvailable") is not None:
        workload.append(f"{_num(spec['creditsAvailable'])} creditsAvailable")
    level = eqf_level(node_id(spec.get("eqfLevel")), label(spec.get("eqfLevel")))
    levels = [f"EQF {level}"] if level else []
    for al in as_list(spec.get("alignment")):
        if isinstance(al, dict) and "eqf" in str(al.get("targetFramework", "")).lower():
            levels.append(f"EQF {al.get('targetCode')}")
    assessment = []
    for las in as_list(spec.get("provenBy")):
        if isinstance(las, dict):
            assessment += [label(d) or node_id(d) or "" for d in as_list(las.get("dcType"))]
    return {
        "id": node_id(spec),
        "name": label({k: spec[k] for k in ("title", "name") if k in spec}),
        "workload": "; ".join(sorted(workload)) or None,
        "level": "; ".join(sorted(levels)) or None,
        "assessment": "; ".join(sorted(a for a in assessment if a)) or None,
    }


def _link_ids(value: Any) -> list[str]:
    return [i for v in as_list(value)[:MAX_LINKS] if (i := node_id(v) or (v if isinstance(v, str) else None))]


def _elm_specs(cred: dict[str, Any]) -> list[dict[str, Any]]:
    """Every specification (and inline part) with its links and ECTS credit points."""
    out: list[dict[str, Any]] = []

    def visit(spec: dict[str, Any], depth: int) -> None:
        if depth > 8 or len(out) >= MAX_LINKS:
            return
        out.append({
            "id": node_id(spec),
            "name": label({k: spec[k] for k in ("title",) if k in spec}),
            "credits": _credits(spec),
            "hasPart": _link_ids(spec.get("hasPart")),
            "isPartOf": _link_ids(spec.get("isPartOf")),
            "entitlesTo": _link_ids(spec.get("entitlesTo")),
        })
        for key in ("hasPart", "isPartOf"):
            for part in as_list(spec.get(key))[:MAX_LINKS]:
                if isinstance(part, dict) and len(part) > 2:  # an inline specification
                    visit(part, depth + 1)

    for subj, _p in dicts(cred.get("credentialSubject"), ""):
        for claim, _c in dicts(subj.get("hasClaim"), ""):
            for spec, _s in dicts(claim.get("specifiedBy"), ""):
                visit(spec, 0)
    return out


def clr_associations(cred: dict[str, Any]) -> dict[str, list[str]]:
    """Dangling, cyclic and one-sided CLR 2.0 associations of one CLR."""
    subject = cred.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    if not isinstance(subject, dict):
        return {}
    known: set[str] = set()
    for vc in as_list(subject.get("verifiableCredential")):
        if isinstance(vc, dict):
            for s in as_list(vc.get("credentialSubject")):
                ach = s.get("achievement") if isinstance(s, dict) else None
                if isinstance(ach, dict) and isinstance(ach.get("id"), str):
                    known.add(ach["id"])
    for a in as_list(subject.get("achievement")):
        if isinstance(a, dict) and isinstance(a.get("id"), str):
            known.add(a["id"])
    edges: list[tuple[str, str, str]] = []
    out: dict[str, list[str]] = {"dangling": [], "cycle": [], "inverse": []}
    for a in as_list(subject.get("association")):
        if not isinstance(a, dict):
            continue
        t, s, d = a.get("associationType"), a.get("sourceId"), a.get("targetId")
        if not (isinstance(t, str) and isinstance(s, str) and isinstance(d, str)):
            continue
        for end in (s, d):
            if end not in known:
                out["dangling"].append(f"{t} {s} -> {d}: {end} is not an achievement of this CLR")
        edges.append((t, s, d))
    present = set(edges)
    out["one_sided"] = []
    for t, s, d in edges:
        inv = INVERSE.get(t)
        if not inv:
            continue
        if (inv, s, d) in present and t == "isChildOf":
            out["inverse"].append(f"{s} is stated both isChildOf and isParentOf {d}")
        elif (inv, d, s) not in present:
            out["one_sided"].append(f"{t} {s} -> {d} has no {inv} {d} -> {s}")
    # cycles: child -> parent direction (isChildOf / isPartOf s->d, isParentOf d->s, precedes s->d)
    graph: dict[str, set[str]] = {}
    for t, s, d in edges:
        if t in ("isChildOf", "isPartOf", "precedes"):
            graph.setdefault(s, set()).add(d)
        elif t == "isParentOf":
            graph.setdefault(d, set()).add(s)
    out["cycle"] = _cycle(graph)
    return {k: v[:10] for k, v in out.items() if v}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    colour: dict[str, int] = {}
    for start in sorted(graph):
        if colour.get(start):
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph.get(start, ())))]
        path = [start]
        colour[start] = 1
        while stack:
            node, nexts = stack[-1]
            if not nexts:
                colour[node] = 2
                stack.pop()
                path.pop()
                continue
            nxt = nexts.pop(0)
            if colour.get(nxt) == 1:
                return [" -> ".join([*path[path.index(nxt):], nxt])]
            if not colour.get(nxt):
                colour[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(graph.get(nxt, ()))))
    return []


def extract(doc: Document) -> dict[str, Any] | None:
    """The facts of one checked document (None when it is unreadable or not an object)."""
    if not doc.readable or not isinstance(doc.credential, dict):
        return None
    cred = doc.credential
    kind = doc.kind
    issued, _key = issuance(cred)
    if issued is None and isinstance(cred.get("issuedOn"), str):  # OB 2.0
        issued = parse_date(cred["issuedOn"])
    facts: dict[str, Any] = {
        "id": cred.get("id") if isinstance(cred.get("id"), str) else None,
        "issued": issued.isoformat() if issued else None,
        "status": bool(cred.get("credentialStatus") or cred.get("revocationList")
                       or (kind == detect.OB2_ASSERTION and isinstance(cred.get("verify"), dict))),
        "credential": kind not in (detect.UNKNOWN, detect.UNREADABLE_KIND, detect.OB2_KEY,
                                   detect.OB2_REVOCATION_LIST, detect.STATUS_LIST, detect.HOSTED_REFERENCE,
                                   detect.OB3_PROFILE, detect.OB2_ISSUER, detect.OB3_ACHIEVEMENT,
                                   detect.OB2_BADGECLASS, detect.OB2_NODE),
        "profile": kind in (detect.OB3_PROFILE, detect.OB2_ISSUER),
        "issuer": _issuer_facts(_issuer(cred, kind)),
    }
    specs: list[dict[str, Any]] = []
    if kind == detect.EDC_CREDENTIAL:
        cited = [node_id(a) or (a if isinstance(a, str) else None) for a, _p, _w in accreditations(cred, "")]
        facts["accreditations"] = sorted({a for a in cited if a})[:MAX_LINKS]
        for subj, _p in dicts(cred.get("credentialSubject"), ""):
            for claim, _c in dicts(subj.get("hasClaim"), ""):
                specs += [s for s, _s in dicts(claim.get("specifiedBy"), "")]
        facts["elm"] = _elm_specs(cred)
    elif kind in (detect.OB2_BADGECLASS, detect.OB3_ACHIEVEMENT):
        specs = [cred]
    elif kind in (detect.OB2_ASSERTION,) and isinstance(cred.get("badge"), dict):
        specs = [cred["badge"]]
    else:
        for subj, _p in dicts(cred.get("credentialSubject"), ""):
            specs += [a for a, _a in dicts(subj.get("achievement"), "")]
    facts["achievements"] = [_achievement(s) for s in specs[:MAX_LINKS] if node_id(s)]
    if kind == detect.CLR_CREDENTIAL:
        facts["clr"] = clr_associations(cred)
    return facts
