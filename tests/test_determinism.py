"""The same input gives the same report, byte for byte: across processes (blank node labels,
hash seeds and the clock differ from one run to the next) and across audit engines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES


def run(*args: str, seed: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run(
        [sys.executable, "-m", "mcconform", *args], capture_output=True, env=env, timeout=600, check=False
    )


def inputs() -> list[str]:
    paths = [str(FIXTURES)]
    for sub in ("elm/examples", "openbadges/1edtech-validator/vectors/ob20"):
        if (CORPUS / sub).is_dir():
            paths.append(str(CORPUS / sub))
    return paths


def test_check_reports_are_identical_across_processes(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"report-{seed}.json"
        res = run("check", *inputs(), "--format", "json", "-o", str(out), seed=seed)
        assert res.returncode in (0, 1, 2) and out.exists(), res.stderr[-2000:]  # 2: hostile fixtures
        outs.append(out.read_bytes())
    assert b'"shape"' in outs[0]  # SHACL findings are among them
    assert outs[0] == outs[1]


def test_audits_are_identical_across_processes_and_workers(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("reference corpus not available")
    outs = []
    for seed, workers in (("1", "1"), ("2", "2")):
        out = tmp_path / f"audit-{seed}.json"
        res = run("audit", str(CORPUS), "--no-progress", "--workers", workers, "-o", str(out), seed=seed)
        assert res.returncode == 0, res.stderr[-2000:]
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
