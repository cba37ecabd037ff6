"""Open Badges 2.0 checks (and OB 1.0 / 1.1 read with 2.0 semantics).

Every class of the OB 2.0 data model is described by a table of its properties (value type,
required, embedded class), written from the specification: Assertion, BadgeClass, Profile
(Issuer), IdentityObject, VerificationObject, CryptographicKey, RevocationList, Criteria,
Image, Evidence, AlignmentObject, Endorsement.  On top of the tables:

* timestamps against ``--now`` (not issued in the future, not expired, expiry after issue);
* the recipient: identity hashes ``sha256$<hex>`` / ``md5$<hex>``, and ``--recipient`` checks;
* images: data URIs (PNG / SVG, base64) where the spec allows them;
* hosted verification: the BadgeClass and its Issuer are fetched (``mcconform.fetch``: a resource
  map, ``--online``, or a URL input) and the assertion id must lie inside the issuer's
  verification policy (``allowedOrigins`` / ``startsWith``, default: the issuer id's host);
  the hosted copy of the assertion is compared; offline, this is reported as not checked
  (``ob2.not-checked``, verdict cantTell), never passed silently;
* signed verification: the JWS structure, the key (``creator`` or the issuer's
  ``publicKey``), its owner, and the issuer's revocation list.  The signature itself is
  verified by the trust checks, not here;
* endorsements (embedded or linked) and extensions (the bundled 2.0 extensions' properties).

Findings in a fetched document are reported at the pointer of the reference in the input
(``/badge`` for the BadgeClass and its issuer) with the URL and the inner pointer in the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ...detect import (
    HOSTED_REFERENCE,
    OB1_ASSERTION,
    OB2_ASSERTION,
    OB2_BADGECLASS,
    OB2_ENDORSEMENT,
    OB2_ISSUER,
    OB2_KEY,
    OB2_NODE,
    OB2_REVOCATION_LIST,
    as_list,
)
from ...document import Document
from ...fetch import FetchError, fetch, network_allowed
from ...options import Options
from ...report import Finding
from .. import CheckContext, check
from .legacy import upgrade_legacy
from .model import NODE_CLASSES
from .rules import LEGACY, NOT_CHECKED, TYPE, VALUE_TYPE
from .run import Run
from .sink import Linked, Sink
from .values import identity_hash, parse_dt, short_type, types_of

__all__ = ["check_ob2", "identity_hash", "parse_dt", "upgrade_legacy"]


def options_for(doc: Document, options: Options) -> Options:
    """A document that came from a URL input may use the network (that input only)."""
    if doc.meta.get("online") and not options.online:
        return replace(options, online=True)
    return options


@check("ob2")
def check_ob2(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    run = Run(doc, ctx, options_for(doc, ctx.options))
    sink = Sink(run.out, doc.base)
    data = doc.credential
    if doc.kind == HOSTED_REFERENCE:
        yield from _hosted_reference(run, doc)
        return
    if not isinstance(data, dict):
        return
    jws = doc.meta.get("jwt_header") if isinstance(doc.meta.get("jwt_header"), dict) else None
    legacy = doc.kind == OB1_ASSERTION
    v1 = not legacy and _v1_context(data)
    run.legacy = legacy or v1
    run.context(sink, data, run.legacy)
    run.undefined(sink, data)
    if v1:
        sink.add(LEGACY, "an Open Badges 1.1 document (v1 context), read with 2.0 semantics", "/@context")
    if legacy:
        upgraded, notes = upgrade_legacy(data, run.opts.now)
        sink.add(
            LEGACY,
            "an Open Badges 1.x assertion, read with 2.0 semantics"
            + (f" ({'; '.join(notes)})" if notes else ""),
            "",
        )
        legacy_sink = Sink(run.out, doc.base)
        run.assertion(legacy_sink, upgraded, jws=jws, legacy=True)
    else:
        _check_kind(run, sink, doc.kind, data, jws)
    run.extensions(sink, data)
    yield from _dedupe(run.out)


def _v1_context(data: dict[str, Any]) -> bool:
    from ...detect import OB1_CONTEXTS

    return any(isinstance(c, str) and c.startswith(OB1_CONTEXTS) for c in as_list(data.get("@context")))


def _check_kind(run: Run, sink: Sink, kind: str, data: dict[str, Any], jws: dict[str, Any] | None) -> None:
    if kind == OB2_ASSERTION:
        run.assertion(sink, data, jws=jws, legacy=False)
    elif kind == OB2_BADGECLASS:
        run.badgeclass(sink, data, "")
        run.issuer_of(Linked(data, "", sink), "")
        run.endorsements(sink, data, "")
    elif kind == OB2_ISSUER:
        run.profile(sink, data, "")
    elif kind == OB2_KEY:
        run.node(sink, data, "", "CryptographicKey")
    elif kind == OB2_REVOCATION_LIST:
        run.revocation_list(sink, data, "")
    elif kind == OB2_ENDORSEMENT:
        run.endorsement(Linked(data, "", sink), "")
    elif kind == OB2_NODE:
        shorts = [short_type(t) for t in types_of(data)]
        if "type" not in data and "@type" not in data:
            sink.add(TYPE, "the document has no type", "")
        for t in shorts:
            if t in NODE_CLASSES:
                run.node(sink, data, "", NODE_CLASSES[t])
                break
    else:
        sink.add(TYPE, f"not an Open Badges 2.0 document (kind {kind})", "")


def _hosted_reference(run: Run, doc: Document) -> Iterator[Finding]:
    from ...detect import classify, contexts_of
    from ...sources import document_from_text

    url = str(doc.data)
    sink = Sink(run.out, "")
    if not network_allowed(url, run.opts):
        sink.add(
            NOT_CHECKED,
            f"the baked image points to {url}, which was not fetched (offline): "
            "use --online or --resource-map",
            "",
            value=url,
        )
        yield from run.out
        return
    try:
        res = fetch(url, run.opts, accept="application/ld+json, application/json, */*", check_type=False)
    except FetchError as e:
        yield e.finding("")
        return
    inner = Document(source=url)
    try:
        text = res.content.decode("utf-8")
    except UnicodeDecodeError:
        sink.add(VALUE_TYPE, f"the hosted badge at {url} is not UTF-8 text", "")
        yield from run.out
        return
    document_from_text(inner, text, run.opts.limits)
    if not inner.readable or not isinstance(inner.credential, dict):
        for f in inner.findings:
            yield replace(f, message=f"{f.message} (in {url})", pointer="")
        return
    kind = classify(inner.credential, contexts_of(inner.credential))
    remote = sink.remote(res.url, "")
    jws = inner.meta.get("jwt_header") if isinstance(inner.meta.get("jwt_header"), dict) else None
    run.doc = inner
    inner.meta["fetched_url"] = res.url
    run.legacy = kind == OB1_ASSERTION or _v1_context(inner.credential)
    run.context(remote, inner.credential, run.legacy)
    if kind == OB1_ASSERTION:
        upgraded, _ = upgrade_legacy(inner.credential, run.opts.now)
        remote.add(LEGACY, "an Open Badges 1.x assertion, read with 2.0 semantics", "")
        run.assertion(remote, upgraded, jws=jws, legacy=True)
    elif kind == OB2_ASSERTION:
        run.assertion(remote, inner.credential, jws=jws, legacy=False)
    else:
        remote.add(TYPE, f"the hosted document is not an Assertion (kind {kind})", "")
    yield from _dedupe(run.out)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[Finding] = set()
    out = []
    for f in findings:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out
