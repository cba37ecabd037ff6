"""Running an audit: documents read and checked (here or on workers, :mod:`mcconform.parallel`
running :mod:`mcconform.audit.worker`), aggregated into the :class:`~mcconform.audit.model.Audit`
model, and rendered.  :func:`run` is the audit's entry point (``mcconform audit`` calls it).

The model (:mod:`mcconform.audit.model`) imports neither the workers nor the renderers; this
module sits above the three.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .model import Audit

if TYPE_CHECKING:
    from ..api import Checker
    from ..document import Document
    from ..limits import Limits
    from ..report import DocumentReport


# --------------------------------------------------------------------------- running


class Progress:
    """A progress bar on standard error (only when it is a terminal)."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, interval: float = 0.2) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.interval = interval
        self.count = 0
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.count / elapsed
        if self.total:
            frac = min(self.count / self.total, 1.0)
            width = 30
            done = int(frac * width)
            eta = (self.total - self.count) / rate if rate and self.count < self.total else 0
            bar = "#" * done + "-" * (width - done)
            line = (
                f"[{bar}] {frac:4.0%} {self.count:,}/{self.total:,} documents"
                f"  {rate:,.0f}/s  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
            )
        else:
            line = f"{self.count:,} documents  {rate:,.0f}/s  {int(elapsed)} s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


def estimate_total(paths: Iterable[str]) -> int | None:
    """How many documents the inputs hold, counted cheaply (None when it cannot be told)."""
    import zipfile

    from ..sources.common import LINES_EXTENSIONS, ZIP_EXTENSIONS
    from ..sources.walk import walk

    def lines(stream: IO[bytes]) -> int:
        n, last = 0, b"\n"
        while chunk := stream.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
        return n + (last != b"\n")

    def one(path: str) -> int:
        ext = os.path.splitext(path)[1].lower()
        if ext in LINES_EXTENSIONS:
            with open(path, "rb") as f:
                return lines(f)
        if ext in ZIP_EXTENSIONS:
            total = 0
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist():
                    member_ext = os.path.splitext(info.filename)[1].lower()
                    if info.is_dir() or member_ext in ZIP_EXTENSIONS:
                        continue
                    if member_ext in LINES_EXTENSIONS:
                        with zf.open(info) as s:
                            total += lines(s)
                    else:
                        total += 1
            return total
        return 1

    total = 0
    try:
        for p in paths:
            if p == "-":
                return None
            if os.path.isdir(p):
                total += sum(one(child) for child in walk(Path(p)))
            else:
                total += one(p)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
    return total


def iter_checked(checker: Checker, docs: Iterable[Document]) -> Iterator[tuple[Document, DocumentReport]]:
    for outer in docs:  # credentials inside presentations / CLRs are documents too
        yield from checker.check_tree(outer)


def run(
    paths: list[str],
    checker: Checker,
    limits: Limits,
    *,
    progress: bool = False,
    audit: Audit | None = None,
    engine: str = "local",
    workers: int | None = 1,
    scheduler: str | None = None,
    partition: int | None = None,
    client: Any = None,
    notify: Any = None,
) -> Audit:
    """Check every document of ``paths`` and return the aggregated :class:`Audit`.

    ``engine`` and ``workers`` choose where documents are checked (see
    :mod:`mcconform.parallel`): ``workers=1`` (the default here) checks in this process,
    ``workers=None`` uses every core.  The audit is the same whatever the engine.  An empty
    folder or archive is no document (``notify(message)`` is told), not an unreadable one.
    """
    from .. import parallel
    from ..sources import drop_empty, iter_documents
    from .worker import Job, check_partition

    audit = audit or Audit(inputs=paths)
    bar = Progress(estimate_total(paths)) if progress else None
    # the run's options: a URL input is read through its resource map, cache and network policy
    docs = drop_empty(iter_documents(paths, limits, checker.options), notify or (lambda message: None))
    job = Job(
        tuple(checker.profiles) if checker.profiles is not None else None,
        checker.options,
        quality=audit.quality is not None,
    )
    stream = parallel.map_ordered(
        check_partition,
        job,
        docs,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        partition=partition or parallel.DEFAULT_PARTITION,
        client=client,
    )
    if stream is None:
        for doc, rep in iter_checked(checker, docs):
            audit.add(rep, doc)
            if bar:
                bar.update()
    else:
        for summary in stream:
            audit.add_summary(summary)
            if bar:
                bar.update()
    if bar:
        bar.close()
    return audit


def render(data: dict[str, Any], fmt: str) -> str:
    """The audit as ``json``, ``html`` or ``markdown`` (lone surrogates escaped)."""
    from ..renderers import escape_surrogates

    return escape_surrogates(_render(data, fmt))


def _render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        from ..renderers.audit_html import render_audit

        return render_audit(data)
    if fmt == "markdown":
        from ..renderers.markdown import render_audit as render_md

        return render_md(data)
    raise ValueError(f"unknown audit format {fmt!r}")
