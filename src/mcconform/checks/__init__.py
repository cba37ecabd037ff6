"""Check families.  Each module registers checks that yield findings for one document.

A check is a function ``(doc, ctx) -> Iterable[Finding]`` registered under a name with
:func:`check`; profiles list the names of the checks they run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..report import Finding
from ..rules import on_catalog

if TYPE_CHECKING:
    from ..document import Document
    from ..jsonld import ContextRegistry, JsonLdResult
    from ..options import Options
    from ..profiles import Profile
    from ..rules import Rule

FAMILIES = (
    "jsonld",
    "shacl",
    "edc",
    "ob3",
    "jwt",
    "quality",
    "proof",
    "status",
    "ob2",
    "vc",
    "vcjose",
    "sdjwt",
    "receiver",
    "accreditation",
    "clr",
)


@dataclass
class CheckContext:
    options: Options
    registry: ContextRegistry
    profile: Profile
    #: results shared between checks of one document (e.g. the JSON-LD expansion)
    state: dict[str, Any] = field(default_factory=dict)

    def setting(self, key: str, default: Any = None) -> Any:
        return self.profile.settings.get(key, default)

    def jsonld(self, doc: Document) -> JsonLdResult:
        """JSON-LD processing of the document's credential, done once per document."""
        res = self.state.get("jsonld")
        if res is None:
            from .. import fastld, jsonld

            if self.options.fast:
                res = fastld.templates(self.registry).process(doc.credential)
            if res is None:
                res = jsonld.process(doc.credential, self.registry, rdf=True)
            fastld.load_referenced(self.registry, res.context_urls.values())  # same contexts either way
            self.state["jsonld"] = res
        return res


CheckFn = Callable[["Document", CheckContext], Iterable[Finding]]
CHECKS: dict[str, CheckFn] = {}


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        CHECKS[name] = fn
        return fn

    return deco


_loaded = False


def load_all() -> None:
    global _loaded
    if _loaded:
        return
    for fam in FAMILIES:
        importlib.import_module(f"{__name__}.{fam}")
    # modules outside checks/ that declare rules
    for mod in (
        "parse",
        "sources",
        "detect",
        "jsonld",
        "envelopes",
        "portability.losses",
        "portability.annex",
    ):
        importlib.import_module(f"mcconform.{mod}")
    _loaded = True



on_catalog(load_all)

def is_known(name: str) -> bool:
    """Whether a check named ``name`` exists; a family's own check is known without importing it."""
    return name in CHECKS or name in FAMILIES or _family(name) in FAMILIES or get_check(name) is not None


def _family(name: str) -> str:
    """The family a check is named after (``vc-jose``: ``vcjose``)."""
    return name.replace("-", "")


def get_check(name: str) -> CheckFn | None:
    """The check registered as ``name``, importing only its family when it is one (a check
    named like its module); any other name loads every family first.  A run imports only the
    families its profiles use (start-up time of one ``mcconform check``)."""
    fn = CHECKS.get(name)
    if fn is None and _family(name) in FAMILIES:
        importlib.import_module(f"{__name__}.{_family(name)}")
        fn = CHECKS.get(name)
    if fn is None:
        load_all()
        fn = CHECKS.get(name)
    return fn


def guarded(
    run: CheckFn, doc: Document, ctx: CheckContext, not_checked: Rule, what: str
) -> Iterator[Finding]:
    """The findings of ``run``, or, if it raises on an unexpected input, one ``not_checked``
    finding saying so: never a traceback, and never a silent pass."""
    try:
        yield from list(run(doc, ctx))
    except Exception as e:
        yield not_checked.finding(f"{what} ({type(e).__name__}: {e})", doc.at(""))
