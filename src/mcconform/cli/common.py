"""What every command of the ``mcconform`` command line does alike: the exit codes' epilog,
a usage error (exit code 2), writing an output file atomically, refusing to read a used-up
standard input or to write over an input, and saying on stderr why the exit code is 2 or 4."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..exitcodes import EXIT_INTERNAL, EXIT_USAGE
from ..outputs import overwrites_input, stdin_unusable, write_atomic

EPILOG = """\b
Exit codes:
  0  every document conforms (nothing at or above --fail-on)
  1  findings at or above --fail-on
  2  usage error, or an input that could not be read (also reported as a finding)
  3  nothing failed, but some document is NOT VERIFIED (something that applies could not
     be checked offline, or no profile applied); --accept-unverified makes this 0
  4  a check raised an unexpected error (an internal.error finding)
"""

INTERNAL_NOTE = (
    "mcconform: error: some documents could not be checked (internal.error findings; "
    "--debug shows the traceback)"
)


def fail(message: str) -> NoReturn:
    """A usage error: the message on stderr, exit code 2."""
    click.echo(f"mcconform: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def write(path: Path, text: str) -> None:
    """Write an output file atomically; a failure is a usage error."""
    try:
        write_atomic(path, text)
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror or e}")


def check_io(paths: tuple[str, ...], outputs: list[str]) -> None:
    """Usage errors about where input comes from and where the reports go ("-": stdout)."""
    if "-" in paths:
        why = stdin_unusable()
        if why:
            fail(f"{why}: nothing to read for the input '-'")
    for output in outputs:
        if output == "-":
            continue
        hit = overwrites_input(output, paths)
        if hit is not None:
            where = "is one of the inputs" if os.path.realpath(output) == os.path.realpath(hit) else (
                f"is inside the input directory {hit}"
            )
            fail(f"--output {output} {where}; mcconform never writes over or among its inputs")


def say_why(report: Any, code: int) -> None:
    """With -o the report is in a file: say on stderr why the exit code is 2 or 4."""
    if code == EXIT_USAGE:
        bad = [d for d in report.documents if d.kind == "unreadable"]
        first = bad[0].findings[0].message if bad and bad[0].findings else ""
        click.echo(f"mcconform: error: {len(bad)} input(s) could not be read ({bad[0].source}: {first})"
                   if bad else "mcconform: error: an input could not be read", err=True)
    elif code == EXIT_INTERNAL:
        click.echo(INTERNAL_NOTE, err=True)
