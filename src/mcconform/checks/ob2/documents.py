"""The checks of each kind of OB 2.0 document: Assertion, BadgeClass, Profile, and
their timestamps against ``--now``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...pointer import join
from .rules import (
    BADGE_IMAGE,
    EXPIRED,
    EXPIRES_BEFORE,
    HOSTED_ID,
    ISSUED_FUTURE,
    ISSUER_NOT_HTTP,
    LEGACY,
    REVOKED,
    SIGNED_NOT_JWS,
)
from .sink import Linked, Sink
from .values import _verification_type, is_iri, is_url, parse_dt, types_of

if TYPE_CHECKING:
    from .run import Run


def assertion(self: Run, sink: Sink, a: dict[str, Any], *, jws: dict[str, Any] | None, legacy: bool) -> None:
    self.node(sink, a, "", "Assertion", legacy=legacy)
    self.timestamps(sink, a)
    if a.get("revoked") is True:
        reason = a.get("revocationReason")
        sink.add(
            REVOKED, "the assertion says it is revoked" + (f": {reason}" if reason else ""), "/revoked"
        )
    badge_ref = a.get("badge")
    badge: Linked | None = None
    if isinstance(badge_ref, dict):
        badge = Linked(badge_ref, "", sink)
        bptr = "/badge"
    else:
        badge = self.linked(sink, badge_ref, "/badge", "BadgeClass")
        bptr = ""
    issuer: Linked | None = None
    if badge is not None:
        self.badgeclass(badge.sink, badge.data, bptr, legacy=legacy)
        issuer = self.issuer_of(badge, bptr, legacy=legacy)
        self.endorsements(badge.sink, badge.data, bptr)
    vtype = _verification_type(a)
    aid = a.get("id")
    if jws is not None:
        self.jws(sink, a, jws, vtype)
    if vtype == "HostedBadge":
        if not is_url(aid):
            if not legacy:
                sink.add(HOSTED_ID, f"the hosted assertion's id {aid!r} is not an http(s) URL", "/id")
        elif issuer is not None:
            self.scope(sink, str(aid), issuer, "/id")
        if is_url(aid):
            self.hosted_copy(sink, a, str(aid))
    elif vtype == "SignedBadge":
        if jws is None:
            sink.add(SIGNED_NOT_JWS, "the assertion says 'signed' but is not a JWS", "/verification/type")
        self.key(sink, a, issuer)
    if issuer is not None and isinstance(aid, str):
        self.revocation(sink, issuer, aid)
    self.endorsements(sink, a, "")


def issuer_of(self: Run, badge: Linked, bptr: str, *, legacy: bool = False) -> Linked | None:
    ref = badge.data.get("issuer")
    if isinstance(ref, dict):
        self.profile(badge.sink, ref, join(bptr, "issuer"), legacy=legacy)
        return Linked(ref, badge.url, badge.sink)
    issuer = self.linked(badge.sink, ref, join(bptr, "issuer"), "issuer Profile")
    if issuer is not None:
        self.profile(issuer.sink, issuer.data, "", legacy=legacy and not types_of(issuer.data))
    return issuer


def badgeclass(self: Run, sink: Sink, b: dict[str, Any], ptr: str, *, legacy: bool = False) -> None:
    if not types_of(b) and legacy:
        sink.add(LEGACY, "the BadgeClass has no type (OB 1.x); read as an OB 2.0 BadgeClass", ptr)
    self.node(sink, b, ptr, "BadgeClass", legacy=legacy)
    if b.get("image") is None:
        sink.add(BADGE_IMAGE, "the BadgeClass has no image", ptr)


def profile(self: Run, sink: Sink, p: dict[str, Any], ptr: str, *, legacy: bool = False) -> None:
    self.node(sink, p, ptr, "Profile", legacy=legacy)
    pid = p.get("id")
    if isinstance(pid, str) and is_iri(pid) and not is_url(pid):
        sink.add(
            ISSUER_NOT_HTTP, f"the issuer id {pid} is not an http(s) URL", join(ptr, "id"), value=pid
        )
    self.endorsements(sink, p, ptr)


def timestamps(self: Run, sink: Sink, a: dict[str, Any]) -> None:
    now = self.opts.now
    issued, _ = parse_dt(a.get("issuedOn"))
    expires, _ = parse_dt(a.get("expires")) if "expires" in a else (None, None)
    if issued is not None and issued > now:
        sink.add(ISSUED_FUTURE, f"issuedOn {a['issuedOn']} is in the future", "/issuedOn")
    if expires is not None:
        if expires < now:
            sink.add(EXPIRED, f"the assertion expired at {a['expires']} (expires)", "/expires")
        if issued is not None and expires < issued:
            sink.add(
                EXPIRES_BEFORE, f"expires {a['expires']} is before issuedOn {a['issuedOn']}", "/expires"
            )
