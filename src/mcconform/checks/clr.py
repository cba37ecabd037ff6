"""Comprehensive Learner Record 2.0 checks.

The credentials inside a CLR (``credentialSubject.verifiableCredential``) are checked as
documents of their own (:mod:`mcconform.nested`).  This family checks what only the CLR
knows: its associations connect achievements and credentials it holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..detect import as_list, types_of
from ..document import Document
from ..nested import ENVELOPED_TYPES, decode_data_url
from ..parse import looks_like_jws
from ..pointer import join
from ..report import Finding
from ..rules import rule
from ..sources import decode_jwt
from . import CheckContext, check

CLR_ASSOCIATION = "Comprehensive Learner Record 2.0, Association (sourceId, targetId) and ClrSubject"

ASSOCIATION_DANGLING = rule(
    "clr.association-dangling",
    "error",
    "An association of the CLR names an achievement or credential the CLR does not hold.",
    CLR_ASSOCIATION,
    """
    ``credentialSubject.association[]`` connects two achievements of the learner's record:
    ``sourceId`` and ``targetId`` are the ids of achievements of the CLR (``ClrSubject.achievement[].id``
    or the ``achievement.id`` of a credential in ``ClrSubject.verifiableCredential``) or of
    those credentials.  An id that names nothing in the CLR leaves the association dangling.

    PASS: ``"association": [{"type": "Association", "associationType": "isParentOf",
    "sourceId": "urn:uuid:a1", "targetId": "urn:uuid:a2"}]`` with achievements ``urn:uuid:a1``
    and ``urn:uuid:a2`` in the CLR.
    FAIL: the same with ``"targetId": "urn:uuid:elsewhere"``.
    """,
)


def _credential_value(item: Any) -> Any:
    """A credential item as a JSON object: decoded from a JWT or a data: URL when needed."""
    try:
        if isinstance(item, str) and looks_like_jws(item.strip()):
            _h, claims, _s = decode_jwt(item)
            return claims.get("vc", claims)
        enveloped = isinstance(item, dict) and set(types_of(item)) & ENVELOPED_TYPES
        if enveloped and isinstance(item.get("id"), str):
            _media, content = decode_data_url(item["id"])
            text = content.decode("utf-8").strip()
            if looks_like_jws(text):
                return _credential_value(text)
            return json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return item


def _ids(subjects: list[Any]) -> set[str]:
    ids: set[str] = set()
    for subject in subjects:
        if not isinstance(subject, dict):
            continue
        for ach in as_list(subject.get("achievement")):
            if isinstance(ach, dict) and isinstance(ach.get("id"), str):
                ids.add(ach["id"])
        for item in as_list(subject.get("verifiableCredential")):
            cred = _credential_value(item)
            if not isinstance(cred, dict):
                continue
            if isinstance(cred.get("id"), str):
                ids.add(cred["id"])
            for inner in as_list(cred.get("credentialSubject")):
                if isinstance(inner, dict):
                    for ach in as_list(inner.get("achievement")):
                        if isinstance(ach, dict) and isinstance(ach.get("id"), str):
                            ids.add(ach["id"])
    return ids


@check("clr")
def check_clr(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    raw = cred.get("credentialSubject")
    subjects = as_list(raw)
    ids = _ids(subjects)
    for si, subject in enumerate(subjects):
        if not isinstance(subject, dict):
            continue
        base = doc.at("/credentialSubject" + (f"/{si}" if isinstance(raw, list) else ""))
        associations = subject.get("association")
        for ai, assoc in enumerate(as_list(associations)):
            if not isinstance(assoc, dict):
                continue
            at = join(base, "association", *([ai] if isinstance(associations, list) else []))
            for key in ("sourceId", "targetId"):
                value = assoc.get(key)
                if isinstance(value, str) and value not in ids:
                    yield ASSOCIATION_DANGLING.finding(
                        f"{key} {value} names no achievement or credential of this CLR", join(at, key)
                    )
