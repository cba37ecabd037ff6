"""The fast paths of ``Checker._check_document`` give the reports of the general path:

* with one profile, shared check results are keyed without the settings' repr (nothing to
  share them with): adding an inapplicable second profile (which takes the general path, with
  the repr) must leave the first profile's result and the findings as they are;
* a profile without findings skips filtering, folding and counting: its result must be what
  ``_result`` gives for no findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from mcconform import api
from mcconform.api import Checker
from mcconform.options import Options
from mcconform.profiles import Profile, load
from mcconform.sources import iter_documents

NOWHERE = Profile(name="zz-nowhere", applies_to=("no-such-kind",), checks=("jsonld",))
NOW = "2026-01-01T00:00:00Z"


def _files() -> list[Path]:
    out = []
    for sub in ("ob3", "ob2", "elm", "vc"):
        root = FIXTURES / sub
        if root.exists():
            out.extend(sorted(p for p in root.rglob("*.json*") if p.is_file())[:25])
    return out


FILES = _files()


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_one_profile_same_as_shared_keys(path: Path) -> None:
    options = Options(now=NOW)
    for name in ("ob3", "vc", "core"):
        profile = load(name)
        alone = Checker([profile], options)
        shared = Checker([profile, NOWHERE], options)
        for doc_a, doc_b in zip(
            iter_documents([str(path)], options.limits, options),
            iter_documents([str(path)], options.limits, options),
            strict=True,
        ):
            a = alone.check_document(doc_a)
            b = shared.check_document(doc_b)
            assert b.profiles[NOWHERE.name].verdict == "inapplicable"
            assert a.profiles[name] == b.profiles[name]
            assert a.findings == b.findings
            assert a.meta == b.meta
            if a.findings == [] and doc_a.readable and profile.applies(doc_a.kind):
                assert a.profiles[name] == api._result(profile, a.profiles[name].verdict, [])


def test_fast_path_is_taken_and_counts_nothing() -> None:
    """A clean credential: every profile's result is an empty pass, as _result gives it."""
    path = FIXTURES / "ob3" / "valid" / "micro-credential.json"
    options = Options(now=NOW)
    checker = Checker(["ob3"], options)
    (doc,) = list(iter_documents([str(path)], options.limits, options))
    report = checker.check_document(doc)
    assert report.findings == []
    assert report.profiles["ob3"] == api._result(load("ob3"), "pass", [])
