"""Step 1 of the fast path: a document's *skeleton*, its free string leaves replaced by
placeholder IRIs ``urn:x-mcconform:N`` (the strings that steer processing stay), and those
strings; the skeleton is the key of its template."""

from __future__ import annotations

import re
from typing import Any

PLACEHOLDER = "urn:x-mcconform:"
_PH_RE = re.compile(r"^urn:x-mcconform:(\d+)$")
#: keys whose values steer JSON-LD processing: kept verbatim in the skeleton
KEEP = frozenset({"type", "@type", "@language", "@direction", "@index"})


def skeleton(data: Any, keep_keys: frozenset[str] = KEEP) -> tuple[Any, list[str]]:
    """The document with its free string leaves replaced by placeholders, and those strings.

    The values of ``keep_keys`` stay verbatim (with everything under them).
    """
    values: list[str] = []
    append = values.append
    names = _placeholders

    def leaf(x: Any) -> Any:
        t = type(x)
        if t is str:
            append(x)
            n = len(values) - 1
            return names[n] if n < len(names) else f"{PLACEHOLDER}{n}"
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
                    out[k] = f"{PLACEHOLDER}{len(values)}"
                append(x)
            else:
                out[k] = leaf(x)
        return out

    return leaf(data), values


#: the first placeholders, made once (a document has hundreds of string leaves)
_placeholders = [f"{PLACEHOLDER}{n}" for n in range(8192)]
