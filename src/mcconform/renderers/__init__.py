"""Renderers turn one :class:`~mcconform.report.Report` into bytes for a person or a machine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..report import Report
from .escape import escape_surrogates

Renderer = Callable[[Report, dict[str, Any]], str]


def get(name: str) -> Renderer:
    """The renderer ``name``; its output never holds a lone surrogate (see escape_surrogates)."""
    render = _get(name)

    def safe(report: Report, opts: dict[str, Any]) -> str:
        return escape_surrogates(render(report, opts))

    return safe


def _get(name: str) -> Renderer:
    if name == "text":
        from .text import render
    elif name == "json":
        from .json import render
    elif name == "sarif":
        from .sarif import render
    elif name == "junit":
        from .junit import render
    elif name == "earl":
        from .earl import render
    elif name == "earl-jsonld":
        from .earl import render_jsonld as render
    elif name == "markdown":
        from .markdown import render
    elif name == "html":
        from .html import render
    elif name == "github":
        from .github import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json", "sarif", "junit", "earl", "earl-jsonld", "markdown", "html", "github")
#: formats that show line and column: the CLI locates findings in the source text for them
LOCATED_FORMATS = frozenset({"sarif", "junit", "earl", "earl-jsonld", "markdown", "html", "github"})


def render(report: Report, fmt: str = "text", **opts: Any) -> str:
    """``report`` in ``fmt`` (one of :data:`FORMATS`), byte for byte what ``mcconform check
    --format FMT`` writes for the same report.  Line-oriented formats need the locations the
    CLI finds: check with ``mcconform.check(..., locate=True)``; other formats leave them out,
    as the CLI does.  ``opts``: ``color``, ``verbose``, ``quiet`` (text)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt not in LOCATED_FORMATS and any("locations" in d.meta for d in report.documents):
        from dataclasses import replace

        docs = report.documents
        report = replace(report, documents=[replace(d, meta=_unlocated(d.meta)) for d in docs])
    return get(fmt)(report, {"color": False, "verbose": False, **opts})


def _unlocated(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k != "locations"}
