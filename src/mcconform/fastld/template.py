"""Step 2 of the fast path: building a :class:`Template` from a skeleton, by the reference
path (:func:`mcconform.jsonld.expand.process`), with the static N-Triples text between its
slots; a skeleton whose placeholders show up where substitution could not follow pyld is
refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..jsonld.expand import process
from .guards import list_order_dependency
from .skeleton import _PH_RE, PLACEHOLDER

if TYPE_CHECKING:
    from ..jsonld.registry import ContextRegistry
    from ..jsonld.result import JsonLdResult

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MAX_TEMPLATES = 512


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
    #: per process: what checks derived from the template once (e.g. its literals); not kept on disk
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "verdicts": {}, "memo": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.verdicts = {}
        self.memo = {}

    def static_contains(self, needle: str) -> bool:
        """Whether ``needle`` occurs within one static piece of the default graph's N-Triples
        (then it occurs in the N-Triples of every document of this template)."""
        found = self.memo.get(("static", needle))
        if found is None:
            found = self.memo[("static", needle)] = any(needle in piece for piece in self.static)
        return bool(found)

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
    refusal = list_order_dependency(res.dataset)
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
