"""Where findings go: inside a fetched document they are reported at the referring pointer."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ...report import Finding, Severity
from ...rules import Rule


@dataclass
class Sink:
    """Collects findings; inside a fetched document they are reported at the referring pointer."""

    out: list[Finding]
    base: str = ""  # pointer prefix in the input (doc.base)
    url: str | None = None  # the fetched document, if any
    ref: str = ""  # pointer of the reference in the input, for fetched documents

    def add(
        self, r: Rule, message: str, ptr: str, *, severity: Severity | None = None, value: str | None = None
    ) -> None:
        if self.url is None:
            self.out.append(r.finding(message, self.base + ptr, severity=severity, value=value))
        else:
            where = f"{self.url} at {ptr}" if ptr else self.url
            self.out.append(r.finding(f"{message} (in {where})", self.ref, severity=severity, value=value))

    def raw(self, f: Finding, ptr: str) -> None:
        if self.url is None:
            self.out.append(replace(f, pointer=self.base + ptr))
        else:
            self.out.append(replace(f, pointer=self.ref, message=f"{f.message} (in {self.url})"))

    def remote(self, url: str, ptr: str) -> Sink:
        return Sink(self.out, self.base, url, self.ref if self.url is not None else self.base + ptr)


@dataclass
class Linked:
    data: dict[str, Any]
    url: str
    sink: Sink
