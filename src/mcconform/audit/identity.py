"""Who issued what: the issuer and the achievement (badge class) a checked document names.

The issuer comes from the credential: OB 3.0 / VC / ELM ``issuer``, OB 2.0 and 1.x
``badge`` -> ``issuer``, the document itself for issuer profiles; the achievement from OB 3.0
``credentialSubject.achievement``, the OB 2.0 ``badge`` (a BadgeClass), ELM
``credentialSubject.hasClaim`` -> ``specifiedBy``.  Each is ``(id, display name)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import detect

if TYPE_CHECKING:
    from ..document import Document


def _text(value: Any) -> str | None:
    """A display string from a plain string, a language map or a list of either."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for v in value:
            t = _text(v)
            if t:
                return t
        return None
    if isinstance(value, dict):
        if "@value" in value:
            return _text(value["@value"])
        for lang in ("en", "en-GB", "en-US", "@none"):
            if lang in value:
                t = _text(value[lang])
                if t:
                    return t
        for key in sorted(value):
            if len(key) <= 8:  # language tags only, not nested objects
                t = _text(value[key])
                if t:
                    return t
    return None


def _ident(
    value: Any, name_keys: tuple[str, ...] = ("name", "legalName", "prefLabel", "title")
) -> tuple[str | None, str | None]:
    """``(id, name)`` of an entity given as an IRI string, an object or a list of them."""
    if isinstance(value, str):
        return (value.strip() or None), None
    if isinstance(value, list):
        for v in value:
            i, n = _ident(v, name_keys)
            if i or n:
                return i, n
        return None, None
    if isinstance(value, dict):
        ident = value.get("id", value.get("@id"))
        if not isinstance(ident, str):
            ident = value.get("origin") if isinstance(value.get("origin"), str) else None  # OB 0.5
        name = None
        for key in name_keys:
            name = _text(value.get(key))
            if name:
                break
        return ident, name
    return None, None


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, dict)), value[0] if value else None)
    return value


Ident = tuple[str | None, str | None]


def identify(doc: Document) -> tuple[Ident, Ident]:
    """``((issuer id, issuer name), (achievement id, achievement name))`` of a checked document."""
    none: Ident = (None, None)
    if not doc.readable:
        return none, none
    cred = doc.credential
    if not isinstance(cred, dict):
        return none, none
    kind = doc.kind
    issuer: Ident = none
    achievement: Ident = none
    if kind in (detect.OB3_PROFILE, detect.OB2_ISSUER):
        issuer = _ident(cred)
    elif kind == detect.OB3_ACHIEVEMENT:
        issuer, achievement = _ident(cred.get("creator")), _ident(cred)
    elif kind == detect.OB2_BADGECLASS:
        issuer, achievement = _ident(cred.get("issuer")), _ident(cred)
    elif kind in (detect.OB2_ASSERTION, detect.OB1_ASSERTION):
        badge = cred.get("badge")
        achievement = _ident(badge)
        if isinstance(badge, dict):
            issuer = _ident(badge.get("issuer", badge.get("issuer_org")))
    else:
        issuer = _ident(cred.get("issuer"))
        subject = _first(cred.get("credentialSubject"))
        if isinstance(subject, dict):
            if kind == detect.EDC_CREDENTIAL:
                claim = _first(subject.get("hasClaim"))
                if isinstance(claim, dict):
                    spec = claim.get("specifiedBy")
                    achievement = _ident(spec) if spec else _ident(claim)
                    if achievement[1] is None and spec:
                        achievement = (achievement[0], _text(claim.get("title")))
            elif "achievement" in subject:
                achievement = _ident(subject.get("achievement"))
    return issuer, achievement
