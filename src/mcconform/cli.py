"""The ``mcconform`` command line.

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

import os
import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import click

from . import gate
from .api import Checker
from .engines import describe
from .exitcodes import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, INTERNAL_RULE
from .guard import set_debug
from .limits import DEFAULT_LIMITS, MAX_DEPTH, Limits
from .options import Options
from .outputs import overwrites_input, stdin_unusable, write_atomic
from .profiles import ProfileError, builtin_profiles, builtin_text
from .renderers import FORMATS
from .sources import drop_empty, iter_documents
from .version import __version__

EPILOG = """\b
Exit codes:
  0  every document conforms (nothing at or above --fail-on)
  1  findings at or above --fail-on
  2  usage error, or an input that could not be read (also reported as a finding)
  3  nothing failed, but some document is NOT VERIFIED (something that applies could not
     be checked offline, or no profile applied); --accept-unverified makes this 0
  4  a check raised an unexpected error (an internal.error finding)
"""


def _fail(message: str) -> NoReturn:
    click.echo(f"mcconform: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        key, sep, val = v.rpartition("=")
        if not sep or not key or not val:
            _fail(f"{option} expects URL=FILE, got {v!r}")
        out[key] = val
    return out


def _resource_map(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        prefix, sep, directory = v.partition("=")
        if not sep or not prefix or not directory:
            _fail(f"--resource-map expects URL_PREFIX=DIR, got {v!r}")
        if not prefix.lower().startswith(("http://", "https://")):
            _fail(f"--resource-map {v}: the prefix must be an http:// or https:// URL")
        if not Path(directory).is_dir():
            _fail(f"--resource-map {v}: no such directory {directory}")
        out[prefix] = directory
    return out


def _parse_now(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        _fail(f"--now expects an ISO 8601 date-time, got {value!r}")
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


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


@main.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--profile",
    "-p",
    "profiles",
    multiple=True,
    metavar="NAME|FILE",
    help="Profile to apply (repeatable): a built-in name or a .toml file. Default: by document kind.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
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
@click.option(
    "--context",
    "contexts",
    multiple=True,
    metavar="URL=FILE",
    help="Serve the JSON-LD context URL from a local file (repeatable).",
)
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Also validate with this SHACL (Turtle) file (repeatable), e.g. the official EDC shapes.",
)
@click.option(
    "--online/--offline",
    default=False,
    show_default=True,
    help="Allow network access for contexts and hosted documents.",
)
@click.option(
    "--allow-private-network", is_flag=True, help="With --online, allow private/loopback addresses."
)
@click.option(
    "--resource-map",
    "resource_maps",
    multiple=True,
    metavar="URL_PREFIX=DIR",
    help="Serve hosted documents under URL_PREFIX from the files in DIR, offline (repeatable).",
)
@click.option(
    "--recipient",
    metavar="TYPE:VALUE",
    help="Verify OB 2.0 recipient identities against this one (email:ann@example.org, url:..., "
    "telephone:...).",
)
@click.option(
    "--trust-anchor",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM certificate(s) the certificate chain of a sealed European Digital Credential must "
    "lead to (profile trust); without it the chain is reported as not checked.",
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    help="HTTP cache for --online fetches (default $XDG_CACHE_HOME/mcconform; '' turns it off).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_bytes,
    show_default=True,
    help="Largest document read.",
)
@click.option(
    "--max-depth",
    type=click.IntRange(1, MAX_DEPTH),
    default=DEFAULT_LIMITS.max_depth,
    show_default=True,
    help="Deepest JSON nesting accepted.",
)
@click.option(
    "--max-documents",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_documents,
    show_default=True,
    help="Most documents read in one run (files, lines, archive members); the rest is reported.",
)
@click.option(
    "--now", metavar="DATETIME", help="Judge validity periods at this instant (ISO 8601) instead of now."
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal)."
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Show info findings and spec references in the text report."
)
@click.option(
    "--reference",
    is_flag=True,
    help="Run the reference engines only (pyld and pyshacl on every document; no fast path).",
)
@gate.options
@click.option(
    "--accept-unverified",
    is_flag=True,
    help="Exit 0 (not 3) when nothing failed but some document is not verified (cantTell).",
)
@click.option(
    "--debug", is_flag=True, help="Print the traceback of an internal error (exit code 4) on stderr."
)
def check(
    paths: tuple[str, ...],
    profiles: tuple[str, ...],
    fmt: str,
    output: tuple[str, ...],
    fail_on: str,
    contexts: tuple[str, ...],
    shapes: tuple[str, ...],
    online: bool,
    allow_private_network: bool,
    resource_maps: tuple[str, ...],
    recipient: str | None,
    trust_anchor: str | None,
    cache_dir: str | None,
    max_bytes: int,
    max_depth: int,
    max_documents: int,
    now: str | None,
    color: bool | None,
    verbose: bool,
    reference: bool,
    accept_unverified: bool,
    debug: bool,
    **gate_params: Any,
) -> None:
    """Check credentials, issuer profiles and exports.

    PATHS are files (.json, .jsonld, .jwt, .png, .svg), directories (searched recursively),
    JSON Lines files (.jsonl, one document per line), ZIP archives, or - for standard input.
    Settings also come from the configuration file (`mcconform config` shows them).
    """
    set_debug(debug)
    try:
        settings = gate.resolve(click.get_current_context())
        outputs = gate.parse_outputs(output, fmt)
        selection = settings.selection()
    except gate.GateError as e:
        _fail(str(e))
    profiles, fail_on = tuple(settings.values["profiles"] or ()), settings.values["fail-on"]
    contexts = tuple(settings.values["contexts"] or ())
    resource_maps = tuple(settings.values["resource-map"] or ())
    context_map = _pairs(contexts, "--context")
    for url, file in context_map.items():
        if not Path(file).is_file():
            _fail(f"--context {url}={file}: no such file")
    _check_io(paths, [t for _, t in outputs] + [gate_params["write_baseline"] or "-"])
    resource_map = _resource_map(resource_maps)
    if recipient is not None:
        rtype, sep, rvalue = recipient.partition(":")
        if not sep or not rtype or not rvalue:
            _fail(f"--recipient expects TYPE:VALUE (email:ann@example.org), got {recipient!r}")
    options = Options(
        now=_parse_now(now),
        online=online,
        allow_private_network=allow_private_network,
        contexts=context_map,
        shapes=list(shapes),
        limits=Limits(max_bytes=max_bytes, max_depth=max_depth, max_documents=max_documents),
        resource_map=resource_map,
        recipient=recipient,
        cache_dir=cache_dir,
        trust_anchor=trust_anchor,
        fast=not reference,
        selection=selection,
    )
    try:
        checker = Checker(list(profiles) or None, options)
    except ProfileError as e:
        _fail(str(e))
    from .baseline import Recorder
    from .report import Report

    inputs, _skipped = gate.expand(paths, settings.exclude)
    docs = drop_empty(iter_documents(inputs, options.limits, options), gate.notifier(gate_params["quiet"]))
    record = Recorder(gate_params["write_baseline"]) if gate_params["write_baseline"] else None
    reports = gate.run(checker, docs, located=gate.needs_location(outputs), record=record)
    report = Report(list(reports), __version__)
    if not report.documents:
        gate.notifier(gate_params["quiet"])(gate.nothing_checked(_skipped))
    view = {"verbose": verbose, "quiet": gate_params["quiet"], "statistics": gate_params["statistics"]}
    gate.emit(report, outputs, {**view, "color": gate.want_color(color, outputs)}, _write)
    code = gate.exit_code(report, fail_on, selection, accept_unverified=accept_unverified)
    if all(t != "-" for _, t in outputs):
        _say_why(report, code)  # the report is in files: say on stderr why the code is 2 or 4
    if record is not None:
        _write(record.path, record.text())
        code = EXIT_OK if code == EXIT_FINDINGS else code  # today's findings are the baseline
    sys.exit(code)


def _check_io(paths: tuple[str, ...], outputs: list[str]) -> None:
    """Usage errors about where input comes from and where the reports go ("-": stdout)."""
    if "-" in paths:
        why = stdin_unusable()
        if why:
            _fail(f"{why}: nothing to read for the input '-'")
    for output in outputs:
        if output == "-":
            continue
        hit = overwrites_input(output, paths)
        if hit is not None:
            where = "is one of the inputs" if os.path.realpath(output) == os.path.realpath(hit) else (
                f"is inside the input directory {hit}"
            )
            _fail(f"--output {output} {where}; mcconform never writes over or among its inputs")


def _say_why(report: Any, code: int) -> None:
    """With -o the report is in a file: say on stderr why the exit code is 2 or 4."""
    if code == EXIT_USAGE:
        bad = [d for d in report.documents if d.kind == "unreadable"]
        first = bad[0].findings[0].message if bad and bad[0].findings else ""
        click.echo(f"mcconform: error: {len(bad)} input(s) could not be read ({bad[0].source}: {first})"
                   if bad else "mcconform: error: an input could not be read", err=True)
    elif code == EXIT_INTERNAL:
        click.echo("mcconform: error: some documents could not be checked (internal.error findings; "
                   "--debug shows the traceback)", err=True)


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as e:
        _fail(f"cannot write {path}: {e.strerror or e}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--profile",
    "-p",
    "profiles",
    multiple=True,
    metavar="NAME|FILE",
    help="Profile to apply (repeatable). Default: by document kind.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["html", "json", "markdown"]),
    default=None,
    help="Audit format. Default: from the --output suffix (.html, .json, .md), else markdown.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the audit to FILE instead of stdout."
)
@click.option(
    "--context", "contexts", multiple=True, metavar="URL=FILE", help="Serve a JSON-LD context from a file."
)
@click.option(
    "--shapes", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra SHACL file."
)
@click.option("--online/--offline", default=False, show_default=True, help="Allow network access.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes, show_default=True)
@click.option(
    "--max-depth", type=click.IntRange(1, MAX_DEPTH), default=DEFAULT_LIMITS.max_depth, show_default=True
)
@click.option(
    "--max-documents",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_documents,
    show_default=True,
    help="Most documents read in one run (files, lines, archive members); the rest is reported.",
)
@click.option("--now", metavar="DATETIME", help="Judge validity periods at this instant (ISO 8601).")
@click.option(
    "--examples", type=click.IntRange(0, 100), default=3, show_default=True, help="Examples kept per rule."
)
@click.option(
    "--max-groups",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Issuers and achievements kept apart; further ones are counted together.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal)."
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for --engine local (default: every core).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are checked: local processes, or a dask.distributed cluster.",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --engine dask."
)
@click.option(
    "--partition",
    type=click.IntRange(1, 100_000),
    default=64,
    show_default=True,
    help="Documents sent to a worker at a time.",
)
@click.option(
    "--reference",
    is_flag=True,
    help="Run the reference engines only (pyld and pyshacl on every document; no fast path).",
)
@click.option(
    "--registry",
    "registry_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Offline registry snapshot (DEQAR JSON or CSV of trusted issuer ids): listed, report valid?",
)
@click.option(
    "--credentials-only", is_flag=True, help="Leave documents that are not credentials out of the totals."
)
@click.option(
    "--debug", is_flag=True, help="Print the traceback of an internal error (exit code 4) on stderr."
)
def audit(
    paths: tuple[str, ...],
    profiles: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    contexts: tuple[str, ...],
    shapes: tuple[str, ...],
    online: bool,
    max_bytes: int,
    max_depth: int,
    max_documents: int,
    now: str | None,
    examples: int,
    max_groups: int,
    progress: bool | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    partition: int,
    reference: bool,
    registry_file: str | None,
    credentials_only: bool,
    debug: bool,
) -> None:
    """Audit a whole export: pass rates and top findings per issuer and per achievement.

    PATHS are directories, JSON Lines files and ZIP archives (or single documents).  Documents
    are streamed and only counters are kept, so memory stays flat however large the export.
    The exit code is 0 when the audit was written, 2 on a usage error or a missing input.
    """
    from . import audit as audit_mod
    from . import audit_run

    set_debug(debug)
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "markdown")
    for p in paths:
        if p != "-" and not Path(p).exists():
            _fail(f"{p}: no such file or directory")
    _check_io(paths, [output] if output else [])
    context_map = _pairs(contexts, "--context")
    for url, file in context_map.items():
        if not Path(file).is_file():
            _fail(f"--context {url}={file}: no such file")
    options = Options(
        now=_parse_now(now),
        online=online,
        contexts=context_map,
        shapes=list(shapes),
        limits=Limits(max_bytes=max_bytes, max_depth=max_depth, max_documents=max_documents),
        fast=not reference,
    )
    try:
        checker = Checker(list(profiles) or None, options)
    except ProfileError as e:
        _fail(str(e))
    if engine == "dask" and not scheduler:
        _fail("--engine dask needs --scheduler ADDRESS (the address of a running dask scheduler)")
    if progress is None:
        progress = sys.stderr.isatty()
    from .registry import RegistryError
    from .registry import load as load_registry

    try:
        snapshot = load_registry(registry_file) if registry_file else None
    except RegistryError as e:
        _fail(str(e))
    result = audit_mod.Audit(
        max_examples=examples,
        max_groups=max_groups,
        inputs=list(paths),
        registry=snapshot,
        credentials_only=credentials_only,
    )
    from .parallel import EngineError

    try:
        audit_run.run(
            list(paths),
            checker,
            options.limits,
            progress=progress,
            audit=result,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            partition=partition,
            notify=lambda message: click.echo(f"mcconform: {message}", err=True),
        )
    except EngineError as e:
        _fail(str(e))
    text = audit_run.render(result.to_dict(), fmt)
    if output is None or output == "-":
        click.echo(text, nl=False)
    else:
        _write(Path(output), text)
    if INTERNAL_RULE in result.rules:
        click.echo("mcconform: error: some documents could not be checked (internal.error findings; "
                   "--debug shows the traceback)", err=True)
        sys.exit(EXIT_INTERNAL)


@main.command("config")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), help="Config file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def config_command(config_file: str | None, isolated: bool) -> None:
    """Print the configuration in force here and where each value comes from."""
    try:
        click.echo(gate.show(gate.resolve(click.get_current_context())), nl=False)
    except gate.GateError as e:
        _fail(str(e))


@main.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """List every rule: id, severity, specification reference."""
    if ctx.invoked_subcommand is None:
        from .rules import all_rules

        for r in all_rules():
            click.echo(f"{r.id:<40} {r.severity:<8} {r.spec}")


@rules.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Explain one rule: what it checks, why, where the specification says so."""
    from .rules import get

    r = get(rule_id)
    if r is None:
        _fail(f"no rule {rule_id!r}; `mcconform rules` lists them")
    click.echo(r.explain(), nl=False)


@main.group(invoke_without_command=True)
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
        _fail(str(e))


@main.command()
@click.argument("which", type=click.Choice(["report"]))
def schema(which: str) -> None:
    """Print a JSON Schema shipped with mcconform (`report`: the JSON report's shape)."""
    text = resources.files("mcconform").joinpath("data/schemas/report.schema.json").read_text("utf-8")
    click.echo(text, nl=False)


@main.command()
def kinds() -> None:
    """List the kinds of document mcconform recognises."""
    from .detect import KINDS

    for k, v in KINDS.items():
        click.echo(f"{k:<24} {v}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes, show_default=True)
@click.option(
    "--max-depth", type=click.IntRange(1, MAX_DEPTH), default=DEFAULT_LIMITS.max_depth, show_default=True
)
def elements(paths: tuple[str, ...], fmt: str, max_bytes: int, max_depth: int) -> None:
    """Print the micro-credential's standard elements (EU Council Recommendation 2022, Annex I):
    for each element its value, the JSON Pointer where it was found (or where it was expected)
    and the format's property it came from.  OB 3.0, OB 2.0 and ELM (EDC) credentials.
    Exit code 2 when an input could not be read.
    """
    from .quality.table import collect, render

    data = collect(paths, Limits(max_bytes=max_bytes, max_depth=max_depth))
    click.echo(render(data, fmt), nl=False)
    sys.exit(EXIT_USAGE if any("error" in d for d in data["documents"]) else EXIT_OK)


def run(argv: list[str] | None = None) -> Any:  # pragma: no cover - convenience for python -m
    return main.main(args=argv, prog_name="mcconform")


# portability commands (issue 18): the logic is in cli_portability.py / portability/
from .cli_portability import convert as _convert  # noqa: E402
from .cli_portability import portability as _portability  # noqa: E402

main.add_command(_convert)
main.add_command(_portability)
