"""The recipient: identity objects, hashes and ``--recipient`` checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...pointer import join
from .rules import IDENTITY_HASH, RECIPIENT_MISMATCH, RECIPIENT_VERIFIED
from .sink import Sink
from .values import _EMAIL, _HASH, identity_hash, is_url

if TYPE_CHECKING:
    from .run import Run


def identity(self: Run, sink: Sink, node: dict[str, Any], ptr: str) -> None:
    identity = node.get("identity")
    hashed = node.get("hashed")
    rtype = node.get("type")
    if not isinstance(identity, str):
        return
    iptr = join(ptr, "identity")
    if hashed is True:
        if not _HASH.match(identity):
            sink.add(
                IDENTITY_HASH, f"the hashed identity {identity!r} is not sha256$<hex> or md5$<hex>", iptr
            )
    elif hashed is False:
        if identity.startswith(("sha256$", "md5$")):
            sink.add(IDENTITY_HASH, "the identity looks hashed but 'hashed' is false", iptr)
        elif rtype == "email" and not _EMAIL.match(identity):
            sink.add(IDENTITY_HASH, f"the identity {identity!r} is not an email address", iptr)
        elif rtype == "url" and not is_url(identity):
            sink.add(IDENTITY_HASH, f"the identity {identity!r} is not a URL", iptr)
    recipient = self.opts.recipient
    if recipient and sink.url is None:
        want_type, _, want = recipient.partition(":")
        if want_type != rtype:
            sink.add(
                RECIPIENT_MISMATCH,
                f"the recipient identity is of type {rtype!r}, --recipient gave {want_type!r}",
                join(ptr, "type"),
            )
            return
        salt = node.get("salt") if isinstance(node.get("salt"), str) else ""
        if hashed is True and _HASH.match(identity):
            alg = identity.split("$", 1)[0]
            ok = identity_hash(want, str(salt), alg).lower() == identity.lower()
        else:
            ok = identity.lower() == want.lower() if rtype == "email" else identity == want
        if ok:
            sink.add(RECIPIENT_VERIFIED, f"the badge was awarded to {recipient}", iptr)
        else:
            sink.add(RECIPIENT_MISMATCH, f"the recipient identity does not match {recipient}", iptr)
