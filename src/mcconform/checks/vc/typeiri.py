"""Every type value must map to a URL: the JSON-LD expansion of ``type`` values.

The active context is built with pyld through the run's :class:`~mcconform.jsonld.ContextRegistry`
(bundled contexts, ``--context``, ``--online``): the document's @context, then the contexts
of embedded objects and the property- and type-scoped contexts on the way down.  A term the
contexts do not define (``{"@vocab": null}``), or one defined as something that is no URL,
is reported at its pointer.  When the contexts cannot be processed (unknown, invalid) nothing
is reported here: the jsonld check says why.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Iterator
from typing import Any

from ... import runcache
from ...jsonld import ContextError, ContextRegistry, _root_cause, describe_error
from ...pointer import join
from ...report import Finding
from ...rules import rule
from .common import is_url, vcdm2

TYPE_IRI = rule(
    "vc.type-iri",
    "error",
    "Every type value must be a URL, or a term the @context maps to a URL.",
    vcdm2("4.5", "Types", "types"),
    """
    "The value of the type property MUST be one or more terms and/or absolute URL strings.  If
    one or more terms are used, they MUST map to URLs"; a term that no context defines is a
    type nobody can interpret.
    PASS: ``"type": ["VerifiableCredential", "https://example.org/#Example"]``;
    a term defined by the context (``"ExampleTestCredential": "https://example.org/#Example"``)
    FAIL: with ``{"@vocab": null}`` in @context, ``"type": ["VerifiableCredential", "ExampleCred"]``;
    ``"ExampleTestCredential": "https ://not-a-url#ExampleTestCredential"``.
    """,
)

_MAX_NODES = 20000


class _Expander:
    def __init__(self, registry: ContextRegistry) -> None:
        from pyld import jsonld as pyld  # only when the findings are not known already

        self.proc = pyld.JsonLdProcessor()
        self.options = {**registry.options(), "base": "", "processingMode": "json-ld-1.1"}

    def apply(self, active: Any, local: Any, *, override_protected: bool = False) -> Any:
        return self.proc._process_context(active, local, self.options, override_protected=override_protected)

    def apply_lenient(self, active: Any, local: Any, broken: dict[str, str]) -> Any:
        """``apply``, or, when the context cannot be processed as a whole, entry by entry and
        term by term, recording in ``broken`` the terms whose definition failed (the jsonld
        check reports the failure itself).  ``{"@vocab": null}`` (valid JSON-LD 1.1, which
        pyld mishandles) removes the vocabulary mapping.  An unknown or unloadable context
        raises: then nothing can be said."""
        try:
            return self.apply(active, local)
        except Exception as e:
            if _context_error(e):
                raise
        for entry in local if isinstance(local, list) else [local]:
            if not isinstance(entry, dict):
                active = self.apply(active, entry)
                continue
            head = {k: v for k, v in entry.items() if k.startswith("@") and not (k == "@vocab" and v is None)}
            active = self.apply(active, head)
            if entry.get("@vocab", "") is None:
                active = dict(active)
                active.pop("@vocab", None)
            for term, definition in entry.items():
                if term.startswith("@"):
                    continue
                try:
                    active = self.apply(active, {**head, term: definition})
                except Exception as e:
                    if _context_error(e):
                        raise
                    broken[term] = describe_error(_root_cause(e))
        return active

    def scoped(self, active: Any, term: str) -> Any:
        definition = active.get("mappings", {}).get(term)
        if isinstance(definition, dict) and "@context" in definition:
            return self.apply(active, definition["@context"], override_protected=True)
        return active

    def iri(self, active: Any, value: str) -> Any:
        return self.proc._expand_iri(active, value, vocab=True)


def type_iris(node: dict[str, Any], ptr: str, registry: ContextRegistry) -> Iterator[Finding]:
    """Findings for type values (of ``node`` and everything under it) that map to no URL.

    They depend only on what :func:`_walk` reads (the type skeleton: ``@context``, ``type``,
    the nesting), the pointer and the contexts: known for a skeleton seen before, in this run
    or (bundled contexts only) an earlier one, without pyld."""
    try:
        skel_key = b"m" + marshal.dumps((ptr, _skeleton(node)), 2)
    except ValueError:  # not a JSON value after all
        yield from _type_iris(node, ptr, registry)
        return
    memo: dict[bytes, tuple[Finding, ...]] = registry.__dict__.setdefault("_type_iri_memo", {})
    got = memo.get(skel_key)
    if got is None:
        disk_key = _disk_key(registry, skel_key)
        loaded = runcache.load("type-iris", disk_key) if disk_key else None
        if isinstance(loaded, tuple) and all(isinstance(f, Finding) for f in loaded):
            got = loaded
        else:
            got = tuple(_type_iris(node, ptr, registry))
            if disk_key:
                runcache.store("type-iris", disk_key, got)
        if len(memo) < 4096:
            memo[skel_key] = got
    yield from got


def _skeleton(value: Any) -> Any:
    """What :func:`_walk` reads of ``value``: lists (scalar items as None: they count as
    nodes), objects with their ``@context``, ``type`` / ``@type`` and object or list members
    in order, ``@value`` objects as a marker."""
    if isinstance(value, list):
        return [_skeleton(v) if isinstance(v, dict | list) else None for v in value]
    if not isinstance(value, dict):
        return None
    if "@value" in value:
        return "@value"
    return {
        k: (v if k in ("@context", "type", "@type") else _skeleton(v))
        for k, v in value.items()
        if k in ("@context", "type", "@type") or isinstance(v, dict | list)
    }


#: the modules whose code decides the findings (and the Finding class they are kept as)
_DECIDES = (
    "pyld",
    __name__,
    "mcconform.checks.vc.common",
    "mcconform.jsonld",
    "mcconform.pointer",
    "mcconform.report",
)


def _disk_key(registry: ContextRegistry, skel_key: bytes) -> str | None:
    """The run-cache key, or None when the contexts are not only the bundled ones."""
    if registry.overrides or registry.online:
        return None
    from ...fastld import _manifest_digest

    code = "\n".join(runcache.engine_stamp(m) for m in _DECIDES)
    digest = hashlib.sha256(skel_key).hexdigest()
    return f"{code}\n{_manifest_digest()}\nmarshal:{sys.version_info[:2]}:{digest}"


def _type_iris(node: dict[str, Any], ptr: str, registry: ContextRegistry) -> Iterator[Finding]:
    try:
        exp = _Expander(registry)
        active = exp.proc._get_initial_context(exp.options)
        broken: dict[str, str] = {}
        if "@context" in node:
            active = exp.apply_lenient(active, node["@context"], broken)
        found: list[Finding] = []
        _walk(exp, node, ptr, active, found, [0], broken)
    except Exception:  # the contexts cannot be processed: the jsonld check reports it
        return
    yield from found


def _context_error(e: BaseException) -> bool:
    cur: BaseException | None = e
    for _ in range(20):
        if cur is None:
            return False
        if isinstance(cur, ContextError):
            return True
        details = getattr(cur, "details", None)
        nxt = cur.__cause__ or cur.__context__
        if nxt is None and isinstance(details, dict) and isinstance(details.get("cause"), BaseException):
            nxt = details["cause"]
        cur = nxt
    return False


def _walk(
    exp: _Expander,
    value: Any,
    ptr: str,
    active: Any,
    out: list[Finding],
    count: list[int],
    broken: dict[str, str],
) -> None:
    count[0] += 1
    if count[0] > _MAX_NODES:
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            _walk(exp, item, join(ptr, i), active, out, count, broken)
        return
    if not isinstance(value, dict) or "@value" in value:
        return
    if "@context" in value and ptr:
        active = exp.apply(active, value["@context"])
    raw = value.get("type", value.get("@type"))
    key = "type" if "type" in value else "@type"
    node_active = active
    if raw is not None:
        items = raw if isinstance(raw, list) else [raw]
        for i, t in enumerate(items):
            if not isinstance(t, str):
                continue
            expanded = exp.iri(active, t)
            if t in broken:
                p = join(ptr, key, i) if isinstance(raw, list) else join(ptr, key)
                why = f"JSON-LD refuses its definition in @context ({broken[t]})"
                out.append(TYPE_IRI.finding(f'the type "{t}" does not map to a URL: {why}', p, value=t))
                continue
            if not (isinstance(expanded, str) and (is_url(expanded) or expanded.startswith("_:"))):
                p = join(ptr, key, i) if isinstance(raw, list) else join(ptr, key)
                why = (
                    "no @context term defines it"
                    if expanded in (None, t)
                    else f"it maps to {expanded!r}, which is not a URL"
                )
                out.append(TYPE_IRI.finding(f'the type "{t}" does not map to a URL: {why}', p, value=t))
        for t in sorted(x for x in items if isinstance(x, str)):
            node_active = exp.scoped(node_active, t)
    for k, child in value.items():
        if k in ("@context", "type", "@type") or not isinstance(child, dict | list):
            continue
        _walk(exp, child, join(ptr, k), exp.scoped(node_active, k), out, count, broken)
