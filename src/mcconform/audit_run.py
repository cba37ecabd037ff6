"""The audit's entry point under its historical name: :func:`run` (check and aggregate an
export) and :func:`render` live in :mod:`mcconform.audit.run`; callers that import
``mcconform.audit_run`` (the command line) keep working unchanged."""

from __future__ import annotations

from .audit.run import Progress, estimate_total, iter_checked, render, run

__all__ = ["Progress", "estimate_total", "iter_checked", "render", "run"]
