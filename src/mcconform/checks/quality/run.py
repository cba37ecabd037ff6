"""One quality run: a document's standard elements and the profile's ``[settings.quality]``
table, with the helpers the criteria share (the elements found, where a missing one is expected,
reading a setting, reporting a setting mcconform cannot use).
"""

from __future__ import annotations

from typing import Any, cast

from ...document import Document
from ...quality import BY_ID, Element, extract_elements
from ...report import Finding, Severity
from .. import CheckContext
from .rules import ANNEX, PROFILE_SETTING

SEVERITIES = ("error", "warning", "info")


def severity_of(value: Any, default: Severity | None) -> Severity | None:
    """A severity from a setting: a severity name, true (the default), false / "ignore" (None)."""
    if value is True:
        return default
    if value is False or value is None or value == "ignore":
        return None
    if value in SEVERITIES:
        return cast(Severity, value)
    return default


def number(x: float) -> str:
    """A number as findings show it: ``100``, not ``100.0``."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class QualityRun:
    """The quality checks of one document under one profile; the criteria append to ``findings``."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.ctx = ctx
        raw = ctx.setting("quality", None)
        self.settings: dict[str, Any] = raw if isinstance(raw, dict) else {}
        self.profile = ctx.profile.name
        src = self.settings.get("source")
        self.spec = src if isinstance(src, str) and src.strip() else ANNEX
        self.elements = extract_elements(doc)
        self.by_id: dict[str, list[Element]] = {}
        for e in self.elements:
            self.by_id.setdefault(e.id, []).append(e)
        self.findings: list[Finding] = []

    # ------------------------------------------------------------ helpers

    def found(self, id: str) -> list[Element]:
        return [e for e in self.by_id.get(id, []) if e.found]

    def expected(self, id: str) -> str:
        for e in self.by_id.get(id, []):
            if not e.found:
                return e.pointer
        return self.doc.base

    def tag(self) -> str:
        return f"[profile {self.profile}]"

    def bad_setting(self, message: str) -> None:
        self.findings.append(
            PROFILE_SETTING.finding(
                f"{message} {self.tag()}",
                self.doc.base,
                spec=f"profile {self.ctx.profile.source or self.profile}",
            )
        )

    def section(self, name: str) -> dict[str, Any]:
        v = self.settings.get(name, {})
        if not isinstance(v, dict):
            self.bad_setting(f"[settings.quality.{name}] must be a table")
            return {}
        return v

    def num(self, table: dict[str, Any], key: str, where: str) -> float | None:
        v = table.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int | float):
            self.bad_setting(f"[settings.quality.{where}] {key} must be a number, not {v!r}")
            return None
        return float(v)

    def ids(self, key: str, default: tuple[str, ...]) -> list[str]:
        v = self.settings.get(key, list(default) if not self.settings else [])
        if not isinstance(v, list):
            self.bad_setting(f"[settings.quality] {key} must be a list of element ids")
            return []
        out = []
        for i in v:
            if i in BY_ID:
                out.append(i)
            else:
                self.bad_setting(
                    f"[settings.quality] {key}: unknown element {i!r}; known: {', '.join(BY_ID)}"
                )
        return out
