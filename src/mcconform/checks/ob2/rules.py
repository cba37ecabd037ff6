"""The rules of the Open Badges 2.0 family (``ob2.*``): ids, severities, clauses, documentation."""

from __future__ import annotations

from ...rules import rule

SPEC_URL = "https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html"


OBI = "https://w3id.org/openbadges#"


def _spec(section: str, anchor: str) -> str:
    return f"Open Badges 2.0, {section} ({SPEC_URL}#{anchor})"


CONTEXT = rule(
    "ob2.context",
    "error",
    "The document does not use the Open Badges 2.0 JSON-LD context.",
    _spec("JSON-LD context", "Context"),
    """
    OB 2.0 documents are JSON-LD with ``"@context": "https://w3id.org/openbadges/v2"`` (alone, or
    first in a list followed by extension contexts).  An inline context object that defines the
    OB vocabulary is accepted too.
    PASS: ``"@context": "https://w3id.org/openbadges/v2"``
    FAIL: ``"@context": "https://w3id.org/openbadges/invalid"``
    """,
)


TYPE = rule(
    "ob2.type",
    "error",
    "A node's type is missing or is not the class the specification requires there.",
    _spec("Data Model: type of each class", "DataModel"),
    """
    Every OB 2.0 document names its class in ``type``: an Assertion ``"Assertion"``, a BadgeClass
    ``"BadgeClass"``, an issuer ``"Issuer"`` or ``"Profile"``, a RevocationList ``"RevocationList"``,
    an Endorsement ``"Endorsement"``; an IdentityObject ``"email"`` / ``"url"`` / ``"telephone"`` /
    ``"id"``; a verification object of an Assertion ``"hosted"`` / ``"HostedBadge"`` or
    ``"signed"`` / ``"SignedBadge"``.  Linked documents (the BadgeClass an Assertion points to,
    the issuer of a BadgeClass) must be of the expected class as well.
    FAIL: ``"type": "OtherAssertion"``; a BadgeClass whose ``issuer`` is a ``Criteria``.
    """,
)


UNDEFINED_TYPE = rule(
    "ob2.undefined-type",
    "error",
    "A type value is neither a term of the active @context nor an absolute IRI.",
    _spec("Extensions / JSON-LD types", "Extensions") + "; JSON-LD 1.1 section 3.5",
    """
    A type value must be a term the context defines (``Assertion``) or an IRI
    (``http://example.com/CoolClass``, ``extensions:ApplyLink``): anything else expands to a
    relative IRI that means nothing.  An empty ``type`` list is no type at all.
    PASS: ``["Issuer", "http://example.com/CoolClass"]``  FAIL: ``["Issuer", "UNKNOWN"]``, ``[]``
    """,
)


REQUIRED = rule(
    "ob2.required",
    "error",
    "A required property is missing.",
    _spec("Data Model (required properties of each class)", "DataModel"),
    """
    Required: Assertion ``id type recipient badge verification issuedOn``; BadgeClass ``id type
    name description criteria issuer``; Profile (issuer) ``id type name url email``;
    IdentityObject ``type identity hashed``; AlignmentObject ``targetName targetUrl``; Image
    ``id``; Endorsement ``id type claim issuer issuedOn verification``.
    """,
)


VALUE_TYPE = rule(
    "ob2.value-type",
    "error",
    "A property value is not of the type the specification requires.",
    _spec(
        "Data Validation: primitive value types (Text, IRI, URL, DateTime, Email, Boolean...)", "Primitives"
    ),
    """
    IRI: an absolute IRI (``https://...``, ``urn:uuid:...``) or a blank node id ``_:b0``.  URL: an
    absolute ``http(s)`` URL.  DateTime: ISO 8601 with a time zone.  Email: ``name@host``.
    Telephone: E.164 (``+4420...``).  Boolean: ``true`` / ``false``.  Text: a string.  A property
    that links to a node takes the node's IRI or the embedded node.
    FAIL: ``"issuedOn": "yesterday"``, ``"hashed": "true"``, ``"url": "example.org"``
    """,
)


DATETIME_TZ = rule(
    "ob2.datetime-timezone",
    "warning",
    "A DateTime has no time zone.",
    _spec("DateTime", "DateTime"),
    "OB 2.0 DateTimes are ISO 8601 with a time zone (``Z`` or ``+01:00``); without one the instant "
    "is ambiguous.",
)


IDENTITY_HASH = rule(
    "ob2.identity-hash",
    "error",
    "A hashed recipient identity is not ``sha256$<64 hex>`` or ``md5$<32 hex>``.",
    _spec("IdentityObject / IdentityHash", "IdentityObject"),
    """
    With ``"hashed": true`` the identity is ``sha256$`` followed by the hex SHA-256 of the
    identifier concatenated with the ``salt`` (or ``md5$`` and 32 hex digits).  Without a hash the
    identity is the plain identifier of its ``type`` (an email address for ``email``).
    PASS: ``"identity": "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942"``
    FAIL: ``"identity": "sha256$xyz"``, ``"identity": "ann"`` with type email and hashed false.
    """,
)


RECIPIENT_TYPE = rule(
    "ob2.recipient-type",
    "warning",
    "The recipient identity type is not one of email, url, telephone, id.",
    _spec("IdentityObject", "IdentityObject"),
    "The IdentityObject ``type`` should be ``email``, ``url``, ``telephone`` or ``id``.",
)


RECIPIENT_MISMATCH = rule(
    "ob2.recipient-mismatch",
    "error",
    "The badge was not awarded to the identity given with --recipient.",
    _spec("IdentityObject; Verification: recipient", "IdentityObject"),
    """
    ``--recipient email:ann@example.org`` (or ``url:...``, ``telephone:...``) asks whether the
    badge names that recipient: the plain identity must be equal, a hashed one must equal
    ``sha256$`` + hex(sha256(identifier + salt)) (or the md5 form).
    """,
)


RECIPIENT_VERIFIED = rule(
    "ob2.recipient-verified",
    "info",
    "The recipient identity matches --recipient.",
    _spec("IdentityObject", "IdentityObject"),
    "Reported when ``--recipient`` is given and the identity (or its hash) matches.",
)


ISSUED_FUTURE = rule(
    "ob2.issued-in-future",
    "error",
    "The assertion is issued in the future.",
    _spec("Assertion: issuedOn; Verification: timestamps", "Assertion"),
    "``issuedOn`` is after --now: the badge does not exist yet.  "
    'FAIL: ``"issuedOn": "2100-12-31T23:59:59Z"``',
)


EXPIRED = rule(
    "ob2.expired",
    "error",
    "The assertion has expired.",
    _spec("Assertion: expires", "Assertion"),
    '``expires`` is before --now.  FAIL: ``"expires": "2022-11-15T23:59:59Z"`` judged in 2026.',
)


EXPIRES_BEFORE = rule(
    "ob2.expires-before-issued",
    "error",
    "The assertion expires before it is issued.",
    _spec("Assertion: expires", "Assertion"),
    "``expires`` must be after ``issuedOn``.",
)


IMAGE = rule(
    "ob2.image",
    "error",
    "An image value is not a PNG or SVG data URI or an image URL.",
    _spec("Image; BadgeClass: image", "Image"),
    """
    Images are the IRI of a PNG or SVG image, a ``data:image/png;base64,...`` /
    ``data:image/svg+xml;...`` URI (BadgeClass and Profile images), or an Image object whose
    ``id`` is one of those.  An Assertion's image is the baked badge image, hosted at a URL: a
    data URI is not accepted there (the 1EdTech suite's assertion-with-data-image vector).
    """,
)


BADGE_IMAGE = rule(
    "ob2.badgeclass-image",
    "warning",
    "The BadgeClass has no image.",
    _spec("BadgeClass: image (required)", "BadgeClass"),
    """
    The specification makes ``image`` required for a BadgeClass; the reference validators accept
    BadgeClasses without one, so mcconform warns.
    """,
)


CRITERIA = rule(
    "ob2.criteria",
    "error",
    "The Criteria has neither an id nor a narrative.",
    _spec("Criteria", "Criteria"),
    "``criteria`` is the URL of a criteria page, or a Criteria object with an ``id`` and/or a ``narrative``.",
)


HOSTED_ID = rule(
    "ob2.hosted-id",
    "error",
    "A hosted assertion's id is not an HTTP(S) URL.",
    _spec("HostedBadge verification", "HostedBadge"),
    "A hosted assertion is verified by fetching it from its ``id``, which must be an http(s) URL.",
)


HOSTED_SCOPE = rule(
    "ob2.hosted-scope",
    "error",
    "The hosted assertion's id is outside its issuer's verification policy.",
    _spec("VerificationObject (issuer): allowedOrigins, startsWith", "VerificationObject"),
    """
    The issuer's ``verification`` object says where its hosted assertions may live:
    ``startsWith`` (the id must start with one of the values) and ``allowedOrigins`` (the id's
    host must be one of them).  Without a policy the allowed origin is the host of the issuer's
    own ``id``.
    PASS: id ``https://example.org/a/1``, ``"startsWith": "https://example.org/"``
    FAIL: id ``https://example.org/a/1``, ``"startsWith": "https://example.org/NOT"``
    """,
)


ISSUER_NOT_HTTP = rule(
    "ob2.issuer-id-not-http",
    "warning",
    "The issuer's id is not an HTTP(S) URL.",
    _spec("Profile: id; HostedBadge verification", "Profile"),
    """
    An issuer Profile should be hosted at its ``id`` (an http(s) URL) so that verifiers can fetch
    it and derive the default verification policy from its host.  A ``urn:uuid:`` issuer id is
    accepted with this warning.
    """,
)


ID_MISMATCH = rule(
    "ob2.id-mismatch",
    "warning",
    "A linked document's id is not the URL it was fetched from.",
    _spec("Hosted documents (id is the canonical URL)", "HostedBadge"),
    """
    A BadgeClass or issuer Profile fetched from a URL should carry that URL as its ``id``; when
    they differ the document was reached through another address (a redirect or an alias).
    """,
)


HOSTED_ASSERTION = rule(
    "ob2.hosted-assertion",
    "warning",
    "The hosted copy of the assertion is unavailable or differs from the one checked.",
    _spec("HostedBadge verification", "HostedBadge"),
    """
    The authoritative copy of a hosted assertion is the one served at its ``id``.  mcconform
    fetches it (resource map, --online or a URL input) and warns when it cannot be had or says
    something else than the document checked.
    """,
)


NOT_CHECKED = rule(
    "ob2.not-checked",
    "info",
    "Hosted verification was not checked: a linked document could not be fetched offline.",
    _spec("Verification", "Verification"),
    """
    Hosted verification needs the BadgeClass, its issuer and the hosted assertion (signed
    verification needs the key and the revocation list).  Offline, without a ``--resource-map``
    for their URLs, they are not fetched: the profile verdict is then cantTell, not pass.  Use
    ``--online`` or ``--resource-map URL_PREFIX=DIR``.
    """,
)


SIGNED = rule(
    "ob2.signed",
    "error",
    "The signed assertion's JWS or verification object is malformed.",
    _spec("SignedBadge verification", "SignedBadge"),
    """
    A signed assertion is a JWS (compact serialization) whose payload is the Assertion, with
    ``"verification": {"type": "signed", "creator": KEY_IRI}``; the header names the algorithm
    (``RS256``); ``alg: none`` is refused.  A JWS whose assertion says ``hosted`` is inconsistent.
    """,
)


SIGNED_NOT_JWS = rule(
    "ob2.signed-not-jws",
    "warning",
    "A signed assertion is given as plain JSON: its signature cannot be verified.",
    _spec("SignedBadge verification", "SignedBadge"),
    "Signed assertions are distributed as JWS; the decoded JSON alone carries no signature.",
)


KEY = rule(
    "ob2.key",
    "error",
    "The signing key is missing, has no public key, or does not belong to the issuer.",
    _spec("CryptographicKey; SignedBadge verification", "CryptographicKey"),
    """
    The key named by ``verification.creator`` (or else the issuer's ``publicKey``) must be a
    CryptographicKey with a ``publicKeyPem``, whose ``owner`` is the issuer's ``id``, and the
    issuer should list it in its ``publicKey``.
    """,
)


SIGNATURE_DEFERRED = rule(
    "ob2.signature-deferred",
    "info",
    "The JWS signature is verified by the trust checks, not by the ob2 profile.",
    _spec("SignedBadge verification", "SignedBadge"),
    "The ob2 checks verify the structure of a signed assertion and its key; the cryptographic "
    "signature is checked separately.",
)


REVOKED = rule(
    "ob2.revoked",
    "error",
    "The assertion is revoked.",
    _spec("RevocationList; Assertion: revoked", "RevocationList"),
    """
    The assertion says ``"revoked": true``, or its id is listed in the ``revokedAssertions`` of
    the issuer's ``revocationList``.
    """,
)


REVOCATION_LIST = rule(
    "ob2.revocation-list",
    "error",
    "A RevocationList entry is neither an IRI nor an object with an id or uid.",
    _spec("RevocationList", "RevocationList"),
    "``revokedAssertions`` lists assertion IRIs, or objects with ``id`` (or ``uid``) and an "
    "optional ``revocationReason``.",
)


EXTENSION = rule(
    "ob2.extension",
    "error",
    "An extension property does not match its extension's schema.",
    _spec("Extensions", "Extensions"),
    """
    OB 2.0 extensions declare their properties in their context and a JSON Schema.  mcconform
    knows the bundled extensions (Example Extension: ``exampleProperty`` text; Apply Link and
    Original Creator: ``url``; Extra Description: ``name``, ``narrative``; License: ``name``,
    ``legalCode``; Geo Coordinates: ``description``, ``geo`` object) and checks their values
    wherever the extension's context is active, and their required properties on nodes of the
    extension's type.
    PASS: ``"exampleProperty": "I'm a property"``  FAIL: ``"http://schema.org/text": 1337``
    """,
)


LEGACY = rule(
    "ob2.legacy",
    "warning",
    "An Open Badges 1.0 / 1.1 (or 0.5) document is read with 2.0 semantics.",
    _spec("Upgrading from 1.1 / Backwards compatibility", "BackwardsCompatibility"),
    """
    OB 1.x assertions (``verify`` instead of ``verification``, ``uid``, Unix timestamps, no or the
    v1 context) are still in circulation.  mcconform reads them as OB 2.0 (``verify`` as
    ``verification``, ``verify.url`` as the hosted id) and checks them with the 2.0 rules.
    Reissue them as OB 2.0 (or 3.0).
    """,
)
