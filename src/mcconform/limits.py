"""Resource limits that protect the checker from hostile input."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB
    max_depth: int = 200
    max_image_text: int = 5 * MB  # largest decompressed text chunk taken out of a baked image
    max_zip_members: int = 1_000_000
    max_zip_ratio: int = 200  # refuse a ZIP member whose inflated size exceeds 200x its compressed size
    max_nesting: int = 8  # credentials inside presentations / CLRs / envelopes, opened this deep


DEFAULT_LIMITS = Limits()
