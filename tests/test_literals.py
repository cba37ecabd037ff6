"""`mcconform.literals` never calls a literal fine where rdflib finds a problem with it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcconform.literals import XSD_DATETIME, all_surely_fine
from mcconform.rdf import literal_problems

XSD = "http://www.w3.org/2001/XMLSchema#"


def _ds(obj: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    triple = {
        "subject": {"type": "IRI", "value": "urn:x:s"},
        "predicate": {"type": "IRI", "value": "urn:x:p"},
        "object": {"type": "literal", **obj},
    }
    return {"@default": [triple]}


SAMPLES = [
    {"value": "2024-01-31T09:00:00Z", "datatype": XSD_DATETIME},
    {"value": "2024-01-31T09:00:00.123456+02:00", "datatype": XSD_DATETIME},
    {"value": "2024-01-31T09:00:00", "datatype": XSD_DATETIME},
    {"value": "2024-13-45T99:00:00Z", "datatype": XSD_DATETIME},
    {"value": "2024-02-30T00:00:00Z", "datatype": XSD_DATETIME},
    {"value": "2024-01-31T24:00:00Z", "datatype": XSD_DATETIME},
    {"value": "2024-01-31T09:00:00.1234567Z", "datatype": XSD_DATETIME},
    {"value": "2024-01-31", "datatype": XSD_DATETIME},
    {"value": "Teamwork", "language": "en-US"},
    {"value": "Teamwork", "language": "en_US"},
    {"value": "Teamwork", "language": "en "},
    {"value": "12", "datatype": XSD + "integer"},
    {"value": "twelve", "datatype": XSD + "integer"},
    {"value": "plain"},
    {"value": "3", "datatype": "https://www.w3.org/2001/XMLSchema#float"},
    {"value": "three", "datatype": "https://www.w3.org/2001/XMLSchema#float"},
    {"value": "x", "datatype": "https://example.org/own-type"},
]


def test_the_converted_namespaces_are_rdflibs() -> None:
    from rdflib.term import XSDToPython

    from mcconform.literals import _CONVERTED

    assert {str(k).rsplit("#", 1)[0] + "#" for k in XSDToPython if k is not None} <= set(_CONVERTED)


@pytest.mark.parametrize("obj", SAMPLES, ids=[str(s) for s in SAMPLES])
def test_fine_implies_no_problem(obj: dict[str, Any]) -> None:
    ds = _ds(obj)
    if all_surely_fine(ds):
        assert literal_problems(ds) == []


def test_the_shortcut_is_taken_for_common_literals() -> None:
    assert all_surely_fine(_ds(SAMPLES[0])) and all_surely_fine(_ds(SAMPLES[8]))
    assert not all_surely_fine(_ds(SAMPLES[3])) and not all_surely_fine(_ds(SAMPLES[9]))


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"\A\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-6]\d:[0-6]\d(\.\d{1,7})?(Z|[+-][01]\d:[0-6]\d)?\Z")
)
def test_datetimes_agree_with_rdflib(value: str) -> None:
    ds = _ds({"value": value, "datatype": XSD_DATETIME})
    if all_surely_fine(ds):
        assert literal_problems(ds) == []
