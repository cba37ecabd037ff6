"""A check that meets an input it did not expect says "not checked": no traceback, no pass."""

from __future__ import annotations

from typing import Any

import pytest

import mcconform
from conftest import FIXTURES
from mcconform.checks import proof, status

SIGNED = FIXTURES / "ob3" / "valid" / "micro-credential.jwt"


@pytest.mark.parametrize(
    ("module", "inner", "rule", "words"),
    [
        (proof, "_check_proof", "proof.not-checked", "the proof could not be verified"),
        (status, "_check_status", "status.not-checked", "the status could not be checked"),
    ],
)
def test_an_unexpected_error_is_not_checked(
    monkeypatch: pytest.MonkeyPatch, module: Any, inner: str, rule: str, words: str
) -> None:
    def boom(doc: Any, ctx: Any) -> Any:
        yield from ()
        raise KeyError("surprise")

    monkeypatch.setattr(module, inner, boom)
    doc = mcconform.check(str(SIGNED), profiles=["trust"]).documents[0]
    hits = [f for f in doc.findings if f.rule == rule]
    assert len(hits) == 1 and hits[0].message.startswith(words) and "KeyError" in hits[0].message
    assert doc.profiles["trust"].verdict != "pass"
