"""``mcconform elements``: the micro-credential's standard elements (EU 2022, Annex I) of each
document (:mod:`mcconform.quality.table`), with the document's verdict.  It takes the input
options of ``check`` (:func:`mcconform.cli.options.inputs`) and checks each document as
``check`` does, so each entry says whether the document its elements came from conforms,
fails or could not be verified offline (a context or hosted document not available)."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..exitcodes import EXIT_OK, EXIT_USAGE
from . import options as shared
from .inputs import resolve


@click.command()
@click.argument("paths", nargs=-1, required=True)
@shared.report_format(["text", "json"])
@shared.profiles
@shared.inputs
def elements(paths: tuple[str, ...], fmt: str, **_inputs: Any) -> None:
    """Print the micro-credential's standard elements (EU Council Recommendation 2022, Annex I):
    for each element its value, the JSON Pointer where it was found (or where it was expected)
    and the format's property it came from.  OB 3.0, OB 2.0 and ELM (EDC) credentials.
    Exit code 2 when an input could not be read.
    """
    from ..quality.table import collect, render

    run = resolve(click.get_current_context(), paths, baseline=False)
    checker = run.checker()

    def judge(doc: Any) -> Any:
        # the document and the credentials inside it, folded into the document's verdict
        return checker.check_tree(doc)[0][1]

    data = collect(run.paths, run.options.limits, run.options, judge)
    click.echo(render(data, fmt), nl=False)
    sys.exit(EXIT_USAGE if any("error" in d for d in data["documents"]) else EXIT_OK)
