"""Audit of a whole export: aggregates per issuer and per achievement, streamed.

``mcconform audit EXPORT...`` checks every document of directories, JSON Lines files and ZIP
archives one at a time and keeps only counters: no :class:`~mcconform.report.DocumentReport`
outlives its document, so memory stays flat in the size of the export.  What is kept:

* totals (documents, conformant, findings by severity, documents by kind);
* per profile, the number of ``pass`` / ``fail`` / ``cantTell`` / ``inapplicable`` verdicts
  and the pass rate (``pass / (pass + fail + cantTell)``, the documents it applies to);
* per rule, the number of findings and of documents with one, and the first few examples
  (``max_examples``, in the order of the export);
* per issuer and per achievement (badge class), the same counters.  Each document counts
  under exactly one issuer row and one achievement row (``(none)`` rows included), so the
  rows add up to the totals.  At most ``max_groups`` issuers and achievements are kept
  apart; the documents of any further ones are counted under an ``(other ...)`` row;
* coverage of the micro-credential quality elements, when :mod:`mcconform.quality`
  exposes ``extract(doc) -> {element: found}``; otherwise the coverage is left empty and
  ``quality.available`` is false.

Who issued what is told by :mod:`mcconform.audit.identity`; what is kept of each document by
:mod:`mcconform.audit.summary`; the counters by :mod:`mcconform.audit.counters`.

:meth:`Audit.to_dict` is the JSON audit; the HTML and Markdown audits are rendered from that
same dictionary, so their totals are the JSON's.  This module imports no renderer and no worker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .. import detect
from ..locate import spec_url
from ..report import SEVERITY_RANK, DocumentReport
from ..version import __version__
from .consistency import Consistency
from .counters import Group, RuleStats, coverage, profile_dict, rate
from .identity import Ident
from .registry_status import RegistryAudit
from .stacking import Stacking
from .summary import QualityExtract, Summary, quality_hook, summarize

if TYPE_CHECKING:
    from ..document import Document
    from ..registry import Registry

AUDIT_SCHEMA_URI = "https://mcconform.invalid/schemas/audit/v1"
NO_ISSUER = "(no issuer)"
NO_ACHIEVEMENT = "(no achievement)"
OTHER_ISSUERS = "(other issuers)"
OTHER_ACHIEVEMENTS = "(other achievements)"

#: kinds that are not credentials (JSON-LD contexts, JSON Schemas, ...): ``credentials_only``
#: leaves them out of the totals and denominators (they are counted under ``excluded``)
NOT_CREDENTIALS = (detect.UNKNOWN,)
MAX_LISTED = 20_000


def _example(summary: Summary, f: Any) -> dict[str, Any]:
    ex: dict[str, Any] = {"source": summary.report.source, "pointer": f.pointer, "message": f.message}
    loc = summary.locations.get(f.pointer)
    if loc is not None:
        ex["line"], ex["column"] = loc["line"], loc["column"]
    return ex


class Audit:
    """Streaming aggregation of document reports; see the module documentation."""

    def __init__(
        self,
        *,
        max_examples: int = 3,
        max_groups: int = 10_000,
        top: int = 5,
        quality: QualityExtract | bool | None = True,
        inputs: Iterable[str] = (),
        registry: Registry | None = None,
        credentials_only: bool = False,
        max_listed: int = MAX_LISTED,
    ) -> None:
        self.max_examples = max_examples
        self.max_groups = max_groups
        self.top = top
        self.inputs = list(inputs)
        if quality is True:
            self.quality, self.quality_note = quality_hook()
        elif quality is False or quality is None:
            self.quality, self.quality_note = None, "quality-element coverage was not requested"
        else:
            self.quality, self.quality_note = quality, "coverage of the quality elements found by extract()"
        self.quality_failures = 0
        self.documents = 0
        self.conformant = 0
        self.not_verified = 0
        self.severities: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.profiles: dict[str, Counter[str]] = {}
        self.rules: dict[str, RuleStats] = {}
        self.issuers: dict[str, Group] = {}
        self.achievements: dict[str, Group] = {}
        self.quality_totals = Group("(all)")
        self.truncated = {"issuers": 0, "achievements": 0}
        self.credentials_only = credentials_only
        self.excluded: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.max_listed = max_listed
        self.listed: list[dict[str, Any]] = []
        self.consistency = Consistency(max_entities=max_groups, max_examples=max_examples)
        self.stacking = Stacking(max_examples=max(max_examples, 10))
        self.registry = RegistryAudit(registry, max_groups) if registry is not None else None

    # ---------------------------------------------------------------- adding

    def _group(self, table: dict[str, Group], which: str, key: str, other: str) -> Group:
        g = table.get(key)
        if g is None:
            if len(table) >= self.max_groups and key not in (NO_ISSUER, NO_ACHIEVEMENT):
                self.truncated[which] += 1
                key = other
                g = table.get(key)
            if g is None:
                g = table[key] = Group(key)
        return g

    def add(self, rep: DocumentReport, doc: Document | None = None) -> None:
        """Count one document's report; ``doc`` (the checked document) gives issuer and achievement."""
        self.add_summary(summarize(rep, doc, self.quality, self.wants_example))

    def wants_example(self, rule_id: str) -> bool:
        stats = self.rules.get(rule_id)
        return stats is None or len(stats.examples) < self.max_examples

    def add_summary(self, summary: Summary) -> None:
        """Count one document from its :class:`Summary` (made where the document was checked)."""
        rep = summary.report
        if self.credentials_only and rep.kind in NOT_CREDENTIALS:
            self.excluded[rep.kind] += 1
            return
        self.documents += 1
        self.verdicts[rep.verdict] += 1
        if len(self.listed) < self.max_listed:
            self.listed.append(_listed(rep, summary.ident[0]))
        self.consistency.add(summary.facts, rep.source)
        self.stacking.add(summary.facts, rep.source)
        if self.registry is not None:
            self.registry.add(summary.facts)
        self.conformant += rep.conformant
        self.not_verified += rep.verdict == "cantTell"
        self.kinds[rep.kind] += 1
        for name, p in rep.profiles.items():
            self.profiles.setdefault(name, Counter())[p.verdict] += 1
        fired: dict[str, list[Any]] = {}
        for f in rep.findings:
            self.severities[f.severity] += 1
            fired.setdefault(f.rule, []).append(f)
        for rule_id, findings in fired.items():
            stats = self.rules.get(rule_id)
            worst = max((f.severity for f in findings), key=lambda s: SEVERITY_RANK[s])
            if stats is None:
                stats = self.rules[rule_id] = RuleStats(rule_id, worst)
            elif SEVERITY_RANK[worst] > SEVERITY_RANK[stats.severity]:
                stats.severity = worst
            stats.count += len(findings)
            stats.documents += 1
            if len(stats.examples) < self.max_examples:
                stats.examples.append(_example(summary, findings[0]))

        quality = summary.quality
        if summary.quality_failed:
            self.quality_failures += 1
        if quality is not None:
            self.quality_totals.add(rep, (), quality)

        (iss_id, iss_name), (ach_id, ach_name) = summary.ident
        iss_key = iss_id or iss_name or NO_ISSUER
        issuer = self._group(self.issuers, "issuers", iss_key, OTHER_ISSUERS)
        if issuer.key == iss_key and issuer.documents == 0:
            issuer.id, issuer.name = iss_id, iss_name
        elif issuer.name is None and iss_name and issuer.key == iss_key:
            issuer.name = iss_name
        issuer.add(rep, fired, quality)

        if ach_id or ach_name:
            ach_key = ach_id or f"{issuer.key} / {ach_name}"
        else:
            ach_key = NO_ACHIEVEMENT
        ach = self._group(self.achievements, "achievements", ach_key, OTHER_ACHIEVEMENTS)
        if ach.key == ach_key and ach.documents == 0:
            ach.id, ach.name = ach_id, ach_name
            ach.issuer = issuer.key if ach_key != NO_ACHIEVEMENT else None
        ach.add(rep, fired, quality)

    # ---------------------------------------------------------------- result

    def to_dict(self) -> dict[str, Any]:
        from ..rules import get as get_rule

        findings = []
        for stats in sorted(self.rules.values(), key=lambda s: (-s.count, s.rule)):
            r = get_rule(stats.rule)
            spec = r.spec if r else ""
            findings.append(
                {
                    "rule": stats.rule,
                    "severity": stats.severity,
                    "title": r.title if r else "",
                    "spec": spec,
                    "spec_url": spec_url(spec),
                    "count": stats.count,
                    "documents": stats.documents,
                    "examples": stats.examples,
                }
            )

        def groups(table: dict[str, Group]) -> list[dict[str, Any]]:
            ordered = sorted(table.values(), key=lambda g: (-g.documents, g.key))
            return [g.to_dict(self.top) for g in ordered]

        return {
            "$schema": AUDIT_SCHEMA_URI,
            "tool": {"name": "mcconform", "version": __version__},
            "inputs": self.inputs,
            "totals": {
                "documents": self.documents,
                "conformant": self.conformant,
                "not_conformant": self.documents - self.conformant,
                "not_verified": self.not_verified,
                "pass_rate": rate(self.conformant, self.documents),
                "errors": self.severities["error"],
                "warnings": self.severities["warning"],
                "infos": self.severities["info"],
                "issuers": len(self.issuers),
                "achievements": len(self.achievements),
                "verdicts": {v: self.verdicts[v] for v in ("pass", "fail", "cantTell")},
                "excluded": dict(sorted(self.excluded.items())),
                "credentials_only": self.credentials_only,
            },
            "kinds": dict(sorted(self.kinds.items())),
            "profiles": {k: profile_dict(self.profiles[k]) for k in sorted(self.profiles)},
            "findings": findings,
            "issuers": groups(self.issuers),
            "achievements": groups(self.achievements),
            "quality": {
                "available": self.quality is not None,
                "note": self.quality_note,
                "failures": self.quality_failures,
                **coverage(self.quality_totals.quality, self.quality_totals.quality_documents),
            },
            "consistency": self.consistency.to_dict(),
            "stacking": self.stacking.to_dict(),
            "registry": self.registry.to_dict() if self.registry is not None else None,
            "document_list": self.listed,
            "limits": {
                "max_listed": self.max_listed,
                "documents_beyond_list": max(0, self.documents - len(self.listed)),
                "max_groups": self.max_groups,
                "max_examples": self.max_examples,
                "issuers_beyond_limit": self.truncated["issuers"],
                "achievements_beyond_limit": self.truncated["achievements"],
            },
        }


def _listed(rep: DocumentReport, issuer: Ident) -> dict[str, Any]:
    worst = rep.worst()
    rules = sorted({f.rule for f in rep.findings if f.severity == worst}) if worst else []
    return {
        "source": rep.source,
        "kind": rep.kind,
        "verdict": rep.verdict,
        "errors": sum(f.severity == "error" for f in rep.findings),
        "warnings": sum(f.severity == "warning" for f in rep.findings),
        "issuer": issuer[0] or issuer[1],
        "rules": rules[:3],
    }
