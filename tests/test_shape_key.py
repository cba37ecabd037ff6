"""The template key (``fastld.skeleton.shape``) stands for the skeleton exactly: the N-th marker
in document order is placeholder N, so equal shapes are equal skeletons and the strings line
up with the placeholders."""

from __future__ import annotations

import marshal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES, json_document
from mcconform.fastld.skeleton import KEEP, MARKER, PLACEHOLDER, shape, skeleton


def restore(form: Any, counter: list[int]) -> Any:
    """The shape with its markers numbered in document order: the skeleton it stands for."""
    if form is MARKER or (isinstance(form, bytes) and form == MARKER):
        counter[0] += 1
        return f"{PLACEHOLDER}{counter[0] - 1}"
    if isinstance(form, dict):
        return {k: restore(v, counter) for k, v in form.items()}
    if isinstance(form, list):
        return [restore(v, counter) for v in form]
    return form


def _docs() -> list[Any]:
    out = []
    roots = [FIXTURES / "ob3", FIXTURES / "elm"] + ([CORPUS / "elm" / "examples"] if CORPUS.exists() else [])
    for root in roots:
        for p in sorted(root.rglob("*.json*"))[:40]:
            data = json_document(p)
            if data is not None:
                out.append(data)
    return out


DOCS = _docs()


@pytest.mark.parametrize("data", DOCS)
def test_the_shape_is_the_skeleton(data: Any) -> None:
    keep = KEEP | {"proofPurpose"}
    form, values = shape(data, keep)
    skel, skel_values = skeleton(data, keep)
    assert values == skel_values
    assert restore(form, [0]) == skel


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["a", "b", "urn:x:1", ""]),
    lambda kids: (
        st.lists(kids, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "type", "name", "@context", "x"]), kids, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(JSON, JSON)
def test_equal_shapes_are_equal_skeletons(a: Any, b: Any) -> None:
    same_shape = marshal.dumps(shape(a)[0], 2) == marshal.dumps(shape(b)[0], 2)
    same_skeleton = marshal.dumps(skeleton(a)[0], 2) == marshal.dumps(skeleton(b)[0], 2)
    assert same_shape == same_skeleton
    assert restore(shape(a)[0], [0]) == skeleton(a)[0]
