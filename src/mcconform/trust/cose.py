"""COSE_Sign1 (RFC 9052 section 4.2), as VC-JOSE-COSE secures credentials (``application/vc+cose``).

``COSE_Sign1 = [protected: bstr, unprotected: map, payload: bstr, signature: bstr]``, tag 18
(``0xd2``).  The protected header is a CBOR map: 1 ``alg`` (-7 ES256, -35 ES384, -36 ES512,
-8 EdDSA), 3 ``content type``, 4 ``kid`` (bytes), 16 ``typ`` (RFC 9596).  The signature is over
``Sig_structure1 = ["Signature1", protected, external_aad (empty), payload]`` (section 4.4);
ECDSA signatures are ``r || s`` (RFC 9053 section 2.1).

VC-JOSE-COSE section 3.3 (Securing with COSE): the payload is the credential (JSON), the
``typ`` is ``application/vc+cose`` and the content type ``application/vc``.  A credential
transported as text is the base64 (url) of the COSE_Sign1 bytes.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from . import cbor

#: COSE algorithm id -> JOSE name (RFC 9053 table 1; RFC 8152 EdDSA)
ALGORITHMS = {-7: "ES256", -35: "ES384", -36: "ES512", -8: "EdDSA"}
TAG_SIGN1 = b"\xd2"
_B64 = re.compile(r"^[A-Za-z0-9_\-+/]+={0,2}$")


@dataclass
class CoseSign1:
    protected: dict[Any, Any]
    protected_raw: bytes
    unprotected: dict[Any, Any]
    payload: bytes
    signature: bytes

    def header(self, label: int) -> Any:
        return self.protected.get(label, self.unprotected.get(label))

    @property
    def alg(self) -> Any:
        return self.protected.get(1)

    @property
    def kid(self) -> str | None:
        kid = self.header(4)
        if isinstance(kid, bytes):
            try:
                return kid.decode("utf-8")
            except UnicodeDecodeError:
                return None
        return kid if isinstance(kid, str) else None

    def signing_input(self) -> bytes:
        return cbor.encode(["Signature1", self.protected_raw, b"", self.payload])


def decode_text(text: str) -> bytes | None:
    """The bytes of a base64 / base64url text that holds COSE_Sign1; None when it does not."""
    t = text.strip()
    if len(t) < 8 or not _B64.match(t):
        return None
    try:
        raw = base64.b64decode(t.replace("-", "+").replace("_", "/") + "=" * (-len(t) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if raw[:2] == b"\xd2\x84" else None


def decode(raw: bytes) -> CoseSign1:
    """Decode COSE_Sign1; raises ValueError."""
    try:
        value = cbor.decode(raw)
    except cbor.CborError as e:
        raise ValueError(f"not CBOR: {e}") from None
    if not (isinstance(value, list) and len(value) == 4):
        raise ValueError("COSE_Sign1 is an array [protected, unprotected, payload, signature]")
    protected_raw, unprotected, payload, signature = value
    if not isinstance(protected_raw, bytes) or not isinstance(unprotected, dict):
        raise ValueError("COSE_Sign1: the protected header is a byte string, the unprotected one a map")
    if not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise ValueError("COSE_Sign1: the payload (attached) and the signature are byte strings")
    try:
        protected = cbor.decode(protected_raw) if protected_raw else {}
    except cbor.CborError as e:
        raise ValueError(f"the protected header is not CBOR: {e}") from None
    if not isinstance(protected, dict):
        raise ValueError("the protected header is a CBOR map")
    return CoseSign1(protected, protected_raw, unprotected, payload, signature)
