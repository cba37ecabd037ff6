"""Developer sessions: `nox` runs lint, typecheck and tests; `nox -s bench` the benchmark;
`nox -s fuzz -- --seconds N` the fuzzer (not a default session)."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (reads ../shared/corpus in place when it is there)."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install("ruff>=0.5")
    paths = [p for p in ("src", "tests", "tools", "noxfile.py") if Path(p).exists()]
    session.run("ruff", "check", *paths)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy on the package."""
    session.install("-e", ".", "mypy>=1.10", "types-jsonschema")
    session.run("mypy")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Throughput and peak memory per core, side by side with the plain pyshacl pipeline
    (the compiled SHACL and JSON Schema pre-checks are regular dependencies)."""
    session.install("-e", ".", "check-jsonschema")  # check-jsonschema: the whole-process comparison
    session.run("python", "tools/bench.py", *session.posargs)
    session.run("python", "tools/bench_process.py")


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz the checker in process for a time budget (``nox -s fuzz -- --seconds 600``): random
    JSON, mutations of the fixtures and of ../shared/corpus, JWTs, sealed envelopes, baked
    images, ZIP and JSON Lines, every profile.  Failing inputs land in fixtures/fuzz/."""
    session.install("-e", ".[test]")
    session.run("python", "tools/fuzz.py", *session.posargs)
