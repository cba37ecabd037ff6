"""The audit's unit of work on a worker (:mod:`mcconform.parallel` runs it): a partition of
documents checked and summarized where it is.

Each worker builds one :class:`~mcconform.api.Checker` per :class:`Job` (contexts, shapes,
schemas and JSON-LD templates are loaded once per worker, not once per partition) and returns
:class:`~mcconform.audit.summary.Summary` objects, which the audit counts in export order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .summary import Summary, quality_hook, summarize

if TYPE_CHECKING:
    from ..api import Checker
    from ..document import Document
    from ..options import Options
    from ..profiles import Profile


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
            from ..api import Checker

            checker = Checker(list(self.profiles) if self.profiles else None, self.options)
            _CHECKERS.clear()  # one job at a time per worker
            _CHECKERS[self.token] = checker
        return checker

    def quality_fn(self) -> Callable[[Any], dict[str, Any]] | None:
        if not self.quality:
            return None
        return quality_hook()[0]


#: one checker per job and process: its caches live as long as the worker
_CHECKERS: dict[str, Checker] = {}


def check_partition(job: Job, docs: Sequence[Document]) -> list[Summary]:
    """Check a partition of documents and summarize each (runs in the worker)."""
    checker = job.checker()
    quality = job.quality_fn()
    # credentials inside presentations / CLRs are documents of their own, counted after theirs
    return [summarize(rep, d, quality) for outer in docs for d, rep in checker.check_tree(outer)]
