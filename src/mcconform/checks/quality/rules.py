"""The rules of the quality checks (``quality.*``), declared once: missing standard elements,
notional workload, EQF level, vocabulary, identity verification, and the profile's own settings.
"""

from __future__ import annotations

from ...quality import BY_ID, RECOMMENDATION
from ...rules import rule

ANNEX = RECOMMENDATION

_DOC_ELEMENTS = "Element ids: " + ", ".join(BY_ID) + " (`mcconform elements FILE` shows them)."

MISSING_REQUIRED = rule(
    "quality.missing-required",
    "error",
    "A standard element the quality profile requires is not in the credential.",
    ANNEX,
    f"""
    The quality profile lists the element under ``required`` (``[settings.quality]``); the
    credential does not state it in any place mcconform knows for its format.  The pointer is
    the node where the element was expected (e.g. the ELM Qualification for ``accreditation``,
    the OB 3.0 Achievement for the EQF alignment).  {_DOC_ELEMENTS}

    FAIL (eu-mc-2022): an ELM credential whose Qualification has no ``accreditation``
    (type of quality assurance).
    PASS: the Qualification has ``"accreditation": {{"id": "urn:...", "type": "Accreditation", ...}}``.
    """,
)
MISSING_RECOMMENDED = rule(
    "quality.missing-recommended",
    "warning",
    "A standard element the quality profile recommends is not in the credential.",
    ANNEX,
    f"The profile lists the element under ``recommended``.  {_DOC_ELEMENTS}",
)
MISSING_OPTIONAL = rule(
    "quality.missing-optional",
    "info",
    "An optional standard element is not in the credential.",
    ANNEX,
    f"The profile lists the element under ``optional`` (reported for information).  {_DOC_ELEMENTS}",
)
WORKLOAD_RANGE = rule(
    "quality.workload-range",
    "error",
    "The notional workload is outside the range the quality profile allows.",
    ANNEX + ": notional workload",
    """
    ``[settings.quality.workload]`` ``min_hours`` / ``max_hours`` / ``min_ects`` / ``max_ects``
    bound the workload.  Hours come from ELM ``volumeOfLearning`` (ISO 8601 duration) or
    platform extensions (Edubadges ``SBU`` / ``timeInvestment``); ECTS from ELM ``creditPoint``
    (ECTS framework), OB 3.0 ``creditsAvailable`` or Edubadges ``ECTS``.  When the credential
    states only the other unit, it is converted with ``hours_per_ects`` and fails only when no
    rate in that range brings it within the bounds.

    FAIL (cmf: 100-150 hours): ``"volumeOfLearning": "PT60H"``.
    PASS: ``"volumeOfLearning": "PT125H"``.
    """,
)
WORKLOAD_UNIT = rule(
    "quality.workload-unit",
    "error",
    "The notional workload is not stated in the unit the quality profile requires.",
    ANNEX + ": notional workload (in ECTS, wherever possible)",
    """
    ``require_ects`` / ``require_hours`` in ``[settings.quality.workload]`` (a severity, or
    false): the workload must be given in ECTS credits / in hours.

    FAIL (require_ects): only ``"SBU": 240``.  PASS: ``"ECTS": 3``.
    """,
)
WORKLOAD_CONSISTENCY = rule(
    "quality.workload-consistency",
    "warning",
    "The workload in hours and the ECTS credits disagree.",
    "ECTS Users' Guide 2015, 3.1: one credit corresponds to 25 to 30 hours of work",
    """
    When a credential states both hours and ECTS, hours / ECTS must lie within
    ``hours_per_ects`` (default 25-30), widened by ``tolerance`` (default 10%).  The severity is
    the profile's ``consistency`` setting.

    FAIL: ``PT100H`` with 2 ECTS (50 h per credit).  PASS: ``PT60H`` with 2 ECTS (30 h per credit).
    """,
)
WORKLOAD_UNREADABLE = rule(
    "quality.workload-unreadable",
    "warning",
    "The workload is stated in a form that cannot be compared with the profile's bounds.",
    ANNEX + ": notional workload",
    """
    E.g. an ELM ``volumeOfLearning`` in months or years (``P1M``: no fixed number of hours) or
    a credit point that is not a number, while the profile bounds or compares the workload.
    """,
)
LEVEL_RANGE = rule(
    "quality.level-range",
    "error",
    "The EQF level is outside the range the quality profile allows, or cannot be told.",
    ANNEX + ": level (European Qualifications Framework)",
    """
    ``[settings.quality.level]`` ``eqf_min`` / ``eqf_max``.  The EQF level comes from ELM
    ``eqfLevel`` (``http://data.europa.eu/snb/eqf/N``) or an OB alignment to the EQF.  A level
    given only in a national framework cannot be compared: reported as a warning.

    FAIL (cmf, EQF 4-7): ``"eqfLevel": {"id": "http://data.europa.eu/snb/eqf/8"}``.
    PASS: ``.../eqf/6``.
    """,
)
VOCABULARY = rule(
    "quality.vocabulary",
    "error",
    "An element's value is not one the quality profile allows.",
    ANNEX,
    """
    ``[settings.quality.vocabulary]`` maps element ids to allowed values (labels or concept
    IRIs, compared without case).  An element passes when one of its stated values is allowed.

    FAIL (``assessment-type = ["testing"]``): ``"assessmentType": "portfolio"``.
    PASS: ``"assessmentType": "testing"``.
    """,
)
IDENTITY = rule(
    "quality.identity-verification",
    "error",
    "The credential does not state that the learner's identity was verified at assessment.",
    ANNEX + ": supervision and identity verification during assessment",
    """
    ``[settings.quality.supervision]`` ``require_identity_verification`` (a severity, or false).
    Read from ELM ``idVerification`` (supervision-verification vocabulary: "... with ID
    verification") or Edubadges ``supervisionType`` / ``identityChecked``.

    FAIL: ``"Unsupervised without ID Verification"``.
    PASS: ``"supervisionType": "onsite with identity verification"``.
    """,
)
PROFILE_SETTING = rule(
    "quality.profile-setting",
    "error",
    "The quality profile has a setting mcconform cannot use.",
    "mcconform quality profiles ([settings.quality])",
    "An unknown element id, a malformed bound or an unknown severity in ``[settings.quality]``.  "
    + _DOC_ELEMENTS,
)
