"""pyld's errors translated: the cause worth reporting (:func:`root_cause`) and a message a
person understands (:func:`describe_error`)."""

from __future__ import annotations

from .contexts import ContextError
from .engine import pyld_jsonld


def root_cause(e: BaseException) -> Exception:
    """The innermost cause that says something: a ContextError, or the deepest JsonLdError."""
    jsonld = pyld_jsonld()
    cur: BaseException | None = e
    best: BaseException = e
    while cur is not None:
        if isinstance(cur, ContextError):
            return cur
        if isinstance(cur, jsonld.JsonLdError):
            best = cur
        nxt = cur.__cause__ or cur.__context__
        if isinstance(cur, jsonld.JsonLdError) and isinstance(cur.details, dict):
            cause = cur.details.get("cause")
            if isinstance(cause, BaseException):
                nxt = nxt or cause
        cur = nxt
    return best if isinstance(best, Exception) else Exception(str(best))


def describe_error(e: Exception) -> str:
    if isinstance(e, pyld_jsonld().JsonLdError):
        msg = e.args[0] if e.args else str(e)
        code = getattr(e, "code", None)
        return f"{msg} ({code})" if code else str(msg)
    return str(e)
