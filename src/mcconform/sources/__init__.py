"""Where documents come from, one module per kind of source, along the path data takes:

* :mod:`~mcconform.sources.inputs` names the inputs of a run (paths, ``-``, URLs) and yields
  one stream of documents under the document limit;
* :mod:`~mcconform.sources.files` (a file or a directory, walked by
  :mod:`~mcconform.sources.walk`), :mod:`~mcconform.sources.lines` (JSON Lines),
  :mod:`~mcconform.sources.archive` (ZIP), :mod:`~mcconform.sources.stdin`,
  :mod:`~mcconform.sources.url` read the containers;
* :mod:`~mcconform.sources.content` turns bytes or an in-memory value into a document under
  the size limit, dispatching to :mod:`~mcconform.sources.images` (baked PNG / SVG) or
  :mod:`~mcconform.sources.text` (JSON, JWT, SD-JWT, COSE);
* :mod:`~mcconform.sources.common` holds what they share (extensions, ``source.*`` rules,
  placeholders of refused documents).

Every document gets a stable source label: ``path``, ``path:LINE`` for JSON Lines,
``archive.zip!member`` for ZIP members (``archive.zip!member:LINE`` for JSON Lines inside
archives).  Inputs are read, never written; ZIP members are streamed, never extracted.
Importing this package declares every ``source.*``, ``image.*`` and ``jwt.malformed`` rule.
"""

from __future__ import annotations

from .archive import BAD_ZIP, iter_zip
from .common import (
    DOC_EXTENSIONS,
    EMPTY_INPUT,
    LINES_EXTENSIONS,
    UNREADABLE_SOURCE,
    WALK_EXTENSIONS,
    ZIP_EXTENSIONS,
)
from .content import document_from_bytes, document_from_memory
from .files import iter_path
from .inputs import TOO_MANY_DOCUMENTS, drop_empty, iter_documents
from .lines import iter_lines
from .stdin import iter_stdin
from .text import JWT_MALFORMED, decode_jwt, document_from_text
from .url import is_url, iter_url
from .walk import walk

_walk = walk  # the name gate.py imports

__all__ = [
    "BAD_ZIP",
    "DOC_EXTENSIONS",
    "EMPTY_INPUT",
    "JWT_MALFORMED",
    "LINES_EXTENSIONS",
    "TOO_MANY_DOCUMENTS",
    "UNREADABLE_SOURCE",
    "WALK_EXTENSIONS",
    "ZIP_EXTENSIONS",
    "decode_jwt",
    "document_from_bytes",
    "document_from_memory",
    "document_from_text",
    "drop_empty",
    "is_url",
    "iter_documents",
    "iter_lines",
    "iter_path",
    "iter_stdin",
    "iter_url",
    "iter_zip",
    "walk",
]
