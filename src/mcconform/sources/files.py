"""A path named as an input: a file (by extension: JSON Lines, ZIP, else one document), or a
directory whose document files are read in sorted order (``source.no-documents`` when none)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import guard
from ..document import Document
from ..limits import Limits
from . import content
from .archive import iter_zip
from .common import EMPTY_INPUT, LINES_EXTENSIONS, ZIP_EXTENSIONS, too_large, unreadable
from .lines import iter_lines
from .walk import walk


def iter_path(path: str, limits: Limits, *, explicit: bool = True) -> Iterator[Document]:
    p = Path(path)
    label = path
    ext = p.suffix.lower()
    try:
        if p.is_dir():
            found = False
            for child in sorted(walk(p)):
                found = True
                yield from guard.documents(child, iter_path(child, limits, explicit=False))
            if not found:
                doc = Document(source=label, kind="empty")
                doc.findings.append(EMPTY_INPUT.finding("the directory holds no document to check"))
                yield doc
            return
        if not p.is_file():
            yield unreadable(label, f"{path}: no such file or directory")
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
            yield too_large(label, size, limits)
            return
        with open(p, "rb") as f:
            raw = f.read(min(size or limits.max_bytes, limits.max_bytes) + 1)  # no 50 MB buffer for 1 kB
        yield content.document_from_bytes(label, raw, limits)
    except OSError as e:
        yield unreadable(label, f"{path}: {e.strerror or e}")


def _is_zip(p: Path) -> bool:
    try:
        with open(p, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False
