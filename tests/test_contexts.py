"""The JSON-LD context documents mcconform bundles: manifest integrity and equivalence.

The bundled contexts (``src/mcconform/data/contexts``) are written for this project from the
specifications.  What matters is that they mean exactly what the official documents mean, so
every bundled URL that has an official counterpart in the reference corpus is checked three ways:

* processed term definitions: pyld's active context after processing ours equals the one after
  processing the official document (alone and on top of the VC 1.1 / 2.0 base contexts),
  recursively through type- and property-scoped contexts; redeclaring any protected term exactly
  as the official document does is accepted on top of ours too (JSON-LD 1.1 compares scoped
  contexts verbatim on protected redefinition, which is why they are kept as published);
* RDF from the corpus samples that use the URL (OB 3.0 and OB 2.0 validator vectors, Edubadges,
  OB 2.0 / 3.0 specification examples, the DCC fixtures, ELM samples): ``pyld.jsonld.to_rdf``
  once with a loader serving our files and once with one serving the official files; the two
  datasets, parsed with rdflib, must be isomorphic (or both fail with the same JSON-LD error
  code).  Identical N-Quads (same expansion order, hence the same blank node labels) are accepted
  without running rdflib's isomorphism, which takes seconds on the largest samples;
* RDF from synthetic documents: samples with their OB 3.0 context URL rewritten to every other
  OB 3.0 revision, and per context a few small documents that together use every term it
  defines, each scoped context both as a property and as a type.

Loaders never touch the network: unknown URLs raise, and pyld's default loader is replaced by
one that fails for the whole module.
"""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from pyld.context_resolver import ContextResolver
from rdflib import RDF, BNode, Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from conftest import CORPUS, ROOT, corpus_path

CONTEXTS = ROOT / "src" / "mcconform" / "data" / "contexts"
MANIFEST_PATH = CONTEXTS / "manifest.json"
MANIFEST: list[dict[str, str]] = json.loads(MANIFEST_PATH.read_text("utf-8"))["contexts"]
BUNDLED: dict[str, str] = {e["url"]: e["file"] for e in MANIFEST}

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
ELM = "http://data.europa.eu/snb/model/context/edc-ap"
EDU = "https://raw.githubusercontent.com/educredentials/obv3-examples/refs/heads/main/contexts/educredential.json"
OB3 = [
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# Metadata members some published context documents carry next to @context (not context).
METADATA_KEYS = {"_mcconform", "obi:validation", "validation"}
# CONTEXT-MAP URLs deliberately not bundled.
NOT_BUNDLED = {
    "https://w3id.org/security/v3": "unstable draft security vocabulary; nothing in the corpus uses it",
    EDU: "a platform's own extension context (third party); supply it with --context",
}
# Third-party contexts the test loaders serve on both sides, straight from the corpus.
THIRD_PARTY = {EDU}

SAMPLE_GLOBS = [
    "openbadges/1edtech-validator/vectors/ob30/**/*.json",
    "openbadges/1edtech-validator/vectors/ob20/**/*.json",
    "openbadges/edubadges/_data/credentials/*.json",
    "openbadges/ob2/**/*.json",
    "openbadges/ob3/examples/spec/*.json",
    "openbadges/ob3/examples/dcc-vc-test-fixtures/**/*.json",
    "openbadges/ob3/test-vectors/**/*.json",
    "elm/examples/*.jsonld",
]
# Rich OB 3.0 samples whose context URL is rewritten to every OB 3.0 revision.
REWRITE_BASES = [
    "openbadges/1edtech-validator/vectors/ob30/complete.json",
    "openbadges/1edtech-validator/vectors/ob30/complete_v1.json",
    "openbadges/1edtech-validator/vectors/ob30/endorsement-valid.json",
    "openbadges/1edtech-validator/vectors/ob30/credential-status-revoked.json",
    "openbadges/ob3/examples/spec/examples_fullOpenBadge__00__Complete-OpenBadgeCredential.json",
    "openbadges/ob3/examples/spec/impl_linked-data-proof-clr__07__Signed-credential.json",
]


# --------------------------------------------------------------------------------------------
# Documents and loaders
# --------------------------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@cache
def context_map() -> dict[str, Any]:
    return _read_json(corpus_path("openbadges", "contexts", "CONTEXT-MAP.json"))


@cache
def our_documents() -> dict[str, Any]:
    return {url: _read_json(CONTEXTS / file) for url, file in BUNDLED.items()}


@cache
def official_documents() -> dict[str, Any]:
    """URL -> official document: CONTEXT-MAP, the ELM context, and our aliases of those URLs."""
    docs: dict[str, Any] = {}
    for entry in context_map()["contexts"]:
        if entry["url"].startswith("http"):
            try:
                docs[entry["url"]] = _read_json(CORPUS / "openbadges" / entry["file"])
            except ValueError:
                continue
    docs[ELM] = _read_json(corpus_path("elm", "edc-ap-context.jsonld"))
    # aliases: a bundled URL without its own official file shares the file of one that has one
    by_file = {file: url for url, file in BUNDLED.items() if url in docs}
    for url, file in BUNDLED.items():
        if url not in docs and file in by_file:
            docs[url] = docs[by_file[file]]
    return {url: doc for url, doc in docs.items() if isinstance(doc, dict) and "@context" in doc}


def official_counterpart(url: str) -> bool:
    return CORPUS.exists() and url in official_documents()


class NotServed(LookupError):
    """A test loader was asked for a URL it does not serve (it never goes to the network)."""


def make_loader(docs: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    def load(url: str, options: Any = None) -> dict[str, Any]:
        if url not in docs:
            raise NotServed(url)
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(docs[url])}

    return load


@dataclass
class Side:
    """One way of resolving contexts: ours, or the official documents."""

    name: str
    docs: dict[str, Any]

    def __post_init__(self) -> None:
        self.loader = make_loader(self.docs)
        self.resolver = ContextResolver({}, self.loader)  # never pyld's process-wide cache

    def options(self, **extra: Any) -> dict[str, Any]:
        return {"documentLoader": self.loader, "contextResolver": self.resolver, **extra}


@cache
def ours() -> Side:
    third = {url: doc for url, doc in official_documents().items() if url in THIRD_PARTY}
    return Side("ours", {**third, **our_documents()})


@cache
def official() -> Side:
    return Side("official", dict(official_documents()))


@pytest.fixture(autouse=True, scope="module")
def _no_network() -> Iterator[None]:
    def refuse(url: str, options: Any = None) -> None:
        raise AssertionError(f"test tried to load {url} with pyld's default (network) loader")

    previous = jsonld.get_document_loader()
    jsonld.set_document_loader(refuse)
    yield
    jsonld.set_document_loader(previous)


# --------------------------------------------------------------------------------------------
# Outcomes: RDF (as a graph) or a JSON-LD error
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    kind: str  # "rdf" | "error" | "missing"
    detail: str = ""
    graph: Graph | None = field(default=None, compare=False)
    quads: frozenset[str] = frozenset()


def _error_outcome(exc: BaseException) -> Outcome:
    codes = []
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, NotServed):
            return Outcome("missing", str(cause))
        code = getattr(cause, "code", None)
        if code:
            codes.append(code)
        cause = getattr(cause, "cause", None) or cause.__cause__
    return Outcome("error", codes[-1] if codes else type(exc).__name__)


GRAPH_OF = URIRef("urn:mcconform:test:inGraph")


def dataset_as_graph(nquads: str) -> Graph:
    """All quads as one graph: named-graph quads become reified statements tied to their graph
    name, so isomorphism also covers blank-node graph names (proofs live in named graphs)."""
    ds = Dataset()
    with warnings.catch_warnings():  # rdflib's N-Quads parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=nquads, format="nquads")
    graph = Graph()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if g is None or g == DATASET_DEFAULT_GRAPH_ID:
            graph.add((s, p, o))
        else:
            st = BNode()
            graph.add((st, RDF.subject, s))
            graph.add((st, RDF.predicate, p))
            graph.add((st, RDF.object, o))
            graph.add((st, GRAPH_OF, g))
    return graph


def convert(side: Side, doc: Any) -> Outcome:
    try:
        nquads = jsonld.to_rdf(copy.deepcopy(doc), side.options(format="application/n-quads"))
    except Exception as exc:  # pyld wraps everything in JsonLdError
        return _error_outcome(exc)
    lines = frozenset(nquads.splitlines())
    return Outcome("rdf", f"{len(lines)} quads", dataset_as_graph(nquads), lines)


def describe_difference(a: Graph, b: Graph, limit: int = 15) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    lines = []
    for name, graph in (("ours", only_a), ("official", only_b)):
        triples = sorted(" ".join(term.n3() for term in triple) for triple in graph)
        lines.append(f"only with {name} ({len(triples)}):")
        lines += [f"  {t}" for t in triples[:limit]]
    return "\n".join(lines)


def assert_same_meaning(doc: Any, label: str, mine: Side | None = None) -> Outcome:
    """Ours and official agree on doc: isomorphic RDF, or the same JSON-LD error."""
    theirs = convert(official(), doc)
    if theirs.kind == "missing":
        pytest.skip(f"{label}: the official context {theirs.detail} is not in the corpus")
    got = convert(mine or ours(), doc)
    assert got.kind != "missing", f"{label}: context {got.detail} is not bundled"
    if theirs.kind == "error":
        assert got == theirs, (
            f"{label}: official fails with {theirs.detail}, ours gives {got.kind} {got.detail}"
        )
        return got
    assert got.kind == "rdf", f"{label}: official gives RDF, ours fails with {got.detail}"
    assert got.graph is not None and theirs.graph is not None
    if got.quads == theirs.quads:  # same expansion order, same blank node labels: identical
        return got
    assert len(got.graph) == len(theirs.graph) and isomorphic(got.graph, theirs.graph), (
        f"{label}: RDF differs\n{describe_difference(got.graph, theirs.graph)}"
    )
    return got


# --------------------------------------------------------------------------------------------
# Corpus samples
# --------------------------------------------------------------------------------------------


def context_urls(obj: Any) -> set[str]:
    """Every context URL a document names, at any depth."""
    found: set[str] = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "@context":
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.add(item)
                    else:
                        found |= context_urls(item)
            else:
                found |= context_urls(value)
    elif isinstance(obj, list):
        for item in obj:
            found |= context_urls(item)
    return found


def fixed_edubadges_context() -> dict[str, Any]:
    """educredential.json as published has ``"context"`` (no ``@``) in its supervisionType term,
    which JSON-LD 1.1 rejects (invalid scoped context): with it every Edubadges credential fails
    identically on both sides.  The samples are compared with that one typo corrected, inline."""
    ctx = copy.deepcopy(official_documents()[EDU]["@context"])
    scoped = ctx["EducredentialAchievement"]["@context"]["supervisionType"]
    scoped["@context"] = scoped.pop("context")
    return ctx


def _load_sample(path: Path) -> Any:
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(doc, dict) and isinstance(doc.get("payload"), str):  # ELM JAdES envelope
        try:
            doc = json.loads(doc["payload"])
        except ValueError:
            return None
    return doc if context_urls(doc) else None


@cache
def samples() -> dict[str, Any]:
    """Sample id (path inside the corpus) -> JSON-LD document."""
    found: dict[str, Any] = {}
    if not CORPUS.exists():
        return found
    for pattern in SAMPLE_GLOBS:
        for path in sorted(CORPUS.glob(pattern)):
            doc = _load_sample(path) if path.is_file() else None
            if doc is None:
                continue
            key = path.relative_to(CORPUS).as_posix()
            if EDU in context_urls(doc):
                doc = json.loads(json.dumps(doc).replace(json.dumps(EDU), json.dumps("__EDU__")))
                key += "#ext-typo-fixed"
            found[key] = doc
    return found


def sample_document(key: str) -> Any:
    doc = samples()[key]
    if key.endswith("#ext-typo-fixed"):
        text = json.dumps(doc).replace(json.dumps("__EDU__"), json.dumps(fixed_edubadges_context()))
        return json.loads(text)
    return doc


def short(url: str) -> str:
    return url.split("://", 1)[-1]


def sample_params() -> list[Any]:
    params = []
    for key, doc in samples().items():
        for url in sorted(context_urls(doc) & set(BUNDLED)):
            if official_counterpart(url):
                params.append(pytest.param(url, key, id=f"{short(url)}|{key.split('/', 1)[1]}"))
    return params or [pytest.param(None, None, id="no-corpus")]


# --------------------------------------------------------------------------------------------
# 1. Manifest integrity
# --------------------------------------------------------------------------------------------


def test_manifest_entries_are_unique_sorted_and_complete() -> None:
    urls = [e["url"] for e in MANIFEST]
    assert len(urls) == len(set(urls)), "a URL is listed twice"
    assert urls == sorted(urls), "manifest entries must be sorted by url"
    for entry in MANIFEST:
        assert set(entry) == {"url", "file", "sha256", "spec"}, entry
        assert entry["spec"].strip(), f"{entry['url']}: spec is empty"
        assert "/" not in entry["file"] and entry["file"].endswith(".jsonld"), entry["file"]
    on_disk = {p.name for p in CONTEXTS.iterdir()} - {"manifest.json"}
    assert on_disk == set(BUNDLED.values()), (
        f"files not in the manifest: {sorted(on_disk - set(BUNDLED.values()))}"
    )


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: short(e["url"]))
def test_manifest_file_is_pinned_and_well_formed(entry: dict[str, str]) -> None:
    path = CONTEXTS / entry["file"]
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], (
        "stale sha256: run python tools/pin_contexts.py"
    )
    doc = json.loads(data)
    assert isinstance(doc, dict) and isinstance(doc.get("@context"), (dict, list))
    assert set(doc) <= {"@context"} | METADATA_KEYS, f"unexpected top-level members {set(doc) - {'@context'}}"
    header = doc.get("_mcconform", {})
    assert header.get("url") in {u for u, f in BUNDLED.items() if f == entry["file"]}, "header url"
    assert header.get("source"), "say which specification the context was written from"
    for ctx in doc["@context"] if isinstance(doc["@context"], list) else [doc["@context"]]:
        assert isinstance(ctx, (dict, str)), ctx
        if isinstance(ctx, str):
            assert ctx in BUNDLED, f"imports {ctx}, which is not bundled"


def _pin(*args: str) -> subprocess.CompletedProcess[str]:
    tool = ROOT / "tools" / "pin_contexts.py"
    return subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True, check=False)


def test_pin_tool_check_passes() -> None:
    result = _pin("--check")
    assert result.returncode == 0, result.stderr


def test_pin_tool_detects_and_fixes_a_stale_hash(tmp_path: Path) -> None:
    (tmp_path / "a.jsonld").write_text('{"@context": {"name": "https://schema.org/name"}}\n')
    entry = {"url": "https://example.org/a", "file": "a.jsonld", "sha256": "0" * 64, "spec": "test"}
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"contexts": [entry]}))
    assert _pin("--check", "--manifest", str(manifest)).returncode == 1
    assert _pin("--manifest", str(manifest)).returncode == 0
    assert _pin("--check", "--manifest", str(manifest)).returncode == 0
    pinned = json.loads(manifest.read_text())["contexts"][0]["sha256"]
    assert pinned == hashlib.sha256((tmp_path / "a.jsonld").read_bytes()).hexdigest()


def test_context_map_coverage() -> None:
    """Every context URL of CONTEXT-MAP is bundled, or deliberately not (NOT_BUNDLED)."""
    contexts = {
        e["url"]
        for e in context_map()["contexts"]
        if e["url"].startswith("http") and "schema" not in e["file"].rsplit("/", 1)[-1]
    }
    missing = contexts - set(BUNDLED) - set(NOT_BUNDLED)
    assert not missing, f"CONTEXT-MAP contexts neither bundled nor listed in NOT_BUNDLED: {sorted(missing)}"


# --------------------------------------------------------------------------------------------
# 2a. Processed term definitions
# --------------------------------------------------------------------------------------------


def normalized(side: Side, stack: list[Any]) -> Any:
    """The active context after processing stack, as comparable data (or the error code).

    Term definitions are compared as pyld records them; a scoped context is compared verbatim
    when its term is protected (that is what protected redefinition compares) and, for every
    term, by the definitions it adds or changes once applied, recursively."""
    proc = jsonld.JsonLdProcessor()
    opts = side.options(base="", processingMode="json-ld-1.1")
    try:
        active = proc.process_context(proc._get_initial_context(opts), stack, opts)
        return _norm(proc, opts, active, None, 0)
    except Exception as exc:
        return _error_outcome(exc)


def _norm(proc: Any, opts: dict[str, Any], active: dict[str, Any], parent: Any, depth: int) -> Any:
    out: dict[str, Any] = {
        k: active[k] for k in ("@vocab", "@base", "@language", "@direction") if k in active
    }
    inherited = parent["mappings"] if parent else {}
    terms: dict[str, Any] = {}
    for term, mapping in active["mappings"].items():
        if parent is not None and inherited.get(term) == mapping:
            continue
        if mapping is None:
            terms[term] = None
            continue
        mapping = dict(mapping)
        if "@context" in mapping and depth < 6:
            scoped = mapping["@context"]
            if not mapping.get("protected"):
                del mapping["@context"]
            try:
                applied = proc.process_context(active, None if scoped is False else scoped, opts)
                mapping["@context (applied)"] = _norm(proc, opts, applied, active, depth + 1)
            except Exception as exc:
                mapping["@context (applied)"] = _error_outcome(exc)
        terms[term] = mapping
    for term in inherited:
        if term not in active["mappings"]:
            terms[term] = "<removed>"
    out["mappings"] = terms
    return out


def first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                side = "official" if key not in a else "ours"
                return f"{path}/{key}: only in {side}"
            found = first_difference(a[key], b[key], f"{path}/{key}")
            if found:
                return found
        return None
    return (
        None
        if a == b
        else f"{path}: ours {json.dumps(a, default=str)[:160]} official {json.dumps(b, default=str)[:160]}"
    )


PROCESSED_URLS = sorted(BUNDLED)


@pytest.mark.parametrize("stack", [[], [VC1], [VC2]], ids=["alone", "after-vc1", "after-vc2"])
@pytest.mark.parametrize("url", PROCESSED_URLS, ids=short)
def test_processed_context_equivalent(url: str, stack: list[str]) -> None:
    if not official_counterpart(url):
        pytest.skip("no official counterpart in the corpus")
    mine, theirs = normalized(ours(), [*stack, url]), normalized(official(), [*stack, url])
    assert mine == theirs, first_difference(mine, theirs)


def protected_scoped_terms(doc: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(term, definition) for top-level terms that carry a scoped context in a context document."""
    for ctx in doc["@context"] if isinstance(doc["@context"], list) else [doc["@context"]]:
        if isinstance(ctx, dict):
            for term, definition in ctx.items():
                if isinstance(definition, dict) and "@context" in definition:
                    yield term, definition


@pytest.mark.parametrize("url", PROCESSED_URLS, ids=short)
def test_protected_redefinition_compatible(url: str) -> None:
    """A context that repeats a term exactly as the official document defines it is accepted on
    top of ours whenever it is on top of the official one (and fails the same way otherwise)."""
    if not official_counterpart(url):
        pytest.skip("no official counterpart in the corpus")
    failures = []
    for term, definition in protected_scoped_terms(official_documents()[url]):
        stack = [url, {term: definition}]
        mine, theirs = normalized(ours(), stack), normalized(official(), stack)
        if mine != theirs:
            failures.append(f"{term}: {first_difference(mine, theirs)}")
    assert not failures, "\n".join(failures)


# --------------------------------------------------------------------------------------------
# 2b. RDF from the corpus samples
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "key"), sample_params())
def test_sample_rdf_equivalent(url: str | None, key: str | None) -> None:
    if key is None:
        corpus_path("openbadges")
        pytest.skip("no samples found in the corpus")
    outcome = rdf_comparison(key)
    assert outcome.kind in {"rdf", "error"}


@cache
def _compare_sample(key: str) -> Outcome | str:
    try:
        return assert_same_meaning(sample_document(key), key)
    except pytest.skip.Exception as exc:
        return f"skip:{exc}"
    except AssertionError as exc:
        return f"fail:{exc}"


def rdf_comparison(key: str) -> Outcome:
    """Compared once per sample (it is listed under every bundled URL it uses)."""
    result = _compare_sample(key)
    if isinstance(result, str):
        kind, _, message = result.partition(":")
        if kind == "skip":
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    return result


def test_published_edubadges_context_fails_alike() -> None:
    """As published, the Edubadges extension context is rejected identically on both sides."""
    key = next((k for k in samples() if k.endswith("#ext-typo-fixed")), None)
    if key is None:
        pytest.skip("no Edubadges samples in the corpus")
    doc = json.loads(json.dumps(samples()[key]).replace(json.dumps("__EDU__"), json.dumps(EDU)))
    assert assert_same_meaning(doc, key).kind == "error"


def test_samples_exercise_the_core_contexts() -> None:
    """The sample matrix really covers the contexts the built-in profiles rely on."""
    corpus_path("openbadges")
    used: dict[str, int] = {}
    for key, doc in samples().items():
        result = _compare_sample(key)
        if isinstance(result, Outcome) and result.kind == "rdf":
            for url in context_urls(doc):
                used[url] = used.get(url, 0) + 1
    for url in [
        VC1,
        VC2,
        ELM,
        *OB3,
        "https://w3id.org/openbadges/v2",
        "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "https://www.w3.org/ns/credentials/status/v1",
    ]:
        assert used.get(url, 0) > 0, f"no sample produced RDF with {url}"


# --------------------------------------------------------------------------------------------
# 2c. Synthetic documents
# --------------------------------------------------------------------------------------------


def rewrite_params() -> list[Any]:
    return [
        pytest.param(target, base, id=f"{target.rsplit('/', 1)[1]}|{base.rsplit('/', 1)[1]}")
        for target in OB3
        for base in REWRITE_BASES
    ]


def rewritten(base: str, target: str) -> Any:
    text = json.dumps(sample_document(base))
    for url in OB3:
        text = text.replace(json.dumps(url), json.dumps(target))
    return json.loads(text)


@pytest.mark.parametrize(("target", "base"), rewrite_params())
def test_ob3_revision_rewrite_equivalent(target: str, base: str) -> None:
    corpus_path(base)
    assert_same_meaning(rewritten(base, target), f"{base} with {target}")


def test_ob3_rewrites_produce_rdf_for_every_revision() -> None:
    """Guards the previous test against only ever comparing two identical errors."""
    corpus_path("openbadges")
    for target in OB3:
        kinds = {convert(official(), rewritten(base, target)).kind for base in REWRITE_BASES}
        assert "rdf" in kinds, f"no rewritten sample gives RDF with {target}"


EX = "https://example.org/mcconform/"
# Terms whose official definition cannot be applied at all (both sides fail alike, which
# test_term_coverage_documents_equivalent still checks).
UNAPPLICABLE: dict[str, set[str]] = {}


LEXICAL = {
    "boolean": "true",
    "integer": "7",
    "Integer": "7",
    "decimal": "7.5",
    "float": "7.5",
    "number": "7",
    "dateTime": "2024-05-01T12:00:00Z",
    "date": "2024-05-01",
    "duration": "P3D",
}


def _value_for(definition: Any, scoped_terms: list[str]) -> Any:
    """A value that exercises a term definition (type coercion, container, scoped context)."""
    if not isinstance(definition, dict):
        return f"{EX}value"
    container = definition.get("@container")
    containers = container if isinstance(container, list) else [container]
    kind = definition.get("@type")
    if "@graph" in containers:
        return {"@id": f"{EX}graph-node", f"{EX}p": "in a graph"}
    if "@language" in containers:
        return {"en": "in English", "nl": "in het Nederlands"}
    if kind == "@json":
        return {"a": [1, "two", None]}
    if kind == "@vocab":
        return scoped_terms[0] if scoped_terms else f"{EX}vocab-value"
    if "@list" in containers:
        return [f"{EX}first", f"{EX}second"]
    if isinstance(kind, str):
        for suffix, lexical in LEXICAL.items():
            if kind.endswith(suffix):
                return lexical
    return f"{EX}value"


def _definitions(ctx: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for item in ctx if isinstance(ctx, list) else [ctx]:
        if isinstance(item, dict):
            merged.update({k: v for k, v in item.items() if not k.startswith("@")})
    return merged


def _is_alias(definition: Any) -> bool:
    target = definition.get("@id") if isinstance(definition, dict) else definition
    return isinstance(target, str) and target.startswith("@")


def coverage_documents(url: str, stack: list[str]) -> dict[str, Any]:
    """Small documents that together use every term the official context defines (keyword
    aliases excepted): one with all the plain terms, and for each term with a scoped context
    one using it as a property and one using it as a type, with every term of its scope."""
    definitions = _definitions(official_documents()[url]["@context"])
    context = [*stack, url]
    plain: dict[str, Any] = {"@context": context, "@id": f"{EX}root"}
    docs = {"plain terms": plain}
    for term, definition in definitions.items():
        if _is_alias(definition):
            continue
        scoped_ctx = definition.get("@context") if isinstance(definition, dict) else None
        scoped = _definitions(scoped_ctx) if scoped_ctx else {}
        plain[term] = _value_for(definition, list(scoped))
        if not scoped:
            continue
        inner = {t: _value_for(d, []) for t, d in scoped.items() if not _is_alias(d)}
        if definition.get("@type") != "@vocab":
            docs[f"{term} as property"] = {
                "@context": context,
                "@id": f"{EX}root",
                term: {"@id": f"{EX}v", **inner},
            }
        docs[f"{term} as type"] = {"@context": context, "@id": f"{EX}node", "@type": term, **inner}
    return docs


@pytest.mark.parametrize("stack", [[], [VC1], [VC2]], ids=["alone", "after-vc1", "after-vc2"])
@pytest.mark.parametrize("url", PROCESSED_URLS, ids=short)
def test_term_coverage_documents_equivalent(url: str, stack: list[str]) -> None:
    if not official_counterpart(url):
        pytest.skip("no official counterpart in the corpus")
    if url in stack:
        pytest.skip("the context is already in the stack")
    failures = []
    for label, doc in coverage_documents(url, stack).items():
        try:
            assert_same_meaning(doc, label)
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("url", PROCESSED_URLS, ids=short)
def test_term_coverage_documents_produce_rdf(url: str) -> None:
    """Guards the previous test against only comparing errors: every term with a scoped context
    yields RDF in some stack, as a property or as a type (except where the official context
    itself cannot be applied, listed in UNAPPLICABLE)."""
    if not official_counterpart(url):
        pytest.skip("no official counterpart in the corpus")
    produced: dict[str, bool] = {}
    for stack in ([], [VC1], [VC2]):
        if url in stack:
            continue
        for label, doc in coverage_documents(url, stack).items():
            term = label.rsplit(" as ", 1)[0]
            produced[term] = produced.get(term, False) or convert(official(), doc).kind == "rdf"
    dead = {term for term, ok in produced.items() if not ok} - UNAPPLICABLE.get(url, set())
    assert not dead, f"never produce RDF: {sorted(dead)}"


# --------------------------------------------------------------------------------------------
# 3. The checks can fail
# --------------------------------------------------------------------------------------------


def _altered(url: str, change: Callable[[dict[str, Any]], None]) -> Side:
    docs = copy.deepcopy(ours().docs)
    change(docs[url]["@context"])
    return Side("altered", docs)


def test_altered_term_iri_is_caught() -> None:
    corpus_path("openbadges")
    url = OB3[-1]

    def change(ctx: dict[str, Any]) -> None:
        ctx["Achievement"]["@context"]["achievementType"]["@id"] += "-altered"

    altered = _altered(url, change)
    doc = sample_document("openbadges/1edtech-validator/vectors/ob30/complete.json")
    with pytest.raises(AssertionError, match="RDF differs"):
        assert_same_meaning(doc, "altered 3.0.3", mine=altered)
    assert normalized(altered, [url]) != normalized(official(), [url])


def test_altered_scoped_context_form_is_caught() -> None:
    """Rewriting a protected scoped context in an equivalent-looking form keeps the RDF but breaks
    compatibility with contexts that repeat the official definition; the checks notice."""
    corpus_path("openbadges")
    url = OB3[-1]

    def change(ctx: dict[str, Any]) -> None:
        scoped = ctx["Achievement"]["@context"]
        scoped["humanCode"] = scoped["humanCode"]["@id"]  # {"@id": X} -> "X"

    altered = _altered(url, change)
    assert normalized(altered, [url]) != normalized(official(), [url])
    term, definition = "Achievement", official_documents()[url]["@context"]["Achievement"]
    assert normalized(official(), [url, {term: definition}]) == normalized(official(), [url])
    assert normalized(altered, [url, {term: definition}]) == Outcome("error", "protected term redefinition")


def test_loaders_never_fetch() -> None:
    doc = {"@context": ["https://example.org/not-bundled/context.json"], "name": "x"}
    assert convert(ours(), doc) == Outcome("missing", "https://example.org/not-bundled/context.json")
    with pytest.raises(NotServed):
        ours().loader("https://example.org/not-bundled/context.json")
