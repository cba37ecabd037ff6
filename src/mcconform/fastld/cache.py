"""The fast path's templates per skeleton (:class:`TemplateCache`, one per context registry,
in memory and across runs), and the document-level entry: skeleton, template, parity guards,
substitution (:meth:`TemplateCache.process`)."""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from .. import runcache
from ..jsonld.contexts import bundled_manifest
from .contexts import _bundled_terms, _collect_all_terms, _manifest_digest
from .guards import iri_slots_accepted
from .instance import instantiate
from .skeleton import KEEP, shape, skeleton
from .template import MAX_TEMPLATES, Template, compile_template

if TYPE_CHECKING:
    from ..jsonld.registry import ContextRegistry
    from ..jsonld.result import JsonLdResult

#: the modules whose code decides a template (their stamps are in the keys kept across runs)
_DECIDES = (
    "pyld",
    "mcconform.fastld.skeleton",
    "mcconform.fastld.template",
    "mcconform.fastld.guards",
    "mcconform.jsonld.contexts",
    "mcconform.jsonld.errors",
    "mcconform.jsonld.expand",
    "mcconform.jsonld.registry",
    "mcconform.jsonld.result",
    "mcconform.jsonld.tracing",
    "mcconform.pointer",
)


class TemplateCache:
    """Templates per skeleton for one :class:`~mcconform.jsonld.ContextRegistry` (LRU)."""

    def __init__(self, registry: ContextRegistry, maxsize: int = MAX_TEMPLATES) -> None:
        self.registry = registry
        self.maxsize = maxsize
        self._items: OrderedDict[str | bytes, Template] = OrderedDict()
        self._good_iris: set[str] = set()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.fallbacks = 0
        self._terms: frozenset[str] | None = None
        self._keep: frozenset[str] = KEEP
        self._terms_at = -1

    def _refresh(self) -> None:
        loaded = self.registry.loaded_contexts()
        if self._terms is not None and self._terms_at == len(loaded):
            return
        terms, vocab = _bundled_terms()
        for url, doc in loaded.items():
            if url in bundled_manifest() and url not in self.registry.overrides:
                continue  # the bundled document: its terms are in already
            _collect_all_terms(doc.get("@context") if isinstance(doc, dict) else None, terms, vocab)
        self._terms = frozenset(terms)
        self._good_iris.clear()  # a new term can make a string a compact IRI
        self._keep = KEEP | frozenset(vocab)
        self._terms_at = len(loaded)

    def defined_terms(self) -> frozenset[str]:
        """Every term the contexts define (a string with such a scheme may be a compact IRI)."""
        self._refresh()
        assert self._terms is not None
        return self._terms

    def keep_keys(self) -> frozenset[str]:
        """Keys whose values stay verbatim: :data:`KEEP` and every term coerced to ``@vocab``
        (such values are terms themselves, e.g. ``"proofPurpose": "assertionMethod"``)."""
        self._refresh()
        return self._keep

    def template(self, skel: Any) -> Template:
        # marshal (format 2: no back-references) writes equal JSON values as equal bytes, and
        # unequal ones (also True / 1 / 1.0) as unequal bytes; much faster than json.dumps
        try:
            key: str | bytes = b"m" + marshal.dumps(skel, 2)
        except ValueError:  # not a JSON value after all
            key = json.dumps(skel, ensure_ascii=False, separators=(",", ":"))
        return self._template(key, lambda: skel)

    def _template(self, key: str | bytes, make_skeleton: Any) -> Template:
        with self._lock:
            t = self._items.get(key)
            if t is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return t
        disk_key = self._disk_key(key)
        t = runcache.load("template", disk_key) if disk_key else None
        if not isinstance(t, Template):
            t = compile_template(make_skeleton(), self.registry)
            if disk_key:
                runcache.store("template", disk_key, t)
        with self._lock:
            self.misses += 1
            self._items[key] = t
            if len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return t

    def _disk_key(self, skeleton_key: str | bytes) -> str | None:
        """The key of a template kept across runs, or None when the registry's contexts are
        not only the bundled ones (``--context`` overrides, online loading)."""
        if self.registry.overrides or self.registry.online:
            return None
        code = "\n".join(runcache.engine_stamp(m) for m in _DECIDES)
        if isinstance(skeleton_key, bytes):
            skeleton_key = f"marshal:{sys.version_info[:2]}:{hashlib.sha256(skeleton_key).hexdigest()}"
        return f"{code}\n{_manifest_digest()}\n{skeleton_key}"

    def process(self, data: Any) -> JsonLdResult | None:
        """The JSON-LD result for ``data`` by substitution, or None for the reference path."""
        keep = self.keep_keys()
        form, values = shape(data, keep)
        try:  # the shape stands for the skeleton (see skeleton.shape): its bytes are the key
            key = b"k" + marshal.dumps(form, 2)
        except ValueError:  # not a JSON value after all
            skel, values = skeleton(data, keep)
            t = self.template(skel)
        else:
            t = self._template(key, lambda: skeleton(data, keep)[0])
        if not t.ok or t.result is None:
            self.fallbacks += 1
            return None
        if not iri_slots_accepted(t, values, self.defined_terms(), self._good_iris):
            self.fallbacks += 1
            return None
        return instantiate(t, values)


def templates(registry: ContextRegistry) -> TemplateCache:
    """The fast path's JSON-LD templates of ``registry`` (one cache per registry, kept on it)."""
    cache: TemplateCache | None = getattr(registry, "_templates", None)
    if cache is None:
        cache = TemplateCache(registry)
        registry._templates = cache  # type: ignore[attr-defined]
    return cache
