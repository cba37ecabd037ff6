"""The reference SHACL run: pyshacl validates a document's RDF graph against the shapes,
with the options every finding comes from."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

_lock = threading.Lock()


def validate(data: Graph, shapes: Graph) -> Graph:
    from pyshacl import validate as _validate

    with _lock:  # pyshacl is not re-entrant across threads sharing a shapes graph
        _conforms, results, _text = _validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=True,
            meta_shacl=False,
            debug=False,
        )
    return results
