"""Type values the active JSON-LD contexts do not define (rule ob3.undefined-type).

The terms of a document's ``@context`` (cached per context registry), and a walk over the
document that names every ``type`` value that is neither one of them nor an absolute IRI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...detect import as_list
from ...jsonld import ISSUER_DEPENDENT, ContextError, ContextRegistry
from ...pointer import join
from ...report import Finding
from .. import CheckContext
from .rules import UNDEFINED_TYPE
from .values import severity_setting

#: the attribute of a registry holding its terms per @context value
_TERMS = "_ob3_defined_terms"
_ANY = frozenset({"*"})  # a context with its own @vocab defines every type value


def _collect(ctx: Any, registry: ContextRegistry, out: set[str], seen: set[str]) -> bool:
    """Add the term names of ``ctx`` (and of the contexts it names) to ``out``.

    Returns False when some context cannot be loaded.
    """
    if isinstance(ctx, list):
        return all(_collect(c, registry, out, seen) for c in ctx)
    if isinstance(ctx, str):
        if ctx in seen:
            return True
        seen.add(ctx)
        try:
            doc = registry.load(ctx)
        except ContextError:
            return False
        return _collect(doc.get("@context") if isinstance(doc, dict) else None, registry, out, seen)
    if not isinstance(ctx, dict):
        return True
    ok = True
    vocab = ctx.get("@vocab")
    if isinstance(vocab, str) and not vocab.startswith(ISSUER_DEPENDENT):
        out.add("*")
    for term, value in ctx.items():
        if not term.startswith("@"):
            out.add(term)
        if isinstance(value, dict) and "@context" in value:
            ok = _collect(value["@context"], registry, out, seen) and ok
    return ok


def defined_terms(contexts: Any, registry: ContextRegistry) -> frozenset[str] | None:
    """Every term defined by ``contexts`` (a document's @context value), or None if unknown."""
    key: tuple[str, ...] | None = None
    if isinstance(contexts, str | list) and all(isinstance(c, str) for c in as_list(contexts)):
        key = tuple(as_list(contexts))
        known = _known(registry)
        if key in known:
            return known[key]
    out: set[str] = set()
    result: frozenset[str] | None = None
    if _collect(contexts, registry, out, set()):
        result = _ANY if "*" in out else frozenset(out)
    if key is not None:
        _known(registry)[key] = result
    return result


def _known(registry: ContextRegistry) -> dict[tuple[str, ...], frozenset[str] | None]:
    """The terms per @context value, kept on the registry (they live and die with it, as
    fastld's caches do; a plain attribute is cheaper to read than a weak mapping)."""
    known: dict[tuple[str, ...], frozenset[str] | None] | None = registry.__dict__.get(_TERMS)
    if known is None:
        known = registry.__dict__[_TERMS] = {}
    return known


def undefined_types(
    node: Any, ptr: str, terms: frozenset[str], registry: ContextRegistry
) -> Iterator[tuple[str, str]]:
    """(pointer, value) of every type value under ``node`` that the active contexts do not define.

    An object with its own ``@context`` (an embedded endorsement) adds that context's terms;
    a subtree whose context cannot be loaded is skipped.
    """
    # a path is the root pointer or (parent path, token): pointers are built only for findings
    stack: list[tuple[Any, Any, frozenset[str]]] = [(node, ptr, terms)]
    while stack:
        value, p, active = stack.pop()
        if isinstance(value, dict):
            if value is not node and "@context" in value:
                more = defined_terms(value["@context"], registry)
                if more is None or more is _ANY:
                    continue
                active = active | more
            for k, v in value.items():
                if k == "@context":
                    continue
                if k in ("type", "@type"):
                    items = v if isinstance(v, list) else [v]
                    for i, t in enumerate(items):
                        if isinstance(t, str) and ":" not in t and t not in active:
                            at = _pointer(p)
                            yield (join(at, k, i) if isinstance(v, list) else join(at, k)), t
                elif isinstance(v, dict | list):  # strings and numbers hold no type
                    stack.append((v, (p, k), active))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, dict | list):
                    stack.append((v, (p, i), active))


def _pointer(path: Any) -> str:
    """The JSON Pointer of a path of :func:`undefined_types`."""
    tokens: list[str | int] = []
    while isinstance(path, tuple):
        path, token = path
        tokens.append(token)
    out: str = path
    for token in reversed(tokens):
        out = join(out, token)
    return out


def undefined_type_findings(cred: dict[str, Any], base: str, ctx: CheckContext) -> Iterator[Finding]:
    """Type values the active contexts do not define (severity: like undefined keys)."""
    sev = severity_setting(ctx.setting("undefined_terms", "error"), "error")
    if "@context" in cred and sev is not None:
        terms = defined_terms(cred["@context"], ctx.registry)
        if terms is not None and terms is not _ANY:
            for ptr, value in _undefined(cred, base, terms, ctx):
                yield UNDEFINED_TYPE.finding(
                    f'the type "{value}" is not defined by the active @context',
                    ptr,
                    severity=sev,
                    value=value,
                )


#: kept on the context registry (so it lives as long as its templates): id(template) ->
#: (template, base, terms, what undefined_types gave for it)
_BY_TEMPLATE = "_ob3_undefined_types"
_MAX_TEMPLATES = 512


def _undefined(
    cred: dict[str, Any], base: str, terms: frozenset[str], ctx: CheckContext
) -> list[tuple[str, str]]:
    """:func:`undefined_types` of the credential, once per JSON-LD template.

    When the JSON-LD check took the fast path (:mod:`mcconform.fastld`), the document's
    template was chosen by its skeleton: every key, every list, every ``type``, ``@type`` and
    ``@context`` value verbatim, only the other strings replaced.  That is all
    :func:`undefined_types` reads, so documents of one template give the same answer.
    """
    res = ctx.state.get("jsonld")  # never computed here: only when the JSON-LD check ran
    origin = getattr(res, "origin", None)
    if origin is None:
        return list(undefined_types(cred, base, terms, ctx.registry))
    template = origin[0]
    known: dict[int, tuple[Any, str, frozenset[str], list[tuple[str, str]]]] = (
        ctx.registry.__dict__.setdefault(_BY_TEMPLATE, {})
    )
    hit = known.get(id(template))
    if hit is not None and hit[0] is template and hit[1] == base and hit[2] is terms:
        return hit[3]
    found = list(undefined_types(cred, base, terms, ctx.registry))
    if len(known) >= _MAX_TEMPLATES:
        known.clear()
    known[id(template)] = (template, base, terms, found)
    return found
