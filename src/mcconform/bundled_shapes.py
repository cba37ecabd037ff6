"""The SHACL shapes files shipped with mcconform: where they are and the sha256 each is pinned by.

The files live in the repository's top-level ``shapes/`` directory, which the build maps to the
package ``mcconform.shapes`` (``setup.py``), so the wheel, an sdist and an editable install all
find them through ``importlib.resources``.  ``shapes/manifest.json`` pins every file by the
sha256 of its bytes (refresh with ``python tools/build_elm_shapes.py``); a file whose bytes do
not match, or a name the manifest does not list, is refused.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from importlib.abc import Traversable

PACKAGE = "mcconform.shapes"
MANIFEST = "manifest.json"


class BundledShapesError(OSError):
    """A built-in shapes file is unknown, missing or does not match its pinned sha256."""


def shapes_dir() -> Traversable:
    """The directory of the built-in shapes in the installed package."""
    return resources.files(PACKAGE)


@cache
def pinned() -> dict[str, str]:
    """File name -> pinned sha256 of every built-in shapes file."""
    entries = json.loads(shapes_dir().joinpath(MANIFEST).read_text("utf-8")).get("shapes", [])
    return {e["file"]: e["sha256"] for e in entries}


@cache
def shape_bytes(name: str) -> bytes:
    """The bytes of the built-in shapes file ``name``, checked against its pinned sha256."""
    sha256 = pinned().get(name)
    if sha256 is None:
        raise BundledShapesError(f"no built-in shapes file {name!r}")
    data = shapes_dir().joinpath(name).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise BundledShapesError(f"built-in shapes {name} do not match their pinned sha256 ({digest})")
    return data
