"""The baseline: today's findings, recorded so that only new ones fail (``--write-baseline``,
``--baseline``).

A baseline is a JSON file::

    {"mcconform-baseline": 1,
     "findings": [{"rule": "ob3.criteria", "source": "badges/a.json",
                   "pointer": "/credentialSubject/achievement", "fingerprint": "3f2c..."}]}

Each entry names the rule, the source (its file part relative to the baseline file's folder,
so the baseline works from any working directory), the JSON Pointer and a fingerprint of the
*value* at the pointer: the SHA-256 of its canonical JSON (sorted keys, no whitespace), or of
``<absent>`` when the pointer names a missing member.  Re-indenting a credential or
reordering its keys changes no fingerprint; changing the value at the pointer does, and the
finding is new again.  A finding matches when all four agree.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pointer import resolve

if TYPE_CHECKING:
    from .document import Document
    from .report import DocumentReport, Finding

VERSION = 1
_ABSENT = object()


class BaselineError(ValueError):
    """The baseline file cannot be read."""


def fingerprint(data: Any, rule: str, pointer: str) -> str:
    """The fingerprint of the value at ``pointer`` in ``data`` for ``rule``."""
    try:
        value = resolve(data, pointer, _ABSENT)
    except ValueError:
        value = _ABSENT
    canon = "<absent>" if value is _ABSENT else json.dumps(value, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{rule}\x00{canon}".encode()).hexdigest()[:32]


def source_key(source: str, root: Path) -> str:
    """``source`` with its file part relative to ``root`` (``a.zip!m.json``, ``x.jsonl:3`` kept)."""
    from .locate import artifact_of

    path = artifact_of(source).path
    if path is None or not source.startswith(path):
        return source
    try:
        rel = os.path.relpath(os.path.abspath(path), root.resolve())
    except ValueError:
        return source
    return rel.replace(os.sep, "/") + source[len(path) :]


def entry(doc: Document, finding: Finding, root: Path) -> tuple[str, str, str, str]:
    return (
        finding.rule,
        source_key(doc.source, root),
        finding.pointer,
        fingerprint(doc.data, finding.rule, finding.pointer),
    )


@dataclass
class Baseline:
    """The findings of a baseline file; :meth:`known` is what :mod:`mcconform.selection` asks."""

    root: Path
    entries: set[tuple[str, str, str, str]] = field(default_factory=set)

    def known(self, doc: Document, finding: Finding) -> bool:
        return entry(doc, finding, self.root) in self.entries


def load(path: str | Path) -> Baseline:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise BaselineError(f"cannot read the baseline {p}: {e}") from e
    if not isinstance(data, dict) or data.get("mcconform-baseline") != VERSION:
        raise BaselineError(f"{p} is not an mcconform baseline (version {VERSION})")
    entries = set()
    for item in data.get("findings") or []:
        try:
            entries.add(
                (str(item["rule"]), str(item["source"]), str(item["pointer"]), str(item["fingerprint"]))
            )
        except (KeyError, TypeError) as e:
            raise BaselineError(f"{p}: a finding without rule, source, pointer and fingerprint") from e
    return Baseline(p.parent.resolve(), entries)


class Recorder:
    """Collects the entries of a run's findings (``--write-baseline``), one document at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.root = self.path.parent.resolve()
        self.entries: set[tuple[str, str, str, str]] = set()

    def add(self, doc: Document, report: DocumentReport) -> None:
        if not doc.readable:
            return
        for f in report.findings:
            if not f.rule.startswith("internal."):
                self.entries.add(entry(doc, f, self.root))

    def text(self) -> str:
        return dump(self.entries)


def dump(entries: Iterable[tuple[str, str, str, str]]) -> str:
    rows = [
        {"rule": r, "source": s, "pointer": p, "fingerprint": fp}
        for r, s, p, fp in sorted(entries, key=lambda e: (e[1], e[2], e[0], e[3]))
    ]
    return json.dumps({"mcconform-baseline": VERSION, "findings": rows}, indent=2, ensure_ascii=False) + "\n"
