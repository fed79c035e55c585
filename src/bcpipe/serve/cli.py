"""``bcpipe serve``'s part of the command line: limits from the config and options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bcpipe.errors import ServeSettingsError
from bcpipe.serve.config import LIST_SETTINGS, ServeConfig
from bcpipe.serve.run import serve

__all__ = ["config_of", "run"]


def _value(name: str, text: str) -> Any:
    """A --limit value: a comma list for the lists, else a number where it reads as one."""
    if name in LIST_SETTINGS:
        return [item.strip() for item in text.split(",") if item.strip()]
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def config_of(table: Mapping[str, Any], limits: Sequence[str]) -> ServeConfig:
    """The limits: the config file's ``[serve]`` table, then each ``--limit NAME=VALUE``."""
    values = dict(table)
    for item in limits:
        name, sep, text = item.partition("=")
        if not sep:
            raise ServeSettingsError(f"--limit {item}: expected NAME=VALUE, e.g. max_body=20971520")
        values[name.strip()] = _value(name.strip(), text.strip())
    try:
        return ServeConfig.from_mapping(values)
    except (ValueError, TypeError) as exc:
        raise ServeSettingsError(str(exc)) from None


def run(options: Mapping[str, Any], table: Any, limits: Sequence[str], host: str, port: int) -> int:
    """Serve until interrupted; the exit code."""
    if not isinstance(table, Mapping):
        raise ServeSettingsError(f"serve: the [serve] config entry must be a table, not {table!r}")
    config = config_of(table, limits)
    settings = {k: v for k, v in options["settings"].items() if k != "serve"}
    serve({**options, "settings": settings}, config, host=host, port=port)
    return 0
