"""Extracting credentials baked into PNG and SVG images, refusing hostile images.

PNG: the Open Badges baking specifications put the badge in an ``iTXt`` chunk with the
keyword ``openbadges`` (OB 2.0) or ``openbadgecredential`` (OB 3.0).  SVG: an
``openbadges:assertion`` (OB 2.0) or ``openbadges:credential`` (OB 3.0) element whose text
(often CDATA) or ``verify`` attribute holds the badge.

Nothing here trusts the image: chunk lengths are checked against the file, inflated text is
capped, and XML that declares entities (the vehicle of entity-expansion bombs and external
entities) is refused before any parser sees it; expat never loads an external DTD.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from .limits import Limits

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORDS = {b"openbadges": "ob2", b"openbadgecredential": "ob3"}
OB_NAMESPACES = ("http://openbadges.org", "https://purl.imsglobal.org/ob/v3p0")


class ImageError(Exception):
    """The image is corrupt or hostile; the message says why."""

    def __init__(self, rule_name: str, message: str) -> None:
        super().__init__(message)
        self.rule_name = rule_name


@dataclass(frozen=True)
class Baked:
    text: str
    keyword: str  # the PNG keyword or SVG element name it came from
    location: str  # e.g. "iTXt chunk 3" or "openbadges:credential element"


def _inflate(data: bytes, limit: int) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise ImageError("image.corrupt", f"compressed text does not inflate: {e}") from None
    if len(out) > limit or d.unconsumed_tail:
        raise ImageError(
            "image.bomb", f"compressed text inflates to more than {limit} bytes (decompression bomb)"
        )
    return out


def extract_png(raw: bytes, limits: Limits) -> list[Baked]:
    if not raw.startswith(PNG_SIGNATURE):
        raise ImageError("image.corrupt", "not a PNG file (bad signature)")
    pos = len(PNG_SIGNATURE)
    found: list[Baked] = []
    index = 0
    while pos < len(raw):
        if pos + 8 > len(raw):
            raise ImageError("image.corrupt", f"truncated chunk header at offset {pos}")
        length, ctype = struct.unpack(">I4s", raw[pos : pos + 8])
        if length > len(raw) - pos - 12:
            raise ImageError(
                "image.corrupt",
                f"chunk {ctype!r} at offset {pos} claims {length} bytes, past the end of file",
            )
        body = raw[pos + 8 : pos + 8 + length]
        crc = struct.unpack(">I", raw[pos + 8 + length : pos + 12 + length])[0]
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise ImageError(
                "image.corrupt", f"chunk {ctype.decode('latin-1')!r} at offset {pos} has a bad CRC"
            )
        index += 1
        if ctype in (b"iTXt", b"tEXt", b"zTXt"):
            kw, _, rest = body.partition(b"\x00")
            if kw in PNG_KEYWORDS:
                text = _text_chunk(ctype, rest, limits)
                found.append(Baked(text, kw.decode(), f"{ctype.decode()} chunk {index}"))
        if ctype == b"IEND":
            break
        pos += 12 + length
    return found


def _text_chunk(ctype: bytes, rest: bytes, limits: Limits) -> str:
    if ctype == b"tEXt":
        return rest.decode("latin-1")
    if ctype == b"zTXt":
        return _inflate(rest[1:], limits.max_image_text).decode("latin-1")
    if len(rest) < 2:
        raise ImageError("image.corrupt", "iTXt chunk is too short")
    compressed, _method = rest[0], rest[1]
    rest = rest[2:]
    _lang, _, rest = rest.partition(b"\x00")
    _translated, _, data = rest.partition(b"\x00")
    if compressed:
        data = _inflate(data, limits.max_image_text)
    elif len(data) > limits.max_image_text:
        raise ImageError("image.too-large", f"baked text is larger than {limits.max_image_text} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ImageError("image.corrupt", "iTXt text is not valid UTF-8") from None


_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


_ENTITIES_REFUSED = (
    "the SVG declares XML entities, which can expand without bound or read external files; it is refused"
)


class _EntityDeclared(Exception):
    pass


def _declares_entities(raw: bytes) -> bool:
    """Whether the XML declares an entity, read by the XML parser itself: whatever the
    encoding the document declares (UTF-16, UTF-32, ...), before any entity is expanded."""
    if _ENTITY.search(raw):
        return True
    from xml.parsers import expat

    def refuse(*_args: object) -> None:
        raise _EntityDeclared

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    try:
        parser.Parse(raw, True)
    except _EntityDeclared:
        return True
    except (expat.ExpatError, ValueError, LookupError):
        return False  # not well-formed, or an unknown encoding: ElementTree says so below
    return False


def extract_svg(raw: bytes, limits: Limits) -> list[Baked]:
    if _declares_entities(raw):
        raise ImageError("image.xml-entities", _ENTITIES_REFUSED)
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as e:
        raise ImageError("image.corrupt", f"the SVG is not well-formed XML: {e}") from None
    except (LookupError, ValueError) as e:  # encoding="UTF-O6": an encoding Python does not know
        raise ImageError("image.corrupt", f"the SVG cannot be decoded: {e}") from None
    found: list[Baked] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or not tag.startswith("{"):
            continue
        ns, local = tag[1:].split("}", 1)
        if ns.rstrip("/") not in OB_NAMESPACES:
            continue
        if local not in ("assertion", "credential"):
            continue
        text = (el.text or "").strip()
        verify = el.get("verify") or el.get("{" + ns + "}verify")
        if text:
            found.append(Baked(text, f"openbadges:{local}", f"openbadges:{local} element"))
        elif verify:
            found.append(Baked(verify, f"openbadges:{local}", f"openbadges:{local} verify attribute"))
        else:
            found.append(Baked("", f"openbadges:{local}", f"openbadges:{local} element"))
    return found
