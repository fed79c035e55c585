"""The WordprocessingML names the reader and the writer share."""

from __future__ import annotations

from typing import Any

__all__ = ["MC", "W_NS", "W", "attr"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def attr(element: Any, name: str) -> str | None:
    """The ``w:``-namespaced attribute ``name`` of ``element`` (None if absent)."""
    value = element.get(W + name)
    return value if isinstance(value, str) else None
