"""Shared test fixtures.

The official reference corpus lives beside the project, in ``../shared/corpus``; tests that
compare against it read it in place and skip cleanly when it is absent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


@pytest.fixture
def corpus() -> Path:
    return corpus_path()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
