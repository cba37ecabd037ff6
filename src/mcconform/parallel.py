"""A generic worker pool: a function applied to the partitions of a stream, on several cores or
several machines, with the results yielded in the order of the stream.

The engines only decide where the work happens:

``inline``
    in the caller's process (:func:`map_ordered` returns None: the caller loops itself);
``local``
    a pool of worker processes on this machine (``--workers N``);
``dask``
    a ``dask.distributed`` cluster (``--engine dask --scheduler ADDRESS``).

Items are read here, in order, and sent to the workers in partitions of ``partition`` items;
at most ``2 x workers`` partitions are in flight, so memory stays flat.  The function is called
as ``fn(job, partition)`` in the worker and returns one result per item (or more); ``job`` is
whatever the function needs besides the items (on Dask it travels once, not once per
partition).  ``fn`` must be a module-level function (it is pickled by reference).  Results are
yielded in the original order, so what the caller builds from them is the same, byte for byte,
whatever the engine and the number of workers.  This module knows nothing of what the function
does (the audit's unit of work is :mod:`mcconform.audit.worker`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

ENGINES = ("local", "dask")
DEFAULT_PARTITION = 64

J = TypeVar("J")
T = TypeVar("T")
R = TypeVar("R")


class EngineError(Exception):
    """The engine cannot run (no dask installed, scheduler unreachable, ...)."""


def partitions(items: Iterable[T], size: int) -> Iterator[list[T]]:
    part: list[T] = []
    for d in items:
        part.append(d)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _ordered(
    submit: Callable[[list[T]], Future[list[R]]], parts: Iterable[list[T]], window: int
) -> Iterator[R]:
    """Submit partitions with at most ``window`` in flight; yield their results in order."""
    pending: deque[Future[list[R]]] = deque()
    for part in parts:
        pending.append(submit(part))
        while len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def map_local(
    fn: Callable[[J, list[T]], list[R]], job: J, items: Iterable[T], workers: int,
    partition: int = DEFAULT_PARTITION,
) -> Iterator[R]:
    """``fn(job, part)`` over the partitions of ``items`` on a pool of ``workers`` processes, in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from _ordered(
            lambda part: pool.submit(fn, job, part), partitions(items, partition), 2 * workers
        )


def map_dask(
    fn: Callable[[J, list[T]], list[R]], job: J, items: Iterable[T], scheduler: str | None,
    partition: int = DEFAULT_PARTITION, *, client: Any = None,
) -> Iterator[R]:
    """``fn(job, part)`` over the partitions of ``items`` on a dask.distributed cluster, in order.

    ``scheduler`` is the scheduler's address (``tcp://host:8786``); ``client`` an existing
    ``distributed.Client`` (tests pass one on a ``LocalCluster``).
    """
    try:
        from distributed import Client
    except ImportError:
        raise EngineError(
            "--engine dask needs dask.distributed: pip install 'mcconform[dask]'"
        ) from None
    own = client is None
    if own:
        try:
            client = Client(scheduler, timeout=30) if scheduler else Client(processes=True)
        except (OSError, TimeoutError) as e:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # the job travels once, as a future every task refers to (not once per partition)
        job_future = client.scatter(job, broadcast=True)
        yield from _ordered(
            lambda part: client.submit(fn, job_future, part, pure=False),
            partitions(items, partition),
            2 * workers,
        )
    finally:
        if own:
            client.close()


def map_ordered(
    fn: Callable[[J, list[T]], list[R]],
    job: J,
    items: Iterable[T],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    partition: int = DEFAULT_PARTITION,
    client: Any = None,
) -> Iterator[R] | None:
    """The results of ``fn(job, part)`` from the chosen engine, in order; None when the caller
    should work in-process (the local engine with one worker)."""
    if engine == "dask":
        return map_dask(fn, job, items, scheduler, partition, client=client)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    n = default_workers() if workers is None else workers
    if n <= 1:
        return None
    return map_local(fn, job, items, n, partition)
