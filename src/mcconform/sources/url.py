"""A URL named as an input: fetched through :mod:`mcconform.fetch` (the only network access)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..options import Options
from . import content


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def iter_url(url: str, options: Options) -> Iterator[Document]:
    """The document at ``url`` (an input named on the command line).

    Naming a URL is consent to fetch it: the network is turned on for this input only
    (``doc.meta["online"]``; hosted documents it refers to may then be fetched too), still
    under every safeguard of :mod:`mcconform.fetch` (no private addresses, caps, timeouts).
    """
    from dataclasses import replace

    from ..fetch import FetchError, fetch

    opts = options if options.online else replace(options, online=True)
    try:
        res = fetch(url, opts, max_bytes=min(options.limits.max_bytes, options.fetch_max_bytes))
    except FetchError as e:
        doc = Document(source=url)
        doc.findings.append(e.finding())
        yield doc
        return
    doc = content.document_from_bytes(url, res.content, options.limits)
    doc.meta["fetched_url"] = res.url
    doc.meta["online"] = True
    yield doc
