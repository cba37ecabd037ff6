"""Fast JSON-LD to RDF: one pyld run per document *shape*, string substitution for the rest.

JSON-LD processing (context resolution, type-scoped contexts, term expansion) depends on the
keys, the ``@context`` and ``type`` values and the kinds of the values of a document, not on
most of its strings.  Exports hold thousands of credentials of the same shape, so mcconform
processes the shape once and reuses the result:

1. **Skeleton.**  Every string leaf of the document becomes a placeholder IRI
   ``urn:x-mcconform:N`` (N numbers the leaves in document order), except the values that
   steer processing, which stay as they are: ``@context``, ``type`` / ``@type``,
   ``@language``, ``@direction`` and ``@index``.  Numbers, booleans and ``null`` stay too.
   The skeleton's JSON text is the cache key.
2. **Template.**  The skeleton goes through the reference path (:func:`mcconform.jsonld.process`,
   i.e. pyld with tracing).  In the resulting dataset each placeholder is either a whole IRI
   (the value was an ``@id``, or a term coerced to ``@id`` / ``@vocab``) or a whole literal.
   A template is *refused* (the shape always takes the reference path) when processing
   fails or when a placeholder shows up anywhere else: inside a literal (``@json``), in a
   predicate, datatype or language tag, or as an ``rdf:type`` object.
3. **Instance.**  For a document of that shape, each placeholder is replaced by the
   document's string: verbatim in a literal; in an IRI position only when the string is a
   plain absolute IRI that pyld would leave untouched (a scheme, no whitespace, not a blank
   node label, and a scheme that no loaded context defines as a term, so that no compact IRI
   expansion can apply).  Any other string sends the document down the reference path.

The result is the same dataset (the same triples and blank node labels), the same undefined
terms and the same pointer maps as the reference path: ``tests/test_fastpath.py`` checks it
on the corpus and on mutations of it.  Only the order of triples may differ, and duplicates
that pyld merges (two ``id`` strings naming the same node) may repeat; both are sets in RDF.

The package, one concern per module: :mod:`.skeleton` (step 1), :mod:`.template` (step 2),
:mod:`.instance` (step 3), :mod:`.guards` (the refusals that keep the result the reference
path's), :mod:`.contexts` (the terms of the contexts, the contexts a document names) and
:mod:`.cache` (templates per skeleton, and the entry :meth:`TemplateCache.process`).  This
module only re-exports the names other modules use.
"""

from __future__ import annotations

from .cache import TemplateCache, templates
from .contexts import _manifest_digest, load_referenced
from .skeleton import KEEP, PLACEHOLDER, skeleton
from .template import Template, compile_template

__all__ = [
    "KEEP",
    "PLACEHOLDER",
    "Template",
    "TemplateCache",
    "_manifest_digest",
    "compile_template",
    "load_referenced",
    "skeleton",
    "templates",
]
