"""Baked PNG and SVG badges, and hostile images."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

from mcconform.limits import Limits
from mcconform.sources import iter_documents

CRED = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}


def chunk(ctype: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)
    )


def png(*extra: bytes) -> bytes:
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"".join(extra) + idat + chunk(b"IEND", b"")


def itxt(keyword: bytes, text: bytes, compressed: bool = False) -> bytes:
    data = zlib.compress(text) if compressed else text
    return chunk(
        b"iTXt", keyword + b"\x00" + (b"\x01\x00" if compressed else b"\x00\x00") + b"\x00\x00" + data
    )


def one(path: Path, limits: Limits | None = None):
    [d] = list(iter_documents([str(path)], limits or Limits()))
    return d


def test_png_ob3(tmp_path: Path) -> None:
    p = tmp_path / "badge.png"
    p.write_bytes(png(itxt(b"openbadgecredential", json.dumps(CRED).encode())))
    d = one(p)
    assert d.media == "png" and d.data == CRED
    assert d.meta["baked"]["keyword"] == "openbadgecredential"


def test_png_compressed_itxt(tmp_path: Path) -> None:
    p = tmp_path / "badge.png"
    p.write_bytes(png(itxt(b"openbadges", json.dumps(CRED).encode(), compressed=True)))
    assert one(p).data == CRED


def test_png_decompression_bomb(tmp_path: Path) -> None:
    p = tmp_path / "bomb.png"
    p.write_bytes(png(itxt(b"openbadgecredential", b" " * (50 * 1024 * 1024), compressed=True)))
    d = one(p)
    assert [f.rule for f in d.findings] == ["image.bomb"] and not d.readable


def test_png_bad_crc_and_oversized_chunk(tmp_path: Path) -> None:
    good = png(itxt(b"openbadgecredential", b"{}"))
    bad_crc = good[:40] + bytes([good[40] ^ 0xFF]) + good[41:]
    p = tmp_path / "crc.png"
    p.write_bytes(bad_crc)
    assert [f.rule for f in one(p).findings] == ["image.corrupt"]
    huge = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 2**31) + b"iTXt" + b"x" * 10
    p.write_bytes(huge)
    assert [f.rule for f in one(p).findings] == ["image.corrupt"]


def test_png_without_badge(tmp_path: Path) -> None:
    p = tmp_path / "plain.png"
    p.write_bytes(png())
    assert [f.rule for f in one(p).findings] == ["image.no-badge"]


SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
<openbadges:credential><![CDATA[{body}]]></openbadges:credential></svg>"""


def test_svg_credential(tmp_path: Path) -> None:
    p = tmp_path / "badge.svg"
    p.write_text(SVG.replace("{body}", json.dumps(CRED)))
    assert one(p).data == CRED


def test_svg_billion_laughs(tmp_path: Path) -> None:
    lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(10)
    )
    p = tmp_path / "lol.svg"
    p.write_text(lol + ']><svg xmlns="http://www.w3.org/2000/svg">&lol9;</svg>')
    assert [f.rule for f in one(p).findings] == ["image.xml-entities"]


def test_svg_external_entity(tmp_path: Path) -> None:
    p = tmp_path / "xxe.svg"
    p.write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    )
    assert [f.rule for f in one(p).findings] == ["image.xml-entities"]


def test_svg_not_wellformed(tmp_path: Path) -> None:
    p = tmp_path / "broken.svg"
    p.write_text('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    assert [f.rule for f in one(p).findings] == ["image.corrupt"]
