"""Open Badges 2.0 checks (and OB 1.0 / 1.1 read with 2.0 semantics).

Every class of the OB 2.0 data model is described by a table of its properties (value type,
required, embedded class), written from the specification: Assertion, BadgeClass, Profile
(Issuer), IdentityObject, VerificationObject, CryptographicKey, RevocationList, Criteria,
Image, Evidence, AlignmentObject, Endorsement.  On top of the tables:

* timestamps against ``--now`` (not issued in the future, not expired, expiry after issue);
* the recipient: identity hashes ``sha256$<hex>`` / ``md5$<hex>``, and ``--recipient`` checks;
* images: data URIs (PNG / SVG, base64) where the spec allows them;
* hosted verification: the BadgeClass and its Issuer are fetched (``fetch.py``: a resource
  map, ``--online``, or a URL input) and the assertion id must lie inside the issuer's
  verification policy (``allowedOrigins`` / ``startsWith``, default: the issuer id's host);
  the hosted copy of the assertion is compared; offline, this is reported as not checked
  (``ob2.not-checked``, verdict cantTell), never passed silently;
* signed verification: the JWS structure, the key (``creator`` or the issuer's
  ``publicKey``), its owner, and the issuer's revocation list.  The signature itself is
  verified by the trust checks, not here;
* endorsements (embedded or linked) and extensions (the bundled 2.0 extensions' properties).

Findings in a fetched document are reported at the pointer of the reference in the input
(``/badge`` for the BadgeClass and its issuer) with the URL and the inner pointer in the message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ..detect import (
    HOSTED_REFERENCE,
    OB1_ASSERTION,
    OB2_ASSERTION,
    OB2_BADGECLASS,
    OB2_ENDORSEMENT,
    OB2_ISSUER,
    OB2_KEY,
    OB2_NODE,
    OB2_REVOCATION_LIST,
    as_list,
)
from ..document import Document
from ..fetch import FetchError, fetch, fetch_json, network_allowed
from ..jsonld import ContextRegistry
from ..options import Options
from ..pointer import join
from ..report import Finding, Severity
from ..rules import Rule, rule
from . import CheckContext, check
from .ob3 import defined_terms, is_uri, parse_datetime, undefined_types

SPEC_URL = "https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
OB2_CONTEXTS = (OB2_CONTEXT, "https://openbadgespec.org/v2/context.json", "https://w3id.org/openbadges/v2/")
OBI = "https://w3id.org/openbadges#"


def _spec(section: str, anchor: str) -> str:
    return f"Open Badges 2.0, {section} ({SPEC_URL}#{anchor})"


# --------------------------------------------------------------------------- rules

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


# --------------------------------------------------------------------------- data model tables


@dataclass(frozen=True)
class Prop:
    name: str
    vtype: str  # iri url text markdown datetime email telephone boolean id identity data-uri-or-url
    required: bool = False
    many: bool = False
    cls: str | None = None  # class of an embedded node (vtype "id")
    data_uri: bool = False  # an image that may be a data URI
    url_ok: bool = True  # an "id" value may be a plain URL (not fetched)


@dataclass(frozen=True)
class Cls:
    name: str
    anchor: str
    types: tuple[str, ...] = ()  # must contain one of these (short names)
    type_required: bool = False
    props: tuple[Prop, ...] = ()


CLASSES: dict[str, Cls] = {
    c.name: c
    for c in (
        Cls(
            "Assertion",
            "Assertion",
            ("Assertion",),
            True,
            (
                Prop("id", "iri", True),
                Prop("recipient", "id", True, cls="IdentityObject", url_ok=False),
                Prop("badge", "id", True, cls="BadgeClass"),
                Prop("verification", "id", True, cls="VerificationObjectAssertion", url_ok=False),
                Prop("issuedOn", "datetime", True),
                Prop("expires", "datetime"),
                Prop("image", "id", cls="Image"),
                Prop("narrative", "markdown"),
                Prop("evidence", "id", many=True, cls="Evidence"),
                Prop("revoked", "boolean"),
                Prop("revocationReason", "text"),
            ),
        ),
        Cls(
            "BadgeClass",
            "BadgeClass",
            ("BadgeClass",),
            True,
            (
                Prop("id", "iri", True),
                Prop("issuer", "id", True, cls="Profile"),
                Prop("name", "text", True),
                Prop("description", "text", True),
                Prop("image", "id", cls="Image", data_uri=True),
                Prop("criteria", "id", True, cls="Criteria"),
                Prop("alignment", "id", many=True, cls="AlignmentObject", url_ok=False),
                Prop("tags", "text", many=True),
            ),
        ),
        Cls(
            "Profile",
            "Profile",
            ("Issuer", "Profile"),
            True,
            (
                Prop("id", "iri", True),
                Prop("name", "text", True),
                Prop("description", "text"),
                Prop("image", "id", cls="Image", data_uri=True),
                Prop("url", "url", True),
                Prop("email", "email", True),
                Prop("telephone", "telephone"),
                Prop("publicKey", "id", many=True, cls="CryptographicKey"),
                Prop("verification", "id", cls="VerificationObjectIssuer", url_ok=False),
                Prop("revocationList", "id", cls="RevocationList"),
            ),
        ),
        Cls(
            "CryptographicKey",
            "CryptographicKey",
            ("CryptographicKey",),
            False,
            (Prop("id", "iri"), Prop("owner", "iri"), Prop("publicKeyPem", "text")),
        ),
        Cls(
            "AlignmentObject",
            "AlignmentObject",
            ("AlignmentObject",),
            False,
            (
                Prop("targetName", "text", True),
                Prop("targetUrl", "url", True),
                Prop("description", "text"),
                Prop("targetDescription", "text"),
                Prop("targetFramework", "text"),
                Prop("targetCode", "text"),
            ),
        ),
        Cls("Criteria", "Criteria", ("Criteria",), False, (Prop("id", "iri"), Prop("narrative", "markdown"))),
        Cls(
            "IdentityObject",
            "IdentityObject",
            (),
            True,
            (
                Prop("identity", "identity", True),
                Prop("hashed", "boolean", True),
                Prop("salt", "text"),
            ),
        ),
        Cls(
            "Evidence",
            "Evidence",
            ("Evidence",),
            False,
            (
                Prop("id", "iri"),
                Prop("narrative", "markdown"),
                Prop("name", "text"),
                Prop("description", "text"),
                Prop("genre", "text"),
                Prop("audience", "text"),
            ),
        ),
        Cls(
            "Image",
            "Image",
            ("Image", "ImageObject"),
            False,
            (Prop("id", "data-uri-or-url", True), Prop("caption", "text"), Prop("author", "iri")),
        ),
        Cls(
            "VerificationObjectAssertion",
            "VerificationObject",
            ("HostedBadge", "SignedBadge"),
            True,
            (Prop("creator", "iri"),),
        ),
        Cls(
            "VerificationObjectIssuer",
            "VerificationObject",
            ("VerificationObject",),
            False,
            (
                Prop("verificationProperty", "term"),
                Prop("startsWith", "url", many=True),
                Prop("allowedOrigins", "text", many=True),
            ),
        ),
        Cls(
            "RevocationList",
            "RevocationList",
            ("RevocationList",),
            True,
            (Prop("id", "iri"), Prop("issuer", "iri")),
        ),
        Cls(
            "Endorsement",
            "Endorsement",
            ("Endorsement",),
            True,
            (
                Prop("id", "iri", True),
                Prop("claim", "id", True, cls="EndorsementClaim", url_ok=False),
                Prop("issuer", "id", True, cls="Profile"),
                Prop("issuedOn", "datetime", True),
                Prop("verification", "id", True, cls="VerificationObjectAssertion", url_ok=False),
            ),
        ),
        Cls(
            "EndorsementClaim",
            "Endorsement",
            (),
            False,
            (Prop("id", "iri", True), Prop("endorsementComment", "markdown")),
        ),
    )
}

#: short type names by kind of top-level document
KIND_CLASS = {
    OB2_ASSERTION: "Assertion",
    OB1_ASSERTION: "Assertion",
    OB2_BADGECLASS: "BadgeClass",
    OB2_ISSUER: "Profile",
    OB2_KEY: "CryptographicKey",
    OB2_REVOCATION_LIST: "RevocationList",
    OB2_ENDORSEMENT: "Endorsement",
}
TYPE_ALIASES = {
    "hosted": "HostedBadge",
    "signed": "SignedBadge",
    "Issuer": "Issuer",
    "Extension": "Extension",
}
#: classes a generic ob2-node document may be validated as, by its short type
NODE_CLASSES = {
    "AlignmentObject": "AlignmentObject",
    "Criteria": "Criteria",
    "Evidence": "Evidence",
    "Image": "Image",
    "VerificationObject": "VerificationObjectIssuer",
}


@dataclass(frozen=True)
class Extension:
    name: str
    context: str
    type_iri: str
    #: JSON key -> (property IRI, JSON value kind "string" | "uri")
    props: dict[str, tuple[str, str]]
    required: tuple[str, ...]


EXT = "https://w3id.org/openbadges/extensions#"
EXTENSIONS = (
    Extension(
        "Example Extension",
        "https://w3id.org/openbadges/extensions/exampleExtension/context.json",
        EXT + "ExampleExtension",
        {"exampleProperty": ("http://schema.org/text", "string")},
        ("exampleProperty",),
    ),
    Extension(
        "Apply Link",
        "https://w3id.org/openbadges/extensions/applyLinkExtension/context.json",
        EXT + "ApplyLink",
        {"url": (EXT + "applyLink", "uri")},
        ("url",),
    ),
    Extension(
        "Original Creator",
        "https://w3id.org/openbadges/extensions/originalCreatorExtension/context.json",
        EXT + "originalCreator",
        {"url": (EXT + "#originalCreator", "uri")},
        ("url",),
    ),
    Extension(
        "Extra Description",
        "https://w3id.org/openbadges/extensions/extraDescription/context.json",
        EXT + "ExtraDescriptionExtension",
        {"name": ("http://schema.org/name", "string"), "narrative": (OBI + "narrative", "string")},
        ("name", "narrative"),
    ),
    Extension(
        "License",
        "https://w3id.org/openbadges/extensions/licenseExtension/context.json",
        EXT + "LicenseExtension",
        {
            "name": ("http://schema.org/name", "string"),
            "legalCode": ("http://creativecommons.org/ns#legalcode", "uri"),
        },
        ("name",),
    ),
    Extension(
        "Geo Coordinates",
        "https://w3id.org/openbadges/extensions/geoCoordinatesExtension/context.json",
        EXT + "GeoCoordinates",
        {
            "name": ("http://schema.org/name", "string"),
            "description": ("http://schema.org/description", "string"),
            "geo": ("http://schema.org/geo", "object"),
        },
        ("description", "geo"),
    ),
)

#: 2.0 properties that OB 0.5 / 1.x documents may lack (an ob2.legacy warning, not an error)
LEGACY_OPTIONAL = frozenset({"id", "type", "email", "verification", "issuedOn"})
#: OB 0.5 names of 2.0 properties
LEGACY_ALIASES = {"url": ("origin",), "issuedOn": ("issued_on",)}

_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TEL = re.compile(r"^\+?[1-9]\d{1,14}$")
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_DATA_URI = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?((?:;[\w.+-]+=[^;,]*)*)(;base64)?,(.*)$", re.DOTALL)


def short_type(value: str) -> str:
    for prefix in (OBI, "obi:", "schema:", "http://schema.org/", "https://schema.org/", "sec:"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return TYPE_ALIASES.get(value, value)


def types_of(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    return [t for t in as_list(node.get("type", node.get("@type"))) if isinstance(t, str)]


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith("_:") or is_uri(value))


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get("@value"), str))


def parse_dt(value: Any) -> tuple[datetime | None, str | None]:
    """(instant, problem) of an OB 2.0 DateTime (ISO 8601; seconds may be omitted)."""
    if not isinstance(value, str):
        return None, "is not a string"
    text = value
    m = re.match(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|z|[+-]\d{2}:?\d{2})?$", text)
    if m:  # 2017-10-01T00:00Z (no seconds): ISO 8601 allows it
        text = m.group(1) + ":00" + (m.group(2) or "")
    instant, ok, tz = parse_datetime(text)
    if not ok:
        try:
            instant = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None, "is not an ISO 8601 date-time"
        tz = instant.tzinfo is not None
    if instant is not None and instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant, None if tz else "no-tz"


def identity_hash(identifier: str, salt: str, alg: str) -> str:
    h = hashlib.new(alg, (identifier + salt).encode("utf-8")).hexdigest()
    return f"{alg}${h}"


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).netloc or None
    except ValueError:
        return None


# --------------------------------------------------------------------------- where findings go


@dataclass
class Sink:
    """Collects findings; inside a fetched document they are reported at the referring pointer."""

    out: list[Finding]
    base: str = ""  # pointer prefix in the input (doc.base)
    url: str | None = None  # the fetched document, if any
    ref: str = ""  # pointer of the reference in the input, for fetched documents

    def add(
        self, r: Rule, message: str, ptr: str, *, severity: Severity | None = None, value: str | None = None
    ) -> None:
        if self.url is None:
            self.out.append(r.finding(message, self.base + ptr, severity=severity, value=value))
        else:
            where = f"{self.url} at {ptr}" if ptr else self.url
            self.out.append(r.finding(f"{message} (in {where})", self.ref, severity=severity, value=value))

    def raw(self, f: Finding, ptr: str) -> None:
        if self.url is None:
            self.out.append(replace(f, pointer=self.base + ptr))
        else:
            self.out.append(replace(f, pointer=self.ref, message=f"{f.message} (in {self.url})"))

    def remote(self, url: str, ptr: str) -> Sink:
        return Sink(self.out, self.base, url, self.ref if self.url is not None else self.base + ptr)


@dataclass
class Linked:
    data: dict[str, Any]
    url: str
    sink: Sink


_memo: weakref.WeakKeyDictionary[ContextRegistry, dict[str, Any]] = weakref.WeakKeyDictionary()


@dataclass
class Run:
    doc: Document
    ctx: CheckContext
    opts: Options
    out: list[Finding] = field(default_factory=list)
    not_checked: set[str] = field(default_factory=set)
    #: an OB 0.5 / 1.x document: properties 2.0 added are noted (ob2.legacy), not errors
    legacy: bool = False

    # ---- fetching

    def linked(self, sink: Sink, url: Any, ptr: str, what: str) -> Linked | None:
        """Fetch a linked document; report why not when it cannot be had."""
        if not isinstance(url, str) or not is_iri(url):
            return None  # the value check reports it
        if not is_url(url):
            sink.add(
                NOT_CHECKED,
                f"the {what} {url} is neither embedded nor an http(s) URL: it cannot be fetched, "
                "so it was not checked",
                ptr,
                value=url,
            )
            return None
        if not network_allowed(url, self.opts):
            if url not in self.not_checked:
                self.not_checked.add(url)
                sink.add(
                    NOT_CHECKED,
                    f"the {what} {url} was not fetched (offline): hosted verification not checked; "
                    "use --online or --resource-map URL_PREFIX=DIR",
                    ptr,
                    value=url,
                )
            return None
        memo = _memo.setdefault(self.ctx.registry, {})
        key = f"{url}\n{self.opts.online}\n{sorted(self.opts.resource_map.items())}"
        got = memo.get(key)
        if got is None:
            try:
                got = fetch_json(url, self.opts)
            except FetchError as e:
                got = e
            memo[key] = got
        if isinstance(got, FetchError):
            sink.raw(got.finding(), ptr)
            return None
        if not isinstance(got, dict):
            sink.add(VALUE_TYPE, f"the {what} at {url} is not a JSON object", ptr, value=url)
            return None
        fid = got.get("id")
        if isinstance(fid, str) and _same_url(fid) != _same_url(url):
            sink.add(ID_MISMATCH, f"the {what} fetched from {url} has the id {fid}", ptr, value=url)
        return Linked(got, url, sink.remote(url, ptr))

    # ---- generic node validation

    def node(self, sink: Sink, node: Any, ptr: str, cls_name: str, *, legacy: bool = False) -> None:
        cls = CLASSES[cls_name]
        if not isinstance(node, dict):
            sink.add(VALUE_TYPE, f"a {cls_name} must be a JSON object", ptr)
            return
        legacy = legacy or self.legacy
        self.node_type(sink, node, ptr, cls, legacy=legacy)
        for prop in cls.props:
            value = node.get(prop.name)
            if value is None and legacy:
                for alias in LEGACY_ALIASES.get(prop.name, ()):
                    value = node.get(alias)
            pptr = join(ptr, prop.name)
            if value is None:
                if prop.required and legacy and prop.name in LEGACY_OPTIONAL:
                    sink.add(
                        LEGACY,
                        f"the {cls_name} has no '{prop.name}' (optional before OB 2.0, required since)",
                        ptr,
                        value=prop.name,
                    )
                elif prop.required:
                    sink.add(REQUIRED, f"the {cls_name} has no '{prop.name}'", ptr, value=prop.name)
                continue
            if isinstance(value, list):
                if not prop.many and len(value) != 1:
                    sink.add(VALUE_TYPE, f"'{prop.name}' takes one value, not a list", pptr)
                    continue
                if not value and prop.required:
                    sink.add(REQUIRED, f"the {cls_name} has an empty '{prop.name}'", pptr)
                items = [(v, join(pptr, i)) for i, v in enumerate(value)]
            else:
                items = [(value, pptr)]
            for v, vptr in items:
                self.value(sink, prop, v, vptr, cls_name)
        if cls_name == "Criteria" and not node.get("id") and not node.get("narrative"):
            sink.add(CRITERIA, "the Criteria has neither 'id' nor 'narrative'", ptr)
        if cls_name == "IdentityObject":
            self.identity(sink, node, ptr)

    def node_type(
        self, sink: Sink, node: dict[str, Any], ptr: str, cls: Cls, *, legacy: bool = False
    ) -> None:
        legacy = legacy or self.legacy
        raw = node.get("type", node.get("@type"))
        tptr = join(ptr, "type" if "type" in node else "@type")
        if cls.name == "IdentityObject":
            if not isinstance(raw, str):
                if raw is None:
                    sink.add(REQUIRED, "the IdentityObject has no 'type'", ptr, value="type")
                else:
                    sink.add(VALUE_TYPE, "the IdentityObject 'type' must be one string", tptr)
            elif short_type(raw) not in ("email", "url", "telephone", "id"):
                sink.add(
                    RECIPIENT_TYPE, f"the recipient type '{raw}' is not email, url, telephone or id", tptr
                )
            return
        if raw is None or raw == []:
            if cls.type_required and not legacy:
                sink.add(TYPE, f"the {cls.name} has no type (expected {' or '.join(cls.types)})", ptr)
            return
        values = [short_type(t) for t in types_of(node)]
        if len(values) != len(as_list(raw)):
            sink.add(VALUE_TYPE, "type values must be strings", tptr)
        if cls.types and not set(values) & set(cls.types):
            want = " or ".join(f"'{t}'" for t in cls.types)
            sink.add(TYPE, f"the type {raw!r} does not include {want}", tptr, value=str(raw))

    def value(self, sink: Sink, prop: Prop, v: Any, ptr: str, cls_name: str) -> None:
        name = prop.name
        vt = prop.vtype
        bad = None
        if vt == "iri":
            bad = None if is_iri(v) else "an IRI"
        elif vt == "url":
            bad = None if is_url(v) else "an http(s) URL"
        elif vt in ("text", "markdown"):
            bad = None if is_text(v) else "text (a string)"
        elif vt == "term":
            bad = None if isinstance(v, str) and v.strip() and " " not in v else "an IRI or a term"
        elif vt == "email":
            bad = (
                None if isinstance(v, str) and _EMAIL.match(v.removeprefix("mailto:")) else "an email address"
            )
        elif vt == "telephone":
            bad = (
                None
                if isinstance(v, str) and _TEL.match(re.sub(r"[\s().-]", "", v))
                else "an E.164 telephone number"
            )
        elif vt == "boolean":
            bad = None if isinstance(v, bool) else "a boolean (true or false)"
        elif vt == "identity":
            bad = None if isinstance(v, str) and v else "a string"
        elif vt == "datetime":
            _, problem = parse_dt(v)
            if problem == "no-tz":
                sink.add(DATETIME_TZ, f"'{name}' {v!r} has no time zone", ptr, value=str(v))
            elif problem:
                bad = "an ISO 8601 date-time"
        elif vt == "data-uri-or-url":
            if isinstance(v, str) and v.startswith("data:"):
                self.data_uri(sink, v, ptr, cls_name)
            elif not is_url(v):
                bad = "an image URL or data URI"
        elif vt == "id":
            if isinstance(v, dict) and prop.cls:
                if (
                    prop.cls == "Image"
                    and cls_name == "Assertion"
                    and str(v.get("id", "")).startswith("data:")
                ):
                    sink.add(
                        IMAGE, "an Assertion image must be hosted at a URL, not a data URI", join(ptr, "id")
                    )
                    return
                self.node(sink, v, ptr, prop.cls)
                return
            if isinstance(v, str) and v.startswith("data:") and prop.cls == "Image":
                if prop.data_uri:
                    self.data_uri(sink, v, ptr, cls_name)
                else:
                    sink.add(IMAGE, f"an {cls_name} image must be hosted at a URL, not a data URI", ptr)
                return
            if not is_iri(v) or (not prop.url_ok and not isinstance(v, dict)):
                bad = f"the IRI of a {prop.cls} or an embedded {prop.cls}"
        if bad:
            sink.add(VALUE_TYPE, f"'{name}' must be {bad}, not {_short(v)}", ptr, value=_short(v))

    def data_uri(self, sink: Sink, v: str, ptr: str, cls_name: str) -> None:
        m = _DATA_URI.match(v)
        if not m:
            sink.add(IMAGE, "the image data URI is malformed", ptr)
            return
        media = (m.group(1) or "text/plain").lower()
        if media not in ("image/png", "image/svg+xml"):
            sink.add(IMAGE, f"the image data URI is {media}; OB 2.0 images are PNG or SVG", ptr, value=media)
            return
        if m.group(3):
            try:
                data = base64.b64decode(m.group(4), validate=True)
            except (binascii.Error, ValueError):
                sink.add(IMAGE, "the image data URI is not valid base64", ptr)
                return
            if media == "image/png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
                sink.add(IMAGE, "the image data URI says PNG but does not hold a PNG", ptr)

    def identity(self, sink: Sink, node: dict[str, Any], ptr: str) -> None:
        identity = node.get("identity")
        hashed = node.get("hashed")
        rtype = node.get("type")
        if not isinstance(identity, str):
            return
        iptr = join(ptr, "identity")
        if hashed is True:
            if not _HASH.match(identity):
                sink.add(
                    IDENTITY_HASH, f"the hashed identity {identity!r} is not sha256$<hex> or md5$<hex>", iptr
                )
        elif hashed is False:
            if identity.startswith(("sha256$", "md5$")):
                sink.add(IDENTITY_HASH, "the identity looks hashed but 'hashed' is false", iptr)
            elif rtype == "email" and not _EMAIL.match(identity):
                sink.add(IDENTITY_HASH, f"the identity {identity!r} is not an email address", iptr)
            elif rtype == "url" and not is_url(identity):
                sink.add(IDENTITY_HASH, f"the identity {identity!r} is not a URL", iptr)
        recipient = self.opts.recipient
        if recipient and sink.url is None:
            want_type, _, want = recipient.partition(":")
            if want_type != rtype:
                sink.add(
                    RECIPIENT_MISMATCH,
                    f"the recipient identity is of type {rtype!r}, --recipient gave {want_type!r}",
                    join(ptr, "type"),
                )
                return
            salt = node.get("salt") if isinstance(node.get("salt"), str) else ""
            if hashed is True and _HASH.match(identity):
                alg = identity.split("$", 1)[0]
                ok = identity_hash(want, str(salt), alg).lower() == identity.lower()
            else:
                ok = identity.lower() == want.lower() if rtype == "email" else identity == want
            if ok:
                sink.add(RECIPIENT_VERIFIED, f"the badge was awarded to {recipient}", iptr)
            else:
                sink.add(RECIPIENT_MISMATCH, f"the recipient identity does not match {recipient}", iptr)

    # ---- contexts and types of the top-level document

    def context(self, sink: Sink, data: dict[str, Any], legacy: bool) -> None:
        ctx = data.get("@context")
        if legacy:
            return
        strings = [c for c in as_list(ctx) if isinstance(c, str)]
        inline = any(isinstance(c, dict) and c.get("obi") == OBI for c in as_list(ctx))
        if ctx is None:
            sink.add(CONTEXT, f"the document has no @context (expected {OB2_CONTEXT})", "")
        elif not inline and not any(c in OB2_CONTEXTS for c in strings):
            where = "/@context/0" if isinstance(ctx, list) else "/@context"
            sink.add(CONTEXT, f"the @context does not name {OB2_CONTEXT}", where, value=str(strings[:1]))

    def undefined(self, sink: Sink, data: dict[str, Any]) -> None:
        if "@context" not in data:
            return
        raw = data.get("type", data.get("@type"))
        if isinstance(raw, list) and not raw:
            sink.add(UNDEFINED_TYPE, "the type list is empty", "/type")
        terms = defined_terms(data["@context"], self.ctx.registry)
        if terms is None or "*" in terms:
            return
        for ptr, value in undefined_types(data, "", terms, self.ctx.registry):
            sink.add(
                UNDEFINED_TYPE, f'the type "{value}" is not defined by the active @context', ptr, value=value
            )

    # ---- classes with behaviour

    def assertion(self, sink: Sink, a: dict[str, Any], *, jws: dict[str, Any] | None, legacy: bool) -> None:
        self.node(sink, a, "", "Assertion", legacy=legacy)
        self.timestamps(sink, a)
        if a.get("revoked") is True:
            reason = a.get("revocationReason")
            sink.add(
                REVOKED, "the assertion says it is revoked" + (f": {reason}" if reason else ""), "/revoked"
            )
        badge_ref = a.get("badge")
        badge: Linked | None = None
        if isinstance(badge_ref, dict):
            badge = Linked(badge_ref, "", sink)
            bptr = "/badge"
        else:
            badge = self.linked(sink, badge_ref, "/badge", "BadgeClass")
            bptr = ""
        issuer: Linked | None = None
        if badge is not None:
            self.badgeclass(badge.sink, badge.data, bptr, legacy=legacy)
            issuer = self.issuer_of(badge, bptr, legacy=legacy)
            self.endorsements(badge.sink, badge.data, bptr)
        vtype = _verification_type(a)
        aid = a.get("id")
        if jws is not None:
            self.jws(sink, a, jws, vtype)
        if vtype == "HostedBadge":
            if not is_url(aid):
                if not legacy:
                    sink.add(HOSTED_ID, f"the hosted assertion's id {aid!r} is not an http(s) URL", "/id")
            elif issuer is not None:
                self.scope(sink, str(aid), issuer, "/id")
            if is_url(aid):
                self.hosted_copy(sink, a, str(aid))
        elif vtype == "SignedBadge":
            if jws is None:
                sink.add(SIGNED_NOT_JWS, "the assertion says 'signed' but is not a JWS", "/verification/type")
            self.key(sink, a, issuer)
        if issuer is not None and isinstance(aid, str):
            self.revocation(sink, issuer, aid)
        self.endorsements(sink, a, "")

    def issuer_of(self, badge: Linked, bptr: str, *, legacy: bool = False) -> Linked | None:
        ref = badge.data.get("issuer")
        if isinstance(ref, dict):
            self.profile(badge.sink, ref, join(bptr, "issuer"), legacy=legacy)
            return Linked(ref, badge.url, badge.sink)
        issuer = self.linked(badge.sink, ref, join(bptr, "issuer"), "issuer Profile")
        if issuer is not None:
            self.profile(issuer.sink, issuer.data, "", legacy=legacy and not types_of(issuer.data))
        return issuer

    def badgeclass(self, sink: Sink, b: dict[str, Any], ptr: str, *, legacy: bool = False) -> None:
        if not types_of(b) and legacy:
            sink.add(LEGACY, "the BadgeClass has no type (OB 1.x); read as an OB 2.0 BadgeClass", ptr)
        self.node(sink, b, ptr, "BadgeClass", legacy=legacy)
        if b.get("image") is None:
            sink.add(BADGE_IMAGE, "the BadgeClass has no image", ptr)

    def profile(self, sink: Sink, p: dict[str, Any], ptr: str, *, legacy: bool = False) -> None:
        self.node(sink, p, ptr, "Profile", legacy=legacy)
        pid = p.get("id")
        if isinstance(pid, str) and is_iri(pid) and not is_url(pid):
            sink.add(
                ISSUER_NOT_HTTP, f"the issuer id {pid} is not an http(s) URL", join(ptr, "id"), value=pid
            )
        self.endorsements(sink, p, ptr)

    def timestamps(self, sink: Sink, a: dict[str, Any]) -> None:
        now = self.opts.now
        issued, _ = parse_dt(a.get("issuedOn"))
        expires, _ = parse_dt(a.get("expires")) if "expires" in a else (None, None)
        if issued is not None and issued > now:
            sink.add(ISSUED_FUTURE, f"issuedOn {a['issuedOn']} is in the future", "/issuedOn")
        if expires is not None:
            if expires < now:
                sink.add(EXPIRED, f"the assertion expired at {a['expires']} (expires)", "/expires")
            if issued is not None and expires < issued:
                sink.add(
                    EXPIRES_BEFORE, f"expires {a['expires']} is before issuedOn {a['issuedOn']}", "/expires"
                )

    def scope(self, sink: Sink, aid: str, issuer: Linked, ptr: str) -> None:
        data = issuer.data
        raw_policy = data.get("verification")
        policy: dict[str, Any] = raw_policy if isinstance(raw_policy, dict) else {}
        iid = data.get("id")
        starts = [s for s in as_list(policy.get("startsWith")) if isinstance(s, str)]
        if starts and not any(aid.startswith(s) for s in starts):
            sink.add(
                HOSTED_SCOPE,
                f"the assertion id {aid} does not start with any of the issuer's startsWith values {starts}",
                ptr,
                value=aid,
            )
            return
        origins = [o for o in as_list(policy.get("allowedOrigins")) if isinstance(o, str)]
        if not origins:
            if not (isinstance(iid, str) and is_url(iid)):
                return  # a urn: issuer id has no origin (ob2.issuer-id-not-http warns)
            origins = [_host(iid) or ""]
        if _host(aid) not in origins:
            sink.add(
                HOSTED_SCOPE,
                f"the assertion id {aid} is not hosted in the issuer's allowed origins {origins}",
                ptr,
                value=aid,
            )

    def hosted_copy(self, sink: Sink, a: dict[str, Any], aid: str) -> None:
        if sink.url is not None or self.doc.meta.get("fetched_url") == aid:
            return
        if not network_allowed(aid, self.opts):
            sink.add(
                NOT_CHECKED,
                f"the hosted assertion {aid} was not fetched (offline): hosted verification not checked",
                "/id",
                value=aid,
            )
            return
        try:
            copy = fetch_json(aid, self.opts)
        except FetchError as e:
            sink.add(HOSTED_ASSERTION, f"the hosted copy cannot be fetched: {e.message}", "/id", value=aid)
            return
        if isinstance(copy, dict) and copy.get("revoked") is True:
            sink.add(REVOKED, f"the hosted copy at {aid} says the assertion is revoked", "/id", value=aid)
        elif copy != a:
            sink.add(
                HOSTED_ASSERTION, f"the hosted copy at {aid} differs from this document", "/id", value=aid
            )

    def jws(self, sink: Sink, a: dict[str, Any], header: dict[str, Any], vtype: str | None) -> None:
        alg = header.get("alg")
        if not isinstance(alg, str) or not alg:
            sink.add(SIGNED, "the JWS header has no 'alg'", "")
        elif alg.lower() == "none":
            sink.add(SIGNED, "the JWS header says alg 'none': the assertion is not signed", "")
        if vtype == "HostedBadge":
            sink.add(SIGNED, "a JWS-signed assertion says its verification is 'hosted'", "/verification/type")
        elif vtype == "SignedBadge":
            sink.add(SIGNATURE_DEFERRED, "the JWS signature is checked by the trust checks", "/verification")

    def key(self, sink: Sink, a: dict[str, Any], issuer: Linked | None) -> None:
        raw_v = a.get("verification")
        verification: dict[str, Any] = raw_v if isinstance(raw_v, dict) else {}
        creator = verification.get("creator")
        kptr = "/verification/creator"
        if creator is None and issuer is not None:
            keys = [k for k in as_list(issuer.data.get("publicKey")) if isinstance(k, str | dict)]
            if not keys:
                sink.add(KEY, "no verification.creator and the issuer lists no publicKey", "/verification")
                return
            creator, kptr = keys[0], "/verification"
        if isinstance(creator, dict):
            key: Linked | None = Linked(creator, "", sink)
            kp = kptr
        else:
            key = self.linked(sink, creator, kptr, "CryptographicKey")
            kp = ""
        if key is None:
            return
        self.node(key.sink, key.data, kp, "CryptographicKey")
        if not isinstance(key.data.get("publicKeyPem"), str):
            key.sink.add(KEY, "the key has no publicKeyPem", kp)
        if issuer is None:
            return
        iid = issuer.data.get("id")
        owner = key.data.get("owner")
        if owner is not None and owner != iid:
            key.sink.add(KEY, f"the key's owner {owner} is not the issuer {iid}", join(kp, "owner"))
        listed = [
            k if isinstance(k, str) else k.get("id")
            for k in as_list(issuer.data.get("publicKey"))
            if isinstance(k, str | dict)
        ]
        kid = key.data.get("id") or (creator if isinstance(creator, str) else None)
        if listed and kid not in listed:
            issuer.sink.add(KEY, f"the issuer does not list the key {kid} in its publicKey", "/publicKey")

    def revocation(self, sink: Sink, issuer: Linked, aid: str) -> None:
        ref = issuer.data.get("revocationList")
        if ref is None:
            return
        if isinstance(ref, dict):
            rl: Linked | None = Linked(ref, issuer.url, issuer.sink)
            rptr = "/revocationList"
        else:
            rl = self.linked(issuer.sink, ref, "/revocationList", "RevocationList")
            rptr = ""
        if rl is None:
            return
        self.revocation_list(rl.sink, rl.data, rptr)
        for entry in as_list(rl.data.get("revokedAssertions")):
            eid = entry if isinstance(entry, str) else entry.get("id") if isinstance(entry, dict) else None
            if eid == aid:
                reason = entry.get("revocationReason") if isinstance(entry, dict) else None
                sink.add(
                    REVOKED,
                    f"the assertion {aid} is listed in its issuer's revocation list {rl.url or ref}"
                    + (f": {reason}" if reason else ""),
                    "/id",
                    value=aid,
                )

    def revocation_list(self, sink: Sink, rl: dict[str, Any], ptr: str) -> None:
        self.node(sink, rl, ptr, "RevocationList")
        entries = rl.get("revokedAssertions")
        if entries is None:
            return
        if not isinstance(entries, list):
            sink.add(VALUE_TYPE, "'revokedAssertions' must be a list", join(ptr, "revokedAssertions"))
            return
        for i, entry in enumerate(entries):
            eptr = join(ptr, "revokedAssertions", i)
            if isinstance(entry, str) and is_iri(entry):
                continue
            if isinstance(entry, dict) and (is_iri(entry.get("id")) or isinstance(entry.get("uid"), str)):
                continue
            sink.add(
                REVOCATION_LIST, "a revocation entry needs an IRI, or an object with 'id' or 'uid'", eptr
            )

    def endorsements(self, sink: Sink, node: dict[str, Any], ptr: str) -> None:
        raw = node.get("endorsement")
        for i, e in enumerate(as_list(raw)):
            eptr = join(ptr, "endorsement", i) if isinstance(raw, list) else join(ptr, "endorsement")
            if isinstance(e, dict):
                self.endorsement(Linked(e, "", sink), eptr)
            elif isinstance(e, str) and is_iri(e):
                linked = self.linked(sink, e, eptr, "Endorsement")
                if linked is not None:
                    self.endorsement(linked, "")
            else:
                sink.add(VALUE_TYPE, "an endorsement is an Endorsement IRI or an embedded Endorsement", eptr)

    def endorsement(self, e: Linked, ptr: str) -> None:
        self.node(e.sink, e.data, ptr, "Endorsement")
        ref = e.data.get("issuer")
        if isinstance(ref, str):
            issuer = self.linked(e.sink, ref, join(ptr, "issuer"), "endorser Profile")
            if issuer is not None:
                self.node(issuer.sink, issuer.data, "", "Profile")
                eid = e.data.get("id")
                if _verification_type(e.data) == "HostedBadge" and is_url(eid):
                    self.scope(e.sink, str(eid), issuer, join(ptr, "id"))

    def extensions(self, sink: Sink, data: Any) -> None:
        """Properties of the known OB 2.0 extensions, wherever their context is active."""
        stack: list[tuple[Any, str, frozenset[str]]] = [(data, "", frozenset())]
        known = {x.context: x for x in EXTENSIONS}
        while stack:
            value, ptr, active = stack.pop()
            if isinstance(value, dict):
                here = active | {
                    c for c in as_list(value.get("@context")) if isinstance(c, str) and c in known
                }
                for url in sorted(here):
                    ext = known[url]
                    types = {t.replace("extensions:", EXT) for t in types_of(value)}
                    for key, (iri, kind) in ext.props.items():
                        for k in (key, iri):
                            if k in value:
                                self.ext_value(sink, ext, k, value[k], join(ptr, k), kind)
                    if ext.type_iri in types:
                        for key in ext.required:
                            if key not in value and ext.props[key][0] not in value:
                                sink.add(EXTENSION, f"the {ext.name} has no '{key}'", ptr, value=key)
                for k, v in value.items():
                    if k != "@context":
                        stack.append((v, join(ptr, k), here))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    stack.append((v, join(ptr, i), active))

    def ext_value(self, sink: Sink, ext: Extension, key: str, v: Any, ptr: str, kind: str) -> None:
        ok = isinstance(v, dict) if kind == "object" else isinstance(v, str) and (kind != "uri" or is_uri(v))
        if not ok:
            want = {"uri": "a URI", "object": "an object"}.get(kind, "text (a string)")
            sink.add(EXTENSION, f"'{key}' of the {ext.name} must be {want}, not {_short(v)}", ptr)


def _verification_type(node: dict[str, Any]) -> str | None:
    v = node.get("verification")
    if isinstance(v, dict):
        t = v.get("type")
        for x in as_list(t):
            if isinstance(x, str):
                return short_type(x)
    return None


def _same_url(url: str) -> str:
    """A URL without fragment, with http and https taken as one (an upgrade is no alias)."""
    url = url.split("#", 1)[0]
    return url[len("https://") :] if url.startswith("https://") else url.removeprefix("http://")


def _short(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------- OB 1.x


def upgrade_legacy(data: dict[str, Any], now: datetime) -> tuple[dict[str, Any], list[str]]:
    """An OB 1.0 / 1.1 / 0.5 assertion read as OB 2.0; returns (assertion, notes)."""
    a = dict(data)
    notes: list[str] = []
    verify = a.pop("verify", None)
    if isinstance(verify, dict):
        vtype = verify.get("type")
        a.setdefault("verification", {"type": vtype} if vtype else {})
        if vtype == "hosted" and isinstance(verify.get("url"), str):
            a.setdefault("id", verify["url"])
        notes.append("'verify' read as 'verification'")
    a.setdefault("type", "Assertion")
    if "issuedOn" not in a and "issued_on" in a:
        a["issuedOn"] = a.pop("issued_on")
    issued = a.get("issuedOn")
    if isinstance(issued, int | float) and not isinstance(issued, bool):
        try:
            a["issuedOn"] = datetime.fromtimestamp(issued, UTC).isoformat()
            notes.append("Unix timestamp issuedOn read as a date-time")
        except (OverflowError, OSError, ValueError):  # out of range: left as is, the schema says so
            pass
    elif isinstance(issued, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", issued):
        a["issuedOn"] = issued + "T00:00:00+00:00"
    recipient = a.get("recipient")
    if isinstance(recipient, str):  # OB 0.5 / 1.0 plain recipient with top-level salt
        hashed = recipient.startswith(("sha256$", "md5$"))
        a["recipient"] = {"type": "email", "hashed": hashed, "identity": recipient}
        if isinstance(a.get("salt"), str):
            a["recipient"]["salt"] = a["salt"]
        notes.append("plain 'recipient' read as an email IdentityObject")
    return a, notes


# --------------------------------------------------------------------------- the check


def options_for(doc: Document, options: Options) -> Options:
    """A document that came from a URL input may use the network (that input only)."""
    if doc.meta.get("online") and not options.online:
        return replace(options, online=True)
    return options


@check("ob2")
def check_ob2(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    run = Run(doc, ctx, options_for(doc, ctx.options))
    sink = Sink(run.out, doc.base)
    data = doc.credential
    if doc.kind == HOSTED_REFERENCE:
        yield from _hosted_reference(run, doc)
        return
    if not isinstance(data, dict):
        return
    jws = doc.meta.get("jwt_header") if isinstance(doc.meta.get("jwt_header"), dict) else None
    legacy = doc.kind == OB1_ASSERTION
    v1 = not legacy and _v1_context(data)
    run.legacy = legacy or v1
    run.context(sink, data, run.legacy)
    run.undefined(sink, data)
    if v1:
        sink.add(LEGACY, "an Open Badges 1.1 document (v1 context), read with 2.0 semantics", "/@context")
    if legacy:
        upgraded, notes = upgrade_legacy(data, run.opts.now)
        sink.add(
            LEGACY,
            "an Open Badges 1.x assertion, read with 2.0 semantics"
            + (f" ({'; '.join(notes)})" if notes else ""),
            "",
        )
        legacy_sink = Sink(run.out, doc.base)
        run.assertion(legacy_sink, upgraded, jws=jws, legacy=True)
    else:
        _check_kind(run, sink, doc.kind, data, jws)
    run.extensions(sink, data)
    yield from _dedupe(run.out)


def _v1_context(data: dict[str, Any]) -> bool:
    from ..detect import OB1_CONTEXTS

    return any(isinstance(c, str) and c.startswith(OB1_CONTEXTS) for c in as_list(data.get("@context")))


def _check_kind(run: Run, sink: Sink, kind: str, data: dict[str, Any], jws: dict[str, Any] | None) -> None:
    if kind == OB2_ASSERTION:
        run.assertion(sink, data, jws=jws, legacy=False)
    elif kind == OB2_BADGECLASS:
        run.badgeclass(sink, data, "")
        run.issuer_of(Linked(data, "", sink), "")
        run.endorsements(sink, data, "")
    elif kind == OB2_ISSUER:
        run.profile(sink, data, "")
    elif kind == OB2_KEY:
        run.node(sink, data, "", "CryptographicKey")
    elif kind == OB2_REVOCATION_LIST:
        run.revocation_list(sink, data, "")
    elif kind == OB2_ENDORSEMENT:
        run.endorsement(Linked(data, "", sink), "")
    elif kind == OB2_NODE:
        shorts = [short_type(t) for t in types_of(data)]
        if "type" not in data and "@type" not in data:
            sink.add(TYPE, "the document has no type", "")
        for t in shorts:
            if t in NODE_CLASSES:
                run.node(sink, data, "", NODE_CLASSES[t])
                break
    else:
        sink.add(TYPE, f"not an Open Badges 2.0 document (kind {kind})", "")


def _hosted_reference(run: Run, doc: Document) -> Iterator[Finding]:
    from ..detect import classify, contexts_of
    from ..sources import document_from_text

    url = str(doc.data)
    sink = Sink(run.out, "")
    if not network_allowed(url, run.opts):
        sink.add(
            NOT_CHECKED,
            f"the baked image points to {url}, which was not fetched (offline): "
            "use --online or --resource-map",
            "",
            value=url,
        )
        yield from run.out
        return
    try:
        res = fetch(url, run.opts, accept="application/ld+json, application/json, */*", check_type=False)
    except FetchError as e:
        yield e.finding("")
        return
    inner = Document(source=url)
    try:
        text = res.content.decode("utf-8")
    except UnicodeDecodeError:
        sink.add(VALUE_TYPE, f"the hosted badge at {url} is not UTF-8 text", "")
        yield from run.out
        return
    document_from_text(inner, text, run.opts.limits)
    if not inner.readable or not isinstance(inner.credential, dict):
        for f in inner.findings:
            yield replace(f, message=f"{f.message} (in {url})", pointer="")
        return
    kind = classify(inner.credential, contexts_of(inner.credential))
    remote = sink.remote(res.url, "")
    jws = inner.meta.get("jwt_header") if isinstance(inner.meta.get("jwt_header"), dict) else None
    run.doc = inner
    inner.meta["fetched_url"] = res.url
    run.legacy = kind == OB1_ASSERTION or _v1_context(inner.credential)
    run.context(remote, inner.credential, run.legacy)
    if kind == OB1_ASSERTION:
        upgraded, _ = upgrade_legacy(inner.credential, run.opts.now)
        remote.add(LEGACY, "an Open Badges 1.x assertion, read with 2.0 semantics", "")
        run.assertion(remote, upgraded, jws=jws, legacy=True)
    elif kind == OB2_ASSERTION:
        run.assertion(remote, inner.credential, jws=jws, legacy=False)
    else:
        remote.add(TYPE, f"the hosted document is not an Assertion (kind {kind})", "")
    yield from _dedupe(run.out)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[Finding] = set()
    out = []
    for f in findings:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out
