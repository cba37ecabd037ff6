"""RDF graphs built from pyld datasets, keeping pyld's blank node labels.

Keeping the labels is what lets SHACL results (focus nodes) be traced back to the JSON
object they came from (see :mod:`mcconform.jsonld`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class LiteralProblem:
    """A literal of the document that RDF cannot represent as given."""

    kind: str  # "language" (not a BCP 47 tag) or "lexical" (not a value of its datatype)
    subject: str  # node label, as in JsonLdResult.node_pointers
    predicate: str
    value: str
    detail: str  # the language tag or the datatype IRI


class _Capture(logging.Filter):
    """rdflib logs a warning *with a traceback* for every ill-typed literal
    (``"2024-13-45T99:00:00Z"^^xsd:dateTime``): never shown to the user; while a graph is built
    the records are kept, and :func:`to_graph` reports them as :class:`LiteralProblem`."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        records = getattr(self.local, "records", None)
        if records is not None:
            records.append(record)
        return False


_CAPTURE = _Capture()
logging.getLogger("rdflib.term").addFilter(_CAPTURE)


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
    """An rdflib graph of the default graph (``graphs="default"``) or of all graphs merged.

    Never raises on the document's literals: one whose language tag rdflib refuses is added
    without it (:func:`literal_problems` reports it), and ill-typed literals log nothing.
    """
    g = Graph()
    _CAPTURE.local.records = []
    try:
        for name, triples in dataset.items():
            if graphs == "default" and name != "@default":
                continue
            for t in triples:
                obj = t["object"]
                try:
                    o = term(obj)
                except ValueError:  # rdflib refuses a language tag that is not BCP 47
                    o = Literal(obj["value"])
                g.add((term(t["subject"]), term(t["predicate"]), o))
    finally:
        _CAPTURE.local.records = None
    return g


def literal_problems(
    dataset: Mapping[str, list[dict[str, Any]]], graphs: str = "default"
) -> list[LiteralProblem]:
    """The literals of ``dataset`` that RDF cannot take as given: a language tag that is not
    BCP 47 (``en_US``, ``"en "``), a lexical form that is not a value of its datatype."""
    out: list[LiteralProblem] = []
    for name, triples in dataset.items():
        if graphs == "default" and name != "@default":
            continue
        for t in triples:
            obj = t["object"]
            if obj.get("type") != "literal":
                continue
            lang = obj.get("language")
            datatype = obj.get("datatype")
            if not lang and (not datatype or datatype in (XSD_STRING, RDF_LANGSTRING)):
                continue
            records: list[logging.LogRecord] = []
            _CAPTURE.local.records = records
            try:
                term(obj)
            except ValueError:
                out.append(_problem("language", t, str(lang)))
                continue
            finally:
                _CAPTURE.local.records = None
            if records:
                out.append(_problem("lexical", t, str(datatype or "")))
    return out


def _problem(kind: str, t: Mapping[str, Any], detail: str) -> LiteralProblem:
    subject = t["subject"]["value"]
    return LiteralProblem(kind, subject, t["predicate"]["value"], str(t["object"]["value"]), detail)
