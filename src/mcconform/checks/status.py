"""Status checks: has the issuer revoked or suspended the credential?

``credentialStatus`` entries of VCs (BitstringStatusListEntry, StatusList2021Entry,
1EdTechRevocationList) and the ``revocationList`` of an OB 2.0 issuer.  Lists are hosted:
they are fetched with ``--online`` or served from ``--resource-map URL_PREFIX=DIR``; offline
the status is reported as not checked (cantTell), never as "not revoked".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..report import Finding
from ..rules import Rule, rule
from ..trust import status
from ..trust.dataintegrity import Issue
from ..trust.keys import NotChecked, TrustError
from . import CheckContext, check, guarded

BSL = "W3C Bitstring Status List v1.0 (Algorithms: Validate Algorithm)"
OB3_REVOCATION = "Open Badges 3.0 (1EdTech Revocation List Status Method)"
OB2_REVOCATION = "Open Badges 2.0, RevocationList and Verification (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#RevocationList)"

REVOKED = rule(
    "status.revoked",
    "error",
    "The issuer has revoked (or suspended) the credential.",
    BSL + "; " + OB3_REVOCATION + "; " + OB2_REVOCATION,
    """
    The status list named by ``credentialStatus`` flags this credential: its bit is set in a
    BitstringStatusList / StatusList2021 with ``statusPurpose`` revocation or suspension, its
    id is in the 1EdTech revocation list's ``revokedCredentials``, or (OB 2.0) its id is in the
    issuer's ``revokedAssertions``.  A revoked credential must not be accepted.
    """,
)
MALFORMED = rule(
    "status.malformed",
    "error",
    "A credentialStatus entry is not well formed.",
    BSL + " (BitstringStatusListEntry)",
    """
    A BitstringStatusListEntry has ``statusPurpose``, ``statusListIndex`` (an integer, as a
    string) and ``statusListCredential`` (a URL).  FAIL: ``"statusListIndex": "-1"``.
    """,
)
LIST_INVALID = rule(
    "status.list-invalid",
    "error",
    "The status list cannot be used (not a list, wrong purpose, undecodable, index out of range).",
    BSL + " (BitstringStatusListCredential)",
    """
    ``credentialSubject.encodedList`` is a multibase base64url GZIP-compressed bitstring; the
    list's ``statusPurpose`` must be the entry's; the index must fall inside the list.
    """,
)
UNSUPPORTED = rule(
    "status.unsupported",
    "warning",
    "The credentialStatus type is not one mcconform can check.",
    BSL,
    "Supported: BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList.",
)
CHECKED = rule(
    "status.checked",
    "info",
    "The status list was consulted and does not flag the credential.",
    BSL,
    "Notes which list was read (shown with --verbose).",
)
NOT_CHECKED = rule(
    "status.not-checked",
    "warning",
    "The status list could not be obtained (offline): revocation is not checked.",
    BSL + "; mcconform offline policy",
    """
    Status lists are hosted by the issuer.  Offline, mcconform cannot know whether the
    credential was revoked: the verdict is cantTell.  Use --online, or serve the list with
    --resource-map URL_PREFIX=DIR.
    """,
)
LIST_UNSIGNED = rule(
    "status.list-unsigned",
    "warning",
    "The status list credential carries no proof: anybody could have written it.",
    BSL + " (BitstringStatusListCredential: a verifiable credential of the issuer)",
    """
    A status list is itself a credential of the issuer and should be secured like one.  An
    unsigned list, read over the network, can be replaced by anybody who controls the path to
    it.  Its proofs, when present, are verified like the credential's (the key must be the
    list issuer's): a list whose proof fails is status.list-invalid and is not used.
    """,
)
UNRESOLVABLE = rule(
    "status.unresolvable",
    "error",
    "The status list URL does not lead to a readable document.",
    BSL + " (Validate Algorithm: dereference statusListCredential)",
    "The list was not found (HTTP 404, no file under --resource-map) or is not JSON.",
)

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        REVOKED,
        MALFORMED,
        LIST_INVALID,
        LIST_UNSIGNED,
        UNSUPPORTED,
        CHECKED,
        NOT_CHECKED,
        UNRESOLVABLE,
    )
}


def _finding(issue: Issue) -> Finding:
    from .proof.rules import to_finding

    return to_finding(issue)


@check("status")
def check_status(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from guarded(_check_status, doc, ctx, NOT_CHECKED, "the status could not be checked")


def _check_status(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.readable:
        return
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    if doc.kind == "ob2-assertion":
        if doc.media != "jwt":
            return  # hosted assertions: the OB 2.0 checks fetch the issuer
        from .proof.ob2jws import ob2_issuer

        try:
            issuer = ob2_issuer(doc, ctx)
            issues = status.check_ob2_revocation(cred, issuer, ctx.options)
        except (TrustError, NotChecked) as e:
            rule_id = (
                e.rule
                if e.rule.startswith("status.")
                else ("status.not-checked" if isinstance(e, NotChecked) else "status.unresolvable")
            )
            issues = [Issue(rule_id, f"the issuer's revocation list: {e.message}", "")]
        for issue in issues:
            yield _finding(issue)
        return
    hook = lambda lst, ptr: list_proof(lst, ptr, ctx)  # noqa: E731
    for issue in status.check_entries(cred, ctx.options, doc.base, hook):
        yield _finding(issue)


def list_proof(lst: status.ListDoc, pointer: str, ctx: CheckContext) -> list[Issue]:
    """Verify the status list credential's own proofs (its key must be its issuer's)."""
    from .proof.dataintegrity import verify_embedded

    data = lst.data
    proofs = data.get("proof") if isinstance(data, dict) else None
    if proofs is None:
        return [Issue("status.list-unsigned", f"the status list {lst.url} has no proof", pointer)]
    plist = proofs if isinstance(proofs, list) else [proofs]
    out: list[Issue] = []
    outcomes = []
    for i, p in enumerate(plist):
        index = i if isinstance(proofs, list) else None
        outcome, issues = verify_embedded(data, p, "", index, ctx)
        outcomes.append(outcome)
        for issue in issues:
            if outcome == "failed" and issue.rule not in ("proof.verified", "key.fragment"):
                msg = f"the status list {lst.url}: {issue.message}"
                out.append(Issue("status.list-invalid", msg, pointer))
            elif outcome == "not-checked" and issue.rule.endswith(".not-checked"):
                out.append(
                    Issue("status.not-checked", f"the status list {lst.url}: {issue.message}", pointer)
                )
    if outcomes and all(o == "unsupported" for o in outcomes):
        msg = f"the status list {lst.url} has no proof mcconform can verify"
        out.append(Issue("status.not-checked", msg, pointer))
    return out
