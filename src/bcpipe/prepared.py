"""Telling, in constant time, that a prepared document has not changed since.

:meth:`bcpipe.Pipeline.validate` and :meth:`~bcpipe.Pipeline.export` prepare a document
(run the transforms, such as citation recognition) before rules and exporters see it.
Preparing can cost more than an export, and validate → export would prepare twice; so
the pipeline marks the document it prepared and skips the transforms for a document
whose mark still holds. A mark holds while:

- the document is the very object marked (a copy, which may carry other fields, is
  not marked: ``model_copy(update=...)``, pickling and deep copies all give new objects);
- no field of any model has been assigned since, anywhere in the process (the count
  of :data:`bcpipe.model.base.EDITS`; an edit to an unrelated document only costs a
  needless preparation, never a wrong result);
- every list and dict in the document holds what it held (in-place changes such as
  ``doc.body.append(...)`` or ``doc.recipients[0] = ...`` do not assign a field).

The last check is the only one proportional to the document: one comparison per
non-empty list, by identity first (microseconds for a report).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from bcpipe.model.base import EDITS, Model

__all__ = ["PreparedMark"]

_SCALARS = frozenset({str, int, float, bool, type(None)})


def _worth_visiting(annotation: Any) -> bool:
    """Whether a field of this type can hold a list, a dict or a model.

    A field declared as a model is visited even when that model holds no list: the
    value may be an instance of a subclass that does.
    """
    if annotation is Any or annotation in (list, dict):
        return True
    origin = typing.get_origin(annotation)
    if origin in (list, dict, tuple, set, frozenset):
        return True
    if origin is typing.Annotated:
        return _worth_visiting(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_worth_visiting(arg) for arg in typing.get_args(annotation))
    if origin is typing.Literal or annotation is type(None):
        return False
    # Text, numbers and enums are immutable; anything else is visited, to be safe.
    return not (isinstance(annotation, type) and issubclass(annotation, str | int | float | Enum))


_FIELDS: dict[type[Model], tuple[str, ...]] = {}


def _container_fields(cls: type[Model]) -> tuple[str, ...]:
    """The fields of ``cls`` worth visiting (see :func:`_worth_visiting`)."""
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = tuple(
            name for name, info in cls.model_fields.items() if _worth_visiting(info.annotation)
        )
    return fields


def _containers(document: Model) -> tuple[list[Any], list[Any], list[Any]] | None:
    """(non-empty lists, empty lists and dicts, non-empty dicts) in ``document``; None if it holds
    something mutable that a mark cannot watch (a set, an object of a class of its own,
    a pydantic model that is not a bcpipe model and so does not count its edits).
    """
    full: list[Any] = []
    empty: list[Any] = []
    dicts: list[Any] = []
    # A container reached again (the same list or dict held in two places: YAML aliases
    # in extensions) is watched once and walked once: the walk stays linear in the
    # objects, not in what they would expand to.
    seen: set[int] = set()
    stack: list[Any] = [document]
    while stack:
        value = stack.pop()
        kind = type(value)
        fields = _FIELDS.get(kind)
        if fields is None and isinstance(value, Model):
            fields = _container_fields(kind)
        if fields is not None:  # a model: its lists are taken at once, the rest stacked
            attributes = value.__dict__
            for name in fields:
                held = attributes[name]
                if type(held) is list:
                    if id(held) in seen:
                        continue
                    seen.add(id(held))
                    if held:
                        full.append(held)
                        stack.extend(held)
                    else:
                        empty.append(held)
                else:
                    stack.append(held)
        elif kind in _SCALARS:
            continue
        elif kind is list or kind is dict:
            if id(value) in seen:
                continue
            seen.add(id(value))
            if not value:
                empty.append(value)
            elif kind is list:
                full.append(value)
                stack.extend(value)
            else:
                dicts.append(value)
                stack.extend(value.values())
        elif kind is tuple:
            stack.extend(value)
        elif not isinstance(value, str | int | float | Enum):
            return None
    return full, empty, dicts


def _views(dicts: list[dict[Any, Any]]) -> list[tuple[Any, ...]]:
    return list(map(tuple, map(dict.items, dicts)))


class PreparedMark:
    """A pipeline's note on a document it prepared: who, when, and what it held."""

    __slots__ = ("_dicts", "_edits", "_empty", "_full", "_held", "_owner", "_token", "_views")

    def __init__(self, document: Model, token: object) -> None:
        found = _containers(document)
        if found is None:
            raise ValueError("the document holds values a mark cannot watch")
        self._full, self._empty, self._dicts = found
        self._held = list(map(tuple, self._full))
        self._views = _views(self._dicts)
        self._owner = document.__dict__
        self._token = token
        self._edits = EDITS.count

    @classmethod
    def of(cls, document: Model, token: object) -> PreparedMark | None:
        """A mark for ``document``, or None when it holds what a mark cannot watch."""
        try:
            return cls(document, token)
        except ValueError:
            return None

    def holds(self, document: Model, token: object) -> bool:
        """True when ``document`` is the document marked by ``token`` and is unchanged."""
        return (
            self._token is token
            and self._owner is document.__dict__
            and self._edits == EDITS.count
            and not any(self._empty)
            and list(map(tuple, self._full)) == self._held
            and (not self._dicts or _views(self._dicts) == self._views)
        )

    # A mark belongs to one object in one process: copies and pickles carry none.
    def __copy__(self) -> None:
        return None

    def __deepcopy__(self, memo: dict[int, Any]) -> None:
        return None

    def __reduce__(self) -> tuple[Callable[[], None], tuple[()]]:
        return _no_mark, ()


def _no_mark() -> None:
    return None
