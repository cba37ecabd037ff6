"""Which engines judge: the reference libraries always, the compiled pre-checks when importable.

The compiled engines (``shacl``, ``jsonschema_rs``) are regular dependencies; where a platform has
no wheel for one of them, the reference engine alone runs (same verdicts, slower) and
``mcconform --version`` says so.
"""

from __future__ import annotations

from importlib.util import find_spec

#: (role, module, distribution) of every engine mcconform may use
ENGINES: tuple[tuple[str, str, str], ...] = (
    ("JSON-LD", "pyld", "PyLD"),
    ("SHACL (reference)", "pyshacl", "pyshacl"),
    ("SHACL (compiled pre-check)", "shacl", "shacl"),
    ("JSON Schema (reference)", "jsonschema", "jsonschema"),
    ("JSON Schema (compiled pre-check)", "jsonschema_rs", "jsonschema-rs"),
    ("RDF", "rdflib", "rdflib"),
)


def engines() -> list[tuple[str, str, str | None]]:
    """(role, distribution, version or None when it cannot be imported), without importing it."""
    from importlib import metadata  # not at import time: the CLI imports this module

    out: list[tuple[str, str, str | None]] = []
    for role, module, dist in ENGINES:
        version: str | None = None
        if find_spec(module) is not None:
            try:
                version = metadata.version(dist)
            except metadata.PackageNotFoundError:
                version = "unknown version"
        out.append((role, dist, version))
    return out


def describe() -> str:
    lines = []
    for role, dist, version in engines():
        state = f"{dist} {version}" if version else f"{dist} not available: the reference engine alone runs"
        lines.append(f"  {role}: {state}")
    return "\n".join(lines)


def in_use(fast: bool) -> str:
    """One line naming the engines a run uses (``check -v`` writes it on standard error):
    the reference engines always, a compiled pre-check only on the fast path and when it
    can be imported."""
    names = []
    for role, dist, version in engines():
        compiled = "compiled" in role
        if compiled and not fast:
            continue
        if version is None:
            if compiled:
                names.append(f"{dist} not available (reference engine alone)")
            continue
        names.append(f"{dist} {version}{' (compiled pre-check)' if compiled else ''}")
    mode = "fast path" if fast else "reference engines only (--reference)"
    return f"engines: {mode}: " + ", ".join(names)
