"""rdflib's names the SHACL check uses (the SHACL namespace, the severities), imported on
first use: rdflib is imported only when pyshacl runs (start-up time of the CLI)."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace


@cache
def rdf_names() -> SimpleNamespace:
    """rdflib's names this module uses, imported on first use."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF

    sh = Namespace("http://www.w3.org/ns/shacl#")
    severity = {sh.Violation: "error", sh.Warning: "warning", sh.Info: "info"}
    return SimpleNamespace(
        SH=sh, RDF=RDF, BNode=BNode, Graph=Graph, Literal=Literal, URIRef=URIRef, SEVERITY=severity
    )
