"""Endorsements (embedded or linked) and the bundled 2.0 extensions' properties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...detect import (
    as_list,
)
from ...pointer import join
from ..ob3.values import is_uri
from .model import EXT, EXTENSIONS, Extension
from .rules import EXTENSION, VALUE_TYPE
from .sink import Linked, Sink
from .values import _short, _verification_type, is_iri, is_url, types_of

if TYPE_CHECKING:
    from .run import Run


def endorsements(self: Run, sink: Sink, node: dict[str, Any], ptr: str) -> None:
    raw = node.get("endorsement")
    for i, e in enumerate(as_list(raw)):
        eptr = join(ptr, "endorsement", i) if isinstance(raw, list) else join(ptr, "endorsement")
        if isinstance(e, dict):
            self.endorsement(Linked(e, "", sink), eptr)
        elif isinstance(e, str) and is_iri(e):
            linked = self.linked(sink, e, eptr, "Endorsement")
            if linked is not None:
                self.endorsement(linked, "")
        else:
            sink.add(VALUE_TYPE, "an endorsement is an Endorsement IRI or an embedded Endorsement", eptr)


def endorsement(self: Run, e: Linked, ptr: str) -> None:
    self.node(e.sink, e.data, ptr, "Endorsement")
    ref = e.data.get("issuer")
    if isinstance(ref, str):
        issuer = self.linked(e.sink, ref, join(ptr, "issuer"), "endorser Profile")
        if issuer is not None:
            self.node(issuer.sink, issuer.data, "", "Profile")
            eid = e.data.get("id")
            if _verification_type(e.data) == "HostedBadge" and is_url(eid):
                self.scope(e.sink, str(eid), issuer, join(ptr, "id"))


def extensions(self: Run, sink: Sink, data: Any) -> None:
    """Properties of the known OB 2.0 extensions, wherever their context is active."""
    stack: list[tuple[Any, str, frozenset[str]]] = [(data, "", frozenset())]
    known = {x.context: x for x in EXTENSIONS}
    while stack:
        value, ptr, active = stack.pop()
        if isinstance(value, dict):
            here = active | {
                c for c in as_list(value.get("@context")) if isinstance(c, str) and c in known
            }
            for url in sorted(here):
                ext = known[url]
                types = {t.replace("extensions:", EXT) for t in types_of(value)}
                for key, (iri, kind) in ext.props.items():
                    for k in (key, iri):
                        if k in value:
                            self.ext_value(sink, ext, k, value[k], join(ptr, k), kind)
                if ext.type_iri in types:
                    for key in ext.required:
                        if key not in value and ext.props[key][0] not in value:
                            sink.add(EXTENSION, f"the {ext.name} has no '{key}'", ptr, value=key)
            for k, v in value.items():
                if k != "@context":
                    stack.append((v, join(ptr, k), here))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                stack.append((v, join(ptr, i), active))


def ext_value(self: Run, sink: Sink, ext: Extension, key: str, v: Any, ptr: str, kind: str) -> None:
    ok = isinstance(v, dict) if kind == "object" else isinstance(v, str) and (kind != "uri" or is_uri(v))
    if not ok:
        want = {"uri": "a URI", "object": "an object"}.get(kind, "text (a string)")
        sink.add(EXTENSION, f"'{key}' of the {ext.name} must be {want}, not {_short(v)}", ptr)
