"""Turning bytes into a JSON value, safely.

Every way a document can be unreadable becomes a finding with its own rule id: too large,
invalid UTF-8, not JSON, truncated, nested too deeply.  Nothing here raises on bad input.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .limits import Limits
from .report import Finding
from .rules import rule

SPEC_JSON = "RFC 8259 (The JavaScript Object Notation (JSON) Data Interchange Format)"

TOO_LARGE = rule(
    "parse.too-large",
    "error",
    "The document is larger than the configured size limit.",
    "mcconform input limits (--max-bytes)",
    """
    Documents larger than the size limit (50 MB by default, ``--max-bytes``) are not read,
    so that a single hostile or broken file cannot exhaust memory.  Credentials are small:
    a real badge or European Digital Credential is a few kilobytes to a few hundred.
    """,
)
INVALID_UTF8 = rule(
    "parse.invalid-utf8",
    "error",
    "The document is not valid UTF-8.",
    SPEC_JSON + " section 8.1",
    """
    JSON exchanged between systems MUST be encoded in UTF-8 (RFC 8259 section 8.1).
    FAIL: a file saved as Latin-1 with an accented name.
    """,
)
BOM = rule(
    "parse.bom",
    "warning",
    "The document starts with a UTF-8 byte order mark.",
    SPEC_JSON + " section 8.1",
    """
    Implementations MUST NOT add a byte order mark to the beginning of a JSON text
    (RFC 8259 section 8.1).  mcconform reads past it, but other consumers may refuse the file.
    """,
)
NOT_JSON = rule(
    "parse.not-json",
    "error",
    "The document is not JSON.",
    SPEC_JSON,
    """
    Credentials are exchanged as JSON (JSON-LD) documents, or as compact JWS/JWT strings.
    FAIL: ``{"name": 'Teamwork'}`` (single quotes).
    """,
)
TRUNCATED = rule(
    "parse.truncated",
    "error",
    "The JSON document ends before it is complete.",
    SPEC_JSON,
    """
    The parser reached the end of the input inside an object, array or string: the file was
    most likely cut short while it was written or transferred.
    FAIL: ``{"type": ["VerifiableCredential"``
    """,
)
TOO_DEEP = rule(
    "parse.too-deep",
    "error",
    "The JSON document is nested more deeply than the limit.",
    "mcconform input limits (--max-depth); RFC 8259 section 9",
    """
    RFC 8259 section 9 lets a parser limit nesting depth.  mcconform refuses documents nested
    more than 200 levels (``--max-depth``): no credential format needs that, and deep nesting
    is a classic way to crash parsers.
    """,
)
NONSTANDARD = rule(
    "parse.nonstandard-number",
    "error",
    "The document uses NaN or Infinity, which JSON does not allow.",
    SPEC_JSON + " section 6",
    """
    ``NaN``, ``Infinity`` and ``-Infinity`` are not JSON numbers (RFC 8259 section 6); many
    parsers refuse them.
    """,
)
DUPLICATE_KEY = rule(
    "parse.duplicate-key",
    "warning",
    "An object has the same member name twice.",
    SPEC_JSON + " section 4",
    """
    The names within an object SHOULD be unique (RFC 8259 section 4); when they are not,
    consumers disagree about which value wins.  mcconform keeps the last one, like most parsers.
    """,
)
HUGE_NUMBER = rule(
    "parse.huge-number",
    "error",
    "The document has an integer with more digits than the limit.",
    SPEC_JSON + " section 6",
    """
    RFC 8259 section 6 lets implementations limit the range and precision of numbers; an
    integer of more than 4,300 digits (Python's limit for converting text to integers) is
    refused: no credential needs one, and converting it costs quadratic time.
    FAIL: ``{"n": 999...999}`` with 5,000 nines.
    """,
)
EMPTY = rule(
    "parse.empty",
    "error",
    "The document is empty.",
    SPEC_JSON,
    "An empty file or line holds no credential.",
)

_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


def looks_like_jws(text: str) -> bool:
    return bool(_JWS.match(text.strip()))


def decode_bytes(raw: bytes, findings: list[Finding]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        findings.append(BOM.finding("the document starts with a UTF-8 byte order mark (EF BB BF)"))
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        findings.append(
            INVALID_UTF8.finding(f"byte 0x{raw[e.start]:02x} at offset {e.start} is not valid UTF-8")
        )
        return None


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value: null, boolean, number, string, array or object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def json_depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value, level by level, without recursion.

    Each level keeps only its containers, so the cost is one type test per value.
    """
    depth = 0
    level = [value] if type(value) is dict or type(value) is list else []
    while level:
        depth += 1
        below: list[Any] = []
        keep = below.append
        for c in level:
            for v in c.values() if type(c) is dict else c:
                if type(v) is dict or type(v) is list:
                    keep(v)
        level = below
    return depth


class Unreadable:
    """Marker for a document that could not be parsed (``None`` is the JSON value null)."""


UNREADABLE = Unreadable()


class _Suspicious(Exception):
    """The fast parse met something the careful parse must see (a repeated key, NaN...)."""


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _Suspicious
    return d


def _no_constant(name: str) -> Any:
    raise _Suspicious


#: one decoder for every document: no repeated key, no NaN / Infinity, else it gives up
_FAST = json.JSONDecoder(object_pairs_hook=_strict_pairs, parse_constant=_no_constant)


def _fast_parse(text: str, limits: Limits) -> Any:
    """The value of a well-formed JSON text without repeated keys or non-standard constants
    and within the depth limit, else :data:`UNREADABLE` (then :func:`parse_json` parses it
    again carefully and says why): the common case without a decoder built per document."""
    try:
        value = _FAST.decode(text)
    except (_Suspicious, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return UNREADABLE
    return UNREADABLE if _too_deep(text, value, limits) else value


def _too_deep(text: str, value: Any, limits: Limits) -> bool:
    """Whether ``value`` (parsed from ``text``) is nested deeper than the limit."""
    # the depth is at most the number of opening brackets, but counting them in a long text
    # costs more than walking its value (a sealed envelope is one object holding one string)
    walk = len(text) > _COUNT_BELOW or text.count("{") + text.count("[") > limits.max_depth
    return walk and json_depth(value) > limits.max_depth


#: texts at least this long have their depth walked without counting brackets first
_COUNT_BELOW = 8192


def parse_json(text: str, limits: Limits, findings: list[Finding]) -> Any:
    """Parse JSON text; on failure append findings and return :data:`UNREADABLE`."""
    if not text.strip():
        findings.append(EMPTY.finding("the document is empty"))
        return UNREADABLE
    value = _fast_parse(text, limits)
    if value is not UNREADABLE:
        return value
    return _careful_parse(text, limits, findings)


def _careful_parse(text: str, limits: Limits, findings: list[Finding]) -> Any:
    """:func:`parse_json` for a text the fast parse gave up on: every finding it deserves."""
    dups: list[str] = []
    bad_constants: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(pairs)
        if len(d) != len(pairs):  # rare: find which keys repeat
            seen: set[str] = set()
            for k, _v in pairs:
                if k in seen:
                    dups.append(k)
                seen.add(k)
        return d

    def constant_hook(name: str) -> Any:
        bad_constants.append(name)
        return None

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=constant_hook)
    except RecursionError:
        findings.append(TOO_DEEP.finding(f"the document is nested more than {limits.max_depth} levels deep"))
        return UNREADABLE
    except json.JSONDecodeError as e:
        if (e.pos >= len(text.rstrip()) and e.msg.startswith("Expecting")) or e.msg.startswith(
            "Unterminated string"
        ):
            findings.append(
                TRUNCATED.finding(
                    f"the document ends at line {e.lineno} column {e.colno} before it is complete"
                )
            )
        else:
            findings.append(NOT_JSON.finding(f"{e.msg} at line {e.lineno} column {e.colno}"))
        return UNREADABLE
    except ValueError as e:  # int("9" * 5000): Python's limit on integer digits
        findings.append(HUGE_NUMBER.finding(f"the document has an integer too long to read ({str(e)[:80]})"))
        return UNREADABLE
    if _too_deep(text, value, limits):
        findings.append(TOO_DEEP.finding(f"the document is nested more than {limits.max_depth} levels deep"))
        return UNREADABLE
    for name in sorted(set(bad_constants)):
        findings.append(NONSTANDARD.finding(f"'{name}' is not a JSON value"))
    for key in sorted(set(dups)):
        findings.append(DUPLICATE_KEY.finding(f"the member name '{key}' appears more than once in an object"))
    return value
