"""Where context documents come from for one run (:class:`ContextRegistry`): bundled,
user-supplied (``--context URL=FILE``), or, only when the user allows the network
(``--online``), fetched; and pyld's processed-context cache and document loader over them.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .contexts import ContextError, bundled_context, bundled_manifest

if TYPE_CHECKING:
    from pyld.identifier_issuer import IdentifierIssuer


def _cache() -> Any:
    try:
        from cachetools import LRUCache

        return LRUCache(maxsize=1000)
    except ImportError:  # pragma: no cover
        return {}


@cache
def _resolver_class() -> type:
    """pyld's context resolver, except for the context an ``@import`` names: pyld merges the
    importing context into the imported one *in place* and caches the merge on it, which
    would change the cached context (and the bundled copy every registry shares) for every
    later document.  That resolution gets a private copy, with a cache of its own.

    The ``@import`` resolution is recognised by its caller (pyld's ``_process_context``
    resolving while its ``ctx`` holds ``@import``), so that every way into pyld (expansion,
    RDF, the canonicalization of Data Integrity proofs) is covered.  (A class made on first
    use: pyld is imported only when a document needs it.)
    """
    from pyld.context_resolver import ContextResolver
    from pyld.resolved_context import ResolvedContext

    class _Resolver(ContextResolver):
        importing = False

        def resolve(self, active_ctx: Any, context: Any, base: Any, cycles: Any = None) -> Any:
            resolved = super().resolve(active_ctx, context, base, cycles)
            if not (self.importing or _resolving_import()):
                return resolved
            return [
                ResolvedContext(copy.deepcopy(r.document)) if isinstance(r.document, dict) else r
                for r in resolved
            ]

    return _Resolver


def _resolving_import() -> bool:
    """Whether pyld's caller is resolving the context named by an ``@import``."""
    frame = sys._getframe(2)  # resolve's caller
    if frame.f_code.co_name != "_process_context":
        return False
    ctx = frame.f_locals.get("ctx")
    return isinstance(ctx, dict) and "@import" in ctx


def uses_import(value: Any) -> bool:
    """Whether some JSON object in ``value`` has an ``@import`` member (without recursion)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if "@import" in v:
                return True
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


class ContextRegistry:
    """Where context documents come from: bundled, user-supplied, or (if allowed) the network.

    One registry is built per run; pyld's processed-context cache is kept per registry, so
    each context is processed once per process and never leaks between runs with different
    ``--context`` overrides.
    """

    def __init__(
        self,
        overrides: Mapping[str, Any] | None = None,
        *,
        online: bool = False,
        fetch: Callable[[str], Any] | None = None,
    ) -> None:
        self.overrides: dict[str, Any] = dict(overrides or {})
        self.online = online
        self.fetch = fetch
        self._loaded: dict[str, Any] = {}
        self._resolver: Any = None
        #: a loaded context uses @import: every document gets private copies (see _resolver_class)
        self.imports = False

    @property
    def resolver(self) -> Any:
        """pyld's processed-context cache of this registry (made on first use)."""
        if self._resolver is None:
            self._resolver = _resolver_class()(_cache(), self.document_loader)
        return self._resolver

    @staticmethod
    def read_override(path: str | Path) -> Any:
        p = Path(path)
        try:
            doc = json.loads(p.read_bytes())
        except (OSError, ValueError) as e:
            raise ContextError(str(path), f"cannot read context file {path}: {e}") from None
        if not isinstance(doc, dict) or "@context" not in doc:
            raise ContextError(str(path), f"context file {path} has no top-level @context member")
        return doc

    def known(self, url: str) -> bool:
        return url in self.overrides or url in bundled_manifest()

    def load(self, url: str) -> Any:
        if url in self._loaded:
            return self._loaded[url]
        if url in self.overrides:
            doc = self.overrides[url]
            if isinstance(doc, str | Path):
                doc = self.read_override(doc)
        else:
            doc = bundled_context(url)
            if doc is None:
                if not self.online or self.fetch is None:
                    raise ContextError(url, f"unknown context {url}", unknown=True)
                try:
                    doc = self.fetch(url)
                except ContextError:
                    raise
                except Exception as e:  # the fetcher's own errors are user-facing
                    raise ContextError(url, f"cannot fetch context {url}: {e}") from None
        if uses_import(doc):
            self.imports = True
        self._loaded[url] = doc
        return doc

    def loaded_contexts(self) -> Mapping[str, Any]:
        """URL -> context document, for every context loaded so far."""
        return self._loaded

    def term_names(self) -> dict[str, str]:
        """Property IRI -> JSON key, from every context loaded so far (first definition wins)."""
        cached = getattr(self, "_term_names", None)
        if cached is not None and cached[0] == len(self._loaded):
            return cached[1]
        names: dict[str, str] = {}
        for url in sorted(self._loaded):
            _collect_terms(
                self._loaded[url].get("@context") if isinstance(self._loaded[url], dict) else None, names
            )
        self._term_names = (len(self._loaded), names)
        return names

    def document_loader(self, url: str, options: Any = None) -> dict[str, Any]:
        doc = self.load(url)
        return {"contextUrl": None, "documentUrl": url, "document": doc}

    def options(self, issuer: IdentifierIssuer | None = None) -> dict[str, Any]:
        opts: dict[str, Any] = {
            "documentLoader": self.document_loader,
            "contextResolver": self.resolver,
        }
        if issuer is not None:
            opts["identifierIssuer"] = issuer
        return opts


def _collect_terms(ctx: Any, names: dict[str, str], prefixes: dict[str, str] | None = None) -> None:
    if isinstance(ctx, list):
        for c in ctx:
            _collect_terms(c, names, prefixes)
        return
    if not isinstance(ctx, dict):
        return
    prefixes = dict(prefixes or {})
    for term, value in ctx.items():
        if isinstance(value, str) and value.endswith(("/", "#")):
            prefixes[term] = value
    for term, value in ctx.items():
        if term.startswith("@"):
            continue
        iri = value.get("@id") if isinstance(value, dict) else value
        if isinstance(iri, str) and ":" in iri:
            prefix, _, local = iri.partition(":")
            if prefix in prefixes and not local.startswith("//"):
                iri = prefixes[prefix] + local
            if not iri.startswith("@"):
                names.setdefault(iri, term)
        if isinstance(value, dict) and "@context" in value:
            _collect_terms(value["@context"], names, prefixes)
