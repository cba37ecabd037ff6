"""The fast path keeps every verdict: parity with the reference path.

* JSON-LD templates (:mod:`mcconform.fastld`) give the same triples, blank node labels,
  undefined terms and pointer maps as pyld with tracing (:func:`mcconform.jsonld.process`),
  on every JSON-LD document of the corpus and of our fixtures and on mutations of their string
  values chosen to hit the template's edge cases (relative IRIs, compact IRIs, blank node
  labels, IRIs with spaces, strings that repeat another node's id).
* The compiled SHACL engine's "no result at all" agrees with pyshacl's, for every shapes file
  mcconform ships and the official EDC shapes, on the documents those shapes are for and on
  mutations of them (properties removed, values retyped, classes changed).
* Whole reports are the same with the fast path on and off.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import mcconform
from conftest import CORPUS, FIXTURES, json_document
from mcconform.bundled_shapes import shapes_dir
from mcconform.checks.shacl import load_shapes, precheck_clean, validate
from mcconform.fastld import PLACEHOLDER, skeleton, templates
from mcconform.jsonld import ContextRegistry, JsonLdResult, process
from mcconform.rdf import to_graph

# --------------------------------------------------------------------------- inputs


def _json_documents() -> Iterator[tuple[str, Any]]:
    roots = [FIXTURES]
    if CORPUS.exists():
        roots.append(CORPUS)
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.suffix not in (".json", ".jsonld") or not p.is_file() or p.stat().st_size > 2_000_000:
                continue
            if root == FIXTURES and p.relative_to(root).parts[0] == "fuzz":
                continue  # the fuzzer's hostile regression inputs (tests/test_fuzz.py runs them)
            data = json_document(p)
            if isinstance(data, dict) and "@context" in data:
                yield f"{p.parent.name}/{p.name}", data


DOCS = list(_json_documents())
EDGE_VALUES = [
    "plain text, not an IRI",
    "https://example.org/other#x",
    "relative/path",
    "xsd:string",  # a compact IRI with a prefix that contexts define
    "_:b9",
    "",
    "https://example.org/with space",
    "urn:uuid:12345678-1234-4234-8234-123456789abc",
]


KEEP_KEYS = templates(ContextRegistry()).keep_keys()


def _leaves(data: Any) -> list[list[Any]]:
    """Paths to the string leaves the skeleton replaces."""
    _skel, values = skeleton(data, KEEP_KEYS)
    out: list[list[Any]] = []

    def walk(v: Any, path: list[Any], keep: bool) -> None:
        if isinstance(v, str):
            if not keep:
                out.append(path)
        elif isinstance(v, dict):
            for k, x in v.items():
                if k != "@context":
                    walk(x, [*path, k], keep or k in KEEP_KEYS)
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, [*path, i], keep)

    walk(data, [], False)
    assert len(out) == len(values)
    return out


def _set(data: Any, path: list[Any], value: Any) -> Any:
    data = json.loads(json.dumps(data))
    cur = data
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = value
    return data


def _mutations(name: str, data: Any, n: int = 6) -> Iterator[tuple[str, Any]]:
    rnd = random.Random(name)
    leaves = _leaves(data)
    if not leaves:
        return
    ids = [v for v in skeleton(data, KEEP_KEYS)[1] if v.startswith(("http", "urn:", "did:"))]
    for j in range(n):
        path = rnd.choice(leaves)
        value = EDGE_VALUES[j % len(EDGE_VALUES)] if j < len(EDGE_VALUES) else rnd.choice(ids or EDGE_VALUES)
        yield f"{'/'.join(map(str, path))}={value!r}", _set(data, path, value)
    if ids:  # a string repeating another node's id: pyld merges the nodes
        path = rnd.choice(leaves)
        yield f"{'/'.join(map(str, path))}=id", _set(data, path, ids[0])


CASES = [(n, d) for n, d in DOCS] + [(f"{n} {m}", md) for n, d in DOCS for m, md in _mutations(n, d)]


# --------------------------------------------------------------------------- JSON-LD parity


def _lines(text: str | None) -> set[str]:
    return set((text or "").splitlines())


def _quads(res: JsonLdResult) -> set[tuple[str, str, str, str, str, str]]:
    out = set()
    for graph, triples in (res.dataset or {}).items():
        for t in triples:
            o = t["object"]
            out.add(
                (
                    graph,
                    t["subject"]["value"],
                    t["predicate"]["value"],
                    o["value"],
                    o.get("datatype") or "",
                    o.get("language") or "",
                )
            )
    return out


@pytest.fixture(scope="module")
def registry() -> ContextRegistry:
    return ContextRegistry()


@pytest.mark.parametrize(("name", "data"), CASES, ids=[c[0][:90] for c in CASES])
def test_template_equals_reference(name: str, data: Any, registry: ContextRegistry) -> None:
    ref = process(data, registry)
    fast = templates(registry).process(data)
    if fast is None:
        return  # the reference path is taken: nothing to compare
    assert ref.error is None, "the fast path answered a document the reference path rejects"
    assert _lines(fast.ntriples()) == _lines(ref.ntriples())
    assert _quads(fast) == _quads(ref)
    assert [(u.pointer, u.key, u.expanded) for u in fast.undefined] == [
        (u.pointer, u.key, u.expanded) for u in ref.undefined
    ]
    assert fast.node_pointers == ref.node_pointers
    assert fast.node_keys == ref.node_keys
    assert fast.context_urls == ref.context_urls


def test_templates_are_used_and_refused_where_they_must_be(registry: ContextRegistry) -> None:
    cache = templates(registry)
    used = sum(cache.process(d) is not None for _n, d in DOCS)
    assert used >= len(DOCS) * 0.6, f"the fast path served only {used} of {len(DOCS)} documents"
    base = json.loads((FIXTURES / "ob3" / "valid" / "micro-credential.json").read_text())
    assert cache.process(base) is not None
    # an id that is not a plain absolute IRI goes to the reference path
    assert cache.process(_set(base, ["id"], "relative")) is None
    assert cache.process(_set(base, ["id"], "_:b0")) is None
    assert cache.process(_set(base, ["id"], "xsd:foo")) is None
    # while a literal may be anything
    assert cache.process(_set(base, ["name"], "xsd:foo <>\"\n\\")) is not None


def test_placeholders_never_leak(registry: ContextRegistry) -> None:
    for _n, data in DOCS:
        fast = templates(registry).process(data)
        if fast is not None:
            assert PLACEHOLDER not in (fast.ntriples() or "")
            assert all(PLACEHOLDER not in k for k in fast.node_pointers)


# --------------------------------------------------------------------------- SHACL pre-check parity


def _elm_docs() -> list[tuple[str, Any]]:
    return [(n, d) for n, d in DOCS if "edc" in json.dumps(d.get("@context"))]


def _ob3_docs() -> list[tuple[str, Any]]:
    return [(n, d) for n, d in DOCS if "ob/v3p0" in json.dumps(d.get("@context"))][:60]


def _structural_mutations(name: str, data: Any, n: int) -> Iterator[tuple[str, Any]]:
    """Properties removed, values retyped, classes changed: what makes shapes report."""
    rnd = random.Random("shacl " + name)
    nodes: list[list[Any]] = []

    def walk(v: Any, path: list[Any]) -> None:
        if isinstance(v, dict):
            nodes.append(path)
            for k, x in v.items():
                if k != "@context":
                    walk(x, [*path, k])
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, [*path, i])

    walk(data, [])
    for j in range(n):
        path = rnd.choice(nodes)
        node = data
        for k in path:
            node = node[k]
        keys = [k for k in node if k not in ("@context", "id")]
        if not keys:
            continue
        key = rnd.choice(keys)
        mutated = json.loads(json.dumps(data))
        target = mutated
        for k in path:
            target = target[k]
        how = j % 4
        if how == 0:
            del target[key]
        elif how == 1:
            target[key] = 12345
        elif how == 2:
            target[key] = {"type": "Concept", "id": "http://example.org/not-in-any-vocabulary"}
        else:
            target["type"] = "Organisation" if target.get("type") != "Organisation" else "Person"
        yield f"{'/'.join(map(str, path))}:{key}:{how}", mutated


def _shape_sets() -> list[tuple[str, list[str], list[str], str]]:
    sets = [("ob3.ttl", ["ob3.ttl"], [], "ob3")]
    here = shapes_dir()
    if here.joinpath("elm-edc-no-cv.ttl").is_file():
        sets.append(("elm-edc-no-cv.ttl", ["elm-edc-no-cv.ttl"], [], "elm"))
    if here.joinpath("elm-edc-full.ttl").is_file():
        sets.append(("elm-edc-full.ttl", ["elm-edc-full.ttl"], [], "elm"))
    official = CORPUS / "elm" / "shapes" / "edc"
    if official.exists():
        sets.append(("official no-cv", [], [str(official / "EDC-generic-no-cv.ttl")], "elm"))
        sets.append(
            (
                "official full",
                [],
                [str(official / "EDC-generic-no-cv.ttl"), str(official / "EDC-generic-full.ttl")],
                "elm",
            )
        )
    return sets


SHACL_CASES = []
for _label, _names, _files, _family in _shape_sets():
    _docs = _elm_docs() if _family == "elm" else _ob3_docs()
    _per_doc = 8 if _family == "elm" else 4
    _all = list(_docs) + [
        (f"{n} {m}", md) for n, d in _docs[:12] for m, md in _structural_mutations(n, d, _per_doc)
    ]
    SHACL_CASES += [(_label, _names, _files, n, d) for n, d in _all]


@pytest.mark.parametrize(
    ("label", "names", "files", "name", "data"),
    SHACL_CASES,
    ids=[f"{c[0]}: {c[3]}"[:100] for c in SHACL_CASES],
)
def test_precheck_agrees_with_pyshacl(
    label: str, names: list[str], files: list[str], name: str, data: Any, registry: ContextRegistry
) -> None:
    pytest.importorskip("shacl")
    res = process(data, registry)
    if res.error is not None or res.dataset is None:
        return
    shapes = load_shapes(names, files)
    results = validate(to_graph(res.dataset), shapes)
    from rdflib.namespace import RDF, SH

    reference_clean = not any(results.subjects(RDF.type, SH.ValidationResult))
    assert precheck_clean(names, files, res) == reference_clean


def test_shacl_cases_include_both_outcomes(registry: ContextRegistry) -> None:
    pytest.importorskip("shacl")
    outcomes = set()
    for _label, names, files, _n, data in SHACL_CASES[:: max(1, len(SHACL_CASES) // 40)]:
        res = process(data, registry)
        if res.dataset is not None and res.error is None:
            outcomes.add(precheck_clean(names, files, res))
    assert outcomes == {True, False}


# --------------------------------------------------------------------------- whole reports


def test_reports_are_the_same_with_the_fast_path_off(tmp_path: Path) -> None:
    inputs = [str(FIXTURES / "ob3")]
    if CORPUS.exists():
        inputs += [str(CORPUS / "elm" / "examples"), str(CORPUS / "openbadges" / "edubadges")]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    fast = mcconform.check(inputs, fast=True, now=now)
    slow = mcconform.check(inputs, fast=False, now=now)
    assert fast.to_dict() == slow.to_dict()
