"""``mcconform portability``: per document, which receivers would accept it as it is and after
each conversion, and what the conversion would lose (:mod:`mcconform.portability.survey`).
Documents are read and checked with the shared options of
:func:`mcconform.cli.options.reading`."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..exitcodes import EXIT_OK, EXIT_USAGE
from . import options as shared
from .inputs import resolve


@click.command()
@click.argument("paths", nargs=-1, required=True)
@shared.report_format(["text", "json"])
@shared.reading
def portability(paths: tuple[str, ...], fmt: str, **_inputs: Any) -> None:
    """Per document: for the document as it is and for each format it can be converted to
    (ob3, elm, vc2), whether each receiver (europass-wallet, dcc-lcw, 1edtech-displayer,
    ebsi-vcdm2, canvas-credentials) would accept it, refuse it, or cannot be verified offline,
    and what the conversion would lose.  Exit code 2 when an input could not be read."""
    from ..portability.survey import render_text, survey_all
    from ..sources import iter_documents

    run = resolve(click.get_current_context(), paths)
    options = run.options
    data = survey_all(list(iter_documents(run.paths, options.limits, options)), options)
    click.echo(
        json.dumps(data, indent=2, ensure_ascii=False) if fmt == "json" else render_text(data),
        nl=fmt == "json",
    )
    sys.exit(EXIT_USAGE if any(d["kind"] == "unreadable" for d in data["documents"]) else EXIT_OK)
