"""The report model: findings, per-document reports and the whole run's report.

One model for every renderer.  Everything here is plain data with a deterministic
ordering, so the same input always gives the same report, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}

#: Verdict of one profile on one document.
#: ``pass``: no error; ``fail``: at least one error; ``inapplicable``: the profile does not
#: apply to this kind of document; ``cantTell``: something needed was not checked (offline).
Verdict = Literal["pass", "fail", "inapplicable", "cantTell"]


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found in one document."""

    rule: str
    severity: Severity
    message: str
    pointer: str = ""
    spec: str = ""
    focus_node: str | None = None
    shape: str | None = None
    path: str | None = None
    value: str | None = None
    #: rules that reported the same defect at the same place, folded into this finding
    also: tuple[str, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        return (
            -SEVERITY_RANK[self.severity],
            self.pointer,
            self.rule,
            self.message,
            self.focus_node or "",
            self.path or "",
            self.shape or "",
            self.value or "",
            self.spec,
            self.also,
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "spec": self.spec,
        }
        for key in ("focus_node", "shape", "path", "value"):
            v = getattr(self, key)
            if v is not None:
                d[key] = v
        if self.also:
            d["also"] = list(self.also)
        return d


@dataclass
class ProfileResult:
    """What one profile said about one document."""

    name: str
    verdict: Verdict
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    rules: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "conformant": self.verdict == "pass",
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
        }


@dataclass
class DocumentReport:
    source: str
    kind: str
    findings: list[Finding] = field(default_factory=list)
    profiles: dict[str, ProfileResult] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def conformant(self) -> bool:
        """True only when the verdict is ``pass``: every check that applies ran and passed
        (``cantTell`` and ``inapplicable`` alone are not conformant)."""
        return self.verdict == "pass"

    @property
    def verdict(self) -> Verdict:
        """The document's verdict: ``fail`` (an error, or a profile failed), ``cantTell``
        (something that applies could not be checked, or no profile applied at all), else
        ``pass``.  ``inapplicable`` alone is never a pass."""
        if any(f.severity == "error" for f in self.findings):
            return "fail"
        verdicts = [p.verdict for p in self.profiles.values()]
        if "fail" in verdicts:
            return "fail"
        if any(f.rule.endswith(".not-checked") for f in self.findings):
            return "cantTell"
        if "cantTell" in verdicts or not any(v == "pass" for v in verdicts):
            return "cantTell"
        return "pass"

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK[s])

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "verdict": self.verdict,
            "conformant": self.conformant,
            "profiles": {k: self.profiles[k].to_dict() for k in sorted(self.profiles)},
            "findings": [f.to_dict() for f in self.findings],
            **({"meta": self.meta} if self.meta else {}),
        }


@dataclass
class Report:
    documents: list[DocumentReport] = field(default_factory=list)
    tool_version: str = ""

    @property
    def conformant(self) -> bool:
        return all(d.conformant for d in self.documents)

    def counts(self) -> dict[str, int]:
        """Totals: documents, conformant, verdicts (``pass`` / ``fail`` / ``cantTell``: the
        last one "not verified"), findings by severity."""
        c = {"documents": len(self.documents), "conformant": 0, "pass": 0, "fail": 0, "cantTell": 0}
        c.update(errors=0, warnings=0, infos=0)
        for d in self.documents:
            c["conformant"] += d.conformant
            c[d.verdict] += 1
            for f in d.findings:
                c[{"error": "errors", "warning": "warnings", "info": "infos"}[f.severity]] += 1
        return c

    def exceeds(self, fail_on: str) -> bool:
        """Whether some finding is at or above the ``fail_on`` threshold."""
        if fail_on == "never":
            return False
        threshold = SEVERITY_RANK[fail_on]
        for d in self.documents:
            if any(SEVERITY_RANK[f.severity] >= threshold for f in d.findings):
                return True
            if any(p.verdict == "fail" for p in d.profiles.values()):
                return True
        return False

    def ignored(self) -> dict[str, int]:
        """Findings dropped by ``--select`` / ``--ignore`` / overrides / ``--baseline``, by
        pattern (see :mod:`mcconform.selection`)."""
        ignored: dict[str, int] = {}
        for d in self.documents:
            for reason, n in (d.meta.get("ignored") or {}).items():
                ignored[reason] = ignored.get(reason, 0) + n
        return dict(sorted(ignored.items()))

    def to_dict(self) -> dict[str, Any]:
        summary: dict[str, Any] = dict(self.counts())
        ignored = self.ignored()
        if ignored:
            summary["ignored"] = {"total": sum(ignored.values()), "by": dict(sorted(ignored.items()))}
        return {
            "tool": {"name": "mcconform", "version": self.tool_version},
            "summary": summary,
            "documents": [d.to_dict() for d in self.documents],
        }
