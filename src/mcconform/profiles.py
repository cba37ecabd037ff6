"""Profiles: which checks run, with which settings, on which kinds of document.

A profile is a TOML data file.  The built-in ones ship in ``mcconform/profiles/``; a user
copies one (``mcconform profiles show NAME > mine.toml``), edits it, and passes the file with
``--profile ./mine.toml``.

Keys: ``name``, ``title``, ``description``, ``applies_to`` (kinds, or ``"*"``), ``default_for``
(kinds for which the profile is chosen when no ``--profile`` is given), ``checks`` (check
names) and a ``[settings]`` table read by the checks.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


class ProfileError(Exception):
    """A profile cannot be found or is malformed."""


@dataclass(frozen=True)
class Profile:
    name: str
    title: str = ""
    description: str = ""
    applies_to: tuple[str, ...] = ("*",)
    default_for: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""

    def applies(self, kind: str) -> bool:
        return "*" in self.applies_to or kind in self.applies_to


def _from_toml(text: str, source: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(f"{source}: not valid TOML: {e}") from None
    if not isinstance(data.get("name"), str):
        raise ProfileError(f"{source}: a profile needs a string 'name'")
    from .checks import CHECKS, is_known, load_all

    checks = tuple(data.get("checks", []))
    unknown = [c for c in checks if not is_known(c)]
    if unknown:
        load_all()
        raise ProfileError(
            f"{source}: unknown check(s) {', '.join(unknown)}; known: {', '.join(sorted(CHECKS))}"
        )
    return Profile(
        name=data["name"],
        title=data.get("title", ""),
        description=data.get("description", ""),
        applies_to=tuple(data.get("applies_to", ["*"])),
        default_for=tuple(data.get("default_for", [])),
        checks=checks,
        settings=dict(data.get("settings", {})),
        source=source,
    )


def builtin_names() -> list[str]:
    root = resources.files("mcconform").joinpath("profiles")
    return sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml"))


def builtin_text(name: str) -> str:
    if name not in builtin_names():
        raise ProfileError(f"no built-in profile named {name!r}; known: {', '.join(builtin_names())}")
    return resources.files("mcconform").joinpath("profiles", f"{name}.toml").read_text("utf-8")


@cache
def _builtin(name: str) -> Profile:
    return _from_toml(builtin_text(name), f"built-in profile {name}")


def load(spec: str) -> Profile:
    """A built-in profile by name, or a profile file by path (anything with / or .toml)."""
    if spec.endswith(".toml") or "/" in spec or "\\" in spec:
        p = Path(spec)
        try:
            text = p.read_text("utf-8")
        except OSError as e:
            raise ProfileError(f"cannot read profile {spec}: {e.strerror or e}") from None
        except UnicodeDecodeError as e:
            raise ProfileError(f"cannot read profile {spec}: it is not UTF-8 text (byte {e.start})") from None
        return _from_toml(text, str(p))
    return _builtin(spec)


def builtin_profiles() -> list[Profile]:
    return [_builtin(n) for n in builtin_names()]


def defaults_for(kind: str) -> list[Profile]:
    """The profiles chosen for a kind when the user names none."""
    chosen = [p for p in builtin_profiles() if kind in p.default_for]
    if not chosen:
        chosen = [p for p in builtin_profiles() if "*" in p.default_for]
    return chosen
