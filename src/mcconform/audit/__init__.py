"""The audit of a whole export (``mcconform audit``), in layers:

* the aggregation model, below the renderers: :mod:`~mcconform.audit.model` (:class:`Audit`,
  the streaming aggregate and its JSON), :mod:`~mcconform.audit.counters` (per issuer /
  achievement / rule), :mod:`~mcconform.audit.identity` (who issued what),
  :mod:`~mcconform.audit.summary` (what is kept of one checked document);
* the cross-document audits it feeds: :mod:`~mcconform.audit.facts` (extracted per document),
  :mod:`~mcconform.audit.consistency`, :mod:`~mcconform.audit.stacking`,
  :mod:`~mcconform.audit.registry_status` (against an offline :mod:`mcconform.registry`);
* above the model, the renderers (``renderers/audit_html.py``, ``renderers/markdown.py``) and
  the running: :mod:`~mcconform.audit.worker` (the unit of work :mod:`mcconform.parallel`
  runs) and :mod:`~mcconform.audit.run` (the entry point :func:`~mcconform.audit.run.run` and
  :func:`~mcconform.audit.run.render`).

This package's namespace re-exports the model only; importing it loads no worker, renderer or
checker.
"""

from __future__ import annotations

from .identity import identify
from .model import (
    AUDIT_SCHEMA_URI,
    NO_ACHIEVEMENT,
    NO_ISSUER,
    OTHER_ACHIEVEMENTS,
    OTHER_ISSUERS,
    Audit,
)
from .summary import Summary, quality_hook, summarize

__all__ = [
    "AUDIT_SCHEMA_URI",
    "NO_ACHIEVEMENT",
    "NO_ISSUER",
    "OTHER_ACHIEVEMENTS",
    "OTHER_ISSUERS",
    "Audit",
    "Summary",
    "identify",
    "quality_hook",
    "summarize",
]
