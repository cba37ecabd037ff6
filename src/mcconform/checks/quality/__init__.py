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

The package: :mod:`.rules` (the ``quality.*`` rules), :mod:`.run` (a document's elements and the
profile's settings), :mod:`.criteria` (presence, level, vocabulary, identity verification) and
:mod:`.workload` (notional workload); this module runs them in order.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document
from ...report import Finding
from .. import CheckContext, check
from . import criteria
from .run import QualityRun
from .workload import workload


def _findings(run: QualityRun) -> list[Finding]:
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
    for key in sorted(set(run.settings) - known):
        run.bad_setting(f"[settings.quality] unknown setting {key!r}; known: {', '.join(sorted(known))}")
    if not run.elements:  # a kind that carries no elements: everything expected at the root
        run.by_id = {}
    criteria.presence(run)
    workload(run)
    criteria.level(run)
    criteria.vocabulary(run)
    criteria.supervision(run)
    return run.findings


@check("quality")
def check_quality(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from _findings(QualityRun(doc, ctx))
