"""A minimal CBOR (RFC 8949) decoder and encoder for ecdsa-sd-2023 proof values.

Definite lengths only; integers, byte and text strings, arrays, maps, tags, simple values.
Input is untrusted: lengths are checked against the data and nesting is bounded.
"""

from __future__ import annotations

from typing import Any


class CborError(ValueError):
    pass


def decode(data: bytes, *, max_depth: int = 16) -> Any:
    value, pos = _item(data, 0, max_depth)
    if pos != len(data):
        raise CborError(f"{len(data) - pos} trailing bytes after the CBOR item")
    return value


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    if pos >= len(data):
        raise CborError("truncated CBOR")
    b = data[pos]
    major, info = b >> 5, b & 0x1F
    pos += 1
    if info < 24:
        return major, info, pos
    if info in (24, 25, 26, 27):
        n = 1 << (info - 24)
        if pos + n > len(data):
            raise CborError("truncated CBOR length")
        return major, int.from_bytes(data[pos : pos + n], "big"), pos + n
    raise CborError("indefinite or reserved CBOR lengths are not supported")


def _item(data: bytes, pos: int, depth: int) -> tuple[Any, int]:
    if depth < 0:
        raise CborError("CBOR nested too deeply")
    major, arg, pos = _head(data, pos)
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        if pos + arg > len(data):
            raise CborError("truncated CBOR string")
        raw = data[pos : pos + arg]
        if major == 3:
            try:
                return raw.decode("utf-8"), pos + arg
            except UnicodeDecodeError:
                raise CborError("CBOR text is not UTF-8") from None
        return bytes(raw), pos + arg
    if major == 4:
        if arg > len(data) - pos:
            raise CborError("CBOR array longer than the data")
        out = []
        for _ in range(arg):
            v, pos = _item(data, pos, depth - 1)
            out.append(v)
        return out, pos
    if major == 5:
        if arg > len(data) - pos:
            raise CborError("CBOR map longer than the data")
        m: dict[Any, Any] = {}
        for _ in range(arg):
            k, pos = _item(data, pos, depth - 1)
            v, pos = _item(data, pos, depth - 1)
            if isinstance(k, list | dict):
                raise CborError("unsupported CBOR map key")
            m[k] = v
        return m, pos
    if major == 6:
        v, pos = _item(data, pos, depth - 1)
        return v, pos  # tags are not needed by the callers
    simple = {20: False, 21: True, 22: None}
    if arg in simple:
        return simple[arg], pos
    raise CborError(f"unsupported CBOR simple value {arg}")


def _enc_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, n in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * n):
            return bytes([major << 5 | info]) + arg.to_bytes(n, "big")
    raise CborError("integer too large")


def encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _enc_head(0, value) if value >= 0 else _enc_head(1, -1 - value)
    if isinstance(value, bytes):
        return _enc_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _enc_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _enc_head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _enc_head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise CborError(f"cannot encode {type(value).__name__}")
