"""RDF graphs built from pyld datasets, keeping pyld's blank node labels.

Keeping the labels is what lets SHACL results (focus nodes) be traced back to the JSON
object they came from (see :mod:`mcconform.jsonld`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term(t: Mapping[str, Any]) -> Node:
    kind = t["type"]
    value = t["value"]
    if kind == "IRI":
        return URIRef(value)
    if kind == "blank node":
        return BNode(value[2:] if value.startswith("_:") else value)
    lang = t.get("language")
    if lang:
        return Literal(value, lang=lang)
    datatype = t.get("datatype")
    if datatype and datatype != XSD_STRING:
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def node_label(node: Node) -> str:
    """The label used in :attr:`JsonLdResult.node_pointers` for an rdflib node."""
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def to_graph(dataset: Mapping[str, list[dict[str, Any]]], graphs: str = "default") -> Graph:
    """An rdflib graph of the default graph (``graphs="default"``) or of all graphs merged."""
    g = Graph()
    for name, triples in dataset.items():
        if graphs == "default" and name != "@default":
            continue
        for t in triples:
            g.add((term(t["subject"]), term(t["predicate"]), term(t["object"])))
    return g
