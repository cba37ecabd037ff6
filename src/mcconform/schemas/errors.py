"""jsonschema's errors translated into :class:`SchemaError`: each points at the offending
value (a missing property: at the object that lacks it; a property not allowed: at that
property), says what is wrong in words a person understands, and, for ``oneOf`` / ``anyOf``,
gives the errors of the one alternative of the right kind when there is such an alternative.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..parse import json_type
from ..pointer import join

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


@dataclass(frozen=True, order=True)
class SchemaError:
    """One JSON Schema error: where (JSON Pointer into the instance), which keyword, and why."""

    pointer: str
    keyword: str
    message: str


def _pointer(err: ValidationError) -> str:
    ptr = ""
    for token in err.absolute_path:
        ptr = join(ptr, token)
    return ptr


def flatten(err: ValidationError) -> Iterator[SchemaError]:
    kw = str(err.validator)
    if kw in ("oneOf", "anyOf") and err.context:
        branch = _matching_branch(err)
        if branch is not None:
            for sub in branch:
                yield from flatten(sub)
            return
        wanted = _wanted_types(err)
        if wanted:
            want = " or ".join(_JSON_TYPES.get(t, t) for t in wanted)
            message = f"{_what(err)} must be {want}, not {_a_json_type(err.instance)}"
            yield SchemaError(_pointer(err), "type", message)
            return
    if kw == "additionalProperties" and isinstance(err.instance, dict):
        props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
        extra = sorted(k for k in err.instance if k not in props)
        if extra:
            for key in extra:
                yield SchemaError(join(_pointer(err), key), kw, f"property '{key}' is not allowed here")
            return
    yield SchemaError(_pointer(err), kw, _message(err))


def _branches(err: ValidationError) -> dict[int, list[ValidationError]]:
    branches: dict[int, list[ValidationError]] = {}
    for sub in err.context or []:
        idx = sub.relative_schema_path[0] if sub.relative_schema_path else None
        if isinstance(idx, int):
            branches.setdefault(idx, []).append(sub)
    return branches


def _wanted_types(err: ValidationError) -> list[str]:
    """When every alternative wants another JSON type than the value's: those types."""
    branches = _branches(err)
    alternatives = err.validator_value if isinstance(err.validator_value, list) else []
    if not branches or len(branches) != len(alternatives):
        return []
    wanted: list[str] = []
    for errs in branches.values():
        root = [e for e in errs if not e.relative_path]
        types = [e.validator_value for e in root if e.validator == "type"]
        nested = [e for e in root if e.validator in ("oneOf", "anyOf") and e.context]
        if types:
            wanted.extend(str(t) for t in types if isinstance(t, str))
        elif nested and all(_wanted_types(n) for n in nested):
            for n in nested:
                wanted.extend(_wanted_types(n))
        else:
            return []
    return list(dict.fromkeys(wanted))


def _misfit(errs: list[ValidationError]) -> bool:
    """Whether an alternative is of the wrong kind for the value: a JSON type it does not
    have, keys that are not language tags (a language map alternative), or alternatives of
    its own that all misfit (``{"$ref": "#/$defs/Context"}`` for an array)."""
    for e in errs:
        if e.relative_path:
            continue
        if e.validator == "type" or "propertyNames" in list(e.relative_schema_path):
            return True
        if e.validator in ("oneOf", "anyOf") and e.context:
            inner = _branches(e)
            alternatives = e.validator_value if isinstance(e.validator_value, list) else []
            if len(inner) == len(alternatives) and all(_misfit(b) for b in inner.values()):
                return True
    return False


def _matching_branch(err: ValidationError) -> list[ValidationError] | None:
    """The errors of the only alternative whose kind fits the instance, if there is one."""
    branches = _branches(err)
    fitting = [errs for _, errs in sorted(branches.items()) if not _misfit(errs)]
    alternatives = err.validator_value if isinstance(err.validator_value, list) else []
    if len(fitting) == 1 and len(branches) == len(alternatives):
        return fitting[0]
    return None


def _what(err: ValidationError) -> str:
    """The name of the offending value: its property, with the indexes after it (``evidence[0]``)."""
    indexes = ""
    for token in reversed(list(err.absolute_path)):
        if isinstance(token, int):
            indexes = f"[{token}]{indexes}"
        else:
            return f"{token}{indexes}"
    return f"item {indexes}" if indexes else "the document"


def _short(value: Any, limit: int = 60) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_JSON_TYPES = {"object": "an object", "array": "an array", "string": "a string", "number": "a number"}
_JSON_TYPES.update({"integer": "an integer", "boolean": "a boolean", "null": "null"})


def _a_json_type(value: Any) -> str:
    """ "a string", "an array", ..., or "null"."""
    name = json_type(value)
    return name if name == "null" else f"{'an' if name[0] in 'ao' else 'a'} {name}"


def _message(err: ValidationError) -> str:
    kw, val, inst, what = err.validator, err.validator_value, err.instance, _what(err)
    if kw == "required":
        m = re.match(r"^'(.*)' is a required property$", err.message, re.S)
        prop = m.group(1) if m else err.message
        owner = "the document" if not list(err.absolute_path) else what
        return f"required property '{prop}' is missing from {owner}"
    if kw == "type":
        types = val if isinstance(val, list) else [val]
        want = " or ".join(_JSON_TYPES.get(str(t), str(t)) for t in types)
        return f"{what} must be {want}, not {_a_json_type(inst)}"
    if kw == "contains":
        values = val.get("enum", []) if isinstance(val, dict) else []
        return f"{what} must contain " + (" or ".join(f"'{v}'" for v in values) or "a matching item")
    if kw == "enum":
        values = val if isinstance(val, list) else []
        shown = ", ".join(f"'{v}'" for v in values[:8]) + (", …" if len(values) > 8 else "")
        return f"{what} {_short(inst)} is not one of {shown}"
    if kw == "pattern":
        return f"{what} {_short(inst)} does not match the pattern {val}"
    if kw == "format":
        return f"{what} {_short(inst)} is not a valid {val}"
    if kw == "minItems":
        return f"{what} must have at least {val} item{'s' if val != 1 else ''}"
    if kw in ("oneOf", "anyOf"):
        if kw == "oneOf" and not err.context:
            return f"{what} matches more than one of the allowed forms"
        if isinstance(inst, str) and _is_ext_enum(val):
            return (
                f"{what} {_short(inst)} is neither a term of its vocabulary nor an extension term 'ext:Name'"
            )
        return f"{what} ({_a_json_type(inst)}) matches none of the allowed forms"
    msg = err.message
    return f"{what}: {msg if len(msg) <= 160 else msg[:159] + '…'}"


def _is_ext_enum(alternatives: Any) -> bool:
    return (
        isinstance(alternatives, list)
        and len(alternatives) == 2
        and all(isinstance(a, dict) for a in alternatives)
        and "enum" in alternatives[0]
        and "pattern" in alternatives[1]
    )
