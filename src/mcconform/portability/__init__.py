"""Portability: convert a credential between Open Badges 2.0, Open Badges 3.0, the European
Learning Model (EDC) and CLR 2.0, with a loss report, and check the result against its
target in the same run.

* :func:`convert` - one detected document to one target format (``ob3``, ``elm``, ``vc2``);
* :func:`convert_clr` - a set of OB 3.0 credentials to one CLR 2.0 credential;
* the mapping tables are data: ``mappings/*.toml``, one per direction, each row citing its
  source; the loss report is findings of the ``portability.*`` rules (:mod:`.losses`).

Nothing is signed: a source proof is dropped and reported.  Nothing is invented: what the
target requires and the source lacks is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import detect
from ..document import Document
from ..report import DocumentReport, ProfileResult
from . import elm_ob3, losses, ob2_ob3, ob3_elm
from .annex import check_elements
from .common import Conversion
from .tables import table
from .target import check_target

if TYPE_CHECKING:
    from ..api import Checker

__all__ = ["FORMATS", "Conversion", "conversion_report", "convert", "convert_all", "supported"]

#: target format -> {source kind: (table name, converter)}
FORMATS = ("ob3", "elm", "vc2", "clr")
DIRECTIONS = {
    ("ob2-assertion", "ob3"): ("ob2-ob3", ob2_ob3.convert),
    ("ob3-credential", "elm"): ("ob3-elm", ob3_elm.convert),
    ("edc-credential", "ob3"): ("elm-ob3", elm_ob3.convert),
}


def supported(kind: str, target: str) -> bool:
    return (kind, target) in DIRECTIONS


def convert(doc: Document, target: str, checker: Checker) -> Conversion:
    """Convert ``doc`` (read, not yet detected is fine) to ``target``, then check the result
    with the target's default profiles.  Never raises on bad input."""
    detect.detect(doc, checker.options.limits)
    key = (doc.kind, target)
    if not doc.readable or key not in DIRECTIONS:
        conv = Conversion(doc.source, target, None)
        what = "unreadable input" if not doc.readable else f"a {doc.kind or 'unrecognised'} document"
        conv.losses.append(losses.UNSUPPORTED.finding(f"{what} cannot be converted to {target}", doc.base))
        conv.losses.extend(f for f in doc.findings if f.severity == "error")
        conv.source_kind = doc.kind if doc.readable else "unreadable"
        return conv
    name, fn = DIRECTIONS[key]
    conv = fn(doc, checker.options)
    conv.source_kind = doc.kind
    check_elements(conv, doc, checker.options.limits)
    check_target(conv, checker, table(name).explains)
    return conv


def convert_all(docs: Iterable[Document], target: str, checker: Checker) -> list[Conversion]:
    """Convert each document (``clr``: all of them into one CLR credential)."""
    return [convert(d, target, checker) for d in docs]


def conversion_report(convs: list[Conversion]) -> list[DocumentReport]:
    """One report entry per conversion: the loss report and the target check as findings,
    and each target profile's verdict (``fail`` also when a violation is unexplained)."""
    out = []
    for c in convs:
        rep = DocumentReport(source=c.source, kind=c.source_kind)
        rep.findings = c.findings
        for name, verdict in c.verdicts.items():
            rep.profiles[f"{c.target_format}:{name}"] = ProfileResult(f"{c.target_format}:{name}", verdict)  # type: ignore[arg-type]
        out.append(rep)
    return out
