"""pyshacl's validation results translated into findings: each result mapped back from
(focus node, path) to the JSON Pointer of the JSON object (and key) it came from, with the
shape's ``sh:message`` or a message written from the constraint that failed, and a stable
name for its source shape."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...document import Document
from ...report import Finding
from .rules import _COMPONENTS, OTHER, RULES
from .vocab import rdf_names

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    from ...jsonld.result import JsonLdResult


def local_name(iri: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    return next(iter(g.objects(s, p)), None)


def iter_results(results: Graph) -> Iterator[dict[str, Any]]:
    RDF, SH = rdf_names().RDF, rdf_names().SH
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
    SH, BNode, URIRef = rdf_names().SH, rdf_names().BNode, rdf_names().URIRef
    if not isinstance(shape, BNode):
        return str(shape)
    path = _one(shapes, shape, SH.path)
    where = f"sh:path <{path}>" if isinstance(path, URIRef) else "sh:path [...]" if path is not None else ""
    for pred in (SH.property, SH.node, SH.qualifiedValueShape, SH["not"]):
        for parent in sorted(shapes.subjects(pred, shape), key=str):
            if _depth < 8:
                up = shape_label(shapes, parent, _depth + 1)
                return f"{up} {shapes.qname(pred)} [{where}]"
    own = sorted(f"{p} {'_' if isinstance(o, BNode) else o.n3()}" for p, o in shapes.predicate_objects(shape))
    return "_:shape-" + hashlib.sha256("\n".join(own).encode()).hexdigest()[:16]


def _describe(res: dict[str, Any], key: str | None, shapes: Graph) -> str:
    SH = rdf_names().SH
    comp = local_name(str(res["component"] or ""))
    shape = res["shape"]
    prop = key or (local_name(str(res["path"])) if res["path"] is not None else "value")
    value = res["value"]
    if comp == "MinCountConstraintComponent":
        n = _one(shapes, shape, SH.minCount) if shape is not None else None
        return f"'{prop}' is required" + (f" (at least {n})" if n is not None and str(n) != "1" else "")
    if comp == "MaxCountConstraintComponent":
        n = _one(shapes, shape, SH.maxCount) if shape is not None else None
        return f"'{prop}' may appear at most {n} time(s)"
    if comp == "DatatypeConstraintComponent":
        dt = _one(shapes, shape, SH.datatype) if shape is not None else None
        return f"'{prop}' must be a {local_name(str(dt))} value" + (
            f", not {value!s:.80}" if value is not None else ""
        )
    if comp == "ClassConstraintComponent":
        cls = _one(shapes, shape, SH["class"]) if shape is not None else None
        return f"'{prop}' must refer to a {local_name(str(cls))}"
    if comp == "InConstraintComponent":
        return f"'{prop}' has a value outside the allowed list" + (f": {value}" if value is not None else "")
    if comp == "NodeKindConstraintComponent":
        kind = _one(shapes, shape, SH.nodeKind) if shape is not None else None
        return f"'{prop}' must be a {local_name(str(kind))}"
    if comp == "PatternConstraintComponent":
        pat = _one(shapes, shape, SH.pattern) if shape is not None else None
        return f"'{prop}' does not match the pattern {pat}"
    if comp == "NodeConstraintComponent":
        node = _one(shapes, shape, SH.node) if shape is not None else None
        shape_name = local_name(str(node))
        return f"'{prop}' does not conform to the shape {shape_name} (see the findings on that node)"
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
    from ...rdf import node_label

    SH, Literal, URIRef = rdf_names().SH, rdf_names().Literal, rdf_names().URIRef
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
        comp = local_name(str(r["component"] or ""))
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
            severity=rdf_names().SEVERITY.get(r["severity"], "error"),
            focus_node=label or None,
            shape=shape_label(shapes, shape),
            path=path,
            value=str(r["value"])[:200] if r["value"] is not None else None,
        )
