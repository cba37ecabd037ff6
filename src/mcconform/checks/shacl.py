"""SHACL checks: the document's RDF graph validated by pyshacl against SHACL shapes.

A profile names its shapes in ``[settings] shapes = ["elm-edc-full.ttl"]`` (files shipped in
``mcconform/shapes/``); ``--shapes FILE`` adds user-supplied shapes (for example the official
EDC files).  Shapes are parsed once per process.  Every validation result is mapped back from
(focus node, path) to the JSON Pointer of the JSON object (and key) it came from, and gets a
readable message: the shape's ``sh:message`` when it has one, else one written from the
constraint that failed.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from .. import verdicts
from ..bundled_shapes import shape_bytes
from ..document import Document
from ..report import Finding
from ..rules import Rule, rule
from . import CheckContext, check

if TYPE_CHECKING:  # rdflib is imported only when pyshacl runs (start-up time of the CLI)
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    from ..jsonld import JsonLdResult


@cache
def _rdf() -> SimpleNamespace:
    """rdflib's names this module uses, imported on first use."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF

    sh = Namespace("http://www.w3.org/ns/shacl#")
    severity = {sh.Violation: "error", sh.Warning: "warning", sh.Info: "info"}
    return SimpleNamespace(
        SH=sh, RDF=RDF, BNode=BNode, Graph=Graph, Literal=Literal, URIRef=URIRef, SEVERITY=severity
    )


def __getattr__(name: str) -> Any:  # SH, as before
    if name == "SH":
        return _rdf().SH
    raise AttributeError(name)

SHACL_SPEC = "W3C Shapes Constraint Language (SHACL)"

_SECTIONS: dict[str, str] = {
    # constraint component local name -> SHACL section
    "MinCountConstraintComponent": "4.2.1 sh:minCount",
    "MaxCountConstraintComponent": "4.2.2 sh:maxCount",
    "ClassConstraintComponent": "4.1.1 sh:class",
    "DatatypeConstraintComponent": "4.1.2 sh:datatype",
    "NodeKindConstraintComponent": "4.1.3 sh:nodeKind",
    "MinExclusiveConstraintComponent": "4.3.1 sh:minExclusive",
    "MinInclusiveConstraintComponent": "4.3.2 sh:minInclusive",
    "MaxExclusiveConstraintComponent": "4.3.3 sh:maxExclusive",
    "MaxInclusiveConstraintComponent": "4.3.4 sh:maxInclusive",
    "MinLengthConstraintComponent": "4.4.1 sh:minLength",
    "MaxLengthConstraintComponent": "4.4.2 sh:maxLength",
    "PatternConstraintComponent": "4.4.3 sh:pattern",
    "LanguageInConstraintComponent": "4.4.4 sh:languageIn",
    "UniqueLangConstraintComponent": "4.4.5 sh:uniqueLang",
    "EqualsConstraintComponent": "4.5.1 sh:equals",
    "DisjointConstraintComponent": "4.5.2 sh:disjoint",
    "LessThanConstraintComponent": "4.5.3 sh:lessThan",
    "NotConstraintComponent": "4.6.1 sh:not",
    "AndConstraintComponent": "4.6.2 sh:and",
    "OrConstraintComponent": "4.6.3 sh:or",
    "XoneConstraintComponent": "4.6.4 sh:xone",
    "NodeConstraintComponent": "4.7.1 sh:node",
    "QualifiedMinCountConstraintComponent": "4.7.3 sh:qualifiedMinCount",
    "QualifiedMaxCountConstraintComponent": "4.7.3 sh:qualifiedMaxCount",
    "ClosedConstraintComponent": "4.8.1 sh:closed",
    "HasValueConstraintComponent": "4.8.2 sh:hasValue",
    "InConstraintComponent": "4.8.3 sh:in",
    "SPARQLConstraintComponent": "5 sh:sparql",
}


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


_COMPONENTS: dict[str, tuple[str, str]] = {
    comp: (_kebab(section.split("sh:", 1)[1]), section) for comp, section in _SECTIONS.items()
}

RULES: dict[str, Rule] = {}
for _suffix, _section in sorted(_COMPONENTS.values()):
    RULES[_suffix] = rule(
        f"shacl.{_suffix}",
        "error",
        f"A SHACL {_section.split(' ', 1)[1]} constraint of the profile's shapes is violated.",
        f"{SHACL_SPEC} section {_section}",
        f"""
        The document's RDF graph (from JSON-LD) was validated against the profile's SHACL
        shapes (or those given with --shapes).  The finding names the focus node, the property
        path and the source shape; its pointer is the JSON object (and key) the node came from.
        Constraint: {_section}.  The severity follows the shape's sh:severity.
        """,
    )
OTHER = rule(
    "shacl.other",
    "error",
    "A SHACL constraint of the profile's shapes is violated.",
    SHACL_SPEC,
    "A constraint component without a more specific rule id failed; see the message and the shape.",
)
SHAPES_ERROR = rule(
    "shacl.shapes-unreadable",
    "error",
    "A SHACL shapes file cannot be read or parsed.",
    SHACL_SPEC,
    "The shapes named by the profile or by --shapes could not be loaded, so the document was not validated.",
)
NOT_CHECKED = rule(
    "shacl.not-checked",
    "info",
    "SHACL validation was not run because the document is not valid JSON-LD.",
    SHACL_SPEC,
    "SHACL works on the RDF graph of the document; without a graph there is nothing to validate.",
)

BAD_LANGUAGE = rule(
    "shacl.invalid-language-tag",
    "error",
    "A language tag is not a well-formed BCP 47 tag.",
    "RDF 1.1 Concepts section 3.3 (language tags must be well-formed per BCP 47); JSON-LD 1.1 section 4.2.4",
    """
    The RDF graph of the document has a language-tagged string whose tag is not a BCP 47
    language tag, so no RDF processor can represent it as given.  The literal is validated
    without its tag.
    PASS: ``{"@value": "Teamwork", "@language": "en-US"}``
    FAIL: ``{"@value": "Teamwork", "@language": "en_US"}`` (underscore), ``"en "`` (space).
    """,
)
ILL_TYPED = rule(
    "shacl.ill-typed-literal",
    "warning",
    "A literal's lexical form is not a value of its datatype.",
    "RDF 1.1 Concepts section 3.3 (ill-typed literals); XML Schema 1.1 Part 2",
    """
    The JSON-LD context gives the value a datatype (e.g. ``xsd:dateTime``) but the string is
    not in that datatype's lexical space, so RDF consumers cannot read its value.
    PASS: ``"validFrom": "2024-01-31T09:00:00Z"``
    FAIL: ``"validFrom": "2024-13-45T99:00:00Z"`` (month 13, day 45, hour 99).
    """,
)

_lock = threading.Lock()


class ShapesError(Exception):
    pass


@cache
def _parse_shapes(key: str, mtime: float) -> Graph:
    g = _rdf().Graph()
    if key.startswith("builtin:"):
        name = key[len("builtin:") :]
        text = shape_bytes(name).decode("utf-8")
        g.parse(data=text, format="turtle")
    else:
        g.parse(key, format="turtle" if key.endswith((".ttl", ".turtle")) else None)
    return g


def load_shapes(names: list[str], files: list[str]) -> Graph:
    """All shapes merged into one graph (each file parsed once per process)."""
    return _merged(tuple(names), tuple(files), tuple(_mtime(f) for f in files))


def _mtime(f: str) -> float:
    try:
        return Path(f).stat().st_mtime
    except OSError:
        return 0.0


@cache
def _merged(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> Graph:
    g = _rdf().Graph()
    try:
        for n in names:
            for t in _parse_shapes(f"builtin:{n}", 0.0):
                g.add(t)
        for f, m in zip(files, mtimes, strict=True):
            for t in _parse_shapes(str(Path(f).resolve()), m):
                g.add(t)
    except Exception as e:  # rdflib raises many kinds of parse errors
        raise ShapesError(str(e)) from None
    return g


@cache
def _compiled(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> Any:
    """The shapes compiled by the Rust engine (PyPI ``shacl``), or None when it is unavailable
    or cannot compile them."""
    try:
        import shacl as engine  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return engine.Shapes.from_text(_merged_ntriples(names, files, mtimes), "nt")
    except Exception:  # an engine that cannot compile the shapes is simply not used
        return None


def _merged_ntriples(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> str:
    """The merged shapes as rdflib writes them in N-Triples, kept across runs by the sha256 of
    every shapes file (so a run whose documents the compiled engine clears never imports
    rdflib)."""
    from .. import runcache

    digest = hashlib.sha256()
    for n in names:
        digest.update(b"builtin:" + n.encode() + b"\0")
        digest.update(shape_bytes(n))
    for f in files:
        digest.update(b"file\0" + Path(f).read_bytes())
    key = f"{runcache.engine_stamp('rdflib')}\n{digest.hexdigest()}"
    text = runcache.load("shapes-nt", key)
    if not isinstance(text, str):
        text = _merged(names, files, mtimes).serialize(format="nt")
        runcache.store("shapes-nt", key, text)
    return text


def precheck_clean(names: list[str], files: list[str], res: JsonLdResult) -> bool:
    """True when the compiled engine reports no result at all (any severity) for the document.

    The compiled engine decides only this: pyshacl stays the reference and produces every
    finding, so a document with any result is validated again by pyshacl.  That both engines
    agree on "no result" is what ``tests/test_fastpath.py`` checks, on the corpus and on
    mutations of it, for every shapes file mcconform ships.
    """
    key = (tuple(names), tuple(files), tuple(_mtime(f) for f in files))
    compiled = _compiled(*key)
    if compiled is None:
        return False
    cached = _verdict_key(key, res)
    if cached is not None and cached[0].get(cached[1]):
        return True  # a document of the same template and the same key was clean
    text = res.ntriples()  # pyshacl validates the default graph (proofs are named graphs)
    if text is None:
        return False
    try:
        report = compiled.validate_text(text, "nt", max_results=1, allow_warnings=True)
    except Exception:  # data the engine cannot read goes to pyshacl
        return False
    clean = len(report.results) == 0
    if clean and cached is not None and len(cached[0]) < verdicts.MAX_KEYS:
        cached[0][cached[1]] = True
    return clean


@cache
def _sensitivity(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> Any:
    try:
        return verdicts.analyse(_merged_ntriples(names, files, mtimes))
    except Exception:  # shapes that cannot be read: nothing is cached
        return verdicts.Sensitivity(False)


def _verdict_key(key: tuple[Any, ...], res: JsonLdResult) -> tuple[dict[Any, bool], Any] | None:
    """(the clean keys of the document's template for these shapes, the document's key), or
    None when the document did not come from a template or the shapes are not cacheable."""
    if res.origin is None:
        return None
    sens = _sensitivity(*key)
    if not sens.cacheable:
        return None
    template, values = res.origin
    entry = template.verdicts.get(id(sens))
    if entry is None or entry[0] is not sens:
        entry = template.verdicts[id(sens)] = (sens, verdicts.slot_use(template, sens), {})
    return entry[2], verdicts.key(entry[1], values, sens)


def validate(data: Graph, shapes: Graph) -> Graph:
    from pyshacl import validate as _validate

    with _lock:  # pyshacl is not re-entrant across threads sharing a shapes graph
        _conforms, results, _text = _validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=True,
            meta_shacl=False,
            debug=False,
        )
    return results


def _local(iri: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    return next(iter(g.objects(s, p)), None)


def iter_results(results: Graph) -> Iterator[dict[str, Any]]:
    RDF, SH = _rdf().RDF, _rdf().SH
    for r in results.subjects(RDF.type, SH.ValidationResult):
        yield {
            "focus": _one(results, r, SH.focusNode),
            "path": _one(results, r, SH.resultPath),
            "shape": _one(results, r, SH.sourceShape),
            "component": _one(results, r, SH.sourceConstraintComponent),
            "severity": _one(results, r, SH.resultSeverity),
            "message": _one(results, r, SH.resultMessage),
            "value": _one(results, r, SH.value),
        }


def shape_label(shapes: Graph, shape: Node | None, _depth: int = 0) -> str | None:
    """A stable name for a result's source shape: its IRI, or for a blank node shape the
    named shape that holds it and its path (``<parent> sh:property [sh:path <p>]``), or, as a
    last resort, a digest of its own triples. Blank node labels change from one parse to the
    next; reports must not."""
    if shape is None:
        return None
    SH, BNode, URIRef = _rdf().SH, _rdf().BNode, _rdf().URIRef
    if not isinstance(shape, BNode):
        return str(shape)
    path = _one(shapes, shape, SH.path)
    where = f"sh:path <{path}>" if isinstance(path, URIRef) else "sh:path [...]" if path is not None else ""
    for pred in (SH.property, SH.node, SH.qualifiedValueShape, SH["not"]):
        for parent in sorted(shapes.subjects(pred, shape), key=str):
            if _depth < 8:
                up = shape_label(shapes, parent, _depth + 1)
                return f"{up} {shapes.qname(pred)} [{where}]"
    own = sorted(
        f"{p} {'_' if isinstance(o, BNode) else o.n3()}" for p, o in shapes.predicate_objects(shape)
    )
    return "_:shape-" + hashlib.sha256("\n".join(own).encode()).hexdigest()[:16]


def _describe(res: dict[str, Any], key: str | None, shapes: Graph) -> str:
    SH = _rdf().SH
    comp = _local(str(res["component"] or ""))
    shape = res["shape"]
    prop = key or (_local(str(res["path"])) if res["path"] is not None else "value")
    value = res["value"]
    if comp == "MinCountConstraintComponent":
        n = _one(shapes, shape, SH.minCount) if shape is not None else None
        return f"'{prop}' is required" + (f" (at least {n})" if n is not None and str(n) != "1" else "")
    if comp == "MaxCountConstraintComponent":
        n = _one(shapes, shape, SH.maxCount) if shape is not None else None
        return f"'{prop}' may appear at most {n} time(s)"
    if comp == "DatatypeConstraintComponent":
        dt = _one(shapes, shape, SH.datatype) if shape is not None else None
        return f"'{prop}' must be a {_local(str(dt))} value" + (
            f", not {value!s:.80}" if value is not None else ""
        )
    if comp == "ClassConstraintComponent":
        cls = _one(shapes, shape, SH["class"]) if shape is not None else None
        return f"'{prop}' must refer to a {_local(str(cls))}"
    if comp == "InConstraintComponent":
        return f"'{prop}' has a value outside the allowed list" + (f": {value}" if value is not None else "")
    if comp == "NodeKindConstraintComponent":
        kind = _one(shapes, shape, SH.nodeKind) if shape is not None else None
        return f"'{prop}' must be a {_local(str(kind))}"
    if comp == "PatternConstraintComponent":
        pat = _one(shapes, shape, SH.pattern) if shape is not None else None
        return f"'{prop}' does not match the pattern {pat}"
    if comp == "NodeConstraintComponent":
        node = _one(shapes, shape, SH.node) if shape is not None else None
        return f"'{prop}' does not conform to the shape {_local(str(node))} (see the findings on that node)"
    if comp == "ClosedConstraintComponent":
        return f"'{prop}' is not allowed here (closed shape)"
    return f"'{prop}' violates {comp.replace('ConstraintComponent', '') or 'a constraint'}"


def value_pointer(data: Any, iri: str) -> str | None:
    """The JSON Pointer of the first string ``iri`` that is a property value (not an ``id``),
    in document order, or None."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        ptr, value = stack.pop()
        if isinstance(value, dict):
            items = [(f"{ptr}/{_escape(k)}", k, v) for k, v in value.items()]
        elif isinstance(value, list):
            items = [(f"{ptr}/{i}", "", v) for i, v in enumerate(value)]
        else:
            continue
        for child, key, v in items:
            if v == iri and key not in ("id", "@id"):
                return child
        stack.extend((child, v) for child, _k, v in reversed(items) if isinstance(v, dict | list))
    return None


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def findings_for(
    results: Graph, shapes: Graph, res: JsonLdResult, doc: Document, key_names: dict[str, str]
) -> Iterator[Finding]:
    from ..rdf import node_label

    SH, Literal, URIRef = _rdf().SH, _rdf().Literal, _rdf().URIRef
    for r in iter_results(results):
        focus = r["focus"]
        label = node_label(focus) if focus is not None else ""
        node_ptr = res.node_pointers.get(label)
        path = str(r["path"]) if isinstance(r["path"], URIRef) else None
        pointer = node_ptr if node_ptr is not None else ""
        if node_ptr is None and isinstance(focus, URIRef):
            # a value node with no JSON object of its own (an IRI string): at the value
            pointer = value_pointer(doc.credential, str(focus)) or ""
        key = None
        if node_ptr is not None and path is not None:
            key_ptr = res.key_pointer(node_ptr, path)
            if key_ptr is not None:
                pointer = key_ptr
            key = res.node_keys.get(node_ptr, {}).get(path)
        if key is None and path is not None:
            key = key_names.get(path)
        comp = _local(str(r["component"] or ""))
        suffix = _COMPONENTS.get(comp, ("other", ""))[0]
        rule_ = RULES.get(suffix, OTHER)
        shape = r["shape"]
        own = _one(shapes, shape, SH.message) if shape is not None else None
        msg = r["message"]
        if own is not None and isinstance(msg, Literal) and str(msg).strip():
            message = str(msg)
        else:
            message = _describe(r, key, shapes)
        if focus is not None and node_ptr is None:
            message = f"{message} (node {label})"
        elif isinstance(focus, URIRef):
            message = f"{message} (node {focus})"
        yield rule_.finding(
            message,
            doc.at(pointer),
            severity=_rdf().SEVERITY.get(r["severity"], "error"),
            focus_node=label or None,
            shape=shape_label(shapes, shape),
            path=path,
            value=str(r["value"])[:200] if r["value"] is not None else None,
        )


@check("shacl")
def check_shacl(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    names = list(ctx.setting("shapes", []))
    files = list(ctx.options.shapes)
    if not names and not files:
        return
    cred = doc.credential
    if not isinstance(cred, dict) or "@context" not in cred:
        return
    res = ctx.jsonld(doc)
    if not res.has_rdf:
        yield NOT_CHECKED.finding(
            "SHACL validation skipped: the document could not be turned into RDF", doc.base
        )
        return
    # literals RDF cannot represent (ill-typed, bad language tags) are findings on every path
    yield from _literal_findings(res, doc)
    if ctx.options.fast and precheck_clean(names, files, res):
        return  # the compiled engine found nothing: pyshacl would find nothing either
    try:
        shapes = load_shapes(names, files)
    except ShapesError as e:
        yield SHAPES_ERROR.finding(f"cannot load SHACL shapes: {e}", doc.base)
        return
    data = ctx.state.get("rdf")
    if data is None:
        from ..rdf import to_graph

        data = to_graph(res.dataset or {})
        ctx.state["rdf"] = data
    results = validate(data, shapes)
    yield from findings_for(results, shapes, res, doc, ctx.registry.term_names())


def _literal_findings(res: JsonLdResult, doc: Document) -> Iterator[Finding]:
    from ..literals import all_surely_fine

    dataset = res.dataset or {}
    if all_surely_fine(dataset):  # the common case, told without importing rdflib
        return
    from ..rdf import literal_problems

    for p in literal_problems(dataset):
        node_ptr = res.node_pointers.get(p.subject)
        pointer = ""
        if node_ptr is not None:
            pointer = res.key_pointer(node_ptr, p.predicate) or node_ptr
        value = p.value if len(p.value) <= 80 else p.value[:77] + "..."
        if p.kind == "language":
            yield BAD_LANGUAGE.finding(
                f"{value!r} has the language tag {p.detail!r}, which is not a BCP 47 language tag",
                doc.at(pointer),
            )
        else:
            yield ILL_TYPED.finding(
                f"{value!r} is not a valid {_local(p.detail) or p.detail} (its datatype {p.detail})",
                doc.at(pointer),
            )
