"""The errors of a document against a bundled schema, in a stable order (the compiled
accelerator first, when asked: a document it proves valid is not validated again).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .engines import fast_valid, validator_for
from .errors import SchemaError, flatten


def iter_errors(name: str, instance: Any, fast: bool = False) -> Iterator[SchemaError]:
    """The errors of ``instance`` against the bundled schema ``name``, in a stable order.

    With ``fast``, a document the compiled validator proves valid is not validated again
    (``tests/test_schemas.py`` holds the two engines to the same verdicts).

    Each error points at the offending value (a missing property: at the object that lacks
    it; a property not allowed: at that property).  For ``oneOf`` / ``anyOf`` the errors of the
    one alternative of the right JSON type are given when there is such an alternative.
    """
    if fast and fast_valid(name, instance):
        return
    validator = validator_for(name)
    found: set[SchemaError] = set()
    for err in validator.iter_errors(instance):
        found.update(flatten(err))
    yield from sorted(found, key=lambda e: (_sort_key(e.pointer), e.keyword, e.message))


def errors(name: str, instance: Any) -> list[SchemaError]:
    return list(iter_errors(name, instance))


def is_valid(name: str, instance: Any) -> bool:
    return validator_for(name).is_valid(instance)


def _sort_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in pointer.split("/")[1:])
