"""Every rule of the proof checks, declared once: ``proof.*`` (a proof and its signature),
``key.*`` (the verification key and its binding to the issuer) and ``seal.*`` (sealed European
Digital Credentials); and :func:`to_finding`, which turns an issue of :mod:`mcconform.trust`
into the finding of its rule.

The rules are shared by the proof families (Data Integrity, VC-JWT, OB 2.0 JWS, sealed EDC) and by
the VC-JOSE, SD-JWT and status checks, which report key and proof issues with them.
"""

from __future__ import annotations

from ...report import Finding, Severity
from ...rules import Rule, rule
from ...trust.dataintegrity import Issue

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
