"""Write fixtures/nested/ (run from the repository root: python tools/gen_nested_fixtures.py)."""

import base64
import copy
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519

from mcconform.trust.sign import public_jwk, sign_jws

root = Path("fixtures/nested")
cred = json.loads(Path("fixtures/ob3/valid/micro-credential.json").read_text())
V2 = "https://www.w3.org/ns/credentials/v2"
CLR = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def vp(*creds, **extra):
    d = {
        "@context": [V2],
        "type": ["VerifiablePresentation"],
        "holder": "did:example:learner-4711",
        "verifiableCredential": list(creds),
    }
    d.update(extra)
    return d


def b64(o):
    return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()




KEY = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))  # fixture key: deterministic signatures


def jwt(claims, signed=True):
    if not signed:
        return ".".join([b64({"alg": "ES256", "typ": "JWT"}), b64(claims), "c2lnbmF0dXJl"])
    return sign_jws(claims, KEY, {"alg": "EdDSA", "typ": "JWT", "jwk": public_jwk(KEY)})


def vcjwt(c):
    return jwt(
        {
            **c,
            "iss": c["issuer"]["id"],
            "jti": c["id"],
            "sub": c["credentialSubject"]["id"],
            "nbf": 1756717200,
        }
    )


def dump(name, obj):
    (root / name).write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def expect(name, **kw):
    (root / name).write_text(json.dumps(kw, indent=2) + "\n")


expired = copy.deepcopy(cred)
expired["id"] = "urn:uuid:6f1d3c62-58a4-4be1-9f4e-2f0f3c7c1a02"
expired["validUntil"] = "2025-12-01T00:00:00Z"
no_issuer = copy.deepcopy(cred)
no_issuer["id"] = "urn:uuid:6f1d3c62-58a4-4be1-9f4e-2f0f3c7c1a03"
del no_issuer["issuer"]

dump("valid/vp.json", vp(cred))
dump("invalid/vp-expired-credential.json", vp(cred, expired))
expect(
    "invalid/vp-expired-credential.expect.json",
    rule="nested.credential-fails",
    pointer="/verifiableCredential/1",
    inner={
        "source": "!/verifiableCredential/1",
        "rule": "ob3.expired",
        "pointer": "/verifiableCredential/1/validUntil",
    },
    why="the presentation's second credential expired on 2025-12-01 (before --now 2026-01-01)",
)
# VP-JWT: the presentation in the vp claim
# (the vp claim is the VC-JWT form of VCDM 1.1 section 6.3.1, whose presentations may hold
# compact JWTs, not OB 3.0 objects, whose v2 context redefines its protected terms; VCDM 2.0
# allows objects only; signed: a VP-JWT gets the trust profile)
V1 = "https://www.w3.org/2018/credentials/v1"
vp_jwt = vp(vcjwt(cred), **{"@context": [V1]})
dump("valid/vp-jwt.json", jwt({"iss": "did:example:learner-4711", "vp": vp_jwt}))
(root / "valid/vp-jwt.jwt").write_text(json.loads((root / "valid/vp-jwt.json").read_text()) + "\n")
(root / "valid/vp-jwt.json").unlink()
(root / "invalid/vp-jwt-expired-credential.jwt").write_text(
    jwt({"iss": "did:example:learner-4711", "vp": vp(expired)}, signed=False) + "\n"
)
expect(
    "invalid/vp-jwt-expired-credential.expect.json",
    rule="nested.credential-fails",
    pointer="/vp/verifiableCredential/0",
    inner={
        "source": "!/vp/verifiableCredential/0",
        "rule": "ob3.expired",
        "pointer": "/vp/verifiableCredential/0/validUntil",
    },
    why="a VP-JWT whose vp claim holds an expired OB 3.0 credential",
)
# enveloped credentials
env_ok = {
    "@context": V2,
    "type": "EnvelopedVerifiableCredential",
    "id": "data:application/vc+jwt," + vcjwt(cred),
}
dump("valid/vp-enveloped.json", vp(env_ok))
env_bad = {
    "@context": V2,
    "type": "EnvelopedVerifiableCredential",
    "id": "data:application/vc+ld+json;base64," + base64.b64encode(json.dumps(expired).encode()).decode(),
}
dump("invalid/vp-enveloped-expired.json", vp(env_bad))
expect(
    "invalid/vp-enveloped-expired.expect.json",
    rule="nested.credential-fails",
    pointer="/verifiableCredential/0",
    inner={"source": "!/verifiableCredential/0", "rule": "ob3.expired", "pointer": "/validUntil"},
    why="the data: URL of an EnvelopedVerifiableCredential holds an expired OB 3.0 credential"
    " (inner pointers refer to the decoded credential)",
)
dump(
    "invalid/enveloped-not-data-url.json",
    vp({"@context": V2, "type": "EnvelopedVerifiableCredential", "id": "https://example.org/credentials/1"}),
)
expect(
    "invalid/enveloped-not-data-url.expect.json",
    rule="vc.enveloped-credential",
    pointer="/verifiableCredential/0/id",
    why="an EnvelopedVerifiableCredential's id must be a data: URL: one defect, one finding (the vc data"
    " model rule; nested.envelope-unreadable is in its also)",
)


# CLR
def clr(creds, achievements=(), associations=None):
    subject = {"id": "did:example:learner-4711", "type": "ClrSubject", "verifiableCredential": list(creds)}
    if achievements:
        subject["achievement"] = list(achievements)
    if associations is not None:
        subject["association"] = associations
    return {
        # the CLR context defines the CLR's own terms only; Profile, Achievement... are OB 3.0's
        # (CLR 2.0 examples list both contexts)
        "@context": [V2, CLR, OB3],
        "id": "urn:uuid:2b0c2a4e-1d1f-4a54-9d5c-7d9d7a0c0001",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Transcript of Example University",
        "issuer": {
            "id": "https://badges.uni-example.eu/issuers/faculty-of-science",
            "type": ["Profile"],
            "name": "Faculty of Science, Example University",
        },
        "validFrom": "2025-09-01T09:00:00Z",
        "credentialSubject": subject,
    }


ach_id = cred["credentialSubject"]["achievement"]["id"]
dump(
    "valid/clr.json",
    clr(
        [cred],
        associations=[
            {
                "type": "Association",
                "associationType": "isRelatedTo",
                "sourceId": ach_id,
                "targetId": cred["id"],
            }
        ],
    ),
)
dump("invalid/clr-credential-no-issuer.json", clr([cred, no_issuer]))
expect(
    "invalid/clr-credential-no-issuer.expect.json",
    rule="nested.credential-fails",
    pointer="/credentialSubject/verifiableCredential/1",
    inner={
        "source": "!/credentialSubject/verifiableCredential/1",
        "rule": "vc.issuer",  # the vc data model rule (ob3.issuer folded into it)
        "pointer": "/credentialSubject/verifiableCredential/1",
    },
    why="the CLR's second credential has no issuer",
)
dump(
    "invalid/clr.association-dangling.json",
    clr(
        [cred],
        associations=[
            {
                "type": "Association",
                "associationType": "isParentOf",
                "sourceId": ach_id,
                "targetId": "urn:uuid:not-in-this-clr",
            }
        ],
    ),
)
expect(
    "invalid/clr.association-dangling.expect.json",
    rule="clr.association-dangling",
    pointer="/credentialSubject/association/0/targetId",
    why="targetId names no achievement or credential of the CLR",
)
