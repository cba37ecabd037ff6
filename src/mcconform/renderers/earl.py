"""W3C EARL 1.0 (Evaluation and Report Language) assertions, in Turtle (``earl``) or JSON-LD
(``earl-jsonld``).  Both serialisations describe the same graph.

* The assertor is mcconform (``earl:Software``, with its version).
* The subject of each assertion is the document: an IRI that does not depend on where the
  files lie (no machine path): ``https://mcconform.invalid/subjects/`` + its path relative to
  the working directory (``..`` written ``%2E%2E``), ``!/member`` for a ZIP member,
  ``#line=N`` for a JSON Lines document (RFC 5147); a URL input is its own IRI.  It is titled
  with its source label and carries its kind.
* One assertion per document and profile; the test is the profile, the outcome its verdict:
  ``pass`` -> ``earl:passed``, ``fail`` -> ``earl:failed``, ``cantTell`` -> ``earl:cantTell``,
  ``inapplicable`` -> ``earl:inapplicable``.
* One assertion per document and rule that fired; the test is the rule, the outcome
  ``earl:failed`` for errors and warnings, ``earl:cantTell`` for ``*.not-checked`` rules,
  ``earl:passed`` for notes (info) alone.  Each finding is an ``earl:pointer``: a
  ``ptr:LineCharPointer`` (W3C Pointer Methods in RDF) with line and column when the CLI
  located it, and the JSON Pointer (``mc:jsonPointer``), severity and message.

Tests (rules and profiles) are IRIs under ``https://mcconform.invalid/``; ``rdfs:seeAlso``
links a rule to its specification when the reference has a known link.  No dates: the same
input gives the same bytes.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from ..locate import artifact_of, spec_url
from ..report import DocumentReport, Finding, Report

EARL = "http://www.w3.org/ns/earl#"
DCT = "http://purl.org/dc/terms/"
DOAP = "http://usefulinc.com/ns/doap#"
PTR = "http://www.w3.org/2009/pointers#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
MC = "https://mcconform.invalid/ns#"
BASE = "https://mcconform.invalid/"
ASSERTOR = BASE + "tool"
OUTCOMES = {"pass": "passed", "fail": "failed", "cantTell": "cantTell", "inapplicable": "inapplicable"}

PREFIXES = {"earl": EARL, "dct": DCT, "doap": DOAP, "ptr": PTR, "rdfs": RDFS, "mc": MC}


def rule_iri(rule_id: str) -> str:
    return BASE + "rules/" + quote(rule_id, safe="")


def profile_iri(name: str) -> str:
    return BASE + "profiles/" + quote(name, safe="")


def subject_iri(source: str, cwd: str | None = None) -> str:
    art = artifact_of(source)
    if art.path is None:
        return BASE + "stdin"
    if art.path.lower().startswith(("http://", "https://")):
        uri = art.path
    else:
        try:
            rel = os.path.relpath(os.path.abspath(art.path), os.path.abspath(cwd or os.getcwd()))
        except ValueError:  # another drive (Windows)
            rel = os.path.abspath(art.path).lstrip("\\/")
        parts = rel.replace(os.sep, "/").split("/")
        uri = BASE + "subjects/" + "/".join("%2E%2E" if p == ".." else quote(p, safe="") for p in parts)
    if art.member:
        uri += "!/" + quote(art.member, safe="/")
    if art.line:
        uri += f"#line={art.line - 1}"  # RFC 5147 positions count from 0: line=41 is the 42nd line
    return uri


def _rule_outcome(findings: list[Finding]) -> str:
    if any(f.rule.endswith(".not-checked") for f in findings):
        return "cantTell"
    if any(f.severity in ("error", "warning") for f in findings):
        return "failed"
    return "passed"


def graph(report: Report) -> list[dict[str, Any]]:
    """The EARL graph as a list of JSON-LD node objects (compact form, context in :func:`context`)."""
    from ..rules import get as get_rule

    nodes: list[dict[str, Any]] = [
        {
            "@id": ASSERTOR,
            "@type": ["earl:Assertor", "earl:Software", "doap:Project"],
            "doap:name": "mcconform",
            "dct:title": "mcconform",
            "doap:release": {"doap:revision": report.tool_version},
        }
    ]
    profiles: set[str] = set()
    rules: set[str] = set()
    subjects: list[dict[str, Any]] = []
    assertions: list[dict[str, Any]] = []
    seen_subjects: set[str] = set()
    for doc in report.documents:
        subj = subject_iri(doc.source)
        if subj not in seen_subjects:
            seen_subjects.add(subj)
            subjects.append(
                {"@id": subj, "@type": "earl:TestSubject", "dct:title": doc.source, "mc:kind": doc.kind}
            )
        for name in sorted(doc.profiles):
            p = doc.profiles[name]
            profiles.add(name)
            assertions.append(
                _assertion(
                    subj,
                    profile_iri(name),
                    OUTCOMES[p.verdict],
                    f"profile {name}: {p.verdict} ({p.errors} error(s), {p.warnings} warning(s))",
                    [],
                )
            )
        by_rule: dict[str, list[Finding]] = {}
        for f in doc.findings:
            by_rule.setdefault(f.rule, []).append(f)
        for rule_id in sorted(by_rule):
            rules.add(rule_id)
            fs = by_rule[rule_id]
            pointers = [_pointer(subj, doc, f) for f in fs]
            assertions.append(_assertion(subj, rule_iri(rule_id), _rule_outcome(fs), fs[0].message, pointers))
    tests: list[dict[str, Any]] = []
    for name in sorted(profiles):
        tests.append(
            {"@id": profile_iri(name), "@type": "earl:TestRequirement", "dct:title": f"profile {name}"}
        )
    for rule_id in sorted(rules):
        r = get_rule(rule_id)
        node: dict[str, Any] = {"@id": rule_iri(rule_id), "@type": "earl:TestCase", "dct:identifier": rule_id}
        if r is not None:
            node["dct:title"] = r.title
            node["mc:spec"] = r.spec
            url = spec_url(r.spec)
            if url:
                node["rdfs:seeAlso"] = {"@id": url}
        tests.append(node)
    return nodes + tests + subjects + assertions


def _assertion(
    subject: str, test: str, outcome: str, description: str, pointers: list[dict[str, Any]]
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "@type": "earl:TestResult",
        "earl:outcome": {"@id": "earl:" + outcome},
        "dct:description": description,
    }
    if pointers:
        result["earl:pointer"] = pointers
    return {
        "@type": "earl:Assertion",
        "earl:assertedBy": {"@id": ASSERTOR},
        "earl:subject": {"@id": subject},
        "earl:test": {"@id": test},
        "earl:mode": {"@id": "earl:automatic"},
        "earl:result": result,
    }


def _pointer(subject: str, doc: DocumentReport, f: Finding) -> dict[str, Any]:
    # line numbers count in the whole file, so the reference is the file (not the #line= fragment)
    node: dict[str, Any] = {"ptr:reference": {"@id": subject.split("#line=")[0]}}
    loc = (doc.meta.get("locations") or {}).get(f.pointer)
    if loc is not None:
        node["@type"] = ["ptr:LineCharPointer", "mc:FindingPointer"]
        node["ptr:lineNumber"] = loc["line"]
        node["ptr:charNumber"] = loc["column"]
    else:
        node["@type"] = "mc:FindingPointer"
    node["mc:jsonPointer"] = f.pointer
    node["mc:severity"] = f.severity
    node["dct:description"] = f.message
    return node


def context() -> dict[str, Any]:
    return dict(PREFIXES)


# --------------------------------------------------------------------------- Turtle


def _iri(value: str) -> str:
    for prefix, ns in PREFIXES.items():
        if value.startswith(prefix + ":") and not value.startswith(prefix + "://"):
            return value  # already a prefixed name
        if value.startswith(ns):
            local = value[len(ns) :]
            if local and all(c.isalnum() or c in "_-" for c in local) and local[0].isalpha():
                return f"{prefix}:{local}"
    escaped = "".join(c if c not in '<>"{}|^`\\ ' and ord(c) > 0x20 else quote(c) for c in value)
    return f"<{escaped}>"


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or 0xD800 <= ord(c) <= 0xDFFF or ord(c) in (0x7F, 0xFFFE, 0xFFFF):
            out.append(f"\\u{ord(c) if ord(c) <= 0xFFFF else 0xFFFD:04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _object(value: Any, indent: str) -> str:
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            return _iri(value["@id"])
        return _blank(value, indent)
    return _literal(value)


def _predicate_lines(node: dict[str, Any], indent: str) -> list[str]:
    lines = []
    types = node.get("@type")
    if types:
        types = types if isinstance(types, list) else [types]
        lines.append("a " + ", ".join(_iri(t) for t in types))
    for key, value in node.items():
        if key.startswith("@"):
            continue
        values = value if isinstance(value, list) else [value]
        objs = [_object(v, indent + "    ") for v in values]
        lines.append(f"{_iri(key)} " + ", ".join(objs))
    return lines


def _blank(node: dict[str, Any], indent: str) -> str:
    lines = _predicate_lines(node, indent)
    inner = f" ;\n{indent}".join(lines)
    return f"[\n{indent}{inner}\n{indent[:-4]}]"


def render_turtle(report: Report) -> str:
    out = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    out.append("")
    for node in graph(report):
        lines = _predicate_lines(node, "    ")
        subject = _iri(node["@id"]) if "@id" in node else "[]"
        out.append(subject + " " + " ;\n    ".join(lines) + " .")
        out.append("")
    return "\n".join(out)


def render(report: Report, opts: dict[str, Any]) -> str:
    """EARL in Turtle."""
    return render_turtle(report)


def render_jsonld(report: Report, opts: dict[str, Any]) -> str:
    """EARL in JSON-LD."""
    data = {"@context": context(), "@graph": graph(report)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
