"""Start-up work kept across runs: JSON-LD templates, context terms, shapes as N-Triples.

A ``mcconform check`` of one file (a pre-commit hook runs one per commit) would otherwise
spend most of its time importing pyld and rdflib and redoing the same work: processing the
template of the document's shape, collecting the terms of the bundled contexts, parsing the
SHACL shapes.  The results of that work are kept in the user cache folder:

    $MCCONFORM_CACHE_DIR, else $XDG_CACHE_HOME/mcconform, else ~/.cache/mcconform
        <package version>/<kind>/<sha256 of the key>

* **Keyed by everything that decides them.**  The key is a text naming the inputs (the
  skeleton, the sha256 of every bundled context or shapes file, the installed pyld / rdflib
  files); the entry stores the key again and is used only when it matches.
* **Never trusted if corrupt.**  An entry is ``MAGIC + sha256(body) + body``; a missing,
  short, altered or unreadable entry is a miss, and the work is done again (and rewritten).
* **Safe under concurrent runs.**  An entry is written to a temporary file in the same folder
  and renamed over the final name (atomic on POSIX and Windows): a reader sees the old entry,
  the new one or none, never half of one.
* **Can be turned off.**  ``MCCONFORM_NO_CACHE=1`` disables reading and writing; errors while
  writing (read-only home, full disk) are ignored: the cache only saves time.

The bodies are pickles of mcconform's own data classes.  The folder is the user's own, as
trusted as the rest of their home directory; the digest guards against damage, not against
someone who can already write there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .version import __version__

MAGIC = b"mcconform-cache-1\n"
ENV_DIR = "MCCONFORM_CACHE_DIR"
ENV_OFF = "MCCONFORM_NO_CACHE"


def folder() -> Path | None:
    """The cache folder of this package version, or None when the cache is turned off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    base = os.environ.get(ENV_DIR) or ""
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or ""
        root = Path(xdg) if xdg else Path.home() / ".cache"
        base = str(root / "mcconform")
    return Path(base) / __version__


def _path(kind: str, key: str) -> Path | None:
    root = folder()
    if root is None:
        return None
    return root / kind / hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def load(kind: str, key: str) -> Any | None:
    """The value stored under (kind, key), or None (absent, turned off, corrupt, other key)."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if len(data) < head or not data.startswith(MAGIC):
        return None
    body = data[head:]
    if hashlib.sha256(body).digest() != data[len(MAGIC) : head]:
        return None
    try:
        stored_key, value = pickle.loads(body)
    except Exception:  # an entry from another build of the same version: recompute
        return None
    return value if stored_key == key else None


def store(kind: str, key: str, value: Any) -> bool:
    """Keep ``value`` under (kind, key); False when it could not be written (never raises)."""
    path = _path(kind, key)
    if path is None:
        return False
    try:
        body = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be pickled is simply not kept
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


@cache
def engine_stamp(module: str) -> str:
    """Which installed copy of ``module`` would run (its file, size and modification time),
    found without importing it: a changed pyld or rdflib makes new keys."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return f"{module}:absent"
    origin = spec.origin if spec is not None else None
    if not origin:
        return f"{module}:absent"
    try:
        st = os.stat(origin)
    except OSError:
        return f"{module}:{origin}"
    return f"{module}:{origin}:{st.st_size}:{st.st_mtime_ns}"
