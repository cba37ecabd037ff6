"""Annex I elements across a conversion: every element of the EU Council Recommendation's
Annex I that the source carries and the converted document does not is named in the loss
report (``portability.annex-element-lost``), with the loss entry that explains it."""

from __future__ import annotations

import json

from ..document import Document
from ..limits import Limits
from ..quality import extract_elements
from ..report import Finding
from ..rules import rule
from ..sources import document_from_text
from . import losses
from .common import Conversion

ANNEX_ELEMENT_LOST = rule(
    "portability.annex-element-lost",
    "warning",
    "An EU micro-credential standard element (Annex I) of the source is not in the converted document.",
    "Council Recommendation of 16 June 2022 (2022/C 243/02), Annex I; mcconform elements",
    """
    ``mcconform elements`` finds the element in the source and not in the converted
    document.  The message names the element and the loss entry (pointer in the source) that
    explains why; the pointer is where the element was in the source.

    PASS: an ELM eqfLevel carried as an OB 3.0 EQF alignment.
    FAIL: an ELM assessment specification: OB 3.0 has no assessment type.
    """,
)


def _covers(loss: Finding, pointer: str) -> bool:
    lp = loss.pointer
    return lp == pointer or pointer.startswith(lp + "/") or lp.startswith(pointer + "/")


def check_elements(conv: Conversion, doc: Document, limits: Limits) -> None:
    """Add an ``annex-element-lost`` entry for each element lost in ``conv``."""
    if conv.document is None:
        return
    before = [e for e in extract_elements(doc) if e.found]
    if not before:
        return
    out = Document(source="<converted>")
    document_from_text(out, json.dumps(conv.document), limits)
    from .. import detect

    detect.detect(out, limits)
    after = {e.id for e in extract_elements(out) if e.found}
    source_losses = [f for f in conv.losses if f.rule in (losses.NOT_CARRIED.id, losses.APPROXIMATE.id)]
    seen: set[str] = set()
    for e in before:
        if e.id in after or e.id in seen:
            continue
        seen.add(e.id)
        ptrs = [x.pointer for x in before if x.id == e.id]
        cause = next((f for f in source_losses for p in ptrs if _covers(f, p)), None)
        why = (
            f"explained by {cause.rule} at {cause.pointer}: {cause.message}"
            if cause
            else "no loss entry covers it"
        )
        conv.losses.append(
            ANNEX_ELEMENT_LOST.finding(
                f"Annex I element '{e.title}' ({e.id}) found in the source at {e.pointer} is not in the "
                f"converted document; {why}",
                e.pointer,
                value=e.id,
            )
        )
