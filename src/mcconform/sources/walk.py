"""A directory walk: the document files under a folder, found without recursion."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .common import WALK_EXTENSIONS


def walk(root: Path) -> Iterator[str]:
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
