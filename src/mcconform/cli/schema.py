"""``mcconform schema report``: a JSON Schema shipped with mcconform (the JSON report's)."""

from __future__ import annotations

from importlib import resources

import click


@click.command()
@click.argument("which", type=click.Choice(["report"]))
def schema(which: str) -> None:
    """Print a JSON Schema shipped with mcconform (`report`: the JSON report's shape)."""
    text = resources.files("mcconform").joinpath("data/schemas/report.schema.json").read_text("utf-8")
    click.echo(text, nl=False)
