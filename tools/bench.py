"""Throughput benchmark: credentials per second per core and peak memory.

Measures, in one run and on one core, mcconform's checks side by side with the plain
pipeline a user would otherwise write (pyld ``to_rdf`` -> rdflib -> pyshacl with the official
EDC shapes from ``../shared/corpus`` when present, ours otherwise), and prints the ratios.

    python tools/bench.py [--seconds 6] [--rounds 3] [--json out.json]

Inputs: the sealed EU sample (Sample-MC-Annex1-signed) and deterministic mutations of it for
ELM; our OB 3.0 fixtures for OB 3.0.  Each measurement runs in a fresh subprocess so that peak
memory (ru_maxrss) belongs to that measurement alone.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("MCCONFORM_CORPUS", ROOT.parent / "shared" / "corpus"))
EDC_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"


def elm_texts(n: int = 200) -> list[str]:
    """The sealed sample and mutations of it (ids, learner, names, dates and times changed), each
    in the sealed envelope form ``{"payload": ..., "signatures": [...]}`` mcconform opens."""
    src = CORPUS / "elm" / "examples" / "Sample-MC-Annex1-signed.jsonld"
    if src.exists():
        envelope = json.loads(src.read_text())
        base = json.loads(envelope["payload"])
    else:  # without the corpus: our own ELM fixture if there is one
        cands = sorted((ROOT / "fixtures" / "elm").glob("**/*.json*"))
        if not cands:
            return []
        envelope = None
        base = json.loads(cands[0].read_text())
    out = []
    for i in range(n):
        d = json.loads(json.dumps(base))
        d["id"] = f"urn:credential:bench-{i:06d}"
        if isinstance(d.get("credentialSubject"), dict):
            d["credentialSubject"]["id"] = f"urn:epass:person:bench-{i}"
            for key in ("givenName", "familyName"):
                if isinstance(d["credentialSubject"].get(key), dict):
                    names = d["credentialSubject"][key]
                    d["credentialSubject"][key] = {k: f"{v} {i}" for k, v in names.items()}
        for key in ("issuanceDate", "issued", "validFrom"):
            if isinstance(d.get(key), str) and len(d[key]) >= 19:  # a new day and time each
                d[key] = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}" + d[key][16:]
        subject = d.get("credentialSubject")
        if isinstance(subject, dict) and isinstance(subject.get("dateOfBirth"), str):
            born = f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            subject["dateOfBirth"] = born + subject["dateOfBirth"][10:]
        if envelope is None:
            out.append(json.dumps(d))
        else:
            out.append(json.dumps({**envelope, "payload": json.dumps(d)}))
    return out


def ob3_texts(n: int = 50) -> list[str]:
    src = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"
    base = json.loads(src.read_text())
    out = []
    for i in range(n):
        d = json.loads(json.dumps(base))
        d["id"] = f"urn:uuid:00000000-0000-4000-8000-{i:012d}"
        d["credentialSubject"]["id"] = f"did:example:learner-{i}"
        out.append(json.dumps(d))
    return out


def plain_elm() -> tuple[Any, str]:
    """The plain pipeline a user would write: pyld ``to_rdf`` -> rdflib -> pyshacl with the
    official EDC shapes (ours without the corpus); returns (check one text, which shapes)."""
    from pyld import jsonld
    from pyshacl import validate
    from rdflib import Graph

    from mcconform.jsonld import ContextRegistry

    edc = CORPUS / "elm" / "shapes" / "edc"
    official = [edc / n for n in ("EDC-generic-no-cv.ttl", "EDC-generic-full.ttl")]  # full imports no-cv
    shapes = Graph()
    if all(p.exists() for p in official):
        for p in official:
            shapes.parse(p, format="turtle")
        which = "official EDC shapes"
    else:
        from mcconform.bundled_shapes import shape_bytes

        shapes.parse(data=shape_bytes("elm-edc-full.ttl").decode("utf-8"), format="turtle")
        which = "mcconform shapes"
    loader = ContextRegistry().document_loader  # bundled context documents, no network

    def one(text: str) -> Any:
        data = json.loads(text)
        payload = json.loads(data["payload"]) if "payload" in data else data
        nq = jsonld.to_rdf(payload, {"format": "application/n-quads", "documentLoader": loader})
        g = Graph()
        g.parse(data=nq, format="nquads")
        return validate(g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)[0]

    return one, which


def run_case(case: str, seconds: float) -> dict[str, Any]:
    """Run one case in this process and return its figures."""
    if hasattr(os, "sched_setaffinity"):  # one core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if case.startswith("mcconform:"):
        _, kind, profile, *mode = case.split(":")
        texts = elm_texts() if kind == "elm" else ob3_texts()
        if not texts:
            return {"case": case, "skipped": "no input"}
        from mcconform.api import Checker
        from mcconform.document import Document
        from mcconform.options import Options
        from mcconform.sources import document_from_text

        checker = Checker([profile], Options(fast=mode != ["reference"]))

        def one(text: str) -> Any:
            d = Document("bench")
            document_from_text(d, text, checker.options.limits)
            return checker.check_document(d)

        first = one(texts[0])
        verdicts = sorted({p.verdict for p in first.profiles.values()})
    elif case == "plain:elm":
        texts = elm_texts()
        if not texts:
            return {"case": case, "skipped": "no input"}
        one, which = plain_elm()
        first = one(texts[0])
        verdicts = [f"conforms={first} ({which})"]
    else:
        raise SystemExit(f"unknown case {case}")
    n = 0
    start = time.perf_counter()
    cpu0 = time.process_time()
    while time.perf_counter() - start < seconds:
        one(texts[n % len(texts)])
        n += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "case": case,
        "n": n,
        "seconds": round(elapsed, 3),
        "per_second": round(n / elapsed, 1),
        "ms_per_credential": round(1000 * elapsed / n, 3),
        # CPU time of this process: what a shared, loaded machine distorts least
        "cpu_per_second": round(n / cpu, 1) if cpu > 0 else None,
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "verdicts": verdicts,
    }


CASES = [
    "mcconform:ob3:ob3",
    "mcconform:ob3:ob3:reference",
    "mcconform:elm:elm-edc",
    "mcconform:elm:elm-edc:reference",
    "mcconform:ob3:eu-mc-2022",
    "mcconform:elm:eu-mc-2022",
    "plain:elm",
]


ENGINES = ("shacl", "jsonschema_rs")


def _version(module: str) -> str:
    """The installed version of an optional engine, or "absent" (the fast path then falls back)."""
    from importlib import metadata

    try:
        return metadata.version(module.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "absent"


def _combine(case: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One row from the rounds of a case: counts and times added up."""
    ok = [r for r in runs if "per_second" in r]
    if len(ok) != len(runs) or not ok:
        return runs[0] if runs else {"case": case, "error": "not run"}
    n = sum(r["n"] for r in ok)
    seconds = sum(r["seconds"] for r in ok)
    cpu = sum(r["n"] / r["cpu_per_second"] for r in ok if r.get("cpu_per_second"))
    return {
        **ok[0],
        "n": n,
        "seconds": round(seconds, 3),
        "per_second": round(n / seconds, 1),
        "ms_per_credential": round(1000 * seconds / n, 3),
        "cpu_per_second": round(n / cpu, 1) if cpu else None,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in ok),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=6.0, help="per case, over all rounds")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--rounds", type=int, default=3, help="turns each case takes (interleaved)")
    ap.add_argument("--case", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.seconds)))
        return
    print("compiled pre-checks (the fast extra): " + ", ".join(f"{m} {_version(m)}" for m in ENGINES))
    # the cases take turns (--rounds times, --seconds split between the rounds): load from
    # elsewhere on the machine then hits every case alike, and the ratios stay meaningful
    runs: dict[str, list[dict[str, Any]]] = {case: [] for case in CASES}
    for _round in range(args.rounds):
        for case in CASES:
            proc = subprocess.run(
                [sys.executable, __file__, "--case", case, "--seconds", str(args.seconds / args.rounds)],
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                runs[case].append({"case": case, "error": proc.stderr.strip().splitlines()[-1:]})
            else:
                runs[case].append(json.loads(proc.stdout))
    rows = [_combine(case, rs) for case, rs in runs.items()]
    print(f"{'case':<34} {'cred/s/core':>12} {'per CPU s':>10} {'ms/cred':>10} {'peak MB':>9}  verdicts")
    for r in rows:
        if "per_second" in r:
            print(
                f"{r['case']:<34} {r['per_second']:>12} {r['cpu_per_second']!s:>10} "
                f"{r['ms_per_credential']:>10} {r['peak_rss_mb']:>9}  {', '.join(r['verdicts'])}"
            )
        else:
            print(f"{r['case']:<34} {r.get('skipped') or r.get('error')}")
    by = {r["case"]: r.get("per_second") for r in rows}
    cpu = {r["case"]: r.get("cpu_per_second") for r in rows}

    def ratio(label: str, a: str, b: str) -> None:
        if by.get(a) and by.get(b):
            on_cpu = f"{cpu[a] / cpu[b]:>8.1f}x" if cpu.get(a) and cpu.get(b) else ""
            print(f"{label:<52} {by[a] / by[b]:>8.1f}x {on_cpu}")

    print()
    print(f"{'ratios':<52} {'wall':>9} {'CPU':>9}")
    ratio("ELM full check (elm-edc) vs plain pipeline", "mcconform:elm:elm-edc", "plain:elm")
    ratio("ELM full check, reference engines vs plain", "mcconform:elm:elm-edc:reference", "plain:elm")
    ratio("ELM fast path vs reference engines", "mcconform:elm:elm-edc", "mcconform:elm:elm-edc:reference")
    ratio("OB 3.0 fast path vs reference engines", "mcconform:ob3:ob3", "mcconform:ob3:ob3:reference")
    if by.get("mcconform:ob3:ob3"):
        goal = by["mcconform:ob3:ob3"] / 10000
        print(f"{'OB 3.0 full offline check vs goal (10,000 cred/s/core)':<52} {goal:>8.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
