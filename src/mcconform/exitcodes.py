"""Exit codes of ``mcconform check`` (documented in the README and in ``--help``).

One function decides the code from the report, so every command and the GitHub Action agree:

====  =====================================================================================
0     every document passes (nothing at or above ``--fail-on``)
1     at least one finding at or above ``--fail-on``: the documents do not conform
2     usage error, or an input that could not be read at all (also a finding in the report)
3     nothing failed, but some document could not be verified offline (verdict ``cantTell``,
      or no profile applied to it); ``--accept-unverified`` turns this into 0
4     mcconform could not check a document: a check raised an unexpected error
      (an ``internal.error`` finding names the check); never mistaken for findings
====  =====================================================================================

Precedence when several hold: 4, then 2, then 1, then 3.
"""

from __future__ import annotations

from .report import Report

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNVERIFIED = 3
EXIT_INTERNAL = 4

INTERNAL_RULE = "internal.error"


def exit_code(report: Report, fail_on: str = "error", *, accept_unverified: bool = False) -> int:
    """The exit code for ``report`` (see the module docstring)."""
    docs = report.documents
    if any(f.rule == INTERNAL_RULE for d in docs for f in d.findings):
        return EXIT_INTERNAL
    if any(d.kind == "unreadable" for d in docs):
        return EXIT_USAGE
    if report.exceeds(fail_on):
        return EXIT_FINDINGS
    if not accept_unverified and any(d.verdict == "cantTell" for d in docs):
        return EXIT_UNVERIFIED
    return EXIT_OK
