"""Errors as ``application/problem+json`` (RFC 9457), with the CLI's own messages.

A problem's ``detail`` is what ``bcpipe`` prints after ``bcpipe:`` for the same input;
``line`` (and ``column``) say where in the file, ``problems`` lists each field that does
not fit the model. ``type`` is a stable URI per kind of problem, for a client to switch
on; it is a name, not a page to fetch.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from bcpipe.errors import (
    BcpipeError,
    ExportError,
    InvalidDocumentError,
    SourceError,
    UnknownFormatError,
)

__all__ = ["PROBLEM_TYPES", "ProblemError", "problem_of", "problem_response"]

MEDIA_TYPE = "application/problem+json"
_BASE = "urn:bcpipe:problem:"

# The kinds of problem, each with its status and title: the API's contract.
PROBLEM_TYPES: dict[str, tuple[int, str]] = {
    "unreadable-document": (422, "The document cannot be read"),
    "invalid-document": (422, "The data does not fit the document model"),
    "unknown-format": (404, "No such export format"),
    "unknown-kind": (415, "No reader for this kind of document"),
    "unsupported-media-type": (415, "Unsupported content type"),
    "bad-parameter": (400, "A parameter is wrong"),
    "empty-body": (400, "The request has no document"),
    "too-large": (413, "The document is too large"),
    "body-timeout": (408, "The document took too long to arrive"),
    "busy": (503, "The service is busy"),
    "timeout": (503, "The work took too long"),
    "export-failed": (422, "The document cannot be exported"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "internal": (500, "Internal error"),
}


class ProblemError(Exception):
    """An answer that is not a success, raised anywhere a request is handled."""

    def __init__(
        self, kind: str, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        if kind not in PROBLEM_TYPES:
            raise ValueError(f"unknown problem kind {kind!r}")
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = PROBLEM_TYPES[kind][0]
        self.headers = headers or {}
        self.extra = extra

    def to_dict(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": _BASE + self.kind,
            "title": PROBLEM_TYPES[self.kind][1],
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        body.update({k: v for k, v in self.extra.items() if v is not None})
        return body


def problem_of(exc: BcpipeError) -> ProblemError:
    """The problem a library error is, with the place in the file when it is known."""
    if isinstance(exc, SourceError):
        return ProblemError(
            "unreadable-document", str(exc), source=exc.source, line=exc.line, column=exc.column
        )
    if isinstance(exc, InvalidDocumentError):
        problems = [{"path": p.path, "message": p.message, "line": p.line} for p in exc.problems]
        lines = [p.line for p in exc.problems if p.line is not None]
        return ProblemError(
            "invalid-document",
            str(exc),
            source=exc.source,
            line=min(lines) if lines else None,
            problems=problems,
        )
    if isinstance(exc, UnknownFormatError):
        return ProblemError("unknown-format", str(exc), name=exc.name)
    if isinstance(exc, ExportError):
        return ProblemError("export-failed", str(exc), format=exc.format, plugin=exc.plugin)
    return ProblemError("unreadable-document", str(exc))


def problem_response(problem: ProblemError, instance: str | None = None) -> JSONResponse:
    return JSONResponse(
        problem.to_dict(instance),
        status_code=problem.status,
        headers=problem.headers,
        media_type=MEDIA_TYPE,
    )
