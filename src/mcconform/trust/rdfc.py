"""RDF Dataset Canonicalization (RDFC-1.0) with a selectable hash function.

RDFC-1.0 (W3C RDF Dataset Canonicalization, section 4.4 "Canonicalization Algorithm") is
parameterised by its hash algorithm, SHA-256 by default.  The ECDSA cryptosuites (W3C Data
Integrity ECDSA Cryptosuites v1.0, ecdsa-rdfc-2019 "Transformation" and section "Algorithms":
"for curve P-256 one uses SHA-256 and for curve P-384 one uses SHA-384") use SHA-384 for P-384
keys, inside canonicalization too: the hash decides the ``_:c14nN`` labels of blank nodes, so a
document with blank nodes signed with P-384 only verifies when they are labelled with SHA-384.

pyld's ``URDNA2015`` (the same algorithm as RDFC-1.0) hashes with SHA-256; :class:`Rdfc`
overrides its one hash factory.  The JSON-LD to RDF step is pyld's ``to_rdf``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pyld.canon import URDNA2015

HASHES = ("sha256", "sha384")


class Rdfc(URDNA2015):
    """URDNA2015 / RDFC-1.0 with the hash function named by ``hash_name``."""

    def __init__(self, hash_name: str) -> None:
        super().__init__()
        if hash_name not in HASHES:
            raise ValueError(f"unsupported RDFC-1.0 hash {hash_name!r}")
        self.hash_name = hash_name

    def create_hash(self) -> Any:
        return hashlib.new(self.hash_name)


def canonical_nquads(value: Any, options: dict[str, Any], hash_name: str) -> str:
    """Canonical N-Quads of the JSON-LD ``value`` (pyld options: document loader, base...)."""
    from pyld import jsonld

    if hash_name == "sha256":
        opts = dict(options)
        opts.update({"algorithm": "URDNA2015", "format": "application/n-quads"})
        return str(jsonld.normalize(value, opts))
    opts = dict(options)
    opts.pop("format", None)
    opts["produceGeneralizedRdf"] = False
    try:
        dataset = jsonld.to_rdf(value, opts)
    except jsonld.JsonLdError as cause:
        raise jsonld.JsonLdError(
            "Could not convert input to RDF dataset before normalization.", "jsonld.NormalizeError"
        ) from cause
    return str(Rdfc(hash_name).main(dataset, {"format": "application/n-quads"}))
