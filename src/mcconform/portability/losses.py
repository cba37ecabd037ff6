"""The ``portability.*`` rule family: what a conversion did not carry, carried approximately,
or could not give the target, and how the converted document fared against the target.

Every loss is a finding: the rule, a message a person understands, the JSON Pointer (into the
*source* for a value not carried or carried approximately, into the *target* for a value the
target requires and the source lacks) and the clause of the mapping row or specification.
"""

from __future__ import annotations

from ..report import Finding
from ..rules import rule

NOT_CARRIED = rule(
    "portability.not-carried",
    "warning",
    "A value of the source has no place in the target format and was not carried.",
    "mcconform portability mappings (mappings/*.toml)",
    """
    The converter carries a source value only when a row of the direction's mapping table
    names it.  Every other value is reported here, with its pointer in the source.

    PASS: an OB 2.0 BadgeClass ``name`` (row badge.name -> achievement.name).
    FAIL: an OB 2.0 ``extensions:ApplyLink`` node: OB 3.0 has no such property.
    """,
)
APPROXIMATE = rule(
    "portability.approximate",
    "info",
    "A value was carried, but not with exactly the same meaning.",
    "mcconform portability mappings (mappings/*.toml)",
    """
    The value was carried by a row whose transform cannot keep all of its meaning (a language
    map reduced to one language, an ELM concept reduced to its label, an award date used as
    the start of validity).  The pointer is in the source.

    PASS: OB 2.0 ``name`` -> OB 3.0 ``name`` (same meaning).
    FAIL: ELM ``title`` ``{"en": ..., "fr": ...}`` -> OB 3.0 ``name``: only the English text.
    """,
)
TARGET_REQUIRES = rule(
    "portability.target-requires",
    "warning",
    "The target format requires a value that the source does not have.",
    "mcconform portability mappings (mappings/*.toml), [requires] table",
    """
    The converter never invents a value (no hours -> ECTS guess, no default EQF level, no
    made-up DID).  What the target requires and the source lacks is reported here, with its
    pointer in the converted document.

    PASS: an OB 3.0 Achievement converted to ELM with an EQF alignment: eqfLevel is set.
    FAIL: an ELM credential converted from an Achievement without description.
    """,
)
PROOF_DROPPED = rule(
    "portability.proof-dropped",
    "warning",
    "The source was signed; the converted document is unsigned.",
    "VC Data Model 2.0 §4.12 (proofs are computed over the document); Open Badges 3.0 §8",
    """
    A signature covers the bytes or the canonical form of the document it signed; it cannot
    be carried into a different document.  The converted output is unsigned and must be
    signed again by its issuer (mcconform never copies a ``proof``).

    PASS: an unsigned OB 2.0 hosted assertion (no signature to drop).
    FAIL: an OB 3.0 credential with a DataIntegrityProof converted to ELM.
    """,
)
VERIFICATION_LOST = rule(
    "portability.verification-lost",
    "warning",
    "The source's verification method does not exist in the target format.",
    "1EdTech OB 3.0 Implementation Guide, Migrating from OB 2.0 (hosted verification); "
    "recommended-practices.md, achievement identity",
    """
    OB 2.0 hosted verification (the assertion is authentic because it is served from the
    issuer's domain) has no OB 3.0 counterpart: a verifier of the converted credential can
    follow the original assertion linked in ``evidence`` but the domain-origin check "can no
    longer be assumed to remain".

    PASS: (none for hosted OB 2.0 assertions: this is always reported).
    FAIL: ``verification.type`` ``hosted`` in the source.
    """,
)
UNSUPPORTED = rule(
    "portability.unsupported",
    "error",
    "This document cannot be converted to the requested format.",
    "mcconform convert: supported directions",
    """
    Supported: OB 2.0 / 1.x assertion -> OB 3.0; OB 3.0 -> ELM, VCDM 2.0, CLR 2.0; ELM -> OB 3.0.

    PASS: ``convert --to ob3`` of an OB 2.0 assertion.
    FAIL: ``convert --to elm`` of an OB 2.0 issuer profile.
    """,
)
UNRESOLVED = rule(
    "portability.unresolved",
    "error",
    "A document the source links to (BadgeClass, Issuer) could not be read.",
    "Open Badges 2.0 §Assertion badge, §BadgeClass issuer",
    """
    An OB 2.0 assertion names its BadgeClass by URL.  Offline the converter reads it only
    through ``--resource-map URL_PREFIX=DIR``; without it nothing is converted.

    PASS: ``--resource-map https://example.org/=assets/``.
    FAIL: the BadgeClass URL is outside every mapped prefix and ``--online`` is off.
    """,
)
TARGET_VIOLATION = rule(
    "portability.target-violation",
    "info",
    "The converted document still violates a target rule; a loss entry explains it.",
    "mcconform convert: checked against the target in the same run",
    """
    The converted document is checked with the target format's default profiles.  Each
    error or warning it gets is listed here with the loss entry that explains it.

    PASS: the converted credential passes its target profiles.
    FAIL: an ELM credential without EQF level: elm-edc-no-cv reports the missing property,
    explained by a portability.target-requires entry.
    """,
)
UNEXPLAINED = rule(
    "portability.unexplained",
    "error",
    "The converted document violates a target rule that no loss entry explains.",
    "mcconform convert: checked against the target in the same run",
    """
    A converter bug: the output breaks a rule of its target and the loss report does not say
    why.  Please report it with the input.

    PASS: every target violation is explained.
    FAIL: a converted OB 3.0 credential with an undefined term.
    """,
)

ALL = (
    NOT_CARRIED,
    APPROXIMATE,
    TARGET_REQUIRES,
    PROOF_DROPPED,
    VERIFICATION_LOST,
    UNSUPPORTED,
    UNRESOLVED,
    TARGET_VIOLATION,
    UNEXPLAINED,
)


def is_loss(f: Finding) -> bool:
    """Whether ``f`` is a loss-report entry (as opposed to the target check's verdicts)."""
    return f.rule.startswith("portability.") and f.rule not in (TARGET_VIOLATION.id, UNEXPLAINED.id)
