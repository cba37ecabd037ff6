"""JSON Lines (``.jsonl``, ``.ndjson``): one document per non-blank line, read line by line
(an over-long line is skipped without holding it in memory)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from .. import guard
from ..document import Document
from ..limits import Limits
from . import content
from .common import too_large


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
            yield too_large(f"{label}:{lineno}", size, limits)
            continue
        if not line.strip():
            continue
        line_label = f"{label}:{lineno}"
        yield guard.read(line_label, content.document_from_bytes, line_label, line.rstrip(b"\r\n"), limits)
