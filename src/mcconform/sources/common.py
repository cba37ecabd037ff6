"""What every kind of source shares: the file extensions a source reads, the ``source.*``
rules of unreadable and empty inputs, and the placeholders for a document refused before it
is parsed (too large, unreadable)."""

from __future__ import annotations

from typing import IO

from ..document import Document
from ..limits import Limits
from ..rules import rule

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
EMPTY_INPUT = rule(
    "source.no-documents",
    "warning",
    "A directory or archive contained no document to check.",
    "mcconform inputs",
    "Directories are searched recursively for .json, .jsonld, .jwt, .sd-jwt, .cose, .png, .svg, .jsonl "
    "and .zip files.",
)


def read_limited(stream: IO[bytes], limit: int) -> bytes:
    return stream.read(limit + 1)


def too_large(label: str, size: int, limits: Limits) -> Document:
    from ..parse import TOO_LARGE

    doc = Document(source=label)
    doc.findings.append(TOO_LARGE.finding(f"the document has {size} bytes; the limit is {limits.max_bytes}"))
    return doc


def unreadable(label: str, message: str) -> Document:
    doc = Document(source=label)
    doc.findings.append(UNREADABLE_SOURCE.finding(message))
    return doc
