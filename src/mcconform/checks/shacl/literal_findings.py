"""Literals RDF cannot represent (ill-typed values, malformed language tags): findings on
every path, told without rdflib for the common literals.

A document made from a JSON-LD template (:mod:`mcconform.fastld`) has the template's
literals with its own strings in the slots: its literals are told fine one by one (each
lexical form and datatype judged once per process, exactly as :func:`mcconform.rdf.literal_problems`
judges it), without building its dataset; any literal that is not fine sends the document
down the full path, which writes the findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...document import Document
from ...literals import _CONVERTED, RDF_LANGSTRING, XSD_STRING, _surely_fine
from ...report import Finding
from .results import local_name
from .rules import BAD_LANGUAGE, ILL_TYPED

if TYPE_CHECKING:
    from ...jsonld.result import JsonLdResult

#: (value, language, datatype) -> whether RDF takes that literal as given
_FINE: dict[tuple[Any, Any, Any], bool] = {}
_MAX_FINE = 65536


def _judged(obj: dict[str, Any]) -> bool:
    """Whether :func:`mcconform.rdf.literal_problems` finds nothing on a literal ``obj``."""
    key = (obj.get("value"), obj.get("language"), obj.get("datatype"))
    fine = _FINE.get(key)
    if fine is None:
        obj = dict(obj)
        fine = _surely_fine(obj)
        if not fine:
            from ...rdf import literal_problems

            triple = {"subject": {"value": ""}, "predicate": {"value": ""}, "object": obj}
            fine = not literal_problems({"@default": [triple]})
        if len(_FINE) < _MAX_FINE:
            _FINE[key] = fine
    return fine


def _needs_judging(obj: dict[str, Any]) -> bool:
    """Whether ``literal_problems`` looks at ``obj`` at all (typed or language-tagged)."""
    if obj.get("type") != "literal":
        return False
    datatype = obj.get("datatype")
    return bool(obj.get("language")) or not (not datatype or datatype in (XSD_STRING, RDF_LANGSTRING))


def _fine_whatever_the_value(obj: dict[str, Any]) -> bool:
    """Whether a literal with the language and datatype of ``obj`` is fine for every lexical
    form: a well-formed language tag (``_surely_fine`` looks at the tag alone, and so does
    rdflib), or a datatype rdflib does not convert (it judges none of their values)."""
    if obj.get("language"):
        return _surely_fine({**obj, "value": ""})
    return not str(obj.get("datatype") or "").startswith(_CONVERTED)


def _template_plan(template: Any) -> tuple[bool, list[tuple[int, dict[str, Any]]]]:
    """(every static literal of the default graph is fine, the literal slots to judge)."""
    plan = template.memo.get("literals")
    if plan is None:
        static_ok = True
        slots: list[tuple[int, dict[str, Any]]] = []
        for graph, triple, _gs, _ss, os_ in template.raw:
            obj = triple["object"]
            if graph != "@default" or not _needs_judging(obj):
                continue
            if os_ is None:
                static_ok = static_ok and _judged(obj)
            elif _fine_whatever_the_value(obj):
                continue
            else:
                slots.append((os_, obj))
        plan = template.memo["literals"] = (static_ok, slots)
    return plan


def _all_fine_by_template(res: JsonLdResult) -> bool:
    if res.origin is None:
        return False
    template, values = res.origin
    static_ok, slots = _template_plan(template)
    if not static_ok:
        return False
    fine = _FINE.get
    for n, obj in slots:
        v = values[n]
        if not (fine((v, obj.get("language"), obj.get("datatype"))) or _judged({**obj, "value": v})):
            return False
    return True


def literal_findings(res: JsonLdResult, doc: Document) -> Iterator[Finding]:
    if _all_fine_by_template(res):  # a document of a template: told without its dataset
        return
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
