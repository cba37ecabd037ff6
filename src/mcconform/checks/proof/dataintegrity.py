"""Embedded proofs (VC Data Integrity): ``DataIntegrityProof`` with the eddsa (rdfc, jcs, the
legacy eddsa-2022), ecdsa (rdfc, jcs; P-256, P-384) and ecdsa-sd-2023 (derived) cryptosuites, and
``Ed25519Signature2020``; proof sets and chains.

Every proof of a proof set is verified on its own and reported at its own pointer (``/proof/0``,
``/proof/1``...): its purpose, its expiry, its key (and the key's binding to the issuer), then its
signature over the canonical form (:mod:`mcconform.trust.dataintegrity` does the cryptography).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...pointer import join
from ...report import Finding
from ...trust import dataintegrity as di
from ...trust import keys
from ...trust.dataintegrity import Issue
from ...trust.keys import NotChecked, TrustError
from .. import CheckContext
from .keybinding import binding_issues, issuer_id, severity_setting
from .rules import MISSING, NOT_CHECKED, to_finding


def _label(proof: dict[str, Any], index: int | None) -> str:
    t = proof.get("type")
    suite = proof.get("cryptosuite")
    name = f"{t}" + (f" {suite}" if isinstance(suite, str) else "")
    return f"proof {index} ({name})" if index is not None else f"proof ({name})"


def verify_embedded(
    cred: dict[str, Any], proof: Any, ptr: str, index: int | None, ctx: CheckContext
) -> tuple[str, list[Issue]]:
    """(outcome, issues) of one embedded proof; outcome: verified, failed, not-checked, unsupported."""
    if not isinstance(proof, dict):
        return "failed", [
            Issue(
                "proof.malformed",
                f"proof {index if index is not None else ''} is not an object".replace("  ", " "),
                ptr,
            )
        ]
    label = _label(proof, index)
    kind = di.proof_kind(proof)
    if kind is None:
        return "unsupported", [
            Issue("proof.unsupported", f"{label}: mcconform cannot verify this proof type / cryptosuite", ptr)
        ]
    issues: list[Issue] = []
    if proof.get("cryptosuite") in di.LEGACY_SUITES:
        sev = severity_setting(ctx, "legacy_cryptosuite", "warning")
        if sev is not None:
            issues.append(
                Issue(
                    "proof.legacy-cryptosuite",
                    f"{label}: cryptosuite eddsa-2022 is the draft name of eddsa-rdfc-2022",
                    join(ptr, "cryptosuite"),
                    sev,
                )
            )
    purpose = proof.get("proofPurpose")
    if purpose != "assertionMethod":
        issues.append(
            Issue(
                "proof.purpose",
                f"{label}: proofPurpose is {purpose!r}, not assertionMethod",
                join(ptr, "proofPurpose"),
            )
        )
        return "failed", issues
    expires = proof.get("expires")
    if isinstance(expires, str):
        from ..ob3.values import parse_datetime

        when, _ok, _tz = parse_datetime(expires)
        if when is not None and when < ctx.options.now:
            issues.append(
                Issue("proof.expired", f"{label}: the proof expired at {expires}", join(ptr, "expires"))
            )
            return "failed", issues
    try:
        key = keys.resolve(proof.get("verificationMethod"), ctx.options, purpose="assertionMethod")
        if key.kind not in di.expected_key_kinds(kind):
            raise TrustError(
                "key.type",
                f"{label}: needs a {' or '.join(di.expected_key_kinds(kind))} key, "
                f"the verification method is {key.kind}",
                join(ptr, "verificationMethod"),
            )
        if key.source == "fragment" and ctx.setting("fragment_keys", "accept") == "dereference":
            controller_doc = keys.fetch_document(str(key.controller), ctx.options, "the controller document")
            if not keys.fragment_controller_listed(controller_doc, key.id):
                raise TrustError("key.unresolvable", f"{key.controller} does not list {key.id}")
        previous = di.previous_proofs(proof, cred.get("proof"))
        issues.extend(binding_issues(key, issuer_id(cred), ptr, label, ctx))
        ok = di.verify(cred, proof, kind, key, ctx.registry, previous)
    except TrustError as e:
        pointer = e.pointer or (join(ptr, "verificationMethod") if e.rule.startswith("key.") else ptr)
        if e.rule == "proof.chain":
            pointer = join(ptr, e.pointer)
        msg = e.message if e.message.startswith(label) else f"{label}: {e.message}"
        issues.append(Issue(e.rule, msg, pointer))
        return "failed", issues
    except NotChecked as e:
        pointer = e.pointer or (join(ptr, "verificationMethod") if e.rule.startswith("key.") else ptr)
        issues.append(Issue(e.rule, f"{label}: {e.message}", pointer))
        return "not-checked", issues
    if not ok:
        issues.append(
            Issue(
                "proof.signature",
                f"{label}: the signature does not verify with {key.id}: the credential or the proof "
                "options were changed after signing, or it was signed with another key",
                join(ptr, "proofValue"),
            )
        )
        return "failed", issues
    if any(i.rule == "key.issuer" for i in issues):
        return "failed", issues
    issues.append(Issue("proof.verified", f"{label}: verified with {key.id} ({key.kind})", ptr))
    return "verified", issues


def embedded_findings(doc: Document, ctx: CheckContext, *, required: bool) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    proofs = cred.get("proof")
    if proofs is None:
        if required:
            yield MISSING.finding("the credential has no proof (and is not a VC-JWT)", doc.at(""))
        return
    plist = proofs if isinstance(proofs, list) else [proofs]
    if not plist:
        yield MISSING.finding("the credential's proof list is empty", doc.at("/proof"))
        return
    outcomes = []
    for i, p in enumerate(plist):
        index = i if isinstance(proofs, list) else None
        ptr = doc.at("/proof" + (f"/{i}" if index is not None else ""))
        outcome, issues = verify_embedded(cred, p, ptr, index, ctx)
        outcomes.append(outcome)
        for issue in issues:
            yield to_finding(issue)
    if all(o == "unsupported" for o in outcomes):
        yield NOT_CHECKED.finding(
            "no proof of a type mcconform can verify: the credential's authenticity is not checked",
            doc.at("/proof"),
        )
