"""Credential status: is the credential revoked or suspended?

- ``BitstringStatusListEntry`` (W3C Bitstring Status List v1.0) and ``StatusList2021Entry``
  (its predecessor): the list credential at ``statusListCredential`` carries
  ``credentialSubject.encodedList``, a GZIP-compressed bitstring (multibase base64url ``u``;
  StatusList2021 lists may omit the prefix); the entry's ``statusListIndex`` is a bit position
  counted from the first (most significant) bit of the first byte, ``statusSize`` bits wide
  (default 1).  A non-zero value means revoked / suspended according to ``statusPurpose``;
- ``1EdTechRevocationList`` (OB 3.0 "1EdTech Revocation List Status Method"): the document at the
  entry's ``id`` lists ``revokedCredentials`` (``{id, revoked?}``);
- OB 2.0 ``RevocationList`` (OB 2.0 "Verification", hosted and signed): the issuer's
  ``revocationList`` document lists ``revokedAssertions`` (ids or ``{id, revocationReason}``).

Lists are fetched through :mod:`mcconform.fetch` (``--online`` or ``--resource-map``);
offline they are reported as not checked.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..options import Options
from . import multibase
from .dataintegrity import Issue
from .keys import NotChecked, TrustError, fetch_document

BITSTRING_TYPES = ("BitstringStatusListEntry", "StatusList2021Entry")
REVOCATION_LIST_TYPE = "1EdTechRevocationList"
MAX_LIST_BYTES = 16 * 1024 * 1024  # decompressed cap (a 16 KB list is 131,072 entries)


@dataclass
class ListDoc:
    url: str
    data: Any


def _types(v: Any) -> list[str]:
    t = v.get("type") if isinstance(v, dict) else None
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def fetch_list(url: Any, options: Options, what: str) -> ListDoc:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise TrustError("status.malformed", f"{what} must be an http(s) URL, not {url!r}")
    return ListDoc(url, fetch_document(url.split("#", 1)[0], options, what, rule_prefix="status"))


LIST_TYPES = ("BitstringStatusListCredential", "StatusList2021Credential")
SUBJECT_TYPES = ("BitstringStatusList", "StatusList2021")


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def check_list_credential(
    data: dict[str, Any], subject: dict[str, Any], url: str, options: Options, pointer: str
) -> None:
    """The list is a status list credential, valid now (Bitstring Status List: Validate Algorithm)."""
    if not any(t in LIST_TYPES for t in _types(data)) or not any(t in SUBJECT_TYPES for t in _types(subject)):
        raise TrustError(
            "status.list-invalid",
            f"{url} is not a BitstringStatusListCredential / StatusList2021Credential "
            f"(type {_types(data)}, credentialSubject type {_types(subject)})",
            pointer,
        )
    now = options.now if options.now.tzinfo else options.now.replace(tzinfo=UTC)
    for key in ("validUntil", "expirationDate"):
        end = _instant(data.get(key))
        if end is not None and end < now:
            raise TrustError(
                "status.list-invalid", f"the status list {url} expired at {data[key]} ({key})", pointer
            )
    for key in ("validFrom", "issuanceDate"):
        start = _instant(data.get(key))
        if start is not None and start > now:
            msg = f"the status list {url} is not valid before {data[key]} ({key})"
            raise TrustError("status.list-invalid", msg, pointer)


def decode_bitstring(encoded: Any) -> bytes:
    if not isinstance(encoded, str) or not encoded:
        raise TrustError("status.list-invalid", "encodedList is missing or not a string")
    body = encoded[1:] if encoded.startswith("u") else encoded
    try:
        compressed = multibase.b64url_decode(body)
    except multibase.MultibaseError:
        try:
            compressed = multibase.b64url_decode(encoded)
        except multibase.MultibaseError as e:
            raise TrustError("status.list-invalid", f"encodedList is not base64url: {e}") from None
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(compressed, MAX_LIST_BYTES)
        if d.unconsumed_tail:
            raise TrustError(
                "status.list-invalid", f"encodedList decompresses to more than {MAX_LIST_BYTES} bytes"
            )
    except (zlib.error, gzip.BadGzipFile) as e:
        raise TrustError("status.list-invalid", f"encodedList is not GZIP-compressed: {e}") from None
    return out


def bit_value(bits: bytes, index: int, size: int = 1) -> int:
    value = 0
    for i in range(index * size, index * size + size):
        byte = bits[i // 8]
        value = (value << 1) | ((byte >> (7 - i % 8)) & 1)
    return value


def _index(entry: dict[str, Any]) -> int:
    raw = entry.get("statusListIndex")
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise TrustError("status.malformed", "statusListIndex must be an integer (as a string)")
    text = str(raw)
    if not text.isdigit():
        raise TrustError("status.malformed", f"statusListIndex {raw!r} is not a non-negative integer")
    return int(text)


#: called with each fetched list credential and the entry's pointer; returns issues about the list
ListHook = Callable[["ListDoc", str], list[Issue]]


def check_bitstring(
    entry: dict[str, Any], options: Options, pointer: str, on_list: ListHook | None = None
) -> list[Issue]:
    purpose = entry.get("statusPurpose")
    if not isinstance(purpose, str):
        raise TrustError(
            "status.malformed", "the status entry has no statusPurpose", pointer + "/statusPurpose"
        )
    index = _index(entry)
    size = entry.get("statusSize", 1)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1 or size > 32:
        raise TrustError("status.malformed", "statusSize must be a positive integer", pointer + "/statusSize")
    lst = fetch_list(entry.get("statusListCredential"), options, "the status list credential")
    data = lst.data
    if not isinstance(data, dict):
        raise TrustError("status.list-invalid", f"the status list {lst.url} is not a JSON object")
    subject = data.get("credentialSubject")
    if isinstance(subject, list) and len(subject) == 1:
        subject = subject[0]
    if not isinstance(subject, dict):
        raise TrustError("status.list-invalid", f"the status list {lst.url} has no credentialSubject")
    check_list_credential(data, subject, lst.url, options, pointer)
    list_purpose = subject.get("statusPurpose")
    purposes = list_purpose if isinstance(list_purpose, list) else [list_purpose]
    if purpose not in purposes:
        raise TrustError(
            "status.list-invalid",
            f"the status list {lst.url} is for statusPurpose {list_purpose!r}, the entry says {purpose!r}",
            pointer + "/statusPurpose",
        )
    about_list = on_list(lst, pointer) if on_list is not None else []
    if any(i.rule == "status.list-invalid" for i in about_list):
        return about_list  # a list that does not verify says nothing about the credential
    bits = decode_bitstring(subject.get("encodedList"))
    if (index + 1) * size > len(bits) * 8:
        raise TrustError(
            "status.list-invalid",
            f"statusListIndex {index} is beyond the end of the list ({len(bits) * 8 // size} entries)",
            pointer + "/statusListIndex",
        )
    value = bit_value(bits, index, size)
    if value and purpose in ("revocation", "suspension"):
        state = "revoked" if purpose == "revocation" else "suspended"
        msg = f"the credential is {state}: bit {index} of {lst.url} is set"
        return [*about_list, Issue("status.revoked", msg, pointer)]
    if value:
        msg = f"status {purpose} of {lst.url} at {index} is {value}"
        return [*about_list, Issue("status.checked", msg, pointer)]
    msg = f"not {purpose}-flagged in {lst.url} (index {index})"
    return [*about_list, Issue("status.checked", msg, pointer)]


def check_1edtech(
    entry: dict[str, Any], credential: dict[str, Any], options: Options, pointer: str
) -> list[Issue]:
    lst = fetch_list(entry.get("id"), options, "the 1EdTech revocation list")
    revoked = lst.data.get("revokedCredentials") if isinstance(lst.data, dict) else None
    if not isinstance(revoked, list):
        raise TrustError(
            "status.list-invalid", f"the revocation list {lst.url} has no revokedCredentials list"
        )
    cid = credential.get("id")
    if cid is None:
        raise TrustError("status.malformed", "a credential checked against a revocation list needs an id", "")
    for item in revoked:
        if isinstance(item, dict) and item.get("id") == cid and item.get("revoked", True) is not False:
            reason = item.get("revocationReason")
            why = f" ({reason})" if isinstance(reason, str) else ""
            return [Issue("status.revoked", f"the credential is revoked in {lst.url}{why}", pointer)]
    return [Issue("status.checked", f"not listed in the revocation list {lst.url}", pointer)]


def check_entries(
    credential: dict[str, Any], options: Options, base: str = "", on_list: ListHook | None = None
) -> list[Issue]:
    """Issues for every ``credentialStatus`` entry of a VC."""
    status = credential.get("credentialStatus")
    if status is None:
        return []
    entries = status if isinstance(status, list) else [status]
    out: list[Issue] = []
    for i, entry in enumerate(entries):
        ptr = f"{base}/credentialStatus" + (f"/{i}" if isinstance(status, list) else "")
        if not isinstance(entry, dict):
            out.append(Issue("status.malformed", "a credentialStatus entry is a JSON object", ptr))
            continue
        types = _types(entry)
        try:
            if any(t in BITSTRING_TYPES for t in types):
                out.extend(check_bitstring(entry, options, ptr, on_list))
            elif REVOCATION_LIST_TYPE in types:
                out.extend(check_1edtech(entry, credential, options, ptr))
            else:
                out.append(
                    Issue("status.unsupported", f"status type {types or '(none)'} is not supported", ptr)
                )
        except TrustError as e:
            out.append(Issue(e.rule, e.message, e.pointer or ptr))
        except NotChecked as e:
            out.append(Issue(e.rule, e.message, e.pointer or ptr))
    return out


def check_ob2_revocation(assertion: dict[str, Any], issuer: dict[str, Any], options: Options) -> list[Issue]:
    """OB 2.0: the issuer's revocationList must not list the assertion."""
    url = issuer.get("revocationList")
    if url is None:
        return []
    if isinstance(url, dict):
        data: Any = url
        where = "the embedded revocation list"
    else:
        lst = fetch_list(url, options, "the issuer's revocation list")
        data, where = lst.data, lst.url
    items = data.get("revokedAssertions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise TrustError("status.list-invalid", f"{where} has no revokedAssertions list")
    aid = assertion.get("id")
    for item in items:
        rid = item.get("id") if isinstance(item, dict) else item
        if rid is not None and rid == aid:
            reason = item.get("revocationReason") if isinstance(item, dict) else None
            why = f" ({reason})" if isinstance(reason, str) else ""
            return [Issue("status.revoked", f"the assertion is revoked in {where}{why}", "")]
    return [Issue("status.checked", f"not listed in {where}", "")]
