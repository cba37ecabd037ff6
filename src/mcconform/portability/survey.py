"""``mcconform portability``: for each document, what each target format would keep and
whether each receiving system would take the document as it is or converted.

For a document, the *variants* are the document as it is and each conversion mcconform can
make of it (``ob3``, ``elm``, ``vc2``); each variant is checked with every receiver profile
(the built-in profiles that run the ``receiver`` check): ``accepted``, ``refused`` or
``not verifiable offline`` (cantTell), with the reasons, and each conversion lists what it
would lose (the loss report's entries).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .. import detect
from ..api import Checker
from ..document import Document
from ..options import Options
from ..profiles import Profile, builtin_profiles
from ..sources import document_from_text
from . import losses
from .common import Conversion

TARGETS = ("ob3", "elm", "vc2")
STATUS = {
    "pass": "accepted",
    "fail": "refused",
    "cantTell": "not verifiable offline",
    "inapplicable": "refused",
}


def receivers() -> list[Profile]:
    return [p for p in builtin_profiles() if "receiver" in p.checks]


@dataclass
class Variant:
    name: str  # "as is" or the target format
    kind: str
    receivers: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    lost: list[dict[str, str]] = field(default_factory=list)
    target_verdicts: dict[str, str] = field(default_factory=dict)
    unexplained: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "variant": self.name,
            "kind": self.kind,
            "receivers": {k: {"status": s, "reasons": r} for k, (s, r) in sorted(self.receivers.items())},
            "target_profiles": self.target_verdicts,
            "lost": self.lost,
            "unexplained": self.unexplained,
        }


def _receiver_results(doc: Document, checkers: dict[str, Checker]) -> dict[str, tuple[str, list[str]]]:
    out = {}
    for name, ch in checkers.items():
        rep = ch.check_document(doc)
        verdict = rep.profiles[name].verdict if name in rep.profiles else "fail"
        why = [f.message for f in rep.findings if f.severity == "error" or f.rule.endswith("not-checked")]
        out[name] = (STATUS[verdict], sorted(set(why)))
    return out


def survey(doc: Document, options: Options, checkers: dict[str, Checker], base: Checker) -> dict[str, Any]:
    """The portability of one document (already read)."""
    from . import convert, supported

    detect.detect(doc, options.limits)
    result: dict[str, Any] = {"source": doc.source, "kind": doc.kind if doc.readable else "unreadable"}
    if not doc.readable:
        result["variants"] = []
        return result
    variants = [Variant("as is", doc.kind, _receiver_results(doc, checkers))]
    for target in TARGETS:
        if not supported(doc.kind, target, doc):
            continue
        conv: Conversion = convert(doc, target, base)
        v = Variant(target, "")
        v.lost = [
            {"rule": f.rule, "pointer": f.pointer, "message": f.message}
            for f in conv.losses
            if (losses.is_loss(f) and f.severity != "info") or f.rule == losses.APPROXIMATE.id
        ]
        v.target_verdicts = conv.verdicts
        v.unexplained = sum(f.rule == losses.UNEXPLAINED.id for f in conv.checked)
        if conv.document is not None:
            out = Document(source=f"{doc.source} (as {target})")
            document_from_text(out, json.dumps(conv.document), options.limits)
            detect.detect(out, options.limits)
            v.kind = out.kind
            v.receivers = _receiver_results(out, checkers)
        variants.append(v)
    result["variants"] = [v.to_dict() for v in variants]
    return result


def survey_all(docs: list[Document], options: Options) -> dict[str, Any]:
    base = Checker(None, options)
    checkers = {p.name: Checker([p], options) for p in receivers()}
    return {"documents": [survey(d, options, checkers, base) for d in docs]}


def render_text(data: dict[str, Any]) -> str:
    lines: list[str] = []
    for d in data["documents"]:
        lines.append(f"{d['source']} [{d['kind']}]")
        for v in d.get("variants", []):
            head = (
                v["variant"]
                if v["variant"] == "as is"
                else f"converted to {v['variant']} ({v['kind'] or 'not produced'})"
            )
            lines.append(f"  {head}")
            if v["target_profiles"]:
                verdicts = ", ".join(f"{k}: {s}" for k, s in v["target_profiles"].items())
                lines.append(f"    target profiles: {verdicts}; unexplained violations: {v['unexplained']}")
            for name, r in v["receivers"].items():
                lines.append(f"    {name:<20} {r['status']}")
                for why in r["reasons"][:3]:
                    lines.append(f"      - {why}")
                if len(r["reasons"]) > 3:
                    lines.append(f"      - ... and {len(r['reasons']) - 3} more")
            if v["variant"] != "as is":
                counts: dict[str, int] = {}
                for x in v["lost"]:
                    counts[x["rule"]] = counts.get(x["rule"], 0) + 1
                summary = ", ".join(
                    f"{n} {r.removeprefix('portability.')}" for r, n in sorted(counts.items())
                )
                lines.append(f"    would lose: {summary or 'nothing'}")
                for x in v["lost"]:
                    if x["rule"] in (
                        "portability.annex-element-lost",
                        "portability.proof-dropped",
                        "portability.verification-lost",
                    ):
                        lines.append(f"      - {x['pointer'] or '/'}: {x['message']}")
        lines.append("")
    return "\n".join(lines)
