"""Open Badges 3.0 checks: the rules of the OB 3.0 data model that JSON-LD alone does not see.

The credential (``doc.credential``: the document, or the ``vc`` claim of a VC-JWT 1.1) is
checked as JSON, the way the 1EdTech reference validator and the OB 3.0 JSON Schemas see it:

* ``@context``: the VC context first, then an OB 3.0 context (older versions and VC 1.1 warn);
* ``type``, issuer, validity period (against ``--now``), the subject and its achievement;
* the ``type`` of every nested node (issuer Profile, Result, Evidence, IdentityObject...), and
  type values the active contexts do not define;
* the bundled OB 3.0 JSON Schema, and the ``credentialSchema`` entries mcconform bundles;
* standalone Profile (issuer metadata), Achievement and EndorsementCredential documents.

Node types are graph-level rules too: ``shapes/ob3.ttl`` states them in SHACL.  With the
default ``node_types = "auto"``, this module reports them only when the profile's SHACL check
will not run them (no ``shacl`` check, or the document has no RDF graph), so that each
broken type is reported once.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from .. import schemas
from ..detect import (
    OB3_ACHIEVEMENT,
    OB3_CREDENTIAL,
    OB3_ENDORSEMENT,
    OB3_PROFILE,
    VC_CREDENTIAL,
    as_list,
)
from ..document import Document
from ..jsonld import ISSUER_DEPENDENT, ContextError, ContextRegistry
from ..parse import json_type
from ..pointer import join
from ..report import Finding, Severity
from ..rules import rule
from . import CheckContext, check

OB = "Open Badges 3.0"
OB_URL = "https://www.imsglobal.org/spec/ob/v3p0/"
VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#: accepted by the 1EdTech validator in place of 3.0.3 (with a warning)
OB3_CONTEXT_ALIASES = (
    "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
)
OB3_CONTEXT_VERSIONED = re.compile(
    r"https://purl\.imsglobal\.org/spec/ob/v3p0/context(-\d+\.\d+\.\d+)*\.json"
)
SCHEMA_VALIDATOR_TYPE = "1EdTechJsonSchemaValidator2019"


def _spec(section: str, anchor: str) -> str:
    return f"{OB} {section} ({OB_URL}#{anchor})"


# --------------------------------------------------------------------------- rules

CONTEXT_ORDER = rule(
    "ob3.context-order",
    "error",
    "The @context does not start with the VC context followed by an OB 3.0 context.",
    _spec("data model: AchievementCredential, @context", "achievementcredential")
    + "; VC Data Model 2.0 section 4.3 Contexts",
    """
    An OB 3.0 credential's ``@context`` is an ordered list: first the W3C Verifiable
    Credentials context (``https://www.w3.org/ns/credentials/v2``, or the VC 1.1 context
    ``https://www.w3.org/2018/credentials/v1``), then an OB 3.0 context
    (``https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json``), then any extension
    contexts.  Order matters: later contexts may not redefine the protected terms of earlier
    ones, and verifiers (the 1EdTech validator's ContextPropertyProbe) compare positions.
    A standalone Profile or Achievement document needs an OB 3.0 context somewhere.
    The pre-release draft context (imsglobal.github.io/openbadges-specification/context.json)
    is not an OB 3.0 context.
    PASS: ``["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]``
    FAIL: ``["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]`` (no VC context)
    """,
)
CONTEXT_VERSION = rule(
    "ob3.context-version",
    "warning",
    "The OB 3.0 context is an older or unversioned URL, not context-3.0.3.json.",
    _spec("data model: AchievementCredential, @context", "achievementcredential")
    + "; 1EdTech validator ContextPropertyProbe",
    """
    The current OB 3.0 context is ``https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json``.
    The unversioned ``context.json``, the alias ``context/ob_v3p0.jsonld`` and the earlier
    ``context-3.0.1.json`` / ``context-3.0.2.json`` are still accepted by the 1EdTech validator,
    with a warning ("expected @context uri ... gotten ... instead"): the unversioned URL serves
    whatever version is current, and the older versions lack terms added since.
    PASS: ``.../v3p0/context-3.0.3.json``    WARNING: ``.../v3p0/context-3.0.2.json``
    """,
)
VC11 = rule(
    "ob3.vc11-context",
    "warning",
    "The credential uses the VC Data Model 1.1 context.",
    _spec("Verification and Validation (note on VC Data Model 1.1 credentials)", "verification")
    + "; VC Data Model 2.0 section 4.3 Contexts",
    """
    OB 3.0 (since 3.0.3) is built on the W3C VC Data Model 2.0 (``validFrom``/``validUntil``).
    Credentials issued under VC Data Model 1.1 (``https://www.w3.org/2018/credentials/v1``,
    ``issuanceDate``/``expirationDate``) are still verifiable, and the 1EdTech validator accepts
    them with a warning.  The severity is the profile setting ``vc11_context``.
    PASS: ``"@context": ["https://www.w3.org/ns/credentials/v2", ...]``
    WARNING: ``"@context": ["https://www.w3.org/2018/credentials/v1", ...]``
    """,
)
CREDENTIAL_TYPE = rule(
    "ob3.credential-type",
    "error",
    "The credential's type lacks VerifiableCredential or its OB 3.0 credential type.",
    _spec("data model: AchievementCredential / EndorsementCredential, type", "achievementcredential"),
    """
    ``type`` must include ``VerifiableCredential`` and ``OpenBadgeCredential`` (or its alias
    ``AchievementCredential``); an endorsement must include ``EndorsementCredential``.  The
    1EdTech validator rejects anything else as fatal (TypePropertyProbe).
    PASS: ``"type": ["VerifiableCredential", "OpenBadgeCredential"]``
    FAIL: ``"type": ["VerifiableCredential", "OtherCredential"]``
    """,
)
CREDENTIAL_NAME = rule(
    "ob3.credential-name",
    "error",
    "The credential has no name.",
    _spec("data model: EndorsementCredential / AchievementCredential, name", "endorsementcredential"),
    """
    An EndorsementCredential requires ``name`` (error).  An OpenBadgeCredential should have one
    for display in wallets (warning): the OB 3.0 data model lists it, but the published JSON
    Schema and the 1EdTech validator accept a credential without it.
    PASS: ``"name": "Teamwork Badge"``
    """,
)
ID = rule(
    "ob3.id",
    "error",
    "A required id is missing or is not a URI.",
    _spec(
        "data model: id of AchievementCredential, Profile, Achievement, EndorsementSubject",
        "achievementcredential",
    ),
    """
    The credential, its issuer Profile, the Achievement, an EndorsementSubject and a standalone
    Profile or Achievement document must each have an ``id`` that is a URI (an absolute IRI
    with a scheme, e.g. ``https:``, ``urn:uuid:``, ``did:``).  The issuer id is what verifiers
    compare with the JWT ``iss`` claim and with the key's controller.
    PASS: ``"id": "urn:uuid:6f1d3c62-58a4-4be1-9f4e-2f0f3c7c1a01"``
    FAIL: ``"id": "badge-42"`` (no scheme)
    """,
)
VALID_FROM = rule(
    "ob3.valid-from",
    "error",
    "The credential has no start of validity (validFrom, or issuanceDate for VC 1.1).",
    _spec("data model: AchievementCredential, validFrom", "achievementcredential")
    + "; VC Data Model 1.1 section 4.6 (issuanceDate)",
    """
    An OB 3.0 credential states when it becomes valid: ``validFrom`` under VC Data Model 2.0,
    ``issuanceDate`` under VC Data Model 1.1 (the VC context, first in ``@context``, says which).
    Using the other version's name does not count: the term is undefined in that context.
    PASS (VC 2.0): ``"validFrom": "2025-09-01T09:00:00Z"``
    FAIL (VC 2.0): ``"issuanceDate": "2025-09-01T09:00:00Z"`` and no validFrom
    """,
)
DATETIME = rule(
    "ob3.datetime",
    "error",
    "A validity date is not an XML Schema dateTime with a time zone.",
    "VC Data Model 2.0 section 4.9 Validity Period (dateTimeStamp); "
    + _spec("data model: DateTimeZ", "datetimez"),
    """
    ``validFrom``, ``validUntil`` (and VC 1.1 ``issuanceDate``/``expirationDate``) are
    ``[XMLSCHEMA11-2]`` date-time strings.  VC 2.0 requires a ``dateTimeStamp``: a time zone
    (``Z`` or ``+01:00``) is mandatory.  A VC 1.1 date without a time zone gets a warning (it is
    read as UTC).
    PASS: ``"2025-09-01T09:00:00Z"``   FAIL: ``"2025-09-01"``, ``"01/09/2025"``
    """,
)
NOT_YET_VALID = rule(
    "ob3.not-yet-valid",
    "error",
    "The credential is not valid yet (validFrom / issuanceDate is in the future).",
    _spec("OpenBadgeCredential Verification, step 4: check the status", "verification"),
    """
    "If the current date and time is before the validFrom, the OpenBadgeCredential is not yet
    valid."  The instant is ``--now`` (default: the clock), with the profile's
    ``clock_skew_seconds`` of tolerance.  In an embedded endorsement this is a warning: the
    endorsement is not valid yet, the credential carrying it is still well-formed.
    FAIL at 2026-01-01: ``"validFrom": "2040-01-01T00:00:00Z"``
    """,
)
EXPIRED = rule(
    "ob3.expired",
    "error",
    "The credential has expired (validUntil / expirationDate has passed).",
    _spec("OpenBadgeCredential Verification, step 4: check the status", "verification"),
    """
    "If the current date and time is after the validUntil, the OpenBadgeCredential is
    expired."  The instant is ``--now`` (default: the clock), with ``clock_skew_seconds`` of
    tolerance.  In an embedded endorsement this is a warning.
    FAIL at 2026-01-01: ``"validUntil": "2020-01-01T00:00:00Z"``
    """,
)
VALIDITY_PERIOD = rule(
    "ob3.validity-period",
    "error",
    "validUntil is earlier than validFrom.",
    "VC Data Model 2.0 section 4.9 Validity Period",
    """
    "If a validUntil value also exists, the validFrom value MUST express a datetime that is
    temporally the same or earlier than the datetime expressed by the validUntil value."
    FAIL: ``"validFrom": "2025-01-01T00:00:00Z", "validUntil": "2024-01-01T00:00:00Z"``
    """,
)
ISSUER = rule(
    "ob3.issuer",
    "error",
    "The credential has no issuer Profile object.",
    _spec("data model: AchievementCredential, issuer", "achievementcredential"),
    """
    ``issuer`` is required and, in OB 3.0, is a Profile object (``id``, ``type`` including
    ``Profile``, usually ``name``), not a bare URL: displayers show the issuer from it and the
    JSON Schema requires the object (IssuerProbe in the 1EdTech validator).
    PASS: ``"issuer": {"id": "https://example.org/issuers/1", "type": ["Profile"], "name": "Example"}``
    FAIL: ``"issuer": "https://example.org/issuers/1"``
    """,
)
NODE_TYPE = rule(
    "ob3.node-type",
    "error",
    "A node of the credential does not have the type OB 3.0 requires for it.",
    _spec("data model: the type property of each class", "achievementsubject"),
    """
    Every object of an OB 3.0 credential carries a ``type`` naming its class: the issuer,
    ``source``, ``creator`` and ``parentOrg`` are ``Profile``; ``credentialSubject`` is
    ``AchievementSubject`` (``EndorsementSubject`` in an endorsement); ``achievement`` is
    ``Achievement``; ``result`` items ``Result``; ``resultDescription`` items
    ``ResultDescription``; ``rubricCriterionLevel`` items ``RubricCriterionLevel``;
    ``evidence`` items ``Evidence``; ``identifier`` items ``IdentityObject``;
    ``otherIdentifier`` items ``IdentifierEntry``; ``alignment`` items ``Alignment``;
    ``image`` ``Image``; ``address`` ``Address``; ``geo`` ``GeoCoordinates``; ``related``
    ``Related``; ``endorsement`` items ``EndorsementCredential``.  Extension types may be added
    beside the required one.  The 1EdTech validator treats a wrong type as fatal
    (CredentialSubjectProbe, IssuerProbe, EvidenceProbe).  Also stated as SHACL shapes in
    ``shapes/ob3.ttl``; with ``node_types = "auto"`` this rule reports only what SHACL cannot.
    PASS: ``"result": [{"type": ["Result"], ...}]``
    FAIL: ``"evidence": [{"type": "InvalidEvidence", ...}]``
    """,
)
UNDEFINED_TYPE = rule(
    "ob3.undefined-type",
    "error",
    "A type value is not defined by the active JSON-LD contexts.",
    "JSON-LD 1.1 section 3.5 (Specifying the Type); VC Data Model 2.0 section 4.5 Types",
    """
    A ``type`` value must be a term of the active contexts (``Profile``, ``Achievement``, an
    extension's type...) or an absolute IRI.  Anything else expands to the VC 2.0
    ``issuer-dependent`` vocabulary (or, under VC 1.1, to nothing), so no consumer knows what
    it means.  The 1EdTech validator rejects such documents (JsonLDValidationProbe).  Not
    checked when a context is unknown (see jsonld.context.not-checked).  The severity follows the
    profile setting ``undefined_terms``, like undefined keys.  Note: the types of
    ``credentialSchema``, ``credentialStatus`` and ``refreshService`` entries
    (``1EdTechJsonSchemaValidator2019``, ``1EdTechRevocationList``,
    ``1EdTechCredentialRefresh``) are defined by ``https://purl.imsglobal.org/spec/ob/v3p0/extensions.json``,
    which the OB 3.0 examples list in ``@context`` whenever they use them.
    FAIL: ``"proof": [{"type": "SomeProofType", ...}]``
    """,
)
SUBJECT = rule(
    "ob3.subject",
    "error",
    "The credential has no credentialSubject object.",
    _spec("data model: AchievementCredential, credentialSubject", "achievementcredential"),
    """
    An OB 3.0 credential has exactly one ``credentialSubject``: an AchievementSubject object
    (an EndorsementSubject in an endorsement).  An array of subjects is not allowed.
    FAIL: no credentialSubject, or ``"credentialSubject": [{...}, {...}]``
    """,
)
SUBJECT_IDENTIFIER = rule(
    "ob3.subject-identifier",
    "error",
    "The credentialSubject identifies the learner neither by id nor by identifier.",
    _spec("OpenBadgeCredential Verification, step 1", "verification"),
    """
    "Check that the credentialSubject is identified by an id and/or an identifier.  If
    neither is present, the credential does not conform to the specification."
    PASS: ``"credentialSubject": {"id": "did:example:123", ...}`` or with
    ``"identifier": [{"type": "IdentityObject", "identityType": "emailAddress", ...}]``
    """,
)
ACHIEVEMENT = rule(
    "ob3.achievement",
    "error",
    "The credentialSubject has no achievement object.",
    _spec("data model: AchievementSubject, achievement", "achievementsubject"),
    """
    The AchievementSubject names what was achieved: ``achievement`` is required and is an
    Achievement object (id, type, name, description, criteria).
    FAIL: ``"credentialSubject": {"id": "did:example:123", "type": ["AchievementSubject"]}``
    """,
)
ACHIEVEMENT_PROPERTY = rule(
    "ob3.achievement-property",
    "error",
    "The Achievement lacks name, description or criteria.",
    _spec("data model: Achievement", "achievement"),
    """
    An Achievement requires ``name``, ``description`` and ``criteria`` (besides ``id`` and
    ``type``, see ob3.id and ob3.node-type).  Displayers show them; a badge without criteria
    says nothing about what it certifies.
    FAIL: an achievement with ``name`` and ``criteria`` but no ``description``
    """,
)
CRITERIA = rule(
    "ob3.criteria",
    "error",
    "The achievement's criteria has neither id nor narrative.",
    _spec("data model: Criteria", "criteria"),
    """
    Criteria describe how the achievement is earned: by a URI (``id``) of a page describing
    them, and/or by a Markdown ``narrative``.  At least one is required.
    PASS: ``"criteria": {"narrative": "Passed the final exam."}``   FAIL: ``"criteria": {}``
    """,
)
SCHEMA = rule(
    "ob3.schema",
    "error",
    "The document does not validate against the OB 3.0 JSON Schema.",
    _spec("JSON Schema; OpenBadgeCredential Verification, step 1", "verification"),
    """
    Every OB 3.0 document is validated against the bundled official JSON Schema for its class
    (AchievementCredential, EndorsementCredential, Profile, Achievement), as the 1EdTech
    validator does with its canonical schema.  One finding per schema error, at the JSON
    Pointer of the offending value.
    """,
)
SCHEMA_JSONLD = rule(
    "ob3.schema-jsonld",
    "warning",
    "A value the published /schema/json/ schema accepts, but not the stricter JSON-LD binding.",
    _spec("JSON Schema", "verification") + "; 1EdTech /schema/json-ld/ binding of the OB 3.0 schemas",
    """
    mcconform judges with 1EdTech's published ``/schema/json/`` schemas, the ones credentials
    cite in ``credentialSchema`` and the 1EdTech validator applies: a multi-valued property may
    be one value or an array, a class's ``type`` one string.  The ``/schema/json-ld/`` binding
    is stricter (arrays everywhere, ``CredentialStatus.id`` required).  Where only that one
    objects, this warning says so: consumers that expect arrays may not read the value.
    PASS: ``"type": ["Profile"]``   WARNING: ``"type": "Profile"``
    """,
)
SCHEMA_UNAVAILABLE = rule(
    "ob3.schema-unavailable",
    "info",
    "No bundled OB 3.0 JSON Schema for this document; schema validation skipped.",
    _spec("JSON Schema", "verification"),
    "The OB 3.0 JSON Schemas are not available in this installation; the other rules still run.",
)
CREDENTIAL_SCHEMA = rule(
    "ob3.credential-schema",
    "error",
    "The credential does not validate against a JSON Schema it declares in credentialSchema.",
    _spec("OpenBadgeCredential Verification, step 1", "verification")
    + "; 1EdTech JSON Schema Validator 2019 (VCCS-10)",
    """
    "If the OpenBadgeCredential has a credentialSchema property, and the type of the
    CredentialSchema object is 1EdTechJsonSchemaValidator2019, check that the credential
    conforms to JSON Schema."  mcconform applies the declared schemas it bundles (identified
    by URL); one finding per schema error.
    """,
)
CREDENTIAL_SCHEMA_UNKNOWN = rule(
    "ob3.credential-schema-unknown",
    "info",
    "A declared credentialSchema is not bundled and was not applied.",
    _spec("OpenBadgeCredential Verification, step 1", "verification"),
    """
    The credential declares a ``1EdTechJsonSchemaValidator2019`` schema that mcconform does not
    bundle (for example a platform's own profile schema).  It works offline, so that schema
    was not applied; validate against it separately if it matters to you.
    """,
)
PROFILE_NAME = rule(
    "ob3.profile-name",
    "error",
    "The issuer Profile document has no name.",
    _spec("data model: Profile, name", "profile") + "; OB 3.0 Displayer conformance",
    """
    A standalone Profile document is issuer metadata: what platforms and displayers show about
    the issuing organisation.  mcconform requires its ``name`` (the OB 3.0 data model marks it
    optional, but a displayer has nothing to show without it).
    PASS: ``{"id": "https://example.org/issuer", "type": ["Profile"], "name": "Example University"}``
    """,
)
PROFILE_RECOMMENDED = rule(
    "ob3.profile-recommended",
    "warning",
    "The issuer Profile document lacks a recommended property (url, email, address).",
    _spec("data model: Profile", "profile"),
    """
    Issuer metadata should say where the organisation is on the web (``url``), how to reach it
    (``email``) and where it is (``address``, an Address object): relying parties use them to
    decide whether they trust the issuer.  One finding per missing property.
    """,
)

CREDENTIAL_KINDS = (OB3_CREDENTIAL, OB3_ENDORSEMENT, VC_CREDENTIAL)
_SEVERITIES = ("error", "warning", "info")

# class -> {property: expected class of its object values}
CHILDREN: dict[str, dict[str, str]] = {
    "OpenBadgeCredential": {
        "issuer": "Profile",
        "credentialSubject": "AchievementSubject",
        "evidence": "Evidence",
        "endorsement": "EndorsementCredential",
        "image": "Image",
    },
    "EndorsementCredential": {
        "issuer": "Profile",
        "credentialSubject": "EndorsementSubject",
        "evidence": "Evidence",
    },
    "AchievementSubject": {
        "achievement": "Achievement",
        "identifier": "IdentityObject",
        "result": "Result",
        "source": "Profile",
        "image": "Image",
    },
    "Achievement": {
        "alignment": "Alignment",
        "creator": "Profile",
        "endorsement": "EndorsementCredential",
        "image": "Image",
        "otherIdentifier": "IdentifierEntry",
        "related": "Related",
        "resultDescription": "ResultDescription",
    },
    "Profile": {
        "address": "Address",
        "endorsement": "EndorsementCredential",
        "image": "Image",
        "otherIdentifier": "IdentifierEntry",
        "parentOrg": "Profile",
    },
    "Result": {"alignment": "Alignment"},
    "ResultDescription": {"alignment": "Alignment", "rubricCriterionLevel": "RubricCriterionLevel"},
    "RubricCriterionLevel": {"alignment": "Alignment"},
    "Address": {"geo": "GeoCoordinates"},
}
#: type values that satisfy an expected class
ACCEPTED = {"OpenBadgeCredential": ("OpenBadgeCredential", "AchievementCredential")}
#: classes whose shapes (sh:or) let literal values through: the property also holds literals
LITERAL_OK = ("IdentityObject", "ResultDescription")

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
_DATETIME = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})?$")


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and bool(_URI.match(value))


def types_of(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    return [t for t in as_list(node.get("type")) if isinstance(t, str)]


def parse_datetime(value: str) -> tuple[datetime | None, bool, bool]:
    """(instant, well-formed, has time zone).  The instant is None when out of range."""
    m = _DATETIME.match(value)
    if not m:
        return None, False, False
    tz = m.group(8)
    frac = (m.group(7) or "")[:7]
    text = f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}:{m.group(5)}:{m.group(6)}{frac}"
    if tz in (None, "Z", "z"):
        text += "+00:00"
    else:
        text += tz
    try:
        return datetime.fromisoformat(text), True, tz is not None
    except ValueError:
        # 24:00:00, leap seconds and years outside 1..9999 are valid xsd but not Python datetimes
        if m.group(4) == "24" or m.group(6) == "60" or len(m.group(1).lstrip("-")) > 4:
            return None, True, tz is not None
        return None, False, tz is not None


def vc_version(cred: dict[str, Any]) -> int | None:
    """2 for a VC 2.0 credential, 1 for VC 1.1, None when no VC context is named."""
    contexts = [c for c in as_list(cred.get("@context")) if isinstance(c, str)]
    if VC2 in contexts:
        return 2
    if VC1 in contexts:
        return 1
    return None


# --------------------------------------------------------------------------- undefined types

_term_cache: weakref.WeakKeyDictionary[ContextRegistry, dict[tuple[str, ...], frozenset[str] | None]] = (
    weakref.WeakKeyDictionary()
)
_ANY = frozenset({"*"})  # a context with its own @vocab defines every type value


def _collect(ctx: Any, registry: ContextRegistry, out: set[str], seen: set[str]) -> bool:
    """Add the term names of ``ctx`` (and of the contexts it names) to ``out``.

    Returns False when some context cannot be loaded.
    """
    if isinstance(ctx, list):
        return all(_collect(c, registry, out, seen) for c in ctx)
    if isinstance(ctx, str):
        if ctx in seen:
            return True
        seen.add(ctx)
        try:
            doc = registry.load(ctx)
        except ContextError:
            return False
        return _collect(doc.get("@context") if isinstance(doc, dict) else None, registry, out, seen)
    if not isinstance(ctx, dict):
        return True
    ok = True
    vocab = ctx.get("@vocab")
    if isinstance(vocab, str) and not vocab.startswith(ISSUER_DEPENDENT):
        out.add("*")
    for term, value in ctx.items():
        if not term.startswith("@"):
            out.add(term)
        if isinstance(value, dict) and "@context" in value:
            ok = _collect(value["@context"], registry, out, seen) and ok
    return ok


def defined_terms(contexts: Any, registry: ContextRegistry) -> frozenset[str] | None:
    """Every term defined by ``contexts`` (a document's @context value), or None if unknown."""
    key: tuple[str, ...] | None = None
    if isinstance(contexts, str | list) and all(isinstance(c, str) for c in as_list(contexts)):
        key = tuple(as_list(contexts))
        known = _term_cache.setdefault(registry, {})
        if key in known:
            return known[key]
    out: set[str] = set()
    result: frozenset[str] | None = None
    if _collect(contexts, registry, out, set()):
        result = _ANY if "*" in out else frozenset(out)
    if key is not None:
        _term_cache.setdefault(registry, {})[key] = result
    return result


def undefined_types(
    node: Any, ptr: str, terms: frozenset[str], registry: ContextRegistry
) -> Iterator[tuple[str, str]]:
    """(pointer, value) of every type value under ``node`` that the active contexts do not define.

    An object with its own ``@context`` (an embedded endorsement) adds that context's terms;
    a subtree whose context cannot be loaded is skipped.
    """
    stack: list[tuple[Any, str, frozenset[str]]] = [(node, ptr, terms)]
    while stack:
        value, p, active = stack.pop()
        if isinstance(value, dict):
            if value is not node and "@context" in value:
                more = defined_terms(value["@context"], registry)
                if more is None or more is _ANY:
                    continue
                active = active | more
            for k, v in value.items():
                if k == "@context":
                    continue
                if k in ("type", "@type"):
                    items = v if isinstance(v, list) else [v]
                    for i, t in enumerate(items):
                        if isinstance(t, str) and ":" not in t and t not in active:
                            yield (join(p, k, i) if isinstance(v, list) else join(p, k)), t
                elif isinstance(v, dict | list):  # strings and numbers hold no type
                    stack.append((v, join(p, k), active))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, dict | list):
                    stack.append((v, join(p, i), active))


# --------------------------------------------------------------------------- the checker


def _severity(value: Any, default: Severity) -> Severity | None:
    if value == "ignore":
        return None
    return value if value in _SEVERITIES else default


def _shacl_will_run(doc: Document, ctx: CheckContext) -> bool:
    if "shacl" not in ctx.profile.checks or "ob3.ttl" not in list(ctx.setting("shapes", [])):
        return False
    cred = doc.credential
    if not isinstance(cred, dict) or "@context" not in cred:
        return False
    res = ctx.jsonld(doc)
    return res.has_rdf


def context_findings(
    cred: dict[str, Any], base: str, credential: bool, ctx: CheckContext
) -> Iterator[Finding]:
    raw = cred.get("@context")
    if raw is None:
        return  # jsonld.missing-context
    entries = raw if isinstance(raw, list) else [raw]

    def ptr(i: int) -> str:
        return join(base, "@context", i) if isinstance(raw, list) else join(base, "@context")

    def ob_status(value: Any) -> str:
        if value == OB3_CONTEXT:
            return "current"
        if isinstance(value, str) and (
            value in OB3_CONTEXT_ALIASES or OB3_CONTEXT_VERSIONED.fullmatch(value)
        ):
            return "older"
        return "no"

    if not credential:
        found = [(i, e) for i, e in enumerate(entries) if ob_status(e) != "no"]
        if not found:
            yield CONTEXT_ORDER.finding(
                f"no OB 3.0 context ({OB3_CONTEXT}) in @context", join(base, "@context")
            )
            return
        i, e = found[0]
        if ob_status(e) == "older":
            yield CONTEXT_VERSION.finding(f"OB 3.0 context {e} instead of {OB3_CONTEXT}", ptr(i), value=e)
        return
    first = entries[0] if entries else None
    if first not in (VC1, VC2):
        where = next((i for i, e in enumerate(entries) if e in (VC1, VC2)), None)
        if where is None:
            msg = f"the first @context entry must be the VC context {VC2}; it is missing"
        else:
            msg = f"the VC context {entries[where]} must come first in @context, not at position {where + 1}"
        yield CONTEXT_ORDER.finding(msg, ptr(0), value=first if isinstance(first, str) else None)
        return
    if first == VC1:
        sev = _severity(ctx.setting("vc11_context", "warning"), "warning")
        if sev is not None:
            yield VC11.finding(
                f"VC Data Model 1.1 context {VC1}; OB 3.0 now uses {VC2} (validFrom/validUntil)",
                ptr(0),
                severity=sev,
                value=VC1,
            )
    second = entries[1] if len(entries) > 1 else None
    status = ob_status(second)
    if status == "no":
        where = next((i for i, e in enumerate(entries) if ob_status(e) != "no"), None)
        if second is None:
            msg = f"the second @context entry must be the OB 3.0 context {OB3_CONTEXT}; it is missing"
            yield CONTEXT_ORDER.finding(msg, join(base, "@context"))
            return
        if where is None:
            msg = f"the second @context entry must be the OB 3.0 context {OB3_CONTEXT}, not {second!s:.120}"
        else:
            msg = f"the OB 3.0 context must be the second @context entry, not at position {where + 1}"
        yield CONTEXT_ORDER.finding(msg, ptr(1), value=second if isinstance(second, str) else None)
    elif status == "older":
        yield CONTEXT_VERSION.finding(
            f"OB 3.0 context {second} instead of {OB3_CONTEXT}", ptr(1), value=second
        )


class Ob3Checker:
    """The OB 3.0 rules for one document."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.ctx = ctx
        self.now = ctx.options.now if ctx.options.now.tzinfo else ctx.options.now.replace(tzinfo=UTC)
        self.skew = timedelta(seconds=float(ctx.setting("clock_skew_seconds", 0) or 0))
        mode = ctx.setting("node_types", "auto")
        shacl = mode != "python" and _shacl_will_run(doc, ctx)
        self.python_types = mode == "python" or (mode == "auto" and not shacl)
        #: "auto" with SHACL running: report what the shapes cannot see (see shacl_reports)
        self.complement = mode == "auto" and shacl
        self.merged: dict[str, set[str]] = {}
        self.graph_pointers: set[str] = set()
        self.graph_nodes: set[str] = set()
        if self.complement:
            res = ctx.jsonld(doc)
            self.graph_pointers = set(res.node_pointers.values())
            self.graph_nodes = set(res.node_pointers)
            self.merged = _types_by_id(doc.credential)

    def shacl_reports(self, node: Any, ptr: str, expected: str) -> bool:
        """Whether shapes/ob3.ttl reports that ``node`` lacks class ``expected``.

        RDF merges the JSON objects that share an ``id`` into one node, so a JSON object with a
        wrong type passes SHACL when another object with the same id (the issuer and the
        achievement's creator, typically) has the right one.  Objects dropped by JSON-LD (under
        an undefined key) are no graph nodes at all.  Those are left to this check.
        """
        accepted = set(ACCEPTED.get(expected, (expected,)))
        if isinstance(node, dict):
            nid = node.get("id")
            if isinstance(nid, str):
                if not is_uri(nid) or nid not in self.graph_nodes:
                    return False
                return not (self.merged.get(nid, set()) & accepted)
            return ptr[len(self.doc.base) :] in self.graph_pointers
        if expected in LITERAL_OK:
            return False  # a literal passes the sh:or of these shapes
        if isinstance(node, str):
            return not (self.merged.get(node, set()) & accepted)
        return True

    # -- helpers
    def require_id(self, node: dict[str, Any], ptr: str, what: str) -> Iterator[Finding]:
        value = node.get("id")
        if value is None:
            yield ID.finding(f"{what} has no id (a URI is required)", ptr)
        elif not is_uri(value):
            yield ID.finding(
                f"the id of {what} is not a URI: {value!s:.120}", join(ptr, "id"), value=str(value)
            )

    def node_type(
        self, node: Any, ptr: str, expected: str, prop: str, *, force: bool = False
    ) -> Iterator[Finding]:
        """The type of a nested node (left to SHACL when it runs, unless ``force``)."""
        if not (self.python_types or force) and (
            not self.complement or self.shacl_reports(node, ptr, expected)
        ):
            return
        if not isinstance(node, dict):
            yield NODE_TYPE.finding(
                f"'{prop}' must be a {expected} object, not a JSON {json_type(node)}", ptr
            )
            return
        accepted = ACCEPTED.get(expected, (expected,))
        types = types_of(node)
        if "type" not in node:
            yield NODE_TYPE.finding(f"'{prop}' has no type; it must include \"{expected}\"", ptr)
        elif not any(t in accepted for t in types):
            shown = ", ".join(f'"{t}"' for t in types) or "none"
            yield NODE_TYPE.finding(
                f"the type of '{prop}' must include \"{expected}\" (it has {shown})",
                join(ptr, "type"),
                value=", ".join(types) or None,
            )

    def walk(
        self, node: Any, ptr: str, cls: str, depth: int, skip: tuple[str, ...] = ()
    ) -> Iterator[Finding]:
        """The types of the children of ``node`` (of class ``cls``), recursively.

        Embedded endorsements get the credential rules (``depth`` counts the nesting).
        """
        if not isinstance(node, dict):
            return
        for prop, child_cls in CHILDREN.get(cls, {}).items():
            if prop not in node or prop in skip:
                continue
            value = node[prop]
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                p = join(ptr, prop) if i is None else join(ptr, prop, i)
                if child_cls == "EndorsementCredential" and isinstance(item, dict):
                    yield from self.credential(item, p, OB3_ENDORSEMENT, embedded=depth + 1)
                    continue
                yield from self.node_type(item, p, child_cls, prop)
                yield from self.walk(item, p, child_cls, depth)

    # -- documents
    def credential(self, cred: dict[str, Any], base: str, kind: str, embedded: int = 0) -> Iterator[Finding]:
        endorsement = kind == OB3_ENDORSEMENT or "EndorsementCredential" in types_of(cred)
        if embedded == 0 or "@context" in cred:
            yield from context_findings(cred, base, True, self.ctx)
        # type
        types = types_of(cred)
        wanted = (
            ("EndorsementCredential",) if endorsement else ("OpenBadgeCredential", "AchievementCredential")
        )
        tptr = join(base, "type") if "type" in cred else base
        if "VerifiableCredential" not in types:
            yield CREDENTIAL_TYPE.finding('type must include "VerifiableCredential"', tptr)
        if not any(t in wanted for t in types):
            shown = ", ".join(types) or "none"
            need = " or ".join(f'"{w}"' for w in wanted)
            yield CREDENTIAL_TYPE.finding(f"type must include {need} (it has {shown})", tptr)
        cls = "EndorsementCredential" if endorsement else "OpenBadgeCredential"
        what = "the endorsement" if embedded else "the credential"
        # id and name
        yield from self.require_id(cred, base, what)
        if not isinstance(cred.get("name"), str | dict):
            yield CREDENTIAL_NAME.finding(
                f"{what} has no name" + ("" if endorsement else " (recommended for display in wallets)"),
                base,
                severity="error" if endorsement else "warning",
            )
        # validity
        yield from self.dates(cred, base, embedded > 0)
        # issuer
        issuer = cred.get("issuer")
        iptr = join(base, "issuer")
        if issuer is None:
            yield ISSUER.finding(f"{what} has no issuer", base)
        elif not isinstance(issuer, dict):
            yield ISSUER.finding(
                f"issuer must be a Profile object with id and type, not a JSON {json_type(issuer)}", iptr
            )
        else:
            yield from self.require_id(issuer, iptr, "the issuer")
            yield from self.node_type(issuer, iptr, "Profile", "issuer")
            yield from self.walk(issuer, iptr, "Profile", embedded)
        # subject
        subject = cred.get("credentialSubject")
        sptr = join(base, "credentialSubject")
        subject_cls = "EndorsementSubject" if endorsement else "AchievementSubject"
        if subject is None:
            yield SUBJECT.finding(f"{what} has no credentialSubject", base)
        elif not isinstance(subject, dict):
            yield SUBJECT.finding(
                f"credentialSubject must be one {subject_cls} object, not a JSON {json_type(subject)}", sptr
            )
        else:
            yield from self.node_type(subject, sptr, subject_cls, "credentialSubject")
            if endorsement:
                yield from self.require_id(subject, sptr, "the EndorsementSubject")
            else:
                yield from self.achievement_subject(subject, sptr, embedded)
        yield from self.walk(cred, base, cls, embedded, skip=("issuer", "credentialSubject"))

    def achievement_subject(self, subject: dict[str, Any], ptr: str, depth: int) -> Iterator[Finding]:
        if "id" not in subject and not subject.get("identifier"):
            yield SUBJECT_IDENTIFIER.finding(
                "credentialSubject has neither id nor identifier: the learner is not identified", ptr
            )
        elif "id" in subject and not is_uri(subject["id"]):
            yield ID.finding(
                f"the id of credentialSubject is not a URI: {subject['id']!s:.120}", join(ptr, "id")
            )
        ach = subject.get("achievement")
        aptr = join(ptr, "achievement")
        if ach is None:
            yield ACHIEVEMENT.finding("credentialSubject has no achievement", ptr)
        elif not isinstance(ach, dict):
            yield ACHIEVEMENT.finding(
                f"achievement must be an Achievement object, not a JSON {json_type(ach)}", aptr
            )
        else:
            yield from self.achievement(ach, aptr, depth)
        yield from self.walk(subject, ptr, "AchievementSubject", depth, skip=("achievement",))

    def achievement(
        self, ach: dict[str, Any], ptr: str, depth: int, standalone: bool = False
    ) -> Iterator[Finding]:
        yield from self.require_id(ach, ptr, "the achievement")
        # a standalone document is no nested node: SHACL does not see its type
        yield from self.node_type(
            ach, ptr, "Achievement", "the document" if standalone else "achievement", force=standalone
        )
        for prop in ("name", "description"):
            if not isinstance(ach.get(prop), str | dict):
                yield ACHIEVEMENT_PROPERTY.finding(f"the achievement has no {prop}", ptr)
        criteria = ach.get("criteria")
        if criteria is None:
            yield ACHIEVEMENT_PROPERTY.finding("the achievement has no criteria", ptr)
        elif not isinstance(criteria, dict):
            yield CRITERIA.finding(
                "criteria must be an object with id and/or narrative", join(ptr, "criteria")
            )
        elif "id" not in criteria and "narrative" not in criteria:
            yield CRITERIA.finding("criteria has neither id nor narrative", join(ptr, "criteria"))
        yield from self.walk(ach, ptr, "Achievement", depth)

    def profile(self, prof: dict[str, Any], base: str) -> Iterator[Finding]:
        yield from context_findings(prof, base, False, self.ctx)
        yield from self.require_id(prof, base, "the Profile")
        yield from self.node_type(prof, base, "Profile", "the document", force=True)
        if not isinstance(prof.get("name"), str | dict):
            yield PROFILE_NAME.finding("the issuer Profile has no name", base)
        sev = _severity(self.ctx.setting("profile_recommended", "warning"), "warning")
        if sev is not None:
            for prop in ("url", "email", "address"):
                if prop not in prof:
                    yield PROFILE_RECOMMENDED.finding(
                        f"the issuer Profile has no {prop} (recommended)", base, severity=sev
                    )
        yield from self.walk(prof, base, "Profile", 0)

    def dates(self, cred: dict[str, Any], base: str, embedded: bool) -> Iterator[Finding]:
        version = vc_version(cred)
        if version == 1 or (version is None and "issuanceDate" in cred and "validFrom" not in cred):
            start_key, end_key, v = "issuanceDate", "expirationDate", 1
        else:
            start_key, end_key, v = "validFrom", "validUntil", 2
        other = "validFrom" if v == 1 else "issuanceDate"
        instants: dict[str, datetime | None] = {}
        for key in (start_key, end_key):
            if key not in cred:
                continue
            value = cred[key]
            ptr = join(base, key)
            if not isinstance(value, str):
                yield DATETIME.finding(f"{key} must be a date-time string", ptr)
                instants[key] = None
                continue
            instant, ok, has_tz = parse_datetime(value)
            if not ok:
                yield DATETIME.finding(
                    f"{key} is not an XML Schema dateTime: {value!s:.60}", ptr, value=value
                )
            elif not has_tz:
                yield DATETIME.finding(
                    f"{key} has no time zone (VC 2.0 requires a dateTimeStamp, e.g. {value}Z)"
                    if v == 2
                    else f"{key} has no time zone; read as UTC",
                    ptr,
                    severity="error" if v == 2 else "warning",
                    value=value,
                )
            instants[key] = instant
        if start_key not in cred:
            extra = f" ({other} is the VC {'2.0' if v == 1 else '1.1'} name)" if other in cred else ""
        what = "the endorsement" if embedded else "the credential"
        if start_key not in cred:
            extra = f" ({other} is the VC {'2.0' if v == 1 else '1.1'} name)" if other in cred else ""
            yield VALID_FROM.finding(f"{what} has no {start_key}{extra}", base)
        start, end = instants.get(start_key), instants.get(end_key)
        time_sev: Severity = "warning" if embedded else "error"
        if start is not None and start > self.now + self.skew:
            yield NOT_YET_VALID.finding(
                f"{what} is not valid before {cred[start_key]} ({start_key})",
                join(base, start_key),
                severity=time_sev,
            )
        if end is not None and end < self.now - self.skew:
            yield EXPIRED.finding(
                f"{what} expired at {cred[end_key]} ({end_key})", join(base, end_key), severity=time_sev
            )
        if start is not None and end is not None and end < start:
            yield VALIDITY_PERIOD.finding(
                f"{end_key} ({cred[end_key]}) is earlier than {start_key} ({cred[start_key]})",
                join(base, end_key),
            )


def _types_by_id(data: Any) -> dict[str, set[str]]:
    """id -> the type values of every JSON object with that id (what RDF merges into one node)."""
    out: dict[str, set[str]] = {}
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            nid = value.get("id")
            if isinstance(nid, str):
                out.setdefault(nid, set()).update(types_of(value))
            stack.extend(v for k, v in value.items() if k != "@context")
        elif isinstance(value, list):
            stack.extend(value)
    return out


# --------------------------------------------------------------------------- JSON Schemas

_SCHEMA_NAMES = {
    OB3_CREDENTIAL: "achievementcredential",
    OB3_ENDORSEMENT: "endorsementcredential",
    OB3_PROFILE: "profile",
    OB3_ACHIEVEMENT: "achievement",
}


def schema_name(kind: str, cred: Any) -> str | None:
    """Name of the bundled OB 3.0 JSON Schema for a document of ``kind``, if any.

    A VC 1.1 credential (``issuanceDate``) is validated only against a schema made for VC 1.1
    (the published 2019-09 schemas require ``validFrom``); the 1EdTech validator uses such an
    "any" schema for both.
    """
    name = _SCHEMA_NAMES.get(kind)
    if name is None:
        return None
    names = [name]
    if kind in (OB3_CREDENTIAL, OB3_ENDORSEMENT) and isinstance(cred, dict) and vc_version(cred) == 1:
        names = [f"{name}-vc11", f"any{name}"]
    return next((n for n in names if n in schemas.NAMES), None)


def _jsonld_binding_findings(
    doc: Document, name: str, judged: list[schemas.SchemaError], ctx: CheckContext
) -> Iterator[Finding]:
    """Warnings where only the stricter JSON-LD binding of the schema objects (not where the
    judged /schema/json/ schema already reported an error at or above the same place)."""
    strict = f"{name}{schemas.JSONLD_SUFFIX}"
    if strict not in schemas.NAMES:
        return
    covered = [e.pointer for e in judged]
    for err in schemas.iter_errors(strict, doc.credential, fast=ctx.options.fast):
        if any(err.pointer == p or err.pointer.startswith(p + "/") for p in covered):
            continue
        yield SCHEMA_JSONLD.finding(
            f"{err.message} (the JSON-LD binding schema; the published /schema/json/ schema accepts it)",
            doc.at(err.pointer),
            value=err.keyword,
        )


def schema_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    applied: set[str] = set()
    name = schema_name(doc.kind, cred)
    if name is None:
        if doc.kind in _SCHEMA_NAMES:
            yield SCHEMA_UNAVAILABLE.finding(
                f"no bundled OB 3.0 JSON Schema for this document ({doc.kind}); schema validation skipped",
                doc.base,
            )
    else:
        applied.add(name)
        judged = list(schemas.iter_errors(name, cred, fast=ctx.options.fast))
        for err in judged:
            yield SCHEMA.finding(f"{err.message} (schema {name})", doc.at(err.pointer), value=err.keyword)
        yield from _jsonld_binding_findings(doc, name, judged, ctx)
    if doc.kind not in (OB3_CREDENTIAL, OB3_ENDORSEMENT) or not isinstance(cred, dict):
        return
    raw = cred.get("credentialSchema")
    for i, entry in enumerate(as_list(raw)):
        if not isinstance(entry, dict) or SCHEMA_VALIDATOR_TYPE not in as_list(entry.get("type")):
            continue
        url = entry.get("id")
        eptr = doc.at(join("/credentialSchema", i) if isinstance(raw, list) else "/credentialSchema")
        if not isinstance(url, str):
            continue
        declared = schemas.schema_for_url(url)
        vc11 = ""
        if declared is not None and declared == _SCHEMA_NAMES.get(doc.kind) and vc_version(cred) == 1:
            # the URL served the VC 1.1 (issuanceDate) version of the schema when this was issued
            declared, vc11 = name, " in its VC Data Model 1.1 version"
        if declared is None:
            yield CREDENTIAL_SCHEMA_UNKNOWN.finding(
                f"the declared schema {url} is not bundled{vc11}, not applied", join(eptr, "id"), value=url
            )
            continue
        if declared in applied:
            continue
        applied.add(declared)
        for err in schemas.iter_errors(declared, cred, fast=ctx.options.fast):
            yield CREDENTIAL_SCHEMA.finding(
                f"{err.message} (declared schema {url})", doc.at(err.pointer), value=err.keyword
            )


# --------------------------------------------------------------------------- the check


@check("ob3")
def check_ob3(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    run = Ob3Checker(doc, ctx)
    base = doc.base
    if doc.kind in CREDENTIAL_KINDS:
        kind = OB3_ENDORSEMENT if doc.kind == OB3_ENDORSEMENT else OB3_CREDENTIAL
        yield from run.credential(cred, base, kind)
    elif doc.kind == OB3_PROFILE:
        yield from run.profile(cred, base)
    elif doc.kind == OB3_ACHIEVEMENT:
        yield from context_findings(cred, base, False, ctx)
        yield from run.achievement(cred, base, 0, standalone=True)
    else:
        return
    # type values the active contexts do not define (severity: like undefined keys)
    sev = _severity(ctx.setting("undefined_terms", "error"), "error")
    if "@context" in cred and sev is not None:
        terms = defined_terms(cred["@context"], ctx.registry)
        if terms is not None and terms is not _ANY:
            for ptr, value in undefined_types(cred, base, terms, ctx.registry):
                yield UNDEFINED_TYPE.finding(
                    f'the type "{value}" is not defined by the active @context',
                    ptr,
                    severity=sev,
                    value=value,
                )
    yield from schema_findings(doc, ctx)
