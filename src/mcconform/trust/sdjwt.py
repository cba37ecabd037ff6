"""SD-JWT (RFC 9901, Selective Disclosure for JWTs): parse, check disclosures, rebuild the claims.

An SD-JWT is ``<issuer-signed JWT>~<disclosure>~...~<disclosure>~[<key-binding JWT>]``
(section 4).  A disclosure is the base64url of a JSON array ``[salt, name, value]`` (an object
property) or ``[salt, value]`` (an array element); its digest (``_sd_alg``, default
``sha-256``) is the base64url of the hash of the disclosure's ASCII text (section 4.2.3).  The
issuer-signed JWT holds the digests: ``_sd`` lists in objects, ``{"...": digest}`` elements in
arrays (section 4.2.4).  Verification (section 7.1): every disclosure must be referenced by
exactly one digest, a digest must not occur twice, a disclosed name must not be ``_sd`` or
``...`` nor clash with a claim already there; the claims are rebuilt by putting the disclosed
values in place and dropping what is not disclosed.  The key-binding JWT (section 4.3) signs
``sd_hash``: the digest of everything before it (``<jwt>~<d1>~...~<dn>~``).

This module is pure parsing (no signature): :mod:`mcconform.checks.sdjwt` verifies signatures.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .issue import Issue

#: IANA "Named Information Hash Algorithm" names RFC 9901 uses -> hashlib names
HASHES = {"sha-256": "sha256", "sha-384": "sha384", "sha-512": "sha512"}
_B64 = r"[A-Za-z0-9_-]*"
_JWS = rf"{_B64}\.{_B64}\.{_B64}"
SD_JWT_RE = re.compile(rf"^{_JWS}~(?:{_B64}~)*(?:{_JWS})?$")
MAX_DISCLOSURES = 1000


def looks_like_sd_jwt(text: str) -> bool:
    return "~" in text and bool(SD_JWT_RE.match(text.strip()))


def b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json_part(part: str) -> Any:
    try:
        return json.loads(b64url_decode(part))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None


@dataclass
class Disclosure:
    text: str
    digest: str
    salt: Any = None
    name: str | None = None
    value: Any = None
    array: bool = False
    used: int = 0


@dataclass
class SdJwt:
    jwt: str
    header: dict[str, Any]
    payload: dict[str, Any]
    disclosures: list[Disclosure]
    kb_jwt: str | None
    #: the text the key-binding JWT's sd_hash is computed over
    presented: str
    hash_name: str | None
    claims: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def digest(text: str, hash_name: str) -> str:
    return b64url(hashlib.new(hash_name, text.encode("ascii")).digest())


def split(text: str) -> tuple[str, list[str], str | None]:
    """(issuer-signed JWT, disclosure texts, key-binding JWT or None); raises ValueError."""
    parts = text.strip().split("~")
    if len(parts) < 2 or parts[0].count(".") != 2:
        raise ValueError("an SD-JWT is <issuer-signed JWT>~<disclosures>~...~[<key-binding JWT>]")
    kb = parts[-1] or None
    disclosures = parts[1:-1]
    if len(disclosures) > MAX_DISCLOSURES:
        raise ValueError(f"more than {MAX_DISCLOSURES} disclosures")
    if any(not d for d in disclosures):
        raise ValueError("an SD-JWT has no empty disclosure between two '~'")
    return parts[0], disclosures, kb


def parse(text: str) -> SdJwt:
    """Decode an SD-JWT and rebuild its claims; problems are in ``.issues`` (ValueError: not one)."""
    jwt, texts, kb = split(text)
    header, payload = _json_part(jwt.split(".")[0]), _json_part(jwt.split(".")[1])
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ValueError("the issuer-signed JWT's header and payload must be base64url JSON objects")
    presented = text.strip()[: len(text.strip()) - len(kb or "")]
    sd = SdJwt(jwt, header, payload, [], kb, presented, None)
    alg = payload.get("_sd_alg", "sha-256")
    hash_name = HASHES.get(alg) if isinstance(alg, str) else None
    if hash_name is None:
        sd.issues.append(
            Issue("sdjwt.not-checked", f"_sd_alg {alg!r} is not a hash mcconform supports", "/_sd_alg")
        )
        sd.claims = _strip(payload)
        return sd
    sd.hash_name = hash_name
    seen: dict[str, Disclosure] = {}
    for i, t in enumerate(texts):
        d = Disclosure(t, digest(t, hash_name))
        value = _json_part(t)
        ok = isinstance(value, list) and len(value) in (2, 3) and isinstance(value[0], str)
        if ok and len(value) == 3 and not isinstance(value[1], str):
            ok = False
        if not ok:
            sd.issues.append(
                Issue(
                    "sdjwt.disclosure-malformed",
                    f"disclosure {i} is not the base64url of a JSON array [salt, name, value] or "
                    "[salt, value]",
                )
            )
            continue
        d.salt, d.array = value[0], len(value) == 2
        d.name, d.value = (None, value[1]) if d.array else (value[1], value[2])
        if d.name in ("_sd", "..."):
            sd.issues.append(
                Issue("sdjwt.disclosure-malformed", f"disclosure {i} discloses the name {d.name!r}")
            )
            continue
        if d.digest in seen:
            sd.issues.append(
                Issue("sdjwt.disclosure-repeated", f"disclosure {i} is presented more than once ({d.digest})")
            )
            continue
        seen[d.digest] = d
        sd.disclosures.append(d)
    digests: set[str] = set()
    sd.claims = _rebuild(payload, seen, digests, sd.issues, "", 0)
    for d in sd.disclosures:
        if not d.used:
            what = f"claim {d.name!r}" if d.name is not None else "array element"
            sd.issues.append(
                Issue(
                    "sdjwt.disclosure-unmatched",
                    f"the disclosure of {what} ({d.digest}) matches no digest of the issuer-signed JWT: "
                    "it was altered, or it was not issued with this credential",
                )
            )
    return sd


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("_sd", "_sd_alg")}
    if isinstance(value, list):
        return [_strip(v) for v in value if not (isinstance(v, dict) and set(v) == {"..."})]
    return value


def _rebuild(
    value: Any,
    disclosures: dict[str, Disclosure],
    digests: set[str],
    issues: list[Issue],
    ptr: str,
    depth: int,
) -> Any:
    if depth > 64:
        issues.append(Issue("sdjwt.disclosure-malformed", "disclosures nest more than 64 levels", ptr))
        return None
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k == "_sd" or (k == "_sd_alg" and ptr == ""):
                continue
            out[k] = _rebuild(v, disclosures, digests, issues, f"{ptr}/{k}", depth + 1)
        sd_list = value.get("_sd")
        if sd_list is not None and not (
            isinstance(sd_list, list) and all(isinstance(x, str) for x in sd_list)
        ):
            issues.append(Issue("sdjwt.digest", "_sd is a list of digest strings", f"{ptr}/_sd"))
            return out
        for h in sd_list or []:
            if h in digests:
                issues.append(Issue("sdjwt.digest", f"the digest {h} occurs more than once", f"{ptr}/_sd"))
                continue
            digests.add(h)
            d = disclosures.get(h)
            if d is None:
                continue  # not disclosed (or a decoy digest)
            d.used += 1
            if d.array or d.name is None:
                issues.append(
                    Issue(
                        "sdjwt.disclosure-malformed",
                        f"the array-element disclosure {h} is referenced from _sd",
                        ptr,
                    )
                )
                continue
            if d.name in out:
                issues.append(
                    Issue(
                        "sdjwt.disclosure-malformed",
                        f"the disclosed claim {d.name!r} is already a claim of that object",
                        f"{ptr}/{d.name}",
                    )
                )
                continue
            out[d.name] = _rebuild(d.value, disclosures, digests, issues, f"{ptr}/{d.name}", depth + 1)
        return out
    if isinstance(value, list):
        items: list[Any] = []
        for i, v in enumerate(value):
            if isinstance(v, dict) and set(v) == {"..."}:
                h = v["..."]
                if not isinstance(h, str) or h in digests:
                    issues.append(
                        Issue("sdjwt.digest", "an array digest is repeated or not a string", f"{ptr}/{i}")
                    )
                    continue
                digests.add(h)
                d = disclosures.get(h)
                if d is None:
                    continue
                d.used += 1
                if not d.array:
                    issues.append(
                        Issue(
                            "sdjwt.disclosure-malformed",
                            f"the claim disclosure {h} is referenced from an array",
                            ptr,
                        )
                    )
                    continue
                items.append(_rebuild(d.value, disclosures, digests, issues, f"{ptr}/{i}", depth + 1))
            else:
                items.append(_rebuild(v, disclosures, digests, issues, f"{ptr}/{i}", depth + 1))
        return items
    return value
