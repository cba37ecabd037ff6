"""Start-up results kept across runs (:mod:`mcconform.runcache`): keyed, checked, atomic,
optional; and a run that uses them gives the same report bytes without importing pyld,
rdflib or jsonschema."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcconform import runcache

ROOT = Path(__file__).resolve().parents[1]
OB3 = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(runcache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(runcache.ENV_OFF, raising=False)
    return tmp_path / "cache"


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_round_trip_and_key_check(cache_dir: Path) -> None:
    assert runcache.load("k", "a") is None
    assert runcache.store("k", "a", {"x": [1, 2]})
    assert runcache.load("k", "a") == {"x": [1, 2]}
    assert runcache.load("k", "b") is None
    assert runcache.load("other", "a") is None
    # an entry holding another key (as if two keys had one file name) is not used
    (entry,) = _entries(cache_dir)
    other = runcache._path("k", "b")
    assert other is not None
    other.write_bytes(entry.read_bytes())
    assert runcache.load("k", "b") is None
    assert str(cache_dir / runcache.__version__) in str(entry)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-1],  # truncated
        lambda b: b[: len(runcache.MAGIC) + 10],  # cut inside the digest
        lambda b: b[:-3] + bytes([b[-3] ^ 1]) + b[-2:],  # one bit flipped in the body
        lambda b: b"x" + b[1:],  # not our format
        lambda b: b"",
    ],
)
def test_corrupt_entry_is_a_miss(cache_dir: Path, damage: object) -> None:
    runcache.store("k", "a", list(range(100)))
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert runcache.load("k", "a") is None
    assert runcache.store("k", "a", "again")  # and it is rewritten
    assert runcache.load("k", "a") == "again"


def test_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(runcache.ENV_OFF, "1")
    assert runcache.folder() is None
    assert not runcache.store("k", "a", 1)
    assert runcache.load("k", "a") is None
    assert not cache_dir.exists()


def test_unwritable_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(runcache.ENV_DIR, str(blocker))
    assert not runcache.store("k", "a", 1)
    assert runcache.load("k", "a") is None


def _writer(folder: str, n: int, seed: int) -> None:
    os.environ[runcache.ENV_DIR] = folder
    for i in range(n):
        runcache.store("race", "same", [seed, i] * 5000)


def test_concurrent_writers_never_leave_half_an_entry(cache_dir: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(cache_dir), 40, s)) for s in range(3)]
    for p in procs:
        p.start()
    seen = 0
    while any(p.is_alive() for p in procs):
        got = runcache.load("race", "same")
        if got is not None:  # whole entries only: a pair repeated 5000 times
            assert len(got) == 10000 and got[:2] * 5000 == got
            seen += 1
    for p in procs:
        p.join()
        assert p.exitcode == 0
    got = runcache.load("race", "same")
    assert got is not None and len(got) == 10000
    assert not [p for p in _entries(cache_dir) if p.name.startswith(".tmp-")]


_PROBE = """
import runpy, sys
sys.argv = ["mcconform", "check", "--format", "json", sys.argv[1]]
try:
    runpy.run_module("mcconform", run_name="__main__")
except SystemExit as e:
    code = e.code
heavy = sorted(m for m in ("pyld", "rdflib", "jsonschema", "pyshacl", "cryptography", "httpx")
               if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def _run(doc: Path, env: dict[str, str]) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(doc)], capture_output=True, text=True, env=env, timeout=300
    )
    heavy = [line for line in proc.stderr.splitlines() if line.startswith("HEAVY=")]
    assert heavy, proc.stderr
    return proc.returncode, proc.stdout, heavy[-1][len("HEAVY=") :]


def _report(stdout: str) -> object:
    data = json.loads(stdout)
    data.pop("created", None)  # not in the report today; never compared if it ever is
    return data


INVALID = ROOT / "fixtures" / "ob3" / "invalid"


@pytest.mark.parametrize(
    "doc", [OB3, INVALID / "ob3.achievement.json", INVALID / "jwt.claim-mismatch.jwt"], ids=lambda p: p.name
)
def test_warm_run_same_bytes_without_heavy_imports(tmp_path: Path, doc: Path) -> None:
    env = {**os.environ, runcache.ENV_DIR: str(tmp_path / "c")}
    env.pop(runcache.ENV_OFF, None)
    cold = _run(doc, env)
    warm = _run(doc, env)
    off = _run(doc, {**env, runcache.ENV_OFF: "1"})
    assert cold[:2] == warm[:2] == off[:2]
    assert cold[1].strip()
    if doc == OB3:  # a conformant credential: nothing needs the reference engines
        assert cold[0] == 0
        assert warm[2] == "", f"a warm run imported {warm[2]}"
        assert "pyld" in off[2]
    # every entry damaged: the same report again, computed anew
    for entry in _entries(tmp_path / "c"):
        entry.write_bytes(entry.read_bytes()[:-1])
    assert _run(doc, env)[:2] == cold[:2]
