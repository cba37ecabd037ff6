"""Stacking claims across an export (part of ``mcconform audit``).

* CLR 2.0 associations (judged inside each CLR by :func:`mcconform.audit.facts.clr_associations`):
  both ends are achievements of the CLR, the child/part/precedes graph has no cycle, and
  inverses agree (no pair stated both ``isChildOf`` and ``isParentOf``); an ``isChildOf``
  without its ``isParentOf`` (or the reverse) is counted as one-sided, not as a problem;
* ELM ``hasPart`` / ``isPartOf`` / ``entitlesTo`` of learning achievement specifications and
  qualifications resolve to a specification defined in the export (in any document, inline
  parts included);
* where a whole and all its parts state ECTS credit points, the parts' sum is compared with the
  whole: a warning with both figures when they differ.

Memory: one entry per specification id (its credit points and at most ``MAX_LINKS`` links),
bounded by ``max_specs``; bounded examples.
"""

from __future__ import annotations

from typing import Any

STACKING_SPEC = (
    "European Learning Model v3: hasPart / isPartOf / entitlesTo, creditPoint; CLR 2.0 Association"
)


class Stacking:
    def __init__(self, *, max_specs: int = 100_000, max_examples: int = 10) -> None:
        self.max_specs = max_specs
        self.max_examples = max_examples
        self.credits: dict[str, float | None] = {}
        self.names: dict[str, str | None] = {}
        self.links: dict[str, dict[str, list[str]]] = {}
        self.sources: dict[str, str] = {}
        self.specs_beyond_limit = 0
        kinds = ("dangling", "cycle", "inverse", "one_sided")
        self.clr: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
        self.clr_counts = dict.fromkeys(kinds, 0)
        self.clr_documents = 0

    def add(self, facts: dict[str, Any] | None, source: str) -> None:
        if not facts:
            return
        clr = facts.get("clr")
        if clr is not None:
            self.clr_documents += 1
            for what, items in clr.items():
                self.clr_counts[what] += len(items)
                for item in items:
                    if len(self.clr[what]) < self.max_examples:
                        self.clr[what].append({"source": source, "message": item})
        for spec in facts.get("elm") or ():
            sid = spec.get("id")
            if not sid:
                continue
            if sid not in self.credits and len(self.credits) >= self.max_specs:
                self.specs_beyond_limit += 1
                continue
            if self.credits.get(sid) is None:
                self.credits[sid] = spec.get("credits")
            self.names.setdefault(sid, spec.get("name"))
            self.sources.setdefault(sid, source)
            links = self.links.setdefault(sid, {})
            for key in ("hasPart", "isPartOf", "entitlesTo"):
                for target in spec.get(key) or ():
                    kept = links.setdefault(key, [])
                    if target not in kept and len(kept) < 50:
                        kept.append(target)

    def to_dict(self) -> dict[str, Any]:
        dangling: list[dict[str, Any]] = []
        dangling_count = 0
        credit: list[dict[str, Any]] = []
        for sid in sorted(self.links):
            links = self.links[sid]
            for key in ("hasPart", "isPartOf", "entitlesTo"):
                for target in links.get(key, ()):
                    if target not in self.credits:
                        dangling_count += 1
                        if len(dangling) < self.max_examples:
                            dangling.append({
                                "source": self.sources[sid],
                                "specification": sid,
                                "link": key,
                                "target": target,
                            })
            parts = links.get("hasPart", [])
            whole = self.credits.get(sid)
            if parts and whole is not None and all(self.credits.get(p) is not None for p in parts):
                total = sum(self.credits[p] or 0.0 for p in parts)
                if abs(total - whole) > 1e-6:
                    credit.append({
                        "source": self.sources[sid],
                        "specification": sid,
                        "name": self.names.get(sid),
                        "whole": whole,
                        "parts_sum": total,
                        "parts": len(parts),
                        "message": f"{sid} states {_fmt(whole)} ECTS; its {len(parts)} parts state "
                        f"{_fmt(total)} ECTS in all",
                    })
        return {
            "spec": STACKING_SPEC,
            "clr_documents": self.clr_documents,
            "clr": {what: {"count": self.clr_counts[what], "examples": self.clr[what]} for what in self.clr},
            "elm_specifications": len(self.credits),
            "elm_dangling": {"count": dangling_count, "examples": dangling},
            "credit_mismatches": {"count": len(credit), "examples": credit[: self.max_examples]},
            "specifications_beyond_limit": self.specs_beyond_limit,
            # a one-sided isChildOf / isParentOf is allowed (CLR 2.0 does not require both): not a finding
            "findings": sum(n for k, n in self.clr_counts.items() if k != "one_sided")
            + dangling_count
            + len(credit),
        }


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
