"""The compiled validators of the bundled schemas: jsonschema's (the reference, with a
:mod:`referencing` registry that never reaches the network) and the optional ``jsonschema_rs``
accelerator, which only proves documents valid.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .bundle import NAMES, schema
from .formats import is_date, is_date_time, shared_format_checker

if TYPE_CHECKING:  # jsonschema is imported when a document needs it (start-up time of the CLI)
    from jsonschema import Draft201909Validator
    from referencing import Registry, Resource


def _offline(uri: str) -> Resource[Any]:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # never the network


@cache
def registry() -> Registry[Any]:
    """A registry of the bundled schemas, by ``$id``; unknown URIs are not retrieved."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT201909

    reg: Registry[Any] = Registry(retrieve=_offline)  # type: ignore[call-arg]
    for name in NAMES:
        doc = schema(name)
        reg = reg.with_resource(doc["$id"], DRAFT201909.create_resource(doc))
    return reg.crawl()


@cache
def validator_for(name: str) -> Draft201909Validator:
    """The compiled validator of the bundled schema ``name`` (KeyError for an unknown name)."""
    from jsonschema import Draft201909Validator

    return Draft201909Validator(schema(name), registry=registry(), format_checker=shared_format_checker())


def _no_retrieval(uri: str) -> Any:
    raise ValueError(f"{uri}: not bundled (mcconform never retrieves schemas)")


@cache
def compiled(name: str) -> Any | None:
    """The compiled (Rust, ``jsonschema_rs``) validator of ``name``, or None without it.

    An accelerator only: it says whether a document is valid; every error is still found
    and worded by :mod:`jsonschema` (see :func:`iter_errors`).  Formats are checked by the
    same functions as the reference validator; references resolve to the bundled schemas.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        reg = _rs_registry()
        return jsonschema_rs.Draft201909Validator(
            schema(name),
            formats={"date-time": is_date_time, "date": is_date},
            validate_formats=True,
            registry=reg,
            retriever=_no_retrieval,
        )
    except Exception:  # an engine that cannot compile the schema is simply not used
        return None


@cache
def _rs_registry() -> Any:
    """The bundled schemas as one ``jsonschema_rs`` registry, built once per process (each
    compiled validator resolves its references in it)."""
    import jsonschema_rs

    return jsonschema_rs.Registry([(schema(n)["$id"], schema(n)) for n in NAMES], retriever=_no_retrieval)


def fast_valid(name: str, instance: Any) -> bool:
    """True when the compiled validator proves ``instance`` valid (False: ask jsonschema)."""
    rs = compiled(name)
    if rs is None:
        return False
    try:
        return bool(rs.is_valid(instance))
    except Exception:  # a value the engine cannot take (e.g. a huge integer): the reference decides
        return False
