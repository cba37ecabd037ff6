"""Markdown summary for a pull request (or a CI job summary: ``$GITHUB_STEP_SUMMARY``).

A headline, a table with one row per profile (pass rate), the most frequent findings with
an example each, and the documents that do not conform (bounded, in a ``<details>`` block).
:func:`render_audit` renders the audit of an export (``mcconform audit --format markdown``).
"""

from __future__ import annotations

from typing import Any

from ..report import Report
from .audit_sections import Section, is_success, sections, sort_findings

TOP_FINDINGS = 10
MAX_DOCUMENTS = 50
MAX_GROUPS = 100


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell (GitHub flavour)."""
    s = "" if text is None else str(text)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return s.replace("<", "&lt;").replace(">", "&gt;")


def code(text: str) -> str:
    s = cell(text).replace("`", "'")
    return f"`{s}`" if s else ""


def pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f} %"


def aggregate(report: Report) -> dict[str, Any]:
    """Summary numbers of a check report (the audit aggregation without issuers)."""
    from ..audit.model import Audit

    audit = Audit(quality=False, max_examples=1)
    for doc in report.documents:
        audit.add(doc)
    return audit.to_dict()


def _example(ex: dict[str, Any]) -> str:
    where = code(ex["source"])
    if ex.get("line") is not None:
        where += f" line {ex['line']}"
    return f"{where} {code(ex['pointer'] or '/')} {cell(ex['message'])}"


def _profiles_table(profiles: dict[str, Any]) -> list[str]:
    if not profiles:
        return ["_No profile was applied._", ""]
    lines = [
        "| Profile | Applicable | Pass | Fail | cantTell | Inapplicable | Pass rate |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, p in profiles.items():
        lines.append(
            f"| {code(name)} | {p['applicable']} | {p['pass']} | {p['fail']} | {p['cantTell']} "
            f"| {p['inapplicable']} | {pct(p['pass_rate'])} |"
        )
    return [*lines, ""]


def _findings_table(findings: list[dict[str, Any]], top: int) -> list[str]:
    if not findings:
        return ["_No findings._", ""]
    lines = ["| Rule | Severity | Findings | Documents | Example |", "|---|---|--:|--:|---|"]
    for f in findings[:top]:
        rule = code(f["rule"])
        if f.get("spec_url"):
            rule += f" ([spec]({f['spec_url']}))"
        example = _example(f["examples"][0]) if f["examples"] else ""
        lines.append(f"| {rule} | {f['severity']} | {f['count']} | {f['documents']} | {example} |")
    if len(findings) > top:
        lines.append(f"| _{len(findings) - top} more rule(s)_ | | | | |")
    return [*lines, ""]


def _headline(totals: dict[str, Any]) -> str:
    return (
        f"**{totals['documents']} document(s): {totals['conformant']} conformant "
        f"({pct(totals['pass_rate'])}), {totals['not_conformant']} not"
        f" ({totals.get('not_verified', 0)} not verified)** — "
        f"{totals['errors']} error(s), {totals['warnings']} warning(s), {totals['infos']} note(s)"
    )


def render(report: Report, opts: dict[str, Any]) -> str:
    data = aggregate(report)
    totals = data["totals"]
    icon = "✅" if totals["not_conformant"] == 0 else "❌"
    out = [f"## {icon} mcconform conformance report", "", _headline(totals), ""]
    out += ["### Profiles", "", *_profiles_table(data["profiles"])]
    out += ["### Top findings", "", *_findings_table(data["findings"], int(opts.get("top", TOP_FINDINGS)))]
    failing = [d for d in report.documents if not d.conformant]
    if failing:
        out += [f"<details><summary>Documents that do not conform ({len(failing)})</summary>", ""]
        out += [
            "| Document | Verdict | Kind | Profiles | Errors | Warnings | First error |",
            "|---|---|---|---|--:|--:|---|",
        ]
        for d in failing[:MAX_DOCUMENTS]:
            verdicts = ", ".join(f"{k}: {d.profiles[k].verdict}" for k in sorted(d.profiles))
            errors = [f for f in d.findings if f.severity == "error"]
            warnings = sum(f.severity == "warning" for f in d.findings)
            locs = d.meta.get("locations") or {}
            first = ""
            if errors:
                e = errors[0]
                loc = locs.get(e.pointer)
                at = f" (line {loc['line']})" if loc else ""
                first = f"{code(e.pointer or '/')}{at} {cell(e.message)} {code(e.rule)}"
            out.append(
                f"| {code(d.source)} | {'FAIL' if d.verdict == 'fail' else 'NOT VERIFIED'} | {d.kind}"
                f" | {cell(verdicts)} | {len(errors)} | {warnings} | {first} |"
            )
        if len(failing) > MAX_DOCUMENTS:
            out.append(f"| _and {len(failing) - MAX_DOCUMENTS} more_ | | | | | | |")
        out += ["", "</details>", ""]
    out.append(f"<sub>mcconform {cell(report.tool_version)}</sub>")
    return "\n".join(out) + "\n"


def _groups_table(groups: list[dict[str, Any]], with_issuer: bool) -> list[str]:
    head = "| Name | Id |" + (" Issuer |" if with_issuer else "") + " Documents | Conformant | Pass rate "
    head += "| Errors | Warnings | Top finding |"
    sep = "|---|---|" + ("---|" if with_issuer else "") + "--:|--:|--:|--:|--:|---|"
    lines = [head, sep]
    for g in groups[:MAX_GROUPS]:
        top = g["top_findings"][0] if g["top_findings"] else None
        top_text = f"{code(top['rule'])} ×{top['documents']}" if top else ""
        row = f"| {cell(g['name'] or g['key'])} | {code(g['id'] or '')} |"
        if with_issuer:
            row += f" {cell(g.get('issuer') or '')} |"
        row += (
            f" {g['documents']} | {g['conformant']} | {pct(g['pass_rate'])} | {g['errors']} "
            f"| {g['warnings']} | {top_text} |"
        )
        lines.append(row)
    if len(groups) > MAX_GROUPS:
        lines.append(f"| _and {len(groups) - MAX_GROUPS} more (see the JSON or HTML audit)_ |")
    return [*lines, ""]


def render_audit(data: dict[str, Any]) -> str:
    totals = data["totals"]
    out = ["# mcconform audit", ""]
    if data.get("inputs"):
        out += ["Export: " + ", ".join(code(i) for i in data["inputs"]), ""]
    out += [_headline(totals), ""]
    out += [f"{totals['issuers']} issuer(s), {totals['achievements']} achievement(s).", ""]
    out += _verdicts(totals)
    out += ["## Profiles", "", *_profiles_table(data["profiles"])]
    problems = sort_findings([f for f in data["findings"] if not is_success(f["rule"])])
    out += ["## Top findings", "", *_findings_table(problems, TOP_FINDINGS)]
    extra = sections(data)
    for sec in extra:
        out += _section(sec)
    out += ["## Issuers", "", *_groups_table(data["issuers"], False)]
    out += ["## Achievements", "", *_groups_table(data["achievements"], True)]
    q = data["quality"]
    out += ["## Quality elements", ""]
    if q["available"] and q["elements"]:
        out += ["| Element | Found | Coverage |", "|---|--:|--:|"]
        for name, e in q["elements"].items():
            out.append(f"| {cell(name)} | {e['found']} of {q['documents']} | {pct(e['coverage'])} |")
        out.append("")
    else:
        out += [f"_{cell(q['note'])}._", ""]
    out += ["## Kinds", "", "| Kind | Documents |", "|---|--:|"]
    out += [f"| {code(k)} (excluded) | {n} |" for k, n in (totals.get("excluded") or {}).items()]
    out += [f"| {code(k)} | {n} |" for k, n in data["kinds"].items()]
    out.append("")
    return "\n".join(out) + "\n"


def _verdicts(totals: dict[str, Any]) -> list[str]:
    v = totals.get("verdicts")
    if not v:
        return []
    return [
        f"Verdicts: {v['pass']} pass, {v['cantTell']} not verified (cantTell: something that applies "
        f"could not be checked offline; not a pass), {v['fail']} fail.",
        "",
    ]


def _section(sec: Section) -> list[str]:
    out = [f"## {sec.title}", "", cell(sec.note), ""]
    if not sec.rows:
        return [*out, f"_{cell(sec.empty)}_", ""]
    out += ["| " + " | ".join(cell(h) for h in sec.headers) + " |", "|" + "---|" * len(sec.headers)]
    for row in sec.rows[:MAX_GROUPS]:
        out.append("| " + " | ".join(cell("; ".join(c) if isinstance(c, list) else c) for c in row) + " |")
    if len(sec.rows) > MAX_GROUPS:
        out.append(f"| _and {len(sec.rows) - MAX_GROUPS} more (see the JSON or HTML audit)_ |")
    return [*out, ""]
