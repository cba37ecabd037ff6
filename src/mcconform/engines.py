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
