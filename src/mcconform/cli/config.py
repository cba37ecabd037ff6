"""``mcconform config``: the configuration in force here (:mod:`mcconform.config` merged by
:mod:`mcconform.gate`) and where each value comes from."""

from __future__ import annotations

import click

from .. import gate
from . import options as shared
from .common import fail


@click.command("config")
@shared.configuration
def config_command(config_file: str | None, isolated: bool) -> None:
    """Print the configuration in force here and where each value comes from."""
    try:
        click.echo(gate.show(gate.resolve(click.get_current_context())), nl=False)
    except gate.GateError as e:
        fail(str(e))
