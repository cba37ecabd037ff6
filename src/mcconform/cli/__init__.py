"""The ``mcconform`` command line: the ``main`` group and its commands, one module each.

==============================  =====================================================
module                          command
==============================  =====================================================
:mod:`.check`                   ``check`` (the CI gate)
:mod:`.audit`                   ``audit`` (a whole export summed up)
:mod:`.elements`                ``elements`` (EU Annex I elements, with the verdict)
:mod:`.convert`                 ``convert`` (to another format, with a loss report)
:mod:`.portability`             ``portability`` (which receivers would accept it)
:mod:`.rules`                   ``rules``, ``rules explain``
:mod:`.profiles`                ``profiles``, ``profiles show``
:mod:`.config`                  ``config``
:mod:`.schema`, :mod:`.kinds`   ``schema``, ``kinds``
==============================  =====================================================

The options several commands share are declared once in :mod:`.options` and turned into a
run's :class:`~mcconform.options.Options` by :mod:`.inputs`; :mod:`.common` holds what every
command does alike (usage errors, writing outputs).  The exit codes are in
:mod:`mcconform.exitcodes` and in the epilog of ``mcconform --help``.
"""

from __future__ import annotations

from typing import Any

import click

from ..engines import describe
from ..version import __version__
from .audit import audit
from .check import check
from .common import EPILOG
from .config import config_command
from .convert import convert
from .elements import elements
from .kinds import kinds
from .portability import portability
from .profiles import profiles
from .rules import rules
from .schema import schema

__all__ = ["main", "run"]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # the engines are looked up only when asked (package metadata is slow to read at start-up)
    if value and not ctx.resilient_parsing:
        click.echo(f"mcconform {__version__}\nengines:\n{describe()}")
        ctx.exit()


@click.group(epilog=EPILOG)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
    help="Show the version (and the engines in use) and exit.",
)
def main() -> None:
    """Check digital badges and micro-credentials against Open Badges 2.0/3.0, the W3C VC
    data model, the European Learning Model (EDC) and the EU micro-credential quality criteria.
    """


COMMANDS = (check, audit, config_command, rules, profiles, schema, kinds, elements, convert, portability)
for _command in COMMANDS:
    main.add_command(_command)


def run(argv: list[str] | None = None) -> Any:  # pragma: no cover - convenience for python -m
    return main.main(args=argv, prog_name="mcconform")
