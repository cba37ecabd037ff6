"""Checking documents on several cores or several machines, for audits.

The audit (:mod:`mcconform.audit`) consumes :class:`~mcconform.audit.Summary` objects in the
order of the export; the engines here only decide where the checking happens:

``inline``
    in this process, one document after the other;
``local``
    a pool of worker processes on this machine (``--workers N``);
``dask``
    a ``dask.distributed`` cluster (``--engine dask --scheduler ADDRESS``).

Documents are read here, in the order of the inputs, and sent to the workers in partitions of
``partition`` documents; at most ``2 x workers`` partitions are in flight, so memory stays
flat.  Each worker builds one :class:`~mcconform.api.Checker` per configuration (contexts,
shapes, schemas and JSON-LD templates are loaded once per worker, not once per partition) and
returns summaries, which are counted in the original order: the aggregate report is the same,
byte for byte, whatever the engine and the number of workers.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Checker
    from .audit import Summary
    from .document import Document
    from .options import Options
    from .profiles import Profile

ENGINES = ("local", "dask")
DEFAULT_PARTITION = 64


class EngineError(Exception):
    """The engine cannot run (no dask installed, scheduler unreachable, ...)."""


@dataclass(frozen=True)
class Job:
    """What a worker needs to check documents the way the caller would."""

    profiles: tuple[str | Profile, ...] | None
    options: Options
    quality: bool = True
    #: identifies the job in a worker's checker cache
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def checker(self) -> Checker:
        checker = _CHECKERS.get(self.token)
        if checker is None:
            from .api import Checker

            checker = Checker(list(self.profiles) if self.profiles else None, self.options)
            _CHECKERS.clear()  # one job at a time per worker
            _CHECKERS[self.token] = checker
        return checker

    def quality_fn(self) -> Callable[[Any], dict[str, Any]] | None:
        if not self.quality:
            return None
        from .audit import quality_hook

        return quality_hook()[0]


#: one checker per job and process: its caches live as long as the worker
_CHECKERS: dict[str, Checker] = {}


def check_partition(job: Job, docs: Sequence[Document]) -> list[Summary]:
    """Check a partition of documents and summarize each (runs in the worker)."""
    from .audit import summarize

    checker = job.checker()
    quality = job.quality_fn()
    # credentials inside presentations / CLRs are documents of their own, counted after theirs
    return [summarize(rep, d, quality) for outer in docs for d, rep in checker.check_tree(outer)]


def partitions(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    part: list[Document] = []
    for d in docs:
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


def _ordered(submit: Callable[[list[Document]], Future[list[Summary]]], parts: Iterable[list[Document]],
             window: int) -> Iterator[Summary]:
    """Submit partitions with at most ``window`` in flight; yield their summaries in order."""
    pending: deque[Future[list[Summary]]] = deque()
    for part in parts:
        pending.append(submit(part))
        while len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def summaries_local(
    job: Job, docs: Iterable[Document], workers: int, partition: int = DEFAULT_PARTITION
) -> Iterator[Summary]:
    """Summaries of ``docs`` checked by a pool of ``workers`` processes, in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from _ordered(lambda part: pool.submit(check_partition, job, part), partitions(docs, partition),
                            2 * workers)


def summaries_dask(
    job: Job, docs: Iterable[Document], scheduler: str | None, partition: int = DEFAULT_PARTITION,
    *, client: Any = None,
) -> Iterator[Summary]:
    """Summaries of ``docs`` checked on a dask.distributed cluster, in order.

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
            lambda part: client.submit(check_partition, job_future, part, pure=False),
            partitions(docs, partition),
            2 * workers,
        )
    finally:
        if own:
            client.close()


def summaries(
    job: Job,
    docs: Iterable[Document],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    partition: int = DEFAULT_PARTITION,
    client: Any = None,
) -> Iterator[Summary] | None:
    """Summaries from the chosen engine; None when the audit should check in-process
    (the local engine with one worker)."""
    if engine == "dask":
        return summaries_dask(job, docs, scheduler, partition, client=client)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    n = default_workers() if workers is None else workers
    if n <= 1:
        return None
    return summaries_local(job, docs, n, partition)
