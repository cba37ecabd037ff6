"""Multibase (base58btc ``z``, base64url ``u``) and multicodec key prefixes.

Small and self-contained: Data Integrity proof values and multikeys use only these.
Multibase: https://www.w3.org/TR/controller-document/#multibase-0 ; multicodec table:
https://github.com/multiformats/multicodec (``ed01`` Ed25519 public key, ``1200`` P-256
public key, ``1201`` P-384 public key; varint-encoded).
"""

from __future__ import annotations

import base64

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}

#: multicodec code -> (name, expected key length in bytes)
ED25519_PUB = 0xED
P256_PUB = 0x1200
P384_PUB = 0x1201
CODECS: dict[int, tuple[str, tuple[int, ...]]] = {
    ED25519_PUB: ("Ed25519", (32,)),
    P256_PUB: ("P-256", (33, 65)),
    P384_PUB: ("P-384", (49, 97)),
}


class MultibaseError(ValueError):
    pass


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(_B58[r])
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    n = 0
    for c in text:
        try:
            n = n * 58 + _B58_INDEX[c]
        except KeyError:
            raise MultibaseError(f"{c!r} is not a base58btc character") from None
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\0" * pad + body


def b64url_decode(text: str) -> bytes:
    if "=" in text.rstrip("=") or any(c in text for c in "+/ \n"):
        raise MultibaseError("not base64url (no padding, alphabet A-Z a-z 0-9 - _)")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as e:
        raise MultibaseError(f"not base64url: {e}") from None


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode(value: str) -> bytes:
    """Decode a multibase string (``z`` base58btc or ``u`` base64url-nopad)."""
    if not isinstance(value, str) or not value:
        raise MultibaseError("a multibase value is a non-empty string")
    prefix, body = value[0], value[1:]
    if prefix == "z":
        return b58decode(body)
    if prefix == "u":
        return b64url_decode(body)
    raise MultibaseError(f"unsupported multibase prefix {prefix!r} (expected 'z' base58btc or 'u' base64url)")


def encode(data: bytes, base: str = "z") -> str:
    if base == "z":
        return "z" + b58encode(data)
    if base == "u":
        return "u" + b64url_encode(data)
    raise MultibaseError(f"unsupported multibase {base!r}")


def varint_decode(data: bytes) -> tuple[int, int]:
    """(value, length) of the unsigned varint at the start of ``data``."""
    value = shift = 0
    for i, b in enumerate(data[:9]):
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i + 1
        shift += 7
    raise MultibaseError("truncated or overlong varint")


def varint_encode(value: int) -> bytes:
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def decode_multikey(value: str) -> tuple[int, bytes]:
    """A multibase multikey -> (multicodec code, raw key bytes); checks the length."""
    data = decode(value)
    code, n = varint_decode(data)
    if code not in CODECS:
        raise MultibaseError(f"multicodec 0x{code:x} is not a supported public key type")
    key = data[n:]
    name, lengths = CODECS[code]
    if len(key) not in lengths:
        raise MultibaseError(
            f"a {name} public key has {' or '.join(map(str, lengths))} bytes, not {len(key)}"
        )
    return code, key


def encode_multikey(code: int, key: bytes) -> str:
    return encode(varint_encode(code) + key, "z")
