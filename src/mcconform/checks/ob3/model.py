"""The OB 3.0 data model as data: the context URLs, the classes a property's values belong to
(``CHILDREN``), the type values that satisfy a class, and the JSON Schema names per kind.

No logic lives here: the checks read these tables.
"""

from __future__ import annotations

import re

from ...detect import (
    OB3_ACHIEVEMENT,
    OB3_CREDENTIAL,
    OB3_ENDORSEMENT,
    OB3_PROFILE,
    VC_CREDENTIAL,
)

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

CREDENTIAL_KINDS = (OB3_CREDENTIAL, OB3_ENDORSEMENT, VC_CREDENTIAL)

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

#: document kind -> name of the bundled OB 3.0 JSON Schema for it
SCHEMA_NAMES = {
    OB3_CREDENTIAL: "achievementcredential",
    OB3_ENDORSEMENT: "endorsementcredential",
    OB3_PROFILE: "profile",
    OB3_ACHIEVEMENT: "achievement",
}
