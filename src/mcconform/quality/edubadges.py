"""The Edubadges (SURF, NL) achievement extension: Annex I elements on an OB 3.0 Achievement.

Edubadges micro-credentials type their Achievement ``["Achievement", "EducredentialAchievement"]``
and add, through the extension context ``educredential.json`` (terms under
``https://edubadges.nl/static/obv3-glossary.html#``):

===================  =====================================  ==============================
property             meaning                                Annex I element
===================  =====================================  ==============================
assessmentType       testing, application of a skill,       type of assessment
                     portfolio, recognition of prior
                     learning
participationType    online, onsite or blended,             form of participation
                     volunteering, work experience,
                     personalized learning activities
supervisionType      unsupervised with no identity          supervision and identity
                     verification, supervised with no       verification
                     identity verification, supervised
                     online, onsite with identity
                     verification
identityChecked      boolean                                (identity verification)
ECTS                 ECTS credits                           notional workload (ECTS)
SBU                  studiebelastingsuren: study load in    notional workload (hours)
                     hours (Dutch VET)
timeInvestment       time investment in hours               notional workload (hours)
educationProgram-    the education programme the            integration / stackability
Identifier           micro-credential belongs to
===================  =====================================  ==============================

The EQF level and the quality assurance are OB 3.0 alignments (``targetType`` ``ext:EQF``
and ``ext:QualityAssurance``), read by :mod:`mcconform.quality.ob3`.  The vocabularies and
the units are those of the extension's context and JSON Schemas (``schemas/microcredential*.json``:
``SBU`` at least 240, one of ``ECTS`` / ``SBU`` required) and of the Edubadges metadata
documentation ("StudyLoad: study load in hours (Studiebelastingsuren / SBU)",
"TimeInvestment: time investment in hours").
"""

from __future__ import annotations

from typing import Any

from ..pointer import join
from .base import Collector, identity_verified, number, terms

SRC = "Edubadges extension"


def extract(ach: dict[str, Any], ap: str, c: Collector) -> None:
    """Add the elements the Edubadges properties of the Achievement at ``ap`` carry."""
    at = ach.get("assessmentType")
    if isinstance(at, str):
        c.add("assessment-type", at, join(ap, "assessmentType"), f"{SRC} assessmentType", terms=terms(at))
    pt = ach.get("participationType")
    if isinstance(pt, str):
        c.add(
            "participation-form",
            pt,
            join(ap, "participationType"),
            f"{SRC} participationType",
            terms=terms(pt),
        )
    st = ach.get("supervisionType")
    checked = ach.get("identityChecked")
    checked = checked if isinstance(checked, bool) else None
    if isinstance(st, str):
        verified = identity_verified(st)
        c.add(
            "supervision",
            st,
            join(ap, "supervisionType"),
            f"{SRC} supervisionType",
            identity_verified=verified if verified is not None else checked,
            terms=terms(st),
        )
    if checked is not None:
        c.add(
            "supervision",
            "identity checked" if checked else "identity not checked",
            join(ap, "identityChecked"),
            f"{SRC} identityChecked",
            identity_verified=checked,
        )
    ects = number(ach.get("ECTS"))
    if ects is not None:
        c.add("workload", f"{_n(ects)} ECTS", join(ap, "ECTS"), f"{SRC} ECTS", ects=ects)
    sbu = number(ach.get("SBU"))
    if sbu is not None:
        c.add("workload", f"{_n(sbu)} hours (SBU)", join(ap, "SBU"), f"{SRC} SBU", hours=sbu)
    ti = number(ach.get("timeInvestment"))
    if ti is not None:
        c.add("workload", f"{_n(ti)} hours", join(ap, "timeInvestment"), f"{SRC} timeInvestment", hours=ti)
    prog = ach.get("educationProgramIdentifier")
    if isinstance(prog, str | int) and not isinstance(prog, bool):
        c.add(
            "stackability",
            f"part of education programme {prog}",
            join(ap, "educationProgramIdentifier"),
            f"{SRC} educationProgramIdentifier",
        )


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
