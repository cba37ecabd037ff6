"""Receiver checks: would a receiving system (a wallet, a displayer, a backpack) take this
credential?  The rules are data: each receiver profile (``profiles/europass-wallet.toml``...)
lists under ``[[settings.receiver.rules]]`` the requirements the receiver's code or help
pages state (``cite``: the code path or page, as recorded in
``../shared/notes/receiver-requirements.md``), each naming a ``test`` implemented here.

A requirement that cannot be decided offline (a certificate's trust, an issuer registry, a
schema mcconform does not bundle) is ``receiver.not-checked``: the verdict is cantTell,
never a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..detect import as_list
from ..document import Document
from ..report import Finding
from ..rules import Rule, rule
from . import CheckContext, check, get_check

REFUSED = rule(
    "receiver.refused",
    "error",
    "The receiving system refuses this credential: it breaks one of the receiver's requirements.",
    "receiver profile (the requirement's cite)",
    """
    The message names the requirement (its id in the receiver profile) and the receiver's
    code path or documentation page it encodes.

    PASS: a JAdES-sealed European Digital Credential, profile europass-wallet.
    FAIL: the unsigned draft of the same credential ("wallet.credential.not.sealed.error").
    """,
)
NOT_CHECKED = rule(
    "receiver.not-checked",
    "warning",
    "A requirement of the receiver could not be decided offline.",
    "receiver profile (the requirement's cite)",
    """
    For example the Europass wallet trusts a seal only when its certificate is qualified and on
    the EU trusted lists: without ``--trust-anchor`` that is not checked.  The verdict is
    cantTell ("not verifiable offline"), never a pass.

    PASS: (with every requirement decidable offline).
    FAIL: a DCC wallet's issuer registry lookup (needs the network).
    """,
)
WARNED = rule(
    "receiver.warned",
    "warning",
    "The receiving system takes this credential but shows a warning: a non-fatal requirement is unmet.",
    "receiver profile (the requirement's cite)",
    """
    Requirements marked ``on_fail = "warn"`` in the receiver profile: the receiver's code
    reports them without refusing (e.g. the DCC verifier's registered_issuer step).

    PASS: an issuer DID listed in a DCC known registry.
    FAIL: an issuer identified by an HTTPS URL (the DCC wallet shows "unregistered issuer").
    """,
)
SATISFIED = rule(
    "receiver.satisfied",
    "info",
    "A requirement of the receiver is met.",
    "receiver profile (the requirement's cite)",
    "Listed so that a report shows what was checked. PASS/FAIL: see receiver.refused.",
)

Test = Callable[[Document, CheckContext, dict[str, Any]], Iterator[tuple[Rule, str, str]]]
TESTS: dict[str, Test] = {}


def _test(name: str) -> Callable[[Test], Test]:
    def deco(fn: Test) -> Test:
        TESTS[name] = fn
        return fn

    return deco


def _cred(doc: Document) -> dict[str, Any]:
    return doc.credential if isinstance(doc.credential, dict) else {}


def _proofs(doc: Document) -> list[dict[str, Any]]:
    return [p for p in as_list(_cred(doc).get("proof")) if isinstance(p, dict)]


def _suite(p: dict[str, Any]) -> str:
    t = p.get("type")
    if t == "DataIntegrityProof" or (isinstance(t, list) and "DataIntegrityProof" in t):
        return str(p.get("cryptosuite") or "DataIntegrityProof")
    return str(t)


@_test("sealed")
def _sealed(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    """A JAdES seal: the JWS JSON envelope with at least one signature, all verifying."""
    n = int(doc.meta.get("signatures") or 0)
    if doc.meta.get("envelope") != "sealed-edc" or n == 0:
        yield REFUSED, "the credential carries no seal (no JAdES JWS signature)", ""
        return
    yield SATISFIED, f"the credential carries {n} seal(s)", ""
    if not ctx.options.trust_anchor:
        yield (
            NOT_CHECKED,
            "the seal certificate's qualification and trust (EU LOTL) are not checked offline "
            "(use --trust-anchor FILE)",
            "",
        )


@_test("type")
def _type(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    types = as_list(_cred(doc).get("type"))
    want = r.get("any_of", [])
    if any(t in types for t in want):
        yield SATISFIED, f"type includes {', '.join(t for t in want if t in types)}", "/type"
    else:
        yield REFUSED, f"type includes none of {', '.join(want)}", "/type"


@_test("required")
def _required(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    cred = _cred(doc)
    for key in r.get("properties", []):
        if cred.get(key) in (None, "", [], {}):
            yield REFUSED, f"the credential has no {key}", f"/{key}"
        else:
            yield SATISFIED, f"the credential has {key}", f"/{key}"


@_test("context-first")
def _context_first(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    c = as_list(_cred(doc).get("@context"))
    want = r.get("any_of", [])
    if c and c[0] in want:
        yield SATISFIED, f"the first @context is {c[0]}", "/@context/0"
    else:
        yield REFUSED, f"the first @context must be one of {', '.join(want)}", "/@context"


@_test("issuer-did")
def _issuer_did(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    iss = _cred(doc).get("issuer")
    iid = iss.get("id") if isinstance(iss, dict) else iss
    if isinstance(iid, str) and iid.startswith("did:"):
        yield SATISFIED, f"the issuer is a DID ({iid.split(':')[1]})", "/issuer"
        if r.get("registry"):
            yield NOT_CHECKED, f"whether {iid} is in {r['registry']} is not checked offline", "/issuer"
    else:
        yield REFUSED, "the issuer is not identified by a DID", "/issuer"


@_test("proof-suites")
def _proof_suites(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    allowed = r.get("allowed", [])
    if doc.media == "jwt":
        yield REFUSED, "a compact VC-JWT is not accepted (embedded Data Integrity proofs only)", ""
        return
    proofs = _proofs(doc)
    if not proofs:
        yield REFUSED, "the credential has no proof", "/proof"
        return
    suites = [_suite(p) for p in proofs]
    if any(s in allowed for s in suites):
        yield (
            SATISFIED,
            f"a proof of an accepted suite ({', '.join(s for s in suites if s in allowed)})",
            "/proof",
        )
    else:
        yield (
            REFUSED,
            f"proof suite(s) {', '.join(suites)} not accepted; accepted: {', '.join(allowed)}",
            "/proof",
        )


@_test("kinds")
def _kinds(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    if doc.kind in r.get("accepted", []):
        yield SATISFIED, f"a {doc.kind} is accepted", ""
    elif doc.kind in r.get("undocumented", []):
        yield NOT_CHECKED, f"whether a {doc.kind} is accepted is not documented by the receiver", ""
    else:
        yield REFUSED, f"a {doc.kind} is not accepted (accepted: {', '.join(r.get('accepted', []))})", ""


@_test("envelopes")
def _envelopes(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    env = str(doc.meta.get("envelope") or ("jwt" if doc.media == "jwt" else doc.media or "json"))
    if env in r.get("accepted", []):
        yield SATISFIED, f"the {env} form is accepted", ""
    else:
        yield REFUSED, f"the {env} form is not accepted (accepted: {', '.join(r.get('accepted', []))})", ""


@_test("declared-schemas")
def _declared(doc: Document, ctx: CheckContext, r: dict[str, Any]) -> Iterator[tuple[Rule, str, str]]:
    """Every ShaclValidator2017 credentialSchema, validated with the checks and settings the
    rule's ``schemas`` table gives for it (the bundled shapes equivalent to that schema)."""
    from .edc import declared_schemas

    declared = declared_schemas(_cred(doc))
    if not declared:
        yield REFUSED, "the credential declares no ShaclValidator2017 credentialSchema", "/credentialSchema"
        return
    known = r.get("schemas", {})
    for _i, schema in declared:
        how = known.get(schema)
        if not isinstance(how, dict):
            yield (
                NOT_CHECKED,
                f"the declared schema {schema} is not bundled: its shapes were not applied",
                "/credentialSchema",
            )
            continue
        names = tuple(c for c in how.get("checks", []) if get_check(c) is not None)
        sub_profile = replace(ctx.profile, checks=names, settings=dict(how.get("settings", {})))
        sub = CheckContext(ctx.options, ctx.registry, sub_profile, ctx.state)
        errors = [f for c in names for f in get_check(c)(doc, sub) if f.severity == "error"]  # type: ignore[misc]
        if errors:
            yield (
                REFUSED,
                f"the credential does not conform to {schema} "
                f"({len(errors)} error(s), first: {errors[0].message})",
                errors[0].pointer,
            )
        else:
            yield SATISFIED, f"the credential conforms to {schema}", "/credentialSchema"


@check("receiver")
def check_receiver(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    settings = ctx.setting("receiver", {}) or {}
    who = str(settings.get("receiver", ctx.profile.name))
    for r in settings.get("rules", []):
        test = TESTS.get(str(r.get("test")))
        if test is None:
            yield NOT_CHECKED.finding(
                f"{who}: requirement {r.get('id')} names an unknown test {r.get('test')!r}", doc.base
            )
            continue
        for verdict, why, ptr in test(doc, ctx, r):
            if verdict is REFUSED and r.get("on_fail") == "warn":
                verdict = WARNED
            msg = f"{who}, requirement {r.get('id')} ({r.get('requirement', '')}): {why}"
            yield verdict.finding(msg, doc.at(ptr), spec=str(r.get("cite", "")))
