"""Lone surrogates written as escapes: every renderer's output is valid UTF-8 text."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (``"\\ud800"`` is legal JSON, but no UTF-8 text can
    hold it) written as the six characters ``\\ud800``: the JSON escape of the same string in
    JSON output, a visible escape in every other format.  Nothing else changes."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
