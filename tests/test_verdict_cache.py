"""The verdict cache (:mod:`mcconform.verdicts`) only ever answers "no result" where the
compiled engine itself would: string mutations of the corpus documents (ids made equal to
other ids, fresh ids, values from the shapes, broken dates, equal literals) are checked with
the cache seeded by the original document and against the engine run directly."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from mcconform import verdicts
from mcconform.checks.shacl import precheck as shacl
from mcconform.checks.shacl.shapes import file_mtime
from mcconform.fastld import skeleton, templates
from mcconform.jsonld import ContextRegistry
from test_fastpath import _elm_docs, _ob3_docs, _shape_sets

pytest.importorskip("shacl")


def _engine_clean(key: tuple[Any, ...], text: str) -> bool:
    report = shacl.compiled_shapes(*key).validate_text(text, "nt", max_results=1, allow_warnings=True)
    return len(report.results) == 0


def _set_string(data: Any, n: int, value: str, keep: frozenset[str]) -> Any:
    """``data`` with its n-th free string leaf (in skeleton order) replaced by ``value``."""
    count = -1

    def leaf(x: Any) -> Any:
        nonlocal count
        if isinstance(x, str):
            count += 1
            return value if count == n else x
        if isinstance(x, dict):
            return {k: (v if k == "@context" or k in keep else leaf(v)) for k, v in x.items()}
        if isinstance(x, list):
            return [leaf(v) for v in x]
        return x

    return leaf(data)


def _random_date(rnd: random.Random, with_time: bool) -> str:
    day = f"{rnd.randrange(1900, 2200)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
    if not with_time:
        return day
    frac = rnd.choice(["", ".5", ".123456"])
    tz = rnd.choice(["", "Z", "+02:00", "-14:00"])
    return f"{day}T{rnd.randrange(24):02d}:{rnd.randrange(60):02d}:{rnd.randrange(60):02d}{frac}{tz}"


def test_well_formed_dates() -> None:
    xsd = verdicts.XSD
    assert verdicts.well_formed(f"{xsd}date", "2024-02-29")
    assert not verdicts.well_formed(f"{xsd}date", "2023-02-29")
    assert verdicts.well_formed(f"{xsd}dateTime", "2023-09-27T13:54:17+02:00")
    for bad in ("2023-09-27T24:00:00Z", "2023-09-27T13:54:60Z", "0099-01-01T00:00:00Z", "2023-9-27T13:54:17",
                "2023-09-27T13:54:17.1234567Z", "2023-09-27 13:54:17Z", "2023-09-27T13:54:17+15:00"):
        assert not verdicts.well_formed(f"{xsd}dateTime", bad), bad


def _mutations(data: Any, keep: frozenset[str], terms: list[str], rnd: random.Random, n: int) -> list[Any]:
    _skel, values = skeleton(data, keep)
    out = []
    for j in range(n):
        slot = rnd.randrange(len(values))
        how = j % 7
        if how == 0:  # equal to another string: nodes merge, literals collapse
            value = values[rnd.randrange(len(values))]
        elif how == 1:
            value = f"urn:x-test:fresh-{j}" if ":" in values[slot] else f"fresh text {j}"
        elif how == 2:  # a term of the shapes (target nodes, sh:in members, classes)
            value = rnd.choice(terms)
        elif how == 3:
            value = "2024-13-45T25:61:00Z"  # not a date
        elif how == 4:
            value = values[slot][::-1] or "x"
        else:  # a well-formed date (time) in place of a date, or of anything else
            slot = rnd.choice([i for i, v in enumerate(values) if v[:2] in ("19", "20")] or [slot])
            value = _random_date(rnd, with_time=how == 5 or "T" in values[slot])
        out.append(_set_string(data, slot, value, keep))
    return out


CASES = [
    (label, names, files, family)
    for label, names, files, family in _shape_sets()
    if (_elm_docs() if family == "elm" else _ob3_docs())
]


@pytest.mark.parametrize(("label", "names", "files", "family"), CASES, ids=[c[0] for c in CASES])
def test_cached_clean_implies_engine_clean(
    label: str, names: list[str], files: list[str], family: str, tmp_path: Path
) -> None:
    key = (tuple(names), tuple(files), tuple(file_mtime(f) for f in files))
    sens = shacl._sensitivity(*key)
    if not sens.cacheable:
        pytest.skip(f"{label}: shapes use features the verdict cache does not model")
    registry = ContextRegistry()
    cache = templates(registry)
    keep = cache.keep_keys()
    terms = sorted(sens.terms)
    docs = _elm_docs() if family == "elm" else _ob3_docs()
    rnd = random.Random(label)
    hits = misses_dirty = seeds = 0
    for _name, data in docs:
        if seeds == 6:
            break
        res = cache.process(json.loads(json.dumps(data)))
        if res is None or not shacl.precheck_clean(names, files, res):
            continue  # only a clean original seeds the cache (fixtures made for other checks are not)
        seeds += 1
        for mutated in _mutations(data, keep, terms, rnd, 84):
            mres = cache.process(mutated)
            if mres is None:
                continue
            entry = shacl._verdict_key(key, mres)
            assert entry is not None
            clean_keys, k = entry
            engine = _engine_clean(key, mres.ntriples() or "")
            if clean_keys.get(k):
                hits += 1
                assert engine, f"{label}: the cache would pass a document the engine reports on"
            elif not engine:
                misses_dirty += 1
    if seeds == 0:
        pytest.skip(f"{label}: no document passes these shapes to seed the cache (without ../shared)")
    assert hits > 0, "no mutation kept the key: the test proves nothing"
    if family == "elm":
        assert misses_dirty > 0, "no mutation made the engine report: the test proves nothing"


def _shapes(text: str) -> verdicts.Sensitivity:
    from rdflib import Graph

    return verdicts.analyse(Graph().parse(data=text, format="turtle").serialize(format="nt"))


PREFIX = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "
XSD = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . "


def _shape(body: str) -> verdicts.Sensitivity:
    """A shape ex:S targeting ex:C with ``body``."""
    return _shapes(PREFIX + XSD + "ex:S a sh:NodeShape ; sh:targetClass ex:C ; " + body + " .")


def test_analysis() -> None:
    s = _shape("sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:class ex:D ]")
    assert s.cacheable and not s.object_preds and not s.everything
    s = _shape('sh:property [ sh:path ex:p ; sh:pattern "^a" ]')
    assert s.object_preds == {"http://example.org/p"}
    s = _shape("sh:property [ sh:path [ sh:inversePath ex:q ] ; sh:in (ex:a) ]")
    assert s.subject_preds == {"http://example.org/q"} and "http://example.org/a" in s.terms
    # a pathless child's constraint reads the parent's value nodes
    s = _shape("sh:property [ sh:path ex:d ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:time ] ) ]")
    assert s.object_preds == {"http://example.org/d"}
    # xsd:string is always well-formed: not value-sensitive
    assert not _shape("sh:property [ sh:path ex:n ; sh:datatype xsd:string ]").object_preds
    # a targeted shape reading its focus node's own string: every string counts
    assert _shape('sh:pattern "^urn:"').everything
    # what the cache does not model is not cached
    assert not _shape('sh:sparql [ sh:select "SELECT $this WHERE {}" ]').cacheable
    assert not _shape("sh:rule [ a sh:TripleRule ]").cacheable


def test_reports_same_with_the_verdict_cache_and_with_reference() -> None:
    """Credentials of one shape (ids, names, dates changed; one with a broken date, one whose
    learner id is the issuer's): the same report bytes with the fast path, whose verdict
    cache answers for some of them, and with the reference engines."""
    import sys
    from datetime import UTC, datetime

    from conftest import ROOT, corpus_path
    from mcconform.api import Checker
    from mcconform.document import Document
    from mcconform.options import Options
    from mcconform.sources import document_from_text

    corpus_path("elm", "examples", "Sample-MC-Annex1-signed.jsonld")
    sys.path.insert(0, str(ROOT / "tools"))
    import bench

    texts = bench.elm_texts(8)
    broken = json.loads(texts[0])
    payload = json.loads(broken["payload"])
    payload["issuanceDate"] = "2024-02-30T10:00:00Z"
    broken["payload"] = json.dumps(payload)
    merged = json.loads(texts[1])
    payload = json.loads(merged["payload"])
    if isinstance(payload.get("credentialSubject"), dict) and isinstance(payload.get("issuer"), dict):
        payload["credentialSubject"]["id"] = payload["issuer"].get("id", "urn:x")
    merged["payload"] = json.dumps(payload)
    texts += [json.dumps(broken), json.dumps(merged)]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    reports = {}
    for fast in (True, False):
        checker = Checker(["elm-edc"], Options(fast=fast, now=now))
        out = []
        for i, text in enumerate(texts):
            doc = Document(f"doc-{i}")
            document_from_text(doc, text, checker.options.limits)
            out.append(checker.check_document(doc).to_dict())
        reports[fast] = out
        if fast:
            made = list(templates(checker.registry)._items.values())
            clean_keys = sum(len(e[2]) for t in made for e in t.verdicts.values())
            passed = sum(r["profiles"]["elm-edc"]["verdict"] == "pass" for r in out)
            assert passed > clean_keys >= 1, "the verdict cache answered for no document"
    assert reports[True] == reports[False]
