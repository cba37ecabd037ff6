"""mcconform: conformance of digital badges and micro-credentials.

Open Badges 2.0 and 3.0, W3C Verifiable Credentials, the European Learning Model (European
Digital Credentials) and the EU quality criteria for micro-credentials.

>>> import mcconform
>>> report = mcconform.check("fixtures/ob3/valid/minimal.json")  # doctest: +SKIP
>>> report.conformant  # doctest: +SKIP
True
"""

from __future__ import annotations

from .api import Checker, check
from .options import Options
from .renderers import FORMATS, render
from .report import DocumentReport, Finding, ProfileResult, Report, Severity, Verdict
from .selection import Selection
from .version import __version__

__all__ = [
    "FORMATS",
    "Checker",
    "DocumentReport",
    "Finding",
    "Options",
    "ProfileResult",
    "Report",
    "Selection",
    "Severity",
    "Verdict",
    "__version__",
    "check",
    "render",
]
