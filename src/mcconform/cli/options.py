"""The options several commands share, each declared once, in groups applied as decorators.

``check``, ``audit`` and ``elements`` take :func:`inputs` (every group below), so the three
read and check documents the same way; ``convert`` and ``portability`` take the groups that
say how documents are read and checked, without the configuration file and rule selection.
:mod:`mcconform.cli.inputs` turns the values into a run's :class:`~mcconform.options.Options`.

=================  ============================================================
group              options
=================  ============================================================
:func:`contexts`   ``--context``, ``--shapes``
:func:`network`    ``--online/--offline``, ``--allow-private-network``, ``--cache-dir``
:func:`hosted`     ``--resource-map``, ``--recipient``, ``--trust-anchor``
:func:`limits`     ``--max-bytes``, ``--max-depth``, ``--max-documents``, ``--exclude``
:func:`time`       ``--now``
:func:`engines`    ``--reference``
:func:`configuration`  ``--config``, ``--isolated``
:func:`rule_selection` ``--select``, ``--ignore``, ``--extend-ignore``
=================  ============================================================

Also declared once: ``--profile`` (:func:`profiles`), ``--debug`` (:func:`debug`), and, with
each command's own choices, ``--format`` (:func:`report_format`) and ``--accept-unverified``
(:func:`accept_unverified`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from ..limits import DEFAULT_LIMITS, MAX_DEPTH

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def group(*options: Decorator) -> Decorator:
    """One decorator applying ``options`` so that ``--help`` lists them in this order."""

    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        for o in reversed(options):
            f = o(f)
        return f

    return apply


profiles = group(
    click.option(
        "--profile",
        "-p",
        "profiles",
        multiple=True,
        metavar="NAME|FILE",
        help="Profile to apply (repeatable): a built-in name or a .toml file. Default: by document kind.",
    )
)

contexts = group(
    click.option(
        "--context",
        "contexts",
        multiple=True,
        metavar="URL=FILE",
        help="Serve the JSON-LD context URL from a local file (repeatable).",
    ),
    click.option(
        "--shapes",
        "shapes",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Also validate with this SHACL (Turtle) file (repeatable), e.g. the official EDC shapes.",
    ),
)

network = group(
    click.option(
        "--online/--offline",
        default=False,
        show_default=True,
        help="Allow network access for contexts and hosted documents.",
    ),
    click.option(
        "--allow-private-network", is_flag=True, help="With --online, allow private/loopback addresses."
    ),
    click.option(
        "--cache-dir",
        metavar="DIR",
        help="HTTP cache for --online fetches (default $XDG_CACHE_HOME/mcconform; '' turns it off).",
    ),
)

hosted = group(
    click.option(
        "--resource-map",
        "resource_maps",
        multiple=True,
        metavar="URL_PREFIX=DIR",
        help="Serve hosted documents under URL_PREFIX from the files in DIR, offline (repeatable).",
    ),
    click.option(
        "--recipient",
        metavar="TYPE:VALUE",
        help="Verify OB 2.0 recipient identities against this one (email:ann@example.org, url:..., "
        "telephone:...).",
    ),
    click.option(
        "--trust-anchor",
        type=click.Path(exists=True, dir_okay=False),
        help="PEM certificate(s) the certificate chain of a sealed European Digital Credential must "
        "lead to (profile trust); without it the chain is reported as not checked.",
    ),
)

def _limit(name: str, help: str, most: int | None = None) -> Decorator:
    """``--max-...``: a positive integer (at most ``most``), by default the :class:`Limits` field's."""
    default = getattr(DEFAULT_LIMITS, name.removeprefix("--").replace("-", "_"))
    return click.option(name, type=click.IntRange(1, most), default=default, show_default=True, help=help)


limits = group(
    _limit("--max-bytes", "Largest document read."),
    _limit("--max-depth", "Deepest JSON nesting accepted.", MAX_DEPTH),
    _limit(
        "--max-documents",
        "Most documents read in one run (files, lines, archive members); the rest is reported.",
    ),
    click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Skip files matching GLOB (e.g. '*.expect.json', 'drafts/'; repeatable).",
    ),
)

time = group(
    click.option(
        "--now",
        metavar="DATETIME",
        help="Judge validity periods at this instant (ISO 8601) instead of now.",
    )
)

engines = group(
    click.option(
        "--reference",
        is_flag=True,
        help="Run the reference engines only (pyld and pyshacl on every document; no fast path).",
    )
)

configuration = group(
    click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, exists=True),
        help="Configuration file (default: .mcconform.toml, mcconform.toml or pyproject.toml "
        "[tool.mcconform], searched from the working directory upwards).",
    ),
    click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
)

rule_selection = group(
    click.option(
        "--select",
        multiple=True,
        metavar="RULE|PREFIX",
        help="Report only these rules (ids or prefixes such as ob3.; repeatable, comma-separated).",
    ),
    click.option(
        "--ignore",
        multiple=True,
        metavar="RULE|PREFIX",
        help="Drop these rules (replaces the configuration's ignore).",
    ),
    click.option(
        "--extend-ignore",
        multiple=True,
        metavar="RULE|PREFIX",
        help="Drop these rules too (added to ignore).",
    ),
)

#: how documents are read and checked, without the configuration file (convert, portability)
reading = group(contexts, network, hosted, limits, time, engines)

#: the input options of ``check``, ``audit`` and ``elements``
inputs = group(reading, configuration, rule_selection)

debug = group(
    click.option(
        "--debug", is_flag=True, help="Print the traceback of an internal error (exit code 4) on stderr."
    )
)


def report_format(choices: Sequence[str], default: str | None = "text", help: str | None = None) -> Decorator:
    """``--format`` / ``-f`` with a command's own formats (``fmt`` in the command's parameters)."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=default is not None,
        help=help,
    )


def accept_unverified(what: str) -> Decorator:
    """``--accept-unverified``: exit 0, not 3, when nothing failed but ``what`` is not verified."""
    return click.option(
        "--accept-unverified",
        is_flag=True,
        help=f"Exit 0 (not 3) when nothing failed but some {what} is not verified (cantTell).",
    )
