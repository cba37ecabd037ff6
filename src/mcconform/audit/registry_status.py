"""The registry section of an audit (``mcconform audit --registry FILE``): per issuer, listed
in the offline snapshot (:mod:`mcconform.registry`) or not, and on how many issuance dates its
quality-assurance report was valid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..registry import Registry


class RegistryAudit:
    """Per issuer: listed or not, and on how many issuance dates its report was valid."""

    def __init__(self, registry: Registry, max_issuers: int = 10_000) -> None:
        self.registry = registry
        self.max_issuers = max_issuers
        self.rows: dict[str, dict[str, Any]] = {}

    def add(self, facts: dict[str, Any] | None) -> None:
        if not facts or not facts.get("credential"):
            return
        iss = (facts.get("issuer") or {}).get("id")
        if not iss:
            return
        row = self.rows.get(iss)
        if row is None:
            if len(self.rows) >= self.max_issuers:
                return
            listed, _v, name = self.registry.lookup(iss, None)
            if not listed:
                listed, _v, name = self.registry.report(facts.get("accreditations") or [], None)
            row = self.rows[iss] = {
                "issuer": iss, "listed": listed, "registry_name": name,
                "credentials": 0, "report_valid": 0, "report_not_valid": 0, "not_judged": 0,
            }
        row["credentials"] += 1
        if row["listed"]:
            listed, valid, _n = self.registry.lookup(iss, facts.get("issued"))
            cited = facts.get("accreditations") or []
            if cited and (not listed or valid is None):  # the DEQAR report the credential cites
                by_report = self.registry.report(cited, facts.get("issued"))
                if by_report[0]:
                    valid = by_report[1]
            key = {True: "report_valid", False: "report_not_valid", None: "not_judged"}[valid]
            row[key] += 1

    def to_dict(self) -> dict[str, Any]:
        issuers = []
        for key in sorted(self.rows):
            row = dict(self.rows[key])
            if not row["listed"]:
                row["status"] = "not listed"
            elif row["report_not_valid"]:
                row["status"] = f"listed, report not valid on {row['report_not_valid']} issuance date(s)"
            elif row["report_valid"]:
                row["status"] = "listed, report valid"
            elif self.registry.format == "csv":
                row["status"] = "listed (trusted issuer list without validity dates)"
            else:
                row["status"] = "listed, report validity not judged (no issuance date or no report)"
            issuers.append(row)
        return {"source": self.registry.source, "format": self.registry.format, "issuers": issuers}
