"""Bytes or an in-memory value into a Document, under the size limit: the content decides
the reader (a baked PNG or SVG image, a binary COSE_Sign1, else a text).  Every kind of
source (file, JSON Lines line, ZIP member, standard input, URL) ends here."""

from __future__ import annotations

import json
from typing import Any

from .. import baked, envelopes
from ..document import Document
from ..limits import Limits
from ..parse import decode_bytes
from .images import from_image
from .text import document_from_text


def document_from_memory(value: Any, limits: Limits, label: str = "<memory>") -> Document:
    """A document given to the API as a JSON text or a parsed JSON value, under the same
    limits as a file (size, depth, ...)."""
    from ..parse import NOT_JSON, TOO_DEEP, TOO_LARGE

    doc = Document(source=label)
    if not isinstance(value, str):
        try:
            value = json.dumps(value, ensure_ascii=False)
        except RecursionError:
            msg = f"the value is nested more than {limits.max_depth} levels deep"
            doc.findings.append(TOO_DEEP.finding(msg))
            return doc
        except (TypeError, ValueError) as e:
            doc.findings.append(NOT_JSON.finding(f"the value cannot be written as JSON ({e})"))
            return doc
    size = len(value)
    if size * 4 > limits.max_bytes:  # only then can the UTF-8 size exceed the limit
        size = len(value.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        msg = f"the document has {size} bytes; the limit is {limits.max_bytes}"
        doc.findings.append(TOO_LARGE.finding(msg))
        return doc
    return document_from_text(doc, value, limits)


def document_from_bytes(label: str, raw: bytes, limits: Limits) -> Document:
    doc = Document(source=label, raw=raw)
    if len(raw) > limits.max_bytes:
        from ..parse import TOO_LARGE

        doc.findings.append(
            TOO_LARGE.finding(f"the document has {len(raw)} bytes; the limit is {limits.max_bytes}")
        )
        doc.raw = None
        return doc
    head = raw[:512].lstrip()
    if raw.startswith(baked.PNG_SIGNATURE):
        doc.media = "png"
        return from_image(doc, raw, limits, baked.extract_png)
    utf16_svg = label.lower().endswith(".svg") and raw[:2] in (b"\xff\xfe", b"\xfe\xff")
    if utf16_svg or (head.startswith(b"<") and (b"<svg" in raw[:4096] or label.lower().endswith(".svg"))):
        doc.media = "svg"
        return from_image(doc, raw, limits, baked.extract_svg)
    if envelopes.read_bytes(doc, raw, limits):  # binary COSE_Sign1
        return doc
    text = decode_bytes(raw, doc.findings)
    if text is None:
        return doc
    return document_from_text(doc, text, limits)
