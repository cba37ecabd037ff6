"""The inputs of a run (paths, directories, ``-``, URLs) into one stream of Documents, in a
stable order, under the document limit (``source.too-many-documents``); and the placeholders of
empty inputs dropped for the audit."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import guard
from ..document import Document
from ..limits import Limits
from ..options import Options
from ..rules import rule
from .files import iter_path
from .stdin import iter_stdin
from .url import is_url, iter_url

TOO_MANY_DOCUMENTS = rule(
    "source.too-many-documents",
    "error",
    "The inputs hold more documents than the limit; the rest were not read.",
    "mcconform input limits (--max-documents)",
    """
    One run reads at most ``--max-documents`` documents (1,000,000 by default): files,
    JSON Lines and ZIP members together.  A tiny archive can hold millions of lines; the
    documents beyond the limit are not read, and this finding says so.  Raise the limit to
    audit a larger export.
    """,
)


def iter_documents(
    inputs: Iterable[str], limits: Limits, options: Options | None = None
) -> Iterator[Document]:
    """Every document named by ``inputs`` (paths, directories, ``-``, URLs), in a stable order.

    URLs (``http://``, ``https://``) are fetched through :mod:`mcconform.fetch` with
    ``options`` (its resource map, cache and limits).
    """
    for count, doc in enumerate(_iter_inputs(inputs, limits, options), 1):
        if count > limits.max_documents:
            doc = Document(source=doc.source)
            doc.findings.append(
                TOO_MANY_DOCUMENTS.finding(
                    f"more than {limits.max_documents} documents: this one and the rest were not read"
                )
            )
            yield doc
            return
        yield doc


def _iter_inputs(inputs: Iterable[str], limits: Limits, options: Options | None) -> Iterator[Document]:
    for item in inputs:
        if item == "-":
            docs = guard.documents(item, iter_stdin(limits))
        elif is_url(item):
            docs = guard.documents(item, iter_url(item, options or Options(limits=limits)))
        else:
            docs = guard.documents(item, iter_path(item, limits))
        # the credentials inside a document (a presentation's, enveloped ones included) are
        # opened by mcconform.nested when the document is checked
        yield from docs


def drop_empty(docs: Iterable[Document], notify: Callable[[str], None]) -> Iterator[Document]:
    """``docs`` without the placeholders of empty folders and archives: an empty input is "no
    documents" (``notify`` gets the message), not an unreadable document counted in a report."""
    for doc in docs:
        if doc.kind == "empty" and doc.data is None:
            notify(f"{doc.source}: " + "; ".join(f.message for f in doc.findings))
            continue
        yield doc
