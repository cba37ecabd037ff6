"""Shared test fixtures.

The official reference corpus lives beside the project, in ``../shared/corpus``; tests that
compare against it read it in place and skip cleanly when it is absent.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

# start-up results kept across runs (mcconform.runcache) go to a folder of this test session,
# never to the user's cache; subprocesses inherit it
os.environ.setdefault("MCCONFORM_CACHE_DIR", tempfile.mkdtemp(prefix="mcconform-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("MCCONFORM_CORPUS", ROOT.parent / "shared" / "corpus"))
FIXTURES = ROOT / "fixtures"


def corpus_path(*parts: str) -> Path:
    """Path inside the reference corpus, or skip the test when the corpus is absent."""
    p = CORPUS.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"reference corpus not available: {p}")
    return p


def json_document(path: Path) -> Any | None:
    """The JSON value of ``path``, a sealed EDC's ``payload`` opened; None when it is not JSON."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if isinstance(data, dict) and isinstance(data.get("payload"), str):  # sealed EDC
            data = json.loads(data["payload"])
    except (ValueError, UnicodeDecodeError):
        return None
    return data


@pytest.fixture
def corpus() -> Path:
    return corpus_path()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


JUNIT_XSD = CORPUS / "reports" / "junit-10.xsd"


@pytest.fixture(autouse=True, scope="session")
def _junit_reports_validate_against_xunit() -> Any:
    """Every JUnit report the test suite renders is validated against the Jenkins xUnit
    plugin's junit-10.xsd (read in place from the corpus; nothing to do when it is absent)."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover
        yield
        return
    if not JUNIT_XSD.is_file():
        yield
        return
    from mcconform.renderers import junit

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    original = junit.render

    def checked(report: Any, opts: dict[str, Any]) -> str:
        text = original(report, opts)
        root = etree.fromstring(text.encode("utf-8"))
        assert schema.validate(root), f"JUnit report invalid against {JUNIT_XSD}: {schema.error_log}"
        return text

    junit.render = checked  # type: ignore[assignment]
    yield
    junit.render = original  # type: ignore[assignment]
