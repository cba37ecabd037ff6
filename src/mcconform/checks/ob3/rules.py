"""The rules of the OB 3.0 family: ids, severities, titles, spec clauses and their docs.

Declared once here; the check modules of this package import the rules they emit.
"""

from __future__ import annotations

from ...rules import rule
from .model import OB, OB_URL


def _spec(section: str, anchor: str) -> str:
    return f"{OB} {section} ({OB_URL}#{anchor})"


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
