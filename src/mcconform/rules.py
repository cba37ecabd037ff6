"""The rule catalog.

Every finding names a rule.  A rule is declared once, in the module of the check family
that emits it, with :func:`rule`; its docstring-like ``doc`` is the user documentation that
``mcconform rules explain ID`` prints (what it checks, why, PASS and FAIL examples).
Rule ids are stable: ``family.name`` (``parse.not-json``, ``ob3.context-order``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from .report import Finding, Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    spec: str
    doc: str = ""

    def finding(
        self,
        message: str,
        pointer: str = "",
        *,
        severity: Severity | None = None,
        spec: str | None = None,
        **extra: str | None,
    ) -> Finding:
        """Build a finding of this rule."""
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=message,
            pointer=pointer,
            spec=spec if spec is not None else self.spec,
            **extra,  # type: ignore[arg-type]  # focus_node, shape, path, value: strings
        )

    def explain(self) -> str:
        lines = [f"{self.id}  ({self.severity})", "", self.title, "", f"Specification: {self.spec}"]
        if self.doc:
            lines += ["", textwrap.dedent(self.doc).strip()]
        return "\n".join(lines) + "\n"


RULES: dict[str, Rule] = {}


def rule(id: str, severity: Severity, title: str, spec: str, doc: str = "") -> Rule:
    """Declare a rule (idempotent for identical declarations)."""
    r = Rule(id, severity, title, spec, doc)
    existing = RULES.get(id)
    if existing is not None and existing != r:
        raise ValueError(f"rule {id} declared twice with different content")
    RULES[id] = r
    return r


#: what loads every module that declares rules (registered by :mod:`mcconform.checks`, so
#: that this catalog stays a leaf: it imports nothing that imports it back)
_LOADERS: list[Callable[[], None]] = []


def on_catalog(loader: Callable[[], None]) -> None:
    """Register ``loader``, called before the whole catalog is read."""
    if loader not in _LOADERS:
        _LOADERS.append(loader)


def all_rules() -> list[Rule]:
    for load in _LOADERS:
        load()
    return [RULES[k] for k in sorted(RULES)]


def get(id: str) -> Rule | None:
    all_rules()
    return RULES.get(id)
