"""The reference path of JSON-LD processing: expansion (and conversion to an RDF dataset) of
one document through pyld with tracing (:func:`process`), which never raises; errors become
the result's ``error`` and its pointer.
"""

from __future__ import annotations

from typing import Any

from ..pointer import join
from .engine import pyld_jsonld
from .errors import root_cause
from .registry import ContextRegistry, uses_import
from .result import JsonLdResult, UndefinedTerm
from .tracing import tracing_processor


def context_urls(data: Any) -> dict[str, str]:
    """Pointer -> URL for every string entry of every ``@context`` in ``data``."""
    out: dict[str, str] = {}
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, ptr = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                p = join(ptr, k)
                if k == "@context":
                    if isinstance(v, str):
                        out[p] = v
                    elif isinstance(v, list):
                        for i, item in enumerate(v):
                            if isinstance(item, str):
                                out[join(p, i)] = item
                else:
                    stack.append((v, p))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                stack.append((v, join(ptr, i)))
    return out


def process(data: Any, registry: ContextRegistry, *, rdf: bool = True) -> JsonLdResult:
    """Expand ``data`` (and convert it to an RDF dataset), tracing pointers; never raises."""
    result = JsonLdResult(context_urls=context_urls(data))
    from pyld.identifier_issuer import IdentifierIssuer

    jsonld = pyld_jsonld()
    proc = tracing_processor()(data)
    issuer = IdentifierIssuer("_:b")
    options = registry.options(issuer)
    resolver = registry.resolver
    resolver.importing = registry.imports or uses_import(data)
    try:
        if rdf:
            result.dataset = proc.to_rdf(data, options)
        else:
            result.expanded = proc.expand(data, options)
    except jsonld.JsonLdError as e:
        result.error = root_cause(e)
    except RecursionError:
        result.error = jsonld.JsonLdError("the document is nested too deeply", "mcconform.TooDeep")
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, OverflowError, UnicodeError) as e:
        # pyld raises plain Python errors on some invalid input ({"@vocab": null}, an empty
        # context IRI, huge numbers, lone surrogates ...): they are invalid JSON-LD all the same.
        result.error = jsonld.JsonLdError(
            f"the JSON-LD processor refused the document ({type(e).__name__}: {e})",
            "mcconform.ProcessorError",
        )
    finally:
        resolver.importing = False
    if result.error is not None:
        result.error_pointer = proc.error_pointer()
    result.undefined = _dedupe(proc.undefined)
    result.node_keys = proc.node_keys
    for old, ptr in proc.marks.items():
        new = issuer.existing.get(old)
        if new is not None:
            result.node_pointers[new] = ptr
    for iri, (w, d, ptr) in proc.iri_pointers.items():
        result.node_pointers[iri] = ptr
        result.iri_weights[iri] = (w, d)
    return result


def _dedupe(items: list[UndefinedTerm]) -> list[UndefinedTerm]:
    seen: set[str] = set()
    out = []
    for u in items:
        if u.pointer not in seen:
            seen.add(u.pointer)
            out.append(u)
    return out
