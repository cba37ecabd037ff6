"""Counters of the audit: one issuer's or one achievement's :class:`Group`, one rule's
:class:`RuleStats`, and the rates and coverage tables the audit's JSON is made of."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..report import DocumentReport

VERDICTS = ("pass", "fail", "cantTell", "inapplicable")


@dataclass
class Group:
    """Counters of one issuer or one achievement."""

    key: str
    id: str | None = None
    name: str | None = None
    issuer: str | None = None  # for achievements: the issuer row's key
    documents: int = 0
    conformant: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    profiles: dict[str, Counter[str]] = field(default_factory=dict)
    rules: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # rule -> first source
    quality_documents: int = 0
    quality: Counter[str] = field(default_factory=Counter)

    def add(self, rep: DocumentReport, rules: Iterable[str], quality: dict[str, bool] | None) -> None:
        self.documents += 1
        self.conformant += rep.conformant
        for f in rep.findings:
            if f.severity == "error":
                self.errors += 1
            elif f.severity == "warning":
                self.warnings += 1
            else:
                self.infos += 1
        for name, p in rep.profiles.items():
            self.profiles.setdefault(name, Counter())[p.verdict] += 1
        for r in rules:
            self.rules[r] += 1
            self.examples.setdefault(r, rep.source)
        if quality is not None:
            self.quality_documents += 1
            for element, found in quality.items():
                self.quality[element] += 0
                if found:
                    self.quality[element] += 1

    def to_dict(self, top: int) -> dict[str, Any]:
        d: dict[str, Any] = {"key": self.key, "id": self.id, "name": self.name}
        if self.issuer is not None:
            d["issuer"] = self.issuer
        d.update(
            documents=self.documents,
            conformant=self.conformant,
            pass_rate=rate(self.conformant, self.documents),
            errors=self.errors,
            warnings=self.warnings,
            infos=self.infos,
            profiles={k: profile_dict(self.profiles[k]) for k in sorted(self.profiles)},
            top_findings=[
                {"rule": r, "documents": n, "example": self.examples[r]}
                for r, n in top_counts(self.rules, top)
            ],
            quality=coverage(self.quality, self.quality_documents),
        )
        return d


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def top_counts(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def profile_dict(c: Counter[str]) -> dict[str, Any]:
    applicable = c["pass"] + c["fail"] + c["cantTell"]
    d: dict[str, Any] = {v: c[v] for v in VERDICTS}
    d["applicable"] = applicable
    d["pass_rate"] = rate(c["pass"], applicable)
    return d


def coverage(found: Counter[str], documents: int) -> dict[str, Any]:
    return {
        "documents": documents,
        "elements": {e: {"found": found[e], "coverage": rate(found[e], documents)} for e in sorted(found)},
    }


@dataclass
class RuleStats:
    rule: str
    severity: str
    count: int = 0
    documents: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
