"""Where documents come from: files, directories, JSON Lines, ZIP archives, stdin, images.

Every document gets a stable source label: ``path``, ``path:LINE`` for JSON Lines,
``archive.zip!member`` for ZIP members (``archive.zip!member:LINE`` for JSON Lines inside
archives).  Inputs are read, never written; ZIP members are streamed, never extracted.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import lzma
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import baked, envelopes, guard
from .document import Document
from .limits import DEFAULT_LIMITS, Limits
from .options import Options
from .parse import UNREADABLE, decode_bytes, json_depth, looks_like_jws, parse_json
from .rules import rule

DOC_EXTENSIONS = {".json", ".jsonld", ".jwt", ".png", ".svg", ".sd-jwt", ".cose"}
LINES_EXTENSIONS = {".jsonl", ".ndjson"}
ZIP_EXTENSIONS = {".zip"}
WALK_EXTENSIONS = DOC_EXTENSIONS | LINES_EXTENSIONS | ZIP_EXTENSIONS

UNREADABLE_SOURCE = rule(
    "source.unreadable",
    "error",
    "The input could not be read.",
    "mcconform inputs",
    "The path does not exist, is not readable, or is not a file, directory or archive.",
)
BAD_ZIP = rule(
    "source.bad-archive",
    "error",
    "The ZIP archive is corrupt or hostile.",
    "mcconform inputs",
    """
    ZIP members are streamed without extracting them to disk.  An archive whose central
    directory cannot be read, or a member that inflates far beyond its compressed size
    (a ZIP bomb), is refused with this finding.
    """,
)
TOO_MANY_DOCUMENTS = rule(
    "source.too-many-documents",
    "error",
    "The inputs hold more documents than the limit; the rest were not read.",
    "mcconform input limits (--max-documents)",
    """
    One run reads at most ``--max-documents`` documents (1,000,000 by default): files,
    JSON Lines and ZIP members together.  A tiny archive can hold millions of lines; the
    documents beyond the limit are not read, and this finding says so.  Raise the limit to
    audit a larger export.
    """,
)
EMPTY_INPUT = rule(
    "source.no-documents",
    "warning",
    "A directory or archive contained no document to check.",
    "mcconform inputs",
    "Directories are searched recursively for .json, .jsonld, .jwt, .sd-jwt, .cose, .png, .svg, .jsonl "
    "and .zip files.",
)
JWT_MALFORMED = rule(
    "jwt.malformed",
    "error",
    "The compact JWS/JWT cannot be decoded.",
    "RFC 7515 section 7.1 (JWS Compact Serialization); VC-JWT (VC Data Model 1.1 section 6.3.1)",
    """
    A VC-JWT is three base64url parts separated by dots: header, claims set, signature.  The
    header and the claims set must each decode to a JSON object.
    """,
)
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


def _b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def decode_jwt(token: str, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Decode a compact JWS into (header, claims, signature); raises ValueError.

    The decoded header and claims obey the same limits as any document (nesting depth)."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise ValueError(f"a compact JWS has 3 parts separated by '.', this has {len(parts)}")
    try:
        header = json.loads(_b64url(parts[0]))
        claims = json.loads(_b64url(parts[1]))
    except RecursionError:
        too_deep = f"the header or claims set is nested more than {limits.max_depth} levels deep"
        raise ValueError(too_deep) from None
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"header or claims set is not base64url-encoded JSON ({e})") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise ValueError("header and claims set must be JSON objects")
    if json_depth(header) > limits.max_depth or json_depth(claims) > limits.max_depth:
        raise ValueError(f"the header or claims set is nested more than {limits.max_depth} levels deep")
    return header, claims, parts[2]


def document_from_text(doc: Document, text: str, limits: Limits) -> Document:
    """Fill ``doc`` from a text that is JSON or a compact JWS/JWT."""
    doc.text = text
    stripped = text.strip()
    if envelopes.read_text(doc, stripped, limits):  # SD-JWT, base64 COSE_Sign1
        return doc
    if looks_like_jws(stripped):
        doc.media = "jwt"
        try:
            header, claims, _sig = decode_jwt(stripped, limits)
        except ValueError as e:
            doc.findings.append(JWT_MALFORMED.finding(str(e)))
            return doc
        doc.data = claims
        doc.readable = True
        doc.meta["envelope"] = "vc-jwt"
        doc.meta["jwt_header"] = header
        if isinstance(claims.get("vc"), dict):
            doc.base = "/vc"
        elif isinstance(claims.get("vp"), dict):  # a VP-JWT: the presentation in the vp claim
            doc.base = "/vp"
        return doc
    value = parse_json(text, limits, doc.findings)
    if value is not UNREADABLE:
        doc.data = value
        doc.readable = True
        # a JSON string holding a JWT (some exports quote the token)
        if isinstance(value, str) and looks_like_jws(value):
            return document_from_text(doc, value, limits)
    return doc


def document_from_memory(value: Any, limits: Limits, label: str = "<memory>") -> Document:
    """A document given to the API as a JSON text or a parsed JSON value, under the same
    limits as a file (size, depth, ...)."""
    from .parse import NOT_JSON, TOO_DEEP, TOO_LARGE

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
        from .parse import TOO_LARGE

        doc.findings.append(
            TOO_LARGE.finding(f"the document has {len(raw)} bytes; the limit is {limits.max_bytes}")
        )
        doc.raw = None
        return doc
    head = raw[:512].lstrip()
    if raw.startswith(baked.PNG_SIGNATURE):
        doc.media = "png"
        return _from_image(doc, raw, limits, baked.extract_png)
    utf16_svg = label.lower().endswith(".svg") and raw[:2] in (b"\xff\xfe", b"\xfe\xff")
    if utf16_svg or (head.startswith(b"<") and (b"<svg" in raw[:4096] or label.lower().endswith(".svg"))):
        doc.media = "svg"
        return _from_image(doc, raw, limits, baked.extract_svg)
    if envelopes.read_bytes(doc, raw, limits):  # binary COSE_Sign1
        return doc
    text = decode_bytes(raw, doc.findings)
    if text is None:
        return doc
    return document_from_text(doc, text, limits)


def _from_image(doc: Document, raw: bytes, limits: Limits, extract: Any) -> Document:
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


def _read_limited(stream: IO[bytes], limit: int) -> bytes:
    return stream.read(limit + 1)


def _too_large(label: str, size: int, limits: Limits) -> Document:
    from .parse import TOO_LARGE

    doc = Document(source=label)
    doc.findings.append(TOO_LARGE.finding(f"the document has {size} bytes; the limit is {limits.max_bytes}"))
    return doc


def iter_lines(label: str, stream: IO[bytes], limits: Limits) -> Iterator[Document]:
    """One document per non-blank line of a JSON Lines stream, labelled ``label:LINE``."""
    lineno = 0
    while True:
        line = stream.readline(limits.max_bytes + 1)
        if not line:
            break
        lineno += 1
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            # skip the rest of an over-long line without holding it in memory
            size = len(line)
            while True:
                chunk = stream.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield _too_large(f"{label}:{lineno}", size, limits)
            continue
        if not line.strip():
            continue
        line_label = f"{label}:{lineno}"
        yield guard.read(line_label, document_from_bytes, line_label, line.rstrip(b"\r\n"), limits)


def iter_zip(label: str, file: str | IO[bytes], limits: Limits) -> Iterator[Document]:
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, IndexError,
            KeyError, OverflowError, UnicodeDecodeError, struct.error) as e:
        # what zipfile's parser raises on a damaged directory (NotImplementedError: a ZIP
        # version Python cannot read, found by fuzzing)
        doc = Document(source=label)
        doc.findings.append(BAD_ZIP.finding(f"the archive cannot be read: {e}"))
        yield doc
        return
    with zf:
        count = 0
        infos = zf.infolist()
        if len(infos) > limits.max_zip_members:
            doc = Document(source=label)
            doc.findings.append(
                BAD_ZIP.finding(
                    f"the archive has {len(infos)} members; the limit is {limits.max_zip_members}"
                )
            )
            yield doc
            return
        for info in infos:
            if info.is_dir():
                continue
            name = info.filename
            ext = os.path.splitext(name)[1].lower()
            if ext not in WALK_EXTENSIONS or ext in ZIP_EXTENSIONS:
                continue
            count += 1
            member_label = f"{label}!{name}"
            if ext not in LINES_EXTENSIONS and info.file_size > limits.max_bytes:
                yield _too_large(member_label, info.file_size, limits)
                continue
            if info.flag_bits & 0x1:
                doc = Document(source=member_label)
                doc.findings.append(BAD_ZIP.finding("the member is encrypted; mcconform does not decrypt"))
                yield doc
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            # JSON Lines members count from 1 MB: a few kilobytes can hold millions of lines
            floor = (1 if ext in LINES_EXTENSIONS else 10) * 1024 * 1024
            if ratio > limits.max_zip_ratio and info.file_size > floor:
                doc = Document(source=member_label)
                doc.findings.append(
                    BAD_ZIP.finding(f"member inflates {ratio:.0f}-fold to {info.file_size} bytes (ZIP bomb?)")
                )
                yield doc
                continue
            try:
                with zf.open(info) as stream:
                    if ext in LINES_EXTENSIONS:
                        yield from iter_lines(member_label, stream, limits)
                    else:
                        raw = _read_limited(stream, limits.max_bytes)
                        if len(raw) > limits.max_bytes:
                            yield _too_large(member_label, len(raw), limits)
                        else:
                            yield guard.read(member_label, document_from_bytes, member_label, raw, limits)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, lzma.LZMAError, RuntimeError,
                    ValueError) as e:  # ValueError: a header offset that points before the file
                doc = Document(source=member_label)
                doc.findings.append(BAD_ZIP.finding(f"the member cannot be read: {e}"))
                yield doc
            except NotImplementedError as e:  # deflate64, implode, ...: methods Python cannot read
                doc = Document(source=member_label)
                msg = f"the member cannot be read: {e} (method {info.compress_type})"
                doc.findings.append(BAD_ZIP.finding(msg))
                yield doc
            except Exception as e:
                yield guard.failed_document(member_label, "reading", e)
        if count == 0:
            doc = Document(source=label, kind="empty")
            doc.findings.append(EMPTY_INPUT.finding("the archive holds no document to check"))
            yield doc


def _unreadable(label: str, message: str) -> Document:
    doc = Document(source=label)
    doc.findings.append(UNREADABLE_SOURCE.finding(message))
    return doc


def iter_path(path: str, limits: Limits, *, explicit: bool = True) -> Iterator[Document]:
    p = Path(path)
    label = path
    ext = p.suffix.lower()
    try:
        if p.is_dir():
            found = False
            for child in sorted(_walk(p)):
                found = True
                yield from guard.documents(child, iter_path(child, limits, explicit=False))
            if not found:
                doc = Document(source=label, kind="empty")
                doc.findings.append(EMPTY_INPUT.finding("the directory holds no document to check"))
                yield doc
            return
        if not p.is_file():
            yield _unreadable(label, f"{path}: no such file or directory")
            return
        size = p.stat().st_size
        if ext in LINES_EXTENSIONS:
            with open(p, "rb") as f:
                yield from iter_lines(label, f, limits)
            return
        if ext in ZIP_EXTENSIONS or (explicit and _is_zip(p)):
            yield from iter_zip(label, str(p), limits)
            return
        if size > limits.max_bytes:
            yield _too_large(label, size, limits)
            return
        with open(p, "rb") as f:
            raw = f.read(min(size or limits.max_bytes, limits.max_bytes) + 1)  # no 50 MB buffer for 1 kB
        yield document_from_bytes(label, raw, limits)
    except OSError as e:
        yield _unreadable(label, f"{path}: {e.strerror or e}")


def _is_zip(p: Path) -> bool:
    try:
        with open(p, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _walk(root: Path) -> Iterator[str]:
    """The document files under ``root``, with an explicit stack (no recursion: a tree
    1,000 directories deep is walked like any other; like ``os.walk``, symbolic links to
    directories are not followed and unreadable directories are skipped)."""
    stack = [str(root)]
    while stack:
        top = stack.pop()
        try:
            with os.scandir(top) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if os.path.splitext(entry.name)[1].lower() not in WALK_EXTENSIONS:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                except OSError:
                    pass
                continue
            try:
                if entry.is_file():  # follows a link to a file, never one to a directory
                    yield entry.path
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
            except OSError:
                continue


def iter_stdin(limits: Limits, stream: IO[bytes] | None = None) -> Iterator[Document]:
    try:
        if stream is None:
            stream = sys.stdin.buffer  # AttributeError when stdin is closed (sys.stdin is None)
        raw = _read_limited(stream, limits.max_bytes)
    except (AttributeError, OSError, ValueError) as e:
        yield _unreadable("-", f"standard input cannot be read ({e.__class__.__name__})")
        return
    if len(raw) > limits.max_bytes:
        yield _too_large("-", len(raw), limits)
        return
    if raw.startswith(b"PK\x03\x04"):
        yield from iter_zip("-", io.BytesIO(raw), limits)
        return
    yield document_from_bytes("-", raw, limits)


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def iter_url(url: str, options: Options) -> Iterator[Document]:
    """The document at ``url`` (an input named on the command line).

    Naming a URL is consent to fetch it: the network is turned on for this input only
    (``doc.meta["online"]``; hosted documents it refers to may then be fetched too), still
    under every safeguard of :mod:`mcconform.fetch` (no private addresses, caps, timeouts).
    """
    from dataclasses import replace

    from .fetch import FetchError, fetch

    opts = options if options.online else replace(options, online=True)
    try:
        res = fetch(url, opts, max_bytes=min(options.limits.max_bytes, options.fetch_max_bytes))
    except FetchError as e:
        doc = Document(source=url)
        doc.findings.append(e.finding())
        yield doc
        return
    doc = document_from_bytes(url, res.content, options.limits)
    doc.meta["fetched_url"] = res.url
    doc.meta["online"] = True
    yield doc


def iter_documents(
    inputs: Iterable[str], limits: Limits, options: Options | None = None
) -> Iterator[Document]:
    """Every document named by ``inputs`` (paths, directories, ``-``, URLs), in a stable order.

    URLs (``http://``, ``https://``) are fetched through :mod:`mcconform.fetch` with
    ``options`` (its resource map, cache and limits).
    """
    for count, doc in enumerate(_iter_inputs(inputs, limits, options), 1):
        if count > limits.max_documents:
            doc = Document(source=doc.source)
            doc.findings.append(
                TOO_MANY_DOCUMENTS.finding(
                    f"more than {limits.max_documents} documents: this one and the rest were not read"
                )
            )
            yield doc
            return
        yield doc


def _iter_inputs(inputs: Iterable[str], limits: Limits, options: Options | None) -> Iterator[Document]:
    for item in inputs:
        if item == "-":
            docs = guard.documents(item, iter_stdin(limits))
        elif is_url(item):
            docs = guard.documents(item, iter_url(item, options or Options(limits=limits)))
        else:
            docs = guard.documents(item, iter_path(item, limits))
        # the credentials inside a document (a presentation's, enveloped ones included) are
        # opened by mcconform.nested when the document is checked
        yield from docs


def drop_empty(docs: Iterable[Document], notify: Callable[[str], None]) -> Iterator[Document]:
    """``docs`` without the placeholders of empty folders and archives: an empty input is "no
    documents" (``notify`` gets the message), not an unreadable document counted in a report."""
    for doc in docs:
        if doc.kind == "empty" and doc.data is None:
            notify(f"{doc.source}: " + "; ".join(f.message for f in doc.findings))
            continue
        yield doc
