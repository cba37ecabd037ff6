"""The depth limit: json_depth (iterative, level by level) equals the recursive definition,
and parse_json refuses exactly the documents nested deeper than the limit."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mcconform.limits import DEFAULT_LIMITS
from mcconform.parse import UNREADABLE, json_depth, parse_json

#: strings made of the characters that matter to a text scan: quotes, backslashes, brackets
TRICKY = st.text(alphabet='\\"[]{}nu0a\u00e9\u2028', max_size=10)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.characters(), max_size=8) | TRICKY,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5) | TRICKY, inner, max_size=4),
    max_leaves=40,
)


def depth(v: Any) -> int:
    """The definition: a scalar has depth 0, a container one more than its deepest member."""
    if isinstance(v, dict):
        return 1 + max(map(depth, v.values()), default=0)
    if isinstance(v, list):
        return 1 + max(map(depth, v), default=0)
    return 0


@given(JSON)
def test_json_depth_equals_the_definition(value: object) -> None:
    assert json_depth(value) == depth(value)


@given(JSON)
def test_parse_refuses_exactly_what_is_too_deep(value: object) -> None:
    d = depth(value)
    for limit in (max(d - 1, 0), d):
        limits = dataclasses.replace(DEFAULT_LIMITS, max_depth=limit)
        findings: list[Any] = []
        got = parse_json(json.dumps(value), limits, findings)
        if d > limit:
            assert got is UNREADABLE and [f.rule for f in findings] == ["parse.too-deep"]
        else:
            assert got == value and not findings


def test_examples() -> None:
    assert json_depth(json.loads('{"a": "[[[{{{\\"]]]"}')) == 1
    assert json_depth([[[]]]) == 3
    assert json_depth("just a string") == 0
    assert json_depth({"a": [], "b": {"c": [1, {"d": None}]}}) == 4
