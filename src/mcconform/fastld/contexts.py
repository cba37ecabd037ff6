"""What the fast path knows of the contexts: every term they define (a string with such a
scheme may be a compact IRI), the terms coerced to ``@vocab``, the digest of the bundled
contexts, and the loading of every context a document names (:func:`load_referenced`)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from .. import runcache
from ..jsonld.contexts import bundled_context, bundled_manifest
from .template import MAX_TEMPLATES

if TYPE_CHECKING:
    from ..jsonld.registry import ContextRegistry


def _manifest_digest() -> str:
    """One digest of every bundled context (url and pinned sha256)."""
    entries = sorted((e.url, e.sha256) for e in bundled_manifest().values())
    return hashlib.sha256(json.dumps(entries).encode()).hexdigest()


def _bundled_terms() -> tuple[set[str], set[str]]:
    """(every term, terms coerced to ``@vocab``) of the bundled contexts (kept across runs)."""
    key = _manifest_digest()
    got = runcache.load("context-terms", key)
    if isinstance(got, tuple) and len(got) == 2 and all(isinstance(x, frozenset) for x in got):
        return set(got[0]), set(got[1])
    terms: set[str] = set()
    vocab: set[str] = set()
    for url in sorted(bundled_manifest()):
        doc = bundled_context(url)
        _collect_all_terms(doc.get("@context") if isinstance(doc, dict) else None, terms, vocab)
    runcache.store("context-terms", key, (frozenset(terms), frozenset(vocab)))
    return terms, vocab


def load_referenced(registry: ContextRegistry, urls: Any) -> None:
    """Load every context ``urls`` name, and the contexts those name (``@import``, scoped
    contexts), as pyld would: whether a document's template came from the cache or from pyld,
    the registry then holds the same contexts (and so the same term names for messages)."""
    todo = [u for u in urls if isinstance(u, str)]
    done: set[tuple[str, ...]] = registry.__dict__.setdefault("_referenced_done", set())
    key = tuple(todo)
    if key in done:
        return  # loaded for an earlier document already
    if len(done) < MAX_TEMPLATES:
        done.add(key)
    seen: set[str] = set()
    while todo:
        url = todo.pop()
        if url in seen or not registry.known(url):  # never a fetch pyld would not make
            continue
        seen.add(url)
        try:
            doc = registry.load(url)
        except Exception:  # reported by the JSON-LD check; nothing more to load
            continue
        _context_refs(doc.get("@context") if isinstance(doc, dict) else None, todo)


def _context_refs(ctx: Any, out: list[str]) -> None:
    if isinstance(ctx, str):
        out.append(ctx)
    elif isinstance(ctx, list):
        for c in ctx:
            _context_refs(c, out)
    elif isinstance(ctx, dict):
        for k, v in ctx.items():
            if k == "@import" and isinstance(v, str):
                out.append(v)
            elif isinstance(v, dict) and "@context" in v:
                _context_refs(v["@context"], out)


def _collect_all_terms(ctx: Any, out: set[str], vocab: set[str]) -> None:
    if isinstance(ctx, list):
        for c in ctx:
            _collect_all_terms(c, out, vocab)
    elif isinstance(ctx, dict):
        for k, v in ctx.items():
            if not k.startswith("@"):
                out.add(k)
            if isinstance(v, dict):
                if v.get("@type") == "@vocab":
                    vocab.add(k)
                if "@context" in v:
                    _collect_all_terms(v["@context"], out, vocab)
