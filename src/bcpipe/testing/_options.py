"""Reading the options of the public strategies, at draw time (Hypothesis API style).

An option is a value, a strategy for values, or None for "anything suitable". Wrong
options raise :class:`hypothesis.errors.InvalidArgument` when the strategy is drawn
from, not when it is built, as Hypothesis' own strategies do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from bcpipe.doctypes import DocumentType
from bcpipe.model import DocumentStatus
from bcpipe.testing._agencies import AUTHORITY_SHAPES, LEVELS, AuthorityShape, Level

__all__ = [
    "check_int",
    "choose",
    "document_type",
    "level_of",
    "shape_of",
    "status_of",
]

T = TypeVar("T")


def choose(draw: st.DrawFn, value: Any, default: st.SearchStrategy[Any]) -> Any:
    """The option's value: drawn from it if it is a strategy, from ``default`` if None."""
    if value is None:
        return draw(default)
    if isinstance(value, st.SearchStrategy):
        return draw(value)
    return value


def _convert(name: str, value: Any, convert: Callable[[Any], T], expected: str) -> T:
    try:
        return convert(value)
    except (ValueError, TypeError, KeyError):
        raise InvalidArgument(f"{name}={value!r}: expected {expected}") from None


def document_type(value: Any) -> DocumentType:
    def convert(v: Any) -> DocumentType:
        if isinstance(v, DocumentType):
            return v
        if isinstance(v, str):
            found = DocumentType.from_name(v)
            return found if found is not None else DocumentType(v)
        raise TypeError

    names = ", ".join(t.value for t in DocumentType)
    return _convert("type", value, convert, f"a DocumentType or one of {names}")


def status_of(value: Any) -> DocumentStatus:
    return _convert("status", value, DocumentStatus, '"draft" or "issued" (or a DocumentStatus)')


def level_of(value: Any) -> Level:
    def convert(v: Any) -> Level:
        if v not in LEVELS:
            raise ValueError
        level: Level = v
        return level

    return _convert("level", value, convert, f"one of {', '.join(LEVELS)}")


def shape_of(value: Any) -> AuthorityShape:
    def convert(v: Any) -> AuthorityShape:
        if isinstance(v, str):
            v = tuple(v.split()) if v.strip() else ()
        shape = tuple(str(p) for p in v)
        if shape not in AUTHORITY_SHAPES:
            raise ValueError
        return shape

    shapes = "; ".join(" ".join(s) or "()" for s in AUTHORITY_SHAPES)
    return _convert(
        "authority", value, convert, f"a sequence of prefixes the signature rule accepts: {shapes}"
    )


def check_int(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidArgument(f"{name}={value!r}: expected a whole number from {low} to {high}")
    return value


def nonempty(name: str, items: Sequence[T], why: str) -> Sequence[T]:
    if not items:
        raise InvalidArgument(f"{name}: {why}")
    return items
