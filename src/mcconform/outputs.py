"""Outputs never overwrite inputs: where a report may be written, and standard input checks.

``mcconform check -o FILE`` and ``audit -o FILE`` refuse a FILE that is one of the inputs or
lies inside an input directory, comparing real paths (symbolic links resolved, on both
sides), so that no spelling of an input (``./x.json``, ``dir/../dir/x.json``, a link to it)
gets past the check.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def overwrites_input(output: str, inputs: Iterable[str]) -> str | None:
    """The input that writing ``output`` would overwrite or land inside, or None."""
    out = _real(output)
    for item in inputs:
        if item == "-" or item.lower().startswith(("http://", "https://")):
            continue
        if not os.path.exists(item):
            continue
        real = _real(item)
        if out == real:
            return item
        if os.path.isdir(real) and os.path.commonpath([out, real]) == real:
            return item
    return None


def stdin_unusable() -> str | None:
    """Why standard input cannot be read (closed, or not a readable stream), or None."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        return "standard input is closed"
    try:
        stream.fileno()
    except (OSError, ValueError):
        return None  # not a real file (a test runner's stream): readable as it is
    except AttributeError:
        return "standard input is not readable"
    return None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, so that a reader never
    sees half a report; raises OSError."""
    tmp = path.with_name(f".{path.name}.mcconform-tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
