"""A baked image into a Document: the credential baked into a PNG or SVG
(:mod:`mcconform.baked` takes it out and refuses hostile images), or the URL of a hosted badge;
the ``image.*`` rules."""

from __future__ import annotations

from typing import Any

from .. import baked
from ..document import Document
from ..limits import Limits
from ..rules import rule
from .text import document_from_text

IMAGE_NO_BADGE = rule(
    "image.no-badge",
    "error",
    "The image holds no baked badge.",
    "Open Badges 3.0 section 5.3 (Baking); Open Badges 2.0 Baking Specification",
    """
    A baked PNG carries the badge in an iTXt chunk with keyword ``openbadgecredential`` (OB 3.0)
    or ``openbadges`` (OB 2.0); a baked SVG in an ``openbadges:credential`` or
    ``openbadges:assertion`` element.  This image has none.
    """,
)
IMAGE_CORRUPT = rule(
    "image.corrupt",
    "error",
    "The image is corrupt.",
    "PNG (ISO/IEC 15948) chunk structure; XML 1.0 well-formedness",
    "A chunk is truncated, has a bad CRC, or the SVG is not well-formed XML.",
)
IMAGE_BOMB = rule(
    "image.bomb",
    "error",
    "A compressed chunk of the image inflates beyond the limit.",
    "mcconform input limits",
    "Compressed text chunks are inflated with a hard cap; one that exceeds it is a decompression bomb.",
)
IMAGE_TOO_LARGE = rule(
    "image.too-large",
    "error",
    "The text baked into the image is larger than the limit.",
    "mcconform input limits",
    "Baked text is capped (5 MB by default).",
)
IMAGE_XML_ENTITIES = rule(
    "image.xml-entities",
    "error",
    "The SVG declares a DTD or entities and is refused.",
    "OWASP XML External Entity Prevention; Open Badges baking",
    """
    Entity declarations allow billion-laughs expansion and external entities can read local
    files or reach the network.  No badge needs them, so mcconform refuses such SVG files.
    """,
)
IMAGE_MULTIPLE = rule(
    "image.multiple-badges",
    "error",
    "The image holds more than one baked badge.",
    "Open Badges 3.0 section 5.3.1.1 (PNG baking): only one iTXt chunk with the keyword is allowed",
    "An image must carry exactly one baked credential.",
)
IMAGE_HOSTED = rule(
    "image.hosted-url",
    "info",
    "The image carries a URL to a hosted badge rather than the badge itself.",
    "Open Badges 2.0 Baking Specification",
    "The URL is fetched only with --online (or served from --resource-map).",
)
_IMAGE_RULES = {
    "image.corrupt": IMAGE_CORRUPT,
    "image.bomb": IMAGE_BOMB,
    "image.too-large": IMAGE_TOO_LARGE,
    "image.xml-entities": IMAGE_XML_ENTITIES,
}


def from_image(doc: Document, raw: bytes, limits: Limits, extract: Any) -> Document:
    try:
        items: list[baked.Baked] = extract(raw, limits)
    except baked.ImageError as e:
        doc.findings.append(_IMAGE_RULES.get(e.rule_name, IMAGE_CORRUPT).finding(str(e)))
        return doc
    if not items:
        doc.findings.append(IMAGE_NO_BADGE.finding("no openbadges / openbadgecredential data in the image"))
        return doc
    if len(items) > 1:
        doc.findings.append(IMAGE_MULTIPLE.finding(f"{len(items)} baked badges found"))
    item = items[0]
    doc.meta["baked"] = {"keyword": item.keyword, "location": item.location}
    text = item.text.strip()
    if text.startswith(("http://", "https://")) and not text.startswith("{"):
        doc.meta["hosted_url"] = text
        doc.findings.append(IMAGE_HOSTED.finding(f"the image points to {text}"))
        doc.data = text
        doc.readable = True
        return doc
    document_from_text(doc, text, limits)
    envelope = doc.meta.get("envelope")
    doc.meta["envelope"] = f"baked-{doc.media}" + (f"+{envelope}" if envelope else "")
    return doc
