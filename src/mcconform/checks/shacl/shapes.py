"""The SHACL shapes: the built-in files (read, pinned, through :mod:`mcconform.bundled_shapes`), parsing
and merging them with ``--shapes`` files once per process (:func:`load_shapes`), and their
N-Triples kept across runs for the compiled engine."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...bundled_shapes import shape_bytes
from .vocab import rdf_names

if TYPE_CHECKING:
    from rdflib import Graph


class ShapesError(Exception):
    pass


@cache
def _parse_shapes(key: str, mtime: float) -> Graph:
    g = rdf_names().Graph()
    if key.startswith("builtin:"):
        name = key[len("builtin:") :]
        text = shape_bytes(name).decode("utf-8")
        g.parse(data=text, format="turtle")
    else:
        g.parse(key, format="turtle" if key.endswith((".ttl", ".turtle")) else None)
    return g


def load_shapes(names: list[str], files: list[str]) -> Graph:
    """All shapes merged into one graph (each file parsed once per process)."""
    return _merged(tuple(names), tuple(files), tuple(file_mtime(f) for f in files))


def file_mtime(f: str) -> float:
    try:
        return Path(f).stat().st_mtime
    except OSError:
        return 0.0


@cache
def _merged(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> Graph:
    g = rdf_names().Graph()
    try:
        for n in names:
            for t in _parse_shapes(f"builtin:{n}", 0.0):
                g.add(t)
        for f, m in zip(files, mtimes, strict=True):
            for t in _parse_shapes(str(Path(f).resolve()), m):
                g.add(t)
    except Exception as e:  # rdflib raises many kinds of parse errors
        raise ShapesError(str(e)) from None
    return g


def merged_ntriples(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> str:
    """The merged shapes as rdflib writes them in N-Triples, kept across runs by the sha256 of
    every shapes file (so a run whose documents the compiled engine clears never imports
    rdflib)."""
    from ... import runcache

    digest = hashlib.sha256()
    for n in names:
        digest.update(b"builtin:" + n.encode() + b"\0")
        digest.update(shape_bytes(n))
    for f in files:
        digest.update(b"file\0" + Path(f).read_bytes())
    key = f"{runcache.engine_stamp('rdflib')}\n{digest.hexdigest()}"
    text = runcache.load("shapes-nt", key)
    if not isinstance(text, str):
        text = _merged(names, files, mtimes).serialize(format="nt")
        runcache.store("shapes-nt", key, text)
    return text
