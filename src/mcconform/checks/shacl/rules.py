"""The rules of the SHACL check family (declared once here): one per SHACL constraint
component (``shacl.min-count``, ...), and those of unreadable shapes, documents without RDF
and literals RDF cannot represent."""

from __future__ import annotations

import re

from ...rules import Rule, rule

SHACL_SPEC = "W3C Shapes Constraint Language (SHACL)"

_SECTIONS: dict[str, str] = {
    # constraint component local name -> SHACL section
    "MinCountConstraintComponent": "4.2.1 sh:minCount",
    "MaxCountConstraintComponent": "4.2.2 sh:maxCount",
    "ClassConstraintComponent": "4.1.1 sh:class",
    "DatatypeConstraintComponent": "4.1.2 sh:datatype",
    "NodeKindConstraintComponent": "4.1.3 sh:nodeKind",
    "MinExclusiveConstraintComponent": "4.3.1 sh:minExclusive",
    "MinInclusiveConstraintComponent": "4.3.2 sh:minInclusive",
    "MaxExclusiveConstraintComponent": "4.3.3 sh:maxExclusive",
    "MaxInclusiveConstraintComponent": "4.3.4 sh:maxInclusive",
    "MinLengthConstraintComponent": "4.4.1 sh:minLength",
    "MaxLengthConstraintComponent": "4.4.2 sh:maxLength",
    "PatternConstraintComponent": "4.4.3 sh:pattern",
    "LanguageInConstraintComponent": "4.4.4 sh:languageIn",
    "UniqueLangConstraintComponent": "4.4.5 sh:uniqueLang",
    "EqualsConstraintComponent": "4.5.1 sh:equals",
    "DisjointConstraintComponent": "4.5.2 sh:disjoint",
    "LessThanConstraintComponent": "4.5.3 sh:lessThan",
    "NotConstraintComponent": "4.6.1 sh:not",
    "AndConstraintComponent": "4.6.2 sh:and",
    "OrConstraintComponent": "4.6.3 sh:or",
    "XoneConstraintComponent": "4.6.4 sh:xone",
    "NodeConstraintComponent": "4.7.1 sh:node",
    "QualifiedMinCountConstraintComponent": "4.7.3 sh:qualifiedMinCount",
    "QualifiedMaxCountConstraintComponent": "4.7.3 sh:qualifiedMaxCount",
    "ClosedConstraintComponent": "4.8.1 sh:closed",
    "HasValueConstraintComponent": "4.8.2 sh:hasValue",
    "InConstraintComponent": "4.8.3 sh:in",
    "SPARQLConstraintComponent": "5 sh:sparql",
}


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


_COMPONENTS: dict[str, tuple[str, str]] = {
    comp: (_kebab(section.split("sh:", 1)[1]), section) for comp, section in _SECTIONS.items()
}

RULES: dict[str, Rule] = {}
for _suffix, _section in sorted(_COMPONENTS.values()):
    RULES[_suffix] = rule(
        f"shacl.{_suffix}",
        "error",
        f"A SHACL {_section.split(' ', 1)[1]} constraint of the profile's shapes is violated.",
        f"{SHACL_SPEC} section {_section}",
        f"""
        The document's RDF graph (from JSON-LD) was validated against the profile's SHACL
        shapes (or those given with --shapes).  The finding names the focus node, the property
        path and the source shape; its pointer is the JSON object (and key) the node came from.
        Constraint: {_section}.  The severity follows the shape's sh:severity.
        """,
    )
OTHER = rule(
    "shacl.other",
    "error",
    "A SHACL constraint of the profile's shapes is violated.",
    SHACL_SPEC,
    "A constraint component without a more specific rule id failed; see the message and the shape.",
)
SHAPES_ERROR = rule(
    "shacl.shapes-unreadable",
    "error",
    "A SHACL shapes file cannot be read or parsed.",
    SHACL_SPEC,
    "The shapes named by the profile or by --shapes could not be loaded, so the document was not validated.",
)
NOT_CHECKED = rule(
    "shacl.not-checked",
    "info",
    "SHACL validation was not run because the document is not valid JSON-LD.",
    SHACL_SPEC,
    "SHACL works on the RDF graph of the document; without a graph there is nothing to validate.",
)

BAD_LANGUAGE = rule(
    "shacl.invalid-language-tag",
    "error",
    "A language tag is not a well-formed BCP 47 tag.",
    "RDF 1.1 Concepts section 3.3 (language tags must be well-formed per BCP 47); JSON-LD 1.1 section 4.2.4",
    """
    The RDF graph of the document has a language-tagged string whose tag is not a BCP 47
    language tag, so no RDF processor can represent it as given.  The literal is validated
    without its tag.
    PASS: ``{"@value": "Teamwork", "@language": "en-US"}``
    FAIL: ``{"@value": "Teamwork", "@language": "en_US"}`` (underscore), ``"en "`` (space).
    """,
)
ILL_TYPED = rule(
    "shacl.ill-typed-literal",
    "warning",
    "A literal's lexical form is not a value of its datatype.",
    "RDF 1.1 Concepts section 3.3 (ill-typed literals); XML Schema 1.1 Part 2",
    """
    The JSON-LD context gives the value a datatype (e.g. ``xsd:dateTime``) but the string is
    not in that datatype's lexical space, so RDF consumers cannot read its value.
    PASS: ``"validFrom": "2024-01-31T09:00:00Z"``
    FAIL: ``"validFrom": "2024-13-45T99:00:00Z"`` (month 13, day 45, hour 99).
    """,
)
