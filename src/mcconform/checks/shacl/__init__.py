"""SHACL checks: the document's RDF graph validated by pyshacl against SHACL shapes.

A profile names its shapes in ``[settings] shapes = ["elm-edc-full.ttl"]`` (files shipped in
``mcconform/shapes/``); ``--shapes FILE`` adds user-supplied shapes (for example the official
EDC files).  Shapes are parsed once per process.  Every validation result is mapped back from
(focus node, path) to the JSON Pointer of the JSON object (and key) it came from, and gets a
readable message: the shape's ``sh:message`` when it has one, else one written from the
constraint that failed.

This module holds the check itself (the order of the steps); the package, one concern per
module: :mod:`.shapes` (locating, parsing and merging the shapes), :mod:`.precheck` (the
compiled engine's "no result" verdict), :mod:`.reference` (the pyshacl run), :mod:`.results`
(results translated into findings), :mod:`.literal_findings`, :mod:`.rules`, :mod:`.vocab`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...report import Finding
from .. import CheckContext, check
from .literal_findings import literal_findings
from .precheck import precheck_clean
from .reference import validate
from .results import findings_for
from .rules import NOT_CHECKED, SHAPES_ERROR
from .shapes import ShapesError, load_shapes
from .vocab import rdf_names

__all__ = ["check_shacl", "load_shapes", "precheck_clean", "validate"]


def __getattr__(name: str) -> Any:  # SH, as before
    if name == "SH":
        return rdf_names().SH
    raise AttributeError(name)


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
    yield from literal_findings(res, doc)
    if ctx.options.fast and precheck_clean(names, files, res):
        return  # the compiled engine found nothing: pyshacl would find nothing either
    try:
        shapes = load_shapes(names, files)
    except ShapesError as e:
        yield SHAPES_ERROR.finding(f"cannot load SHACL shapes: {e}", doc.base)
        return
    data = ctx.state.get("rdf")
    if data is None:
        from ...rdf import to_graph

        data = to_graph(res.dataset or {})
        ctx.state["rdf"] = data
    results = validate(data, shapes)
    yield from findings_for(results, shapes, res, doc, ctx.registry.term_names())
