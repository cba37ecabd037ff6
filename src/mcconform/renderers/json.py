"""The machine-readable JSON report; its shape is ``data/schemas/report.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from ..report import Report

SCHEMA_URI = "https://mcconform.invalid/schemas/report/v1"


def render(report: Report, opts: dict[str, Any]) -> str:
    data = {"$schema": SCHEMA_URI, **report.to_dict()}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
