"""Inputs: files, directories, JSON Lines, ZIP, stdin; bad input of every class."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from mcconform.limits import Limits
from mcconform.sources import iter_documents, iter_stdin

CRED = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "https://example.org/issuer",
    "credentialSubject": {"id": "did:example:1"},
}


def docs(*inputs: str, limits: Limits | None = None):
    return list(iter_documents(inputs, limits or Limits()))


def rules_of(doc) -> list[str]:
    return [f.rule for f in doc.findings]


def test_file_and_directory_labels(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.json").write_text(json.dumps(CRED))
    (tmp_path / "sub" / "b.jsonld").write_text(json.dumps(CRED))
    (tmp_path / "notes.txt").write_text("not a credential")
    (tmp_path / ".hidden.json").write_text("{}")
    found = docs(str(tmp_path))
    assert [d.source for d in found] == [str(tmp_path / "a.json"), str(tmp_path / "sub" / "b.jsonld")]
    assert all(d.readable and d.data == CRED for d in found)


def test_jsonl_labels_and_blank_lines(tmp_path: Path) -> None:
    p = tmp_path / "export.jsonl"
    p.write_text(json.dumps(CRED) + "\n\n" + "{broken\n" + json.dumps(CRED) + "\n")
    found = docs(str(p))
    assert [d.source for d in found] == [f"{p}:1", f"{p}:3", f"{p}:4"]
    assert found[0].readable and not found[1].readable and found[2].readable
    assert rules_of(found[1]) == ["parse.not-json"]


def test_zip_members_streamed_with_labels(tmp_path: Path) -> None:
    p = tmp_path / "export.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("creds/one.json", json.dumps(CRED))
        zf.writestr("creds/lines.jsonl", json.dumps(CRED) + "\n" + json.dumps(CRED) + "\n")
        zf.writestr("README.md", "# not checked")
    before = sorted(x.name for x in tmp_path.iterdir())
    found = docs(str(p))
    assert [d.source for d in found] == [
        f"{p}!creds/one.json",
        f"{p}!creds/lines.jsonl:1",
        f"{p}!creds/lines.jsonl:2",
    ]
    assert sorted(x.name for x in tmp_path.iterdir()) == before  # nothing extracted


def test_corrupt_zip(tmp_path: Path) -> None:
    p = tmp_path / "bad.zip"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 20)
    [d] = docs(str(p))
    assert rules_of(d) == ["source.bad-archive"]


def test_stdin() -> None:
    [d] = list(iter_stdin(Limits(), io.BytesIO(json.dumps(CRED).encode())))
    assert d.source == "-" and d.data == CRED


def test_missing_path() -> None:
    [d] = docs("/nonexistent/path.json")
    assert rules_of(d) == ["source.unreadable"] and not d.readable


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (b"this is not json", "parse.not-json"),
        (b"{'single': 'quotes'}", "parse.not-json"),
        (b'{"name": "caf\xe9"}', "parse.invalid-utf8"),
        (b'{"type": ["VerifiableCredential"', "parse.truncated"),
        (b'{"name": "unterminated', "parse.truncated"),
        (b"", "parse.empty"),
        (b"   \n", "parse.empty"),
        (b"[" * 201 + b"]" * 201, "parse.too-deep"),
        (b'{"a":' * 100_000, "parse.too-deep"),
        (b'{"n": NaN}', "parse.nonstandard-number"),
        (b'{"a": 1, "a": 2}', "parse.duplicate-key"),
        (b"\xef\xbb\xbf{}", "parse.bom"),
        (b"eyJhbGciOiJub25lIn0.bm90LWpzb24.", "jwt.malformed"),
    ],
)
def test_bad_input_classes(tmp_path: Path, content: bytes, rule: str) -> None:
    p = tmp_path / "input.json"
    p.write_bytes(content)
    [d] = docs(str(p))
    assert rule in rules_of(d)
    assert p.read_bytes() == content  # never modified


def test_depth_limit_is_configurable(tmp_path: Path) -> None:
    p = tmp_path / "deep.json"
    p.write_text("[" * 50 + "]" * 50)
    assert docs(str(p))[0].readable
    [d] = docs(str(p), limits=Limits(max_depth=10))
    assert rules_of(d) == ["parse.too-deep"]


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.json"
    p.write_text(json.dumps({"pad": "x" * 5000}))
    [d] = docs(str(p), limits=Limits(max_bytes=1000))
    assert rules_of(d) == ["parse.too-large"] and not d.readable


def test_size_limit_jsonl_line(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"pad": "x" * 5000}) + "\n" + json.dumps(CRED) + "\n")
    found = docs(str(p), limits=Limits(max_bytes=1000))
    assert rules_of(found[0]) == ["parse.too-large"]
    assert found[1].source.endswith(":2") and found[1].data == CRED


def test_jwt_is_decoded(tmp_path: Path) -> None:
    import base64

    def b64(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    token = f"{b64({'alg': 'EdDSA', 'typ': 'JWT'})}.{b64({'vc': CRED, 'iss': 'x'})}.c2ln"
    p = tmp_path / "c.jwt"
    p.write_text(token + "\n")
    [d] = docs(str(p))
    assert d.media == "jwt" and d.base == "/vc" and d.credential == CRED
    assert d.meta["jwt_header"]["alg"] == "EdDSA"
