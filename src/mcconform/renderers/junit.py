"""JUnit XML (the Ant / Jenkins format read by Jenkins, GitLab, Azure DevOps, GitHub test reporters).

One ``<testsuite>`` per profile, one ``<testcase>`` per document and profile
(``classname`` ``mcconform.PROFILE``, ``name`` the document's source label):

* verdict ``fail``: a ``<failure>`` whose type is the first error's rule and whose text lists
  the document's findings (severity, pointer, line:column, message, rule, specification);
* a document that could not be read: an ``<error>`` instead;
* ``inapplicable`` and ``cantTell``: ``<skipped>`` with the reason;
* ``pass``: an empty test case (warnings and notes, if any, in ``<system-out>``).

Documents that no profile was applied to are in a ``mcconform`` suite.  No ``time`` or
``timestamp`` attributes: the same input gives the same file byte for byte.

The file is valid against the Jenkins xUnit plugin's ``junit-10.xsd`` (what that plugin
validates against): no ``skipped`` count on ``<testsuites>`` (the suites carry it), no
``file`` / ``line`` on ``<testcase>``; the file and line are the first line of the failure or
error text (``file: bad.json, line 12``) instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..locate import artifact_of
from ..report import DocumentReport, Report
from .escape import escape_surrogates

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NO_PROFILE = "mcconform"


def clean(text: str) -> str:
    """Text safe for XML 1.0 (lone surrogates are written ``\\ud800``, other characters it
    cannot carry become U+FFFD)."""
    return _XML_INVALID.sub("\ufffd", escape_surrogates(text))


def finding_lines(doc: DocumentReport, severities: tuple[str, ...] = ("error", "warning", "info")) -> str:
    locs: dict[str, Any] = doc.meta.get("locations") or {}
    lines = []
    for f in doc.findings:
        if f.severity not in severities:
            continue
        where = f.pointer or "/"
        loc = locs.get(f.pointer)
        if loc is not None:
            where += f" (line {loc['line']}, column {loc['column']})"
        line = f"{f.severity}: {where}: {f.message} [{f.rule}]"
        if f.spec:
            line += f" spec: {f.spec}"
        lines.append(line)
    return "\n".join(lines)


def render(report: Report, opts: dict[str, Any]) -> str:
    suites: dict[str, list[tuple[DocumentReport, str | None]]] = {}
    for doc in report.documents:
        if not doc.profiles:
            suites.setdefault(NO_PROFILE, []).append((doc, None))
        for name in sorted(doc.profiles):
            suites.setdefault(name, []).append((doc, name))

    root = ET.Element("testsuites", {"name": "mcconform"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite_name in sorted(suites):
        suite = ET.Element("testsuite", {"name": suite_name})
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "profile", "value": suite_name})
        ET.SubElement(props, "property", {"name": "tool", "value": f"mcconform {report.tool_version}"})
        for doc, profile in suites[suite_name]:
            counts["tests"] += 1
            case = ET.SubElement(
                suite, "testcase", {"name": clean(doc.source), "classname": f"mcconform.{suite_name}"}
            )
            art = artifact_of(doc.source)
            first_error = next((f for f in doc.findings if f.severity == "error"), None)
            locs: dict[str, Any] = doc.meta.get("locations") or {}
            line = None
            if first_error is not None and first_error.pointer in locs:
                line = locs[first_error.pointer]["line"]
            elif art.line:
                line = art.line
            where = ""
            if art.path is not None:
                where = f"file: {art.path}" + (f", line {line}" if line is not None else "") + "\n"
            verdict = doc.profiles[profile].verdict if profile else ("fail" if first_error else "pass")
            errors = sum(f.severity == "error" for f in doc.findings)
            warnings = sum(f.severity == "warning" for f in doc.findings)
            summary = f"{errors} error(s), {warnings} warning(s) in {doc.source} [{doc.kind}]"
            if doc.kind == "unreadable":
                counts["errors"] += 1
                el = ET.SubElement(
                    case,
                    "error",
                    {"message": clean(first_error.message if first_error else summary),
                     "type": first_error.rule if first_error else "unreadable"},
                )  # fmt: skip
                el.text = clean(where + finding_lines(doc))
            elif verdict == "fail":
                counts["failures"] += 1
                el = ET.SubElement(
                    case,
                    "failure",
                    {"message": clean(summary), "type": first_error.rule if first_error else "fail"},
                )
                el.text = clean(where + finding_lines(doc))
            elif verdict in ("inapplicable", "cantTell"):
                counts["skipped"] += 1
                reason = (
                    f"NOT VERIFIED: profile {profile} does not apply to a document of kind {doc.kind}"
                    if verdict == "inapplicable"
                    else f"NOT VERIFIED: profile {profile} could not check everything (offline?)"
                )
                ET.SubElement(case, "skipped", {"message": clean(reason)})
            notes = finding_lines(doc, ("warning", "info"))
            if verdict not in ("fail",) and doc.kind != "unreadable" and notes:
                out = ET.SubElement(case, "system-out")
                out.text = clean(notes)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        root.append(suite)
    for key, value in totals.items():
        if key != "skipped":  # junit-10.xsd has no testsuites@skipped
            root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
