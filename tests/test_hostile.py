"""Hostile input: each attack gives a finding, within bounded memory, and never a traceback.

* SVG: billion laughs (entity expansion) and external entities are refused before parsing;
* PNG: a compressed text chunk that inflates past 1 GB (generated here by streaming zlib over
  zeros: about 1 MB on disk) is cut off at the inflate cap;
* network (a real HTTP server on loopback): redirects to 127.0.0.1, 169.254.169.254 and
  10.0.0.1 are refused, a slow server and a trickling one hit the timeouts / deadline, an
  endless body is abandoned at the size cap.

Memory is measured with tracemalloc (peak of Python allocations); time is bounded by the
fetch timeouts, which the tests set low, not asserted.
"""

from __future__ import annotations

import struct
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import mcconform
from mcconform.fetch import policy as fetch_policy
from mcconform.options import Options
from mcconform.report import DocumentReport
from test_fetch import Handler, serve

MB = 1024 * 1024


@pytest.fixture(scope="module", autouse=True)
def warm_up() -> None:
    """Import and load everything once, so that peaks measure the input, not module loading."""
    mcconform.check({"@context": "https://w3id.org/openbadges/v2", "type": "Issuer"})


def peak_memory(fn: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def only_doc(target: str | list[str], **kw: Any) -> DocumentReport:
    report = mcconform.check(target, **kw)
    assert len(report.documents) == 1
    return report.documents[0]


def rules(doc: DocumentReport) -> set[str]:
    return {f.rule for f in doc.findings}


# --------------------------------------------------------------------------- SVG

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
  <openbadges:credential>&lol9;</openbadges:credential>
</svg>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
  <openbadges:credential>&xxe;</openbadges:credential>
</svg>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY % remote SYSTEM "http://169.254.169.254/evil.dtd"> %remote; ]>
<svg xmlns="http://www.w3.org/2000/svg"/>
"""


@pytest.mark.parametrize(
    "content", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY], ids=["billion-laughs", "xxe", "param"]
)
def test_svg_entities_refused(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "badge.svg"
    path.write_bytes(content)
    doc, peak = peak_memory(lambda: only_doc(str(path)))
    assert rules(doc) == {"image.xml-entities"}
    assert doc.kind == "unreadable"
    assert "passwd" not in " ".join(f.message for f in doc.findings)
    assert peak < 20 * MB


# --------------------------------------------------------------------------- PNG bomb

GB = 1024 * MB


def _chunk(ctype: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(ctype + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)


def _zeros_deflated(total: int) -> bytes:
    comp = zlib.compressobj(9)
    block = bytes(4 * MB)
    parts = [comp.compress(block) for _ in range(total // len(block))]
    parts.append(comp.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def bomb_stream() -> bytes:
    """zlib stream of 1 GB + 4 MB of zeros (about 1 MB)."""
    return _zeros_deflated(GB + 4 * MB)


def _png(*chunks: bytes) -> bytes:
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"".join(chunks) + idat + _chunk(b"IEND", b"")


@pytest.mark.parametrize("ctype", [b"iTXt", b"zTXt"])
def test_png_text_bomb_past_1gb(ctype: bytes, bomb_stream: bytes, tmp_path: Path) -> None:
    assert len(bomb_stream) < 4 * MB  # small on disk...
    if ctype == b"iTXt":  # keyword, NUL, compressed=1, method=0, language NUL, translated NUL, data
        body = b"openbadgecredential\x00\x01\x00\x00\x00" + bomb_stream
    else:  # keyword, NUL, method=0, data
        body = b"openbadges\x00\x00" + bomb_stream
    path = tmp_path / "bomb.png"
    path.write_bytes(_png(_chunk(ctype, body)))
    doc, peak = peak_memory(lambda: only_doc(str(path)))
    assert rules(doc) == {"image.bomb"}
    assert doc.kind == "unreadable"
    assert peak < 64 * MB  # ...and never inflated: 1 GB would not fit


# --------------------------------------------------------------------------- the network


@pytest.fixture(scope="module")
def public_server() -> Iterator[str]:
    """A loopback server on 127.0.0.2 that the tests treat as a public host."""
    with serve("127.0.0.2") as url:
        yield url


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[str]:
    with serve("127.0.0.1") as url:
        yield url


@pytest.fixture
def pretend_public(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fetch_policy._public
    monkeypatch.setattr(fetch_policy, "_public", lambda ip: str(ip) == "127.0.0.2" or real(ip))


def net_options(tmp_path: Path, **kw: Any) -> Options:
    values: dict[str, Any] = {
        "cache_dir": "",
        "fetch_connect_timeout": 1.0,
        "fetch_read_timeout": 1.0,
        "fetch_deadline": 2.0,
        "fetch_max_bytes": 1 * MB,
    }
    values.update(kw)
    return Options(**values)


@pytest.mark.parametrize("target", ["127.0.0.1", "169.254.169.254", "10.0.0.1"])
def test_redirect_to_private_address_refused(
    target: str, public_server: str, loopback_server: str, pretend_public: None, tmp_path: Path
) -> None:
    port = loopback_server.rsplit(":", 1)[1]
    dest = (
        f"http://{target}:{port}/doc.json" if target == "127.0.0.1" else f"http://{target}/latest/meta-data/"
    )
    before = Handler.hits.get("/doc.json", 0)
    url = f"{public_server}/redirect?{dest}"
    # a URL input: the network is on for it, the safeguards stay
    doc = only_doc(url, options=net_options(tmp_path))
    assert rules(doc) == {"fetch.private-address"}
    assert target in doc.findings[0].message
    assert Handler.hits.get("/redirect", 0) >= 1  # the first hop was made...
    assert Handler.hits.get("/doc.json", 0) == before  # ...the redirect target never reached


def test_hosted_badge_redirecting_to_metadata_service(
    public_server: str, pretend_public: None, tmp_path: Path
) -> None:
    """End to end: an assertion whose BadgeClass URL redirects to the cloud metadata service."""
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{public_server}/assertion.json",
        "recipient": {"type": "email", "hashed": False, "identity": "ann@example.org"},
        "badge": f"{public_server}/redirect?http://169.254.169.254/latest/meta-data/",
        "verification": {"type": "hosted"},
        "issuedOn": "2024-01-01T00:00:00Z",
    }
    doc = only_doc(assertion, profiles=["ob2"], options=net_options(tmp_path, online=True))
    refused = [f for f in doc.findings if f.rule == "fetch.private-address"]
    assert refused and refused[0].pointer == "/badge"
    assert doc.profiles["ob2"].verdict == "fail"


def test_loopback_url_input_refused(loopback_server: str, tmp_path: Path) -> None:
    doc = only_doc(loopback_server + "/doc.json", options=net_options(tmp_path))
    assert rules(doc) == {"fetch.private-address"}


def test_slow_server_times_out(loopback_server: str, tmp_path: Path) -> None:
    opts = net_options(tmp_path, allow_private_network=True)
    doc = only_doc(loopback_server + "/slow", options=opts)
    assert rules(doc) == {"fetch.timeout"}


def test_trickling_server_hits_the_deadline(loopback_server: str, tmp_path: Path) -> None:
    opts = net_options(tmp_path, allow_private_network=True)
    doc = only_doc(loopback_server + "/trickle", options=opts)
    assert rules(doc) == {"fetch.timeout"}


def test_endless_body_is_cut_at_the_cap(loopback_server: str, tmp_path: Path) -> None:
    opts = net_options(tmp_path, allow_private_network=True)
    doc, peak = peak_memory(lambda: only_doc(loopback_server + "/endless", options=opts))
    assert rules(doc) == {"fetch.too-large"}
    assert peak < 8 * MB


def test_huge_content_length_refused_before_reading(loopback_server: str, tmp_path: Path) -> None:
    opts = net_options(tmp_path, allow_private_network=True)
    doc = only_doc(loopback_server + "/huge-declared", options=opts)
    assert rules(doc) == {"fetch.too-large"}
    assert "Content-Length" in doc.findings[0].message
