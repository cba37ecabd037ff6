"""The catch-all: an unexpected exception inside one document's checks is a finding.

Whatever the fuzzer has not found yet must not end a run with a traceback, nor spoil the
other documents: each place where one document is read, detected or checked is wrapped here.
The exception becomes an ``internal.error`` finding of that document (naming the step and the
exception type, never the traceback), the run goes on, and the exit code is 4 ("could not
check", :mod:`mcconform.exitcodes`).  ``--debug`` (or ``MCCONFORM_DEBUG=1``) prints the
traceback on stderr.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from . import detect as detect_mod
from .document import Document
from .exitcodes import INTERNAL_RULE
from .limits import Limits
from .report import Finding
from .rules import rule

INTERNAL = rule(
    INTERNAL_RULE,
    "error",
    "mcconform could not check the document: a check raised an unexpected error.",
    "mcconform exit codes (exit code 4)",
    """
    An unexpected exception inside one document's reading, detection or checks is a bug of
    mcconform, not a finding about the document.  It is reported as this finding of that
    document, naming the step (``check jsonld``, ``detection``, ``reading``) and the exception
    type; the other documents are checked as usual and the exit code is 4, never 1.
    ``--debug`` prints the traceback on standard error.  Please report it with the document.
    FAIL: a check that raises ``KeyError`` on some input.
    """,
)

T = TypeVar("T")

_DEBUG = {"on": os.environ.get("MCCONFORM_DEBUG", "") not in ("", "0")}


def set_debug(on: bool) -> None:
    """Print the traceback of every internal error on stderr (``--debug``)."""
    _DEBUG["on"] = on


def debug() -> bool:
    return _DEBUG["on"]


def internal_finding(where: str, exc: BaseException, pointer: str = "") -> Finding:
    """The ``internal.error`` finding for ``exc`` raised in ``where``."""
    if _DEBUG["on"]:
        print(f"mcconform: internal error in {where}:", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
    kind = type(exc).__qualname__
    return INTERNAL.finding(
        f"{where} raised an unexpected {kind}; the document could not be checked "
        "(a bug of mcconform: run with --debug for the traceback and please report it)",
        pointer,
    )


def run_check(name: str, fn: Callable[..., Iterable[Finding]], *args: Any) -> list[Finding]:
    """The findings of the check ``name``, or one ``internal.error`` finding if it raised."""
    try:
        return list(fn(*args))
    except Exception as e:
        return [internal_finding(f"check {name}", e)]


def detect(doc: Document, limits: Limits) -> None:
    """Detect the document's kind; an unexpected error makes it an unreadable document."""
    try:
        detect_mod.detect(doc, limits)
    except Exception as e:
        doc.findings.append(internal_finding("detection", e))
        doc.readable = False
        doc.kind = detect_mod.UNREADABLE_KIND


def failed_document(source: str, where: str, exc: BaseException) -> Document:
    """A document that could not be read because ``where`` raised ``exc``."""
    doc = Document(source=source)
    doc.findings.append(internal_finding(where, exc))
    return doc


def read(source: str, fn: Callable[..., Document], *args: Any) -> Document:
    """``fn(*args)`` (which reads one document), or an unreadable document if it raised."""
    try:
        return fn(*args)
    except Exception as e:
        return failed_document(source, "reading", e)


def documents(source: str, gen: Iterator[Document]) -> Iterator[Document]:
    """The documents of ``gen``; if it raises, one more (unreadable) document saying so, then
    the end of that input (a generator that raised cannot go on)."""
    try:
        yield from gen
    except Exception as e:
        yield failed_document(source, "reading", e)


def checked(fn: Callable[[Document], T], doc: Document, fallback: Callable[[Document, Finding], T]) -> T:
    """``fn(doc)``; if it raises, ``fallback(doc, finding)`` with the internal-error finding."""
    try:
        return fn(doc)
    except Exception as e:
        return fallback(doc, internal_finding("checking", e))
