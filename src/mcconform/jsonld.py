"""Offline JSON-LD processing: bundled contexts, undefined terms, RDF with pointers.

The document loader serves the context documents shipped in ``data/contexts`` (pinned by
sha256 in ``manifest.json``), plus any the user supplies with ``--context URL=FILE``.  An
unknown context URL is never fetched unless the user allows the network (``--online``).

Expansion runs through a subclass of pyld's processor that watches every JSON object as it
is expanded, so that

* every JSON key the active context does not define is reported with its JSON Pointer
  (expansion drops it silently, and so would the receiving platform), and
* every RDF node can be traced back to the JSON object it came from (for SHACL results).
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pointer import join

if TYPE_CHECKING:
    from pyld.identifier_issuer import IdentifierIssuer
    from pyld.jsonld import JsonLdProcessor as _ProcessorBase

from .rules import rule

if not TYPE_CHECKING:
    _ProcessorBase = object


@cache
def _pyld() -> Any:
    """pyld's ``jsonld`` module, imported when a document needs JSON-LD processing: a run whose
    documents all match cached templates (:mod:`mcconform.fastld`) never imports pyld."""
    from pyld import jsonld

    return jsonld

ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"
SPEC_JSONLD = "JSON-LD 1.1 (W3C Recommendation)"

UNKNOWN_CONTEXT = rule(
    "jsonld.context.not-checked",
    "warning",
    "A JSON-LD context is neither bundled nor supplied, and the network is off: not checked.",
    "JSON-LD 1.1 section 3.1 (The Context); mcconform offline policy",
    """
    mcconform works offline: it ships the context documents of the VC data model (v1.1, v2,
    and their examples contexts), Open Badges 2.0 and 3.0, ELM (edc-ap) and the proof suites.
    A credential that names any other context (a platform's extension context, say) is not
    wrong for that, but cannot be interpreted without it: what needs JSON-LD (undefined terms,
    type IRIs, SHACL shapes, RDF canonicalization) is not checked, and the verdict is
    "not verified" (cantTell) unless something else fails.  The checks that need no context
    still run.  Supply it from a file with ``--context URL=FILE``, or allow fetching with
    ``--online``.
    NOT CHECKED: ``"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/ext.json"]``
    PASS: the same with ``--context https://example.org/ext.json=ext.json``
    """,
)
CONTEXT_FETCH = rule(
    "jsonld.context-unavailable",
    "error",
    "A JSON-LD context could not be loaded.",
    "JSON-LD 1.1 API section 9.4 (Remote Document and Context Retrieval)",
    "The context file or URL could not be read, is not JSON, or has no @context member.",
)
INVALID = rule(
    "jsonld.invalid",
    "error",
    "The document is not valid JSON-LD.",
    "JSON-LD 1.1 API section 9 (Error handling)",
    """
    JSON-LD processing (expansion) failed: for example a protected term is redefined, an @id
    is not a string, or a value object is malformed.  A consumer cannot turn this document
    into linked data.
    """,
)
UNDEFINED_TERM = rule(
    "jsonld.undefined-term",
    "error",
    "A JSON key is not defined by the active JSON-LD context.",
    "JSON-LD 1.1 section 4.1.1 (Expanded term definition); VC Data Model 2.0 section 4.2 (Contexts)",
    """
    A key that the active context does not define is dropped by JSON-LD expansion (or, under
    the VC 2.0 context, mapped to the meaningless ``issuer-dependent`` vocabulary).  The
    receiving platform silently loses that data.  The 1EdTech reference validator treats such
    terms as errors.  Define the term in an extension context, or remove it.
    FAIL: ``"credentialSubject": {"favouriteColour": "blue"}`` with only the OB 3.0 context.
    """,
)
MISSING_CONTEXT = rule(
    "jsonld.missing-context",
    "error",
    "The document has no @context.",
    "JSON-LD 1.1 section 3.1",
    "Without @context the JSON keys have no meaning as linked data.",
)


class ContextError(Exception):
    """A context could not be provided; ``url`` names it."""

    def __init__(self, url: str, message: str, unknown: bool = False) -> None:
        super().__init__(message)
        self.url = url
        self.unknown = unknown


@dataclass(frozen=True)
class BundledContext:
    url: str
    file: str
    sha256: str
    spec: str = ""


@cache
def bundled_manifest() -> dict[str, BundledContext]:
    try:
        text = resources.files("mcconform").joinpath("data/contexts/manifest.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    entries = json.loads(text).get("contexts", [])
    return {e["url"]: BundledContext(e["url"], e["file"], e["sha256"], e.get("spec", "")) for e in entries}


@cache
def _bundled_document(file: str, sha256: str) -> Any:
    data = resources.files("mcconform").joinpath("data/contexts", file).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise ContextError(file, f"bundled context {file} does not match its pinned sha256 ({digest})")
    return json.loads(data)


def bundled_context(url: str) -> Any:
    entry = bundled_manifest().get(url)
    if entry is None:
        return None
    return _bundled_document(entry.file, entry.sha256)


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


@dataclass
class UndefinedTerm:
    pointer: str
    key: str
    expanded: str | None


@dataclass
class JsonLdResult:
    """What JSON-LD processing of one document gave."""

    expanded: Any = None
    undefined: list[UndefinedTerm] = field(default_factory=list)
    error: Exception | None = None
    #: JSON Pointer of the innermost JSON object being expanded when ``error`` was raised
    error_pointer: str | None = None
    #: node id (IRI or blank node label in ``dataset``) -> JSON Pointer of its JSON object
    #: (see the ``node_pointers`` property; the fast path builds it on first use)
    _node_pointers: dict[str, str] | None = field(default=None, repr=False)
    lazy_node_pointers: Callable[[], dict[str, str]] | None = field(default=None, repr=False)
    #: JSON Pointer of a node object -> {property IRI: JSON key}
    node_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    #: JSON Pointer of every ``@context`` entry naming a URL -> that URL
    context_urls: dict[str, str] = field(default_factory=dict)
    #: IRI node -> (number of keys, -depth) of the JSON object its pointer was taken from
    iri_weights: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: the default graph as N-Triples (set by the fast path; computed on demand otherwise)
    ntriples_text: str | None = None
    #: builds the dataset on first use (the fast path defers it: most checks need only N-Quads)
    lazy_dataset: Callable[[], dict[str, list[dict[str, Any]]]] | None = field(default=None, repr=False)
    _dataset: dict[str, list[dict[str, Any]]] | None = field(default=None, repr=False)
    #: the fast path: builds ``ntriples_text`` on first use; (template, slot strings) it came from
    lazy_ntriples: Callable[[], str] | None = field(default=None, repr=False)
    origin: Any = field(default=None, repr=False)

    @property
    def dataset(self) -> dict[str, list[dict[str, Any]]] | None:
        """The RDF dataset in pyld's form (graph name -> triples), or None when there is none."""
        if self._dataset is None and self.lazy_dataset is not None:
            self._dataset = self.lazy_dataset()
            self.lazy_dataset = None
        return self._dataset

    @dataset.setter
    def dataset(self, value: dict[str, list[dict[str, Any]]] | None) -> None:
        self._dataset = value

    @property
    def node_pointers(self) -> dict[str, str]:
        """Node id (IRI or blank node label in ``dataset``) -> JSON Pointer of its JSON object."""
        if self._node_pointers is None:
            self._node_pointers = self.lazy_node_pointers() if self.lazy_node_pointers else {}
            self.lazy_node_pointers = None
        return self._node_pointers

    @property
    def has_rdf(self) -> bool:
        return self.error is None and (self._dataset is not None or self.lazy_dataset is not None)

    def ntriples(self) -> str | None:
        """The default graph as N-Triples (one line per triple, in no particular order)."""
        if self.ntriples_text is None and self.lazy_ntriples is not None:
            self.ntriples_text = self.lazy_ntriples()
            self.lazy_ntriples = None
        if self.ntriples_text is None:
            ds = self.dataset
            if ds is None:
                return None
            text = _pyld().JsonLdProcessor.to_nquads({"@default": ds.get("@default", [])})
            self.ntriples_text = text
        return self.ntriples_text

    def key_pointer(self, node_pointer: str, predicate: str) -> str | None:
        key = self.node_keys.get(node_pointer, {}).get(predicate)
        return None if key is None else join(node_pointer, key)


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
def _tracing() -> type[_TracingProcessor]:
    return type("TracingProcessor", (_TracingProcessor, _pyld().JsonLdProcessor), {})


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

    jsonld = _pyld()
    proc = _tracing()(data)
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
        result.error = _root_cause(e)
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


def _root_cause(e: BaseException) -> Exception:
    """The innermost cause that says something: a ContextError, or the deepest JsonLdError."""
    jsonld = _pyld()
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
    if isinstance(e, _pyld().JsonLdError):
        msg = e.args[0] if e.args else str(e)
        code = getattr(e, "code", None)
        return f"{msg} ({code})" if code else str(msg)
    return str(e)


def iter_triples(dataset: Mapping[str, list[dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for graph, triples in dataset.items():
        for t in triples:
            yield graph, t
