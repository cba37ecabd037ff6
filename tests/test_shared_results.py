"""Check results are shared between the profiles of one document only where they cannot
differ: a receiver's findings name the receiver, which is the profile's name when its
settings do not give one (two such profiles each get their own findings)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mcconform.api import Checker
from mcconform.limits import Limits
from mcconform.profiles import load
from mcconform.sources import iter_documents

OB3 = Path(__file__).resolve().parents[1] / "fixtures" / "ob3" / "valid" / "micro-credential.json"


def test_two_unnamed_receivers_with_the_same_settings_each_name_themselves() -> None:
    canvas = load("canvas-credentials")
    settings = dict(canvas.settings)
    settings["receiver"] = {k: v for k, v in settings["receiver"].items() if k != "receiver"}
    x = replace(canvas, name="receiver-x", settings=dict(settings))
    y = replace(canvas, name="receiver-y", settings=dict(settings))
    (doc,) = list(iter_documents([str(OB3)], Limits()))
    report = Checker([x, y]).check_document(doc)
    receivers = [f for f in report.findings if f.rule.startswith("receiver.")]
    named = {f.message.split(",")[0] for f in receivers}
    assert named == {"receiver-x", "receiver-y"}
    results = report.profiles
    assert len(receivers) % 2 == 0 and results["receiver-x"].to_dict() == results["receiver-y"].to_dict()
