"""The ``mcconform`` command line.

Exit codes (documented in the README and ``mcconform --help``):

* 0 - every document conforms (no finding at or above ``--fail-on``);
* 1 - at least one finding at or above ``--fail-on``;
* 2 - usage error, or an input that could not be read at all (missing file, not JSON,
  invalid UTF-8, truncated, too large, too deep: each also reported as a finding).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .api import Checker
from .exitcodes import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, INTERNAL_RULE, exit_code
from .guard import set_debug
from .limits import DEFAULT_LIMITS, MAX_DEPTH, Limits
from .options import Options
from .outputs import overwrites_input, stdin_unusable
from .profiles import ProfileError, builtin_profiles, builtin_text
from .renderers import FORMATS, LOCATED_FORMATS
from .renderers import get as get_renderer
from .sources import iter_documents

EPILOG = """\b
Exit codes:
  0  every document conforms (nothing at or above --fail-on)
  1  findings at or above --fail-on
  2  usage error, or an input that could not be read (also reported as a finding)
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


@click.group(epilog=EPILOG)
@click.version_option(__version__, prog_name="mcconform")
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
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout."
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
@click.option(
    "--debug", is_flag=True, help="Print the traceback of an internal error (exit code 4) on stderr."
)
def check(
    paths: tuple[str, ...],
    profiles: tuple[str, ...],
    fmt: str,
    output: str | None,
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
    debug: bool,
) -> None:
    """Check credentials, issuer profiles and exports.

    PATHS are files (.json, .jsonld, .jwt, .png, .svg), directories (searched recursively),
    JSON Lines files (.jsonl, one document per line), ZIP archives, or - for standard input.
    """
    set_debug(debug)
    context_map = _pairs(contexts, "--context")
    for url, file in context_map.items():
        if not Path(file).is_file():
            _fail(f"--context {url}={file}: no such file")
    _check_io(paths, output)
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
    )
    try:
        checker = Checker(list(profiles) or None, options)
    except ProfileError as e:
        _fail(str(e))
    from .report import Report

    docs = iter_documents(paths, options.limits, options)
    if fmt in LOCATED_FORMATS:
        from .locate import iter_located

        reports = iter_located(checker, docs)
    else:
        reports = checker.iter_reports(docs)
    report = Report(list(reports), __version__)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = get_renderer(fmt)(report, {"color": color and fmt == "text", "verbose": verbose})
    code = exit_code(report, fail_on, accept_unverified=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(Path(output), text)
        _say_why(report, code)
    # cantTell is accepted here until the verdict model says "not verified" (issue 13)
    sys.exit(code)


def _check_io(paths: tuple[str, ...], output: str | None) -> None:
    """Usage errors about where input comes from and where the report goes."""
    if "-" in paths:
        why = stdin_unusable()
        if why:
            _fail(f"{why}: nothing to read for the input '-'")
    if output is not None:
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
    tmp = path.with_name(f".{path.name}.mcconform-tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
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
    debug: bool,
) -> None:
    """Audit a whole export: pass rates and top findings per issuer and per achievement.

    PATHS are directories, JSON Lines files and ZIP archives (or single documents).  Documents
    are streamed and only counters are kept, so memory stays flat however large the export.
    The exit code is 0 when the audit was written, 2 on a usage error or a missing input.
    """
    from . import audit as audit_mod

    set_debug(debug)
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "markdown")
    for p in paths:
        if p != "-" and not Path(p).exists():
            _fail(f"{p}: no such file or directory")
    _check_io(paths, output)
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
    result = audit_mod.Audit(max_examples=examples, max_groups=max_groups, inputs=list(paths))
    from .parallel import EngineError

    try:
        audit_mod.run(
            list(paths),
            checker,
            options.limits,
            progress=progress,
            audit=result,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            partition=partition,
        )
    except EngineError as e:
        _fail(str(e))
    text = audit_mod.render(result.to_dict(), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(Path(output), text)
    if INTERNAL_RULE in result.rules:
        click.echo("mcconform: error: some documents could not be checked (internal.error findings; "
                   "--debug shows the traceback)", err=True)
        sys.exit(EXIT_INTERNAL)


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
