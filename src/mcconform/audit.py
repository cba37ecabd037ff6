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

The issuer comes from the credential: OB 3.0 / VC / ELM ``issuer``, OB 2.0 and 1.x
``badge`` -> ``issuer``, the document itself for issuer profiles; the achievement from OB 3.0
``credentialSubject.achievement``, the OB 2.0 ``badge`` (a BadgeClass), ELM
``credentialSubject.hasClaim`` -> ``specifiedBy``.

:meth:`Audit.to_dict` is the JSON audit; the HTML and Markdown audits are rendered from that
same dictionary, so their totals are the JSON's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import audit_facts, detect
from .audit_consistency import Consistency
from .audit_stacking import Stacking
from .guard import internal_finding
from .locate import spec_url, text_prefix
from .report import SEVERITY_RANK, DocumentReport, Finding
from .version import __version__

if TYPE_CHECKING:
    from .document import Document

AUDIT_SCHEMA_URI = "https://mcconform.invalid/schemas/audit/v1"
VERDICTS = ("pass", "fail", "cantTell", "inapplicable")
NO_ISSUER = "(no issuer)"
NO_ACHIEVEMENT = "(no achievement)"
OTHER_ISSUERS = "(other issuers)"
OTHER_ACHIEVEMENTS = "(other achievements)"

QualityExtract = Callable[[Any], dict[str, Any]]
#: kinds that are not credentials (JSON-LD contexts, JSON Schemas, ...): ``credentials_only``
#: leaves them out of the totals and denominators (they are counted under ``excluded``)
NOT_CREDENTIALS = (detect.UNKNOWN,)
MAX_LISTED = 20_000


# --------------------------------------------------------------------------- who issued what


def _text(value: Any) -> str | None:
    """A display string from a plain string, a language map or a list of either."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for v in value:
            t = _text(v)
            if t:
                return t
        return None
    if isinstance(value, dict):
        if "@value" in value:
            return _text(value["@value"])
        for lang in ("en", "en-GB", "en-US", "@none"):
            if lang in value:
                t = _text(value[lang])
                if t:
                    return t
        for key in sorted(value):
            if len(key) <= 8:  # language tags only, not nested objects
                t = _text(value[key])
                if t:
                    return t
    return None


def _ident(
    value: Any, name_keys: tuple[str, ...] = ("name", "legalName", "prefLabel", "title")
) -> tuple[str | None, str | None]:
    """``(id, name)`` of an entity given as an IRI string, an object or a list of them."""
    if isinstance(value, str):
        return (value.strip() or None), None
    if isinstance(value, list):
        for v in value:
            i, n = _ident(v, name_keys)
            if i or n:
                return i, n
        return None, None
    if isinstance(value, dict):
        ident = value.get("id", value.get("@id"))
        if not isinstance(ident, str):
            ident = value.get("origin") if isinstance(value.get("origin"), str) else None  # OB 0.5
        name = None
        for key in name_keys:
            name = _text(value.get(key))
            if name:
                break
        return ident, name
    return None, None


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, dict)), value[0] if value else None)
    return value


Ident = tuple[str | None, str | None]


def identify(doc: Document) -> tuple[Ident, Ident]:
    """``((issuer id, issuer name), (achievement id, achievement name))`` of a checked document."""
    none: Ident = (None, None)
    if not doc.readable:
        return none, none
    cred = doc.credential
    if not isinstance(cred, dict):
        return none, none
    kind = doc.kind
    issuer: Ident = none
    achievement: Ident = none
    if kind in (detect.OB3_PROFILE, detect.OB2_ISSUER):
        issuer = _ident(cred)
    elif kind == detect.OB3_ACHIEVEMENT:
        issuer, achievement = _ident(cred.get("creator")), _ident(cred)
    elif kind == detect.OB2_BADGECLASS:
        issuer, achievement = _ident(cred.get("issuer")), _ident(cred)
    elif kind in (detect.OB2_ASSERTION, detect.OB1_ASSERTION):
        badge = cred.get("badge")
        achievement = _ident(badge)
        if isinstance(badge, dict):
            issuer = _ident(badge.get("issuer", badge.get("issuer_org")))
    else:
        issuer = _ident(cred.get("issuer"))
        subject = _first(cred.get("credentialSubject"))
        if isinstance(subject, dict):
            if kind == detect.EDC_CREDENTIAL:
                claim = _first(subject.get("hasClaim"))
                if isinstance(claim, dict):
                    spec = claim.get("specifiedBy")
                    achievement = _ident(spec) if spec else _ident(claim)
                    if achievement[1] is None and spec:
                        achievement = (achievement[0], _text(claim.get("title")))
            elif "achievement" in subject:
                achievement = _ident(subject.get("achievement"))
    return issuer, achievement


# --------------------------------------------------------------------------- counters


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
            pass_rate=_rate(self.conformant, self.documents),
            errors=self.errors,
            warnings=self.warnings,
            infos=self.infos,
            profiles={k: _profile_dict(self.profiles[k]) for k in sorted(self.profiles)},
            top_findings=[
                {"rule": r, "documents": n, "example": self.examples[r]} for r, n in _top(self.rules, top)
            ],
            quality=_coverage(self.quality, self.quality_documents),
        )
        return d


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _top(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _profile_dict(c: Counter[str]) -> dict[str, Any]:
    applicable = c["pass"] + c["fail"] + c["cantTell"]
    d: dict[str, Any] = {v: c[v] for v in VERDICTS}
    d["applicable"] = applicable
    d["pass_rate"] = _rate(c["pass"], applicable)
    return d


def _coverage(found: Counter[str], documents: int) -> dict[str, Any]:
    return {
        "documents": documents,
        "elements": {e: {"found": found[e], "coverage": _rate(found[e], documents)} for e in sorted(found)},
    }


@dataclass
class RuleStats:
    rule: str
    severity: str
    count: int = 0
    documents: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)


def quality_hook() -> tuple[QualityExtract | None, str]:
    """``mcconform.quality.extract`` when that module provides it, and a note saying so."""
    import importlib

    try:
        quality = importlib.import_module("mcconform.quality")
    except ImportError:
        return None, "mcconform.quality is not available: quality-element coverage is not computed"
    fn = getattr(quality, "extract", None)
    if not callable(fn):
        return None, "mcconform.quality has no extract(doc): quality-element coverage is not computed"
    return fn, "coverage of the quality elements found by mcconform.quality.extract"


@dataclass
class Summary:
    """What the audit keeps of one checked document; made where the document was checked
    (in this process, a worker process or a Dask worker), so that only it travels."""

    report: DocumentReport
    ident: tuple[Ident, Ident] = ((None, None), (None, None))
    quality: dict[str, bool] | None = None
    quality_failed: bool = False
    #: line and column of the first finding of each rule (the audit's examples)
    locations: dict[str, dict[str, int]] = field(default_factory=dict)
    #: what the cross-document audits need (:mod:`mcconform.audit_facts`)
    facts: dict[str, Any] | None = None


def summarize(
    rep: DocumentReport,
    doc: Document | None,
    quality_fn: QualityExtract | None,
    wants_example: Callable[[str], bool] | None = None,
) -> Summary:
    """The :class:`Summary` of one checked document.

    Findings are located in the text (line, column) for the first finding of each rule for
    which ``wants_example(rule)`` is true (every rule when it is None).
    """
    try:
        return _summarize(rep, doc, quality_fn, wants_example)
    except Exception as e:  # the audit goes on; the document says it could not be summarized
        finding = internal_finding("audit summary", e)
        return Summary(replace(rep, findings=sorted({*rep.findings, finding}, key=Finding.sort_key)))


def _summarize(
    rep: DocumentReport,
    doc: Document | None,
    quality_fn: QualityExtract | None,
    wants_example: Callable[[str], bool] | None,
) -> Summary:
    summary = Summary(rep)
    if doc is None:
        return summary
    summary.ident = identify(doc)
    try:
        summary.facts = audit_facts.extract(doc)
    except Exception:  # a fact the audit cannot read never stops it
        summary.facts = None
    if quality_fn is not None and doc.readable:
        try:
            summary.quality = {str(k): bool(v) for k, v in dict(quality_fn(doc)).items()}
        except Exception:  # a quality extractor must never stop an audit
            summary.quality_failed = True
    first: dict[str, str] = {}
    for f in rep.findings:
        if wants_example is None or wants_example(f.rule):
            first.setdefault(f.rule, f.pointer)
    known = rep.meta.get("locations") or {}
    missing = [ptr for ptr in dict.fromkeys(first.values()) if ptr not in known]
    for ptr in first.values():
        if ptr in known:
            summary.locations[ptr] = known[ptr]
    if missing and text_prefix(doc) is not None:
        from .locate import locate

        for ptr, loc in locate(doc, rep, missing).items():
            if loc is not None:
                summary.locations[ptr] = loc
    return summary


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
        registry: Any = None,
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
        from .registry import RegistryAudit

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
        from .rules import get as get_rule

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
                "pass_rate": _rate(self.conformant, self.documents),
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
            "profiles": {k: _profile_dict(self.profiles[k]) for k in sorted(self.profiles)},
            "findings": findings,
            "issuers": groups(self.issuers),
            "achievements": groups(self.achievements),
            "quality": {
                "available": self.quality is not None,
                "note": self.quality_note,
                "failures": self.quality_failures,
                **_coverage(self.quality_totals.quality, self.quality_totals.quality_documents),
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
