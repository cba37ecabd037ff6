"""Verification keys: which public key a proof names, and whose key it is.

Forms of ``verificationMethod`` resolved (VC Data Integrity "Retrieve
Verification Method"; Controlled Identifiers; OB 3.0 section 8 "Proofs"):

- ``did:key:z6Mk...`` (Ed25519), ``did:key:zDn...`` (P-256): the key is the identifier;
- ``[controller]#[multikey]`` with an http(s) controller: the key in the fragment, its
  controller the URL before ``#`` (the convention of OB 3.0 examples and of 1EdTech's
  reference validator); DIDs are always resolved (did:web through its DID document);
- ``did:web:...``: the DID document at ``https://host/.well-known/did.json`` (or the path),
  fetched through :mod:`mcconform.fetch` (``--online`` or ``--resource-map``);
- ``http(s)://...``: a key document (``controller`` + ``publicKeyMultibase`` / ``publicKeyJwk``)
  or a controller document listing the method in ``verificationMethod``, fetched likewise;
- an embedded verification method object (``publicKeyMultibase`` / ``publicKeyJwk``);
- OB 2.0 ``CryptographicKey`` documents (``publicKeyPem``, ``owner``).

Failures raise :class:`TrustError` (the credential is wrong) or :class:`NotChecked` (the
key document could not be obtained offline); both carry the rule id to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from ..options import Options
from . import multibase


class TrustError(Exception):
    """A verification failed for a reason found in the documents (rule ``rule``)."""

    def __init__(self, rule: str, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.pointer = pointer


class NotChecked(Exception):
    """Something needed could not be obtained (network off, host down): cantTell."""

    def __init__(self, rule: str, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.pointer = pointer


PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey


@dataclass
class ResolvedKey:
    id: str
    key: PublicKey
    #: "Ed25519", "P-256", "P-384", "RSA"
    kind: str
    controller: str | None
    #: how it was found: did:key, fragment, did:web, key-document, embedded, jwk, pem
    source: str
    notes: list[str] = field(default_factory=list)


def key_kind(key: Any) -> str:
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}.get(
            key.curve.name, key.curve.name
        )
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA"
    return type(key).__name__


def from_multikey(value: str) -> PublicKey:
    code, raw = multibase.decode_multikey(value)
    if code == multibase.ED25519_PUB:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    curve: ec.EllipticCurve = ec.SECP256R1() if code == multibase.P256_PUB else ec.SECP384R1()
    return ec.EllipticCurvePublicKey.from_encoded_point(curve, raw)


def multikey_of(key: PublicKey) -> str:
    """The multibase multikey of a public key (Ed25519, P-256, P-384; compressed points)."""
    if isinstance(key, ed25519.Ed25519PublicKey):
        raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return multibase.encode_multikey(multibase.ED25519_PUB, raw)
    if isinstance(key, ec.EllipticCurvePublicKey):
        raw = key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
        code = multibase.P256_PUB if key.curve.name == "secp256r1" else multibase.P384_PUB
        return multibase.encode_multikey(code, raw)
    raise ValueError("no multikey form for this key type")


def is_multikey(value: str) -> bool:
    try:
        multibase.decode_multikey(value)
    except (multibase.MultibaseError, ValueError):
        return False
    return True


#: textual prefixes of base58btc multikeys: Ed25519 (0xed01), P-256 (0x1200), P-384 (0x1201)
MULTIKEY_PREFIXES = ("z6Mk", "zDn", "z82")

_PRIVATE_JWK = ("d", "p", "q", "dp", "dq", "qi", "k")


def from_jwk(jwk: Any) -> PublicKey:
    """A public JWK (OKP Ed25519, EC P-256/P-384/P-521, RSA) -> key; ValueError otherwise."""
    if not isinstance(jwk, dict):
        raise ValueError("a JWK is a JSON object")
    leaked = [k for k in _PRIVATE_JWK if k in jwk]
    if leaked:
        raise ValueError(f"the JWK contains private key material ({', '.join(leaked)})")
    kty = jwk.get("kty")

    def b(name: str) -> bytes:
        v = jwk.get(name)
        if not isinstance(v, str):
            raise ValueError(f"the {kty} JWK has no {name}")
        return multibase.b64url_decode(v)

    if kty == "OKP":
        if jwk.get("crv") != "Ed25519":
            raise ValueError(f"unsupported OKP curve {jwk.get('crv')!r}")
        return ed25519.Ed25519PublicKey.from_public_bytes(b("x"))
    if kty == "EC":
        curves: dict[str, tuple[ec.EllipticCurve, int]] = {
            "P-256": (ec.SECP256R1(), 32),
            "P-384": (ec.SECP384R1(), 48),
            "P-521": (ec.SECP521R1(), 66),
        }
        crv = jwk.get("crv")
        if crv not in curves:
            raise ValueError(f"unsupported EC curve {crv!r}")
        curve, size = curves[str(crv)]
        x, y = b("x"), b("y")
        if len(x) != size or len(y) != size:
            raise ValueError(f"{crv} coordinates have {size} bytes")
        return ec.EllipticCurvePublicNumbers(
            int.from_bytes(x, "big"), int.from_bytes(y, "big"), curve
        ).public_key()
    if kty == "RSA":
        n, e = int.from_bytes(b("n"), "big"), int.from_bytes(b("e"), "big")
        if n.bit_length() < 2048:
            raise ValueError(f"the RSA key has {n.bit_length()} bits; at least 2048 are required")
        return rsa.RSAPublicNumbers(e, n).public_key()
    raise ValueError(f"unsupported JWK kty {kty!r}")


def from_pem(pem: Any) -> PublicKey:
    if not isinstance(pem, str):
        raise ValueError("publicKeyPem is a string")
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError, TypeError) as e:
        raise ValueError(f"publicKeyPem is not a PEM public key: {e}") from None
    if not isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise ValueError("publicKeyPem is not an RSA, EC or Ed25519 key")
    return key


def _as_ids(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _id(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def fetch_document(url: str, options: Options, what: str, rule_prefix: str = "key") -> Any:
    """A hosted JSON document through the safe fetcher; offline -> :class:`NotChecked`."""
    from .. import fetch

    if not fetch.network_allowed(url, options):
        raise NotChecked(
            f"{rule_prefix}.not-checked",
            f"{what} {url} is needed but the network is off (use --online or --resource-map)",
        )
    try:
        return fetch.fetch_json(url, options)
    except fetch.FetchError as e:
        if e.rule in (
            "fetch.not-found",
            "fetch.not-json",
            "fetch.content-type",
            "fetch.bad-url",
            "fetch.scheme",
        ):
            raise TrustError(
                f"{rule_prefix}.unresolvable", f"{what} {url} cannot be read: {e.message}"
            ) from None
        raise NotChecked(
            f"{rule_prefix}.not-checked", f"{what} {url} could not be fetched: {e.message}"
        ) from None


def did_web_url(did: str) -> str:
    """The HTTPS URL of a did:web DID document (did:web method specification, Read)."""
    msid = did.split("#", 1)[0].split("?", 1)[0][len("did:web:") :]
    if not msid:
        raise TrustError("key.unresolvable", f"{did} has no domain")
    parts = [unquote(p) for p in msid.split(":")]
    host, path = parts[0], parts[1:]
    if not host or "/" in host or "@" in host:
        raise TrustError("key.unresolvable", f"{did}: {host!r} is not a domain name")
    if path:
        return f"https://{host}/{'/'.join(path)}/did.json"
    return f"https://{host}/.well-known/did.json"


def _key_from_method(vm: dict[str, Any], where: str) -> PublicKey:
    try:
        if isinstance(vm.get("publicKeyMultibase"), str):
            return from_multikey(vm["publicKeyMultibase"])
        if "publicKeyJwk" in vm:
            return from_jwk(vm["publicKeyJwk"])
        if isinstance(vm.get("publicKeyPem"), str):
            return from_pem(vm["publicKeyPem"])
    except (multibase.MultibaseError, ValueError) as e:
        raise TrustError("key.invalid", f"the public key of {where} is not usable: {e}") from None
    raise TrustError("key.invalid", f"{where} has no publicKeyMultibase, publicKeyJwk or publicKeyPem")


def _find_method(doc: Any, vm_id: str, base: str) -> dict[str, Any] | None:
    if not isinstance(doc, dict):
        return None
    if doc.get("id") == vm_id and any(
        k in doc for k in ("publicKeyMultibase", "publicKeyJwk", "publicKeyPem")
    ):
        return doc
    frag = "#" + vm_id.split("#", 1)[1] if "#" in vm_id else None
    for key in ("verificationMethod", "assertionMethod", "publicKey"):
        for m in _as_ids(doc.get(key)):
            if isinstance(m, dict) and (m.get("id") == vm_id or (frag and m.get("id") == frag)):
                return m
    return None


def _listed_for_purpose(doc: dict[str, Any], vm_id: str, purpose: str) -> bool:
    frag = "#" + vm_id.split("#", 1)[1] if "#" in vm_id else None
    for m in _as_ids(doc.get(purpose)):
        mid = _id(m)
        if mid == vm_id or (frag and mid == frag):
            return True
    return False


def resolve(vm: Any, options: Options, *, purpose: str = "assertionMethod") -> ResolvedKey:
    """Resolve a proof's ``verificationMethod`` to a public key and its controller."""
    if isinstance(vm, dict):
        vm_id = vm.get("id") if isinstance(vm.get("id"), str) else "(embedded verification method)"
        key = _key_from_method(vm, "the embedded verification method")
        controller = vm.get("controller") if isinstance(vm.get("controller"), str) else None
        return ResolvedKey(str(vm_id), key, key_kind(key), controller, "embedded")
    if not isinstance(vm, str) or not vm:
        raise TrustError("key.unresolvable", "verificationMethod must be a URI (a string)")
    base, _, fragment = vm.partition("#")
    if fragment and is_multikey(fragment) and ":" in base and not base.startswith("did:"):
        try:
            key = from_multikey(fragment)
        except ValueError as e:
            raise TrustError(
                "key.invalid", f"the multikey in the fragment of {vm} is not a valid key: {e}"
            ) from None
        return ResolvedKey(
            vm,
            key,
            key_kind(key),
            base,
            "fragment",
            [f"the key is the multikey in the fragment of {vm}; its controller is taken to be {base}"],
        )
    if fragment.startswith(MULTIKEY_PREFIXES) and ":" in base and not base.startswith("did:"):
        # the textual prefix of a multikey (z6Mk: Ed25519, zDn: P-256, z82: P-384) that does not decode
        try:
            multibase.decode_multikey(fragment)
        except (multibase.MultibaseError, ValueError) as e:
            raise TrustError(
                "key.invalid",
                f"the fragment of {vm} has the form of a multikey ({fragment[:4]}...) "
                f"but is not a valid one: {e}",
            ) from None
    scheme = base.split(":", 1)[0] if ":" in base else ""
    if not scheme or not scheme.replace("+", "").replace("-", "").replace(".", "").isalnum():
        raise TrustError("key.unresolvable", f"verificationMethod {vm!r} is not a URI (no scheme)")
    if scheme == "did":
        method = base.split(":")[1] if base.count(":") >= 2 else ""
        if method == "key":
            msid = base[len("did:key:") :]
            try:
                key = from_multikey(msid)
            except (multibase.MultibaseError, ValueError) as e:
                raise TrustError("key.invalid", f"{base} is not a valid did:key: {e}") from None
            if fragment and fragment != msid:
                raise TrustError("key.unresolvable", f"{vm}: a did:key verification method is did:key:X#X")
            return ResolvedKey(vm, key, key_kind(key), base, "did:key")
        if method == "web":
            url = did_web_url(base)
            doc = fetch_document(url, options, f"the DID document of {base}")
            if not isinstance(doc, dict) or doc.get("id") != base:
                raise TrustError(
                    "key.unresolvable", f"the DID document at {url} is not the document of {base}"
                )
            found = _find_method(doc, vm, base)
            if found is None:
                raise TrustError("key.unresolvable", f"{vm} is not a verification method of {base} ({url})")
            if not _listed_for_purpose(doc, vm, purpose):
                raise TrustError("key.purpose", f"{base} does not list {vm} under {purpose} ({url})")
            key = _key_from_method(found, vm)
            return ResolvedKey(vm, key, key_kind(key), base, "did:web")
        raise TrustError("key.unresolvable", f"unsupported DID method did:{method or '?'} in {vm}")
    if scheme in ("http", "https"):
        doc = fetch_document(base, options, "the key document")
        found = _find_method(doc, vm, base)
        if found is None:
            raise TrustError("key.unresolvable", f"{base} does not describe the verification method {vm}")
        controller = found.get("controller") if isinstance(found.get("controller"), str) else None
        if found is not doc and isinstance(doc, dict):
            controller = controller or (doc.get("id") if isinstance(doc.get("id"), str) else None)
            if purpose in doc and not _listed_for_purpose(doc, vm, purpose):
                raise TrustError("key.purpose", f"{base} does not list {vm} under {purpose}")
        key = _key_from_method(found, vm)
        return ResolvedKey(vm, key, key_kind(key), controller, "key-document")
    raise TrustError("key.unresolvable", f"unsupported verificationMethod scheme {scheme!r} in {vm}")


def fragment_controller_listed(controller_doc: Any, vm: str) -> bool:
    """Whether a fetched controller document lists ``vm`` (strict check of the fragment convention)."""
    return _find_method(controller_doc, vm, vm.split("#", 1)[0]) is not None or (
        isinstance(controller_doc, dict) and _listed_for_purpose(controller_doc, vm, "assertionMethod")
    )
