"""From the shared options (:mod:`mcconform.cli.options`) to a run: the configuration file
merged with the command line, the values checked (a usage error is exit code 2), the inputs
with the excluded files left out, the :class:`~mcconform.options.Options` and the
:class:`~mcconform.api.Checker`.  ``check``, ``audit``, ``elements``, ``convert`` and
``portability`` all build their run here, so an option means the same in each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from .. import gate
from ..api import Checker
from ..limits import Limits
from ..options import Options, parse_now
from ..profiles import ProfileError
from ..selection import Selection
from .common import fail


@dataclass
class Run:
    """What the shared options say for one run."""

    options: Options
    #: the profiles asked for (command line, else the configuration file); empty: by kind
    profiles: list[str]
    #: the inputs, excluded files left out (folders listed only when something is excluded)
    paths: list[str]
    #: how many files were excluded
    skipped: int
    #: the configuration and the command line merged (commands with ``--config`` only)
    settings: gate.Settings | None = None

    @property
    def selection(self) -> Selection | None:
        return self.options.selection

    def checker(self) -> Checker:
        """The run's checker; an unknown profile is a usage error."""
        try:
            return Checker(self.profiles or None, self.options)
        except ProfileError as e:
            fail(str(e))


def resolve(ctx: click.Context, paths: tuple[str, ...], *, baseline: bool = True) -> Run:
    """The run the command line of ``ctx`` (and, for a command that takes ``--config``, the
    configuration file) asks for.  ``baseline=False``: a configured baseline is not applied
    (an audit reports what the export holds, not what is new since the baseline)."""
    params = ctx.params
    settings: gate.Settings | None = None
    selection: Selection | None = None
    if "config_file" in params:  # the configuration group: the file, then the command line
        try:
            settings = gate.resolve(ctx)
            if not baseline:
                settings.values["baseline"] = None
            selection = settings.selection()
        except gate.GateError as e:
            fail(str(e))
        profiles = tuple(settings.values["profiles"] or ())
        contexts = tuple(settings.values["contexts"] or ())
        resource_maps = tuple(settings.values["resource-map"] or ())
        exclude = settings.exclude
    else:
        profiles = tuple(params.get("profiles") or ())
        contexts = tuple(params.get("contexts") or ())
        resource_maps = tuple(params.get("resource_maps") or ())
        globs = [g.strip() for item in params.get("exclude") or () for g in item.split(",") if g.strip()]
        exclude = [(g, Path.cwd()) for g in globs]
    options = build_options(params, contexts, resource_maps, selection)
    expanded, skipped = gate.expand(paths, exclude)
    return Run(options, list(profiles), expanded, skipped, settings)


def build_options(
    params: dict[str, Any],
    contexts: tuple[str, ...],
    resource_maps: tuple[str, ...],
    selection: Selection | None = None,
) -> Options:
    """The run's :class:`Options` from the shared options' values (absent ones: defaults)."""
    context_map = pairs(contexts, "--context")
    for url, file in context_map.items():
        if not Path(file).is_file():
            fail(f"--context {url}={file}: no such file")
    resource_map = resource_map_of(resource_maps)
    recipient = params.get("recipient")
    if recipient is not None:
        rtype, sep, rvalue = recipient.partition(":")
        if not sep or not rtype or not rvalue:
            fail(f"--recipient expects TYPE:VALUE (email:ann@example.org), got {recipient!r}")
    defaults = Limits()
    limits = Limits(
        max_bytes=params.get("max_bytes", defaults.max_bytes),
        max_depth=params.get("max_depth", defaults.max_depth),
        max_documents=params.get("max_documents", defaults.max_documents),
    )
    return Options(
        now=now_of(params.get("now")),
        online=bool(params.get("online")),
        allow_private_network=bool(params.get("allow_private_network")),
        contexts=context_map,
        shapes=list(params.get("shapes") or ()),
        limits=limits,
        resource_map=resource_map,
        recipient=recipient,
        cache_dir=params.get("cache_dir"),
        trust_anchor=params.get("trust_anchor"),
        fast=not params.get("reference"),
        selection=selection,
    )


def pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    """``URL=FILE`` values (the last ``=`` splits: a URL may hold one)."""
    out: dict[str, str] = {}
    for v in values:
        key, sep, val = v.rpartition("=")
        if not sep or not key or not val:
            fail(f"{option} expects URL=FILE, got {v!r}")
        out[key] = val
    return out


def resource_map_of(values: tuple[str, ...]) -> dict[str, str]:
    """``--resource-map URL_PREFIX=DIR`` values: an http(s) prefix and an existing folder."""
    out: dict[str, str] = {}
    for v in values:
        prefix, sep, directory = v.partition("=")
        if not sep or not prefix or not directory:
            fail(f"--resource-map expects URL_PREFIX=DIR, got {v!r}")
        if not prefix.lower().startswith(("http://", "https://")):
            fail(f"--resource-map {v}: the prefix must be an http:// or https:// URL")
        if not Path(directory).is_dir():
            fail(f"--resource-map {v}: no such directory {directory}")
        out[prefix] = directory
    return out


def now_of(value: str | None) -> datetime:
    """``--now``: an ISO 8601 date-time (no zone: UTC); absent: the clock."""
    try:
        return parse_now(value)
    except ValueError:
        fail(f"--now expects an ISO 8601 date-time, got {value!r}")
