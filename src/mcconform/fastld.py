"""Fast JSON-LD to RDF: one pyld run per document *shape*, string substitution for the rest.

JSON-LD processing (context resolution, type-scoped contexts, term expansion) depends on the
keys, the ``@context`` and ``type`` values and the kinds of the values of a document, not on
most of its strings.  Exports hold thousands of credentials of the same shape, so mcconform
processes the shape once and reuses the result:

1. **Skeleton.**  Every string leaf of the document becomes a placeholder IRI
   ``urn:x-mcconform:N`` (N numbers the leaves in document order), except the values that
   steer processing, which stay as they are: ``@context``, ``type`` / ``@type``,
   ``@language``, ``@direction`` and ``@index``.  Numbers, booleans and ``null`` stay too.
   The skeleton's JSON text is the cache key.
2. **Template.**  The skeleton goes through the reference path (:func:`mcconform.jsonld.process`,
   i.e. pyld with tracing).  In the resulting dataset each placeholder is either a whole IRI
   (the value was an ``@id``, or a term coerced to ``@id`` / ``@vocab``) or a whole literal.
   A template is *refused* (the shape always takes the reference path) when processing
   fails or when a placeholder shows up anywhere else: inside a literal (``@json``), in a
   predicate, datatype or language tag, or as an ``rdf:type`` object.
3. **Instance.**  For a document of that shape, each placeholder is replaced by the
   document's string: verbatim in a literal; in an IRI position only when the string is a
   plain absolute IRI that pyld would leave untouched (a scheme, no whitespace, not a blank
   node label, and a scheme that no loaded context defines as a term, so that no compact IRI
   expansion can apply).  Any other string sends the document down the reference path.

The result is the same dataset (the same triples and blank node labels), the same undefined
terms and the same pointer maps as the reference path: ``tests/test_fastpath.py`` checks it
on the corpus and on mutations of it.  Only the order of triples may differ, and duplicates
that pyld merges (two ``id`` strings naming the same node) may repeat; both are sets in RDF.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import runcache
from .jsonld import bundled_context, bundled_manifest

if TYPE_CHECKING:
    from .jsonld import ContextRegistry, JsonLdResult

PLACEHOLDER = "urn:x-mcconform:"
_PH_RE = re.compile(r"^urn:x-mcconform:(\d+)$")
#: keys whose values steer JSON-LD processing: kept verbatim in the skeleton
KEEP = frozenset({"type", "@type", "@language", "@direction", "@index"})
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: what pyld's ``_is_absolute_iri`` accepts, minus blank node labels
_PLAIN_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*:[^\s]*$")
#: characters an N-Quads IRI may not contain (pyld writes IRIs unescaped)
_BAD_IRI_CHARS = re.compile(r'[<>"{}|^`\\\x00-\x20]')
MAX_TEMPLATES = 512
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')


def skeleton(data: Any, keep_keys: frozenset[str] = KEEP) -> tuple[Any, list[str]]:
    """The document with its free string leaves replaced by placeholders, and those strings.

    The values of ``keep_keys`` stay verbatim (with everything under them).
    """
    values: list[str] = []
    append = values.append
    names = _placeholders

    def leaf(x: Any) -> Any:
        t = type(x)
        if t is str:
            append(x)
            n = len(values) - 1
            return names[n] if n < len(names) else f"{PLACEHOLDER}{n}"
        if t is dict:
            return obj(x)
        if t is list:
            return [leaf(y) for y in x]
        return x

    def obj(v: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, x in v.items():
            # "@context" and the keys that steer processing keep their values verbatim
            if k == "@context" or k in keep_keys:
                out[k] = x
            elif type(x) is str:  # leaf(x), inlined: most values are strings
                try:
                    out[k] = names[len(values)]
                except IndexError:
                    out[k] = f"{PLACEHOLDER}{len(values)}"
                append(x)
            else:
                out[k] = leaf(x)
        return out

    return leaf(data), values


#: the first placeholders, made once (a document has hundreds of string leaves)
_placeholders = [f"{PLACEHOLDER}{n}" for n in range(8192)]


# a term of a template quad: ("s", text) static N-Quads text, ("i", n) IRI slot, ("l", n) literal slot
Part = tuple[str, Any]
_DEFAULT: Part = ("s", "")


@dataclass
class Template:
    """What the reference path gave for one skeleton, ready for substitution."""

    ok: bool
    result: JsonLdResult | None = None
    #: quads as parts (subject, predicate, object, graph); the default graph is written as N-Triples
    quads: list[tuple[Part, Part, Part, Part]] = field(default_factory=list)
    #: placeholder numbers used as IRIs (their strings must be plain absolute IRIs)
    iri_slots: frozenset[int] = frozenset()
    #: whether the dataset has RDF lists (IRI strings must then sort like the placeholders)
    has_lists: bool = False
    #: pyld's triples per graph, with the slot numbers of (graph, subject, object) or None
    raw: list[tuple[str, dict[str, Any], int | None, int | None, int | None]] = field(default_factory=list)
    reason: str = ""
    #: the default graph's N-Triples as static text between slots: ``static[0] + slot[0] +
    #: static[1] + ...``; a slot is (placeholder number, is a literal)
    static: list[str] = field(default_factory=list)
    slots: list[tuple[int, bool]] = field(default_factory=list)
    #: per process, for :mod:`mcconform.verdicts`: shapes -> (slot use, clean keys); not kept on disk
    verdicts: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "verdicts": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.verdicts = {}

    def __post_init__(self) -> None:
        if self.static or not self.ok:
            return
        buf = ""
        for quad in self.quads:
            s_, p_, o_, g_ = quad
            if g_ != _DEFAULT:
                continue
            for i, part in enumerate((s_, p_, o_)):
                sep = " " if i < 2 else " .\n"
                kind, x = part
                if kind == "s":
                    buf += str(x) + sep
                elif kind == "i":
                    self.static.append(buf + "<")
                    self.slots.append((x, False))
                    buf = ">" + sep
                else:
                    n, suffix = x
                    self.static.append(buf + '"')
                    self.slots.append((n, True))
                    buf = '"' + suffix + sep
        self.static.append(buf)


def _slot(t: dict[str, Any]) -> int | None:
    m = _PH_RE.match(t.get("value", ""))
    return int(m.group(1)) if m else None


def _lit_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _static_term(t: dict[str, Any]) -> str:
    kind = t["type"]
    if kind == "IRI":
        return f"<{t['value']}>"
    if kind == "blank node":
        return str(t["value"])
    out = f'"{_lit_text(t["value"])}"'
    if t.get("language"):
        return f"{out}@{t['language']}"
    dt = t.get("datatype")
    if dt and dt != XSD_STRING:
        return f"{out}^^<{dt}>"
    return out


def compile_template(skel: Any, registry: ContextRegistry) -> Template:
    from .jsonld import process

    res = process(skel, registry, rdf=True)
    if res.error is not None or res.dataset is None:
        return Template(False, reason="JSON-LD processing of the skeleton failed")
    quads: list[tuple[Part, Part, Part, Part]] = []
    raw: list[tuple[str, dict[str, Any], int | None, int | None, int | None]] = []
    iri_slots: set[int] = set()

    def part(t: dict[str, Any], *, literal_ok: bool) -> Part | None:
        value = t.get("value", "")
        if PLACEHOLDER not in value:
            if PLACEHOLDER in (t.get("datatype") or "") or PLACEHOLDER in (t.get("language") or ""):
                return None
            return ("s", _static_term(t))
        n = _slot(t)
        if n is None:
            return None
        if t["type"] == "IRI":
            iri_slots.add(n)
            return ("i", n)
        if t["type"] == "literal" and literal_ok:
            if PLACEHOLDER in (t.get("datatype") or "") or PLACEHOLDER in (t.get("language") or ""):
                return None
            suffix = ""
            if t.get("language"):
                suffix = f"@{t['language']}"
            elif t.get("datatype") and t["datatype"] != XSD_STRING:
                suffix = f"^^<{t['datatype']}>"
            return ("l", (n, suffix))
        return None

    for graph, triples in res.dataset.items():
        if graph == "@default":
            g: Part | None = _DEFAULT
        elif PLACEHOLDER in graph:
            m = _PH_RE.match(graph)
            if m is None:
                return Template(False, reason="placeholder inside a graph name")
            iri_slots.add(int(m.group(1)))
            g = ("i", int(m.group(1)))
        else:
            g = ("s", graph if graph.startswith("_:") else f"<{graph}>")
        for t in triples:
            pred = t["predicate"]
            if PLACEHOLDER in pred.get("value", ""):
                return Template(False, reason="placeholder in a predicate")
            o = t["object"]
            if pred.get("value") == RDF_TYPE and PLACEHOLDER in o.get("value", ""):
                return Template(False, reason="placeholder as an rdf:type")
            s_part = part(t["subject"], literal_ok=False)
            o_part = part(o, literal_ok=True)
            if s_part is None or o_part is None or g is None:
                return Template(False, reason="placeholder inside a term")
            quads.append((s_part, ("s", f"<{pred['value']}>"), o_part, g))
            raw.append(
                (
                    graph,
                    t,
                    g[1] if g[0] == "i" else None,
                    s_part[1] if s_part[0] == "i" else None,
                    o_part[1] if o_part[0] == "i" else (o_part[1][0] if o_part[0] == "l" else None),
                )
            )
    refusal = _list_order_dependency(res.dataset)
    if refusal:
        return Template(False, reason=refusal)
    has_lists = any(t["predicate"]["value"] == RDF_FIRST for ts in res.dataset.values() for t in ts)
    # a node identifier with no triples of its own still names a node in the pointer map: its
    # string must be a plain absolute IRI too (a relative one is resolved by the reference path)
    for label in res.node_pointers:
        m = _PH_RE.match(label)
        if m is not None:
            iri_slots.add(int(m.group(1)))
    return Template(True, res, quads, frozenset(iri_slots), has_lists=has_lists, raw=raw)


def _list_order_dependency(dataset: dict[str, list[dict[str, Any]]]) -> str:
    """Why the blank node labels of RDF lists would depend on the strings, or "".

    pyld labels list nodes while it walks the subjects of each graph in sorted order, so the
    labels follow the order of the subjects that hold lists: with two such subjects named by
    placeholders, or a placeholder graph name, the document's own strings could sort the
    other way.  (One such subject keeps its place after the blank nodes: the substituted
    IRI must then start with a lower-case letter, like the placeholder.)
    """
    for graph, triples in dataset.items():
        heads = {t["subject"]["value"] for t in triples if t["predicate"]["value"] == RDF_FIRST}
        if not heads:
            continue
        if PLACEHOLDER in graph:
            return "RDF lists in a graph named by a placeholder"
        holders = {
            t["subject"]["value"]
            for t in triples
            if t["object"]["type"] == "blank node"
            and t["object"]["value"] in heads
            and t["predicate"]["value"] != RDF_REST
            and t["subject"]["type"] == "IRI"
        }
        if sum(PLACEHOLDER in h for h in holders) > 1 or any(PLACEHOLDER not in h for h in holders):
            return "RDF lists held by several subjects named by placeholders"
    return ""


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
        decides = ("pyld", "mcconform.fastld", "mcconform.jsonld", "mcconform.pointer")
        code = "\n".join(runcache.engine_stamp(m) for m in decides)
        if isinstance(skeleton_key, bytes):
            skeleton_key = f"marshal:{sys.version_info[:2]}:{hashlib.sha256(skeleton_key).hexdigest()}"
        return f"{code}\n{_manifest_digest()}\n{skeleton_key}"

    def process(self, data: Any) -> JsonLdResult | None:
        """The JSON-LD result for ``data`` by substitution, or None for the reference path."""
        skel, values = skeleton(data, self.keep_keys())
        t = self.template(skel)
        if not t.ok or t.result is None:
            self.fallbacks += 1
            return None
        terms = self.defined_terms()
        good = self._good_iris
        for n in t.iri_slots:
            v = values[n]
            if v in good and not t.has_lists:
                continue  # seen and accepted before (vocabulary IRIs repeat in every document)
            if (
                not _PLAIN_IRI.match(v)
                or _BAD_IRI_CHARS.search(v)
                or v.partition(":")[0] in terms
                or (t.has_lists and not v[0].islower())
            ):
                self.fallbacks += 1
                return None
            if len(good) < 65536:
                good.add(v)
        return instantiate(t, values)


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


def instantiate(t: Template, values: list[str]) -> JsonLdResult:
    from .jsonld import JsonLdResult

    base = t.result
    assert base is not None
    static = t.static

    def ntriples() -> str:
        pieces = [static[0]]
        if _NEEDS_ESCAPE.search("".join(values)) is None:  # the common case: nothing to escape
            for k, (n, _literal) in enumerate(t.slots, 1):
                pieces.append(values[n])
                pieces.append(static[k])
        else:
            for k, (n, literal) in enumerate(t.slots, 1):
                v = values[n]
                pieces.append(_lit_text(v) if literal and _NEEDS_ESCAPE.search(v) else v)
                pieces.append(static[k])
        return "".join(pieces)

    def node_pointers() -> dict[str, str]:
        node_pointers: dict[str, str] = {}
        best: dict[str, tuple[int, int, str]] = {}
        for label, ptr in base.node_pointers.items():
            m = _PH_RE.match(label)
            if m is None:
                if label.startswith("_:"):
                    node_pointers[label] = ptr
                    continue
                iri = label
            else:
                iri = values[int(m.group(1))]
            w = base.iri_weights.get(label, (0, 0))
            cand = (*w, ptr)
            cur = best.get(iri)
            if cur is None or cand[:2] > cur[:2]:
                best[iri] = cand
        for iri, (_a, _b, ptr) in best.items():
            node_pointers[iri] = ptr
        return node_pointers

    def dataset() -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for graph, triple, gs, ss, os_ in t.raw:
            if gs is not None:
                graph = values[gs]
            if ss is not None:
                triple = {**triple, "subject": {**triple["subject"], "value": values[ss]}}
            if os_ is not None:
                triple = {**triple, "object": {**triple["object"], "value": values[os_]}}
            out.setdefault(graph, []).append(triple)
        return out

    return JsonLdResult(
        undefined=list(base.undefined),  # the template's own list is never handed out
        lazy_node_pointers=node_pointers,
        node_keys=base.node_keys,
        context_urls=base.context_urls,
        iri_weights={},
        lazy_ntriples=ntriples,
        lazy_dataset=dataset,
        origin=(t, values),
    )


def templates(registry: ContextRegistry) -> TemplateCache:
    """The fast path's JSON-LD templates of ``registry`` (one cache per registry, kept on it)."""
    cache: TemplateCache | None = getattr(registry, "_templates", None)
    if cache is None:
        cache = TemplateCache(registry)
        registry._templates = cache  # type: ignore[attr-defined]
    return cache
