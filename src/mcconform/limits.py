"""Resource limits that protect the checker from hostile input."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
#: the deepest nesting the checks can recurse through (pyld, the fast path's skeleton,
#: jsonschema and the renderers recurse once or more per level, and Python's recursion limit
#: is 1,000 frames): ``--max-depth`` and ``Limits(max_depth=...)`` are capped here
MAX_DEPTH = 400


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB
    max_depth: int = 200
    max_image_text: int = 5 * MB  # largest decompressed text chunk taken out of a baked image
    max_zip_members: int = 1_000_000
    max_zip_ratio: int = 200  # refuse a ZIP member whose inflated size exceeds 200x its compressed size
    max_nesting: int = 8  # credentials inside presentations / CLRs / envelopes, opened this deep
    #: most documents read in one run (files, lines, members): the rest is reported, not read
    max_documents: int = 1_000_000

    def __post_init__(self) -> None:
        if self.max_depth > MAX_DEPTH:
            object.__setattr__(self, "max_depth", MAX_DEPTH)


DEFAULT_LIMITS = Limits()
