"""``mcconform convert``: credentials converted to another format, with a loss report, and the
result checked against the target's profiles.  The logic lives in :mod:`mcconform.portability`;
this module reads the command line, writes the outputs and picks the exit code.  Documents are
read and checked with the shared options of :func:`mcconform.cli.options.reading`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..exitcodes import exit_code
from ..renderers import FORMATS
from ..renderers import get as get_renderer
from ..report import Report
from ..version import __version__
from . import options as shared
from .common import fail, write
from .inputs import resolve


def dump(doc: object) -> str:
    """A converted document as the file holds it (indented JSON, one newline at the end)."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--to",
    "target",
    type=click.Choice(["ob3", "elm", "vc2", "clr"]),
    required=True,
    help="Target format: ob3 (Open Badges 3.0), elm (European Digital Credential), "
    "vc2 (OB 3.0 on VC Data Model 2.0), clr (one CLR 2.0 of all inputs).",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Write the converted document to OUT (a directory when there are several).",
)
@click.option(
    "--report",
    "report_path",
    metavar="FILE",
    help="Write the loss report to FILE (else stdout with -o, stderr without).",
)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True
)
@shared.accept_unverified("result")
@shared.report_format(FORMATS, help="Format of the report.")
@shared.reading
def convert(
    paths: tuple[str, ...],
    target: str,
    output: str | None,
    report_path: str | None,
    fail_on: str,
    accept_unverified: bool,
    fmt: str,
    **_inputs: Any,
) -> None:
    """Convert credentials to another format, with a loss report, and check the result
    against the target's profiles in the same run.

    OB 2.0 / 1.x assertion -> ob3; OB 3.0 -> elm, vc2, clr; ELM -> ob3.  The output is
    unsigned (a source proof is dropped and reported) and nothing is invented: what the
    target requires and the source lacks is in the loss report (portability.* findings).
    Exit codes as for check: 1 when a conversion failed or its result fails the target, 3
    when nothing failed but a result is not verified (cantTell) unless --accept-unverified.
    """
    from ..portability import conversion_report, convert_all
    from ..sources import iter_documents

    run = resolve(click.get_current_context(), paths)
    options = run.options
    for out_path in [p for p in (output, report_path) if p]:
        for p in paths:
            if p != "-" and Path(p).exists() and Path(p).resolve() == Path(out_path).resolve():
                fail(f"{out_path} is one of the inputs; mcconform never overwrites its input")
    checker = run.checker()
    convs = convert_all(iter_documents(run.paths, options.limits, options), target, checker)
    produced = [c for c in convs if c.document is not None]
    if output is not None:
        many = len(produced) > 1 or (len(paths) > 1 and target != "clr") or Path(output).is_dir()
        if many:
            outdir = Path(output)
            outdir.mkdir(parents=True, exist_ok=True)
            for i, c in enumerate(produced):
                stem = Path(c.source.split("#")[0]).stem or f"document-{i + 1}"
                write(outdir / f"{i + 1:03d}-{stem}.{target}.json", dump(c.document))
        elif produced:
            write(Path(output), dump(produced[0].document))
    elif len(produced) == 1:
        click.echo(dump(produced[0].document), nl=False)
    elif produced:
        for c in produced:
            click.echo(json.dumps(c.document, ensure_ascii=False, sort_keys=False))
    report = Report(conversion_report(convs), __version__)
    text = get_renderer(fmt)(report, {"color": False, "verbose": False})
    if report_path:
        write(Path(report_path), text)
    else:
        click.echo(text, nl=False, err=output is None)
    sys.exit(exit_code(report, fail_on, accept_unverified=accept_unverified))
