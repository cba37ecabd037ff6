"""The ``convert`` and ``portability`` commands (registered on the ``mcconform`` group in
``cli.py``).  The logic lives in :mod:`mcconform.portability`; this module only reads the
command line, writes the outputs and picks the exit code."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from .exitcodes import EXIT_USAGE, exit_code
from .limits import DEFAULT_LIMITS, Limits
from .options import Options
from .outputs import write_atomic
from .renderers import FORMATS
from .renderers import get as get_renderer
from .report import Report
from .version import __version__


def _fail(message: str) -> NoReturn:
    click.echo(f"mcconform: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _options(
    resource_maps: tuple[str, ...], online: bool, now: str | None, max_bytes: int, max_depth: int
) -> Options:
    rmap: dict[str, str] = {}
    for v in resource_maps:
        prefix, sep, directory = v.partition("=")
        if not sep or not prefix.lower().startswith(("http://", "https://")) or not Path(directory).is_dir():
            _fail(f"--resource-map expects URL_PREFIX=DIR (an http(s) prefix and a directory), got {v!r}")
        rmap[prefix] = directory
    when = datetime.now(UTC)
    if now:
        try:
            when = datetime.fromisoformat(now.replace("Z", "+00:00"))
        except ValueError:
            _fail(f"--now expects an ISO 8601 date-time, got {now!r}")
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return Options(
        now=when, online=online, resource_map=rmap, limits=Limits(max_bytes=max_bytes, max_depth=max_depth)
    )


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as e:
        _fail(f"cannot write {path}: {e.strerror or e}")


def _dump(doc: object) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def common_options(fn):  # type: ignore[no-untyped-def]
    for deco in reversed(
        [
            click.option(
                "--resource-map",
                "resource_maps",
                multiple=True,
                metavar="URL_PREFIX=DIR",
                help="Serve hosted documents under URL_PREFIX from DIR (offline).",
            ),
            click.option(
                "--online/--offline", default=False, show_default=True, help="Allow network access."
            ),
            click.option(
                "--now", metavar="DATETIME", help="Judge validity periods at this instant (ISO 8601)."
            ),
            click.option(
                "-f",
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                default="text",
                show_default=True,
                help="Format of the report.",
            ),
            click.option(
                "--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes, show_default=True
            ),
            click.option(
                "--max-depth",
                type=click.IntRange(1, 10000),
                default=DEFAULT_LIMITS.max_depth,
                show_default=True,
            ),
        ]
    ):
        fn = deco(fn)
    return fn


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--to",
    "target",
    type=click.Choice(["ob3", "elm", "vc2", "clr"]),
    required=True,
    help="Target format: ob3 (Open Badges 3.0), elm (European Digital Credential), "
    "vc2 (OB 3.0 on VC Data Model 2.0), clr (one CLR 2.0 of all inputs).",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Write the converted document to OUT (a directory when there are several).",
)
@click.option(
    "--report",
    "report_path",
    metavar="FILE",
    help="Write the loss report to FILE (else stdout with -o, stderr without).",
)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True
)
@click.option(
    "--accept-unverified",
    is_flag=True,
    help="Exit 0 (not 3) when nothing failed but some result is not verified (cantTell).",
)
@common_options
def convert(
    paths: tuple[str, ...],
    target: str,
    output: str | None,
    report_path: str | None,
    fail_on: str,
    accept_unverified: bool,
    resource_maps: tuple[str, ...],
    online: bool,
    now: str | None,
    fmt: str,
    max_bytes: int,
    max_depth: int,
) -> None:
    """Convert credentials to another format, with a loss report, and check the result
    against the target's profiles in the same run.

    OB 2.0 / 1.x assertion -> ob3; OB 3.0 -> elm, vc2, clr; ELM -> ob3.  The output is
    unsigned (a source proof is dropped and reported) and nothing is invented: what the
    target requires and the source lacks is in the loss report (portability.* findings).
    Exit codes as for check: 1 when a conversion failed or its result fails the target, 3
    when nothing failed but a result is not verified (cantTell) unless --accept-unverified.
    """
    from .api import Checker
    from .portability import conversion_report, convert_all
    from .sources import iter_documents

    options = _options(resource_maps, online, now, max_bytes, max_depth)
    for out_path in [p for p in (output, report_path) if p]:
        for p in paths:
            if p != "-" and Path(p).exists() and Path(p).resolve() == Path(out_path).resolve():
                _fail(f"{out_path} is one of the inputs; mcconform never overwrites its input")
    checker = Checker(None, options)
    convs = convert_all(iter_documents(paths, options.limits, options), target, checker)
    produced = [c for c in convs if c.document is not None]
    if output is not None:
        many = len(produced) > 1 or (len(paths) > 1 and target != "clr") or Path(output).is_dir()
        if many:
            outdir = Path(output)
            outdir.mkdir(parents=True, exist_ok=True)
            for i, c in enumerate(produced):
                stem = Path(c.source.split("#")[0]).stem or f"document-{i + 1}"
                _write(outdir / f"{i + 1:03d}-{stem}.{target}.json", _dump(c.document))
        elif produced:
            _write(Path(output), _dump(produced[0].document))
    elif len(produced) == 1:
        click.echo(_dump(produced[0].document), nl=False)
    elif produced:
        for c in produced:
            click.echo(json.dumps(c.document, ensure_ascii=False, sort_keys=False))
    report = Report(conversion_report(convs), __version__)
    text = get_renderer(fmt)(report, {"color": False, "verbose": False})
    if report_path:
        _write(Path(report_path), text)
    else:
        click.echo(text, nl=False, err=output is None)
    sys.exit(exit_code(report, fail_on, accept_unverified=accept_unverified))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--resource-map",
    "resource_maps",
    multiple=True,
    metavar="URL_PREFIX=DIR",
    help="Serve hosted documents under URL_PREFIX from DIR (offline).",
)
@click.option("--online/--offline", default=False, show_default=True, help="Allow network access.")
@click.option("--now", metavar="DATETIME", help="Judge validity periods at this instant (ISO 8601).")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes, show_default=True)
@click.option(
    "--max-depth", type=click.IntRange(1, 10000), default=DEFAULT_LIMITS.max_depth, show_default=True
)
def portability(
    paths: tuple[str, ...],
    fmt: str,
    resource_maps: tuple[str, ...],
    online: bool,
    now: str | None,
    max_bytes: int,
    max_depth: int,
) -> None:
    """Per document: for the document as it is and for each format it can be converted to
    (ob3, elm, vc2), whether each receiver (europass-wallet, dcc-lcw, 1edtech-displayer,
    ebsi-vcdm2, canvas-credentials) would accept it, refuse it, or cannot be verified offline,
    and what the conversion would lose.  Exit code 2 when an input could not be read."""
    from .portability.survey import render_text, survey_all
    from .sources import iter_documents

    options = _options(resource_maps, online, now, max_bytes, max_depth)
    data = survey_all(list(iter_documents(paths, options.limits, options)), options)
    click.echo(
        json.dumps(data, indent=2, ensure_ascii=False) if fmt == "json" else render_text(data),
        nl=fmt == "json",
    )
    sys.exit(EXIT_USAGE if any(d["kind"] == "unreadable" for d in data["documents"]) else 0)
