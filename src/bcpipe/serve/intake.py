"""What a request brings: its body (bounded in size and time) and the kind of document.

The kind is chosen, in this order, by the ``from`` parameter (a loader's name, as
``bcpipe validate --from``), by the content type, then by the suffix of the ``filename``
parameter. Content types name file suffixes, and a suffix names whichever loader claims
it, so a loader a plugin adds (.docx, PDF, edXML) is reached without a change here.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping

from starlette.requests import ClientDisconnect, Request

from bcpipe.serve.problems import ProblemError

__all__ = ["MEDIA_SUFFIXES", "document_kind", "media_type", "read_body"]

# Content type → the suffix whose loader reads it.
MEDIA_SUFFIXES: Mapping[str, str] = {
    "text/plain": ".txt",
    "application/json": ".json",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "text/x-yaml": ".yaml",
    "application/toml": ".toml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/vnd.edxml+xml": ".edxml",
}
# Content types that say nothing of the kind: the filename or `from` must.
_UNTYPED = frozenset({"", "application/octet-stream"})
# An edXML package is XML too: its root element tells it from bcpipe's own XML.
_EDXML_ROOT = re.compile(rb"<(?:[\w.-]+:)?edXML[\s>]")
_SNIFF = 4096


def media_type(request: Request) -> str:
    """The request's content type, without its parameters, in lower case."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def document_kind(
    *,
    kind: str | None,
    media_type: str,
    filename: str | None,
    suffixes: Mapping[str, str],
    kinds: list[str],
    head: bytes = b"",
) -> str:
    """The loader for a request; :class:`ProblemError` (415) when none fits."""
    available = ", ".join(kinds) or "none"
    if kind:
        if kind not in kinds:
            raise ProblemError(
                "unknown-kind", f"no loader for {kind!r} (available: {available})", name=kind
            )
        return kind
    if media_type.startswith("multipart/"):
        raise ProblemError(
            "unsupported-media-type",
            "send the document itself as the request body (not a form), with its content "
            "type or a 'from' parameter",
            content_type=media_type,
        )
    if media_type not in _UNTYPED:
        suffix = MEDIA_SUFFIXES.get(media_type)
        if suffix is None:
            known = ", ".join(sorted(MEDIA_SUFFIXES))
            raise ProblemError(
                "unsupported-media-type",
                f"content type {media_type!r} is not a document kind bcpipe reads "
                f"(known: {known}; or say the kind with the 'from' parameter)",
                content_type=media_type,
            )
        if suffix == ".xml" and ".edxml" in suffixes and _EDXML_ROOT.search(head[:_SNIFF]):
            suffix = ".edxml"
        if suffix not in suffixes:
            raise ProblemError(
                "unknown-kind",
                f"no loader reads {media_type} (a {suffix} file) in this service "
                f"(available: {available})",
                content_type=media_type,
            )
        return suffixes[suffix]
    if filename:
        dot = filename.rfind(".")
        suffix = filename[dot:].lower() if dot > 0 else ""
        if suffix in suffixes:
            return suffixes[suffix]
        known = ", ".join(sorted(suffixes)) or "none"
        raise ProblemError(
            "unknown-kind",
            f"{filename}: unknown file kind {suffix or '(no suffix)'!r}; known suffixes: {known}",
        )
    raise ProblemError(
        "unsupported-media-type",
        "say what the document is: a content type (text/plain, application/yaml, …), "
        f"a 'from' parameter ({available}) or a 'filename' with its suffix",
        content_type=media_type or None,
    )


async def read_body(request: Request, *, max_body: int, timeout: float) -> bytes:
    """The request's body; 413 past ``max_body`` bytes, 408 when it is slower than
    ``timeout`` seconds in all (a trickling upload holds no connection for ever)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ProblemError("bad-parameter", f"Content-Length {declared!r} is not a number")
        if int(declared) > max_body:
            raise _too_large(max_body, int(declared))

    async def receive() -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_body:
                raise _too_large(max_body, None)
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(receive(), timeout)
    except TimeoutError:
        raise ProblemError(
            "body-timeout",
            f"the document did not arrive within {timeout:g} s",
            headers={"Connection": "close"},
        ) from None
    except ClientDisconnect:
        raise ProblemError(
            "empty-body", "the client went away before the document arrived"
        ) from None


def _too_large(limit: int, declared: int | None) -> ProblemError:
    said = f" ({declared} bytes)" if declared is not None else ""
    return ProblemError(
        "too-large",
        f"the document is larger than this service accepts{said}: at most {limit} bytes",
        limit=limit,
        headers={"Connection": "close"},
    )
