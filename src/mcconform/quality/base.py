"""The element model and the helpers the format extractors share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..pointer import join
from .elements import BY_ID, ELEMENTS


@dataclass
class Element:
    """One standard element found in a credential (or its absence).

    ``value`` is the display value (a string, number, boolean or list of strings), ``pointer``
    the JSON Pointer (into the document's data) where it was found or, when ``found`` is false,
    the node where it was expected; ``source`` names the format's property
    (``"ELM volumeOfLearning"``, ``"Edubadges extension SBU"``).  ``facets`` are normalised
    values that quality profiles test: ``hours`` and ``ects`` (workload), ``eqf`` (level),
    ``identity_verified`` (supervision), ``terms`` (vocabulary values: labels and IRIs).
    """

    id: str
    found: bool
    value: Any = None
    pointer: str = ""
    source: str = ""
    facets: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        spec = BY_ID.get(self.id)
        return spec.title if spec else self.id

    @property
    def mandatory(self) -> bool:
        spec = BY_ID.get(self.id)
        return bool(spec and spec.mandatory)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "mandatory": self.mandatory,
            "found": self.found,
            "value": self.value,
            "pointer": self.pointer,
            "source": self.source,
        }
        if self.facets:
            d["facets"] = {k: self.facets[k] for k in sorted(self.facets)}
        return d


class Collector:
    """Gathers the elements one extractor finds, and where the missing ones were expected."""

    def __init__(self, root: str = "") -> None:
        self.found: list[Element] = []
        self.expected: dict[str, str] = {}
        self.root = root

    def add(self, id: str, value: Any, pointer: str, source: str, **facets: Any) -> None:
        if id not in BY_ID or value is None or value == "" or value == []:
            return
        clean = {k: v for k, v in facets.items() if v is not None}
        for e in self.found:  # the same node reached twice (shared nodes of ELM graphs)
            if e.id == id and e.pointer == pointer:
                return
        self.found.append(Element(id, True, value, pointer, source, clean))

    def expect(self, id: str, pointer: str) -> None:
        self.expected.setdefault(id, pointer)

    def has(self, id: str) -> bool:
        return any(e.id == id for e in self.found)

    def result(self, base: str = "") -> list[Element]:
        out: list[Element] = []
        for spec in ELEMENTS:
            mine = [e for e in self.found if e.id == spec.id]
            if mine:
                for e in mine:
                    e.pointer = base + e.pointer
                out.extend(mine)
            else:
                out.append(Element(spec.id, False, pointer=base + self.expected.get(spec.id, self.root)))
        return out


# --------------------------------------------------------------------------- JSON helpers


#: the elements an achievement (OB 3.0) or badge class (OB 2.0) is expected to carry: where
#: one is missing, the report points at the achievement
ACHIEVEMENT_ELEMENTS = (
    "learning-outcomes",
    "workload",
    "level",
    "assessment-type",
    "participation-form",
    "quality-assurance",
    "prerequisites",
    "supervision",
    "stackability",
    "further-information",
)


def identity_verified(supervision: str | None) -> bool | None:
    """Whether a supervision label says the learner's identity was verified ("with identity
    verification" / "without ID verification"), or None when it does not say."""
    if not supervision:
        return None
    s = supervision.lower()
    if re.search(r"\b(without|no)\b[^,;]*\b(id|identity)\b", s):
        return False
    if re.search(r"\bwith\b[^,;]*\b(id|identity)\b", s):
        return True
    return None


def items(value: Any, pointer: str) -> Iterator[tuple[Any, str]]:
    """``(item, pointer)`` of a value that may be a single item or a list of them."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield v, join(pointer, i)
    elif value is not None:
        yield value, pointer


def dicts(value: Any, pointer: str) -> Iterator[tuple[dict[str, Any], str]]:
    for v, p in items(value, pointer):
        if isinstance(v, dict):
            yield v, p


def text(value: Any) -> str | None:
    """A display string from a string, a language map (``{"en": ...}``), ``@value`` or a list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        for v in value:
            t = text(v)
            if t:
                return t
        return None
    if isinstance(value, dict):
        if "@value" in value:
            return text(value["@value"])
        for lang in ("en", "en-GB", "en-US", "@none"):
            if lang in value:
                t = text(value[lang])
                if t:
                    return t
        for key in sorted(value):
            if 2 <= len(key) <= 8 and not key.startswith("@") and key not in ("id", "type"):
                t = text(value[key])
                if t:
                    return t
    return None


def label(node: Any) -> str | None:
    """The label of a SKOS Concept, an ELM Note, an organisation, or a plain string / IRI."""
    if isinstance(node, str):
        return node.strip() or None
    if not isinstance(node, dict):
        return text(node)
    for key in (
        "prefLabel",
        "legalName",
        "fullName",
        "name",
        "title",
        "noteLiteral",
        "altLabel",
        "notation",
        "targetName",
    ):
        t = text(node.get(key))
        if t:
            return t
    ident = node.get("id", node.get("@id"))
    return ident if isinstance(ident, str) and ident else None


def node_id(node: Any) -> str | None:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        i = node.get("id", node.get("@id"))
        return i if isinstance(i, str) else None
    return None


def terms(*values: Any) -> list[str]:
    """Lower-cased vocabulary values (labels and IRIs) for vocabulary rules."""
    out: list[str] = []
    for v in values:
        if isinstance(v, dict):
            for t in (label(v), node_id(v)):
                if t and t.lower() not in out:
                    out.append(t.lower())
            pref = v.get("prefLabel")
            if isinstance(pref, dict):
                for t in pref.values():
                    if isinstance(t, str) and t.lower() not in out:
                        out.append(t.lower())
        elif isinstance(v, str) and v.strip() and v.strip().lower() not in out:
            out.append(v.strip().lower())
    return out


def number(value: Any) -> float | None:
    """A number from a JSON number or a numeric string (``"2"``, ``"3,5"``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


_DURATION = re.compile(
    r"^P(?!$)(?:(?P<Y>\d+(?:[.,]\d+)?)Y)?(?:(?P<Mo>\d+(?:[.,]\d+)?)M)?(?:(?P<W>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<D>\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(?P<H>\d+(?:[.,]\d+)?)H)?(?:(?P<Mi>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<S>\d+(?:[.,]\d+)?)S)?)?$"
)


def duration_hours(value: Any) -> tuple[float | None, str | None]:
    """Hours of an ISO 8601 duration, and why not when it cannot be told.

    ``PT60H`` -> 60; ``P2DT4H`` -> 52 (a day is 24 hours, a week 7 days).  Years and months
    have no fixed length in hours: ``P1M`` gives ``(None, reason)``.
    """
    if not isinstance(value, str):
        return None, "not an ISO 8601 duration string"
    m = _DURATION.match(value.strip())
    if not m:
        return None, f"{value!r} is not an ISO 8601 duration (e.g. PT60H)"
    g = {k: float(v.replace(",", ".")) if v else 0.0 for k, v in m.groupdict().items()}
    if g["Y"] or g["Mo"]:
        return None, f"{value!r} counts years or months, which have no fixed number of hours"
    hours = g["W"] * 168 + g["D"] * 24 + g["H"] + g["Mi"] / 60 + g["S"] / 3600
    return round(hours, 4), None


_LEVEL = re.compile(r"(?<!\d)([1-8])(?!\d)")


def eqf_level(*candidates: Any) -> int | None:
    """The EQF level (1-8) from an EQF concept IRI (``.../snb/eqf/6``), a code or a label."""
    for c in candidates:
        if isinstance(c, bool) or c is None:
            continue
        if isinstance(c, int | float) and 1 <= c <= 8 and float(c).is_integer():
            return int(c)
        if isinstance(c, str):
            s = c.strip()
            m = re.search(r"/eqf/([1-8])$", s)
            if m:
                return int(m.group(1))
            m = _LEVEL.search(s)
            if m and len(s) <= 40:
                return int(m.group(1))
    return None
