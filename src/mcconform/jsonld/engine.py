"""pyld, imported on first use.

A run whose documents all match cached templates (:mod:`mcconform.fastld`) never imports
pyld (start-up time of one ``mcconform check``); every module of this package that needs
pyld's ``jsonld`` module asks :func:`pyld_jsonld` for it.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def pyld_jsonld() -> Any:
    """pyld's ``jsonld`` module, imported when a document needs JSON-LD processing: a run whose
    documents all match cached templates (:mod:`mcconform.fastld`) never imports pyld."""
    from pyld import jsonld

    return jsonld
