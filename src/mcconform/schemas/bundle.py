"""The bundled OB 3.0 JSON Schemas: their names (judged, and the stricter JSON-LD binding),
the files under ``data/schemas/ob3/``, and the declared ``credentialSchema`` URLs they stand for.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: the bundled schemas mcconform judges with (1EdTech's published /schema/json/ binding:
#: one value or a list): name -> file under data/schemas/ob3/
JUDGED: tuple[str, ...] = (
    "achievementcredential",
    "achievementcredential-vc11",
    "endorsementcredential",
    "endorsementcredential-vc11",
    "profile",
    "achievement",
)
#: the stricter JSON-LD-binding shape of each (``NAME-jsonld``): only warnings come from them
JSONLD_SUFFIX = "-jsonld"
NAMES: tuple[str, ...] = JUDGED + tuple(f"{n}{JSONLD_SUFFIX}" for n in JUDGED)

_PURL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/"
#: declared credentialSchema URLs (1EdTechJsonSchemaValidator2019) -> bundled schema name.
#: Both published bindings (json/ and json-ld/) and the pre-release paths name the same class;
#: the bundled schema of that class is applied.
_URLS: dict[str, str] = {
    f"{_PURL}{binding}/ob_v3p0_{cls}_schema.json": cls
    for binding in ("json", "json-ld")
    for cls in ("achievementcredential", "endorsementcredential", "profile")
}
_URLS.update(
    {
        f"{_PURL}achievementcredential.json": "achievementcredential",
        f"{_PURL}endorsementcredential.json": "endorsementcredential",
    }
)


@cache
def schema(name: str) -> dict[str, Any]:
    """The bundled schema ``name`` (KeyError when there is none)."""
    if name not in NAMES:
        raise KeyError(f"no bundled OB 3.0 JSON Schema named {name!r}")
    text = resources.files("mcconform").joinpath("data/schemas/ob3", f"{name}.json").read_text("utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise KeyError(f"bundled schema {name!r} is not a JSON object")
    return data


def schema_for_url(url: str) -> str | None:
    """The bundled schema standing for a declared ``credentialSchema`` id, or None."""
    return _URLS.get(url.strip()) if isinstance(url, str) else None
