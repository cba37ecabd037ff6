"""Proof checks: is the credential signed, by a key of its issuer, and unchanged since?

Embedded proofs (VC Data Integrity: ``DataIntegrityProof`` with ``eddsa-rdfc-2022``,
``eddsa-2022``, ``eddsa-jcs-2022``, ``ecdsa-rdfc-2019``, ``ecdsa-jcs-2019`` (P-256, P-384),
``ecdsa-sd-2023`` derived proofs; ``Ed25519Signature2020``; proof sets and chains),
VC-JWT signatures (EdDSA, ES256, RS256...), OB 2.0 signed assertions (JWS, key in a hosted
``CryptographicKey``) and sealed European Digital Credentials (JAdES / JWS JSON).  The
cryptography lives in :mod:`mcconform.trust`; this module turns its results into findings.

Every proof of a proof set is verified on its own and reported at its own pointer
(``/proof/0``, ``/proof/1``...).  A proof that needs a hosted document (did:web, a key URL)
while the network is off is reported as not checked (``*.not-checked``: verdict cantTell),
never as passed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...pointer import join
from ...report import Finding, Severity
from ...rules import Rule, rule
from ...trust import dataintegrity as di
from ...trust import jose, keys, multibase, seal
from ...trust import kid as kid_mod
from ...trust.dataintegrity import Issue
from ...trust.keys import NotChecked, TrustError
from .. import CheckContext, check, guarded

VCDI = "W3C VC Data Integrity 1.0"
EDDSA = "W3C Data Integrity EdDSA Cryptosuites v1.0"
ECDSA = "W3C Data Integrity ECDSA Cryptosuites v1.0"
OB3_PROOF = "Open Badges 3.0 section 8 (Proofs (Signatures)), https://www.imsglobal.org/spec/ob/v3p0/#proofs-signatures"
OB3_VERIFY = (
    "Open Badges 3.0 (Verification and Validation), https://www.imsglobal.org/spec/ob/v3p0/#verification"
)
JOSE = (
    "W3C VC-JOSE-COSE section 3 (Securing with JOSE); RFC 7515 (JWS); RFC 8725 (JWT Best Current Practices)"
)
OB2_VERIFY = "Open Badges 2.0, Verification: Signed Badges (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#SignedBadge)"
EDC_SEAL = (
    "European Digital Credentials: sealing (JAdES, ETSI TS 119 182-1); "
    "RFC 7515 section 7.2 (JWS JSON Serialization); RFC 7797 (unencoded payload)"
)

MISSING = rule(
    "proof.missing",
    "error",
    "The credential carries no proof: nothing shows who issued it or that it is unchanged.",
    OB3_PROOF + "; " + VCDI + " section 2.1 (Proofs)",
    """
    OB 3.0 credentials are secured either with an embedded proof (``proof``, VC Data
    Integrity) or as a VC-JWT.  Without one anybody could have written the credential.
    PASS: a ``proof`` with ``type: DataIntegrityProof``, ``cryptosuite: eddsa-rdfc-2022``.
    FAIL: no ``proof`` member in a JSON credential.
    """,
)
MALFORMED = rule(
    "proof.malformed",
    "error",
    "A proof is not well formed (members missing, wrong encoding).",
    VCDI + " section 2.1 (Proofs); " + EDDSA + " (eddsa-rdfc-2022)",
    """
    A Data Integrity proof is an object with ``type``, ``proofPurpose``, ``verificationMethod``
    and ``proofValue`` (and ``cryptosuite`` for ``DataIntegrityProof``).  ``proofValue`` is
    multibase: base58btc (``z...``) for the EdDSA suites, base64url (``u...``) for
    ecdsa-sd-2023; an Ed25519 signature has 64 bytes.  A VC-JWT has three base64url parts.
    FAIL: ``"proofValue": "0xdeadbeef"``; a proof that is a string.
    """,
)
UNSUPPORTED = rule(
    "proof.unsupported",
    "warning",
    "A proof has a type or cryptosuite mcconform cannot verify.",
    VCDI + " (Algorithms: Verify Proof)",
    """
    mcconform verifies ``DataIntegrityProof`` with ``eddsa-rdfc-2022``, ``eddsa-2022``,
    ``eddsa-jcs-2022``, ``ecdsa-rdfc-2019``, ``ecdsa-jcs-2019`` or ``ecdsa-sd-2023`` (derived),
    and ``Ed25519Signature2020``.  Other
    proofs of a proof set are reported with this warning and the others are verified; a
    credential whose proofs are all unsupported is not checked (cantTell).
    """,
)
LEGACY = rule(
    "proof.legacy-cryptosuite",
    "warning",
    "The proof uses the legacy cryptosuite name eddsa-2022.",
    EDDSA + " (eddsa-2022 was renamed eddsa-rdfc-2022); " + OB3_PROOF,
    """
    ``eddsa-2022`` is the name the EdDSA cryptosuite had in drafts; the Recommendation calls it
    ``eddsa-rdfc-2022`` (same algorithm).  It is verified, with this warning (the 1EdTech
    validator also warns).  Sign new credentials with ``eddsa-rdfc-2022``.
    """,
)
PURPOSE = rule(
    "proof.purpose",
    "error",
    'The proof\'s proofPurpose is not "assertionMethod".',
    VCDI + " section 2.2 (Proof Purposes); " + OB3_PROOF,
    """
    An issuer asserts a credential with a key authorised for ``assertionMethod``.  A proof
    made for ``authentication`` (e.g. logging in) must not be accepted as an issuer's
    signature.  PASS: ``"proofPurpose": "assertionMethod"``
    """,
)
SIGNATURE = rule(
    "proof.signature",
    "error",
    "A proof does not verify: the credential was changed after it was signed, or the key is not the "
    "signer's.",
    VCDI + " (Algorithms: Verify Proof); " + EDDSA + " (eddsa-rdfc-2022: Verify Proof); " + OB3_VERIFY,
    """
    The signature is checked over the canonical form (RDFC-1.0, or JCS for the ``*-jcs-*``
    suites; hashed with SHA-384 for P-384 keys) of the credential without its proof (with the
    proofs a chained proof's ``previousProof`` names) and of the proof options.  Any change to a
    value the context defines (a name, a date, an identifier, the proof's own ``created``)
    makes it fail.  This is what catches a forged or edited badge.
    """,
)
CHAIN = rule(
    "proof.chain",
    "error",
    "A chained proof's previousProof does not name another proof of the credential.",
    VCDI + " section 2.1.2 (Proof Chains: previousProof); Algorithms: Verify Proof Sets and Chains",
    """
    A proof with ``previousProof`` (an id or a list of ids) is signed over the credential *with*
    the proofs it names, so those proofs must be in the credential's ``proof`` list (each with that
    ``id``).  It is verified with exactly those proofs put back; proofs of a set (no
    ``previousProof``) are verified each over the credential without any proof.
    PASS: proofs ``[{"id": "urn:uuid:1", ...}, {"previousProof": "urn:uuid:1", ...}]``.
    FAIL: ``{"previousProof": "urn:uuid:2", ...}`` with no proof whose id is ``urn:uuid:2``.
    """,
)
VERIFIED = rule(
    "proof.verified",
    "info",
    "A proof verifies.",
    VCDI + " (Algorithms: Verify Proof)",
    "Notes which key verified which proof (shown with --verbose).",
)
CANON = rule(
    "proof.canonicalization",
    "error",
    "The credential cannot be canonicalized (JSON-LD processing failed), so its proof cannot verify.",
    "W3C RDF Dataset Canonicalization (RDFC-1.0); " + VCDI,
    "The credential is not valid JSON-LD, so the signed canonical form cannot be computed.",
)
SD_BASE = rule(
    "proof.sd-base",
    "error",
    "An ecdsa-sd-2023 base proof was presented: verifiers accept derived proofs only.",
    ECDSA + " (ecdsa-sd-2023: Verify Derived Proof)",
    """
    With selective disclosure the issuer gives the holder a base proof; the holder derives a
    proof that discloses what they choose.  The base proof itself (header ``0xd9 0x5d 0x00``)
    is not meant to be verified by a relying party.
    """,
)
EXPIRED = rule(
    "proof.expired",
    "error",
    "The proof's expires date has passed.",
    VCDI + " section 2.1 (Proofs: expires)",
    "A proof with ``expires`` in the past (at --now) is not valid any more.",
)
JWT_ALG = rule(
    "proof.jwt-alg",
    "error",
    'The JWS algorithm is refused: "none" or a shared-secret HMAC.',
    JOSE + "; " + OB3_PROOF + " (JSON Web Token Proof Format)",
    """
    ``alg: none`` means unsigned.  ``HS256`` with an issuer's public key as the secret is the
    classic algorithm-confusion forgery.  Verified: EdDSA (Ed25519), ES256, ES384, ES512, RS256,
    RS384, RS512, PS256; the key must be of the type the algorithm names.  Any other algorithm
    is not verified (``proof.not-checked``: cantTell), not refused.
    FAIL: ``{"alg": "none"}``, ``{"alg": "HS256", "kid": "did:key:z6Mk..."}``
    """,
)
NOT_CHECKED = rule(
    "proof.not-checked",
    "warning",
    "A proof could not be verified here (offline, unknown context, or no supported proof).",
    VCDI + " (Algorithms: Verify Proof); mcconform offline policy",
    """
    Verification needed something mcconform could not obtain: a JSON-LD context that is not
    bundled (use --context URL=FILE or --online), or the credential has only proofs of
    unsupported types.  The verdict is cantTell, never pass.
    """,
)

KEY_UNRESOLVABLE = rule(
    "key.unresolvable",
    "error",
    "The proof's verificationMethod cannot be resolved to a public key.",
    VCDI + " (Retrieve Verification Method); W3C Controlled Identifiers 1.0; " + OB3_PROOF,
    """
    ``verificationMethod`` must be a URI that leads to the key: ``did:key:z6Mk...``,
    ``did:web:example.org#key-1`` (online), an ``https`` URL of a key or controller
    document (online), or ``<controller>#<multikey>``.  FAIL: ``z6Mk...`` (no scheme),
    ``xxx:z6Mk...`` (unknown scheme), ``did:example:...`` (unknown DID method).
    A JOSE/COSE ``kid`` that is not a URI (a JWK thumbprint, a key name) is looked up in what the
    issuer publishes (did:key, the did:web DID document, the https issuer's controller document,
    SD-JWT VC issuer metadata); when that document does not list it, this error.  For other
    issuers such a kid is not verified (``key.not-checked``).
    """,
)
KEY_INVALID = rule(
    "key.invalid",
    "error",
    "The verification key is not a valid public key.",
    "W3C Controlled Identifiers 1.0 section 2.2 (Multikey, JsonWebKey); "
    "multicodec table (0xed Ed25519, 0x1200 P-256)",
    """
    A multikey is multibase base58btc of a multicodec-prefixed key (``z6Mk``: Ed25519, 32
    bytes; ``zDn``: P-256 compressed); a JWK has the members of its ``kty`` and no private
    members; an OB 2.0 ``publicKeyPem`` is a PEM public key.  FAIL: a did:key with a typo.
    """,
)
KEY_TYPE = rule(
    "key.type",
    "error",
    "The key is not of the type the proof's algorithm requires.",
    EDDSA + " (Ed25519 keys); " + ECDSA + " (P-256/P-384); RFC 8725 section 3.1 (algorithm verification)",
    """
    eddsa-* and Ed25519Signature2020 need an Ed25519 key, ecdsa-* a P-256 (or P-384) key; a
    JWS ``alg`` names its key type (RS256 -> RSA).  Mixing them is refused.
    """,
)
KEY_PURPOSE = rule(
    "key.purpose",
    "error",
    "The controller document does not authorise the key for assertionMethod.",
    VCDI + " (Retrieve Verification Method: the method must be listed for the proof purpose)",
    "The DID or controller document must list the verification method under ``assertionMethod``.",
)
KEY_ISSUER = rule(
    "key.issuer",
    "error",
    "The key does not belong to the credential's issuer.",
    "W3C VC Data Model 2.0 (issuer; the verification method must be the issuer's); "
    + OB3_VERIFY
    + "; "
    + OB2_VERIFY,
    """
    A valid signature by somebody else's key proves nothing about the issuer.  The key's
    controller (the DID of a did:web key, the URL before ``#`` in ``<controller>#<multikey>``,
    the ``owner`` of an OB 2.0 CryptographicKey) must be the issuer's id, and an OB 2.0 issuer
    must list the key in ``publicKey``.  An issuer that is a ``did:key`` has exactly one key, the
    one its identifier encodes: a credential it issues signed with any other key (another
    did:key, a did:web key, a key in a JWT header) is refused, offline.
    PASS: issuer ``did:key:z6MkA...`` signed with ``did:key:z6MkA...#z6MkA...``.
    FAIL: issuer ``https://example.org/issuer`` signed with ``https://other.example/issuer#z6Mk...``;
    issuer ``did:key:z6MkA...`` signed with ``did:key:z6MkB...#z6MkB...``.
    """,
)
KEY_BINDING = rule(
    "key.issuer-binding",
    "warning",
    "Nothing ties the verification key to the issuer (did:key, a key embedded in a JWT or a proof).",
    "W3C VC Data Model 2.0 (Verification: issuer and verification method); " + OB3_VERIFY,
    """
    A ``did:key`` names only itself, and a ``jwk`` in a JWT header (or a verification method
    embedded in the proof, whose ``controller`` is a claim nobody checks) is supplied by
    whoever made the credential: the signature is valid, but unless the issuer id *is* that
    did:key, nothing shows the key is the issuer's.  The 1EdTech validator accepts such credentials;
    mcconform warns (profile setting ``unbound_keys``).  When the issuer itself is a did:key, the
    mismatch is provable and is the error ``key.issuer`` instead.
    """,
)
KEY_FRAGMENT = rule(
    "key.fragment",
    "info",
    "The key is the multikey in the verificationMethod's fragment (<controller>#<multikey>).",
    OB3_PROOF + " (examples); 1EdTech reference validator (EmbeddedProofProbe)",
    """
    ``https://example.org/issuers/1#z6Mk...`` names its key in the fragment; mcconform, like
    the 1EdTech validator, verifies with that key and takes the URL before ``#`` as its
    controller, which must be the issuer.  The controller document itself is not fetched
    unless the profile setting ``fragment_keys = "dereference"``.
    """,
)
KEY_NOT_CHECKED = rule(
    "key.not-checked",
    "warning",
    "The verification key needs a hosted document that could not be obtained (offline).",
    VCDI + " (Retrieve Verification Method); mcconform offline policy",
    """
    did:web DID documents, key documents at https URLs and OB 2.0 CryptographicKey documents
    are fetched only with --online or served with --resource-map URL_PREFIX=DIR.  Offline
    the proof is not checked (cantTell), never passed.
    """,
)

SEAL_MALFORMED = rule(
    "seal.malformed",
    "error",
    "The seal of a sealed European Digital Credential is not a well-formed JWS.",
    EDC_SEAL,
    """
    Each entry of ``signatures`` has a base64url JSON ``protected`` header with ``alg`` (not
    ``none``), ``x5c`` (the signing certificate first) and, for an unencoded payload,
    ``b64: false`` listed in ``crit``; and a base64url ``signature``.
    """,
)
SEAL_SIGNATURE = rule(
    "seal.signature",
    "error",
    "The seal does not verify over the payload: the credential was changed after sealing.",
    EDC_SEAL,
    "The signature is checked over ``protected || '.' || payload`` with the key of x5c[0].",
)
SEAL_CERT = rule(
    "seal.certificate",
    "error",
    "The seal's certificate is unusable or its x5t#S256 thumbprint is wrong.",
    EDC_SEAL + "; RFC 7515 section 4.1.8 (x5t#S256)",
    "``x5t#S256`` must be the SHA-256 of the DER of ``x5c[0]``.",
)
SEAL_VERIFIED = rule(
    "seal.verified",
    "info",
    "The seal verifies over the payload.",
    EDC_SEAL,
    "The payload is the one sealed by the certificate's key (whether that certificate is trusted is "
    "seal.chain).",
)
SEAL_CHAIN = rule(
    "seal.chain",
    "error",
    "The seal's certificate chain does not lead to the trust anchor, or a certificate is not valid at --now.",
    EDC_SEAL + "; RFC 5280 section 6 (Certification Path Validation)",
    "With --trust-anchor FILE, x5c must chain, certificate by certificate, to a certificate of FILE.",
)
SEAL_CHAIN_NOT_CHECKED = rule(
    "seal.chain.not-checked",
    "warning",
    "The seal's certificate chain was not checked: no trust anchor was given.",
    EDC_SEAL + "; EU trusted lists (eIDAS)",
    """
    The seal proves the payload is unchanged since it was sealed by the holder of the
    certificate.  Whether that certificate is the issuer's qualified seal is decided against a
    trust anchor: ``--trust-anchor FILE`` (PEM certificates).  Without one: cantTell.
    """,
)

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        MISSING,
        MALFORMED,
        UNSUPPORTED,
        LEGACY,
        PURPOSE,
        SIGNATURE,
        CHAIN,
        VERIFIED,
        CANON,
        SD_BASE,
        EXPIRED,
        JWT_ALG,
        NOT_CHECKED,
        KEY_UNRESOLVABLE,
        KEY_INVALID,
        KEY_TYPE,
        KEY_PURPOSE,
        KEY_ISSUER,
        KEY_BINDING,
        KEY_FRAGMENT,
        KEY_NOT_CHECKED,
        SEAL_MALFORMED,
        SEAL_SIGNATURE,
        SEAL_CERT,
        SEAL_VERIFIED,
        SEAL_CHAIN,
        SEAL_CHAIN_NOT_CHECKED,
    )
}


def to_finding(issue: Issue, severity: Severity | None = None) -> Finding:
    r = RULES.get(issue.rule)
    if r is None:  # declared by another family, which may not be imported yet: load them all
        from ...rules import get

        r = get(issue.rule)
        if r is None:
            raise KeyError(f"no rule {issue.rule!r}")
    sev = severity or issue.severity
    return r.finding(issue.message, issue.pointer, severity=sev)  # type: ignore[arg-type]


def _severity(ctx: CheckContext, key: str, default: str) -> str | None:
    value = str(ctx.setting(key, default))
    return None if value == "ignore" else value


def issuer_id(cred: Any) -> str | None:
    iss = cred.get("issuer") if isinstance(cred, dict) else None
    iss = iss.get("id") if isinstance(iss, dict) else iss
    return iss if isinstance(iss, str) else None


def _did_key_multikey(issuer: str | None) -> str | None:
    """The multikey a ``did:key`` issuer id names (None: not a well-formed did:key)."""
    if not isinstance(issuer, str) or not issuer.startswith("did:key:"):
        return None
    value = issuer[len("did:key:") :].split("#", 1)[0]
    try:
        return keys.multikey_of(keys.from_multikey(value))
    except (multibase.MultibaseError, ValueError):
        return None


def binding_issues(
    key: keys.ResolvedKey, issuer: str | None, ptr: str, label: str, ctx: CheckContext
) -> list[Issue]:
    """Does the key belong to the issuer?"""
    vm_ptr = join(ptr, "verificationMethod") if key.source != "jwk" else ptr
    unbound = _severity(ctx, "unbound_keys", "warning")
    issuer_key = _did_key_multikey(issuer)
    if issuer_key is not None:
        # a did:key issuer has exactly one key, its own: any other signing key is provably not its
        try:
            signer = keys.multikey_of(key.key)
        except ValueError:
            signer = None
        if signer == issuer_key:
            if key.source != "fragment":
                return []
            return [Issue("key.fragment", f"{label}: {key.notes[0]}", vm_ptr)]
        return [
            Issue(
                "key.issuer",
                f"{label}: the issuer is {issuer}, whose only key is {issuer_key}; the credential was "
                f"signed with another key ({key.id})",
                vm_ptr,
            )
        ]
    if key.source in ("did:key", "jwk"):
        if key.controller is not None and key.controller == issuer:
            return []
        if unbound is None:
            return []
        what = (
            f"the did:key {key.controller}"
            if key.source == "did:key"
            else "a key embedded in the token header"
        )
        return [
            Issue(
                "key.issuer-binding",
                f"{label}: signed with {what}; nothing ties it to the issuer {issuer or '(none)'}",
                vm_ptr,
                unbound,
            )
        ]
    if key.source == "embedded" and (key.controller is None or key.controller == issuer):
        # an embedded verification method asserts its own controller: nothing checks the claim
        if unbound is None:
            return []
        msg = f"{label}: the verification method is embedded in the proof (its controller is self-asserted)"
        return [Issue("key.issuer-binding", msg, vm_ptr, unbound)]
    out: list[Issue] = []
    if key.source == "fragment":
        out.append(Issue("key.fragment", f"{label}: {key.notes[0]}", vm_ptr))
    if key.controller is None:
        if unbound is not None:
            out.append(Issue("key.issuer-binding", f"{label}: the key names no controller", vm_ptr, unbound))
    elif issuer is None:
        out.append(Issue("key.issuer", f"{label}: the credential names no issuer to own the key", vm_ptr))
    elif key.controller != issuer:
        out.append(
            Issue(
                "key.issuer",
                f"{label}: the key's controller is {key.controller}, not the issuer {issuer}",
                vm_ptr,
            )
        )
    return out


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
        sev = _severity(ctx, "legacy_cryptosuite", "warning")
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
        from ..ob3 import parse_datetime

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


# --- VC-JWT -------------------------------------------------------------------------------


def _token(doc: Document) -> str | None:
    text = (doc.text or "").strip()
    if text.startswith('"'):
        try:
            text = json.loads(text)
        except ValueError:
            return None
    return text if isinstance(text, str) and text.count(".") == 2 else None


def _jwt_key(
    header: dict[str, Any], claims: dict[str, Any], ctx: CheckContext, *, sd_jwt_vc: bool = False
) -> keys.ResolvedKey:
    if "jwk" in header:
        try:
            key = keys.from_jwk(header["jwk"])
        except ValueError as e:
            raise TrustError(
                "key.invalid", f"the JOSE header's jwk is not a usable public key: {e}"
            ) from None
        return keys.ResolvedKey("(jwk in the JOSE header)", key, keys.key_kind(key), None, "jwk")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise TrustError("key.unresolvable", "the JOSE header has neither kid nor jwk: no key to verify with")
    if kid.startswith("#"):
        iss = claims.get("iss") or issuer_id(
            claims.get("vc") if isinstance(claims.get("vc"), dict) else claims
        )
        if not isinstance(iss, str):
            raise TrustError(
                "key.unresolvable", f"kid {kid} is relative and there is no iss to resolve it against"
            )
        kid = iss + kid
    if not kid_mod.is_uri(kid):
        iss = claims.get("iss") or issuer_id(
            claims.get("vc") if isinstance(claims.get("vc"), dict) else claims
        )
        holder = claims.get("holder")
        iss = iss or (holder.get("id") if isinstance(holder, dict) else holder)  # a presentation
        issuer = iss if isinstance(iss, str) else None
        return kid_mod.resolve_kid(kid, issuer, ctx.options, sd_jwt_vc=sd_jwt_vc)
    if kid.startswith(("http://", "https://")) and "#" not in kid:
        doc = keys.fetch_document(kid, ctx.options, "the key (kid)")
        if isinstance(doc, dict) and "kty" in doc:
            try:
                key = keys.from_jwk(doc)
            except ValueError as e:
                raise TrustError("key.invalid", f"the JWK at {kid} is not a usable public key: {e}") from None
            return keys.ResolvedKey(kid, key, keys.key_kind(key), None, "jwk-url")
    return keys.resolve(kid, ctx.options)


def jwt_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    token = _token(doc)
    claims = doc.data if isinstance(doc.data, dict) else {}
    label = "the VC-JWT signature"
    if token is None:
        yield MALFORMED.finding(f"{label}: the compact token is not available", "")
        return
    try:
        header, signing_input, sig = jose.split_compact(token)
        alg = jose.check_alg(header.get("alg"))
        label = f"the VC-JWT signature ({alg})"
        key = _jwt_key(header, claims, ctx)
        jose.check_alg(alg, key.key)
        cred = doc.credential
        issuer = issuer_id(cred) or (claims.get("iss") if isinstance(claims.get("iss"), str) else None)
        binding = binding_issues(key, issuer, "", label, ctx)
        ok = jose.verify_signature(alg, key.key, signing_input, sig)
    except TrustError as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", e.pointer))
        return
    except NotChecked as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", e.pointer))
        return
    for issue in binding:
        yield to_finding(issue)
    if not ok:
        yield SIGNATURE.finding(
            f"{label}: the signature does not verify with {key.id}: the token was changed after signing "
            "or signed with another key",
            "",
        )
    elif not any(i.rule == "key.issuer" for i in binding):
        yield VERIFIED.finding(f"{label}: verified with {key.id} ({key.kind})", "")


# --- OB 2.0 signed assertions ---------------------------------------------------------------


def _fetch_node(value: Any, ctx: CheckContext, what: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise TrustError("key.unresolvable", f"the assertion has no {what}")
    data = keys.fetch_document(value, ctx.options, f"the {what}")
    if not isinstance(data, dict):
        raise TrustError("key.unresolvable", f"the {what} at {value} is not a JSON object")
    return data


def ob2_issuer(doc: Document, ctx: CheckContext) -> dict[str, Any]:
    """The issuer Profile of an OB 2.0 assertion (fetched once per document)."""
    cached = ctx.state.get("trust.ob2_issuer")
    if isinstance(cached, Exception):
        raise cached
    if cached is not None:
        return dict(cached)
    try:
        assertion = doc.credential if isinstance(doc.credential, dict) else {}
        badge = _fetch_node(assertion.get("badge"), ctx, "BadgeClass (badge)")
        issuer = _fetch_node(badge.get("issuer"), ctx, "issuer Profile (badge.issuer)")
    except (TrustError, NotChecked) as e:
        ctx.state["trust.ob2_issuer"] = e
        raise
    ctx.state["trust.ob2_issuer"] = issuer
    return issuer


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(i.get("id") if isinstance(i, dict) else i) for i in items if i is not None]


def ob2_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    assertion = doc.credential if isinstance(doc.credential, dict) else {}
    verification = assertion.get("verification")
    vtype = verification.get("type") if isinstance(verification, dict) else None
    if doc.media != "jwt":
        if vtype in ("signed", "SignedBadge"):
            yield MALFORMED.finding(
                "verification.type is signed but the assertion is not a JWS: it carries no signature",
                doc.at("/verification/type"),
            )
        return  # hosted verification is checked by the OB 2.0 checks
    label = "the OB 2.0 signature (JWS)"
    token = _token(doc)
    if token is None:
        yield MALFORMED.finding(f"{label}: the compact JWS is not available", "")
        return
    try:
        header, signing_input, sig = jose.split_compact(token)
        alg = jose.check_alg(header.get("alg"))
        issuer = ob2_issuer(doc, ctx)
        creator = verification.get("creator") if isinstance(verification, dict) else None
        candidates = [creator] if isinstance(creator, str) else _ids(issuer.get("publicKey"))
        if not candidates:
            raise TrustError("key.unresolvable", "no verification.creator and the issuer lists no publicKey")
        issuer_id_ = issuer.get("id")
        ok = False
        used = ""
        for url in candidates:
            key_doc = keys.fetch_document(url, ctx.options, "the CryptographicKey")
            if not isinstance(key_doc, dict):
                raise TrustError("key.unresolvable", f"the CryptographicKey at {url} is not a JSON object")
            try:
                key = keys.from_pem(key_doc.get("publicKeyPem"))
            except ValueError as e:
                raise TrustError("key.invalid", f"the CryptographicKey at {url}: {e}") from None
            jose.check_alg(alg, key)
            owner = key_doc.get("owner")
            if owner != issuer_id_:
                raise TrustError(
                    "key.issuer", f"the key {url} is owned by {owner!r}, not the issuer {issuer_id_!r}"
                )
            if url not in _ids(issuer.get("publicKey")) and key_doc.get("id") not in _ids(
                issuer.get("publicKey")
            ):
                raise TrustError(
                    "key.issuer", f"the issuer {issuer_id_} does not list the key {url} in publicKey"
                )
            if jose.verify_signature(alg, key, signing_input, sig):
                ok, used = True, url
                break
    except TrustError as e:
        ptr = (
            doc.at("/verification/creator")
            if e.rule.startswith("key.") and isinstance(verification, dict)
            else ""
        )
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", ptr))
        return
    except NotChecked as e:
        yield to_finding(Issue(e.rule, f"{label}: {e.message}", ""))
        return
    if ok:
        yield VERIFIED.finding(f"{label}: verified with {used}", "")
    else:
        yield SIGNATURE.finding(f"{label}: the signature does not verify with the issuer's key(s)", "")


# --- sealed EDC ---------------------------------------------------------------------------


def sealed_findings(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from ...parse import UNREADABLE, parse_json

    envelope = parse_json(doc.text, ctx.options.limits, []) if doc.text is not None else UNREADABLE
    if not isinstance(envelope, dict):
        yield NOT_CHECKED.finding("the sealed envelope is not available to verify the seal", "")
        return
    anchors = None
    path = getattr(ctx.options, "trust_anchor", None)
    if path:
        try:
            anchors = seal.load_anchors(str(path))
        except (OSError, ValueError) as e:
            yield SEAL_CHAIN.finding(f"the trust anchor {path} cannot be read: {e}", "")
            return
    for issue in seal.verify_sealed(envelope, anchors, ctx.options.now):
        # pointers of seal issues are in the envelope; the report's pointers are in the payload
        parts = issue.pointer.split("/")
        where = (
            f"signatures[{parts[2]}]" if len(parts) > 2 and parts[1] == "signatures" else issue.pointer[1:]
        )
        yield to_finding(Issue(issue.rule, f"{where}: {issue.message}" if where else issue.message, ""))


@check("proof")
def check_proof(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from guarded(_check_proof, doc, ctx, NOT_CHECKED, "the proof could not be verified")


def _check_proof(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.readable:
        return
    if doc.meta.get("envelope") == "sealed-edc":
        yield from sealed_findings(doc, ctx)
        return
    if doc.kind == "ob2-assertion":
        yield from ob2_findings(doc, ctx)
        return
    if doc.media in ("sd-jwt", "cose"):
        return  # checks sd-jwt and vc-jose (mcconform.checks.sdjwt, mcconform.checks.vcjose)
    if doc.kind == "vc-presentation" and doc.media != "jwt":
        if isinstance(doc.credential, dict) and "proof" in doc.credential:
            yield NOT_CHECKED.finding(
                "the presentation's own proof (holder authentication) is not verified by mcconform",
                doc.at("/proof"),
            )
        elif ctx.setting("require_proof", True):
            yield MISSING.finding("the presentation is not secured (no proof, not a JOSE/COSE/SD-JWT)", "")
        return
    if doc.media == "jwt":
        yield from jwt_findings(doc, ctx)
        yield from embedded_findings(doc, ctx, required=False)
        return
    yield from embedded_findings(doc, ctx, required=bool(ctx.setting("require_proof", True)))
