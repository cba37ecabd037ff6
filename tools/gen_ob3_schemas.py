"""Generate mcconform's OB 3.0 JSON Schemas (``src/mcconform/data/schemas/ob3/*.json``).

The schemas are written from the Open Badges 3.0 data model
(https://www.imsglobal.org/spec/ob/v3p0/, section "Data Model" and appendix "Derived Types",
"Enumerated Value Sets"): ``CLASSES`` below is a compact table of the classes, their
properties, types and multiplicities, and which properties are required.  The output follows
the shape of 1EdTech's published Draft 2019-09 schemas of the JSON-LD binding (every
multi-valued property is a JSON array, ``type`` arrays must contain the class name, nested
classes under ``$defs``), with one deliberate difference:

* ``proof`` accepts a single Proof object as well as an array.  The VC Data Model 2.0 (and the
  OB 3.0 specification's own signed examples and test vector, and the 1EdTech validator's
  ``simple-did-web-method.json``, expected valid) use a single object; the published
  JSON-LD-binding schema requires an array there, which is out of step with the specification.

The schemas mcconform judges with follow 1EdTech's *published* ``/schema/json/`` binding, the
one credentials cite in ``credentialSchema`` (:func:`published`): every multi-valued property
takes one value or an array, a class's ``type`` one string or an array, string properties also
a language map (``{"en": "..."}``), ``@context`` a single context too, and
``CredentialStatus.id`` is optional.  The stricter JSON-LD-binding shape is kept as the
``*-jsonld`` schemas: where only they object, mcconform reports a warning.

``*-vc11`` variants validate credentials on the VC Data Model 1.1 (``issuanceDate`` /
``expirationDate``, VC v1 context first), as issued before OB 3.0 moved to VC 2.0; embedded
endorsements in them may be of either version.

Usage::

    python tools/gen_ob3_schemas.py          # (re)write the files
    python tools/gen_ob3_schemas.py --check  # exit 1 if the files are not up to date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "mcconform" / "data" / "schemas" / "ob3"
DIALECT = "https://json-schema.org/draft/2019-09/schema"
ID_BASE = "urn:mcconform:schema:ob3:"
SPEC = "https://www.imsglobal.org/spec/ob/v3p0/"

VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
OB3_CONTEXT_PATTERN = r"^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$"
COMPACT_JWS_PATTERN = r"^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$"
LANGUAGE_PATTERN = r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
#: extensible enumerations (EnumExt): a listed term, or a term of the form "ext:Name"
EXT_PATTERN = r"^ext:[a-zA-Z0-9._-]+$"


def _words(text: str) -> list[str]:
    return text.split()


#: enumerated vocabularies of the data model (EnumExt unless marked closed)
ENUMS: dict[str, tuple[bool, list[str]]] = {
    "AchievementType": (
        True,
        _words(
            "Achievement ApprenticeshipCertificate Assessment Assignment AssociateDegree Award Badge "
            "BachelorDegree Certificate CertificateOfCompletion Certification CommunityService Competency "
            "Course CoCurricular Degree Diploma DoctoralDegree Fieldwork GeneralEducationDevelopment "
            "JourneymanCertificate LearningProgram License Membership ProfessionalDoctorate "
            "QualityAssuranceCredential MasterCertificate MasterDegree MicroCredential ResearchDoctorate "
            "SecondarySchoolDiploma"
        ),
    ),
    "AlignmentTargetType": (
        True,
        _words(
            "ceasn:Competency ceterms:Credential CFItem CFRubric CFRubricCriterion "
            "CFRubricCriterionLevel CTDL"
        ),
    ),
    "IdentifierTypeEnum": (
        True,
        _words(
            "name sourcedId systemId productId userName accountId emailAddress nationalIdentityNumber isbn "
            "issn lisSourcedId oneRosterSourcedId sisSourcedId ltiContextId ltiDeploymentId ltiToolId "
            "ltiPlatformId ltiUserId identifier"
        ),
    ),
    "ResultType": (
        True,
        _words(
            "GradePointAverage LetterGrade Percent PerformanceLevel PredictedScore RawScore Result "
            "RubricCriterion RubricCriterionLevel RubricScore ScaledScore Status"
        ),
    ),
    "ResultStatusType": (False, _words("Completed Enrolled Failed InProgress OnHold Provisional Withdrew")),
}

# Property rows: name, type, multiplicity, description.  Types: the primitive and derived types
# of the data model (String, URI, IRI, DateTimeZ, Date, Float, Boolean, LanguageCode,
# CompactJws, Markdown), an enumeration of ENUMS, a class of CLASSES, or a special form:
#   "types:<Class>"   - the `type` property of a class: an array of IRIs containing <Class>
#   "enum1:<Value>"   - the `type` property of a class typed by one fixed string
#   "ProfileRef"      - a URI string or an embedded Profile
# Multiplicity: "1", "0..1", "0..*", "1..*".  "1" and "1..*" properties are required.
Row = tuple[str, str, str, str]


def _credential_rows(subject: str, *, name_required: bool) -> list[Row]:
    return [
        ("id", "URI", "1", "Unambiguous URI of the credential."),
        ("name", "String", "1" if name_required else "0..1", "Name of the credential, shown by wallets."),
        ("description", "String", "0..1", "Short description of the credential, shown by wallets."),
        ("credentialSubject", subject, "1", "The subject of the claims made by the credential."),
        (
            "awardedDate",
            "DateTimeZ",
            "0..1",
            "When the credential was first awarded (validFrom changes when the credential is reissued).",
        ),
        (
            "issuer",
            "ProfileRef",
            "1",
            "Who issued the credential: the URI of its Profile, or the Profile itself.",
        ),
        ("validFrom", "DateTimeZ", "1", "Instant from which the credential is valid."),
        ("validUntil", "DateTimeZ", "0..1", "Instant after which the credential is no longer valid."),
        ("proof", "Proof", "0..*", "Embedded proofs (Data Integrity) of the credential."),
        ("credentialSchema", "CredentialSchema", "0..*", "Schemas the credential can be checked against."),
        (
            "credentialStatus",
            "CredentialStatus",
            "0..1",
            "Where to learn whether the credential is revoked or suspended.",
        ),
        ("refreshService", "RefreshService", "0..1", "Where a fresh copy of the credential can be obtained."),
        ("termsOfUse", "TermsOfUse", "0..*", "Terms of use attached by the issuer or the holder."),
        ("evidence", "Evidence", "0..*", "Evidence supporting the claims of the credential."),
    ]


#: class -> (description, additionalProperties allowed, rows)
CLASSES: dict[str, tuple[str, bool, list[Row]]] = {
    "AchievementCredential": (
        "A Verifiable Credential asserting that the subject earned an Achievement (also called "
        "OpenBadgeCredential).",
        True,
        [
            (
                "type",
                "types:AchievementCredential",
                "1..*",
                "Includes VerifiableCredential and AchievementCredential or OpenBadgeCredential.",
            ),
            ("image", "Image", "0..1", "Image representing the credential, shown by wallets."),
            (
                "endorsement",
                "EndorsementCredential",
                "0..*",
                "Endorsements of this credential by third parties.",
            ),
            ("endorsementJwt", "CompactJws", "0..*", "Endorsements of this credential as VC-JWTs."),
            *_credential_rows("AchievementSubject", name_required=False),
        ],
    ),
    "EndorsementCredential": (
        "A Verifiable Credential in which a third party endorses a credential, an Achievement or a Profile.",
        True,
        [
            (
                "type",
                "types:EndorsementCredential",
                "1..*",
                "Includes VerifiableCredential and EndorsementCredential.",
            ),
            *_credential_rows("EndorsementSubject", name_required=True),
        ],
    ),
    "AchievementSubject": (
        "The learner who earned the achievement, and what they did to earn it.",
        True,
        [
            (
                "id",
                "URI",
                "0..1",
                "URI of the learner (a DID, for example); required unless identifier is given.",
            ),
            ("type", "types:AchievementSubject", "1..*", "Includes AchievementSubject."),
            ("activityEndDate", "DateTimeZ", "0..1", "When the learner completed the activity."),
            ("activityStartDate", "DateTimeZ", "0..1", "When the learner started the activity."),
            ("creditsEarned", "Float", "0..1", "Credits the learner earned."),
            ("achievement", "Achievement", "1", "The achievement that was earned."),
            ("identifier", "IdentityObject", "0..*", "Other identifiers of the learner, plain or hashed."),
            ("image", "Image", "0..1", "Image of the learner's achievement."),
            ("licenseNumber", "String", "0..1", "Number of the license that was issued."),
            ("narrative", "Markdown", "0..1", "How the learner met the criteria."),
            ("result", "Result", "0..*", "The learner's results (grades, levels, status)."),
            ("role", "String", "0..1", "The learner's role in the activity."),
            ("source", "Profile", "0..1", "The organisation that assessed the learner, when not the issuer."),
            ("term", "String", "0..1", "The academic term in which the achievement was earned."),
        ],
    ),
    "IdentityObject": (
        "An identifier of the learner, possibly hashed.",
        False,
        [
            ("type", "enum1:IdentityObject", "1", "IdentityObject."),
            ("hashed", "Boolean", "1", "Whether identityHash is a hash of the identifier."),
            ("identityHash", "String", "1", "The identifier, or its hash (algorithm$hash)."),
            ("identityType", "IdentifierTypeEnum", "1", "Kind of identifier."),
            ("salt", "String", "0..1", "Salt of the hash, if any."),
        ],
    ),
    "Evidence": (
        "Evidence of the learner's work or performance.",
        True,
        [
            ("id", "URI", "0..1", "URL of a page or file holding the evidence."),
            ("type", "types:Evidence", "1..*", "Includes Evidence."),
            ("narrative", "Markdown", "0..1", "Narrative describing the evidence."),
            ("name", "String", "0..1", "Descriptive title of the evidence."),
            ("description", "String", "0..1", "Longer description of the evidence."),
            ("genre", "String", "0..1", "Kind of evidence (a file, a link, a review...)."),
            ("audience", "String", "0..1", "Who the evidence is meant for."),
        ],
    ),
    "Achievement": (
        "What can be earned: a badge, a course, a competency, a degree...",
        True,
        [
            ("id", "URI", "1", "Unique URI of the achievement."),
            ("type", "types:Achievement", "1..*", "Includes Achievement."),
            (
                "alignment",
                "Alignment",
                "0..*",
                "Frameworks, standards or competencies the achievement aligns with.",
            ),
            (
                "achievementType",
                "AchievementType",
                "0..1",
                "Kind of achievement (extensible: 'ext:...' terms).",
            ),
            ("creator", "Profile", "0..1", "Who defined the achievement."),
            ("creditsAvailable", "Float", "0..1", "Credits that can be earned."),
            ("criteria", "Criteria", "1", "How the achievement is earned."),
            ("description", "String", "1", "Short description of the achievement."),
            ("endorsement", "EndorsementCredential", "0..*", "Endorsements of the achievement."),
            ("endorsementJwt", "CompactJws", "0..*", "Endorsements of the achievement as VC-JWTs."),
            ("fieldOfStudy", "String", "0..1", "Field of study of the achievement."),
            ("humanCode", "String", "0..1", "Code people use for the achievement (a course code, say)."),
            ("image", "Image", "0..1", "Image of the achievement (the badge)."),
            ("inLanguage", "LanguageCode", "0..1", "Language of the achievement's descriptions (BCP 47)."),
            ("name", "String", "1", "Name of the achievement."),
            ("otherIdentifier", "IdentifierEntry", "0..*", "Other identifiers of the achievement."),
            (
                "related",
                "Related",
                "0..*",
                "Other versions of this achievement (languages, OB 2.0 BadgeClass).",
            ),
            ("resultDescription", "ResultDescription", "0..*", "The results a learner can get."),
            ("specialization", "String", "0..1", "Specialisation within the field of study."),
            ("tag", "String", "0..*", "Keywords."),
            ("version", "String", "0..1", "Version of the achievement."),
        ],
    ),
    "Alignment": (
        "A node of an educational framework the achievement or result aligns with.",
        True,
        [
            ("type", "types:Alignment", "1..*", "Includes Alignment."),
            ("targetCode", "String", "0..1", "Code of the node in the framework."),
            ("targetDescription", "Markdown", "0..1", "Description of the node."),
            ("targetName", "String", "1", "Name of the node."),
            ("targetFramework", "String", "0..1", "Name of the framework."),
            ("targetType", "AlignmentTargetType", "0..1", "Kind of node (extensible: 'ext:...' terms)."),
            ("targetUrl", "URL", "1", "URL of the node."),
        ],
    ),
    "Criteria": (
        "How the achievement is earned: a URI of a page describing it and/or a narrative.",
        True,
        [
            ("id", "URI", "0..1", "URI of a page describing the criteria."),
            ("narrative", "Markdown", "0..1", "The criteria, in Markdown."),
        ],
    ),
    "IdentifierEntry": (
        "An identifier of an achievement or organisation in another system.",
        False,
        [
            ("type", "enum1:IdentifierEntry", "1", "IdentifierEntry."),
            ("identifier", "String", "1", "The identifier."),
            ("identifierType", "IdentifierTypeEnum", "1", "Kind of identifier."),
        ],
    ),
    "Proof": (
        "An embedded proof (Data Integrity) of a credential.",
        True,
        [
            ("type", "String", "1", "Proof type (DataIntegrityProof, ...)."),
            ("created", "DateTimeZ", "0..1", "When the proof was made."),
            ("cryptosuite", "String", "0..1", "Cryptographic suite (eddsa-rdfc-2022, ...)."),
            ("challenge", "String", "0..1", "Challenge of an authentication protocol."),
            ("domain", "String", "0..1", "Domain the proof is bound to."),
            ("nonce", "String", "0..1", "Random value preventing replay."),
            ("proofPurpose", "String", "0..1", "Purpose of the proof (assertionMethod, ...)."),
            ("proofValue", "String", "0..1", "The signature value."),
            ("verificationMethod", "URI", "0..1", "The key that verifies the proof."),
        ],
    ),
    "RefreshService": (
        "A service that gives a fresh copy of the credential.",
        True,
        [("id", "URI", "1", "URL of the service."), ("type", "IRI", "1", "Type of the service.")],
    ),
    "Image": (
        "An image, with an optional caption.",
        False,
        [
            ("id", "URI", "1", "URL or data: URI of the image."),
            ("type", "enum1:Image", "1", "Image."),
            ("caption", "String", "0..1", "Caption of the image."),
        ],
    ),
    "EndorsementSubject": (
        "What an endorsement endorses, and the endorser's comment.",
        True,
        [
            ("id", "URI", "1", "URI of the endorsed credential, achievement or profile."),
            ("type", "types:EndorsementSubject", "1..*", "Includes EndorsementSubject."),
            ("endorsementComment", "Markdown", "0..1", "The endorser's comment."),
        ],
    ),
    "Result": (
        "A result the learner got (a grade, a level, a status...).",
        True,
        [
            ("type", "types:Result", "1..*", "Includes Result."),
            ("achievedLevel", "URI", "0..1", "id of the RubricCriterionLevel achieved."),
            ("alignment", "Alignment", "0..*", "Frameworks the result aligns with."),
            ("resultDescription", "URI", "0..1", "id of the ResultDescription this result is for."),
            (
                "status",
                "ResultStatusType",
                "0..1",
                "Status of the achievement (when the result type is Status).",
            ),
            ("value", "String", "0..1", "The value of the result."),
        ],
    ),
    "ResultDescription": (
        "A kind of result a learner can get for the achievement.",
        True,
        [
            ("id", "URI", "1", "URI of this result description."),
            ("type", "types:ResultDescription", "1..*", "Includes ResultDescription."),
            ("alignment", "Alignment", "0..*", "Frameworks the result aligns with."),
            ("allowedValue", "String", "0..*", "The values allowed, ordered from low to high."),
            ("name", "String", "1", "Name of the result."),
            ("requiredLevel", "URI", "0..1", "id of the RubricCriterionLevel required."),
            ("requiredValue", "String", "0..1", "The value required."),
            ("resultType", "ResultType", "1", "Kind of result (extensible: 'ext:...' terms)."),
            ("rubricCriterionLevel", "RubricCriterionLevel", "0..*", "The levels of the rubric."),
            ("valueMax", "String", "0..1", "Highest value allowed."),
            ("valueMin", "String", "0..1", "Lowest value allowed."),
        ],
    ),
    "RubricCriterionLevel": (
        "A level of a rubric criterion.",
        True,
        [
            ("id", "URI", "1", "URI of the level."),
            ("type", "types:RubricCriterionLevel", "1..*", "Includes RubricCriterionLevel."),
            ("alignment", "Alignment", "0..*", "Frameworks the level aligns with."),
            ("description", "Markdown", "0..1", "Description of the level."),
            ("level", "String", "0..1", "Name of the level."),
            ("name", "String", "1", "Name of the level."),
            ("points", "String", "0..1", "Points of the level."),
        ],
    ),
    "Related": (
        "Another version of the same achievement.",
        True,
        [
            ("id", "URI", "1", "URI of the related achievement."),
            ("type", "types:Related", "1..*", "Includes Related."),
            ("inLanguage", "LanguageCode", "0..1", "Language of the related achievement (BCP 47)."),
            ("version", "String", "0..1", "Version of the related achievement."),
        ],
    ),
    "Profile": (
        "A person or organisation: an issuer, a creator, an endorser, a source, a parent organisation.",
        True,
        [
            ("id", "URI", "1", "Unique URI of the profile."),
            ("type", "types:Profile", "1..*", "Includes Profile."),
            ("name", "String", "0..1", "Name of the person or organisation."),
            ("url", "URI", "0..1", "Home page."),
            ("phone", "PhoneNumber", "0..1", "Phone number."),
            ("description", "String", "0..1", "Short description."),
            ("endorsement", "EndorsementCredential", "0..*", "Endorsements of the profile."),
            ("endorsementJwt", "CompactJws", "0..*", "Endorsements of the profile as VC-JWTs."),
            ("image", "Image", "0..1", "Logo or picture."),
            ("email", "EmailAddress", "0..1", "Contact e-mail address."),
            ("address", "Address", "0..1", "Postal address."),
            ("otherIdentifier", "IdentifierEntry", "0..*", "Other identifiers of the profile."),
            ("official", "String", "0..1", "Name of the person signing for an organisation."),
            ("parentOrg", "Profile", "0..1", "The parent organisation."),
            ("familyName", "String", "0..1", "Family name of a person."),
            ("givenName", "String", "0..1", "Given name of a person."),
            ("additionalName", "String", "0..1", "Middle name of a person."),
            ("patronymicName", "String", "0..1", "Patronymic name of a person."),
            ("honorificPrefix", "String", "0..1", "Honorific prefix (Dr., ...)."),
            ("honorificSuffix", "String", "0..1", "Honorific suffix (PhD, ...)."),
            ("familyNamePrefix", "String", "0..1", "Prefix of the family name (van, de, ...)."),
            ("dateOfBirth", "Date", "0..1", "Date of birth of a person."),
        ],
    ),
    "Address": (
        "A postal address.",
        True,
        [
            ("type", "types:Address", "1..*", "Includes Address."),
            ("addressCountry", "String", "0..1", "Country."),
            ("addressCountryCode", "CountryCode", "0..1", "ISO 3166-1 alpha-2 country code."),
            ("addressRegion", "String", "0..1", "Region (state, province)."),
            ("addressLocality", "String", "0..1", "Locality (city)."),
            ("streetAddress", "String", "0..1", "Street address."),
            ("postOfficeBoxNumber", "String", "0..1", "Post office box number."),
            ("postalCode", "String", "0..1", "Postal code."),
            ("geo", "GeoCoordinates", "0..1", "Geographic coordinates."),
        ],
    ),
    "GeoCoordinates": (
        "Geographic coordinates of a place.",
        True,
        [
            ("type", "enum1:GeoCoordinates", "1", "GeoCoordinates."),
            ("latitude", "Float", "1", "Latitude, in degrees."),
            ("longitude", "Float", "1", "Longitude, in degrees."),
        ],
    ),
    "CredentialSchema": (
        "A schema the credential can be checked against (1EdTechJsonSchemaValidator2019: a JSON Schema).",
        True,
        [("id", "URI", "1", "URL of the schema."), ("type", "IRI", "1", "Kind of schema.")],
    ),
    "CredentialStatus": (
        "Where to learn whether the credential is revoked or suspended.",
        True,
        [("id", "URI", "1", "URI of the status entry."), ("type", "IRI", "1", "Kind of status method.")],
    ),
    "TermsOfUse": (
        "Terms of use of the credential.",
        True,
        [("id", "URI", "0..1", "URI of the terms."), ("type", "IRI", "1", "Kind of terms.")],
    ),
}

#: the credential types each credential class requires besides VerifiableCredential
CREDENTIAL_TYPES = {
    "AchievementCredential": ["AchievementCredential", "OpenBadgeCredential"],
    "EndorsementCredential": ["EndorsementCredential"],
}
#: derived types that are plain JSON strings (their lexical rules are checked by the ob3 check)
STRING_TYPES = {
    "String", "URI", "IRI", "URL", "Markdown", "PhoneNumber", "EmailAddress", "CountryCode",
}  # fmt: skip


def _value_schema(typ: str, desc: str) -> dict[str, Any]:
    """Schema of one value of type ``typ``."""
    out: dict[str, Any] = {"description": desc}
    if typ in STRING_TYPES:
        out["type"] = "string"
    elif typ == "DateTimeZ":
        out.update(type="string", format="date-time")
    elif typ == "Date":
        out.update(type="string", format="date")
    elif typ == "Float":
        out["type"] = "number"
    elif typ == "Boolean":
        out["type"] = "boolean"
    elif typ == "LanguageCode":
        out.update(type="string", pattern=LANGUAGE_PATTERN)
    elif typ == "CompactJws":
        out.update(type="string", pattern=COMPACT_JWS_PATTERN)
    elif typ in ENUMS:
        extensible, values = ENUMS[typ]
        out["$comment"] = f"{typ}: {'extensible enumeration (ext: terms)' if extensible else 'enumeration'}"
        if extensible:
            out["oneOf"] = [{"type": "string", "enum": values}, {"type": "string", "pattern": EXT_PATTERN}]
        else:
            out.update(type="string", enum=values)
    elif typ in CLASSES or typ == "ProfileRef":
        out = {"$ref": f"#/$defs/{typ}"}
    else:
        raise ValueError(f"unknown type {typ}")
    return out


def _type_schema(cls: str, typ: str, desc: str) -> dict[str, Any]:
    """Schema of the ``type`` property."""
    if typ.startswith("enum1:"):
        return {"description": desc, "type": "string", "enum": [typ.split(":", 1)[1]]}
    if typ in STRING_TYPES:
        return _value_schema(typ, desc)
    needed = CREDENTIAL_TYPES.get(cls)
    if needed is None:
        return {
            "description": desc,
            "type": "array",
            "minItems": 1,
            "items": {"type": "string"},
            "contains": {"enum": [cls]},
        }
    return {
        "description": desc,
        "type": "array",
        "minItems": 1,
        "items": {"type": "string"},
        "allOf": [{"contains": {"enum": ["VerifiableCredential"]}}, {"contains": {"enum": needed}}],
    }


def _context_schema(first: list[str]) -> dict[str, Any]:
    return {
        "description": "JSON-LD contexts: the VC context first, then the OB 3.0 context, then any other.",
        "type": "array",
        "minItems": 2,
        "items": [
            {"enum": first},
            {"type": "string", "pattern": OB3_CONTEXT_PATTERN},
        ],
        "additionalItems": {"$ref": "#/$defs/Context"},
    }


def class_schema(cls: str) -> dict[str, Any]:
    desc, open_, rows = CLASSES[cls]
    props: dict[str, Any] = {}
    required: list[str] = []
    if cls in CREDENTIAL_TYPES:
        props["@context"] = _context_schema([VC2_CONTEXT])
        required.append("@context")
    for name, typ, mult, pdesc in rows:
        if name == "type":
            props[name] = _type_schema(cls, typ, pdesc)
        elif mult.endswith("*"):
            item = _value_schema(typ, pdesc)
            prop: dict[str, Any] = {"description": pdesc, "type": "array", "items": item}
            if mult == "1..*":
                prop["minItems"] = 1
            if name == "proof":
                # deliberate: a single proof object is allowed (VC Data Model 2.0, OB 3.0 examples)
                prop = {"description": pdesc, "oneOf": [item, {"type": "array", "items": item}]}
            props[name] = prop
        else:
            props[name] = _value_schema(typ, pdesc)
        if mult in ("1", "1..*"):
            required.append(name)
    out: dict[str, Any] = {"description": desc, "type": "object", "properties": props}
    if required:
        out["required"] = required
    out["additionalProperties"] = open_
    return out


def definitions() -> dict[str, Any]:
    defs: dict[str, Any] = {cls: class_schema(cls) for cls in sorted(CLASSES)}
    defs["ProfileRef"] = {
        "description": "The issuer: the URI of its Profile, or the Profile itself.",
        "oneOf": [{"type": "string"}, {"$ref": "#/$defs/Profile"}],
    }
    defs["Context"] = {
        "description": "A JSON-LD context: a URI, or an embedded context object.",
        "oneOf": [{"type": "string"}, {"type": "object"}],
    }
    return defs


def _vc11(cred: dict[str, Any]) -> dict[str, Any]:
    """A credential class on the VC Data Model 1.1: issuanceDate / expirationDate, VC v1 context."""
    out = json.loads(json.dumps(cred))
    props = out["properties"]
    props["@context"] = _context_schema([VC1_CONTEXT])
    props["issuanceDate"] = {
        "description": "When the credential was issued (VC 1.1).",
        "type": "string",
        "format": "date-time",
    }
    props["expirationDate"] = {
        "description": "When the credential expires (VC 1.1).",
        "type": "string",
        "format": "date-time",
    }
    out["required"] = ["issuanceDate" if r == "validFrom" else r for r in out["required"]]
    return out


def _any_version_endorsement(end: dict[str, Any]) -> dict[str, Any]:
    """An embedded EndorsementCredential of either VC version."""
    out = _vc11(end)
    out["properties"]["@context"] = _context_schema([VC2_CONTEXT, VC1_CONTEXT])
    out["required"] = [r for r in out["required"] if r != "issuanceDate"]
    out["anyOf"] = [{"required": ["validFrom"]}, {"required": ["issuanceDate"]}]
    return out


# --------------------------------------------------------------------------- the /schema/json/ binding

#: a language map: {"en": "...", "nl-NL": "..."} (the published JSON binding's form)
LANGUAGE_MAP_KEYS = r"^[a-z]{2}(-[A-Z]{2})?$"


def _language_map(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": value, "propertyNames": {"pattern": LANGUAGE_MAP_KEYS}}


def _stringish(prop: dict[str, Any]) -> bool:
    """A string property the JSON binding also accepts as a language map: plain strings,
    patterned strings and one-value enumerations (a class's fixed ``type``), not dates or
    closed enumerations of several values."""
    if prop.get("type") != "string" or "format" in prop:
        return False
    return "enum" not in prop or len(prop["enum"]) == 1


def _lenient_value(item: dict[str, Any]) -> dict[str, Any]:
    if _stringish(item):
        bare = {k: v for k, v in item.items() if k not in ("description", "$comment")}
        out: dict[str, Any] = {k: item[k] for k in ("description",) if k in item}
        out["oneOf"] = [bare, _language_map(bare)]
        return out
    return item


def _lenient_property(name: str, prop: dict[str, Any]) -> dict[str, Any]:
    desc = {k: prop[k] for k in ("description",) if k in prop}
    if name == "type" and "allOf" in prop:  # a credential's type: one string, or an array holding both
        item = _lenient_value({"type": "string"})
        arrays = [
            {"type": "array", "minItems": 1, "contains": c["contains"], "items": item}
            for c in prop["allOf"]
        ]
        return {**desc, "oneOf": [item, {"allOf": arrays}]}
    if prop.get("type") == "array" and "items" in prop:
        item = _lenient_value(dict(prop["items"]))
        array = {k: v for k, v in prop.items() if k not in ("description", "items")}
        array["items"] = item
        return {**desc, "oneOf": [item, array]}
    return _lenient_value(prop)


def _lenient_class(cls: str, schema: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(schema))
    props = out.get("properties", {})
    for name in list(props):
        if name == "@context":
            props[name] = {"oneOf": [{"$ref": "#/$defs/Context"}, props[name]]}
        elif name != "proof":
            props[name] = _lenient_property(name, props[name])
    if cls == "CredentialStatus":
        out["required"] = ["type"]
    return out


def published(doc: dict[str, Any]) -> dict[str, Any]:
    """The ``/schema/json/`` binding of a generated (JSON-LD-binding) schema document."""
    out = _lenient_class("", doc)
    defs = out["$defs"]
    for cls in list(defs):
        if cls in ("ProfileRef", "Context"):
            continue
        defs[cls] = _lenient_class(cls, defs[cls])
    if "evidence" in defs["AchievementCredential"]["properties"]:  # the JSON binding has it on both
        defs["EndorsementCredential"]["properties"].setdefault(
            "evidence", defs["AchievementCredential"]["properties"]["evidence"]
        )
    defs["ProfileRef"] = {
        "description": defs["ProfileRef"]["description"],
        "anyOf": [{"$ref": "#/$defs/Profile"}, _lenient_value({"type": "string"})],
    }
    return out


def document(name: str, title: str, root: str, *, vc11: bool = False, jsonld: bool = False) -> dict[str, Any]:
    defs = definitions()
    body = dict(defs[root])
    if vc11:
        body = _vc11(body)
        defs["EndorsementCredential"] = _any_version_endorsement(defs["EndorsementCredential"])
    binding = "JSON-LD binding (strict shape)" if jsonld else "/schema/json/ binding"
    doc = {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{name}",
        "title": f"{title}, {binding}",
        "$comment": f"Generated by tools/gen_ob3_schemas.py from the OB 3.0 data model ({SPEC}); do not edit",
        **body,
        "$defs": defs,
    }
    return doc if jsonld else published(doc)


def documents() -> dict[str, dict[str, Any]]:
    out = _documents(jsonld=False)
    out.update({f"{name}-jsonld": doc for name, doc in _documents(jsonld=True).items()})
    return out


def _documents(*, jsonld: bool) -> dict[str, dict[str, Any]]:
    sfx = "-jsonld" if jsonld else ""
    rows = [
        ("achievementcredential", "OB 3.0 AchievementCredential (OpenBadgeCredential)",
         "AchievementCredential", False),
        ("achievementcredential-vc11", "OB 3.0 AchievementCredential on the VC Data Model 1.1",
         "AchievementCredential", True),
        ("endorsementcredential", "OB 3.0 EndorsementCredential", "EndorsementCredential", False),
        ("endorsementcredential-vc11", "OB 3.0 EndorsementCredential on the VC Data Model 1.1",
         "EndorsementCredential", True),
        ("profile", "OB 3.0 Profile (issuer metadata)", "Profile", False),
        ("achievement", "OB 3.0 Achievement", "Achievement", False),
    ]  # fmt: skip
    return {
        name: document(f"{name}{sfx}", title, root, vc11=vc11, jsonld=jsonld)
        for name, title, root, vc11 in rows
    }


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args(argv)
    stale = []
    for name, doc in documents().items():
        path = OUT / f"{name}.json"
        text = render(doc)
        if path.exists() and path.read_text("utf-8") == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    if args.check and stale:
        print("out of date:", ", ".join(stale), file=sys.stderr)
        return 1
    print(("up to date" if not stale else "written: " + ", ".join(stale)) if not args.check else "up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
