"""Turning parsed data (dicts from YAML, JSON, TOML or code) into a :class:`Document`.

pydantic's errors are rewritten into :class:`~bcpipe.errors.FieldProblem` s with the
model path as a clerk reads it (``body[2].children[0].text``) and, when the loader
knows them, source lines.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from bcpipe import model
from bcpipe.errors import FieldProblem, InvalidDocumentError
from bcpipe.model import Document
from bcpipe.source import ModelPath, SourceInfo, format_path

__all__ = ["document_from_data", "migrated_lines"]

# Discriminator tags pydantic puts into error locations; they are not model fields.
_TAGS = frozenset(
    {"part", "section", "chapter", "regulation_section", "article", "clause", "point", "item"}
) | frozenset({"paragraph", "table", "recipient", "as_above", "as_article", "archive"})


def _field_names() -> frozenset[str]:
    models = (getattr(model, name) for name in model.__all__)
    return frozenset(
        field
        for cls in models
        if isinstance(cls, type) and issubclass(cls, BaseModel)
        for field in cls.model_fields
    )


_FIELDS = _field_names()


def _path(loc: tuple[int | str, ...]) -> ModelPath:
    out: list[str | int] = []
    for index, part in enumerate(loc):
        if isinstance(part, str) and index and isinstance(loc[index - 1], int) and part in _TAGS:
            continue
        out.append(part)
    return tuple(out)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: Mapping[str, Any], path: ModelPath) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else ""
        close = difflib.get_close_matches(name, _FIELDS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown field {name!r}: not part of the document model{hint}"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx") or {}
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return f"{ctx.get('tag')!r} is not a kind this place accepts (expected one of: {expected})"
    if kind == "union_tag_not_found":
        return "a block needs a 'kind' (part, section, clause, point, item, paragraph or table)"
    if kind in {"string_type", "int_type", "int_parsing", "list_type", "dict_type", "model_type"}:
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "list_type": "a list",
            "dict_type": "a mapping of fields",
            "model_type": "a mapping of fields",
        }[kind]
        return f"expected {expected}, got {_shown(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern", "")
        return f"{_shown(value)} does not have the expected form (pattern {pattern})"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if value is not None and not isinstance(value, dict | list):
        message += f" (got {_shown(value)})"
    return message


def problems_of(error: ValidationError, lines: Mapping[str, int] | None) -> list[FieldProblem]:
    """The problems in ``error``, with paths rewritten and lines looked up."""
    info = SourceInfo(lines=lines or {})
    problems = []
    for item in error.errors(include_url=False):
        path = _path(tuple(item["loc"]))
        problems.append(FieldProblem(format_path(path), _message(item, path), info.line_of(path)))
    return problems


def document_from_data(
    data: Any, *, source: str | None = None, lines: Mapping[str, int] | None = None
) -> Document:
    """Validate ``data`` as a :class:`Document`, with clear errors (``InvalidDocumentError``)."""
    if isinstance(data, Document):
        return data
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise InvalidDocumentError(
            source, [FieldProblem("", f"expected a mapping of document fields, got {kind}")]
        )
    try:
        document = Document.model_validate(data)
    except ValidationError as error:
        raise InvalidDocumentError(source, problems_of(error, lines)) from None
    return document.with_source(SourceInfo(name=source, lines=migrated_lines(lines or {})))


# Where data written before the model had a field kept it, and the field it moved to
# (the model moves the value on load: see ``Document._migrate``).
_MOVED = {"extensions.text.enacting_authority": "enacting_authority"}


def migrated_lines(lines: Mapping[str, int]) -> Mapping[str, int]:
    """A line map with the paths of moved fields renamed (a reader that still writes the
    old place keeps its lines)."""
    if not any(old in lines for old in _MOVED):
        return lines
    moved = {_MOVED.get(path, path): line for path, line in lines.items()}
    # The plugin table that held only the moved value is gone with it.
    if "extensions.text" in moved and not any(p.startswith("extensions.text.") for p in moved):
        del moved["extensions.text"]
    return moved
