"""Offline issuer registries for ``mcconform audit --registry FILE``.

A registry snapshot is a file the user downloaded; mcconform never fetches it.  Two formats:

**DEQAR snapshot (JSON)**, a minimal subset of the fields of DEQAR's public web API
(``/webapi/v2/browse/institutions/`` and ``/browse/reports/``)::

    {
      "format": "mcconform-deqar-snapshot/1",
      "institutions": [
        {"deqar_id": "DEQARINST0001", "name_primary": "Example University",
         "website_link": "https://uni.example.org/",
         "identifiers": ["https://uni.example.org/issuer", "did:web:uni.example.org"]}
      ],
      "reports": [
        {"id": 90001, "institutions": [{"deqar_id": "DEQARINST0001"}],
         "valid_from": "2021-01-01", "valid_to": "2027-12-31",
         "decision": "positive", "status": "part of obligatory EQA system"}
      ]
    }

An issuer id matches an institution by one of its ``identifiers`` (the ids the institution
issues under: DEQAR itself records identifiers such as Erasmus or EU-PIC codes, not
credential issuer ids, so the user adds them), its ``website_link``, its ``deqar_id`` or
its DEQAR permalink ``https://data.deqar.eu/institution/{id}`` (trailing slashes ignored).
An ELM credential whose accreditation id is a report's permalink
``https://data.deqar.eu/report/{id}`` (DEQAR's own ELM export) is judged by that report.
A report is valid on a date when ``valid_from <= date <= valid_to`` (no ``valid_to``: open
ended) and its ``decision`` is not ``negative``.

**CSV of trusted issuer ids**: one issuer id per line, in a column named ``issuer_id`` or
``id`` when there is a header, else the first column; optional ``valid_from`` / ``valid_to``
columns give the period the listing is valid for (no columns: always valid).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .checks.accreditation import parse_date

DEQAR_INSTITUTION = "https://data.deqar.eu/institution/"
DEQAR_REPORT = "https://data.deqar.eu/report/"


class RegistryError(ValueError):
    """The snapshot could not be read; the message says why."""


Span = tuple[date | None, date | None, str]  # valid_from, valid_to, decision


@dataclass
class Listing:
    name: str | None
    reports: list[Span] = field(default_factory=list)


def _norm(ident: str) -> str:
    return ident.strip().rstrip("/")


@dataclass
class Registry:
    source: str
    format: str
    by_id: dict[str, Listing] = field(default_factory=dict)
    #: DEQAR report permalink -> the institutions' listing and the report's own validity
    reports: dict[str, tuple[Listing, list[Span]]] = field(default_factory=dict)

    def report(self, cited: list[str], issued: str | None) -> tuple[bool, bool | None, str | None]:
        """A DEQAR report an ELM accreditation cites (its id is the report permalink)."""
        for ident in cited:
            hit = self.reports.get(_norm(ident))
            if hit is not None:
                listing, spans = hit
                day = parse_date(issued) if issued else None
                if day is None:
                    return True, None, listing.name
                return True, _valid(spans, day), listing.name
        return False, None, None

    def lookup(self, issuer: str | None, issued: str | None) -> tuple[bool, bool | None, str | None]:
        """``(listed, report valid on the issuance date (None: no date or no report), name)``."""
        if not issuer:
            return False, None, None
        listing = self.by_id.get(_norm(issuer))
        if listing is None:
            return False, None, None
        day = parse_date(issued) if issued else None
        if day is None or not listing.reports:
            return True, None, listing.name
        return True, _valid(listing.reports, day), listing.name


def _valid(spans: list[Span], day: date) -> bool:
    return any(
        (start is None or start <= day) and (end is None or day <= end) and decision != "negative"
        for start, end, decision in spans
    )


def load(path: str) -> Registry:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise RegistryError(f"{path}: cannot read the registry snapshot ({e})") from e
    if p.suffix.lower() == ".csv" or not text.lstrip().startswith(("{", "[")):
        return _csv(path, text)
    try:
        data = json.loads(text)
    except ValueError as e:
        raise RegistryError(f"{path}: not JSON ({e})") from e
    return _deqar(path, data)


def _deqar(path: str, data: Any) -> Registry:
    if not isinstance(data, dict) or not isinstance(data.get("institutions"), list):
        raise RegistryError(f"{path}: a DEQAR snapshot is an object with an \"institutions\" list")
    reg = Registry(path, "deqar")
    by_deqar: dict[str, Listing] = {}
    for inst in data["institutions"]:
        if not isinstance(inst, dict) or not isinstance(inst.get("deqar_id"), str):
            continue
        listing = by_deqar.setdefault(inst["deqar_id"], Listing(inst.get("name_primary")))
        keys = [inst["deqar_id"], DEQAR_INSTITUTION + inst["deqar_id"]]
        if isinstance(inst.get("website_link"), str):
            keys.append(inst["website_link"])
        keys += [i for i in inst.get("identifiers") or () if isinstance(i, str)]
        for k in keys:
            reg.by_id.setdefault(_norm(k), listing)
    for rep in data.get("reports") or ():
        if not isinstance(rep, dict):
            continue
        start, end = parse_date(rep.get("valid_from")), parse_date(rep.get("valid_to"))
        span = (start, end, str(rep.get("decision", "")))
        for inst in rep.get("institutions") or ():
            did = inst.get("deqar_id") if isinstance(inst, dict) else inst
            if isinstance(did, str) and did in by_deqar:
                by_deqar[did].reports.append(span)
                if isinstance(rep.get("id"), int | str):
                    reg.reports.setdefault(_norm(f"{DEQAR_REPORT}{rep['id']}"), (by_deqar[did], [span]))
    return reg


def _csv(path: str, text: str) -> Registry:
    reg = Registry(path, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RegistryError(f"{path}: the CSV registry is empty")
    head = [h.strip().lower() for h in rows[0]]
    col = next((head.index(n) for n in ("issuer_id", "id") if n in head), None)
    if col is not None:
        rows = rows[1:]
    start = head.index("valid_from") if "valid_from" in head else None
    end = head.index("valid_to") if "valid_to" in head else None
    name = head.index("name") if "name" in head else None
    for row in rows:
        if not row or not row[col or 0].strip():
            continue

        def cell(i: int | None, r: list[str] = row) -> str | None:
            return r[i] if i is not None and i < len(r) and r[i].strip() else None

        listing = reg.by_id.setdefault(_norm(row[col or 0]), Listing(cell(name)))
        if start is not None or end is not None:
            listing.reports.append((parse_date(cell(start)), parse_date(cell(end)), ""))
    return reg
