"""The exit-code contract: one function, with a fixed precedence."""

from __future__ import annotations

from mcconform.exitcodes import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNVERIFIED,
    EXIT_USAGE,
    exit_code,
)
from mcconform.report import DocumentReport, Finding, ProfileResult, Report


def _doc(verdict: str, *findings: Finding, kind: str = "ob3-credential") -> DocumentReport:
    d = DocumentReport(source="x", kind=kind, findings=list(findings))
    d.profiles["p"] = ProfileResult("p", verdict)  # type: ignore[arg-type]
    return d


ERR = Finding("ob3.criteria", "error", "no criteria", "/credentialSubject/achievement")
BOOM = Finding("internal.error", "error", "the check ob3 raised KeyError", "")


def test_each_code() -> None:
    assert exit_code(Report([_doc("pass")])) == EXIT_OK
    assert exit_code(Report([_doc("fail", ERR)])) == EXIT_FINDINGS
    assert exit_code(Report([_doc("cantTell")])) == EXIT_UNVERIFIED
    assert exit_code(Report([_doc("cantTell")]), accept_unverified=True) == EXIT_OK
    assert exit_code(Report([_doc("inapplicable")])) == EXIT_UNVERIFIED
    assert exit_code(Report([_doc("fail", kind="unreadable")])) == EXIT_USAGE
    assert exit_code(Report([_doc("fail", BOOM)])) == EXIT_INTERNAL


def test_precedence() -> None:
    assert exit_code(Report([_doc("cantTell"), _doc("fail", ERR)])) == EXIT_FINDINGS
    assert exit_code(Report([_doc("fail", ERR), _doc("fail", kind="unreadable")])) == EXIT_USAGE
    assert exit_code(Report([_doc("fail", kind="unreadable"), _doc("fail", BOOM)])) == EXIT_INTERNAL
    assert exit_code(Report([_doc("fail", ERR)]), "never") == EXIT_OK
