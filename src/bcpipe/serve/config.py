"""The service's limits: what one request may cost and how much work runs at once."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["LIST_SETTINGS", "ServeConfig"]

#: The settings that are lists of names (a comma list after --limit).
LIST_SETTINGS = ("pdf_kinds", "pdf_formats")

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Limits of ``bcpipe serve``; every one can be set in the ``[serve]`` table of the
    config file or on the command line.

    ``max_body``: bytes a request body may hold (413 above). ``body_timeout``: seconds
    to receive a body (408 after: a slow upload does not hold a connection for ever).
    ``timeout``: seconds of work per request (503 after; the work itself finishes in its
    worker, still counted as busy). ``workers``: documents worked on at once in threads;
    ``pdf_workers``: processes for PDF work (reading a PDF, exporting to PDF or edXML,
    which carries the PDF), so that reportlab uses every core and a long PDF cannot
    starve the rest. ``queue``: requests that may wait for a worker (503 beyond).
    ``max_connections``: open connections uvicorn accepts before it answers 503.
    """

    max_body: int = 20 * MB
    body_timeout: float = 30.0
    timeout: float = 60.0
    workers: int = 4
    pdf_workers: int = max(1, min(4, os.cpu_count() or 1))
    queue: int = 64
    max_connections: int = 512
    pdf_kinds: tuple[str, ...] = ("pdf",)
    pdf_formats: tuple[str, ...] = ("pdf", "edxml")

    def __post_init__(self) -> None:
        for name in ("max_body", "workers", "pdf_workers", "max_connections"):
            if getattr(self, name) < 1:
                raise ValueError(f"serve: {name} must be at least 1, not {getattr(self, name)}")
        for name in ("body_timeout", "timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"serve: {name} must be more than 0, not {getattr(self, name)}")
        if self.queue < 0:
            raise ValueError(f"serve: queue must be 0 or more, not {self.queue}")

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> ServeConfig:
        """From the ``[serve]`` table of a config file; unknown keys are an error (a
        misspelt limit would otherwise silently be the default)."""
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in known:
                raise ValueError(
                    f"serve: unknown setting {key!r} (known: {', '.join(sorted(known))})"
                )
            if key in LIST_SETTINGS:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(f"serve: {key} must be a list of names, not {value!r}")
                value = tuple(value)
            elif key in ("body_timeout", "timeout"):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"serve: {key} must be a number of seconds, not {value!r}")
                value = float(value)
            elif isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"serve: {key} must be a whole number, not {value!r}")
            values[key] = value
        return cls(**values)
