#!/usr/bin/env python3
"""Pin the bundled JSON-LD context documents: recompute the sha256 values in their manifest.

``src/mcconform/data/contexts/manifest.json`` lists, per context URL, the file that serves it,
the sha256 of that file's bytes and the specification it was written from.  The loader
(``mcconform.jsonld``) refuses a bundled file whose bytes do not match its pinned hash, so
after editing a context file run::

    python tools/pin_contexts.py            # rewrite the sha256 values (entries sorted by url)
    python tools/pin_contexts.py --check    # exit 1 if any value is stale (CI / pre-commit)

The url, file and spec fields are maintained by hand; this tool never adds or drops entries.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTEXTS = ROOT / "src" / "mcconform" / "data" / "contexts"
MANIFEST = CONTEXTS / "manifest.json"
FIELDS = ("url", "file", "sha256", "spec")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned(manifest: dict, base: Path) -> tuple[dict, list[str]]:
    """The manifest with fresh hashes, sorted by url, and the problems found on the way."""
    problems: list[str] = []
    entries = []
    for entry in manifest.get("contexts", []):
        path = base / entry["file"]
        sha = entry.get("sha256", "")
        if not path.is_file():
            problems.append(f"{entry['url']}: file {entry['file']} is missing")
        elif digest(path) != sha:
            sha = digest(path)
            problems.append(
                f"{entry['url']}: {entry['file']} is now {sha[:12]}..., pinned {entry.get('sha256')!r}"
            )
        ordered = {k: entry[k] for k in FIELDS if k in entry}
        entries.append({**ordered, **entry, "sha256": sha})
    if [e["url"] for e in entries] != sorted(e["url"] for e in entries):
        problems.append("entries are not sorted by url")
    entries.sort(key=lambda e: e["url"])
    urls = [e["url"] for e in entries]
    problems += [f"{u}: listed more than once" for u in sorted({u for u in urls if urls.count(u) > 1})]
    return {**manifest, "contexts": entries}, problems


def render(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only verify; exit 1 on any mismatch")
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    text = args.manifest.read_text("utf-8")
    fresh, problems = pinned(json.loads(text), args.manifest.parent)
    fatal = [p for p in problems if p.endswith(("is missing", "listed more than once"))]
    if args.check:
        for p in problems:
            print(p, file=sys.stderr)
        if not problems and render(fresh) != text:
            print("manifest.json is not in canonical form: run python tools/pin_contexts.py", file=sys.stderr)
            return 1
        return 1 if problems else 0
    for p in fatal:
        print(p, file=sys.stderr)
    if fatal:
        return 1
    if render(fresh) != text:
        args.manifest.write_text(render(fresh), "utf-8")
    updated = len(problems)
    print(f"{len(fresh['contexts'])} context URLs pinned ({updated} change{'s' * (updated != 1)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
