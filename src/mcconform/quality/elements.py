"""The standard elements of a micro-credential (Council Recommendation of 16 June 2022, Annex I).

Council Recommendation of 16 June 2022 on a European approach to micro-credentials for
lifelong learning and employability (2022/C 243/02), OJ C 243, 27.6.2022, p. 10, Annex I
"European standard elements to describe a micro-credential".  Eleven elements are
mandatory, five optional ("where relevant, non-exhaustive list").  The ``annex`` text of each
element below is the Annex's wording; ``id`` is mcconform's stable identifier, used in
quality profiles, findings, ``mcconform elements`` and the audit's coverage table.
"""

from __future__ import annotations

from dataclasses import dataclass

RECOMMENDATION = (
    "Council Recommendation of 16 June 2022 on a European approach to micro-credentials "
    "(2022/C 243/02), Annex I"
)
RECOMMENDATION_URL = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022H0627(02)"


@dataclass(frozen=True)
class ElementSpec:
    id: str
    title: str
    mandatory: bool
    annex: str


ELEMENTS: tuple[ElementSpec, ...] = (
    ElementSpec("learner", "Identification of the learner", True, "Identification of the learner"),
    ElementSpec("title", "Title of the micro-credential", True, "Title of the micro-credential"),
    ElementSpec(
        "issuer-country", "Country/region of the issuer", True, "Country(ies)/Region(s) of the issuer"
    ),
    ElementSpec("awarding-body", "Awarding body", True, "Awarding body(ies)"),
    ElementSpec("issue-date", "Date of issuing", True, "Date of issuing"),
    ElementSpec("learning-outcomes", "Learning outcomes", True, "Learning outcomes"),
    ElementSpec(
        "workload",
        "Notional workload",
        True,
        "Notional workload needed to achieve the learning outcomes (in European Credit Transfer "
        "and Accumulation System - ECTS, wherever possible)",
    ),
    ElementSpec(
        "level",
        "Level (EQF / national qualifications framework)",
        True,
        "Level (and cycle, if applicable) of the learning experience leading to the micro-credential "
        "(European Qualifications Framework, Qualifications Frameworks in the European Higher "
        "Education Area), if applicable",
    ),
    ElementSpec("assessment-type", "Type of assessment", True, "Type of assessment"),
    ElementSpec(
        "participation-form",
        "Form of participation",
        True,
        "Form of participation in the learning activity",
    ),
    ElementSpec(
        "quality-assurance",
        "Type of quality assurance",
        True,
        "Type of quality assurance used to underpin the micro-credential",
    ),
    ElementSpec(
        "prerequisites", "Prerequisites", False, "Prerequisites needed to enrol in the learning activity"
    ),
    ElementSpec(
        "supervision",
        "Supervision and identity verification",
        False,
        "Supervision and identity verification during assessment (unsupervised with no identity "
        "verification, supervised with no identity verification, supervised online, or onsite "
        "with identity verification)",
    ),
    ElementSpec("grade", "Grade achieved", False, "Grade achieved"),
    ElementSpec(
        "stackability",
        "Integration / stackability options",
        False,
        "Integration/stackability options (stand-alone, independent micro-credential/integrated, "
        "stackable towards another credential)",
    ),
    ElementSpec("further-information", "Further information", False, "Further information"),
)

BY_ID: dict[str, ElementSpec] = {e.id: e for e in ELEMENTS}
MANDATORY: tuple[str, ...] = tuple(e.id for e in ELEMENTS if e.mandatory)
OPTIONAL: tuple[str, ...] = tuple(e.id for e in ELEMENTS if not e.mandatory)
