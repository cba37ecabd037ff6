"""The compiled pre-check: the Rust engine (PyPI ``shacl``) tells whether a document has no
SHACL result at all, and "clean" verdicts are remembered per JSON-LD template
(:mod:`mcconform.verdicts`); pyshacl stays the reference for every finding."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ... import verdicts
from .shapes import file_mtime, merged_ntriples

if TYPE_CHECKING:
    from ...jsonld.result import JsonLdResult


@cache
def compiled_shapes(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> Any:
    """The shapes compiled by the Rust engine (PyPI ``shacl``), or None when it is unavailable
    or cannot compile them."""
    try:
        import shacl as engine  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return engine.Shapes.from_text(merged_ntriples(names, files, mtimes), "nt")
    except Exception:  # an engine that cannot compile the shapes is simply not used
        return None


def precheck_clean(names: list[str], files: list[str], res: JsonLdResult) -> bool:
    """True when the compiled engine reports no result at all (any severity) for the document.

    The compiled engine decides only this: pyshacl stays the reference and produces every
    finding, so a document with any result is validated again by pyshacl.  That both engines
    agree on "no result" is what ``tests/test_fastpath.py`` checks, on the corpus and on
    mutations of it, for every shapes file mcconform ships.
    """
    key = (tuple(names), tuple(files), tuple(file_mtime(f) for f in files))
    compiled = compiled_shapes(*key)
    if compiled is None:
        return False
    cached = _verdict_key(key, res)
    if cached is not None and cached[0].get(cached[1]):
        return True  # a document of the same template and the same key was clean
    text = res.ntriples()  # pyshacl validates the default graph (proofs are named graphs)
    if text is None:
        return False
    try:
        report = compiled.validate_text(text, "nt", max_results=1, allow_warnings=True)
    except Exception:  # data the engine cannot read goes to pyshacl
        return False
    clean = len(report.results) == 0
    if clean and cached is not None and len(cached[0]) < verdicts.MAX_KEYS:
        cached[0][cached[1]] = True
    return clean


@cache
def _sensitivity(names: tuple[str, ...], files: tuple[str, ...], mtimes: tuple[float, ...]) -> Any:
    try:
        return verdicts.analyse(merged_ntriples(names, files, mtimes))
    except Exception:  # shapes that cannot be read: nothing is cached
        return verdicts.Sensitivity(False)


def _verdict_key(key: tuple[Any, ...], res: JsonLdResult) -> tuple[dict[Any, bool], Any] | None:
    """(the clean keys of the document's template for these shapes, the document's key), or
    None when the document did not come from a template or the shapes are not cacheable."""
    if res.origin is None:
        return None
    sens = _sensitivity(*key)
    if not sens.cacheable:
        return None
    template, values = res.origin
    entry = template.verdicts.get(id(sens))
    if entry is None or entry[0] is not sens:
        entry = template.verdicts[id(sens)] = (sens, verdicts.slot_use(template, sens), {})
    return entry[2], verdicts.key(entry[1], values, sens)
