"""``mcconform check`` as a CI gate: the configuration file, rule selection, the baseline,
exclusions and several outputs from one run.

The options are declared in :mod:`mcconform.cli.options`; :func:`resolve` merges the
configuration file (:mod:`mcconform.config`) with the command line (the command line wins)
and remembers where each value came from (``mcconform config``); :func:`run` checks the
documents once, and :func:`emit` writes every ``--output``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from . import config as config_mod
from .renderers import FORMATS, LOCATED_FORMATS
from .selection import Override, Rules, Selection, path_matches

if TYPE_CHECKING:
    from .api import Checker
    from .document import Document
    from .report import Report

#: configuration key -> parameter name of ``check``
PARAMS = {
    "profiles": "profiles",
    "fail-on": "fail_on",
    "select": "select",
    "ignore": "ignore",
    "extend-ignore": "extend_ignore",
    "exclude": "exclude",
    "contexts": "contexts",
    "resource-map": "resource_maps",
    "baseline": "baseline",
}
DEFAULTS: dict[str, Any] = {"fail-on": "error", "baseline": None}
STDOUT = "-"


class GateError(ValueError):
    """A usage error of the gate's options (exit code 2)."""


def _csv(values: Iterable[str]) -> tuple[str, ...]:
    """``--ignore a,b --ignore c`` -> ``("a", "b", "c")`` (repeatable and comma-separated)."""
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


@dataclass
class Settings:
    """The values in force for one run and where each came from."""

    values: dict[str, Any]
    origins: dict[str, str]
    config: config_mod.Config
    exclude: list[tuple[str, Path]] = field(default_factory=list)

    def selection(self) -> Selection | None:
        from .baseline import BaselineError
        from .baseline import load as load_baseline

        rules = Rules(
            _csv(self.values.get("select") or ()),
            _csv(self.values.get("ignore") or ()),
            _csv(self.values.get("extend-ignore") or ()),
        )
        overrides = tuple(
            Override(tuple(o["paths"]), Rules(_csv(o.get("select", ())), _csv(o.get("ignore", ())),
                                              _csv(o.get("extend-ignore", ()))), str(self.config.root),
                     tuple(o.get("profiles", ())), o.get("fail-on"))
            for o in self.config.overrides
        )  # fmt: skip
        base = None
        path = self.values.get("baseline")
        if path and not self.values.get("write-baseline"):
            try:
                base = load_baseline(path)
            except BaselineError as e:
                raise GateError(str(e)) from e
        if rules.empty and not overrides and base is None:
            return None
        return Selection(rules, overrides, base)


def resolve(ctx: click.Context) -> Settings:
    """Merge the configuration file with ``ctx``'s parameters (the command line wins)."""
    params = ctx.params
    try:
        cfg = config_mod.load(params.get("config_file"), isolated=bool(params.get("isolated")))
    except config_mod.ConfigError as e:
        raise GateError(str(e)) from e
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, name in PARAMS.items():
        given = params.get(name)
        source = ctx.get_parameter_source(name) if name in params else None
        if source not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP) and given not in (
            (),
            None,
        ):
            values[key], origins[key] = given, "command line"
        elif key in cfg.values:
            values[key], origins[key] = cfg.values[key], cfg.label
        else:
            values[key], origins[key] = DEFAULTS.get(key) if given is None else given, "default"
    if (
        params.get("extend_ignore")
        and origins["extend-ignore"] == "command line"
        and "extend-ignore" in cfg.values
    ):
        values["extend-ignore"] = [*cfg.values["extend-ignore"], *params["extend_ignore"]]
        origins["extend-ignore"] = f"{cfg.label} + command line"
    values["write-baseline"] = params.get("write_baseline")
    exclude: list[tuple[str, Path]] = []
    for pat in cfg.values.get("exclude", []):
        exclude.append((pat, cfg.root))
    for pat in _csv(params.get("exclude") or ()):
        exclude.append((pat, Path.cwd()))
    return Settings(values, origins, cfg, exclude)


# --------------------------------------------------------------------------- inputs


def _excluded(path: str, exclude: list[tuple[str, Path]]) -> bool:
    absolute = os.path.abspath(path)
    for pat, root in exclude:
        rel = os.path.relpath(absolute, root.resolve()).replace(os.sep, "/")
        if path_matches(rel, pat) or path_matches(path.replace(os.sep, "/").removeprefix("./"), pat):
            return True
    return False


def expand(paths: Iterable[str], exclude: list[tuple[str, Path]]) -> tuple[list[str], int]:
    """The inputs with excluded files left out (folders are listed here, files under them that
    match an ``exclude`` glob skipped); also how many files were skipped."""
    if not exclude:
        return list(paths), 0
    from .sources import _walk, is_url

    out: list[str] = []
    skipped = 0
    for p in paths:
        if p == STDOUT or is_url(p):
            out.append(p)
        elif Path(p).is_dir():
            files = sorted(_walk(Path(p)))
            kept = [f for f in files if not _excluded(f, exclude)]
            skipped += len(files) - len(kept)
            out.extend(kept if files else [p])
        elif _excluded(p, exclude):
            skipped += 1
        else:
            out.append(p)
    return out, skipped


# --------------------------------------------------------------------------- run and outputs


def parse_outputs(values: Iterable[str], fmt: str) -> list[tuple[str, str]]:
    """``--output`` values: ``FILE`` (in ``--format``), ``FORMAT=FILE``, ``-`` (standard output)."""
    out: list[tuple[str, str]] = []
    for v in values:
        name, sep, target = v.partition("=")
        if sep and name in FORMATS:
            if not target:
                raise GateError(f"--output {v}: no file after {name}=")
            out.append((name, target))
        else:
            out.append((fmt, v))
    if not out:
        out.append((fmt, STDOUT))
    if sum(t == STDOUT for _, t in out) > 1:
        raise GateError("only one --output can be standard output (-)")
    targets = [os.path.abspath(t) for _, t in out if t != STDOUT]
    if len(set(targets)) != len(targets):
        raise GateError("two --output values name the same file")
    return out


def run(checker: Checker, docs: Iterable[Document], *, located: bool, record: Any = None) -> Iterator[Any]:
    """Check each document once; locate the findings when an output shows lines; feed the
    baseline recorder."""
    from .locate import annotate

    for outer in docs:
        # the document, then the credentials inside it (a presentation's, a CLR's, an envelope's)
        for doc, rep in checker.check_tree(outer):
            if located:
                rep = annotate(doc, rep)
            if record is not None:
                record.add(doc, rep)
            yield rep


def needs_location(outputs: list[tuple[str, str]]) -> bool:
    return any(f in LOCATED_FORMATS for f, _ in outputs)


def statistics(report: Report) -> str:
    """Findings per rule, most frequent first (``--statistics``)."""
    from collections import Counter

    from .rules import get

    c: Counter[str] = Counter(f.rule for d in report.documents for f in d.findings)
    if not c:
        return "no findings\n"
    width = len(str(max(c.values())))
    lines = []
    for rule, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])):
        r = get(rule)
        lines.append(
            f"{n:>{width}}  {rule:<40} {(r.severity if r else ''):<8} {r.title if r else ''}".rstrip()
        )
    return "\n".join(lines) + "\n"


def emit(
    report: Report, outputs: list[tuple[str, str]], opts: dict[str, Any], write: Callable[[Path, str], None]
) -> None:
    """Render ``report`` once per output; colour only for text on standard output."""
    from .renderers import render

    color = bool(opts.get("color"))
    for fmt, target in outputs:
        text = render(report, fmt, **{**opts, "color": color and fmt == "text" and target == STDOUT})
        if target == STDOUT:
            if opts.get("statistics") and fmt == "text":
                continue
            click.echo(text, nl=False, color=color if fmt == "text" else None)
        else:
            write(Path(target), text)
    if opts.get("statistics"):
        on_stdout = any(t == STDOUT and f != "text" for f, t in outputs)
        click.echo(statistics(report), nl=False, err=on_stdout)


def exit_code(
    report: Report, fail_on: str, selection: Selection | None, *, accept_unverified: bool = True
) -> int:
    """:func:`mcconform.exitcodes.exit_code` with each document's own ``fail-on`` (overrides):
    the documents are judged in groups by fail-on and the codes combined by the contract's
    precedence (4, 2, 1, 3)."""
    from .exitcodes import exit_code as code_of
    from .report import Report as ReportType

    groups: dict[str, list[Any]] = {}
    for d in report.documents:
        level = selection.fail_on_for(d.source, fail_on) if selection is not None else fail_on
        groups.setdefault(level, []).append(d)
    unverified = accept_unverified
    codes = {code_of(ReportType(docs, report.tool_version), level, accept_unverified=unverified)
             for level, docs in groups.items()}  # fmt: skip
    if not codes:
        codes = {code_of(report, fail_on, accept_unverified=unverified)}
    return next(c for c in (4, 2, 1, 3, 0) if c in codes)


def notifier(quiet: bool) -> Callable[[str], None]:
    """Where notes for a person go: standard error, unless ``--quiet``."""
    if quiet:
        return lambda message: None
    return lambda message: click.echo(f"mcconform: {message}", err=True)


def nothing_checked(skipped: int) -> str:
    return "no documents to check" + (f" ({skipped} file(s) excluded)" if skipped else "")


def want_color(flag: bool | None, outputs: list[tuple[str, str]]) -> bool:
    """``--color`` / ``--no-color`` when given (piped or not), else when standard output is a
    terminal and ``NO_COLOR`` is unset or empty (https://no-color.org)."""
    if flag is not None:
        return flag
    return any(t == STDOUT for _, t in outputs) and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def show(settings: Settings) -> str:
    """``mcconform config``: every key, its value and where it came from."""
    import json

    lines = [f"# configuration file: {settings.config.label}"]
    for key in PARAMS:
        value = settings.values.get(key)
        if isinstance(value, tuple) or (value is None and key not in DEFAULTS):
            value = list(value or ())
        lines.append(f"{key} = {json.dumps(value)}  # {settings.origins[key]}")
    for i, o in enumerate(settings.config.overrides):
        lines.append(f"overrides[{i}] = {json.dumps(o)}  # {settings.config.label}")
    return "\n".join(lines) + "\n"
