"""Literal findings of documents made from a JSON-LD template are those of the full path.

``checks/shacl/literal_findings.py`` tells a templated document's literals fine one by one,
without building its dataset; any literal it cannot call fine sends the document down the full
path (``literal_problems`` on the dataset).  These tests mutate the typed literals of real
documents (ill-typed dates, integers, durations, booleans) and compare the findings with those
of the reference result, and check that the shortcut is taken for the unmutated documents.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES, json_document
from mcconform.checks.shacl.literal_findings import _all_fine_by_template, literal_findings
from mcconform.document import Document
from mcconform.fastld import templates
from mcconform.jsonld import ContextRegistry, process
from mcconform.literals import _surely_fine
from mcconform.rdf import literal_problems

BAD = ["2024-13-45", "2024-13-45T99:00:00Z", "twelve", "P1Y2X", "maybe", "", " 2024-01-01", "1e"]


def _documents() -> Iterator[tuple[str, Any]]:
    roots = [FIXTURES / "elm", FIXTURES / "ob3" / "valid"]
    if CORPUS.exists():
        roots.append(CORPUS / "elm" / "examples")
    for root in roots:
        for p in sorted(root.rglob("*.json*")):
            data = json_document(p)
            if isinstance(data, dict) and "@context" in data:
                yield p.name, data


DOCS = list(_documents())[:12]


def _typed_leaves(data: Any, reg: ContextRegistry) -> list[list[Any]]:
    """Paths of the string leaves that become typed (non-string) literals."""
    res = process(data, reg)
    assert res.dataset is not None
    typed = {
        t["object"]["value"]
        for t in res.dataset.get("@default", [])
        if t["object"]["type"] == "literal"
        and (t["object"].get("datatype") or "").startswith("http://www.w3.org/2001/XMLSchema#")
        and not t["object"]["datatype"].endswith("#string")
    }
    out: list[list[Any]] = []

    def walk(v: Any, path: list[Any]) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                if k != "@context":
                    walk(x, [*path, k])
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, [*path, i])
        elif isinstance(v, str) and v in typed:
            out.append(path)

    walk(data, [])
    return out


def _findings(res: Any) -> list[tuple[str, str, str]]:
    doc = Document("t")
    return [(f.rule, f.pointer, f.message) for f in literal_findings(res, doc)]


@pytest.mark.skipif(not DOCS, reason="no JSON-LD documents")
@pytest.mark.parametrize(("name", "data"), DOCS, ids=[n for n, _ in DOCS])
def test_templated_literal_findings_equal_the_full_path(name: str, data: Any) -> None:
    reg = ContextRegistry()
    cache = templates(reg)
    leaves = _typed_leaves(data, reg)
    fast = cache.process(copy.deepcopy(data))
    if fast is None:
        pytest.skip("the document takes the reference path")
    assert _findings(fast) == _findings(process(data, reg))
    if not _findings(fast):
        assert _all_fine_by_template(fast)  # the shortcut is taken for a clean document
    for i, path in enumerate(leaves[:8]):
        mutated = copy.deepcopy(data)
        node = mutated
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = BAD[i % len(BAD)]
        res = cache.process(copy.deepcopy(mutated))
        if res is None:
            continue
        expected = _findings(process(mutated, reg))
        assert _findings(res) == expected, (name, path)
        if expected:
            assert not _all_fine_by_template(res)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=12),
    st.sampled_from(["en", "en-US", "de-CH-1996", "fr", "x-private"]),
)
def test_a_well_formed_tag_is_fine_whatever_the_value(value: str, lang: str) -> None:
    obj = {"type": "literal", "value": value, "language": lang}
    assert _surely_fine({**obj, "value": ""})
    triple = {
        "subject": {"type": "IRI", "value": "urn:x:s"},
        "predicate": {"type": "IRI", "value": "urn:x:p"},
    }
    assert literal_problems({"@default": [{**triple, "object": obj}]}) == []


def test_documents_are_found() -> None:
    assert DOCS, Path(FIXTURES).as_posix()
