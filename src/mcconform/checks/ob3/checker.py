"""The OB 3.0 rules for one document: the credential (type, id, name, issuer, subject), its
AchievementSubject and Achievement, the standalone Profile and Achievement documents, and the
walk over nested nodes (embedded endorsements are checked as credentials).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from typing import Any

from ...detect import OB3_ENDORSEMENT
from ...document import Document
from ...parse import json_type
from ...pointer import join
from ...report import Finding
from .. import CheckContext
from .contexts import context_findings
from .dates import validity_findings
from .model import CHILDREN
from .node_types import NodeTypes, has_type
from .rules import (
    ACHIEVEMENT,
    ACHIEVEMENT_PROPERTY,
    CREDENTIAL_NAME,
    CREDENTIAL_TYPE,
    CRITERIA,
    ID,
    ISSUER,
    PROFILE_NAME,
    PROFILE_RECOMMENDED,
    SUBJECT,
    SUBJECT_IDENTIFIER,
)
from .values import is_uri, severity_setting, types_of

#: class -> (property, class of its values, whether that class has children of its own to walk)
_WALK = {
    cls: tuple((prop, child, child in CHILDREN) for prop, child in props.items())
    for cls, props in CHILDREN.items()
}


class Ob3Checker:
    """The OB 3.0 rules for one document."""

    def __init__(self, doc: Document, ctx: CheckContext) -> None:
        self.doc = doc
        self.ctx = ctx
        self.now = ctx.options.now if ctx.options.now.tzinfo else ctx.options.now.replace(tzinfo=UTC)
        self.skew = timedelta(seconds=float(ctx.setting("clock_skew_seconds", 0) or 0))
        self.types = NodeTypes(doc, ctx)

    def require_id(self, node: dict[str, Any], ptr: str, what: str) -> list[Finding]:
        value = node.get("id")
        if value is None:
            return [ID.finding(f"{what} has no id (a URI is required)", ptr)]
        if not is_uri(value):
            return [
                ID.finding(
                    f"the id of {what} is not a URI: {value!s:.120}", join(ptr, "id"), value=str(value)
                )
            ]
        return []

    def walk(
        self, node: Any, ptr: str, cls: str, depth: int, skip: tuple[str, ...] = ()
    ) -> Iterator[Finding]:
        """The types of the children of ``node`` (of class ``cls``), recursively.

        Embedded endorsements get the credential rules (``depth`` counts the nesting).
        """
        if not isinstance(node, dict):
            return
        for prop, child_cls, parent in _WALK.get(cls, ()):
            if prop not in node or prop in skip:
                continue
            value = node[prop]
            if not parent and type(value) is dict and has_type(value, child_cls):
                continue  # the common case, told before any list is made
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                fine = has_type(item, child_cls)
                if fine and not parent:
                    continue  # nothing to report here, nothing below to walk
                p = join(ptr, prop) if i is None else join(ptr, prop, i)
                if child_cls == "EndorsementCredential" and isinstance(item, dict):
                    yield from self.credential(item, p, OB3_ENDORSEMENT, embedded=depth + 1)
                    continue
                if not fine:
                    yield from self.types.findings(item, p, child_cls, prop)
                if parent:
                    yield from self.walk(item, p, child_cls, depth)

    # -- documents
    def credential(self, cred: dict[str, Any], base: str, kind: str, embedded: int = 0) -> Iterator[Finding]:
        types = types_of(cred)
        endorsement = kind == OB3_ENDORSEMENT or "EndorsementCredential" in types
        if embedded == 0 or "@context" in cred:
            yield from context_findings(cred, base, True, self.ctx)
        # type
        wanted = (
            ("EndorsementCredential",) if endorsement else ("OpenBadgeCredential", "AchievementCredential")
        )
        tptr = join(base, "type") if "type" in cred else base
        if "VerifiableCredential" not in types:
            yield CREDENTIAL_TYPE.finding('type must include "VerifiableCredential"', tptr)
        if not any(t in wanted for t in types):
            shown = ", ".join(types) or "none"
            need = " or ".join(f'"{w}"' for w in wanted)
            yield CREDENTIAL_TYPE.finding(f"type must include {need} (it has {shown})", tptr)
        cls = "EndorsementCredential" if endorsement else "OpenBadgeCredential"
        what = "the endorsement" if embedded else "the credential"
        # id and name
        yield from self.require_id(cred, base, what)
        if not isinstance(cred.get("name"), str | dict):
            yield CREDENTIAL_NAME.finding(
                f"{what} has no name" + ("" if endorsement else " (recommended for display in wallets)"),
                base,
                severity="error" if endorsement else "warning",
            )
        # validity
        yield from validity_findings(cred, base, embedded > 0, self.now, self.skew)
        # issuer
        issuer = cred.get("issuer")
        iptr = join(base, "issuer")
        if issuer is None:
            yield ISSUER.finding(f"{what} has no issuer", base)
        elif not isinstance(issuer, dict):
            yield ISSUER.finding(
                f"issuer must be a Profile object with id and type, not a JSON {json_type(issuer)}", iptr
            )
        else:
            yield from self.require_id(issuer, iptr, "the issuer")
            if not has_type(issuer, "Profile"):  # (findings() says nothing for a typed node)
                yield from self.types.findings(issuer, iptr, "Profile", "issuer")
            yield from self.walk(issuer, iptr, "Profile", embedded)
        # subject
        subject = cred.get("credentialSubject")
        sptr = join(base, "credentialSubject")
        subject_cls = "EndorsementSubject" if endorsement else "AchievementSubject"
        if subject is None:
            yield SUBJECT.finding(f"{what} has no credentialSubject", base)
        elif not isinstance(subject, dict):
            yield SUBJECT.finding(
                f"credentialSubject must be one {subject_cls} object, not a JSON {json_type(subject)}", sptr
            )
        else:
            if not has_type(subject, subject_cls):
                yield from self.types.findings(subject, sptr, subject_cls, "credentialSubject")
            if endorsement:
                yield from self.require_id(subject, sptr, "the EndorsementSubject")
            else:
                yield from self.achievement_subject(subject, sptr, embedded)
        yield from self.walk(cred, base, cls, embedded, skip=("issuer", "credentialSubject"))

    def achievement_subject(self, subject: dict[str, Any], ptr: str, depth: int) -> Iterator[Finding]:
        if "id" not in subject and not subject.get("identifier"):
            yield SUBJECT_IDENTIFIER.finding(
                "credentialSubject has neither id nor identifier: the learner is not identified", ptr
            )
        elif "id" in subject and not is_uri(subject["id"]):
            yield ID.finding(
                f"the id of credentialSubject is not a URI: {subject['id']!s:.120}", join(ptr, "id")
            )
        ach = subject.get("achievement")
        aptr = join(ptr, "achievement")
        if ach is None:
            yield ACHIEVEMENT.finding("credentialSubject has no achievement", ptr)
        elif not isinstance(ach, dict):
            yield ACHIEVEMENT.finding(
                f"achievement must be an Achievement object, not a JSON {json_type(ach)}", aptr
            )
        else:
            yield from self.achievement(ach, aptr, depth)
        yield from self.walk(subject, ptr, "AchievementSubject", depth, skip=("achievement",))

    def achievement(
        self, ach: dict[str, Any], ptr: str, depth: int, standalone: bool = False
    ) -> Iterator[Finding]:
        yield from self.require_id(ach, ptr, "the achievement")
        # a standalone document is no nested node: SHACL does not see its type
        if not has_type(ach, "Achievement"):
            what = "the document" if standalone else "achievement"
            yield from self.types.findings(ach, ptr, "Achievement", what, force=standalone)
        for prop in ("name", "description"):
            if not isinstance(ach.get(prop), str | dict):
                yield ACHIEVEMENT_PROPERTY.finding(f"the achievement has no {prop}", ptr)
        criteria = ach.get("criteria")
        if criteria is None:
            yield ACHIEVEMENT_PROPERTY.finding("the achievement has no criteria", ptr)
        elif not isinstance(criteria, dict):
            yield CRITERIA.finding(
                "criteria must be an object with id and/or narrative", join(ptr, "criteria")
            )
        elif "id" not in criteria and "narrative" not in criteria:
            yield CRITERIA.finding("criteria has neither id nor narrative", join(ptr, "criteria"))
        yield from self.walk(ach, ptr, "Achievement", depth)

    def profile(self, prof: dict[str, Any], base: str) -> Iterator[Finding]:
        yield from context_findings(prof, base, False, self.ctx)
        yield from self.require_id(prof, base, "the Profile")
        yield from self.types.findings(prof, base, "Profile", "the document", force=True)
        if not isinstance(prof.get("name"), str | dict):
            yield PROFILE_NAME.finding("the issuer Profile has no name", base)
        sev = severity_setting(self.ctx.setting("profile_recommended", "warning"), "warning")
        if sev is not None:
            for prop in ("url", "email", "address"):
                if prop not in prof:
                    yield PROFILE_RECOMMENDED.finding(
                        f"the issuer Profile has no {prop} (recommended)", base, severity=sev
                    )
        yield from self.walk(prof, base, "Profile", 0)
