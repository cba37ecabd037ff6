"""One defect, one finding.

The JSON Schema, the SHACL shapes and a structural rule often see the same defect at the
same place (an OB 3.0 credential without ``issuer``: ``ob3.issuer``, ``ob3.schema`` and a SHACL
min-count).  The report gives it once: the most specific rule (a structural rule of the
format's family, then the JSON Schema, then SHACL), with the others' rule ids in its
``also`` field.  Two findings are the same defect when they are at the same pointer, have the
same severity, and name the same property (the missing property of a ``required`` / min-count
result, else the value at the pointer itself).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .report import Finding

_REQUIRED = re.compile(r"required property '([^']+)'")
_SCHEMA_RULES = ("ob3.schema", "ob3.credential-schema")


def _rank(f: Finding) -> int:
    """Lower is more specific: a structural rule, the JSON Schema, a SHACL result."""
    if f.rule.startswith("shacl."):
        return 2
    if f.rule in _SCHEMA_RULES:
        return 1
    return 0


def _foldable(f: Finding) -> bool:
    """Only schema errors and SHACL validation results (they have a focus node) are folded."""
    return f.rule in _SCHEMA_RULES or (f.rule.startswith("shacl.") and f.focus_node is not None)


def _local(iri: str) -> str:
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1]


def _subjects(f: Finding) -> set[str]:
    """What the finding is about at its pointer: a missing property's name, or "" (the value)."""
    last = f.pointer.rsplit("/", 1)[-1] if f.pointer else ""
    if f.rule in _SCHEMA_RULES:
        m = _REQUIRED.search(f.message)
        return {m.group(1)} if m else {""}
    if f.rule.startswith("shacl."):
        if f.path is None:
            return {""}
        name = _local(f.path)
        return {""} if name == last else {name}
    # a structural rule: the properties its message names ("the credential has no issuer"),
    # and the value at its pointer when that is a property's value (not the document root)
    words = set(re.findall(r"[A-Za-z@][A-Za-z0-9_@]*", f.message))
    return words | ({""} if f.pointer else set())


def fold(findings: list[Finding]) -> list[Finding]:
    """``findings`` with duplicates of one defect folded into the most specific finding."""
    by_place: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_place.setdefault((f.pointer, f.severity), []).append(f)
    out: list[Finding] = []
    for group in by_place.values():
        if len(group) == 1 or len({_rank(f) for f in group}) == 1:
            out.extend(group)
            continue
        folded: dict[Finding, list[str]] = {}
        ordered = sorted(group, key=lambda f: (_rank(f), f.sort_key()))
        for f in ordered:
            if _rank(f) == 0 or not _foldable(f):
                folded.setdefault(f, [])
                continue
            mine = _subjects(f)
            keepers = [k for k in folded if _rank(k) < _rank(f) and (_rank(k) == 0 or _foldable(k))]
            keeper = next((k for k in keepers if mine & _subjects(k)), None)
            if keeper is None:
                folded.setdefault(f, [])
            else:
                folded[keeper].append(f.rule)
        for f, also in folded.items():
            rules = tuple(sorted(set(also) | set(f.also)))
            out.append(replace(f, also=rules) if rules != f.also else f)
    return out
