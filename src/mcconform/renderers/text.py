"""Human-readable text report, coloured when written to a terminal."""

from __future__ import annotations

from typing import Any

import click

from ..report import Report

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report: Report, opts: dict[str, Any]) -> str:
    colour = bool(opts.get("color"))
    verbose = bool(opts.get("verbose"))
    quiet = bool(opts.get("quiet"))

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if colour else text

    lines: list[str] = []
    for doc in report.documents:
        verdict = doc.verdict
        if quiet and verdict == "pass":
            continue
        if verdict == "pass":
            status = style("PASS", fg="green", bold=True)
        elif verdict == "fail":
            status = style("FAIL", fg="red", bold=True)
        else:  # cantTell: something that applies could not be checked; never shown as a pass
            status = style("NOT VERIFIED", fg="yellow", bold=True)
        verdicts = ", ".join(f"{name}: {p.verdict}" for name, p in sorted(doc.profiles.items()))
        lines.append(f"{status} {doc.source} [{doc.kind}]" + (f" ({verdicts})" if verdicts else ""))
        for f in doc.findings:
            if f.severity == "info" and not verbose:
                continue
            sev = style(f"{f.severity:<7}", fg=COLOURS[f.severity])
            where = f.pointer or "/"
            lines.append(f"  {sev} {where}  {f.message}  [{style(f.rule, dim=True)}]")
            if verbose and f.spec:
                lines.append(f"          spec: {f.spec}")
    c = report.counts()
    lines.append("")
    lines.append(
        f"{c['documents']} document(s): {c['conformant']} conformant, "
        f"{c['documents'] - c['conformant']} not ({c['fail']} failed, {c['cantTell']} not verified); "
        f"{c['errors']} error(s), {c['warnings']} warning(s), "
        f"{c['infos']} info"
    )
    ignored = report.ignored()
    if ignored:
        by = ", ".join(f"{k}: {v}" for k, v in ignored.items())
        lines.append(f"{sum(ignored.values())} finding(s) ignored ({by})")
    return "\n".join(lines) + "\n"
