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
from ..exitcodes import INTERNAL_RULE
from ..report import DocumentReport, Finding, ProfileResult
from . import clr, elm_ob3, losses, ob2_ob3, ob3_elm, vc2
from .annex import check_elements
from .common import Conversion
from .tables import pointer, table
from .target import check_target, source_violations

if TYPE_CHECKING:
    from ..api import Checker

__all__ = ["FORMATS", "Conversion", "conversion_report", "convert", "convert_all", "supported"]

#: target format -> {source kind: (table name, converter)}
FORMATS = ("ob3", "elm", "vc2", "clr")
DIRECTIONS = {
    ("ob2-assertion", "ob3"): ("ob2-ob3", ob2_ob3.convert),
    ("ob1-assertion", "ob3"): ("ob1-ob3", ob2_ob3.convert_ob1),
    ("ob3-credential", "elm"): ("ob3-elm", ob3_elm.convert),
    ("edc-credential", "ob3"): ("elm-ob3", elm_ob3.convert),
    ("ob3-credential", "vc2"): ("vc1-vc2", vc2.convert),
}


def supported(kind: str, target: str, doc: Document | None = None) -> bool:
    if target == "vc2" and doc is not None:
        return kind == "ob3-credential" and vc2.is_vc11(doc.credential)
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
    try:
        return _convert(doc, key, checker)
    except Exception as e:  # a converter bug must never become a traceback
        conv = Conversion(doc.source, target, None, source_kind=doc.kind)
        conv.losses.append(
            Finding(
                rule=INTERNAL_RULE,
                severity="error",
                message=f"the {target} converter failed on this document ({type(e).__name__}: {e})",
                pointer=doc.base,
                spec="mcconform convert",
            )
        )
        return conv


def _convert(doc: Document, key: tuple[str, str], checker: Checker) -> Conversion:
    name, fn = DIRECTIONS[key]
    conv = fn(doc, checker.options)
    conv.source_kind = doc.kind
    check_elements(conv, doc, checker.options.limits)
    t = table(name)
    renames = [(pointer(r.src, doc.base), pointer(r.to)) for r in t.rows if r.to and r.to != r.src]
    # the source's own violations: the same rule (or one the table says is equivalent) at the
    # same place in the target is inherited, not a loss
    check_target(conv, checker, t.explains, source_violations(checker, doc), renames, t.inherits)
    return conv


def convert_all(docs: Iterable[Document], target: str, checker: Checker) -> list[Conversion]:
    """Convert each document (``clr``: all OB 3.0 credentials into one CLR credential)."""
    if target != "clr":
        return [convert(d, target, checker) for d in docs]
    out: list[Conversion] = []
    members: list[Document] = []
    for d in docs:
        detect.detect(d, checker.options.limits)
        if d.readable and d.kind == "ob3-credential" and not vc2.is_vc11(d.credential):
            members.append(d)
            continue
        if d.readable and d.kind == "ob3-credential":
            conv = Conversion(d.source, target, None, source_kind=d.kind)
            conv.losses.append(
                losses.NOT_CARRIED.finding(
                    "a VCDM 1.1 credential cannot be embedded in a CLR 2.0 (VCDM 2.0): its context "
                    "redefines protected terms; convert it with --to vc2 and have its issuer sign it again",
                    d.at("/@context/0"),
                    spec="portability-mappings.md §1.3 (CLR 2.0 embeds OB 3.0 credentials), §1.4",
                )
            )
            out.append(conv)
            continue
        conv = Conversion(d.source, target, None, source_kind=d.kind if d.readable else "unreadable")
        conv.losses.append(
            losses.UNSUPPORTED.finding(f"a {d.kind or 'unreadable'} document cannot go into a CLR", d.base)
        )
        out.append(conv)
    if members:
        try:
            conv = clr.convert_set(members)
        except Exception as e:  # a converter bug must never become a traceback
            conv = Conversion(
                f"{len(members)} OB 3.0 credential(s)", target, None, source_kind="ob3-credential"
            )
            conv.losses.append(
                Finding(
                    INTERNAL_RULE,
                    "error",
                    f"the clr converter failed ({type(e).__name__}: {e})",
                    "",
                    "mcconform convert",
                )
            )
            return [conv, *out]
        conv.source_kind = "ob3-credential"
        inherited = [
            f
            for i, d in enumerate(members)
            for f in source_violations(checker, d, f"/credentialSubject/verifiableCredential/{i}")
        ]
        check_target(conv, checker, table("ob3-clr").explains, inherited)
        out.insert(0, conv)
    return out


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
