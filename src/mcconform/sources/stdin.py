"""Standard input (``-``): one document, or a ZIP archive piped in."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import IO

from ..document import Document
from ..limits import Limits
from . import content
from .archive import iter_zip
from .common import read_limited, too_large, unreadable


def iter_stdin(limits: Limits, stream: IO[bytes] | None = None) -> Iterator[Document]:
    try:
        if stream is None:
            stream = sys.stdin.buffer  # AttributeError when stdin is closed (sys.stdin is None)
        raw = read_limited(stream, limits.max_bytes)
    except (AttributeError, OSError, ValueError) as e:
        yield unreadable("-", f"standard input cannot be read ({e.__class__.__name__})")
        return
    if len(raw) > limits.max_bytes:
        yield too_large("-", len(raw), limits)
        return
    if raw.startswith(b"PK\x03\x04"):
        yield from iter_zip("-", io.BytesIO(raw), limits)
        return
    yield content.document_from_bytes("-", raw, limits)
