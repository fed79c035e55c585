"""Loaders for structured data files: YAML (safe), JSON and TOML.

The data is the model's own field structure (see ``schemas/document.schema.json``).
Each loader also gives a line map, so that problems and findings name the line to fix. Duplicate
keys are errors in YAML and JSON (the parsers would otherwise keep the last one and
silently drop the rest).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

import bcpipe
from bcpipe import LoadContext, Loaded, Loader, SourceError
from bcpipe.source import decode_text
from bcpipe_plugins.structured.json_lines import json_lines
from bcpipe_plugins.structured.toml_lines import toml_lines
from bcpipe_plugins.structured.yaml_lines import load_yaml_with_lines

__version__ = bcpipe.__version__


@bcpipe.loader("yaml", suffixes=(".yaml", ".yml"))
def load_yaml(data: bytes, ctx: LoadContext) -> Loaded:
    """YAML (safe loading: plain data only, no Python objects)."""
    value, lines = load_yaml_with_lines(decode_text(data, ctx.source), ctx.source)
    return Loaded(ctx.document(value, lines=lines), lines=lines)


def _reject_duplicates(source: str | None) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise SourceError(source, f"duplicate key {key!r} in a JSON object")
            out[key] = value
        return out

    return hook


@bcpipe.loader("json", suffixes=(".json",))
def load_json(data: bytes, ctx: LoadContext) -> Loaded:
    """JSON, as written by ``bcpipe export --to json``."""
    text = decode_text(data, ctx.source)
    try:
        value = json.loads(text, object_pairs_hook=_reject_duplicates(ctx.source))
    except json.JSONDecodeError as exc:
        raise SourceError(
            ctx.source, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    lines = json_lines(text)
    return Loaded(ctx.document(value, lines=lines), lines=lines)


@bcpipe.loader("toml", suffixes=(".toml",))
def load_toml(data: bytes, ctx: LoadContext) -> Loaded:
    """TOML (a table per document; arrays of tables for blocks and recipients)."""
    text = decode_text(data, ctx.source)
    try:
        value: Mapping[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(ctx.source, f"invalid TOML: {exc}") from None
    lines = toml_lines(text)
    return Loaded(ctx.document(value, lines=lines), lines=lines)


@bcpipe.hookimpl
def bcpipe_loaders() -> Iterable[Loader]:
    return [load_yaml, load_json, load_toml]
