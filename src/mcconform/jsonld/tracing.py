"""The undefined-term and pointer tracing of expansion: a subclass of pyld's processor that
watches every JSON object as it is expanded, so that

* every JSON key the active context does not define is reported with its JSON Pointer
  (expansion drops it silently, and so would the receiving platform), and
* every RDF node can be traced back to the JSON object it came from (for SHACL results).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..pointer import join
from .engine import pyld_jsonld
from .result import UndefinedTerm

if TYPE_CHECKING:
    from pyld.jsonld import JsonLdProcessor as _ProcessorBase

if not TYPE_CHECKING:
    _ProcessorBase = object

ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"


def _is_absolute_or_keyword(iri: str | None) -> bool:
    if iri is None:
        return False
    return iri.startswith("@") or ":" in iri


class _TracingProcessor(_ProcessorBase):
    """pyld processor that records, per JSON object, its pointer, keys and blank node label
    (mixed with pyld's ``JsonLdProcessor`` by :func:`_tracing`, so pyld is imported late)."""

    def __init__(self, source: Any) -> None:
        super().__init__()
        self.source = source
        self.pointers: dict[int, str] = {}
        self.undefined: list[UndefinedTerm] = []
        self.node_keys: dict[str, dict[str, str]] = {}
        self.marks: dict[str, str] = {}  # assigned blank node id -> pointer
        self.iri_pointers: dict[str, tuple[int, int, str]] = {}
        self._indexed = False
        self._counter = 0
        #: (pointer, has @context) of the JSON objects being expanded, innermost last; left
        #: as it is when an error unwinds the stack, so that it says where the error was
        self.expanding: list[tuple[str, bool]] = []
        #: the pointer of the ``@context`` (or object) whose context processing failed
        self.context_error_at: str | None = None

    def _index(self, document: Any) -> None:
        stack: list[tuple[Any, str]] = [(document, "")]
        while stack:
            value, ptr = stack.pop()
            if isinstance(value, dict):
                self.pointers[id(value)] = ptr
                for k, v in value.items():
                    if k != "@context":
                        stack.append((v, join(ptr, k)))
            elif isinstance(value, list):
                self.pointers[id(value)] = ptr
                for i, v in enumerate(value):
                    stack.append((v, join(ptr, i)))

    def _expand(
        self, active_ctx: Any, active_property: Any, element: Any, options: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if not self._indexed:
            self._indexed = True
            self._index(element)
        ptr = self.pointers.get(id(element)) if isinstance(element, dict) else None
        if ptr is None:
            return super()._expand(active_ctx, active_property, element, options, *args, **kwargs)
        self.expanding.append((ptr, "@context" in element))
        result = super()._expand(active_ctx, active_property, element, options, *args, **kwargs)
        self.expanding.pop()
        return result

    def _process_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super()._process_context(*args, **kwargs)
        except Exception:
            if self.context_error_at is None and self.expanding:
                ptr, has_context = self.expanding[-1]
                self.context_error_at = join(ptr, "@context") if has_context else ptr
            raise

    def error_pointer(self) -> str | None:
        """Where the error that stopped processing was raised, when that is known."""
        if self.context_error_at is not None:
            return self.context_error_at
        return self.expanding[-1][0] if self.expanding else None

    def _expand_object(
        self,
        active_ctx: Any,
        active_property: Any,
        expanded_active_property: Any,
        element: Any,
        expanded_parent: Any,
        options: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        ptr = self.pointers.get(id(element))
        if ptr is not None:
            keys = self.node_keys.setdefault(ptr, {})
            for key in element:
                if key == "@context":
                    continue
                iri = self._expand_iri(active_ctx, key, vocab=True)
                if not _is_absolute_or_keyword(iri) or (iri or "").startswith(ISSUER_DEPENDENT):
                    self.undefined.append(UndefinedTerm(join(ptr, key), key, iri))
                elif iri is not None and not iri.startswith("@"):
                    keys.setdefault(iri, key)
        result = super()._expand_object(
            active_ctx,
            active_property,
            expanded_active_property,
            element,
            expanded_parent,
            options,
            *args,
            **kwargs,
        )
        if (
            ptr is not None
            and isinstance(expanded_parent, dict)
            and not ("@value" in expanded_parent or "@list" in expanded_parent or "@set" in expanded_parent)
        ):
            node_id = expanded_parent.get("@id")
            if node_id is None:
                self._counter += 1
                node_id = f"_:mcconform{self._counter}"
                expanded_parent["@id"] = node_id
            if isinstance(node_id, str):
                if node_id.startswith("_:"):
                    self.marks.setdefault(node_id, ptr)
                else:
                    # the fullest description of the node wins; on a tie, the shallowest
                    weight = (len(element), -ptr.count("/"))
                    best = self.iri_pointers.get(node_id)
                    if best is None or weight > best[:2]:
                        self.iri_pointers[node_id] = (*weight, ptr)
        return result


@cache
def tracing_processor() -> type[_TracingProcessor]:
    return type("TracingProcessor", (_TracingProcessor, pyld_jsonld().JsonLdProcessor), {})
