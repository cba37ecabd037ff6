"""The accreditation-audit sections of an audit, as plain tables both audit renderers draw.

:func:`sections` turns the audit dictionary's ``consistency``, ``stacking``, ``registry`` and
per-achievement quality coverage into :class:`Section` tables of plain strings; the HTML and
Markdown audits escape and lay them out, so both show the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: info findings that report a success (a verified proof, seal, recipient, status), not a problem
SUCCESS_RULES = ("proof.verified", "seal.verified", "ob2.recipient-verified", "status.checked")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
LEAST_COVERED = 4


@dataclass
class Section:
    id: str
    title: str
    note: str
    headers: list[str]
    #: each cell is a string or a list of strings (shown as a list)
    rows: list[list[str | list[str]]] = field(default_factory=list)
    empty: str = "None found."
    #: figures that are the section's answer (shown above the table)
    count: int = 0
    #: relative column widths (HTML), e.g. ["30%", "10%", "60%"]
    widths: list[str] | None = None


def is_success(rule: str) -> bool:
    return rule in SUCCESS_RULES


def sort_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings by severity (errors first), then by count."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), -f["count"], f["rule"]))


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f} %"


def _values(values: list[dict[str, Any]]) -> list[str]:
    return [
        f"“{v['value']}” ({v['documents']} doc{'s' if v['documents'] != 1 else ''}, e.g. {v['example']}"
        + (", issuer profile" if v.get("from_profile") else "")
        + ")"
        for v in values
    ]


CONFLICT_WIDTHS = ["26%", "9%", "65%"]


def _conflicts(items: list[dict[str, Any]]) -> list[list[str | list[str]]]:
    return [[i["id"], name, _values(vals)] for i in items for name, vals in i["conflicts"].items()]


def sections(data: dict[str, Any]) -> list[Section]:
    out: list[Section] = []
    c = data.get("consistency")
    if c:
        out.append(Section(
            "issuer-consistency", "Issuer consistency",
            "One issuer id with different names, addresses or keys across the export (issuer "
            "profile documents included).",
            ["Issuer id", "Field", "Values"], _conflicts(c["issuer_conflicts"]),
            "Every issuer id has one name, one address and one key set.", len(c["issuer_conflicts"]),
            CONFLICT_WIDTHS,
        ))
        out.append(Section(
            "achievement-consistency", "Achievement consistency",
            "One achievement id with different workloads, levels or assessment types.",
            ["Achievement id", "Field", "Values"], _conflicts(c["achievement_conflicts"]),
            "Every achievement id states one workload, level and assessment type.",
            len(c["achievement_conflicts"]), CONFLICT_WIDTHS,
        ))
        dup = c["duplicate_ids"]
        out.append(Section(
            "duplicate-ids", "Duplicate credential ids",
            f"{dup['count']:,} credential(s) reuse the id of an earlier one.",
            ["Credential id", "Documents"], [[d["id"], d["sources"]] for d in dup["examples"]],
            "No credential id occurs twice.", dup["count"], ["40%", "60%"],
        ))
        early = c["issued_before_accreditation"]
        out.append(Section(
            "issued-before-accreditation", "Issued before the issuer's accreditation",
            f"{early['count']:,} credential(s) dated before the issuer's accreditation is valid.",
            ["Document", "Issuer", "Issued", "Accredited from"],
            [[x["source"], x["issuer"] or "", x["issued"], x["accredited_from"]] for x in early["examples"]],
            "No credential predates its issuer's accreditation.", early["count"],
        ))
        out.append(Section(
            "status-coverage", "Status entries per issuer",
            "Credentials that carry a status entry (revocation list, status list) per issuer.",
            ["Issuer", "Credentials", "With status", "Coverage"],
            [[s["issuer"], f"{s['credentials']:,}", f"{s['with_status']:,}", _pct(s["coverage"])]
             for s in c["status_coverage"]],
            "No issuer with credentials.", 0, ["55%", "15%", "15%", "15%"],
        ))
    s = data.get("stacking")
    if s:
        names = {"dangling": "CLR association does not resolve", "cycle": "CLR associations form a cycle",
                 "inverse": "CLR associations disagree with their inverse",
                 "one_sided": "CLR association stated one way only (allowed)"}
        rows: list[list[str | list[str]]] = [
            [names[what], x["source"], x["message"]] for what, v in s["clr"].items() for x in v["examples"]
        ]
        rows += [
            ["ELM link does not resolve", x["source"],
             f"{x['specification']} {x['link']} {x['target']}: not defined in the export"]
            for x in s["elm_dangling"]["examples"]
        ]
        rows += [["credit points do not add up", x["source"], x["message"]]
                 for x in s["credit_mismatches"]["examples"]]
        counts = {k: v["count"] for k, v in s["clr"].items()}
        out.append(Section(
            "stacking", "Stacking",
            f"CLR associations in {s['clr_documents']:,} CLR(s): {counts['dangling']:,} dangling, "
            f"{counts['cycle']:,} cycle(s), {counts['inverse']:,} contradicting inverse(s), "
            f"{counts.get('one_sided', 0):,} stated one way only (allowed); ELM: "
            f"{s['elm_specifications']:,} specification(s), {s['elm_dangling']['count']:,} link(s) that "
            f"do not resolve, {s['credit_mismatches']['count']:,} whole(s) whose parts' credit points "
            "do not add up.",
            ["Problem", "Document", "Detail"], rows, "Every stacking claim resolves and adds up.",
            s["findings"], ["20%", "35%", "45%"],
        ))
    r = data.get("registry")
    if r:
        out.append(Section(
            "registry", "Registry",
            f"Issuers looked up in the registry snapshot {r['source']} ({r['format']}), offline.",
            ["Issuer", "Status", "Credentials", "Report valid", "Report not valid"],
            [[x["issuer"], x["status"], f"{x['credentials']:,}", f"{x['report_valid']:,}",
              f"{x['report_not_valid']:,}"] for x in r["issuers"]],
            "No issuer with credentials.",
        ))
    rows = []  # Annex I coverage per achievement
    for a in data.get("achievements", []):
        q = a.get("quality") or {}
        elements = q.get("elements") or {}
        if not q.get("documents") or not elements:
            continue
        rates = [el["coverage"] or 0.0 for el in elements.values()]
        least = sorted(elements.items(), key=lambda kv: (kv[1]["coverage"] or 0.0, kv[0]))[:LEAST_COVERED]
        rows.append([
            a["name"] or a["key"], a["id"] or "", f"{a['documents']:,}", _pct(a["pass_rate"]),
            _pct(sum(rates) / len(rates)),
            ", ".join(f"{k} {_pct(v['coverage'])}" for k, v in least if (v["coverage"] or 0) < 1),
        ])
    out.append(Section(
        "achievement-quality", "Annex I coverage per achievement",
        "Beside each achievement's pass rate: the mean coverage of the Annex I elements over its "
        "documents, and its least covered elements.",
        ["Achievement", "Id", "Documents", "Pass rate", "Annex I coverage", "Least covered"], rows,
        "No quality elements were extracted.", 0, ["18%", "24%", "8%", "8%", "9%", "33%"],
    ))
    return out
