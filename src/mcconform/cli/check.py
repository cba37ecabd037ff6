"""``mcconform check``: check documents and gate on the result (a CI gate: the configuration
file, rule selection, the baseline, several outputs from one run; :mod:`mcconform.gate`).

Exit codes (documented in the README and ``mcconform --help``):

* 0 - every document conforms (no finding at or above ``--fail-on``);
* 1 - at least one finding at or above ``--fail-on``;
* 2 - usage error, or an input that could not be read at all (missing file, not JSON,
  invalid UTF-8, truncated, too large, too deep: each also reported as a finding);
* 3 - nothing failed, but some document is not verified (cantTell, or no profile applied),
  unless ``--accept-unverified``;
* 4 - a check raised an unexpected error (an ``internal.error`` finding).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import gate
from ..exitcodes import EXIT_FINDINGS, EXIT_OK
from ..guard import set_debug
from ..renderers import FORMATS
from ..sources import drop_empty, iter_documents
from ..version import __version__
from . import options as shared
from .common import EPILOG, check_io, fail, say_why, write
from .inputs import resolve


def _gate_options(f: Any) -> Any:
    """The options only ``check`` has: the baseline and the text report's views."""
    return shared.group(
        click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Fail only on findings not recorded in FILE (see --write-baseline)."),
        click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Record today's findings in FILE; --baseline FILE then fails on new ones only."),
        click.option("--statistics", is_flag=True, help="Print the number of findings per rule."),
        click.option("--quiet", "-q", is_flag=True,
                     help="Text report: only the documents that do not conform, and the totals."),
    )(f)  # fmt: skip


@click.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True)
@shared.profiles
@shared.report_format(
    FORMATS,
    help="Report format: text, json, sarif (code scanning), junit (CI test reports), earl / earl-jsonld "
    "(W3C EARL), markdown (pull-request summary), html (one self-contained page).",
)
@click.option(
    "--output",
    "-o",
    multiple=True,
    metavar="[FORMAT=]FILE",
    help="Write the report to FILE instead of stdout; FORMAT=FILE for several formats from one run "
    "(repeatable; - is standard output).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@shared.inputs
@click.option(
    "--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal)."
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Show info findings and spec references in the text report."
)
@_gate_options
@shared.accept_unverified("document")
@shared.debug
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: tuple[str, ...],
    color: bool | None,
    verbose: bool,
    accept_unverified: bool,
    debug: bool,
    **params: Any,
) -> None:
    """Check credentials, issuer profiles and exports.

    PATHS are files (.json, .jsonld, .jwt, .png, .svg), directories (searched recursively),
    JSON Lines files (.jsonl, one document per line), ZIP archives, or - for standard input.
    Settings also come from the configuration file (`mcconform config` shows them).
    """
    set_debug(debug)
    try:
        outputs = gate.parse_outputs(output, fmt)
    except gate.GateError as e:
        fail(str(e))
    write_baseline = params["write_baseline"]
    check_io(paths, [t for _, t in outputs] + [write_baseline or "-"])
    run = resolve(click.get_current_context(), paths)
    assert run.settings is not None  # check takes --config
    fail_on = run.settings.values["fail-on"]
    checker = run.checker()
    from ..baseline import Recorder
    from ..report import Report

    notify = gate.notifier(params["quiet"])
    docs = drop_empty(iter_documents(run.paths, run.options.limits, run.options), notify)
    record = Recorder(write_baseline) if write_baseline else None
    reports = gate.run(checker, docs, located=gate.needs_location(outputs), record=record)
    report = Report(list(reports), __version__)
    if not report.documents:
        notify(gate.nothing_checked(run.skipped))
    view = {"verbose": verbose, "quiet": params["quiet"], "statistics": params["statistics"]}
    if verbose:  # which engines judged (stderr: the report's bytes do not depend on it)
        from ..engines import in_use

        click.echo(f"mcconform: {in_use(run.options.fast)}", err=True)
    gate.emit(report, outputs, {**view, "color": gate.want_color(color, outputs)}, write)
    code = gate.exit_code(report, fail_on, run.selection, accept_unverified=accept_unverified)
    if all(t != "-" for _, t in outputs):
        say_why(report, code)  # the report is in files: say on stderr why the code is 2 or 4
    if record is not None:
        write(record.path, record.text())
        code = EXIT_OK if code == EXIT_FINDINGS else code  # today's findings are the baseline
    sys.exit(code)
