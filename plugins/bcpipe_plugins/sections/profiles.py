"""Profiles of required parts, read from TOML data."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from bcpipe.doctypes import DocumentType
from bcpipe.names import body_words

__all__ = ["PartSpec", "Profile", "heading_key", "load_profiles"]


@dataclass(frozen=True, slots=True)
class PartSpec:
    """One required part: its names and the phrases that find it in a heading."""

    id: str
    vi: str
    en: str
    match: tuple[str, ...]  # phrases as heading_key() gives them
    required: bool = False  # missing: an error (BC408), not advice (BC401)

    def matches(self, key: str) -> bool:
        """Whether a heading, given as its :func:`heading_key`, holds one of the phrases."""
        # A loop, not any(): called for every heading and part, a generator costs more.
        for phrase in self.match:  # noqa: SIM110
            if phrase in key:
                return True
        return False


def heading_key(heading: str) -> str:
    """The folded words of a heading, space-separated and space-padded, for phrase lookup."""
    return f" {' '.join(body_words(heading))} "


@dataclass(frozen=True, slots=True)
class Profile:
    """The parts a document type requires, in order."""

    parts: tuple[PartSpec, ...]


def _profile(type_name: str, data: Any) -> Profile:
    if type_name not in {t.value for t in DocumentType}:
        raise ValueError(f"sections profile for unknown document type {type_name!r}")
    if not isinstance(data, Mapping) or not isinstance(data.get("parts"), list):
        raise ValueError(f"sections profile {type_name!r} needs a list 'parts'")
    parts = []
    for index, part in enumerate(data["parts"]):
        try:
            parts.append(
                PartSpec(
                    id=str(part["id"]),
                    vi=str(part["vi"]),
                    en=str(part.get("en", part["id"])),
                    match=tuple(heading_key(str(m)) for m in part["match"]),
                    required=part.get("required", False) is True,
                )
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(
                f"sections profile {type_name!r}, part {index}: missing {exc}"
            ) from None
    return Profile(tuple(parts))


@functools.cache
def _builtin_tables() -> Mapping[str, Any]:
    # Parsed once per process: a pipeline is built in milliseconds, and this file
    # was a good part of it. Callers copy before changing.
    tables: dict[str, Any] = tomllib.loads(
        files(__package__).joinpath("profiles.toml").read_text("utf-8")
    )
    return tables


def load_profiles(settings: Mapping[str, Any]) -> dict[str, Profile]:
    """Built-in profiles, replaced per type by ``profiles_file`` then ``profiles``."""
    tables = dict(_builtin_tables())
    if settings.get("profiles_file"):
        tables.update(tomllib.loads(Path(settings["profiles_file"]).read_text("utf-8")))
    tables.update(settings.get("profiles", {}))
    return {name: _profile(name, data) for name, data in tables.items()}
