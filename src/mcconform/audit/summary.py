"""What the audit keeps of one checked document (:class:`Summary`), made where the document
was checked (in this process, a worker process or a Dask worker), so that only it travels;
and the hook to :mod:`mcconform.quality` for the coverage of the quality elements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..guard import internal_finding
from ..locate import text_prefix
from ..report import DocumentReport, Finding
from . import facts as audit_facts
from .identity import Ident, identify

if TYPE_CHECKING:
    from ..document import Document

QualityExtract = Callable[[Any], dict[str, Any]]


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
    #: what the cross-document audits need (:mod:`mcconform.audit.facts`)
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
        from ..locate import locate

        for ptr, loc in locate(doc, rep, missing).items():
            if loc is not None:
                summary.locations[ptr] = loc
    return summary
