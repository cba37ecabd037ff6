"""Step 1 of the fast path: a document's *skeleton*, its free string leaves replaced by
placeholder IRIs ``urn:x-mcconform:N`` (the strings that steer processing stay), and those
strings; the skeleton (written as its :func:`shape`) is the key of its template."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

PLACEHOLDER = "urn:x-mcconform:"
_PH_RE = re.compile(r"^urn:x-mcconform:(\d+)$")
#: keys whose values steer JSON-LD processing: kept verbatim in the skeleton
KEEP = frozenset({"type", "@type", "@language", "@direction", "@index"})


def skeleton(data: Any, keep_keys: frozenset[str] = KEEP) -> tuple[Any, list[str]]:
    """The document with its free string leaves replaced by placeholders, and those strings.

    The values of ``keep_keys`` stay verbatim (with everything under them).
    """
    return _skeleton(data, keep_keys, _placeholders, _placeholder)


def shape(data: Any, keep_keys: frozenset[str] = KEEP) -> tuple[Any, list[str]]:
    """The skeleton with every placeholder written as one and the same marker, ``b""`` (never
    a JSON value), and the strings: the key of the template, smaller and faster to write.

    The N-th marker in document order stands for placeholder N, so equal shapes are equal
    skeletons (and unequal skeletons unequal shapes): the traversal is :func:`skeleton`'s,
    written out for the one marker (``tests/test_shape_key.py`` holds the two to the same
    strings and the same structure).
    """
    values: list[str] = []
    append = values.append
    verbatim = _verbatim(keep_keys)
    t = type(data)
    if t is str:
        return MARKER, [data]
    if t is dict:
        return _shape_obj(data, verbatim, append), values
    if t is list:
        return _shape_items(data, verbatim, append), values
    return data, values


# module functions, not closures of shape(): two closures calling each other are a reference
# cycle, left for the garbage collector after every document


def _shape_items(x: list[Any], verbatim: frozenset[str], append: Callable[[str], None]) -> list[Any]:
    out: list[Any] = []
    put = out.append
    for y in x:
        t = type(y)
        if t is str:
            append(y)
            put(MARKER)
        elif t is dict:
            put(_shape_obj(y, verbatim, append))
        elif t is list:
            put(_shape_items(y, verbatim, append))
        else:
            put(y)
    return out


def _shape_obj(v: dict[str, Any], verbatim: frozenset[str], append: Callable[[str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, x in v.items():
        if k in verbatim:  # "@context" and the keys that steer processing
            out[k] = x
            continue
        t = type(x)
        if t is str:
            out[k] = MARKER
            append(x)
        elif t is dict:
            out[k] = _shape_obj(x, verbatim, append)
        elif t is list:
            out[k] = _shape_items(x, verbatim, append)
        else:
            out[k] = x
    return out


@lru_cache(maxsize=64)
def _verbatim(keep_keys: frozenset[str]) -> frozenset[str]:
    """The keys whose values a skeleton keeps verbatim: ``@context`` and ``keep_keys``."""
    return keep_keys | {"@context"}


def _placeholder(n: int) -> str:
    return f"{PLACEHOLDER}{n}"


def _skeleton(
    data: Any, keep_keys: frozenset[str], names: list[Any], name: Callable[[int], Any]
) -> tuple[Any, list[str]]:
    """The one traversal of :func:`skeleton` and :func:`shape`: ``names[n]`` (or ``name(n)``
    past the list) stands for the n-th free string leaf."""
    values: list[str] = []
    append = values.append

    def leaf(x: Any) -> Any:
        t = type(x)
        if t is str:
            append(x)
            n = len(values) - 1
            return names[n] if n < len(names) else name(n)
        if t is dict:
            return obj(x)
        if t is list:
            return [leaf(y) for y in x]
        return x

    def obj(v: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, x in v.items():
            # "@context" and the keys that steer processing keep their values verbatim
            if k == "@context" or k in keep_keys:
                out[k] = x
            elif type(x) is str:  # leaf(x), inlined: most values are strings
                try:
                    out[k] = names[len(values)]
                except IndexError:
                    out[k] = name(len(values))
                append(x)
            else:
                out[k] = leaf(x)
        return out

    return leaf(data), values


#: the first placeholders, made once (a document has hundreds of string leaves)
_placeholders = [f"{PLACEHOLDER}{n}" for n in range(8192)]
#: the marker of :func:`shape` for every free string leaf (a module global read at call time)
MARKER = b""
