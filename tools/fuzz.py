"""Fuzz mcconform in process: ``nox -s fuzz -- --seconds N`` (or ``python tools/fuzz.py``).

Inputs come from hypothesis strategies, in classes: random JSON; structure-aware mutations of
the fixtures and of ``../shared/corpus`` (read in place, when present); VC-JWTs; sealed
envelopes; baked PNG and SVG; ZIP archives and JSON Lines.  Each input is read and checked
with a profile drawn from every built-in profile (or the defaults) and the promises are
checked:

* no exception escapes reading or checking, and no ``internal.error`` finding appears (the
  catch-all of :mod:`mcconform.guard` turns escapes into those: each is a bug);
* no input takes longer than ``--bound`` seconds (the slowest is reported with its time);
* two runs give the same report bytes (a long-lived checker, which has seen every earlier
  input, against one that is renewed often).

Failing inputs are written to ``fixtures/fuzz/`` (``tests/test_fuzz_regressions.py`` runs them
all).  The closing lines give, per class, the inputs tried, the exceptions, the
non-deterministic reports and the slow inputs, then the slowest input with its time.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import io
import json
import os
import struct
import sys
import time
import traceback
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcconform import Checker, Options, __version__
from mcconform.document import Document
from mcconform.exitcodes import INTERNAL_RULE
from mcconform.limits import Limits
from mcconform.locate import iter_located
from mcconform.profiles import builtin_names
from mcconform.renderers import FORMATS, LOCATED_FORMATS
from mcconform.renderers import get as renderer
from mcconform.report import Report
from mcconform.sources import document_from_bytes, iter_lines, iter_zip

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("MCCONFORM_CORPUS", ROOT.parent / "shared" / "corpus"))
REGRESSIONS = ROOT / "fixtures" / "fuzz"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
LIMITS = Limits(max_bytes=2 * 1024 * 1024)
CLASSES = ("json", "mutation", "jwt", "sealed", "png", "svg", "zip", "jsonl")
EXT = {"json": ".json", "mutation": ".json", "jwt": ".jwt", "sealed": ".json", "png": ".png",
       "svg": ".svg", "zip": ".zip", "jsonl": ".jsonl"}
V2 = "https://www.w3.org/ns/credentials/v2"
V1 = "https://www.w3.org/2018/credentials/v1"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
KEYS = ["@context", "@id", "@type", "@vocab", "@language", "@import", "@set", "@list", "@value",
        "@graph", "@base", "@protected", "@reverse", "@nest", "id", "type", "issuer", "name",
        "credentialSubject", "validFrom", "validUntil", "issuanceDate", "proof", "vc", "nbf", "exp",
        "payload", "signatures", "achievement", "recipient", "badge", "verification", "evidence",
        "credentialStatus", "description", "\ud800", ""]
HOSTILE: list[Any] = [
    None, True, 0, -1, 10**400, -(10**30), 1e308, 2**63, 1.5, "", " ", "\ud800", "\udfff\ud800",
    "en_US", "en ", "2024-13-45T99:00:00Z", "0000-00-00", "urn:x", "_:b0", "did:example:x",
    "http://127.0.0.1/x", "relative/iri", "@id", "@vocab", "Infinity", "x" * 2000,
    V2, V1, OB3, [V2, OB3], [V2, {"@import": V2}], {"@vocab": None}, {"@language": None},
    {"@import": OB3, "@vocab": "https://example.org/v#"}, {"@set": True}, {"@id": ["urn:a"]},
    {"@value": "x", "@language": "en_US"}, {"@value": 10**400}, [], {}, [[[[[]]]]],
]


# ------------------------------------------------------------------ strategies

keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30), st.sampled_from(HOSTILE).map(copy.deepcopy),
)
json_values = st.recursive(
    leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)


def _load_seeds() -> list[Any]:
    files = sorted((ROOT / "fixtures").rglob("*.json"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*.json") if p.stat().st_size < 100_000)[:400]
    seeds = []
    for p in files:
        if p.name.endswith(".expect.json"):
            continue
        try:
            seeds.append(json.loads(p.read_bytes()))
        except (OSError, ValueError):
            continue
    return seeds or [{"@context": [V2], "type": ["VerifiableCredential"]}]


SEEDS = _load_seeds()


def _paths(value: Any, limit: int = 400) -> list[tuple[Any, Any]]:
    """(container, key) of the values inside ``value``, breadth first."""
    out: list[tuple[Any, Any]] = []
    level = [value]
    while level and len(out) < limit:
        nxt = []
        for c in level:
            items = c.items() if isinstance(c, dict) else enumerate(c) if isinstance(c, list) else ()
            for k, v in items:
                out.append((c, k))
                nxt.append(v)
        level = nxt
    return out


@st.composite
def mutated(draw: Any) -> Any:
    doc = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(1, 4))):
        spots = _paths(doc)
        if not spots:
            return draw(json_values)
        container, key = spots[draw(st.integers(0, len(spots) - 1))]
        op = draw(st.sampled_from(["replace", "hostile", "delete", "add", "wrap", "deep"]))
        if op == "replace":
            container[key] = draw(json_values)
        elif op == "hostile":  # a copy: a later mutation must never change HOSTILE itself
            container[key] = copy.deepcopy(draw(st.sampled_from(HOSTILE)))
        elif op == "delete":
            del container[key]
        elif op == "add" and isinstance(container, dict):
            container[draw(keys)] = draw(json_values)
        elif op == "wrap":
            container[key] = [container[key]]
        elif op == "deep":
            v: Any = container[key]
            for _ in range(draw(st.integers(50, 260))):
                v = [v]
            container[key] = v
    return doc


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode()


@st.composite
def jwts(draw: Any) -> bytes:
    header = {"alg": draw(st.sampled_from(["ES256", "EdDSA", "RS256", "none", "HS256", 1])),
              "typ": draw(st.sampled_from(["JWT", "vc+ld+json+jwt", "x"]))}
    if draw(st.booleans()):
        header.update(draw(st.dictionaries(keys, json_values, max_size=3)))
    body = draw(mutated())
    claims: Any = {"vc": body} if draw(st.booleans()) else body
    if isinstance(claims, dict):
        for claim in ("nbf", "exp", "iat", "iss", "sub", "jti"):
            if draw(st.booleans()):
                claims[claim] = copy.deepcopy(draw(st.sampled_from([*HOSTILE, 1700000000, 4102444800])))
    sig = b64(draw(st.binary(max_size=64)))
    return f"{b64(_dump(header))}.{b64(_dump(claims))}.{sig}".encode()


@st.composite
def sealed(draw: Any) -> bytes:
    header = {"alg": draw(st.sampled_from(["ES256", "RS256", "none"]))}
    if draw(st.booleans()):
        header["x5c"] = draw(st.lists(st.text(max_size=20), max_size=2))
    payload = b64(_dump(draw(mutated()))) if draw(st.booleans()) else draw(st.text(max_size=40))
    sig: Any = {"protected": b64(_dump(header)), "signature": b64(draw(st.binary(max_size=32)))}
    if draw(st.booleans()):
        sig = draw(json_values)
    return _dump({"payload": payload, "signatures": [sig]})


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def _flip(draw: Any, raw: bytes) -> bytes:
    if not raw or draw(st.integers(0, 4)) != 0:
        return raw
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def pngs(draw: Any) -> bytes:
    text = _dump(draw(mutated())) if draw(st.booleans()) else draw(jwts())
    keyword = draw(st.sampled_from([b"openbadgecredential", b"openbadges", b"other"]))
    compressed = draw(st.booleans())
    data = zlib.compress(text) if compressed else text
    itxt = keyword + b"\x00" + bytes([compressed, 0]) + b"\x00\x00" + data
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    chunks = [_chunk(b"IHDR", ihdr), _chunk(b"iTXt", itxt)]
    if draw(st.booleans()):
        chunks.append(_chunk(b"zTXt", b"openbadges\x00\x00" + zlib.compress(text)))
    raw = b"\x89PNG\r\n\x1a\n" + b"".join(chunks) + _chunk(b"IEND", b"")
    return _flip(draw, raw)


@st.composite
def svgs(draw: Any) -> bytes:
    text = json.dumps(draw(mutated())).replace("&", "&amp;").replace("<", "&lt;")
    dtd = draw(st.sampled_from(["", '<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
                                '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd">']))
    if dtd and "ENTITY" in dtd and draw(st.booleans()):
        text = text.replace('"', "&b;", 1)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-16-le"]))
    ns = draw(st.sampled_from(["https://purl.imsglobal.org/ob/v3p0", "http://openbadges.org"]))
    xml = (f'<?xml version="1.0" encoding="{encoding.upper()[:6]}"?>{dtd}<svg xmlns="http://www.w3.org/2000/svg"'
           f' xmlns:openbadges="{ns}"><openbadges:credential>{text}</openbadges:credential></svg>')
    return _flip(draw, xml.encode(encoding, "surrogatepass"))


@st.composite
def jsonls(draw: Any) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            lines.append(draw(st.binary(max_size=30)).replace(b"\n", b" "))
        elif kind == 1:
            lines.append(draw(jwts()))
        else:
            lines.append(_dump(draw(mutated())))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


@st.composite
def zips(draw: Any) -> bytes:
    buf = io.BytesIO()
    methods = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
    with zipfile.ZipFile(buf, "w") as zf:
        for n in range(draw(st.integers(0, 3))):
            ext = draw(st.sampled_from([".json", ".jsonl", ".jwt", ".png", ".txt"]))
            make = {".jsonl": jsonls, ".jwt": jwts, ".png": pngs}.get(ext)
            raw = draw(make()) if make else _dump(draw(mutated()))
            zf.writestr(f"m{n}{ext}", raw, compress_type=draw(st.sampled_from(methods)))
    raw = buf.getvalue()
    if draw(st.booleans()) and len(raw) > 40:  # an unsupported method or the encryption flag
        data = bytearray(raw)
        pos = data.find(b"PK\x01\x02")
        if pos != -1:
            field_at = pos + draw(st.sampled_from([8, 10]))
            data[field_at : field_at + 2] = struct.pack("<H", draw(st.sampled_from([1, 9, 14, 99])))
        raw = bytes(data)
    return _flip(draw, raw)


STRATEGIES: dict[str, Callable[[], Any]] = {
    "json": lambda: json_values.map(_dump),
    "mutation": lambda: mutated().map(_dump),
    "jwt": jwts, "sealed": sealed, "png": pngs, "svg": svgs, "zip": zips, "jsonl": jsonls,
}


# ------------------------------------------------------------------ running


def read(cls: str, raw: bytes) -> list[Document]:
    """The documents of one input, read the way the CLI reads a file of that class."""
    label = f"fuzz{EXT[cls]}"
    if cls == "zip":
        return list(iter_zip(label, io.BytesIO(raw), LIMITS))
    if cls == "jsonl":
        return list(iter_lines(label, io.BytesIO(raw), LIMITS))
    return [document_from_bytes(label, raw, LIMITS)]


@dataclass
class Stats:
    tried: Counter[str] = field(default_factory=Counter)
    exceptions: Counter[str] = field(default_factory=Counter)
    nondeterministic: Counter[str] = field(default_factory=Counter)
    slow: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, str, str] = (0.0, "", "")
    generator_errors: int = 0
    failures: list[tuple[str, str, bytes]] = field(default_factory=list)


class Fuzzer:
    def __init__(self, bound: float, save: bool = True) -> None:
        self.bound = bound
        self.save = save
        self.stats = Stats()
        self.profiles: list[str | None] = [None, *builtin_names()]
        self.long: dict[str | None, Checker] = {}
        self.fresh: dict[str | None, tuple[int, Checker | None]] = {}

    def _checkers(self, profile: str | None) -> tuple[Checker, Checker]:
        opts = Options(now=NOW, limits=LIMITS)
        names = [profile] if profile else None
        if profile not in self.long:
            self.long[profile] = Checker(names, opts)
        uses, fresh = self.fresh.get(profile, (0, None))
        if fresh is None or uses >= 20:
            fresh, uses = Checker(names, opts), 0
        self.fresh[profile] = (uses + 1, fresh)
        return self.long[profile], fresh

    def run_one(self, cls: str, raw: bytes, profile: str | None, fmt: str) -> None:
        st_ = self.stats
        st_.tried[cls] += 1
        long, fresh = self._checkers(profile)
        start = time.perf_counter()
        try:
            first = self._report(long, cls, raw, fmt)
        except Exception as e:
            st_.exceptions[cls] += 1
            self._fail(cls, raw, f"{type(e).__name__}: {e}\n{traceback.format_exc()}")
            return
        took = time.perf_counter() - start
        if took > st_.slowest[0]:
            st_.slowest = (took, cls, f"profile={profile or 'default'} {len(raw)} bytes")
        if took > self.bound:
            st_.slow[cls] += 1
            self._fail(cls, raw, f"slow: {took:.2f} s", keep=False)
        if INTERNAL_RULE in first:
            st_.exceptions[cls] += 1
            self._fail(cls, raw, "internal.error finding")
        second = self._report(fresh, cls, raw, fmt)
        if first != second:
            st_.nondeterministic[cls] += 1
            self._fail(cls, raw, f"two runs differ (profile {profile})")

    def _report(self, checker: Checker, cls: str, raw: bytes, fmt: str) -> str:
        docs = read(cls, raw)
        if fmt in LOCATED_FORMATS:  # the CLI locates findings in the text for these formats
            reports = list(iter_located(checker, docs))
        else:
            reports = [checker.check_document(d) for d in docs]
        for r in reports:
            self.stats.kinds[r.kind] += 1
        report = Report(reports, __version__)
        text = renderer("json")(report, {})
        text.encode("utf-8")
        if fmt != "json":
            renderer(fmt)(report, {}).encode("utf-8")
        return text

    def _fail(self, cls: str, raw: bytes, why: str, keep: bool = True) -> None:
        digest = hashlib.sha256(raw).hexdigest()[:12]
        self.stats.failures.append((cls, why.splitlines()[0][:200], raw))
        if self.save and keep:
            REGRESSIONS.mkdir(parents=True, exist_ok=True)
            (REGRESSIONS / f"{cls}-{digest}{EXT[cls]}").write_bytes(raw)
        print(f"FAIL [{cls}] {why[:2000]}", file=sys.stderr)


def fuzz(seconds: float, bound: float = 10.0, save: bool = True, seed: int | None = None) -> Stats:
    fuzzer = Fuzzer(bound, save)
    deadline = time.monotonic() + seconds
    formats = list(FORMATS)

    @settings(max_examples=50, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def one(data: Any) -> None:
        # every choice is drawn (never taken from outside state) so that hypothesis can replay
        cls = data.draw(st.sampled_from(CLASSES))
        raw = data.draw(STRATEGIES[cls]())
        profile = data.draw(st.sampled_from(fuzzer.profiles))
        fmt = data.draw(st.sampled_from(formats))
        if time.monotonic() <= deadline:
            fuzzer.run_one(cls, raw, profile, fmt)

    from hypothesis import seed as hseed
    from hypothesis.errors import HypothesisException

    rounds = 0
    while time.monotonic() < deadline:
        try:
            (hseed(seed + rounds)(one) if seed is not None else one)()
        except HypothesisException as e:  # the generator's own trouble, not mcconform's
            fuzzer.stats.generator_errors += 1
            print(f"hypothesis: {type(e).__name__}", file=sys.stderr)
        rounds += 1
    return fuzzer.stats


def summary(stats: Stats) -> str:
    lines = [f"{'class':<10}{'inputs':>8}{'exceptions':>12}{'nondeterministic':>18}{'slow':>6}"]
    for cls in CLASSES:
        lines.append(f"{cls:<10}{stats.tried[cls]:>8}{stats.exceptions[cls]:>12}"
                     f"{stats.nondeterministic[cls]:>18}{stats.slow[cls]:>6}")
    lines.append(f"{'total':<10}{sum(stats.tried.values()):>8}{sum(stats.exceptions.values()):>12}"
                 f"{sum(stats.nondeterministic.values()):>18}{sum(stats.slow.values()):>6}")
    took, cls, what = stats.slowest
    lines.append(f"slowest input: {took:.3f} s ({cls}, {what})")
    if stats.generator_errors:
        lines.append(f"hypothesis rounds that failed to generate: {stats.generator_errors}")
    lines.append("document kinds seen: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.kinds.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    ap.add_argument("--bound", type=float, default=10.0, help="slowest acceptable input, seconds")
    ap.add_argument("--seed", type=int, default=None, help="seed hypothesis (reproducible runs)")
    ap.add_argument("--no-save", action="store_true", help="do not write failing inputs to fixtures/fuzz")
    args = ap.parse_args(argv)
    print(f"fuzzing for {args.seconds:.0f} s; {len(SEEDS)} seed documents "
          f"({'with' if CORPUS.is_dir() else 'without'} the corpus)", flush=True)
    stats = fuzz(args.seconds, args.bound, not args.no_save, args.seed)
    print(summary(stats))
    failed = sum(stats.exceptions.values()) + sum(stats.nondeterministic.values()) + sum(stats.slow.values())
    return 1 if failed else 0


def iter_regressions() -> Iterator[Path]:
    """The saved failing inputs (``fixtures/fuzz/<class>-<digest>.<ext>``)."""
    if REGRESSIONS.is_dir():
        yield from sorted(p for p in REGRESSIONS.iterdir() if p.name.split("-")[0] in CLASSES)


if __name__ == "__main__":
    sys.exit(main())
