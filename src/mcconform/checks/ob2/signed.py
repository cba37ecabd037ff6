"""Signed verification: the JWS structure, the key and its owner, revocation lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...detect import (
    as_list,
)
from ...pointer import join
from .rules import KEY, REVOCATION_LIST, REVOKED, SIGNATURE_DEFERRED, SIGNED, VALUE_TYPE
from .sink import Linked, Sink
from .values import is_iri

if TYPE_CHECKING:
    from .run import Run


def jws(self: Run, sink: Sink, a: dict[str, Any], header: dict[str, Any], vtype: str | None) -> None:
    alg = header.get("alg")
    if not isinstance(alg, str) or not alg:
        sink.add(SIGNED, "the JWS header has no 'alg'", "")
    elif alg.lower() == "none":
        sink.add(SIGNED, "the JWS header says alg 'none': the assertion is not signed", "")
    if vtype == "HostedBadge":
        sink.add(SIGNED, "a JWS-signed assertion says its verification is 'hosted'", "/verification/type")
    elif vtype == "SignedBadge":
        sink.add(SIGNATURE_DEFERRED, "the JWS signature is checked by the trust checks", "/verification")


def key(self: Run, sink: Sink, a: dict[str, Any], issuer: Linked | None) -> None:
    raw_v = a.get("verification")
    verification: dict[str, Any] = raw_v if isinstance(raw_v, dict) else {}
    creator = verification.get("creator")
    kptr = "/verification/creator"
    if creator is None and issuer is not None:
        keys = [k for k in as_list(issuer.data.get("publicKey")) if isinstance(k, str | dict)]
        if not keys:
            sink.add(KEY, "no verification.creator and the issuer lists no publicKey", "/verification")
            return
        creator, kptr = keys[0], "/verification"
    if isinstance(creator, dict):
        key: Linked | None = Linked(creator, "", sink)
        kp = kptr
    else:
        key = self.linked(sink, creator, kptr, "CryptographicKey")
        kp = ""
    if key is None:
        return
    self.node(key.sink, key.data, kp, "CryptographicKey")
    if not isinstance(key.data.get("publicKeyPem"), str):
        key.sink.add(KEY, "the key has no publicKeyPem", kp)
    if issuer is None:
        return
    iid = issuer.data.get("id")
    owner = key.data.get("owner")
    if owner is not None and owner != iid:
        key.sink.add(KEY, f"the key's owner {owner} is not the issuer {iid}", join(kp, "owner"))
    listed = [
        k if isinstance(k, str) else k.get("id")
        for k in as_list(issuer.data.get("publicKey"))
        if isinstance(k, str | dict)
    ]
    kid = key.data.get("id") or (creator if isinstance(creator, str) else None)
    if listed and kid not in listed:
        issuer.sink.add(KEY, f"the issuer does not list the key {kid} in its publicKey", "/publicKey")


def revocation(self: Run, sink: Sink, issuer: Linked, aid: str) -> None:
    ref = issuer.data.get("revocationList")
    if ref is None:
        return
    if isinstance(ref, dict):
        rl: Linked | None = Linked(ref, issuer.url, issuer.sink)
        rptr = "/revocationList"
    else:
        rl = self.linked(issuer.sink, ref, "/revocationList", "RevocationList")
        rptr = ""
    if rl is None:
        return
    self.revocation_list(rl.sink, rl.data, rptr)
    for entry in as_list(rl.data.get("revokedAssertions")):
        eid = entry if isinstance(entry, str) else entry.get("id") if isinstance(entry, dict) else None
        if eid == aid:
            reason = entry.get("revocationReason") if isinstance(entry, dict) else None
            sink.add(
                REVOKED,
                f"the assertion {aid} is listed in its issuer's revocation list {rl.url or ref}"
                + (f": {reason}" if reason else ""),
                "/id",
                value=aid,
            )


def revocation_list(self: Run, sink: Sink, rl: dict[str, Any], ptr: str) -> None:
    self.node(sink, rl, ptr, "RevocationList")
    entries = rl.get("revokedAssertions")
    if entries is None:
        return
    if not isinstance(entries, list):
        sink.add(VALUE_TYPE, "'revokedAssertions' must be a list", join(ptr, "revokedAssertions"))
        return
    for i, entry in enumerate(entries):
        eptr = join(ptr, "revokedAssertions", i)
        if isinstance(entry, str) and is_iri(entry):
            continue
        if isinstance(entry, dict) and (is_iri(entry.get("id")) or isinstance(entry.get("uid"), str)):
            continue
        sink.add(
            REVOCATION_LIST, "a revocation entry needs an IRI, or an object with 'id' or 'uid'", eptr
        )
