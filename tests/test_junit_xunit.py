"""JUnit reports are valid for the Jenkins xUnit plugin (junit-10.xsd, read in place) and for
tests/schemas/junit.xsd, on every fixture and every corpus document."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, FIXTURES, JUNIT_XSD, corpus_path
from mcconform.cli import main

SCHEMAS = Path(__file__).resolve().parent / "schemas"


def validate(paths: list[str]) -> int:
    etree = pytest.importorskip("lxml.etree")
    res = CliRunner().invoke(
        main, ["check", "--now", "2026-01-01T00:00:00Z", "--format", "junit", *paths], catch_exceptions=False
    )
    assert res.exit_code in (0, 1, 2, 3), res.output
    root = etree.fromstring(res.output.encode("utf-8"))
    for xsd in (SCHEMAS / "junit.xsd", JUNIT_XSD):
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        assert schema.validate(root), (xsd, schema.error_log)
    return len(root.findall("testsuite/testcase"))


def test_fixtures_junit_is_valid() -> None:
    corpus_path("reports", "junit-10.xsd")
    assert validate([str(FIXTURES / "ob2"), str(FIXTURES / "ob3")]) > 50


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["openbadges", "elm", "w3c"])
def test_corpus_junit_is_valid(folder: str) -> None:
    corpus_path("reports", "junit-10.xsd")
    assert validate([str(corpus_path(folder))]) > 0
    assert CORPUS.is_dir()
