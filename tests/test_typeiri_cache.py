"""vc.type-iri findings are kept per type skeleton (:func:`mcconform.checks.vc.typeiri.type_iris`):
what the memo or the run cache answers is what pyld computes, and anything the findings
depend on (types, @context, nesting, the pointer) makes another key."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from mcconform import runcache
from mcconform.checks.vc import typeiri
from mcconform.jsonld import ContextRegistry

DOC = Path(__file__).resolve().parents[1] / "fixtures" / "vc" / "invalid" / "vc.type-iri.json"


def _fresh(node: dict[str, Any], ptr: str = "") -> list[Any]:
    return list(typeiri._type_iris(node, ptr, ContextRegistry()))


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(runcache.ENV_DIR, str(tmp_path / "c"))
    monkeypatch.delenv(runcache.ENV_OFF, raising=False)


def _variants(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    a = copy.deepcopy(doc)
    a["type"][1] = "OtherUndefinedCredential"  # another type: another finding
    out.append(a)
    b = copy.deepcopy(doc)
    b["@context"][1] = {"@vocab": "https://example.org/vocab#"}  # a vocabulary: no finding
    out.append(b)
    c = copy.deepcopy(doc)
    c["credentialSubject"]["degree"]["type"] = "AlsoUndefined"  # nested type
    out.append(c)
    d = copy.deepcopy(doc)
    d["evidence"].insert(0, "https://example.org/e")  # a scalar item shifts the pointers
    d["evidence"][1]["type"] = ["Evidence", "Unknown"]
    out.append(d)
    e = copy.deepcopy(doc)
    e["name"], e["issuer"]["name"] = "changed", "changed"  # scalars only: same findings
    out.append(e)
    return out


def test_memo_and_run_cache_answer_what_pyld_computes(tmp_path: Path) -> None:
    doc = json.loads(DOC.read_text("utf-8"))
    registry = ContextRegistry()
    first = list(typeiri.type_iris(doc, "", registry))
    base = [f.pointer for f in first]
    assert "/type/1" in base and first == _fresh(doc)
    for v in _variants(doc):
        for ptr in ("", "/vc"):
            expect = _fresh(v, ptr)
            assert list(typeiri.type_iris(v, ptr, registry)) == expect  # memo of this registry
            assert list(typeiri.type_iris(v, ptr, ContextRegistry())) == expect  # from the run cache
    assert len(list((tmp_path / "c").rglob("type-iris/*"))) == 10  # e at "" has the original's key
    a, b, c, d, e = ([f.pointer for f in _fresh(v)] for v in _variants(doc))
    assert a == base and _fresh(_variants(doc)[0]) != first  # same place, another type named
    assert b == []
    assert "/credentialSubject/degree/type" in c
    assert "/evidence/1/type/1" in d and "/evidence/0/type/0" not in d
    assert e == base

def test_overridden_contexts_are_not_kept_across_runs(tmp_path: Path) -> None:
    doc = json.loads(DOC.read_text("utf-8"))
    url = "https://example.org/ctx"
    doc["@context"] = ["https://www.w3.org/ns/credentials/v2", url]
    registry = ContextRegistry({url: {"@context": {"ExampleDegreeCredential": "https://example.org/#D"}}})
    assert list(typeiri.type_iris(doc, "", registry)) == _fresh_with(doc, registry)
    assert not [p for p in (tmp_path / "c").rglob("*") if p.is_file() and "type-iris" in str(p)]


def _fresh_with(doc: dict[str, Any], registry: ContextRegistry) -> list[Any]:
    return list(typeiri._type_iris(doc, "", registry))
