"""One problem a trust check found (rule id, message, pointer), before it becomes a finding.

Kept apart from :mod:`mcconform.trust.dataintegrity` so that reading an SD-JWT or a COSE
envelope (:mod:`mcconform.envelopes`, imported by every run) does not import cryptography and
pyld: a run that verifies no proof never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    rule: str
    message: str
    pointer: str = ""
    severity: str | None = None
