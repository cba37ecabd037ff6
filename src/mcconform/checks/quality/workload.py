"""The notional workload criterion (``[settings.quality.workload]``): bounds in hours and ECTS
credits (converted with the hours-per-credit range when only the other unit is stated), the unit
the profile requires, and whether stated hours and credits agree.
"""

from __future__ import annotations

from .rules import WORKLOAD_CONSISTENCY, WORKLOAD_RANGE, WORKLOAD_UNIT, WORKLOAD_UNREADABLE
from .run import SEVERITIES, QualityRun, number, severity_of


def workload(run: QualityRun) -> None:
    w = run.section("workload")
    if not w:
        return
    els = run.found("workload")
    hours = [(e, float(e.facets["hours"])) for e in els if e.facets.get("hours") is not None]
    ects = [(e, float(e.facets["ects"])) for e in els if e.facets.get("ects") is not None]
    rate = w.get("hours_per_ects", [25, 30])
    if (
        not isinstance(rate, list)
        or len(rate) != 2
        or not all(isinstance(x, int | float) and not isinstance(x, bool) and x > 0 for x in rate)
    ):
        run.bad_setting(f"[settings.quality.workload] hours_per_ects must be [low, high], not {rate!r}")
        rate = [25, 30]
    lo_rate, hi_rate = float(min(rate)), float(max(rate))
    tol = run.num(w, "tolerance", "workload")
    tol = 0.1 if tol is None else tol

    bounds = {
        "hours": (run.num(w, "min_hours", "workload"), run.num(w, "max_hours", "workload")),
        "ects": (run.num(w, "min_ects", "workload"), run.num(w, "max_ects", "workload")),
    }
    bounded = any(b is not None for pair in bounds.values() for b in pair)
    if bounded:
        for e in els:
            why = e.facets.get("unreadable")
            if why:
                run.findings.append(
                    WORKLOAD_UNREADABLE.finding(
                        f"workload {e.value!r} ({e.source}) cannot be compared with the profile's "
                        f"bounds: {why} {run.tag()}",
                        e.pointer,
                        spec=f"{run.spec}: notional workload",
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
        span = f"{number(lo) if lo is not None else '-'}..{number(hi) if hi is not None else '-'} {name}"
        if values:
            for e, v in values:
                if (lo is not None and v < lo) or (hi is not None and v > hi):
                    run.findings.append(
                        WORKLOAD_RANGE.finding(
                            f"notional workload {number(v)} {name} ({e.source}) is outside {span} "
                            f"{run.tag()}",
                            e.pointer,
                            spec=f"{run.spec}: notional workload",
                        )
                    )
        elif all(b is None for b in bounds["ects" if unit == "hours" else "hours"]):
            for e, v in other:  # convert from the other unit with the whole rate range
                a, b = v * to_unit[0], v * to_unit[1]
                if (lo is not None and b < lo) or (hi is not None and a > hi):
                    run.findings.append(
                        WORKLOAD_RANGE.finding(
                            f"notional workload {number(v)} {'ECTS' if unit == 'hours' else 'hours'} "
                            f"({e.source}) is {number(round(a, 2))}..{number(round(b, 2))} {name} at "
                            f"{number(lo_rate)}-{number(hi_rate)} hours per credit, outside {span} "
                            f"{run.tag()}",
                            e.pointer,
                            spec=f"{run.spec}: notional workload",
                        )
                    )
    for unit, values, key in (("ECTS", ects, "require_ects"), ("hours", hours, "require_hours")):
        sev = severity_of(w.get(key, False), "error")
        if w.get(key) not in (None, True, False, "ignore", *SEVERITIES):
            run.bad_setting(
                f"[settings.quality.workload] {key} must be a severity or false, not {w.get(key)!r}"
            )
        if sev and not values:
            where = els[0].pointer if els else run.expected("workload")
            stated = ", ".join(f"{e.value}" for e in els) or "no workload"
            run.findings.append(
                WORKLOAD_UNIT.finding(
                    f"the profile requires the notional workload in {unit}; the credential states "
                    f"{stated} {run.tag()}",
                    where,
                    severity=sev,
                    spec=f"{run.spec}: notional workload",
                )
            )
    sev = severity_of(w.get("consistency", "warning"), "warning")
    if sev and hours and ects:
        for eh, h in hours:
            for ee, c in ects:
                if c <= 0:
                    continue
                ratio = h / c
                if ratio < lo_rate * (1 - tol) or ratio > hi_rate * (1 + tol):
                    run.findings.append(
                        WORKLOAD_CONSISTENCY.finding(
                            f"{number(h)} hours ({eh.pointer}) for {number(c)} ECTS ({ee.pointer}) is "
                            f"{number(round(ratio, 2))} hours per credit, outside "
                            f"{number(lo_rate)}-{number(hi_rate)} "
                            f"(tolerance {number(tol * 100)}%) {run.tag()}",
                            eh.pointer,
                            severity=sev,
                        )
                    )
