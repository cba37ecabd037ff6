"""``mcconform profiles`` (the built-in profiles) and ``mcconform profiles show NAME`` (one
built-in profile's TOML, to copy and edit)."""

from __future__ import annotations

import click

from ..profiles import ProfileError, builtin_profiles, builtin_text
from .common import fail


@click.group(invoke_without_command=True)
@click.pass_context
def profiles(ctx: click.Context) -> None:
    """List the built-in profiles."""
    if ctx.invoked_subcommand is None:
        for p in builtin_profiles():
            click.echo(f"{p.name:<16} {p.title}")


@profiles.command()
@click.argument("name")
def show(name: str) -> None:
    """Print a built-in profile (TOML) to copy and edit: `mcconform profiles show NAME > mine.toml`."""
    try:
        click.echo(builtin_text(name), nl=False)
    except ProfileError as e:
        fail(str(e))
