"""The OB 2.0 data model as data: every class, its properties (value type, required,
embedded class), and the bundled 2.0 extensions, written from the specification."""

from __future__ import annotations

from dataclasses import dataclass

from ...detect import (
    OB1_ASSERTION,
    OB2_ASSERTION,
    OB2_BADGECLASS,
    OB2_ENDORSEMENT,
    OB2_ISSUER,
    OB2_KEY,
    OB2_REVOCATION_LIST,
)
from .rules import OBI

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
OB2_CONTEXTS = (OB2_CONTEXT, "https://openbadgespec.org/v2/context.json", "https://w3id.org/openbadges/v2/")

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


LEGACY_OPTIONAL = frozenset({"id", "type", "email", "verification", "issuedOn"})


LEGACY_ALIASES = {"url": ("origin",), "issuedOn": ("issued_on",)}
