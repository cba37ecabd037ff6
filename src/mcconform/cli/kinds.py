"""``mcconform kinds``: the kinds of document mcconform recognises (:data:`mcconform.detect.KINDS`)."""

from __future__ import annotations

import click


@click.command()
def kinds() -> None:
    """List the kinds of document mcconform recognises."""
    from ..detect import KINDS

    for k, v in KINDS.items():
        click.echo(f"{k:<24} {v}")
