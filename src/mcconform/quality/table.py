"""``mcconform elements``: the element table (the micro-credential's passport) of each document."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..limits import Limits
from ..version import __version__
from . import ELEMENTS, KINDS, MANDATORY, OPTIONAL, RECOMMENDATION, extract_elements

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options
    from ..report import DocumentReport

SCHEMA_URI = "https://mcconform.invalid/schemas/elements/v1"


def collect(
    paths: Iterable[str],
    limits: Limits,
    options: Options | None = None,
    judge: Callable[[Document], DocumentReport] | None = None,
) -> dict[str, Any]:
    """The element table of every document of ``paths`` (files, directories, JSON Lines, ZIP).

    ``options`` are the run's (a URL input is read through its resource map and cache);
    ``judge(doc)`` (which detects the document) is the document's check, whose verdict and
    profile verdicts each entry then carries: the elements are only as good as the document."""
    from ..detect import detect
    from ..sources import iter_documents

    docs: list[dict[str, Any]] = []
    for doc in iter_documents(list(paths), limits, options):
        report = judge(doc) if judge is not None else None
        if report is None:
            detect(doc, limits)
        entry: dict[str, Any] = {"source": doc.source, "kind": doc.kind}
        if report is not None:
            entry["verdict"] = report.verdict
            entry["profiles"] = {name: p.verdict for name, p in report.profiles.items()}
        if doc.meta.get("pointer_base"):
            entry["pointer_base"] = doc.meta["pointer_base"]
        if not doc.readable:
            entry["error"] = "; ".join(f.message for f in doc.findings) or "could not be read"
            entry["elements"] = []
        elif doc.kind not in KINDS:
            entry["note"] = f"documents of kind {doc.kind} carry no micro-credential elements"
            entry["elements"] = []
        else:
            els = extract_elements(doc)
            entry["elements"] = [e.to_dict() for e in els]
            found = {e.id for e in els if e.found}
            entry["found"] = sorted(found, key=[s.id for s in ELEMENTS].index)
            entry["missing_mandatory"] = [s.id for s in ELEMENTS if s.mandatory and s.id not in found]
            entry["missing_optional"] = [s.id for s in ELEMENTS if not s.mandatory and s.id not in found]
        docs.append(entry)
    return {
        "$schema": SCHEMA_URI,
        "tool": {"name": "mcconform", "version": __version__},
        "standard": RECOMMENDATION,
        "documents": docs,
    }


def _short(value: Any, width: int = 60) -> str:
    if isinstance(value, list):
        s = "; ".join(str(v) for v in value)
    elif isinstance(value, bool):
        s = "true" if value else "false"
    else:
        s = str(value)
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def render_text(data: dict[str, Any]) -> str:
    lines: list[str] = []
    for d in data["documents"]:
        head = f"{d['source']} [{d['kind']}]"
        if d.get("pointer_base"):
            head += f" (pointers into the payload at {d['pointer_base']})"
        lines.append(head)
        if "verdict" in d:
            each = ", ".join(f"{name}: {v}" for name, v in d["profiles"].items())
            lines.append(f"  verdict: {d['verdict']}" + (f" ({each})" if each else ""))
        if "error" in d:
            lines += [f"  cannot read: {d['error']}", ""]
            continue
        if "note" in d:
            lines += [f"  {d['note']}", ""]
            continue
        lines.append(f"  {'element':<20} {'M/O':<3} {'value':<60}  {'source':<44} pointer")
        for e in d["elements"]:
            mo = "M" if e["mandatory"] else "O"
            where = e["pointer"] or "/"
            if e["found"]:
                lines.append(f"  {e['id']:<20} {mo:<3} {_short(e['value']):<60}  {e['source']:<44} {where}")
            else:
                lines.append(f"  {e['id']:<20} {mo:<3} {'(missing)':<60}  {'':<44} expected at {where}")
        mm = d["missing_mandatory"]
        lines.append(
            f"  mandatory elements: {len(MANDATORY) - len(mm)}/{len(MANDATORY)} found"
            + (f"; missing: {', '.join(mm)}" if mm else "")
            + f"; optional: {len(OPTIONAL) - len(d['missing_optional'])}/{len(OPTIONAL)}"
        )
        lines.append("")
    return "\n".join(lines)


def render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return render_text(data)
