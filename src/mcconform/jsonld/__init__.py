"""Offline JSON-LD processing: bundled contexts, undefined terms, RDF with pointers.

The document loader serves the context documents shipped in ``data/contexts`` (pinned by
sha256 in ``manifest.json``), plus any the user supplies with ``--context URL=FILE``.  An
unknown context URL is never fetched unless the user allows the network (``--online``).

Expansion runs through a subclass of pyld's processor that watches every JSON object as it
is expanded, so that every JSON key the active context does not define is reported with its
JSON Pointer, and every RDF node can be traced back to the JSON object it came from.

The package, one concern per module:

* :mod:`.contexts`: the bundled context documents and their sha256 pins;
* :mod:`.registry`: where a run's contexts come from, pyld's document loader and cache;
* :mod:`.rules`: the rules of JSON-LD processing;
* :mod:`.result`: what processing one document gave (:class:`JsonLdResult`);
* :mod:`.tracing`: the undefined-term and pointer tracing of pyld's expansion;
* :mod:`.errors`: pyld's errors translated into causes and messages;
* :mod:`.expand`: the driver, :func:`process` (expansion and ``to_rdf``);
* :mod:`.engine`: pyld, imported on first use.

This module only re-exports the names other modules use.
"""

from __future__ import annotations

from .contexts import BundledContext, ContextError, bundled_context, bundled_manifest
from .errors import describe_error, root_cause
from .expand import context_urls, process
from .registry import ContextRegistry, uses_import
from .result import JsonLdResult, UndefinedTerm, iter_triples
from .rules import CONTEXT_FETCH, INVALID, MISSING_CONTEXT, UNDEFINED_TERM, UNKNOWN_CONTEXT
from .tracing import ISSUER_DEPENDENT

_root_cause = root_cause  # its name before the split (checks/vc/typeiri.py imports it)

__all__ = [
    "CONTEXT_FETCH",
    "INVALID",
    "ISSUER_DEPENDENT",
    "MISSING_CONTEXT",
    "UNDEFINED_TERM",
    "UNKNOWN_CONTEXT",
    "BundledContext",
    "ContextError",
    "ContextRegistry",
    "JsonLdResult",
    "UndefinedTerm",
    "bundled_context",
    "bundled_manifest",
    "context_urls",
    "describe_error",
    "iter_triples",
    "process",
    "root_cause",
    "uses_import",
]
