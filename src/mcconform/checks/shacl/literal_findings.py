"""Literals RDF cannot represent (ill-typed values, malformed language tags): findings on
every path, told without rdflib for the common literals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...document import Document
from ...report import Finding
from .results import local_name
from .rules import BAD_LANGUAGE, ILL_TYPED

if TYPE_CHECKING:
    from ...jsonld.result import JsonLdResult


def literal_findings(res: JsonLdResult, doc: Document) -> Iterator[Finding]:
    from ...literals import all_surely_fine

    dataset = res.dataset or {}
    if all_surely_fine(dataset):  # the common case, told without importing rdflib
        return
    from ...rdf import literal_problems

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
                f"{value!r} is not a valid {local_name(p.detail) or p.detail} (its datatype {p.detail})",
                doc.at(pointer),
            )
