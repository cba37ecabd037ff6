"""The text-based depth check equals the depth of the parsed value."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mcconform.parse import json_depth, text_depth

#: strings made of the characters that matter to a text scan: quotes, backslashes, brackets
TRICKY = st.text(alphabet='\\"[]{}nu0a\u00e9\u2028', max_size=10)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.characters(), max_size=8) | TRICKY,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5) | TRICKY, inner, max_size=4),
    max_leaves=40,
)


@given(JSON)
def test_text_depth_equals_value_depth(value: object) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False, indent=1)):
        assert text_depth(text) == json_depth(value)


def test_brackets_inside_strings_do_not_count() -> None:
    assert text_depth('{"a\\\\": ["\\\\\\"[[", {"b": "\\\\"}]}') == 3
    assert text_depth('["\\\\\\\\\\"]]]"]') == 1
    assert text_depth('{"a": "[[[{{{\\"]]]"}') == 1
    assert text_depth("[[[]]]") == 3
    assert text_depth('"just a string"') == 0
