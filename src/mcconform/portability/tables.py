"""Mapping tables (data) and the engine that applies one to a source document.

A table is a TOML file in ``mappings/``, one per direction (``ob2-ob3.toml``...).  Each
``[[row]]`` names a source path (``from``, dot-separated keys, lists are walked through), a
target path (``to``) and a transform (``how``, a function of the converter module), or says
the value is ``lost`` (with the rule that reports it); each row cites its source (``cite``:
note file + section, spec clause).  ``[[requires]]`` rows name what the target requires.
A source value that no row names is reported as not carried.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..pointer import join
from ..report import Finding
from . import losses

Path = tuple[str, ...]


@dataclass(frozen=True)
class Row:
    src: Path
    to: Path
    how: str
    cite: str
    lost: str = ""
    note: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    rows: tuple[Row, ...]
    requires: tuple[tuple[Path, str, str], ...]
    ignore: tuple[Path, ...]
    #: target rule id (or family prefix) -> loss rules whose entries explain it
    explains: dict[str, frozenset[str]] = field(default_factory=dict)
    #: ``"copy"``: a source key no row names is carried unchanged (same data model)
    rest: str = ""
    #: target rule -> source rules that are the same violation ("*": the credential's state,
    #: carried unchanged, e.g. expired at --now), with the cite
    inherits: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)


def _path(s: str) -> Path:
    return tuple(p for p in s.split(".") if p) if s else ()


@cache
def table(name: str) -> Table:
    """The mapping table ``mappings/NAME.toml`` (shipped with the package)."""
    text = resources.files("mcconform.portability").joinpath("mappings", f"{name}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    rows = tuple(
        Row(
            _path(r["from"]),
            _path(r.get("to", "")),
            r.get("how", "copy"),
            r["cite"],
            r.get("lost", ""),
            r.get("note", ""),
        )
        for r in data.get("row", [])
    )
    req = tuple((_path(r["at"]), r["cite"], r.get("property", "")) for r in data.get("requires", []))
    ign = tuple(_path(p) for p in data.get("ignore", []))
    expl: dict[str, frozenset[str]] = {}
    for r in data.get("explains", []):
        expl[r["rule"]] = expl.get(r["rule"], frozenset()) | frozenset(r["by"])
    inh = {r["rule"]: (frozenset(r["source"]), r["cite"]) for r in data.get("inherits", [])}
    return Table(name, data.get("title", name), rows, req, ign, expl, data.get("rest", ""), inh)


def get(node: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def put(node: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``path`` in ``node``; a list value extends a list already there."""
    for key in path[:-1]:
        nxt = node.get(key)
        if not isinstance(nxt, dict):
            nxt = node[key] = {}
        node = nxt
    old = node.get(path[-1])
    if isinstance(old, list) and isinstance(value, list):
        old.extend(value)
    else:
        node[path[-1]] = value


def pointer(path: Path, base: str = "") -> str:
    out = base
    for key in path:
        out = join(out, key)
    return out


@dataclass
class Run:
    """One conversion: the target being built and the loss report."""

    table: Table
    source: dict[str, Any]
    target: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    consumed: set[Path] = field(default_factory=set)
    #: source pointer prefix (a credential inside an envelope)
    base: str = ""
    #: what a direction's transforms share (e.g. the ELM node builder)
    extra: dict[str, Any] = field(default_factory=dict)

    def lost(self, path: Path, message: str, cite: str, rule: Any = losses.NOT_CARRIED) -> None:
        self.consumed.add(path)
        self.findings.append(rule.finding(message, pointer(path, self.base), spec=cite))

    def approx(self, path: Path, message: str, cite: str) -> None:
        self.findings.append(losses.APPROXIMATE.finding(message, pointer(path, self.base), spec=cite))

    def requires(self, path: Path, message: str, cite: str, prop: str = "") -> None:
        """``prop``: the RDF property the target's shapes name (when its JSON term differs)."""
        self.findings.append(
            losses.TARGET_REQUIRES.finding(message, pointer(path), spec=cite, path=prop or None)
        )

    def apply(self, transforms: dict[str, Callable[..., Any]]) -> None:
        """Apply every row, then report the required target values still missing and the
        source values no row carried."""
        for row in self.table.rows:
            value = get(self.source, row.src)
            if value is None:
                continue
            if row.lost:
                rule = {
                    "verification-lost": losses.VERIFICATION_LOST,
                    "proof-dropped": losses.PROOF_DROPPED,
                }.get(row.lost, losses.NOT_CARRIED)
                self.lost(row.src, row.note or f"{'.'.join(row.src)} is not carried", row.cite, rule)
                continue
            self.consumed.add(row.src)
            fn = transforms[row.how]
            out = fn(value, self, row)
            if out is not None and row.to:
                put(self.target, row.to, out)
        for path, cite, prop in self.table.requires:
            if get(self.target, path) in (None, "", [], {}):
                self.requires(
                    path, f"the target requires {'.'.join(path)}; the source has no value for it", cite, prop
                )
        done = self.consumed | set(self.table.ignore)
        if self.table.rest == "copy":
            for key in sorted(self.source):
                if (key,) in done:
                    continue
                below = {d[1:] for d in done if d[:1] == (key,)}
                base = _without(copy.deepcopy(self.source[key]), below)
                self.target[key] = _merge(base, self.target[key]) if key in self.target else base
                done.add((key,))
        for path, concrete in _unconsumed(self.source, (), done):
            self.findings.append(
                losses.NOT_CARRIED.finding(
                    f"{'.'.join(path)} has no place in the target ({self.table.title}); not carried",
                    pointer(concrete, self.base),
                    spec=f"mappings/{self.table.name}.toml: no row",
                )
            )


def _without(node: Any, paths: set[Path]) -> Any:
    """``node`` without the (list-transparent) ``paths`` consumed by rows."""
    if not paths:
        return node
    if isinstance(node, list):
        return [_without(x, paths) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if (k,) in paths:
            continue
        out[k] = _without(v, {p[1:] for p in paths if p[:1] == (k,) and len(p) > 1})
    return out


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(out[k], v) if k in out else v
        return out
    return over


def _unconsumed(
    node: Any, concrete: tuple[str, ...], done: set[Path]
) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """(abstract path without list indexes, concrete path) of every top-most key of ``node``
    that no consumed path covers; a key with consumed paths below it is walked into."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _unconsumed(item, (*concrete, str(i)), done)
        return
    if not isinstance(node, dict):
        return
    for k in sorted(node):
        c = (*concrete, k)
        a = tuple(p for p in c if not p.isdigit())
        if any(a[: len(d)] == d for d in done):
            continue
        if any(d[: len(a)] == a for d in done):
            yield from _unconsumed(node[k], c, done)
        else:
            yield a, c
