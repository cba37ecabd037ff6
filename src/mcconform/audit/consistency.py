"""Issuer and achievement consistency across an export (part of ``mcconform audit``).

Fed with the facts of each document (:mod:`mcconform.audit.facts`) in export order; keeps
per-issuer and per-achievement summaries, never documents:

* one issuer id with conflicting names, addresses or keys (each distinct value with the
  number of documents and the first source; at most ``MAX_VALUES`` values per field);
* issuer Profile documents of the export against the issuer objects embedded in credentials
  (the same comparison, with the profile's values marked);
* one achievement id with conflicting workload, level or assessment type;
* duplicate credential ids (ids of at most ``max_ids`` credentials are remembered);
* credentials dated before the issuer's accreditation is valid;
* per issuer, how many credentials carry a status entry (revocation / status list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_VALUES = 10
ISSUER_FIELDS = ("name", "address", "keys")
ACHIEVEMENT_FIELDS = ("workload", "level", "assessment")


@dataclass
class Values:
    """Distinct values of one field of one entity: value -> [documents, first source, from profile]."""

    seen: dict[str, list[Any]] = field(default_factory=dict)
    more: int = 0

    def add(self, value: str, source: str, profile: bool) -> None:
        v = self.seen.get(value)
        if v is None:
            if len(self.seen) >= MAX_VALUES:
                self.more += 1
                return
            self.seen[value] = [1, source, profile]
        else:
            v[0] += 1
            v[2] = v[2] or profile

    def to_list(self) -> list[dict[str, Any]]:
        return [
            {"value": k, "documents": n, "example": src, **({"from_profile": True} if prof else {})}
            for k, (n, src, prof) in self.seen.items()
        ]


@dataclass
class Entity:
    fields: dict[str, Values] = field(default_factory=dict)
    credentials: int = 0
    with_status: int = 0
    accredited_from: str | None = None

    def add(self, name: str, value: str | None, source: str, profile: bool = False) -> None:
        if value:
            self.fields.setdefault(name, Values()).add(value, source, profile)


class Consistency:
    def __init__(
        self, *, max_entities: int = 10_000, max_ids: int = 1_000_000, max_examples: int = 3
    ) -> None:
        self.max_entities = max_entities
        self.max_ids = max_ids
        self.max_examples = max_examples
        self.issuers: dict[str, Entity] = {}
        self.achievements: dict[str, Entity] = {}
        self.ids: dict[str, str] = {}
        self.ids_beyond_limit = 0
        self.duplicates: dict[str, list[str]] = {}
        self.duplicate_count = 0
        self.early: list[dict[str, Any]] = []
        self.early_count = 0
        self.beyond_limit = 0

    def _entity(self, table: dict[str, Entity], key: str) -> Entity | None:
        e = table.get(key)
        if e is None:
            if len(table) >= self.max_entities:
                self.beyond_limit += 1
                return None
            e = table[key] = Entity()
        return e

    def add(self, facts: dict[str, Any] | None, source: str) -> None:
        if not facts:
            return
        iss = facts.get("issuer") or {}
        profile = bool(facts.get("profile"))
        issuer = self._entity(self.issuers, iss["id"]) if iss.get("id") else None
        if issuer is not None:
            issuer.add("name", iss.get("name"), source, profile)
            issuer.add("address", iss.get("address"), source, profile)
            if iss.get("keys"):
                issuer.add("keys", ", ".join(iss["keys"]), source, profile)
            start = iss.get("accredited_from")
            if start and (issuer.accredited_from is None or start < issuer.accredited_from):
                issuer.accredited_from = start
            if facts.get("credential"):
                issuer.credentials += 1
                issuer.with_status += bool(facts.get("status"))
        for ach in facts.get("achievements") or ():
            a = self._entity(self.achievements, ach["id"])
            if a is not None:
                for f in ACHIEVEMENT_FIELDS:
                    a.add(f, ach.get(f), source)
        if facts.get("credential"):
            self._credential(facts, source, iss, issuer)

    def _credential(
        self, facts: dict[str, Any], source: str, iss: dict[str, Any], issuer: Entity | None
    ) -> None:
        cid = facts.get("id")
        if cid:
            first = self.ids.get(cid)
            if first is not None:
                self.duplicate_count += 1
                dup = self.duplicates.get(cid)
                if dup is None and len(self.duplicates) < self.max_examples * 10:
                    dup = self.duplicates[cid] = [first]
                if dup is not None and len(dup) < self.max_examples + 1:
                    dup.append(source)
            elif len(self.ids) < self.max_ids:
                self.ids[cid] = source
            else:
                self.ids_beyond_limit += 1
        issued = facts.get("issued")
        start = iss.get("accredited_from") or (issuer.accredited_from if issuer else None)
        if issued and start and issued < start:
            self.early_count += 1
            if len(self.early) < self.max_examples:
                self.early.append(
                    {"source": source, "issuer": iss.get("id"), "issued": issued, "accredited_from": start}
                )

    def to_dict(self) -> dict[str, Any]:
        def conflicts(table: dict[str, Entity], names: tuple[str, ...]) -> list[dict[str, Any]]:
            out = []
            for key in sorted(table):
                ent = table[key]
                bad = {
                    f: ent.fields[f].to_list()
                    for f in names
                    if f in ent.fields and len(ent.fields[f].seen) > 1
                }
                if bad:
                    out.append({"id": key, "conflicts": bad})
            return out

        issuers = conflicts(self.issuers, ISSUER_FIELDS)
        achievements = conflicts(self.achievements, ACHIEVEMENT_FIELDS)
        status = [
            {
                "issuer": key,
                "credentials": e.credentials,
                "with_status": e.with_status,
                "coverage": round(e.with_status / e.credentials, 4) if e.credentials else None,
            }
            for key, e in sorted(self.issuers.items())
            if e.credentials
        ]
        return {
            "issuer_conflicts": issuers,
            "achievement_conflicts": achievements,
            "profile_mismatches": [
                i for i in issuers if any(v.get("from_profile") for vs in i["conflicts"].values() for v in vs)
            ],
            "duplicate_ids": {
                "count": self.duplicate_count,
                "examples": [{"id": k, "sources": v} for k, v in self.duplicates.items()],
                "ids_beyond_limit": self.ids_beyond_limit,
            },
            "issued_before_accreditation": {"count": self.early_count, "examples": self.early},
            "status_coverage": status,
            "entities_beyond_limit": self.beyond_limit,
            "findings": len(issuers) + len(achievements) + self.duplicate_count + self.early_count,
        }
