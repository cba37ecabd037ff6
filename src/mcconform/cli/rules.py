"""``mcconform rules`` (every rule: id, severity, specification reference) and
``mcconform rules explain RULE`` (what one rule checks, why, where the specification says so)."""

from __future__ import annotations

import click

from .common import fail


@click.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """List every rule: id, severity, specification reference."""
    if ctx.invoked_subcommand is None:
        from ..rules import all_rules

        for r in all_rules():
            click.echo(f"{r.id:<40} {r.severity:<8} {r.spec}")


@rules.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Explain one rule: what it checks, why, where the specification says so."""
    from ..rules import get

    r = get(rule_id)
    if r is None:
        fail(f"no rule {rule_id!r}; `mcconform rules` lists them")
    click.echo(r.explain(), nl=False)
