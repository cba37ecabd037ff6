"""The configuration file: ``[tool.mcconform]`` in ``pyproject.toml``, or ``mcconform.toml`` /
``.mcconform.toml`` (the same keys at the top level).

It is found from the working directory upwards: in each folder ``.mcconform.toml``, then
``mcconform.toml``, then a ``pyproject.toml`` that has a ``[tool.mcconform]`` table; the first
one wins (as ruff does).  ``--config FILE`` names it, ``--isolated`` ignores every file.

Keys mirror the options of ``mcconform check``::

    [tool.mcconform]
    profiles = ["ob3"]                 # --profile
    fail-on = "error"                  # --fail-on
    select = ["ob3.", "jsonld."]       # --select
    ignore = ["ob3.image"]             # --ignore
    extend-ignore = []                 # --extend-ignore
    exclude = ["*.expect.json", "drafts/"]   # --exclude (globs)
    contexts = {"https://example.org/ext.json" = "contexts/ext.json"}   # --context
    resource-map = {"https://issuer.example/" = "hosted/"}              # --resource-map
    baseline = "mcconform-baseline.json"                                # --baseline

    [[tool.mcconform.overrides]]        # for the documents under these paths (globs)
    paths = ["legacy/"]
    ignore = ["ob3.criteria"]              # added to the run's ignore
    profiles = ["ob2"]                     # instead of the run's profiles
    fail-on = "never"                      # instead of the run's fail-on

Relative paths in the file (globs, context files, directories, the baseline) are relative to
the file's folder.  The command line wins over the file: a value given there replaces the
file's (``--extend-ignore`` adds to ``ignore`` wherever that came from).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILES = (".mcconform.toml", "mcconform.toml", "pyproject.toml")
LIST_KEYS = ("profiles", "select", "ignore", "extend-ignore", "exclude")
MAP_KEYS = ("contexts", "resource-map")
KEYS = (*LIST_KEYS, *MAP_KEYS, "fail-on", "baseline")
OVERRIDE_KEYS = ("paths", "profiles", "fail-on", "select", "ignore", "extend-ignore")
FAIL_ON = ("error", "warning", "never")


class ConfigError(ValueError):
    """The configuration file is not valid (a usage error: exit code 2)."""


@dataclass
class Config:
    """What a configuration file says.  ``values`` uses the file's key names; map values are
    ``URL=PATH`` strings, as on the command line, with paths made absolute."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    overrides: list[dict[str, Any]] = field(default_factory=list)
    #: the table the values came from (``tool.mcconform``), or "" for the top level
    section: str = ""

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def label(self) -> str:
        if self.path is None:
            return "(none)"
        return f"{self.path} [{self.section}]" if self.section else str(self.path)


def find(start: Path | None = None) -> Path | None:
    """The configuration file in force for ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in FILES:
            p = folder / name
            if not p.is_file():
                continue
            if name != "pyproject.toml":
                return p
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "mcconform" in data["tool"]:
                return p
    return None


def load(path: str | Path | None = None, *, isolated: bool = False) -> Config:
    """Read ``path`` (``--config``), else the file found from the working directory upwards."""
    if isolated:
        return Config()
    p = Path(path) if path is not None else find()
    if p is None:
        return Config()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read the configuration {p}: {e.strerror or e}") from e
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{p} is not valid TOML: {e}") from e
    tool = data.get("tool")
    section = ""
    if p.name == "pyproject.toml" or (isinstance(tool, dict) and "mcconform" in tool):
        data = tool.get("mcconform", {}) if isinstance(tool, dict) else {}
        section = "tool.mcconform"
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: [tool.mcconform] must be a table")
    root = p.resolve().parent
    overrides = data.pop("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise ConfigError(f"{p}: overrides must be an array of tables ([[tool.mcconform.overrides]])")
    cfg = Config(p, _values(p, data, KEYS, root), [], section)
    for i, o in enumerate(overrides):
        where = f"{p}: overrides[{i}]"
        if "paths" not in o:
            raise ConfigError(f"{where}: needs paths = [...] (globs relative to {root})")
        cfg.overrides.append(_values(Path(where), o, OVERRIDE_KEYS, root))
    return cfg


def _values(p: Path, data: dict[str, Any], allowed: tuple[str, ...], root: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in allowed:
            hint = ", ".join(allowed)
            raise ConfigError(f"{p}: unknown key {key!r} (known: {hint})")
        if key in (*LIST_KEYS, "paths"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{p}: {key} must be a list of strings")
            if key == "profiles":  # a profile file is relative to the configuration
                value = [_rel(root, v) if v.endswith(".toml") else v for v in value]
            out[key] = list(value)
        elif key in MAP_KEYS:
            if isinstance(value, dict):
                pairs = list(value.items())
            elif isinstance(value, list) and all(isinstance(v, str) and "=" in v for v in value):
                pairs = [
                    tuple(v.rsplit("=", 1)) if key == "contexts" else tuple(v.split("=", 1)) for v in value
                ]
            else:
                raise ConfigError(f"{p}: {key} must be a table {{URL = PATH}} or a list of URL=PATH")
            if not all(isinstance(v, str) for _, v in pairs):
                raise ConfigError(f"{p}: {key} values must be paths")
            out[key] = [f"{k}={_rel(root, v)}" for k, v in pairs]
        elif key == "fail-on":
            if value not in FAIL_ON:
                raise ConfigError(f"{p}: fail-on must be one of {', '.join(FAIL_ON)}, got {value!r}")
            out[key] = value
        elif key == "baseline":
            if not isinstance(value, str):
                raise ConfigError(f"{p}: baseline must be a path")
            out[key] = _rel(root, value)
    return out


def _rel(root: Path, value: str) -> str:
    return value if os.path.isabs(value) else str(root / value)
