"""Acceptance: the ob2 profile agrees with 1EdTech's reference validator on its OB 2.0 vectors.

Every OB 2.0 row of ``EXPECTED.json`` (JSON, baked PNG, JWS) is run with ``--profile ob2`` and
the suite's resource map: ``https://example.org/``, ``https://www.example.org/`` and
``http://example.org/`` served from ``vectors/ob20/assets/`` (offline).  mcconform's verdict must
be the suite's (``valid`` / ``valid-with-warning`` = ``pass``), a ``valid-with-warning`` row must
get a warning, and the finding standing for the suite's assertion must be reported.  No row
is excluded: the one that depends on revocation (simple-revoked.jwt) is decided by the issuer's
RevocationList, the signature itself is left to the trust checks.

Also here: the OB 3.0 baked PNG / SVG vectors give the same findings as their payload checked
as a plain file (the "JSON twin").
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import mcconform
from conftest import CORPUS, corpus_path
from mcconform.options import Options
from mcconform.report import DocumentReport
from test_ob3_expected import NOW, SUITE, VERDICT

PREFIXES = ("https://example.org/", "https://www.example.org/", "http://example.org/")

#: the mcconform findings (rule, pointer) that stand for what the suite asserts; all must fire
FINDINGS: dict[str, list[tuple[str, str]]] = {
    # ContextPropertyProbe
    "ob20/basic-assertion-invalid-context.json": [("ob2.context", "/@context")],
    # TypePropertyProbe
    "ob20/basic-assertion-invalid-type.json": [("ob2.undefined-type", "/type")],
    # revoked in the issuer's RevocationList (signed assertion)
    "ob20/simple-revoked.jwt": [("ob2.revoked", "/id")],
    # an Assertion image is the baked image, hosted at a URL
    "ob20/assertion-with-data-image.json": [("ob2.image", "/image")],
    # RDF validation: type values
    "ob20/rdf-validation/invalid-empty-type.json": [("ob2.undefined-type", "/type")],
    "ob20/rdf-validation/invalid-class.json": [("ob2.undefined-type", "/type")],
    "ob20/rdf-validation/invalid-one-invalid-class.json": [("ob2.undefined-type", "/type/1")],
    # the BadgeClass's issuer (fetched) is a Criteria
    "ob20/rdf-validation/badge-class-invalid-issuer-type.json": [("ob2.type", "/issuer")],
    # hosted verification: the issuer's startsWith policy
    "ob20/basic-assertion-with-allowed-origins-invalid-starts-with.json": [("ob2.hosted-scope", "/id")],
    "ob20/basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json": [
        ("ob2.hosted-scope", "/id")
    ],
    # timestamps
    "ob20/basic-assertion-expired.json": [("ob2.expired", "/expires")],
    "ob20/basic-assertion-expired-before-issued.json": [("ob2.expires-before-issued", "/expires")],
    "ob20/basic-assertion-in-future.json": [("ob2.issued-in-future", "/issuedOn")],
    # the Example Extension's exampleProperty (http://schema.org/text) must be text
    "ob20/assertion-with-extension-node-invalid.json": [
        ("ob2.extension", "/extensions:exampleExtension/http:~1~1schema.org~1text")
    ],
    # valid-with-warning: the BadgeClass's id is not the URL it was fetched from
    "ob20/warning-with-redirection.json": [("ob2.id-mismatch", "/badge")],
    # valid-with-warning: the issuer's id is a urn:uuid
    "ob20/warning-issuer-non-http.json": [("ob2.issuer-id-not-http", "/badge")],
}


def ob2_rows() -> list[dict[str, Any]]:
    path = CORPUS.joinpath(*SUITE, "EXPECTED.json")
    if not path.exists():
        return []
    return [r for r in json.loads(path.read_text("utf-8")) if r["file"].startswith("ob20/")]


ROWS = ob2_rows()


def suite_options(**kw: Any) -> Options:
    assets = corpus_path(*SUITE, "vectors", "ob20", "assets")
    return Options(now=NOW, resource_map={p: str(assets) for p in PREFIXES}, **kw)


@cache
def reports() -> dict[str, DocumentReport]:
    vectors = corpus_path(*SUITE, "vectors")
    paths = [str(vectors / r["file"]) for r in ROWS]
    report = mcconform.check(paths, profiles=["ob2"], options=suite_options())
    out = {Path(d.source).relative_to(vectors).as_posix(): d for d in report.documents}
    assert len(out) == len(paths)
    return out


def test_rows_cover_json_png_and_jwt() -> None:
    if not ROWS:
        corpus_path(*SUITE, "EXPECTED.json")  # skips
    suffixes = {Path(r["file"]).suffix for r in ROWS}
    assert {".json", ".png", ".jwt"} <= suffixes
    assert len(ROWS) >= 37
    assert set(FINDINGS) <= {r["file"] for r in ROWS}
    for r in ROWS:
        assert r["expect"] in VERDICT, r
        if r["expect"] != "valid":
            assert r["file"] in FINDINGS, "say which finding stands for the suite's assertion"


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_verdict_matches_reference_suite(row: dict[str, Any]) -> None:
    doc = reports()[row["file"]]
    verdict = doc.profiles["ob2"].verdict
    errors = [(f.rule, f.pointer, f.message) for f in doc.findings if f.severity == "error"]
    assert verdict == VERDICT[row["expect"]], f"{row['expect']}; mcconform errors: {errors}"
    if row["expect"] == "valid-with-warning":
        assert any(f.severity == "warning" for f in doc.findings)
    got = {(f.rule, f.pointer) for f in doc.findings}
    for finding in FINDINGS.get(row["file"], []):
        assert finding in got, f"{finding} not reported; got {sorted(got)}"
    # the resource map was used: no hosted document stayed unchecked (an unknown context URL,
    # as in basic-assertion-invalid-context.json, is still "not checked"; ob2.context fails it)
    unchecked = [f.rule for f in doc.findings if f.rule.endswith(".not-checked")]
    assert set(unchecked) <= {"jsonld.context.not-checked"}, unchecked


def test_detected_kinds_and_envelopes() -> None:
    docs = reports()
    assert docs["ob20/simple-badge.png"].meta.get("envelope") == "baked-png"
    assert docs["ob20/simple.jwt"].meta.get("envelope") == "vc-jwt"
    assert docs["ob20/simple-badge.png"].kind == "ob2-assertion"
    assert docs["ob20/assets/badgeclass1.json"].kind == "ob2-badgeclass"
    assert docs["ob20/rdf-validation/valid-cool-class.json"].kind == "ob2-node"


@pytest.mark.parametrize(
    "name", ["basic-assertion.json", "simple-badge.png", "simple.jwt", "simple-revoked.jwt"]
)
def test_offline_without_map_is_cant_tell(name: str) -> None:
    """Hosted documents unavailable offline: not checked (cantTell), never a silent pass."""
    path = corpus_path(*SUITE, "vectors", "ob20", name)
    doc = mcconform.check(str(path), profiles=["ob2"], now=NOW).documents[0]
    assert doc.profiles["ob2"].verdict == "cantTell"
    assert any(f.rule == "ob2.not-checked" for f in doc.findings)


def test_default_profile_for_ob2_documents_is_ob2() -> None:
    path = corpus_path(*SUITE, "vectors", "ob20", "basic-assertion.json")
    doc = mcconform.check(str(path), options=suite_options()).documents[0]
    assert set(doc.profiles) == {"ob2"}
    assert doc.profiles["ob2"].verdict == "pass"


# --------------------------------------------------------------------------- OB 3.0 baked twins


def _png_text(raw: bytes) -> str:
    """The openbadgecredential iTXt text of a PNG (an independent little reader)."""
    pos = 8
    while pos < len(raw):
        length, ctype = struct.unpack(">I4s", raw[pos : pos + 8])
        body = raw[pos + 8 : pos + 8 + length]
        if ctype == b"iTXt" and body.startswith(b"openbadgecredential\x00"):
            rest = body[len(b"openbadgecredential\x00") :]
            compressed = rest[0]
            _lang, _tr, text = rest[2:].split(b"\x00", 2)
            return (zlib.decompress(text) if compressed else text).decode("utf-8")
        pos += 12 + length
    raise AssertionError("no openbadgecredential chunk")


def _svg_text(raw: bytes) -> str:
    """The credential of an SVG: the element's text (often CDATA) or its verify attribute."""
    tag = re.search(rb"<openbadges:credential\b[^>]*>", raw)
    assert tag, "no openbadges:credential element"
    verify = re.search(rb'verify="([^"]*)"', tag.group(0))
    if tag.group(0).endswith(b"/>"):
        assert verify
        return verify.group(1).decode("utf-8")
    inner = raw[tag.end() : raw.index(b"</openbadges:credential>", tag.end())].strip()
    cdata = re.fullmatch(rb"<!\[CDATA\[(.*)\]\]>", inner, re.DOTALL)
    text = (cdata.group(1) if cdata else inner).decode("utf-8").strip()
    return text or (verify.group(1).decode("utf-8") if verify else "")


BAKED = [f"simple-{p}.{x}" for p in ("json", "jwt", "jwt_v1") for x in ("png", "svg")]


@pytest.mark.parametrize("name", BAKED)
def test_baked_ob3_vector_is_checked_like_its_twin(name: str, tmp_path: Path) -> None:
    image = corpus_path(*SUITE, "vectors", "ob30", name)
    raw = image.read_bytes()
    text = _png_text(raw) if name.endswith(".png") else _svg_text(raw)
    twin = tmp_path / (Path(name).stem + (".jwt" if "jwt" in name else ".json"))
    twin.write_text(text, encoding="utf-8")
    report = mcconform.check([str(image), str(twin)], profiles=["ob3"], now=NOW)
    baked, plain = report.documents
    assert baked.kind == plain.kind == "ob3-credential"
    assert baked.meta.get("credential_pointer", "") == plain.meta.get("credential_pointer", "")

    def key(d: DocumentReport) -> set[tuple[str, str, str, str]]:
        found = d.findings
        return {(f.rule, f.severity, f.pointer, f.message) for f in found if not f.rule.startswith("image.")}

    assert key(baked) == key(plain)
    if "_v1" in name:
        assert key(plain), "the VC 1.1 vectors have warnings: the comparison is not vacuous"
    assert baked.profiles["ob3"].verdict == plain.profiles["ob3"].verdict
