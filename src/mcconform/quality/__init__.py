"""Micro-credential quality elements: the standard elements of the EU Council Recommendation
of 16 June 2022 (Annex I), found in Open Badges 3.0, Open Badges 2.0 and European Learning
Model credentials.

* :func:`extract_elements` - every element of the catalogue (:data:`ELEMENTS`) for one
  detected :class:`~mcconform.document.Document`: value, JSON Pointer where found (or where
  it was expected), the format's property it came from, and normalised facets;
* :func:`extract` - ``{element id: found}``, what ``mcconform audit`` counts.

Neither raises: a document of a kind that carries no elements (issuer profiles, status
lists, unreadable input) gives ``[]`` / ``{}``.  Nothing is fetched: an OB 2.0 Assertion that
references its BadgeClass by URL yields only what it contains itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Collector, Element
from .elements import BY_ID, ELEMENTS, MANDATORY, OPTIONAL, RECOMMENDATION, ElementSpec

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "BY_ID",
    "ELEMENTS",
    "KINDS",
    "MANDATORY",
    "OPTIONAL",
    "RECOMMENDATION",
    "Element",
    "ElementSpec",
    "extract",
    "extract_elements",
]

#: document kinds the extractors read
KINDS = (
    "ob3-credential",
    "ob3-achievement",
    "ob2-assertion",
    "ob2-badgeclass",
    "ob1-assertion",
    "edc-credential",
)


def _collect(doc: Document) -> Collector | None:
    from . import elm, ob2, ob3

    kind = doc.kind
    if kind not in KINDS or not doc.readable:
        return None
    cred = doc.credential
    if not isinstance(cred, dict):
        return None
    c = Collector()
    if kind == "edc-credential":
        elm.extract(cred, c)
    elif kind == "ob3-credential":
        ob3.extract(cred, c)
    elif kind == "ob3-achievement":
        ob3.extract(cred, c, standalone_achievement=True)
    elif kind == "ob2-badgeclass":
        ob2.extract(cred, c, is_badgeclass=True)
    else:
        ob2.extract(cred, c)
    return c


def extract_elements(doc: Document) -> list[Element]:
    """Every catalogue element for ``doc``: found ones (possibly several per element, one per
    source) and, for each element not found, one entry with ``found=False`` whose pointer is
    where it was expected.  ``[]`` for kinds that carry no elements.  Never raises."""
    try:
        c = _collect(doc)
    except Exception:  # odd input must never stop a run; report nothing rather than crash
        return []
    if c is None:
        return []
    return c.result(doc.base)


def extract(doc: Document) -> dict[str, bool]:
    """``{element id: found}`` for ``doc`` (``{}`` for kinds that carry no elements)."""
    out: dict[str, bool] = {}
    for e in extract_elements(doc):
        out[e.id] = out.get(e.id, False) or e.found
    return out


def summary(elements: list[Element]) -> dict[str, Any]:
    """``{id: [values...]}`` of the found elements (for display)."""
    out: dict[str, Any] = {}
    for e in elements:
        if e.found:
            out.setdefault(e.id, []).append(e.value)
    return out
