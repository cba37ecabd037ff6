"""Literals that are surely well formed, told without rdflib (start-up time of the CLI).

:func:`mcconform.rdf.literal_problems` asks rdflib whether each typed or language-tagged
literal can be represented as given; importing rdflib costs a warm ``mcconform check`` more than
the check itself.  Most literals of a credential are plain strings, well-formed language tags and
well-formed ``xsd:dateTime`` values: :func:`all_surely_fine` says so without rdflib, and only
a dataset with any other literal goes to rdflib.  It never says "fine" where rdflib would find a
problem (``tests/test_literals.py`` compares the two).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"

#: the namespaces of the datatypes rdflib converts to Python values (``rdflib.term.XSDToPython``)
_CONVERTED = ("http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
#: rdflib's own test of a language tag (``rdflib.term._lang_tag_regex``)
_LANG = re.compile(r"^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$")
#: a plain XSD dateTime: four-digit year, at most microseconds, Z or an offset (or none)
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})?$", re.ASCII
)


def _surely_fine(obj: Mapping[str, Any]) -> bool:
    lang = obj.get("language")
    if lang:
        return isinstance(lang, str) and _LANG.match(lang) is not None
    datatype = obj.get("datatype")
    if not datatype or datatype in (XSD_STRING, RDF_LANGSTRING):
        return True
    if not str(datatype).startswith(_CONVERTED):
        # rdflib converts (and so judges) only datatypes of the XSD and RDF namespaces; the
        # OB 3.0 context's ``https://www.w3.org/2001/XMLSchema#float`` is not one of them
        return True
    if datatype == XSD_DATETIME:
        value = obj.get("value")
        if not isinstance(value, str) or _DATETIME.match(value) is None:
            return False
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


def all_surely_fine(dataset: Mapping[str, list[dict[str, Any]]], graphs: str = "default") -> bool:
    """True when every literal of ``dataset`` (its default graph, as
    :func:`mcconform.rdf.literal_problems` reads it) is surely representable as given."""
    for name, triples in dataset.items():
        if graphs == "default" and name != "@default":
            continue
        for t in triples:
            obj = t["object"]
            if obj.get("type") == "literal" and not _surely_fine(obj):
                return False
    return True
