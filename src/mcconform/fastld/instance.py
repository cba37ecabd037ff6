"""Step 3 of the fast path: a document's result from its template, each placeholder replaced
by the document's string (N-Triples, the dataset and the pointer map are built on first use).
"""

from __future__ import annotations

import re
from typing import Any

from ..jsonld.result import JsonLdResult
from .skeleton import _PH_RE
from .template import Template, _lit_text

_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')


def instantiate(t: Template, values: list[str]) -> JsonLdResult:
    base = t.result
    assert base is not None
    static = t.static

    def ntriples() -> str:
        pieces = [static[0]]
        if _NEEDS_ESCAPE.search("".join(values)) is None:  # the common case: nothing to escape
            for k, (n, _literal) in enumerate(t.slots, 1):
                pieces.append(values[n])
                pieces.append(static[k])
        else:
            for k, (n, literal) in enumerate(t.slots, 1):
                v = values[n]
                pieces.append(_lit_text(v) if literal and _NEEDS_ESCAPE.search(v) else v)
                pieces.append(static[k])
        return "".join(pieces)

    def node_pointers() -> dict[str, str]:
        node_pointers: dict[str, str] = {}
        best: dict[str, tuple[int, int, str]] = {}
        for label, ptr in base.node_pointers.items():
            m = _PH_RE.match(label)
            if m is None:
                if label.startswith("_:"):
                    node_pointers[label] = ptr
                    continue
                iri = label
            else:
                iri = values[int(m.group(1))]
            w = base.iri_weights.get(label, (0, 0))
            cand = (*w, ptr)
            cur = best.get(iri)
            if cur is None or cand[:2] > cur[:2]:
                best[iri] = cand
        for iri, (_a, _b, ptr) in best.items():
            node_pointers[iri] = ptr
        return node_pointers

    def dataset() -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for graph, triple, gs, ss, os_ in t.raw:
            if gs is not None:
                graph = values[gs]
            if ss is not None:
                triple = {**triple, "subject": {**triple["subject"], "value": values[ss]}}
            if os_ is not None:
                triple = {**triple, "object": {**triple["object"], "value": values[os_]}}
            out.setdefault(graph, []).append(triple)
        return out

    return JsonLdResult(
        undefined=list(base.undefined),  # the template's own list is never handed out
        lazy_node_pointers=node_pointers,
        node_keys=base.node_keys,
        context_urls=base.context_urls,
        iri_weights={},
        lazy_ntriples=ntriples,
        lazy_dataset=dataset,
        origin=(t, values),
    )
