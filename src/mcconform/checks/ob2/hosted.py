"""Hosted verification: linked documents fetched (resource map, ``--online``), the
issuer's verification scope, the hosted copy of the assertion."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from ...detect import (
    as_list,
)
from ...fetch import FetchError, fetch_json, network_allowed
from ...jsonld import ContextRegistry
from .rules import HOSTED_ASSERTION, HOSTED_SCOPE, ID_MISMATCH, NOT_CHECKED, REVOKED, VALUE_TYPE
from .sink import Linked, Sink
from .values import _host, _same_url, is_iri, is_url

if TYPE_CHECKING:
    from .run import Run


_memo: weakref.WeakKeyDictionary[ContextRegistry, dict[str, Any]] = weakref.WeakKeyDictionary()


def linked(self: Run, sink: Sink, url: Any, ptr: str, what: str) -> Linked | None:
    """Fetch a linked document; report why not when it cannot be had."""
    if not isinstance(url, str) or not is_iri(url):
        return None  # the value check reports it
    if not is_url(url):
        sink.add(
            NOT_CHECKED,
            f"the {what} {url} is neither embedded nor an http(s) URL: it cannot be fetched, "
            "so it was not checked",
            ptr,
            value=url,
        )
        return None
    if not network_allowed(url, self.opts):
        if url not in self.not_checked:
            self.not_checked.add(url)
            sink.add(
                NOT_CHECKED,
                f"the {what} {url} was not fetched (offline): hosted verification not checked; "
                "use --online or --resource-map URL_PREFIX=DIR",
                ptr,
                value=url,
            )
        return None
    memo = _memo.setdefault(self.ctx.registry, {})
    key = f"{url}\n{self.opts.online}\n{sorted(self.opts.resource_map.items())}"
    got = memo.get(key)
    if got is None:
        try:
            got = fetch_json(url, self.opts)
        except FetchError as e:
            got = e
        memo[key] = got
    if isinstance(got, FetchError):
        sink.raw(got.finding(), ptr)
        return None
    if not isinstance(got, dict):
        sink.add(VALUE_TYPE, f"the {what} at {url} is not a JSON object", ptr, value=url)
        return None
    fid = got.get("id")
    if isinstance(fid, str) and _same_url(fid) != _same_url(url):
        sink.add(ID_MISMATCH, f"the {what} fetched from {url} has the id {fid}", ptr, value=url)
    return Linked(got, url, sink.remote(url, ptr))


def scope(self: Run, sink: Sink, aid: str, issuer: Linked, ptr: str) -> None:
    data = issuer.data
    raw_policy = data.get("verification")
    policy: dict[str, Any] = raw_policy if isinstance(raw_policy, dict) else {}
    iid = data.get("id")
    starts = [s for s in as_list(policy.get("startsWith")) if isinstance(s, str)]
    if starts and not any(aid.startswith(s) for s in starts):
        sink.add(
            HOSTED_SCOPE,
            f"the assertion id {aid} does not start with any of the issuer's startsWith values {starts}",
            ptr,
            value=aid,
        )
        return
    origins = [o for o in as_list(policy.get("allowedOrigins")) if isinstance(o, str)]
    if not origins:
        if not (isinstance(iid, str) and is_url(iid)):
            return  # a urn: issuer id has no origin (ob2.issuer-id-not-http warns)
        origins = [_host(iid) or ""]
    if _host(aid) not in origins:
        sink.add(
            HOSTED_SCOPE,
            f"the assertion id {aid} is not hosted in the issuer's allowed origins {origins}",
            ptr,
            value=aid,
        )


def hosted_copy(self: Run, sink: Sink, a: dict[str, Any], aid: str) -> None:
    if sink.url is not None or self.doc.meta.get("fetched_url") == aid:
        return
    if not network_allowed(aid, self.opts):
        sink.add(
            NOT_CHECKED,
            f"the hosted assertion {aid} was not fetched (offline): hosted verification not checked",
            "/id",
            value=aid,
        )
        return
    try:
        copy = fetch_json(aid, self.opts)
    except FetchError as e:
        sink.add(HOSTED_ASSERTION, f"the hosted copy cannot be fetched: {e.message}", "/id", value=aid)
        return
    if isinstance(copy, dict) and copy.get("revoked") is True:
        sink.add(REVOKED, f"the hosted copy at {aid} says the assertion is revoked", "/id", value=aid)
    elif copy != a:
        sink.add(
            HOSTED_ASSERTION, f"the hosted copy at {aid} differs from this document", "/id", value=aid
        )
