"""The quality criteria other than workload: presence of the standard elements the profile
requires, recommends or lists as optional; the EQF level bounds; the allowed vocabulary of an
element; identity verification during assessment (supervision).
"""

from __future__ import annotations

from ...quality import BY_ID, MANDATORY, OPTIONAL
from .rules import IDENTITY, LEVEL_RANGE, MISSING_OPTIONAL, MISSING_RECOMMENDED, MISSING_REQUIRED, VOCABULARY
from .run import SEVERITIES, QualityRun, number, severity_of


def presence(run: QualityRun) -> None:
    lists = (
        ("required", MISSING_REQUIRED, MANDATORY, "requires"),
        ("recommended", MISSING_RECOMMENDED, (), "recommends"),
        ("optional", MISSING_OPTIONAL, OPTIONAL, "lists as optional"),
    )
    seen: set[str] = set()
    for key, r, default, verb in lists:
        for id in run.ids(key, default):
            if id in seen or run.found(id):
                seen.add(id)
                continue
            seen.add(id)
            spec = BY_ID[id]
            kind = "mandatory" if spec.mandatory else "optional"
            run.findings.append(
                r.finding(
                    f"'{spec.title}' ({id}), an Annex I {kind} element the profile {verb}, is not "
                    f"in the credential; expected at {run.expected(id) or '/'} {run.tag()}",
                    run.expected(id),
                    spec=f"{run.spec}: {spec.annex}",
                )
            )


def level(run: QualityRun) -> None:
    lv = run.section("level")
    lo, hi = run.num(lv, "eqf_min", "level"), run.num(lv, "eqf_max", "level")
    if lo is None and hi is None:
        return
    els = run.found("level")
    eqf = [(e, int(e.facets["eqf"])) for e in els if e.facets.get("eqf") is not None]
    span = f"EQF {number(lo) if lo is not None else 1}..{number(hi) if hi is not None else 8}"
    for e, v in eqf:
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            run.findings.append(
                LEVEL_RANGE.finding(
                    f"level EQF {v} ({e.source}) is outside {span} {run.tag()}",
                    e.pointer,
                    spec=f"{run.spec}: level",
                )
            )
    if els and not eqf:
        run.findings.append(
            LEVEL_RANGE.finding(
                f"the level is given without an EQF level ({', '.join(str(e.value) for e in els)}); "
                f"it cannot be compared with {span} {run.tag()}",
                els[0].pointer,
                severity="warning",
                spec=f"{run.spec}: level",
            )
        )


def vocabulary(run: QualityRun) -> None:
    voc = run.section("vocabulary")
    for id in sorted(voc):
        allowed = voc[id]
        if id not in BY_ID:
            run.bad_setting(f"[settings.quality.vocabulary] unknown element {id!r}")
            continue
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            run.bad_setting(f"[settings.quality.vocabulary] {id} must be a list of strings")
            continue
        ok = {a.strip().lower() for a in allowed}
        els = run.found(id)
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
            run.findings.append(
                VOCABULARY.finding(
                    f"{BY_ID[id].title} ({id}) is {', '.join(repr(v) for v in values)}; the profile "
                    f"allows {', '.join(repr(a) for a in allowed)} {run.tag()}",
                    els[0].pointer,
                    spec=f"{run.spec}: {BY_ID[id].annex}",
                )
            )


def supervision(run: QualityRun) -> None:
    sup = run.section("supervision")
    raw = sup.get("require_identity_verification", False)
    sev = severity_of(raw, "error")
    if raw not in (None, True, False, "ignore", *SEVERITIES):
        run.bad_setting(
            "[settings.quality.supervision] require_identity_verification must be a severity "
            f"or false, not {raw!r}"
        )
    if not sev:
        return
    els = run.found("supervision")
    if any(e.facets.get("identity_verified") is True for e in els):
        return
    denied = [e for e in els if e.facets.get("identity_verified") is False]
    if denied:
        e = denied[0]
        msg = f"supervision {e.value!r} ({e.source}) states no identity verification during assessment"
        where = e.pointer
    elif els:
        e = els[0]
        msg = f"supervision {e.value!r} ({e.source}) does not say whether the learner's identity was verified"
        where = e.pointer
    else:
        where = run.expected("supervision")
        msg = f"no supervision / identity verification is stated; expected at {where or '/'}"
        where = run.expected("supervision")
    run.findings.append(
        IDENTITY.finding(
            f"{msg}; the profile requires identity verification {run.tag()}",
            where,
            severity=sev,
            spec=f"{run.spec}: {BY_ID['supervision'].annex}",
        )
    )
