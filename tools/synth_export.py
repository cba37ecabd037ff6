"""Write a synthetic JSON Lines export of small credentials, for audits and benchmarks.

    python tools/synth_export.py 100000 export.jsonl [--issuers 50] [--badges 400] [--seed 1]

Documents are OB 3.0 OpenBadgeCredentials (most), OB 2.0 assertions with an embedded badge
class and issuer, and a few broken ones, spread over ``--issuers`` issuers and ``--badges``
achievements.  Deterministic for a seed.  Every 97th credential carries an undefined term, every
251st line is not JSON, every 409th credential has an unknown context.  :func:`expected`
gives the numbers of each, for tests.

Peak memory of an audit of such an export:

    /usr/bin/time -v mcconform audit export.jsonl --format json -o audit.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB2_CONTEXT = "https://w3id.org/openbadges/v2"

UNDEFINED_EVERY = 97
BROKEN_EVERY = 251
UNKNOWN_CONTEXT_EVERY = 409
OB2_EVERY = 5


def issuer_of(i: int) -> dict[str, str]:
    return {"id": f"https://issuer{i}.example.org/profile", "name": f"Example Issuer {i}"}


def ob3(n: int, issuer: int, badge: int) -> dict[str, Any]:
    iss = issuer_of(issuer)
    return {
        "@context": list(OB3_CONTEXT),
        "id": f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Badge {badge}",
        "issuer": {"id": iss["id"], "type": ["Profile"], "name": iss["name"]},
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"did:example:learner-{n}",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": f"https://issuer{issuer}.example.org/achievements/{badge}",
                "type": ["Achievement"],
                "name": f"Achievement {badge}",
                "description": "A synthetic achievement.",
                "criteria": {"narrative": "Passed."},
            },
        },
    }


def ob2(n: int, issuer: int, badge: int) -> dict[str, Any]:
    iss = issuer_of(issuer)
    return {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": f"https://issuer{issuer}.example.org/assertions/{n}",
        "recipient": {"type": "email", "hashed": False, "identity": f"learner{n}@example.org"},
        "issuedOn": "2025-01-01T00:00:00Z",
        "verification": {"type": "hosted"},
        "badge": {
            "type": "BadgeClass",
            "id": f"https://issuer{issuer}.example.org/badges/{badge}",
            "name": f"Badge class {badge}",
            "description": "A synthetic badge class.",
            "image": f"https://issuer{issuer}.example.org/badges/{badge}.png",
            "criteria": {"narrative": "Passed."},
            "issuer": {"type": "Issuer", "id": iss["id"], "name": iss["name"], "url": iss["id"]},
        },
    }


def lines(
    count: int, issuers: int = 20, badges: int = 100, seed: int = 1, ob3_every: int | None = None
) -> Iterator[str]:
    """The export's lines: OB 2.0 every 5th document, else OB 3.0; with ``ob3_every``, OB 3.0
    every ``ob3_every``-th document, else OB 2.0 (OB 2.0 is quicker to check)."""
    rng = random.Random(seed)
    for n in range(1, count + 1):
        if n % BROKEN_EVERY == 0:
            yield '{"@context": "https://www.w3.org/ns/credentials/v2", "type": '
            continue
        badge = rng.randrange(badges)
        issuer = badge % issuers
        is_ob3 = n % ob3_every == 0 if ob3_every else n % OB2_EVERY != 0
        doc = ob3(n, issuer, badge) if is_ob3 else ob2(n, issuer, badge)
        if n % UNDEFINED_EVERY == 0:
            doc["favouriteColour"] = "blue"
        if n % UNKNOWN_CONTEXT_EVERY == 0:
            doc["@context"] = ["https://example.org/unknown-context/v1"]
        yield json.dumps(doc, separators=(",", ":"))


def expected(count: int) -> dict[str, int]:
    """How many lines of each sort :func:`lines` writes."""
    broken = count // BROKEN_EVERY
    return {
        "documents": count,
        "broken": broken,
        "undefined": sum(1 for n in range(1, count + 1) if n % UNDEFINED_EVERY == 0 and n % BROKEN_EVERY),
        "unknown_context": sum(
            1 for n in range(1, count + 1) if n % UNKNOWN_CONTEXT_EVERY == 0 and n % BROKEN_EVERY
        ),
    }


def write(
    path: Path, count: int, issuers: int = 20, badges: int = 100, seed: int = 1, ob3_every: int | None = None
) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for line in lines(count, issuers, badges, seed, ob3_every):
            f.write(line + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("output", type=Path)
    ap.add_argument("--issuers", type=int, default=50)
    ap.add_argument("--badges", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ob3-every", type=int, default=None, help="OB 3.0 every N-th document, else OB 2.0")
    args = ap.parse_args(argv)
    write(args.output, args.count, args.issuers, args.badges, args.seed, args.ob3_every)
    print(f"wrote {args.count} documents to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
