"""The parity guards of the fast path: what makes a template, or a document's strings,
take the reference path instead, so that substitution gives what pyld would give.

* a template refuses RDF lists whose blank node labels would follow the document's strings
  (:func:`list_order_dependency`);
* a document's string in an IRI slot must be a plain absolute IRI that pyld leaves untouched
  (:func:`iri_slots_accepted`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..verdicts import slot_getter
from .skeleton import PLACEHOLDER

if TYPE_CHECKING:
    from .template import Template

RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
#: what pyld's ``_is_absolute_iri`` accepts, minus blank node labels
_PLAIN_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*:[^\s]*$")
#: characters an N-Quads IRI may not contain (pyld writes IRIs unescaped)
_BAD_IRI_CHARS = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def iri_slots_accepted(t: Template, values: list[str], terms: frozenset[str], good: set[str]) -> bool:
    """Whether every string of ``values`` in an IRI slot of ``t`` is a plain absolute IRI that
    pyld would leave untouched (``good`` remembers the strings accepted before)."""
    if not t.has_lists:
        getter = t.memo.get("iri-slots")
        if getter is None:
            getter = t.memo["iri-slots"] = slot_getter(tuple(sorted(t.iri_slots)))
        if good.issuperset(getter(values)):
            return True  # every one seen and accepted before (vocabulary IRIs repeat)
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
            return False
        if len(good) < 65536:
            good.add(v)
    return True


def list_order_dependency(dataset: dict[str, list[dict[str, Any]]]) -> str:
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
