"""mcconform.fetch: resource map, offline policy, address checks, limits, cache, on a real HTTP server.

The server is ``http.server`` in a thread on loopback; tests reach it with
``allow_private_network=True`` except where they test the refusal of loopback itself.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from mcconform.fetch import FetchError, fetch, fetch_json, network_allowed
from mcconform.fetch import cache as fetch_cache
from mcconform.fetch import policy as fetch_policy
from mcconform.options import Options
from mcconform.rules import RULES

DOC = {"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": "urn:x"}
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT"


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "application/json", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        if path == "/doc.json":
            if self.headers.get("If-None-Match") == ETAG:
                self._send(304)
            else:
                self._send(200, json.dumps(DOC).encode(), "application/ld+json", ETag=ETAG)
        elif path == "/lm.json":
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._send(304)
            else:
                self._send(200, json.dumps(DOC).encode(), "application/json", Last_Modified=LAST_MODIFIED)
        elif path == "/plain.json":
            self._send(200, json.dumps(DOC).encode(), "text/plain")
        elif path == "/page.html":
            self._send(200, b"<html>login</html>", "text/html")
        elif path == "/not-json":
            self._send(200, b"{nope", "application/json")
        elif path == "/redirect":
            self._send(302, Location=query)
        elif path == "/hop":
            n = int(query or "0")
            self._send(302, Location=f"/hop?{n + 1}" if n < 20 else "/doc.json")
        elif path == "/missing":
            self._send(404, b"no")
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"{}")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            block = b" " * 65536
            try:
                for _ in range(100_000):  # 6.5 GB if nobody stops reading
                    self.wfile.write(block)
            except OSError:
                pass
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(10**12))
            self.end_headers()
        else:
            self._send(404)


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[str]:
    """A real HTTP server on loopback; yields its base URL (``http://host:port``)."""
    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


def online(tmp_path: Path, **kw: Any) -> Options:
    values: dict[str, Any] = {
        "online": True,
        "allow_private_network": True,
        "cache_dir": str(tmp_path / "cache"),
        "fetch_connect_timeout": 2.0,
        "fetch_read_timeout": 1.0,
        "fetch_deadline": 4.0,
    }
    values.update(kw)
    return Options(**values)


def rule_of(exc: pytest.ExceptionInfo[FetchError]) -> str:
    return exc.value.rule


# --- policy -------------------------------------------------------------------------------


def test_rules_are_declared_with_docs() -> None:
    ids = {r for r in RULES if r.startswith("fetch.")}
    assert {"fetch.offline", "fetch.private-address", "fetch.timeout", "fetch.too-large"} <= ids
    for r in ids:
        assert RULES[r].doc.strip(), r


def test_offline_by_default() -> None:
    with pytest.raises(FetchError) as e:
        fetch("https://example.org/badge.json", Options())
    assert rule_of(e) == "fetch.offline"
    assert e.value.url == "https://example.org/badge.json"
    assert e.value.finding("/badge").rule == "fetch.offline"
    assert not network_allowed("https://example.org/x", Options())
    assert network_allowed("https://example.org/x", Options(online=True))


def test_resource_map_serves_files_offline(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "issuer.json").write_text(json.dumps(DOC))
    opts = Options(resource_map={"https://example.org/": str(tmp_path / "assets")})
    assert network_allowed("https://example.org/issuer.json", opts)
    res = fetch("https://example.org/issuer.json#frag", opts)
    assert res.from_resource_map and not res.from_cache
    assert res.content_type == "application/json"
    assert fetch_json("https://example.org/issuer.json", opts) == DOC
    with pytest.raises(FetchError) as e:
        fetch("https://example.org/nothing.json", opts)
    assert rule_of(e) == "fetch.not-found"
    (tmp_path / "secret.json").write_text("{}")
    with pytest.raises(FetchError) as e:
        fetch("https://example.org/../secret.json", opts)
    assert rule_of(e) == "fetch.not-found"  # no escape from the mapped directory
    with pytest.raises(FetchError) as e:
        fetch("https://example.org/issuer.json", opts, accept="image/png")
    assert rule_of(e) == "fetch.content-type"
    with pytest.raises(FetchError) as e:
        fetch("https://example.org/issuer.json", opts, max_bytes=5)
    assert rule_of(e) == "fetch.too-large"
    # a different host is not mapped: offline
    with pytest.raises(FetchError) as e:
        fetch("https://example.com/issuer.json", opts)
    assert rule_of(e) == "fetch.offline"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"])
def test_only_http(url: str) -> None:
    with pytest.raises(FetchError) as e:
        fetch(url, Options(online=True))
    assert rule_of(e) == "fetch.scheme"


def test_url_without_host() -> None:
    with pytest.raises(FetchError) as e:
        fetch("https:///badge.json", Options(online=True))
    assert rule_of(e) == "fetch.bad-url"


# --- the network, on loopback ---------------------------------------------------------------


def test_fetch_json_and_content_type(base: str, tmp_path: Path) -> None:
    opts = online(tmp_path, cache_dir="")
    res = fetch(base + "/doc.json", opts, accept="application/ld+json, application/json")
    assert json.loads(res.content) == DOC
    assert res.content_type == "application/ld+json" and res.url == base + "/doc.json"
    assert not res.from_cache and not res.from_resource_map
    # fetch_json takes JSON served as text/plain
    assert fetch_json(base + "/plain.json", opts) == DOC
    with pytest.raises(FetchError) as e:
        fetch(base + "/page.html", opts, accept="application/ld+json, application/json")
    assert rule_of(e) == "fetch.content-type"
    with pytest.raises(FetchError) as e:
        fetch_json(base + "/not-json", opts)
    assert rule_of(e) == "fetch.not-json"


def test_status_codes(base: str, tmp_path: Path) -> None:
    opts = online(tmp_path)
    with pytest.raises(FetchError) as e:
        fetch(base + "/missing", opts)
    assert rule_of(e) == "fetch.not-found"
    with pytest.raises(FetchError) as e:
        fetch(base + "/error", opts)
    assert rule_of(e) == "fetch.http-status"


def test_redirects_followed_and_capped(base: str, tmp_path: Path) -> None:
    opts = online(tmp_path)
    res = fetch(base + "/hop?18", opts)  # 18 -> 19 -> 20 -> doc.json: 3 redirects
    assert res.url == base + "/doc.json"
    with pytest.raises(FetchError) as e:
        fetch(base + "/hop?0", opts)
    assert rule_of(e) == "fetch.too-many-redirects"


def test_loopback_refused_without_allow_private_network(base: str, tmp_path: Path) -> None:
    before = Handler.hits.get("/doc.json", 0)
    with pytest.raises(FetchError) as e:
        fetch(base + "/doc.json", online(tmp_path, allow_private_network=False))
    assert rule_of(e) == "fetch.private-address"
    assert Handler.hits.get("/doc.json", 0) == before  # never connected


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
        "http://[fe80::1]/",
    ],
)
def test_private_addresses_refused(url: str) -> None:
    with pytest.raises(FetchError) as e:
        fetch(url, Options(online=True))
    assert rule_of(e) == "fetch.private-address", e.value.message


def test_cache_revalidates_with_etag(base: str, tmp_path: Path) -> None:
    opts = online(tmp_path)
    first = fetch(base + "/doc.json", opts)
    assert not first.from_cache
    assert list((tmp_path / "cache").glob("*.body"))
    hits = Handler.hits["/doc.json"]
    second = fetch(base + "/doc.json", opts)
    assert second.from_cache and second.content == first.content
    assert Handler.hits["/doc.json"] == hits + 1  # revalidated (304), not skipped
    # a corrupted cache entry is ignored, not trusted
    for body in (tmp_path / "cache").glob("*.body"):
        body.write_bytes(b"tampered")
    third = fetch(base + "/doc.json", opts)
    assert not third.from_cache and third.content == first.content


def test_cache_dir_from_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fetch_cache._cache_dir(Options()) == tmp_path / "mcconform"
    assert fetch_cache._cache_dir(Options(cache_dir="")) is None


def test_context_loading_online_goes_through_fetch(base: str, tmp_path: Path) -> None:
    import mcconform

    doc = {"@context": [base + "/ctx.json"], "type": "Thing"}
    report = mcconform.check(doc, profiles=["core"], options=online(tmp_path))
    rules = {f.rule for f in report.documents[0].findings}
    assert "jsonld.context-unavailable" in rules  # /ctx.json is a 404 on the server
    offline = mcconform.check(doc, profiles=["core"])
    assert "jsonld.context.not-checked" in {f.rule for f in offline.documents[0].findings}


def test_context_from_resource_map(tmp_path: Path) -> None:
    import mcconform

    (tmp_path / "ctx.json").write_text(json.dumps({"@context": {"name": "http://schema.org/name"}}))
    doc = {"@context": ["https://contexts.example/ctx.json"], "name": "x"}
    opts = Options(resource_map={"https://contexts.example/": str(tmp_path)})
    report = mcconform.check(doc, profiles=["core"], options=opts)
    assert [f.rule for f in report.documents[0].findings if f.rule.startswith("jsonld.")] == []


def test_cache_revalidates_with_last_modified(base: str, tmp_path: Path) -> None:
    opts = online(tmp_path)
    assert not fetch(base + "/lm.json", opts).from_cache
    hits = Handler.hits["/lm.json"]
    again = fetch(base + "/lm.json", opts)
    assert again.from_cache and json.loads(again.content) == DOC
    assert Handler.hits["/lm.json"] == hits + 1


def test_connects_to_the_checked_address(base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The host is resolved once, checked, and the connection goes to that address (no second
    lookup a rebinding DNS server could answer differently); Host names the original host."""
    port = base.rsplit(":", 1)[1]
    looked_up: list[str] = []

    def resolve(url: str, host: str, port: int, timeout: float) -> list[str]:
        looked_up.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetch_policy, "_resolve", resolve)
    res = fetch(f"http://badges.invalid:{port}/doc.json", online(tmp_path, cache_dir=""))
    assert json.loads(res.content) == DOC  # badges.invalid has no DNS: the pinned address was used
    assert res.url == f"http://badges.invalid:{port}/doc.json"
    assert looked_up == ["badges.invalid"]
    with pytest.raises(FetchError) as e:
        fetch(f"http://badges.invalid:{port}/doc.json", online(tmp_path, allow_private_network=False))
    assert rule_of(e) == "fetch.private-address"
