"""Audits on several processes and on a Dask cluster equal the in-process audit."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import CORPUS, FIXTURES
from mcconform import parallel
from mcconform.api import Checker
from mcconform.audit import run as audit_run
from mcconform.audit import worker
from mcconform.cli import main
from mcconform.options import Options

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _inputs() -> list[str]:
    return [str(CORPUS)] if CORPUS.exists() else [str(FIXTURES)]


def _audit(**kw: Any) -> dict[str, Any]:
    options = Options(now=NOW)
    checker = Checker(None, options)
    return audit_run.run(_inputs(), checker, options.limits, **kw).to_dict()


@pytest.fixture(scope="module")
def inline() -> dict[str, Any]:
    return _audit(workers=1)


def test_local_pool_equals_inline(inline: dict[str, Any]) -> None:
    assert inline["totals"]["documents"] > 10
    # small partitions: many of them in flight, results must come back in order
    assert _audit(workers=2, partition=7) == inline


def test_dask_cluster_equals_inline(inline: dict[str, Any]) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = _audit(engine="dask", client=client, partition=16)
        # each worker built its checker once (contexts, shapes and templates loaded once per worker)
        built = client.run(lambda: len(worker._CHECKERS))
    assert result == inline
    assert set(built.values()) <= {0, 1}


def test_partitions_keep_order() -> None:
    parts = list(parallel.partitions(iter(range(10)), 4))  # type: ignore[arg-type]
    assert parts == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def _offset(job: int, part: list[int]) -> list[tuple[int, int]]:
    return [(job + n, os.getpid()) for n in part]


def test_the_pool_is_generic_and_keeps_order() -> None:
    assert parallel.map_ordered(_offset, 100, range(5), workers=1) is None  # in-process: caller loops
    stream = parallel.map_ordered(_offset, 100, iter(range(30)), workers=2, partition=4)
    assert stream is not None
    out = list(stream)
    assert [n for n, _pid in out] == list(range(100, 130))
    assert os.getpid() not in {pid for _n, pid in out}  # the work ran in worker processes
    with pytest.raises(parallel.EngineError):
        parallel.map_ordered(_offset, 0, [], engine="nope")


def test_cli_workers_give_the_same_json(tmp_path: Path) -> None:
    runner = CliRunner()
    src = str(FIXTURES / "ob3")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"audit-{workers}.json"
        args = ["audit", src, "--workers", workers, "--now", "2026-01-01T00:00:00Z", "--no-progress"]
        res = runner.invoke(main, [*args, "-o", str(out)])
        assert res.exit_code == 0, res.output
        outs.append(json.loads(out.read_text()))
    assert outs[0] == outs[1]
    assert outs[0]["totals"]["documents"] > 5


def test_cli_dask_needs_a_scheduler() -> None:
    res = CliRunner().invoke(main, ["audit", str(FIXTURES / "ob3"), "--engine", "dask"])
    assert res.exit_code == 2
    assert "--scheduler" in res.output


def test_cli_unreachable_scheduler_is_a_clear_error() -> None:
    pytest.importorskip("distributed")
    res = CliRunner().invoke(
        main,
        ["audit", str(FIXTURES / "ob3" / "valid"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
    )
    assert res.exit_code == 2
    assert "scheduler" in res.output.lower()
