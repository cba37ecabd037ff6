"""SARIF 2.1.0 log for code scanning (GitHub ``upload-sarif``, GitLab, Azure DevOps).

One run; ``tool.driver.rules`` is the whole rule catalog (``mcconform rules``), each rule
with its title, documentation, specification reference and a ``helpUri`` when the reference
has a known link.  One result per finding: ``ruleId``/``ruleIndex``, ``level`` (error,
warning, note), the message, a physical location (the file, relative to the declared root
``%SRCROOT%`` of ``originalUriBaseIds``, the working directory, with ``../`` for a file
outside it, never a ``file:`` URI that code scanning cannot map; the line and column of the
JSON Pointer when located, see :mod:`mcconform.locate`) and a logical location (the JSON
Pointer itself).  The root's absolute path is not written (no machine path in the log).
Columns count Unicode code points (``columnKind``).  No timestamps: the same input gives
the same log byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..locate import artifact_of, spec_url
from ..report import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


ROOT_ID = "%SRCROOT%"


def artifact_uri(path: str, cwd: str) -> tuple[str, bool]:
    """``(uri, relative)``: relative to ``cwd`` (``../`` when outside it); a ``file:`` URI only
    when no relative reference exists (another drive on Windows)."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_uri(), False
    return quote(rel.replace(os.sep, "/"), safe="/"), True


def _rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("-", ".").split("."))


def rule_descriptor(rule: Any) -> dict[str, Any]:
    doc = textwrap.dedent(rule.doc).strip() if rule.doc else ""
    d: dict[str, Any] = {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": f"{rule.title} {doc}".strip() if doc else rule.title},
        "help": {"text": rule.explain()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"spec": rule.spec, "tags": [rule.id.split(".")[0]]},
    }
    url = spec_url(rule.spec)
    if url:
        d["helpUri"] = url
    return d


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def render(report: Report, opts: dict[str, Any]) -> str:
    from ..rules import all_rules

    cwd = os.path.abspath(opts.get("cwd") or os.getcwd())
    rules = all_rules()
    index = {r.id: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for doc in report.documents:
        art = artifact_of(doc.source)
        locs: dict[str, Any] = doc.meta.get("locations") or {}
        for f in doc.findings:
            result: dict[str, Any] = {"ruleId": f.rule}
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            result["level"] = LEVELS[f.severity]
            result["message"] = {"text": f.message}
            location: dict[str, Any] = {}
            if art.path is not None:
                uri, relative = artifact_uri(art.path, cwd)
                artifact: dict[str, Any] = {"uri": uri}
                if relative:
                    artifact["uriBaseId"] = ROOT_ID
                physical: dict[str, Any] = {"artifactLocation": artifact}
                loc = locs.get(f.pointer)
                if loc is not None:
                    physical["region"] = {
                        "startLine": loc["line"],
                        "startColumn": loc["column"],
                        "endLine": loc["end_line"],
                        "endColumn": loc["end_column"],
                    }
                else:
                    physical["region"] = {"startLine": art.line or 1}
                location["physicalLocation"] = physical
            logical: dict[str, Any] = {
                "name": f.pointer.rsplit("/", 1)[-1] if f.pointer else "/",
                "fullyQualifiedName": (f"{art.member}#" if art.member else "") + (f.pointer or "/"),
            }
            location["logicalLocations"] = [logical]
            if art.member:
                location["message"] = {"text": f"in archive member {art.member}"}
            result["locations"] = [location]
            result["partialFingerprints"] = {
                "mcconformFinding/v1": fingerprint(doc.source, f.rule, f.pointer, f.message)
            }
            props: dict[str, Any] = {"source": doc.source, "kind": doc.kind, "pointer": f.pointer}
            if f.spec:
                props["spec"] = f.spec
            for key in ("focus_node", "shape", "path", "value"):
                v = getattr(f, key)
                if v is not None:
                    props[key] = v
            result["properties"] = props
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mcconform",
                        "version": report.tool_version,
                        "rules": [rule_descriptor(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {
                    ROOT_ID: {"description": {"text": "The working directory mcconform ran in."}}
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "summary": report.counts(),
                    "documents": {
                        d.source: {
                            "kind": d.kind,
                            "conformant": d.conformant,
                            "profiles": {k: d.profiles[k].verdict for k in sorted(d.profiles)},
                        }
                        for d in report.documents
                    },
                },
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
