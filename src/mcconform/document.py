"""A document read from some source, ready to be detected and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .report import Finding


@dataclass
class Document:
    """One document to check.

    ``source`` is the stable label (``path``, ``path:LINE``, ``archive.zip!member``, ``-``).
    ``data`` is the parsed JSON value that JSON Pointers in findings refer to; for envelopes
    (VC-JWT, sealed European Digital Credentials, baked images) it is the decoded payload and
    ``meta["envelope"]`` says which envelope it came out of.  ``data`` is ``None`` when the
    document could not be read; ``findings`` then says why.
    """

    source: str
    data: Any = None
    text: str | None = None
    raw: bytes | None = None
    media: str = "json"  # json | jwt | png | svg
    kind: str = "unknown"
    findings: list[Finding] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    readable: bool = False
    #: JSON Pointer (into ``data``) of the credential inside an envelope, e.g. ``/vc`` for a VC-JWT 1.1
    base: str = ""

    def at(self, pointer: str) -> str:
        """A pointer relative to the credential, made relative to ``data``."""
        return self.base + pointer

    @property
    def credential(self) -> Any:
        """The JSON value at ``base`` (the credential inside its envelope)."""
        if not self.base:
            return self.data  # what resolve(data, "") gives, without the call
        from .pointer import resolve

        return resolve(self.data, self.base)
