"""Micro-credential quality: the standard elements of the EU 2022 Recommendation, judged by a
quality profile.

The elements come from :func:`mcconform.quality.extract_elements` (OB 3.0, OB 2.0, ELM and
platform extensions).  What a profile requires is data, in its ``[settings.quality]`` table::

    [settings.quality]
    source = "..."                 # the text findings cite (default: the Recommendation, Annex I)
    required = ["workload", ...]   # missing -> error   (quality.missing-required)
    recommended = [...]            # missing -> warning (quality.missing-recommended)
    optional = [...]               # missing -> info    (quality.missing-optional)

    [settings.quality.workload]
    min_hours = 100                # notional workload bounds, in hours and/or ECTS credits
    max_hours = 150
    min_ects = 4
    max_ects = 6
    require_ects = "error"         # the workload must be stated in ECTS ("error", "warning", "info", false)
    require_hours = false          # ... in hours
    hours_per_ects = [25, 30]      # ECTS users' guide: 25 to 30 hours of work per credit
    tolerance = 0.1                # accepted relative deviation outside hours_per_ects
    consistency = "warning"        # severity when hours and ECTS disagree ("ignore" to skip)

    [settings.quality.level]
    eqf_min = 4                    # EQF level bounds
    eqf_max = 7

    [settings.quality.vocabulary]  # allowed values per element (labels or IRIs, any case)
    assessment-type = ["testing", "portfolio"]

    [settings.quality.supervision]
    require_identity_verification = "error"

Element ids are those of ``mcconform elements`` (:data:`mcconform.quality.ELEMENTS`).  A
profile without a ``[settings.quality]`` table requires the Recommendation's mandatory
elements (errors) and lists its optional ones (info).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from ...document import Document
from ...quality import BY_ID, MANDATORY, OPTIONAL, RECOMMENDATION, Element, extract_elements
from ...report import Finding, Severity
from ...rules import rule
from .. import CheckContext, check

ANNEX = RECOMMENDATION
SEVERITIES = ("error", "warning", "info")

_DOC_ELEMENTS = "Element ids: " + ", ".join(BY_ID) + " (`mcconform elements FILE` shows them)."

MISSING_REQUIRED = rule(
    "quality.missing-required",
    "error",
    "A standard element the quality profile requires is not in the credential.",
    ANNEX,
    f"""
    The quality profile lists the element under ``required`` (``[settings.quality]``); the
    credential does not state it in any place mcconform knows for its format.  The pointer is
    the node where the element was expected (e.g. the ELM Qualification for ``accreditation``,
    the OB 3.0 Achievement for the EQF alignment).  {_DOC_ELEMENTS}

    FAIL (eu-mc-2022): an ELM credential whose Qualification has no ``accreditation``
    (type of quality assurance).
    PASS: the Qualification has ``"accreditation": {{"id": "urn:...", "type": "Accreditation", ...}}``.
    """,
)
MISSING_RECOMMENDED = rule(
    "quality.missing-recommended",
    "warning",
    "A standard element the quality profile recommends is not in the credential.",
    ANNEX,
    f"The profile lists the element under ``recommended``.  {_DOC_ELEMENTS}",
)
MISSING_OPTIONAL = rule(
    "quality.missing-optional",
    "info",
    "An optional standard element is not in the credential.",
    ANNEX,
    f"The profile lists the element under ``optional`` (reported for information).  {_DOC_ELEMENTS}",
)
WORKLOAD_RANGE = rule(
    "quality.workload-range",
    "error",
    "The notional workload is outside the range the quality profile allows.",
    ANNEX + ": notional workload",
    """
    ``[settings.quality.workload]`` ``min_hours`` / ``max_hours`` / ``min_ects`` / ``max_ects``
    bound the workload.  Hours come from ELM ``volumeOfLearning`` (ISO 8601 duration) or
    platform extensions (Edubadges ``SBU`` / ``timeInvestment``); ECTS from ELM ``creditPoint``
    (ECTS framework), OB 3.0 ``creditsAvailable`` or Edubadges ``ECTS``.  When the credential
    states only the other unit, it is converted with ``hours_per_ects`` and fails only when no
    rate in that range brings it within the bounds.

    FAIL (cmf: 100-150 hours): ``"volumeOfLearning": "PT60H"``.
    PASS: ``"volumeOfLearning": "PT125H"``.
    """,
)
WORKLOAD_UNIT = rule(
    "quality.workload-unit",
    "error",
    "The notional workload is not stated in the unit the quality profile requires.",
    ANNEX + ": notional workload (in ECTS, wherever possible)",
    """
    ``require_ects`` / ``require_hours`` in ``[settings.quality.workload]`` (a severity, or
    false): the workload must be given in ECTS credits / in hours.

    FAIL (require_ects): only ``"SBU": 240``.  PASS: ``"ECTS": 3``.
    """,
)
WORKLOAD_CONSISTENCY = rule(
    "quality.workload-consistency",
    "warning",
    "The workload in hours and the ECTS credits disagree.",
    "ECTS Users' Guide 2015, 3.1: one credit corresponds to 25 to 30 hours of work",
    """
    When a credential states both hours and ECTS, hours / ECTS must lie within
    ``hours_per_ects`` (default 25-30), widened by ``tolerance`` (default 10%).  The severity is
    the profile's ``consistency`` setting.

    FAIL: ``PT100H`` with 2 ECTS (50 h per credit).  PASS: ``PT60H`` with 2 ECTS (30 h per credit).
    """,
)
WORKLOAD_UNREADABLE = rule(
    "quality.workload-unreadable",
    "warning",
    "The workload is stated in a form that cannot be compared with the profile's bounds.",
    ANNEX + ": notional workload",
    """
    E.g. an ELM ``volumeOfLearning`` in months or years (``P1M``: no fixed number of hours) or
    a credit point that is not a number, while the profile bounds or compares the workload.
    """,
)
LEVEL_RANGE = rule(
    "quality.level-range",
    "error",
    "The EQF level is outside the range the quality profile allows, or cannot be told.",
    ANNEX + ": level (European Qualifications Framework)",
    """
    ``[settings.quality.level]`` ``eqf_min`` / ``eqf_max``.  The EQF level comes from ELM
    ``eqfLevel`` (``http://data.europa.eu/snb/eqf/N``) or an OB alignment to the EQF.  A level
    given only in a national framework cannot be compared: reported as a warning.

    FAIL (cmf, EQF 4-7): ``"eqfLevel": {"id": "http://data.europa.eu/snb/eqf/8"}``.
    PASS: ``.../eqf/6``.
    """,
)
VOCABULARY = rule(
    "quality.vocabulary",
    "error",
    "An element's value is not one the quality profile allows.",
    ANNEX,
    """
    ``[settings.quality.vocabulary]`` maps element ids to allowed values (labels or concept
    IRIs, compared without case).  An element passes when one of its stated values is allowed.

    FAIL (``assessment-type = ["testing"]``): ``"assessmentType": "portfolio"``.
    PASS: ``"assessmentType": "testing"``.
    """,
)
IDENTITY = rule(
    "quality.identity-verification",
    "error",
    "The credential does not state that the learner's identity was verified at assessment.",
    ANNEX + ": supervision and identity verification during assessment",
    """
    ``[settings.quality.supervision]`` ``require_identity_verification`` (a severity, or false).
    Read from ELM ``idVerification`` (supervision-verification vocabulary: "... with ID
    verification") or Edubadges ``supervisionType`` / ``identityChecked``.

    FAIL: ``"Unsupervised without ID Verification"``.
    PASS: ``"supervisionType": "onsite with identity verification"``.
    """,
)
PROFILE_SETTING = rule(
    "quality.profile-setting",
    "error",
    "The quality profile has a setting mcconform cannot use.",
    "mcconform quality profiles ([settings.quality])",
    "An unknown element id, a malformed bound or an unknown severity in ``[settings.quality]``.  "
    + _DOC_ELEMENTS,
)


def _severity(value: Any, default: Severity | None) -> Severity | None:
    """A severity from a setting: a severity name, true (the default), false / "ignore" (None)."""
    if value is True:
        return default
    if value is False or value is None or value == "ignore":
        return None
    if value in SEVERITIES:
        return cast(Severity, value)
    return default


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class _Run:
    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.ctx = ctx
        raw = ctx.setting("quality", None)
        self.settings: dict[str, Any] = raw if isinstance(raw, dict) else {}
        self.profile = ctx.profile.name
        src = self.settings.get("source")
        self.spec = src if isinstance(src, str) and src.strip() else ANNEX
        self.elements = extract_elements(doc)
        self.by_id: dict[str, list[Element]] = {}
        for e in self.elements:
            self.by_id.setdefault(e.id, []).append(e)
        self.findings: list[Finding] = []

    # ------------------------------------------------------------ helpers

    def found(self, id: str) -> list[Element]:
        return [e for e in self.by_id.get(id, []) if e.found]

    def expected(self, id: str) -> str:
        for e in self.by_id.get(id, []):
            if not e.found:
                return e.pointer
        return self.doc.base

    def tag(self) -> str:
        return f"[profile {self.profile}]"

    def bad_setting(self, message: str) -> None:
        self.findings.append(
            PROFILE_SETTING.finding(
                f"{message} {self.tag()}",
                self.doc.base,
                spec=f"profile {self.ctx.profile.source or self.profile}",
            )
        )

    def section(self, name: str) -> dict[str, Any]:
        v = self.settings.get(name, {})
        if not isinstance(v, dict):
            self.bad_setting(f"[settings.quality.{name}] must be a table")
            return {}
        return v

    def num(self, table: dict[str, Any], key: str, where: str) -> float | None:
        v = table.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int | float):
            self.bad_setting(f"[settings.quality.{where}] {key} must be a number, not {v!r}")
            return None
        return float(v)

    def ids(self, key: str, default: tuple[str, ...]) -> list[str]:
        v = self.settings.get(key, list(default) if not self.settings else [])
        if not isinstance(v, list):
            self.bad_setting(f"[settings.quality] {key} must be a list of element ids")
            return []
        out = []
        for i in v:
            if i in BY_ID:
                out.append(i)
            else:
                self.bad_setting(
                    f"[settings.quality] {key}: unknown element {i!r}; known: {', '.join(BY_ID)}"
                )
        return out

    # ------------------------------------------------------------ rules

    def presence(self) -> None:
        lists = (
            ("required", MISSING_REQUIRED, MANDATORY, "requires"),
            ("recommended", MISSING_RECOMMENDED, (), "recommends"),
            ("optional", MISSING_OPTIONAL, OPTIONAL, "lists as optional"),
        )
        seen: set[str] = set()
        for key, r, default, verb in lists:
            for id in self.ids(key, default):
                if id in seen or self.found(id):
                    seen.add(id)
                    continue
                seen.add(id)
                spec = BY_ID[id]
                kind = "mandatory" if spec.mandatory else "optional"
                self.findings.append(
                    r.finding(
                        f"'{spec.title}' ({id}), an Annex I {kind} element the profile {verb}, is not "
                        f"in the credential; expected at {self.expected(id) or '/'} {self.tag()}",
                        self.expected(id),
                        spec=f"{self.spec}: {spec.annex}",
                    )
                )

    def workload(self) -> None:
        w = self.section("workload")
        if not w:
            return
        els = self.found("workload")
        hours = [(e, float(e.facets["hours"])) for e in els if e.facets.get("hours") is not None]
        ects = [(e, float(e.facets["ects"])) for e in els if e.facets.get("ects") is not None]
        rate = w.get("hours_per_ects", [25, 30])
        if (
            not isinstance(rate, list)
            or len(rate) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) and x > 0 for x in rate)
        ):
            self.bad_setting(f"[settings.quality.workload] hours_per_ects must be [low, high], not {rate!r}")
            rate = [25, 30]
        lo_rate, hi_rate = float(min(rate)), float(max(rate))
        tol = self.num(w, "tolerance", "workload")
        tol = 0.1 if tol is None else tol

        bounds = {
            "hours": (self.num(w, "min_hours", "workload"), self.num(w, "max_hours", "workload")),
            "ects": (self.num(w, "min_ects", "workload"), self.num(w, "max_ects", "workload")),
        }
        bounded = any(b is not None for pair in bounds.values() for b in pair)
        if bounded:
            for e in els:
                why = e.facets.get("unreadable")
                if why:
                    self.findings.append(
                        WORKLOAD_UNREADABLE.finding(
                            f"workload {e.value!r} ({e.source}) cannot be compared with the profile's "
                            f"bounds: {why} {self.tag()}",
                            e.pointer,
                            spec=f"{self.spec}: notional workload",
                        )
                    )
        for unit, values, other, to_unit in (
            ("hours", hours, ects, (lo_rate, hi_rate)),
            ("ects", ects, hours, (1 / hi_rate, 1 / lo_rate)),
        ):
            lo, hi = bounds[unit]
            if lo is None and hi is None:
                continue
            name = "hours" if unit == "hours" else "ECTS"
            span = f"{_n(lo) if lo is not None else '-'}..{_n(hi) if hi is not None else '-'} {name}"
            if values:
                for e, v in values:
                    if (lo is not None and v < lo) or (hi is not None and v > hi):
                        self.findings.append(
                            WORKLOAD_RANGE.finding(
                                f"notional workload {_n(v)} {name} ({e.source}) is outside {span} "
                                f"{self.tag()}",
                                e.pointer,
                                spec=f"{self.spec}: notional workload",
                            )
                        )
            elif all(b is None for b in bounds["ects" if unit == "hours" else "hours"]):
                for e, v in other:  # convert from the other unit with the whole rate range
                    a, b = v * to_unit[0], v * to_unit[1]
                    if (lo is not None and b < lo) or (hi is not None and a > hi):
                        self.findings.append(
                            WORKLOAD_RANGE.finding(
                                f"notional workload {_n(v)} {'ECTS' if unit == 'hours' else 'hours'} "
                                f"({e.source}) is {_n(round(a, 2))}..{_n(round(b, 2))} {name} at "
                                f"{_n(lo_rate)}-{_n(hi_rate)} hours per credit, outside {span} {self.tag()}",
                                e.pointer,
                                spec=f"{self.spec}: notional workload",
                            )
                        )
        for unit, values, key in (("ECTS", ects, "require_ects"), ("hours", hours, "require_hours")):
            sev = _severity(w.get(key, False), "error")
            if w.get(key) not in (None, True, False, "ignore", *SEVERITIES):
                self.bad_setting(
                    f"[settings.quality.workload] {key} must be a severity or false, not {w.get(key)!r}"
                )
            if sev and not values:
                where = els[0].pointer if els else self.expected("workload")
                stated = ", ".join(f"{e.value}" for e in els) or "no workload"
                self.findings.append(
                    WORKLOAD_UNIT.finding(
                        f"the profile requires the notional workload in {unit}; the credential states "
                        f"{stated} {self.tag()}",
                        where,
                        severity=sev,
                        spec=f"{self.spec}: notional workload",
                    )
                )
        sev = _severity(w.get("consistency", "warning"), "warning")
        if sev and hours and ects:
            for eh, h in hours:
                for ee, c in ects:
                    if c <= 0:
                        continue
                    ratio = h / c
                    if ratio < lo_rate * (1 - tol) or ratio > hi_rate * (1 + tol):
                        self.findings.append(
                            WORKLOAD_CONSISTENCY.finding(
                                f"{_n(h)} hours ({eh.pointer}) for {_n(c)} ECTS ({ee.pointer}) is "
                                f"{_n(round(ratio, 2))} hours per credit, outside "
                                f"{_n(lo_rate)}-{_n(hi_rate)} "
                                f"(tolerance {_n(tol * 100)}%) {self.tag()}",
                                eh.pointer,
                                severity=sev,
                            )
                        )

    def level(self) -> None:
        lv = self.section("level")
        lo, hi = self.num(lv, "eqf_min", "level"), self.num(lv, "eqf_max", "level")
        if lo is None and hi is None:
            return
        els = self.found("level")
        eqf = [(e, int(e.facets["eqf"])) for e in els if e.facets.get("eqf") is not None]
        span = f"EQF {_n(lo) if lo is not None else 1}..{_n(hi) if hi is not None else 8}"
        for e, v in eqf:
            if (lo is not None and v < lo) or (hi is not None and v > hi):
                self.findings.append(
                    LEVEL_RANGE.finding(
                        f"level EQF {v} ({e.source}) is outside {span} {self.tag()}",
                        e.pointer,
                        spec=f"{self.spec}: level",
                    )
                )
        if els and not eqf:
            self.findings.append(
                LEVEL_RANGE.finding(
                    f"the level is given without an EQF level ({', '.join(str(e.value) for e in els)}); "
                    f"it cannot be compared with {span} {self.tag()}",
                    els[0].pointer,
                    severity="warning",
                    spec=f"{self.spec}: level",
                )
            )

    def vocabulary(self) -> None:
        voc = self.section("vocabulary")
        for id in sorted(voc):
            allowed = voc[id]
            if id not in BY_ID:
                self.bad_setting(f"[settings.quality.vocabulary] unknown element {id!r}")
                continue
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
                self.bad_setting(f"[settings.quality.vocabulary] {id} must be a list of strings")
                continue
            ok = {a.strip().lower() for a in allowed}
            els = self.found(id)
            if not els:
                continue
            values: list[str] = []
            for e in els:
                ts = e.facets.get("terms") or (
                    [str(e.value).lower()] if isinstance(e.value, str | int | float) else []
                )
                if any(t in ok for t in ts):
                    break
                values.append(str(e.value))
            else:
                self.findings.append(
                    VOCABULARY.finding(
                        f"{BY_ID[id].title} ({id}) is {', '.join(repr(v) for v in values)}; the profile "
                        f"allows {', '.join(repr(a) for a in allowed)} {self.tag()}",
                        els[0].pointer,
                        spec=f"{self.spec}: {BY_ID[id].annex}",
                    )
                )

    def supervision(self) -> None:
        sup = self.section("supervision")
        raw = sup.get("require_identity_verification", False)
        sev = _severity(raw, "error")
        if raw not in (None, True, False, "ignore", *SEVERITIES):
            self.bad_setting(
                "[settings.quality.supervision] require_identity_verification must be a severity "
                f"or false, not {raw!r}"
            )
        if not sev:
            return
        els = self.found("supervision")
        if any(e.facets.get("identity_verified") is True for e in els):
            return
        denied = [e for e in els if e.facets.get("identity_verified") is False]
        if denied:
            e = denied[0]
            msg = f"supervision {e.value!r} ({e.source}) states no identity verification during assessment"
            where = e.pointer
        elif els:
            e = els[0]
            msg = (
                f"supervision {e.value!r} ({e.source}) does not say whether the learner's identity "
                "was verified"
            )
            where = e.pointer
        else:
            where = self.expected("supervision")
            msg = f"no supervision / identity verification is stated; expected at {where or '/'}"
            where = self.expected("supervision")
        self.findings.append(
            IDENTITY.finding(
                f"{msg}; the profile requires identity verification {self.tag()}",
                where,
                severity=sev,
                spec=f"{self.spec}: {BY_ID['supervision'].annex}",
            )
        )

    def run(self) -> list[Finding]:
        known = {
            "source",
            "required",
            "recommended",
            "optional",
            "workload",
            "level",
            "vocabulary",
            "supervision",
        }
        for key in sorted(set(self.settings) - known):
            self.bad_setting(f"[settings.quality] unknown setting {key!r}; known: {', '.join(sorted(known))}")
        if not self.elements:  # a kind that carries no elements: everything expected at the root
            self.by_id = {}
        self.presence()
        self.workload()
        self.level()
        self.vocabulary()
        self.supervision()
        return self.findings


@check("quality")
def check_quality(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from _Run(doc, ctx).run()
