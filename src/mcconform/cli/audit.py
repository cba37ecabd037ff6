"""``mcconform audit``: a whole export checked and summed up (pass rates and top findings per
issuer and per achievement) as HTML, JSON or Markdown.  The model is :mod:`mcconform.audit`,
the run :mod:`mcconform.audit.run`; this module reads the command line and writes the audit.
It takes the input options of ``check`` (:func:`mcconform.cli.options.inputs`): the
configuration file, rule selection and exclusions apply as they do there (not the baseline:
an audit reports what the export holds)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..exitcodes import EXIT_INTERNAL, INTERNAL_RULE
from ..guard import set_debug
from ..sources import is_url
from . import options as shared
from .common import INTERNAL_NOTE, check_io, fail, write
from .inputs import resolve


@click.command()
@click.argument("paths", nargs=-1, required=True)
@shared.profiles
@shared.report_format(
    ["html", "json", "markdown"],
    default=None,
    help="Audit format. Default: from the --output suffix (.html, .json, .md), else markdown.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the audit to FILE instead of stdout."
)
@shared.inputs
@click.option(
    "--examples", type=click.IntRange(0, 100), default=3, show_default=True, help="Examples kept per rule."
)
@click.option(
    "--max-groups",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Issuers and achievements kept apart; further ones are counted together.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal)."
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for --engine local (default: every core).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are checked: local processes, or a dask.distributed cluster.",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --engine dask."
)
@click.option(
    "--partition",
    type=click.IntRange(1, 100_000),
    default=64,
    show_default=True,
    help="Documents sent to a worker at a time.",
)
@click.option(
    "--registry",
    "registry_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Offline registry snapshot (DEQAR JSON or CSV of trusted issuer ids): listed, report valid?",
)
@click.option(
    "--credentials-only", is_flag=True, help="Leave documents that are not credentials out of the totals."
)
@shared.debug
def audit(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    examples: int,
    max_groups: int,
    progress: bool | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    partition: int,
    registry_file: str | None,
    credentials_only: bool,
    debug: bool,
    **_inputs: Any,
) -> None:
    """Audit a whole export: pass rates and top findings per issuer and per achievement.

    PATHS are directories, JSON Lines files and ZIP archives (or single documents).  Documents
    are streamed and only counters are kept, so memory stays flat however large the export.
    The exit code is 0 when the audit was written, 2 on a usage error or a missing input.
    """
    from .. import audit as audit_mod
    from ..audit import run as audit_run

    set_debug(debug)
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "markdown")
    for p in paths:  # a URL is read as check reads it (through --resource-map, or --online)
        if p != "-" and not is_url(p) and not Path(p).exists():
            fail(f"{p}: no such file or directory")
    check_io(paths, [output] if output else [])
    run = resolve(click.get_current_context(), paths, baseline=False)
    checker = run.checker()
    if engine == "dask" and not scheduler:
        fail("--engine dask needs --scheduler ADDRESS (the address of a running dask scheduler)")
    if progress is None:
        progress = sys.stderr.isatty()
    from ..registry import RegistryError
    from ..registry import load as load_registry

    try:
        snapshot = load_registry(registry_file) if registry_file else None
    except RegistryError as e:
        fail(str(e))
    result = audit_mod.Audit(
        max_examples=examples,
        max_groups=max_groups,
        inputs=list(paths),
        registry=snapshot,
        credentials_only=credentials_only,
    )
    from ..parallel import EngineError

    try:
        audit_run.run(
            run.paths,
            checker,
            run.options.limits,
            progress=progress,
            audit=result,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            partition=partition,
            notify=lambda message: click.echo(f"mcconform: {message}", err=True),
        )
    except EngineError as e:
        fail(str(e))
    text = audit_run.render(result.to_dict(), fmt)
    if output is None or output == "-":
        click.echo(text, nl=False)
    else:
        write(Path(output), text)
    if INTERNAL_RULE in result.rules:
        click.echo(INTERNAL_NOTE, err=True)
        sys.exit(EXIT_INTERNAL)
