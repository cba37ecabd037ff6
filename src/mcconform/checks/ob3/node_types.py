"""The ``type`` of nested OB 3.0 nodes (rule ob3.node-type), and who reports it.

``shapes/ob3.ttl`` states node types in SHACL too.  With the default ``node_types = "auto"``,
:class:`NodeTypes` reports a broken type only when the profile's SHACL check will not (no
``shacl`` check, no RDF graph, or a JSON object SHACL cannot see), so that each broken type is
reported once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...parse import json_type
from ...pointer import join
from ...report import Finding
from .. import CheckContext
from .model import ACCEPTED, LITERAL_OK
from .rules import NODE_TYPE
from .values import is_uri, types_of


def _shacl_will_run(doc: Document, ctx: CheckContext) -> bool:
    if "shacl" not in ctx.profile.checks or "ob3.ttl" not in list(ctx.setting("shapes", [])):
        return False
    cred = doc.credential
    if not isinstance(cred, dict) or "@context" not in cred:
        return False
    res = ctx.jsonld(doc)
    return res.has_rdf


def _types_by_id(data: Any) -> dict[str, set[str]]:
    """id -> the type values of every JSON object with that id (what RDF merges into one node)."""
    out: dict[str, set[str]] = {}
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            nid = value.get("id")
            if isinstance(nid, str):
                out.setdefault(nid, set()).update(types_of(value))
            stack.extend(v for k, v in value.items() if k != "@context")
        elif isinstance(value, list):
            stack.extend(value)
    return out


def has_type(node: Any, expected: str) -> bool:
    """Whether ``node`` is a JSON object whose ``type`` includes ``expected`` (or a type value
    that stands for it): such a node is fine whoever checks it.  Told without building lists."""
    if type(node) is not dict:
        return False
    value = node.get("type")
    others = ACCEPTED.get(expected, ())  # ACCEPTED.get(expected, (expected,)), without a tuple
    if type(value) is str:
        return value == expected or value in others
    if type(value) is list:
        for t in value:
            if type(t) is str and (t == expected or t in others):
                return True
    return False


class NodeTypes:
    """Which node types of one document this check reports, and the findings for one node."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.ctx = ctx
        mode = ctx.setting("node_types", "auto")
        shacl = mode != "python" and _shacl_will_run(doc, ctx)
        self.python_types = mode == "python" or (mode == "auto" and not shacl)
        #: "auto" with SHACL running: report what the shapes cannot see (see shacl_reports)
        self.complement = mode == "auto" and shacl
        #: what the graph holds, read on first use (a node with its type needs none of it)
        self._graph: tuple[dict[str, set[str]], set[str], set[str]] | None = None

    def graph(self) -> tuple[dict[str, set[str]], set[str], set[str]]:
        """(types merged by id, graph node ids, JSON Pointers of graph nodes), built once."""
        if self._graph is None:
            res = self.ctx.jsonld(self.doc)
            pointers = res.node_pointers
            self._graph = (_types_by_id(self.doc.credential), set(pointers), set(pointers.values()))
        return self._graph

    def shacl_reports(self, node: Any, ptr: str, expected: str) -> bool:
        """Whether shapes/ob3.ttl reports that ``node`` lacks class ``expected``.

        RDF merges the JSON objects that share an ``id`` into one node, so a JSON object with a
        wrong type passes SHACL when another object with the same id (the issuer and the
        achievement's creator, typically) has the right one.  Objects dropped by JSON-LD (under
        an undefined key) are no graph nodes at all.  Those are left to this check.
        """
        accepted = set(ACCEPTED.get(expected, (expected,)))
        merged, graph_nodes, graph_pointers = self.graph()
        if isinstance(node, dict):
            nid = node.get("id")
            if isinstance(nid, str):
                if not is_uri(nid) or nid not in graph_nodes:
                    return False
                return not (merged.get(nid, set()) & accepted)
            return ptr[len(self.doc.base) :] in graph_pointers
        if expected in LITERAL_OK:
            return False  # a literal passes the sh:or of these shapes
        if isinstance(node, str):
            return not (merged.get(node, set()) & accepted)
        return True

    def findings(
        self, node: Any, ptr: str, expected: str, prop: str, *, force: bool = False
    ) -> Iterator[Finding]:
        """The type of a nested node (left to SHACL when it runs, unless ``force``)."""
        if has_type(node, expected):
            return  # the node has its type: nothing to report, whoever would report it
        if not (self.python_types or force) and (
            not self.complement or self.shacl_reports(node, ptr, expected)
        ):
            return
        if not isinstance(node, dict):
            yield NODE_TYPE.finding(
                f"'{prop}' must be a {expected} object, not a JSON {json_type(node)}", ptr
            )
            return
        accepted = ACCEPTED.get(expected, (expected,))
        types = types_of(node)
        if "type" not in node:
            yield NODE_TYPE.finding(f"'{prop}' has no type; it must include \"{expected}\"", ptr)
        elif not any(t in accepted for t in types):
            shown = ", ".join(f'"{t}"' for t in types) or "none"
            yield NODE_TYPE.finding(
                f"the type of '{prop}' must include \"{expected}\" (it has {shown})",
                join(ptr, "type"),
                value=", ".join(types) or None,
            )
