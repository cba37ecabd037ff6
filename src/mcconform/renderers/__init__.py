"""Renderers turn one :class:`~mcconform.report.Report` into bytes for a person or a machine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..report import Report

Renderer = Callable[[Report, dict[str, Any]], str]


def get(name: str) -> Renderer:
    if name == "text":
        from .text import render
    elif name == "json":
        from .json import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json")
