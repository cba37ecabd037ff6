"""The failure classes fuzzing found (issue 14), one test per class: each is a finding of the
document, never an exception, never a traceback on stderr."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest

import mcconform
from mcconform import Checker, Options
from mcconform.document import Document
from mcconform.exitcodes import INTERNAL_RULE
from mcconform.sources import document_from_text

NOW = datetime(2026, 1, 1, tzinfo=UTC)
V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def ob3(**extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "@context": [V2, OB3],
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://example.org/issuer", "type": ["Profile"], "name": "Example"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/a/1",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "d",
                "criteria": {"narrative": "n"},
            },
        },
    }
    d.update(extra)
    return d


def b64(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def checked(text: str, *, fast: bool = True, **opts: Any) -> mcconform.DocumentReport:
    checker = Checker(options=Options(now=NOW, fast=fast, **opts))
    doc = document_from_text(Document(source="doc"), text, checker.options.limits)
    return checker.check_document(doc)


def rules(rep: mcconform.DocumentReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in rep.findings:
        out.setdefault(f.rule, []).append(f.pointer)
    return out


# ------------------------------------------------------------------ class 3: rdflib


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
@pytest.mark.parametrize("tag", ["en_US", "en "])
def test_invalid_language_tag_is_a_finding(tag: str, fast: bool) -> None:
    rep = checked(json.dumps(ob3(description={"@value": "x", "@language": tag})), fast=fast)
    found = rules(rep)
    assert INTERNAL_RULE not in found
    assert found.get("shacl.invalid-language-tag") == ["/description"]


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_ill_typed_literal_is_a_finding_and_nothing_reaches_stderr(
    fast: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    rep = checked(json.dumps(ob3(validUntil="2024-13-45T99:00:00Z")), fast=fast)
    err = capsys.readouterr().err
    assert "Traceback" not in err and err == ""
    found = rules(rep)
    assert INTERNAL_RULE not in found
    assert found.get("shacl.ill-typed-literal") == ["/validUntil"]


# ------------------------------------------------------------------ class 5: numbers


def test_an_integer_over_pythons_digit_limit_is_a_finding() -> None:
    rep = checked('{"@context": ["' + V2 + '"], "n": ' + "9" * 5000 + "}")
    assert "parse.huge-number" in rules(rep)
    assert rep.kind == "unreadable"


@pytest.mark.parametrize(
    "claims",
    [{"nbf": 10**30}, {"exp": 1e300}, {"iat": -(10**20)}, {"nbf": 10**30, "exp": 10**30}],
    ids=["nbf-huge", "exp-float", "iat-negative", "both"],
)
@pytest.mark.parametrize("with_dates", [True, False])
def test_jwt_numeric_dates_too_large_for_a_date_are_findings(
    claims: dict[str, Any], with_dates: bool
) -> None:
    vc = ob3()
    if not with_dates:
        vc.pop("validFrom")
    token = b64({"alg": "ES256", "typ": "JWT"}) + "." + b64({**vc, **claims}) + ".c2ln"
    found = rules(checked(token))
    assert INTERNAL_RULE not in found
    for claim in claims:
        assert f"/{claim}" in found.get("jwt.claim-type", []), found


# ------------------------------------------------------------------ class 6: lone surrogates

FORMATS = ["text", "json", "sarif", "junit", "earl", "earl-jsonld", "markdown", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_lone_surrogates_are_written_escaped_in_every_format(fmt: str, tmp_path: Any) -> None:
    from click.testing import CliRunner

    from mcconform.cli import main

    doc = ob3(name="bad \ud800 name")
    doc["credentialSubject"]["\udc00key"] = "x"
    path = tmp_path / "surrogates.json"
    path.write_text(json.dumps(doc), encoding="ascii")  # json.dumps escapes them: legal JSON
    out = tmp_path / "report.out"
    res = CliRunner().invoke(main, ["check", "-f", fmt, "-o", str(out), str(path)])
    assert res.exit_code == 1, res.output
    text = out.read_bytes().decode("utf-8")  # valid UTF-8: no surrogate was written raw
    assert "\\udc00" in text.lower()
    if fmt in ("json", "sarif", "earl-jsonld"):
        data = json.loads(text)
        assert "\udc00" in json.dumps(data, ensure_ascii=False)
    res = CliRunner().invoke(main, ["check", "-f", fmt, str(path)])
    assert res.exit_code == 1 and "\\udc00" in res.output.lower()


# ------------------------------------------------------------------ class 7: recursion


def _nested(depth: int) -> dict[str, Any]:
    deep: dict[str, Any] = {"a": "b"}
    for _ in range(depth):
        deep = {"x": deep}
    return deep


def test_jwt_claims_obey_the_depth_limit() -> None:
    token = b64({"alg": "ES256"}) + "." + b64({**ob3(), "deep": _nested(300)}) + ".c2ln"
    rep = checked(token)
    found = rules(rep)
    assert "jwt.malformed" in found and INTERNAL_RULE not in found
    msg = next(f.message for f in rep.findings if f.rule == "jwt.malformed")
    assert "nested more than 200 levels" in msg


def test_jwt_claims_nested_beyond_the_parser_are_a_finding() -> None:
    claims = b'{"vc": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    token = b64({"alg": "ES256"}) + "." + b64(claims) + ".c2ln"
    found = rules(checked(token))
    assert "jwt.malformed" in found and INTERNAL_RULE not in found


def test_max_depth_is_capped_at_what_the_checks_can_recurse_to() -> None:
    from click.testing import CliRunner

    from mcconform.cli import main
    from mcconform.limits import MAX_DEPTH, Limits

    assert Limits(max_depth=10_000).max_depth == MAX_DEPTH
    res = CliRunner().invoke(main, ["check", "--max-depth", "10000", "-"], input="{}")
    assert res.exit_code == 2 and "--max-depth" in res.output
    # a document nested just below the cap is checked without an internal error, both paths
    doc = ob3()
    doc["credentialSubject"]["extra"] = _nested(MAX_DEPTH - 10)
    for fast in (True, False):
        found = rules(checked(json.dumps(doc), fast=fast, limits=Limits(max_depth=MAX_DEPTH)))
        assert INTERNAL_RULE not in found, found


def test_a_directory_tree_1000_levels_deep_is_walked(tmp_path: Any) -> None:
    import os

    top = tmp_path / "t"
    top.mkdir()
    levels = [str(top)]
    for _ in range(1000):  # os.makedirs and shutil.rmtree recurse: build and remove by hand
        levels.append(os.path.join(levels[-1], "d"))
        os.mkdir(levels[-1])
    path = levels[-1]
    with open(os.path.join(path, "badge.json"), "w", encoding="utf-8") as f:
        json.dump(ob3(), f)
    with open(os.path.join(str(top), "first.json"), "w", encoding="utf-8") as f:
        json.dump(ob3(), f)
    try:
        report = mcconform.check(str(top), now=NOW)
    finally:
        os.remove(os.path.join(path, "badge.json"))
        for level in reversed(levels[1:]):
            os.rmdir(level)
    assert len(report.documents) == 2
    assert all(d.kind != "unreadable" for d in report.documents)


# ------------------------------------------------------------------ class 8: SVG entities


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le"])
def test_svg_entities_are_refused_whatever_the_encoding(encoding: str) -> None:
    from mcconform.limits import Limits
    from mcconform.sources import document_from_bytes

    svg = (
        f'<?xml version="1.0" encoding="{encoding.upper()[:6]}"?>\n'
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        '<openbadges:credential>{"name": "&b;"}</openbadges:credential></svg>'
    )
    doc = document_from_bytes("badge.svg", svg.encode(encoding), Limits())
    assert [f.rule for f in doc.findings] == ["image.xml-entities"]
    assert not doc.readable


# ------------------------------------------------------------------ class 4: ZIP


def _zip(members: dict[str, bytes], method: int = 8) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _patch_member(raw: bytes, name: str, *, method: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite the compression method / flags of a member in both of its headers."""
    import struct

    data = bytearray(raw)
    encoded = name.encode()
    for sig, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30), (b"PK\x01\x02", 8, 10, 46)):
        pos = data.find(sig)
        while pos != -1:
            if data[pos + name_at : pos + name_at + len(encoded)] == encoded:
                if flags is not None:
                    data[pos + flag_at : pos + flag_at + 2] = struct.pack("<H", flags)
                if method is not None:
                    data[pos + method_at : pos + method_at + 2] = struct.pack("<H", method)
            pos = data.find(sig, pos + 4)
    return bytes(data)


def test_unreadable_zip_members_are_findings_and_the_run_goes_on(tmp_path: Any) -> None:
    import zipfile

    good = json.dumps(ob3()).encode()
    raw = _zip({"a.json": good, "deflate64.json": good, "encrypted.json": good, "z.json": good})
    raw = _patch_member(raw, "deflate64.json", method=9)
    raw = _patch_member(raw, "encrypted.json", flags=1)
    lz = bytearray(_zip({"lzma.json": good * 4}, method=zipfile.ZIP_LZMA))
    start = lz.find(b"lzma.json") + len("lzma.json") + 8  # into the compressed data
    lz[start : start + 40] = b"\xff" * 40
    (tmp_path / "export.zip").write_bytes(raw)
    (tmp_path / "lzma.zip").write_bytes(bytes(lz))
    report = mcconform.check(str(tmp_path), now=NOW)
    by = {d.source.rsplit("!", 1)[-1]: d for d in report.documents}
    assert set(by) == {"a.json", "deflate64.json", "encrypted.json", "z.json", "lzma.json"}
    for name in ("deflate64.json", "encrypted.json", "lzma.json"):
        assert [f.rule for f in by[name].findings] == ["source.bad-archive"], name
    assert by["a.json"].kind == by["z.json"].kind != "unreadable"
    assert not any(f.rule == INTERNAL_RULE for d in report.documents for f in d.findings)


def test_max_zip_members_is_enforced(tmp_path: Any) -> None:
    from mcconform.limits import Limits

    (tmp_path / "many.zip").write_bytes(_zip({f"{n}.json": b"{}" for n in range(5)}))
    report = mcconform.check(str(tmp_path / "many.zip"), limits=Limits(max_zip_members=3))
    (doc,) = report.documents
    assert [f.rule for f in doc.findings] == ["source.bad-archive"]
    assert "5 members; the limit is 3" in doc.findings[0].message


def test_a_tiny_zip_of_millions_of_lines_is_refused_unread(tmp_path: Any) -> None:
    raw = _zip({"export.jsonl": b"{}\n" * 3_000_000})
    assert len(raw) < 20_000
    (tmp_path / "lines.zip").write_bytes(raw)
    report = mcconform.check(str(tmp_path / "lines.zip"))
    (doc,) = report.documents
    assert [f.rule for f in doc.findings] == ["source.bad-archive"]


def test_the_document_count_limit_is_a_finding(tmp_path: Any) -> None:
    from mcconform.limits import Limits

    (tmp_path / "export.jsonl").write_text("{}\n" * 10, encoding="utf-8")
    report = mcconform.check(str(tmp_path / "export.jsonl"), limits=Limits(max_documents=4))
    assert len(report.documents) == 5
    assert [f.rule for f in report.documents[-1].findings] == ["source.too-many-documents"]
    assert report.documents[-1].source.endswith(":5")


def test_zip_asking_for_a_newer_zip_version_is_a_finding(tmp_path: Any) -> None:
    """Found by the fuzz session in CI: a central directory whose "version needed to extract"
    Python cannot read made zipfile raise NotImplementedError while opening the archive."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.json", '{"a": 1}')
    raw = bytearray(buf.getvalue())
    for sig, at in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        i = raw.find(sig)
        raw[i + at : i + at + 2] = (211).to_bytes(2, "little")  # version 21.1
    path = tmp_path / "newer.zip"
    path.write_bytes(bytes(raw))
    (doc,) = mcconform.check(str(path)).documents
    rules = {f.rule for f in doc.findings}
    assert "source.bad-archive" in rules and "internal.error" not in rules
