"""JSON Canonicalization Scheme (RFC 8785), for the ``*-jcs-*`` Data Integrity cryptosuites.

RFC 8785: object members sorted by the UTF-16 code units of their names, no whitespace,
strings escaped as ECMAScript's ``JSON.stringify`` does (only ``"``, ``\\`` and control
characters; everything else literal UTF-8), numbers serialized as ECMAScript's
``Number.prototype.toString`` (section 3.2.2.3).  NaN and infinities are not JSON.
"""

from __future__ import annotations

import math
from typing import Any


class JcsError(ValueError):
    pass


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def number(value: float) -> str:
    """ECMAScript Number::toString of a double (shortest round-trip digits)."""
    if math.isnan(value) or math.isinf(value):
        raise JcsError("NaN and Infinity are not JSON numbers")
    if value == 0:
        return "0"
    if value < 0:
        return "-" + number(-value)
    digits, exp = _shortest(value)
    k = len(digits)
    n = exp + k  # value = 0.digits * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    sign = "+" if e >= 0 else "-"
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{mantissa}e{sign}{abs(e)}"


def _shortest(value: float) -> tuple[str, int]:
    """(digits, exponent) with value == int(digits) * 10**exponent, digits shortest (repr)."""
    text = repr(value)
    mantissa, _, e = text.partition("e")
    exp = int(e) if e else 0
    whole, _, frac = mantissa.partition(".")
    if frac == "0":
        frac = ""
    digits = (whole + frac).lstrip("0")
    exp -= len(frac)
    stripped = digits.rstrip("0")
    exp += len(digits) - len(stripped)
    return stripped or "0", exp


def canonicalize(value: Any) -> str:
    """The RFC 8785 canonical JSON text of a parsed JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise JcsError("an integer beyond 2**53 has no exact I-JSON representation")
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonicalize(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]).encode("utf-16-be"))
        return "{" + ",".join(_string(str(k)) + ":" + canonicalize(v) for k, v in items) + "}"
    raise JcsError(f"{type(value).__name__} is not a JSON value")
