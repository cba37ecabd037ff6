"""GitHub Actions workflow commands: one annotation per finding, on the line of the credential.

    ::error file=badges/a.json,line=12,col=5,endLine=12,endColumn=30,title=ob3.criteria::message

``error`` / ``warning`` / ``notice`` from the severity; the file relative to the working
directory (GitHub resolves it against the repository root, which is the working directory of
a step); line and column from :mod:`mcconform.locate` (the CLI locates findings for this
format); the rule id as the title.  Values are escaped as the runner expects (``%``, CR, LF,
and in properties ``:`` and ``,``).  A document that is not a file (standard input, a URL)
gets an annotation without ``file``.
"""

from __future__ import annotations

import os
from typing import Any

from ..locate import artifact_of
from ..report import Report

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, os.getcwd())
    return (absolute if rel.startswith("..") else rel).replace(os.sep, "/")


def render(report: Report, opts: dict[str, Any]) -> str:
    lines: list[str] = []
    for doc in report.documents:
        art = artifact_of(doc.source)
        locs: dict[str, Any] = doc.meta.get("locations") or {}
        for f in doc.findings:
            if f.severity == "info" and not opts.get("verbose"):
                continue
            props: list[tuple[str, str]] = []
            if art.path is not None:
                props.append(("file", _file(art.path)))
                loc = locs.get(f.pointer)
                if loc is not None:
                    props += [("line", str(loc["line"])), ("col", str(loc["column"]))]
                    props += [("endLine", str(loc["end_line"])), ("endColumn", str(loc["end_column"]))]
                elif art.line:
                    props.append(("line", str(art.line)))
            props.append(("title", f.rule))
            where = f.pointer or "/"
            member = f" in {art.member}" if art.member else ""
            message = f"{f.message} (at {where}{member}; {doc.source}; {f.spec or f.rule})"
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            lines.append(f"::{LEVELS[f.severity]} {head}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
