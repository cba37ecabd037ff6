"""Check a converted document against its target format in the same run, and explain each
violation it still has by an entry of the loss report.

The converted document goes through the target's default profiles (what ``mcconform check``
would choose for it).  An error or warning is *explained* when a loss entry points at the
same node (``portability.target-requires`` at the pointer, or above / below it), or when the
direction's table lists the target rule in ``[[explains]]`` with the loss rule that causes
it and that loss is in the report.  Anything else is a converter bug:
``portability.unexplained`` (an error).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..document import Document
from ..report import Finding
from ..sources import document_from_text
from . import losses
from .common import Conversion

if TYPE_CHECKING:
    from ..api import Checker


#: the outer document's findings that only summarise an embedded credential's report
_SUMMARY = ("nested.credential-fails", "nested.credential.not-checked")


_CONTEXT_ENTRY = re.compile(r"^/@context/\d+$")


def _local(iri: str) -> str:
    for sep in ("#", "/", ":"):
        iri = iri.rsplit(sep, 1)[-1]
    return iri.lower()


def _explains(loss: Finding, v: Finding) -> bool:
    """Whether a target-requires entry (``loss``, pointer into the target) explains ``v``."""
    lp, vp = loss.pointer, v.pointer
    if not lp:
        return False
    if lp == vp or vp.startswith(lp + "/"):
        return True  # the node the entry says is missing or incomplete
    if not lp.startswith(vp + "/"):
        return False
    # a node that fails as a whole (sh:node, sh:or) because something below it is missing
    if v.rule in ("shacl.node", "shacl.or"):
        return True
    # a missing property of the violation's focus node: the entry names the same property
    if v.path and loss.path:
        return loss.path == v.path
    seg = lp[len(vp) + 1 :].split("/")[0]
    if v.path:
        return seg.lower() == _local(v.path)
    # a JSON Schema / structural finding at the parent that names the missing property
    return re.search(rf"(?<![\w-]){re.escape(seg)}(?![\w-])", v.message) is not None


def _rules(f: Finding) -> tuple[str, ...]:
    """The rule of ``f`` and those whose findings of the same defect were folded into it
    (:mod:`mcconform.dedupe`): an explanation of any of them explains ``f``."""
    return (f.rule, *f.also)


def explain(violation: Finding, loss: list[Finding], explains: dict[str, frozenset[str]]) -> Finding | None:
    """The loss entry that explains ``violation``, or ``None``."""
    for f in loss:
        if f.rule == losses.TARGET_REQUIRES.id and _explains(f, violation):
            return f
    rules = _rules(violation)
    for prefix, causes in explains.items():
        if any(r == prefix or r.startswith(prefix + ".") for r in rules):
            for f in loss:
                if f.rule in causes:
                    return f
    return None


def _inherited(
    v: Finding,
    source: list[Finding],
    renames: list[tuple[str, str]],
    inherits: dict[str, tuple[frozenset[str], str]],
) -> Finding | None:
    """The source's own finding of the same (or an equivalent) rule at the same (renamed)
    place, if any; for a rule the table says is the credential's own state, a note."""
    mine = _rules(v)
    rows = [inherits[r] for r in mine if r in inherits]
    same = frozenset(mine).union(*(r[0] for r in rows))
    if "*" in same:
        cite = next(c for causes, c in rows if "*" in causes)
        return Finding(v.rule, "info", cite, v.pointer, cite)
    for s in source:
        if same.isdisjoint(_rules(s)):
            continue
        p = s.pointer
        for a, b in renames:
            if p == a or p.startswith(a + "/"):
                p = b + p[len(a) :]
                break
        if p == v.pointer:
            return s
        # a context entry carried at another index (the converter replaced or dropped others)
        moved = _CONTEXT_ENTRY.match(p) and _CONTEXT_ENTRY.match(v.pointer)
        if moved and s.value is not None and s.value == v.value:
            return s
    return None


def check_target(
    conv: Conversion,
    checker: Checker,
    explains: dict[str, frozenset[str]] | None = None,
    inherited: list[Finding] | None = None,
    renames: list[tuple[str, str]] | None = None,
    inherits: dict[str, tuple[frozenset[str], str]] | None = None,
) -> None:
    """Run the target profiles on ``conv.document``; fill ``conv.checked`` and ``conv.verdicts``.
    ``inherited``: the source's own violations (same format family, pointers as in the target
    after ``renames``): a target violation among them is inherited, not caused by the
    conversion."""
    if conv.document is None:
        return
    inherited = inherited or []
    doc = Document(source=f"{conv.source} (converted to {conv.target_format})")
    document_from_text(doc, json.dumps(conv.document), checker.options.limits)
    # the credentials inside the result (a CLR's) are documents of their own: each of their
    # violations is examined too (their pointers are into the converted document); the outer
    # document's summary of them (nested.credential-*) is not a violation of its own
    tree = checker.check_tree(doc)
    report = tree[0][1]
    conv.verdicts = {k: v.verdict for k, v in sorted(report.profiles.items())}
    loss = [f for f in conv.losses if losses.is_loss(f)]
    rules = explains or {}
    found = [f for f in report.findings if not f.rule.startswith(_SUMMARY)]
    found += [f for _inner, rep in tree[1:] for f in rep.findings]
    for v in found:
        if v.severity == "info":
            continue
        by = explain(v, loss, rules)
        where = f"target {v.pointer or '/'}"
        same = _inherited(v, inherited, renames or [], inherits or {}) if by is None else None
        if same is not None:
            conv.checked.append(
                losses.TARGET_VIOLATION.finding(
                    f"the converted document fails {v.rule} at {where} ({v.message}); inherited from "
                    f"the source ({same.rule} at {same.pointer or '/'}), not caused by the conversion",
                    v.pointer,
                    value=v.rule,
                )
            )
        elif by is None:
            conv.checked.append(
                losses.UNEXPLAINED.finding(
                    f"the converted document fails {v.rule} at {where} ({v.message}); "
                    "no loss entry explains it",
                    v.pointer,
                    value=v.rule,
                )
            )
        else:
            conv.checked.append(
                losses.TARGET_VIOLATION.finding(
                    f"the converted document fails {v.rule} at {where} ({v.message}); explained by "
                    f"{by.rule} at {by.pointer or '/'}",
                    v.pointer,
                    value=v.rule,
                )
            )


def source_violations(checker: Checker, doc: Document, prefix: str = "") -> list[Finding]:
    """``doc``'s own errors and warnings under its default profiles, pointers under ``prefix``."""
    from dataclasses import replace

    found = checker.check_document(doc).findings
    return [replace(f, pointer=prefix + f.pointer) for f in found if f.severity != "info"]
