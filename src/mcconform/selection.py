"""Which findings count: rule selection (``--select``, ``--ignore``, ``--extend-ignore``),
per-path overrides of it, and the baseline (``--baseline``), applied in one place.

:meth:`mcconform.api.Checker.check_document` calls :func:`apply` on each profile's findings
before the verdict is decided, so an ignored finding changes no verdict and no exit code, and
the API and the CLI filter the same way.  What was dropped is counted per document in
``DocumentReport.meta["ignored"]`` (``{"ob3.": 2, "baseline": 1}``) and totalled in the
report's summary.

A *pattern* is a rule id (``jsonld.undefined-term``) or a prefix of one: ``ob3.`` or ``ob3``
(a whole family), ``ob3.criteria`` (that rule and ``ob3.criteria.*``).  A finding is kept
when some ``select`` pattern matches it (no ``select``: every rule) and no ``ignore`` /
``extend-ignore`` pattern does; the longest matching pattern wins, as in ruff, so
``--select ob3. --ignore ob3.criteria`` keeps every ``ob3`` rule but ``ob3.criteria``.

Two things are never dropped: ``internal.*`` findings (mcconform failed, not the document)
and the *verdict* of "not checked": ignoring a ``*.not-checked`` finding hides the finding but
the profile stays ``cantTell``: a verdict is a promise, and nothing was verified.
"""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .document import Document
    from .report import Finding

NEVER_DROPPED = ("internal.",)
BASELINE = "baseline"


def matches(rule: str, pattern: str) -> bool:
    """Whether ``pattern`` (a rule id or a prefix ending at a dot) names ``rule``."""
    p = pattern.strip()
    if not p:
        return False
    if p.endswith("."):
        return rule.startswith(p)
    return rule == p or rule.startswith(p + ".")


def _best(rule: str, patterns: Iterable[str]) -> str | None:
    hits = [p for p in patterns if matches(rule, p)]
    return max(hits, key=lambda p: (len(p.rstrip(".")), p)) if hits else None


class Suppressor(Protocol):
    """Something that drops known findings (the baseline)."""

    def known(self, doc: Document, finding: Finding) -> bool: ...


@dataclass(frozen=True)
class Rules:
    """One set of ``select`` / ``ignore`` / ``extend-ignore`` patterns."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()

    def reason(self, rule: str) -> str | None:
        """The pattern that drops ``rule`` (``"not selected"`` when --select leaves it out)."""
        if rule.startswith(NEVER_DROPPED):
            return None
        ignored = _best(rule, (*self.ignore, *self.extend_ignore))
        if self.select:
            selected = _best(rule, self.select)
            if selected is None:
                return "not selected"
            if ignored is not None and len(ignored.rstrip(".")) >= len(selected.rstrip(".")):
                return ignored
            return None
        return ignored

    @property
    def empty(self) -> bool:
        return not (self.select or self.ignore or self.extend_ignore)


@dataclass(frozen=True)
class Override:
    """Rules for the documents under some paths (``[[tool.mcconform.overrides]]``)."""

    paths: tuple[str, ...]
    rules: Rules
    #: the directory the globs are relative to (the configuration file's)
    root: str = "."
    #: profiles for these documents instead of the run's (empty: the run's)
    profiles: tuple[str, ...] = ()
    #: ``fail-on`` for these documents (None: the run's)
    fail_on: str | None = None

    def applies(self, source: str) -> bool:
        from .locate import artifact_of

        path = artifact_of(source).path
        if path is None:
            return False
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root)).replace(os.sep, "/")
        return any(path_matches(rel, p) for p in self.paths)


def path_matches(rel: str, pattern: str) -> bool:
    """A glob of ``exclude`` / ``overrides.paths`` against a ``/``-separated relative path:
    ``legacy/`` or ``legacy`` (that folder), ``*.expect.json`` (a name anywhere),
    ``badges/**/*.json`` (``*`` crosses folders too)."""
    pat = pattern.strip().replace(os.sep, "/").removeprefix("./")
    if not pat:
        return False
    folder = pat.rstrip("/")
    if rel == folder or rel.startswith(folder + "/"):
        return True
    if "/" not in folder:
        return any(fnmatch.fnmatchcase(part, folder) for part in rel.split("/"))
    return fnmatch.fnmatchcase(rel, folder) or fnmatch.fnmatchcase(rel, folder.replace("**/", ""))


@dataclass(frozen=True)
class Selection:
    """The rules of a run, the per-path overrides and an optional baseline."""

    rules: Rules = field(default_factory=Rules)
    overrides: tuple[Override, ...] = ()
    baseline: Suppressor | None = None

    def rules_for(self, source: str) -> Rules:
        """The run's rules with the patterns of every override that applies to ``source``
        (a later override's non-empty ``select`` replaces the earlier one; ignores add up)."""
        rules = self.rules
        for o in self.overrides:
            if o.applies(source):
                rules = Rules(
                    select=o.rules.select or rules.select,
                    ignore=(*rules.ignore, *o.rules.ignore),
                    extend_ignore=(*rules.extend_ignore, *o.rules.extend_ignore),
                )
        return rules

    def profiles_for(self, source: str) -> tuple[str, ...]:
        """The profiles of the last override that applies to ``source`` and names some."""
        names: tuple[str, ...] = ()
        for o in self.overrides:
            if o.profiles and o.applies(source):
                names = o.profiles
        return names

    def fail_on_for(self, source: str, default: str) -> str:
        """``fail-on`` of the last override that applies to ``source`` and sets it."""
        for o in self.overrides:
            if o.fail_on and o.applies(source):
                default = o.fail_on
        return default


def from_values(
    select: Sequence[str] = (), ignore: Sequence[str] = (), extend_ignore: Sequence[str] = ()
) -> Selection:
    """A selection from plain lists (the API: ``Options(selection=from_values(ignore=[...]))``)."""
    return Selection(Rules(tuple(select), tuple(ignore), tuple(extend_ignore)))


def apply(
    selection: Selection | None, doc: Document, findings: list[Finding], dropped: dict[Finding, str]
) -> list[Finding]:
    """The findings of ``findings`` that count; each dropped one is recorded in ``dropped``
    with its reason (the pattern, ``"not selected"`` or ``"baseline"``)."""
    if selection is None:
        return findings
    rules = selection.rules_for(doc.source)
    kept: list[Finding] = []
    for f in findings:
        reason = rules.reason(f.rule)
        base = selection.baseline
        if reason is None and base is not None and not f.rule.startswith(NEVER_DROPPED) and base.known(doc, f):  # noqa: E501
            reason = BASELINE
        if reason is None:
            kept.append(f)
        else:
            dropped[f] = reason
    return kept


def counts(dropped: dict[Finding, str]) -> dict[str, int]:
    """``{reason: number of findings}``, sorted by reason (stable report bytes)."""
    c = Counter(dropped.values())
    return {k: c[k] for k in sorted(c)}
