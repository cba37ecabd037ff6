"""RFC 6901 JSON Pointers."""

from __future__ import annotations

from typing import Any


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(base: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # the common case, without a generator
        t = tokens[0]
        if type(t) is int or (type(t) is str and "~" not in t and "/" not in t):
            return f"{base}/{t}"
    return base + "".join("/" + escape(t) for t in tokens)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON Pointer: {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]


def resolve(doc: Any, pointer: str, default: Any = None) -> Any:
    cur = doc
    for tok in split(pointer):
        if isinstance(cur, dict):
            if tok not in cur:
                return default
            cur = cur[tok]
        elif isinstance(cur, list):
            if not tok.isdigit() or int(tok) >= len(cur):
                return default
            cur = cur[int(tok)]
        else:
            return default
    return cur
