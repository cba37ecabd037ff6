"""Whole-process figures: what a user waits for, start-up included.

    python tools/bench_process.py [--repeat 5] [--big 10000] [--json out.json]

Run it with the Python of the install to measure (``nox -s bench`` does; for the README's
install: ``python -m venv v && v/bin/pip install . check-jsonschema && v/bin/python
tools/bench_process.py``).  Cases, each run ``--repeat`` times (median of 5 by default) after one
untimed run, interleaved with what it is compared with (so that load on the machine hits both
alike), pinned to one core (``taskset``, where there is one), reported as the median wall time
and the median CPU time (user + system) of the process, and documents per second of wall time:

* ``mcconform check`` of one OB 3.0 credential (start-up cache warm, and with
  ``MCCONFORM_NO_CACHE=1``) beside ``check-jsonschema --schemafile <OB 3.0 schema>`` on the
  same file (the official schema from ../shared/corpus when present, ours otherwise);
* ``mcconform check`` and ``mcconform audit --workers 1`` on JSON Lines of 100 and ``--big``
  OB 3.0 credentials;
* ``mcconform check --profile elm-edc`` of one sealed ELM credential, and on JSON Lines of
  ``--elm`` (100) sealed ELM credentials beside the plain pipeline (pyld ``to_rdf`` -> rdflib
  -> pyshacl with the official EDC shapes) in one process on the same credentials
  (tools/bench.py ``plain_elm``).

The ratios say how many times faster mcconform is, whole process against whole process
(start-up included; the per-credential ratios of the engines alone are tools/bench.py's).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # tools/bench.py: the same inputs

ROOT = bench.ROOT
OB3_FILE = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"
OFFICIAL_SCHEMA = bench.CORPUS / "openbadges" / "ob3" / "schema" / "ob_v3p0_achievementcredential_schema.json"
OUR_SCHEMA = ROOT / "src" / "mcconform" / "data" / "schemas" / "ob3" / "achievementcredential.json"
BIN = Path(sys.executable).parent


def _one_core() -> list[str]:
    if hasattr(os, "sched_getaffinity") and shutil.which("taskset"):
        return ["taskset", "-c", str(min(os.sched_getaffinity(0)))]
    return []


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child, exit code) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*_one_core(), *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def interleaved(cases: dict[str, tuple[list[str], dict[str, str] | None]], repeat: int) -> dict[str, Any]:
    runs: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cases}
    for cmd, env in cases.values():  # one untimed run each: caches, page cache
        timed(cmd, env)
    for _ in range(repeat):
        for name, (cmd, env) in cases.items():
            runs[name].append(timed(cmd, env))
    out = {}
    for name, rs in runs.items():
        out[name] = {
            "wall_s": round(statistics.median(r[0] for r in rs), 3),
            "cpu_s": round(statistics.median(r[1] for r in rs), 3),
            "exit": sorted({r[2] for r in rs}),
        }
    return out


def _mcconform(*args: str) -> list[str]:
    exe = BIN / "mcconform"
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "mcconform", *args]


def _write_jsonl(path: Path, texts: list[str], n: int) -> Path:
    with path.open("w") as f:
        for i in range(n):
            f.write(texts[i % len(texts)].replace("\n", " ") + "\n")
    return path


_PLAIN = """
import sys, time
sys.path.insert(0, {tools!r})
import bench
texts = [line for line in open(sys.argv[1]) if line.strip()]
one, which = bench.plain_elm()
for t in texts:
    one(t)
"""


def _documents(case: str) -> int:
    """How many documents a case checks (the number after the comma; "1 ... file" is one)."""
    words = case.rsplit(", ", 1)[-1].split()
    return int(words[0]) if words and words[0].isdigit() else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--big", type=int, default=10000, help="documents in the large JSON Lines file")
    ap.add_argument("--elm", type=int, default=100, help="ELM credentials beside the plain pipeline")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--check-jsonschema", help="its executable (default: beside this Python, else on PATH)")
    args = ap.parse_args()
    schema = OFFICIAL_SCHEMA if OFFICIAL_SCHEMA.exists() else OUR_SCHEMA
    cjs = (
        args.check_jsonschema
        or shutil.which("check-jsonschema", path=str(BIN))
        or shutil.which("check-jsonschema")
    )
    tmp = Path(tempfile.mkdtemp(prefix="mcconform-bench-"))
    env = {**os.environ, "MCCONFORM_CACHE_DIR": str(tmp / "cache")}
    env.pop("MCCONFORM_NO_CACHE", None)
    off = {**env, "MCCONFORM_NO_CACHE": "1"}
    results: dict[str, Any] = {}
    one: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "mcconform check, 1 OB 3.0 file": (_mcconform("check", str(OB3_FILE)), env),
        "mcconform check, 1 OB 3.0 file, no cache": (_mcconform("check", str(OB3_FILE)), off),
    }
    if cjs:
        one["check-jsonschema, 1 OB 3.0 file"] = ([cjs, "--schemafile", str(schema), str(OB3_FILE)], env)
    results.update(interleaved(one, args.repeat))
    ob3 = bench.ob3_texts(200)
    for n in (100, args.big):
        path = _write_jsonl(tmp / f"ob3-{n}.jsonl", ob3, n)
        results.update(
            interleaved(
                {
                    f"mcconform check, {n} OB 3.0 (JSON Lines)": (_mcconform("check", str(path)), env),
                    f"mcconform audit --workers 1, {n} OB 3.0": (
                        _mcconform("audit", "--workers", "1", "-o", str(tmp / "a.json"), str(path)),
                        env,
                    ),
                },
                args.repeat,
            )
        )
    elm = bench.elm_texts(args.elm)
    if elm:
        single = tmp / "elm-1.json"
        single.write_text(elm[0])
        path = _write_jsonl(tmp / f"elm-{args.elm}.jsonl", elm, args.elm)
        plain = [sys.executable, "-c", _PLAIN.format(tools=str(ROOT / "tools")), str(path)]
        results.update(
            interleaved(
                {
                    "mcconform check --profile elm-edc, 1 ELM file": (
                        _mcconform("check", "--profile", "elm-edc", str(single)),
                        env,
                    ),
                    f"mcconform check --profile elm-edc, {args.elm} ELM": (
                        _mcconform("check", "--profile", "elm-edc", str(path)),
                        env,
                    ),
                    f"plain pipeline, {args.elm} ELM, one process": (plain, env),
                },
                args.repeat,
            )
        )
    shutil.rmtree(tmp, ignore_errors=True)
    core = " ".join(_one_core()) or "not pinned (no taskset)"
    print(f"{sys.executable}; median of {args.repeat}; {core}; OB 3.0 schema: {schema.name}")
    print(f"{'whole process (median, one core)':<48} {'wall s':>8} {'CPU s':>8} {'docs/s':>8}  exit")
    for name, r in results.items():
        docs = _documents(name)
        rate = f"{docs / r['wall_s']:.0f}" if r["wall_s"] else "-"
        r["docs_per_s"] = float(rate) if rate != "-" else None
        print(f"{name:<48} {r['wall_s']:>8} {r['cpu_s']:>8} {rate:>8}  {','.join(map(str, r['exit']))}")

    def ratio(label: str, a: str, b: str) -> None:
        if a in results and b in results and results[a]["wall_s"]:
            w = results[b]["wall_s"] / results[a]["wall_s"]
            c = results[b]["cpu_s"] / max(results[a]["cpu_s"], 1e-9)
            print(f"{label:<48} {w:>7.2f}x {c:>7.2f}x")

    print()
    print(f"{'ratios (how many times faster)':<48} {'wall':>8} {'CPU':>8}")
    ratio(
        "check-jsonschema / mcconform check (1 file)",
        "mcconform check, 1 OB 3.0 file",
        "check-jsonschema, 1 OB 3.0 file",
    )
    ratio(
        "no cache / cache (1 file)",
        "mcconform check, 1 OB 3.0 file",
        "mcconform check, 1 OB 3.0 file, no cache",
    )
    ratio(
        f"plain pipeline / mcconform check ({args.elm} ELM)",
        f"mcconform check --profile elm-edc, {args.elm} ELM",
        f"plain pipeline, {args.elm} ELM, one process",
    )
    for n in (100, args.big):
        ratio(
            f"check / audit --workers 1 ({n} OB 3.0)",
            f"mcconform check, {n} OB 3.0 (JSON Lines)",
            f"mcconform audit --workers 1, {n} OB 3.0",
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
