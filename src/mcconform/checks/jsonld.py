"""JSON-LD checks: contexts are known, processing succeeds, every key is defined."""

from __future__ import annotations

from collections.abc import Iterator

from .. import jsonld
from ..document import Document
from ..report import Finding
from . import CheckContext, check


@check("jsonld")
def check_jsonld(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    if "@context" not in cred:
        if doc.kind == "sd-jwt-vc":
            return  # SD-JWT VC claims are JSON, not JSON-LD (IETF SD-JWT VC)
        if ctx.setting("require_context", True):
            yield jsonld.MISSING_CONTEXT.finding("the document has no @context member", doc.base)
        return
    res = ctx.jsonld(doc)
    if res.error is not None:
        err = res.error
        if isinstance(err, jsonld.ContextError):
            pointers = [p for p, u in res.context_urls.items() if u == err.url] or ["/@context"]
            rule = jsonld.UNKNOWN_CONTEXT if err.unknown else jsonld.CONTEXT_FETCH
            for p in sorted(pointers):
                if err.unknown:
                    msg = (
                        f"the context {err.url} is not bundled with mcconform, so what depends on it "
                        f"is not checked; supply it with --context {err.url}=FILE, or allow fetching "
                        f"it with --online"
                    )
                else:
                    msg = str(err)
                yield rule.finding(msg, doc.at(p), value=err.url)
        else:
            yield jsonld.INVALID.finding(
                f"JSON-LD processing failed: {jsonld.describe_error(err)}", doc.at(res.error_pointer or "")
            )
        return
    severity = ctx.setting("undefined_terms", "error")
    if severity == "ignore":
        return
    for u in res.undefined:
        if u.expanded and u.expanded.startswith(jsonld.ISSUER_DEPENDENT):
            why = "it falls back to the VC 2.0 issuer-dependent vocabulary"
        else:
            why = "JSON-LD expansion drops it"
        yield jsonld.UNDEFINED_TERM.finding(
            f"the key '{u.key}' is not defined by the active @context; {why}",
            doc.at(u.pointer),
            severity=severity,
        )
