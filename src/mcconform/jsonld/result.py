"""What JSON-LD processing of one document gave (:class:`JsonLdResult`): the dataset, the
undefined terms, the maps from RDF nodes and properties back to JSON Pointers; filled by the
reference path (:mod:`mcconform.jsonld.expand`) or by a template (:mod:`mcconform.fastld`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..pointer import join
from .engine import pyld_jsonld


@dataclass
class UndefinedTerm:
    pointer: str
    key: str
    expanded: str | None


@dataclass
class JsonLdResult:
    """What JSON-LD processing of one document gave."""

    expanded: Any = None
    undefined: list[UndefinedTerm] = field(default_factory=list)
    error: Exception | None = None
    #: JSON Pointer of the innermost JSON object being expanded when ``error`` was raised
    error_pointer: str | None = None
    #: node id (IRI or blank node label in ``dataset``) -> JSON Pointer of its JSON object
    #: (see the ``node_pointers`` property; the fast path builds it on first use)
    _node_pointers: dict[str, str] | None = field(default=None, repr=False)
    lazy_node_pointers: Callable[[], dict[str, str]] | None = field(default=None, repr=False)
    #: JSON Pointer of a node object -> {property IRI: JSON key}
    node_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    #: JSON Pointer of every ``@context`` entry naming a URL -> that URL
    context_urls: dict[str, str] = field(default_factory=dict)
    #: IRI node -> (number of keys, -depth) of the JSON object its pointer was taken from
    iri_weights: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: the default graph as N-Triples (set by the fast path; computed on demand otherwise)
    ntriples_text: str | None = None
    #: builds the dataset on first use (the fast path defers it: most checks need only N-Quads)
    lazy_dataset: Callable[[], dict[str, list[dict[str, Any]]]] | None = field(default=None, repr=False)
    _dataset: dict[str, list[dict[str, Any]]] | None = field(default=None, repr=False)
    #: the fast path: builds ``ntriples_text`` on first use; (template, slot strings) it came from
    lazy_ntriples: Callable[[], str] | None = field(default=None, repr=False)
    origin: Any = field(default=None, repr=False)

    @property
    def dataset(self) -> dict[str, list[dict[str, Any]]] | None:
        """The RDF dataset in pyld's form (graph name -> triples), or None when there is none."""
        if self._dataset is None and self.lazy_dataset is not None:
            self._dataset = self.lazy_dataset()
            self.lazy_dataset = None
        return self._dataset

    @dataset.setter
    def dataset(self, value: dict[str, list[dict[str, Any]]] | None) -> None:
        self._dataset = value

    @property
    def node_pointers(self) -> dict[str, str]:
        """Node id (IRI or blank node label in ``dataset``) -> JSON Pointer of its JSON object."""
        if self._node_pointers is None:
            self._node_pointers = self.lazy_node_pointers() if self.lazy_node_pointers else {}
            self.lazy_node_pointers = None
        return self._node_pointers

    @property
    def has_rdf(self) -> bool:
        return self.error is None and (self._dataset is not None or self.lazy_dataset is not None)

    def ntriples(self) -> str | None:
        """The default graph as N-Triples (one line per triple, in no particular order)."""
        if self.ntriples_text is None and self.lazy_ntriples is not None:
            self.ntriples_text = self.lazy_ntriples()
            self.lazy_ntriples = None
        if self.ntriples_text is None:
            ds = self.dataset
            if ds is None:
                return None
            text = pyld_jsonld().JsonLdProcessor.to_nquads({"@default": ds.get("@default", [])})
            self.ntriples_text = text
        return self.ntriples_text

    def key_pointer(self, node_pointer: str, predicate: str) -> str | None:
        key = self.node_keys.get(node_pointer, {}).get(predicate)
        return None if key is None else join(node_pointer, key)


def iter_triples(dataset: Mapping[str, list[dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for graph, triples in dataset.items():
        for t in triples:
            yield graph, t
