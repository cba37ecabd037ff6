"""The fast JSON parse (one shared decoder that gives up on anything unusual) must give exactly
what the careful parse gives: the same value and the same findings, on every fixture and on
mutations that hit each reason to give up (repeated keys, NaN, depth, huge numbers...)."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, FIXTURES
from mcconform.limits import DEFAULT_LIMITS, Limits
from mcconform.parse import UNREADABLE, _careful_parse, _fast_parse, parse_json


def _texts() -> list[str]:
    out = []
    for root in (FIXTURES, CORPUS):
        if not root.exists():
            continue
        for p in sorted(root.rglob("*.json*")):
            try:
                out.append(p.read_text("utf-8"))
            except (UnicodeDecodeError, OSError):
                continue
    return out


MUTATIONS = [
    '{"a": 1, "a": 2}',
    '{"x": {"b": [1, {"c": 1, "c": 1}]}, "d": 1}',
    '{"a": 1, "b": 2, "a": 3, "b": 4}',
    '{"a": NaN}',
    '{"a": [Infinity, -Infinity]}',
    '{"a": 1, "a": NaN}',
    '{"a": ' + "9" * 5000 + "}",
    '{"a": 1',
    '{"a": "unterminated',
    "\ufeff{}",
    "[1, 2,]",
    "{'a': 1}",
    '{"a\\u003a": "b:c", "a:": 1}',
    '{"\\"": 1, "\\u0022": 2}',
    "[" * 40 + "]" * 40,
    "[" * 2000 + "]" * 2000,
    "[" * 200000,
    '"just a string"',
    "null",
    "  {} ",
    "{} {}",
    "[1e400, -0, 1.5E-3]",
    # long texts: the depth is walked without counting brackets first
    " " * 9000 + "[" * 250 + "]" * 250,
    '{"a": "' + "x" * 9000 + '", "b": [[[[[[[1]]]]]]]}',
    '{"p": "' + "{[" * 5000 + '"}',
    "[" + ", ".join(['{"a": {"b": [1]}}'] * 1000) + "]",
]


def _both(text: str, limits: Limits) -> tuple[tuple[object, list[str]], tuple[object, list[str]]]:
    f1: list = []
    f2: list = []
    v1 = parse_json(text, limits, f1)
    v2 = _careful_parse(text, limits, f2)
    return (v1, [repr(f) for f in f1]), (v2, [repr(f) for f in f2])


@pytest.mark.parametrize("text", MUTATIONS)
def test_mutations_same_as_careful(text: str) -> None:
    for limits in (DEFAULT_LIMITS, Limits(max_depth=5)):
        fast, careful = _both(text, limits)
        assert fast == careful


def test_fixtures_same_as_careful() -> None:
    texts = _texts()
    assert texts
    for text in texts:
        if not text.strip():  # the empty-document finding comes before either parse
            continue
        fast, careful = _both(text, DEFAULT_LIMITS)
        assert fast == careful
        # and with each object given a repeated key: the fast parse must give up
        if text.lstrip().startswith("{") and not careful[1]:
            dup = text.lstrip()[0] + '"@dup": 1, "@dup": 2, ' + text.lstrip()[1:]
            assert _fast_parse(dup, DEFAULT_LIMITS) is UNREADABLE
            fast, careful = _both(dup, DEFAULT_LIMITS)
            assert fast == careful
            assert any("parse.duplicate-key" in f for f in fast[1])


def test_fast_parse_gives_up_on_depth() -> None:
    deep = json.dumps({"a": [[[[[[1]]]]]]})
    assert _fast_parse(deep, Limits(max_depth=3)) is UNREADABLE
    assert _fast_parse(deep, DEFAULT_LIMITS) == json.loads(deep)
