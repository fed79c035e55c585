"""Where a document came from, and which source line each of its parts stands on.

Paths into the model are tuples of field names and list indices, written as
``body[0].children[2].text``. A loader that knows lines (YAML, plain text) fills a
:class:`SourceInfo` so that findings name the line a clerk must fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from bcpipe.findings import Finding

__all__ = ["ModelPath", "SourceInfo", "format_path"]

T = TypeVar("T")

ModelPath = tuple[str | int, ...]


def format_path(path: ModelPath) -> str:
    """``("body", 0, "text")`` → ``"body[0].text"``; the empty path → ``""``."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The file (or stream) a document was read from and its line map.

    ``lines`` maps formatted model paths (see :func:`format_path`) to 1-based lines;
    ``findings`` are what the loader noticed while reading (lines it could not place,
    say); :meth:`bcpipe.Pipeline.validate` reports them with the rules' findings.
    ``places`` maps model paths to where they stand in a source without lines (a
    .docx paragraph or table cell, a PDF page), for findings to say so. ``partial``
    names the formatted model paths the source gives only in part: an edXML package
    whose attachment could not be read lists "Nơi nhận" from its header, which never
    carries the "Lưu:" line. A rule about what such a part lacks stays silent; the
    loader has said (BC603) that the part is unchecked.
    """

    name: str | None = None
    kind: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    places: Mapping[str, str] = field(default_factory=dict)
    partial: frozenset[str] = frozenset()

    def is_partial(self, path: ModelPath) -> bool:
        """True when the source gives ``path`` only in part."""
        return format_path(path) in self.partial

    def line_of(self, path: ModelPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        return _nearest(self.lines, path)

    def place_of(self, path: ModelPath) -> str | None:
        """The place of ``path`` (see ``places``), or of its nearest ancestor that has one."""
        return _nearest(self.places, path)


def _nearest(table: Mapping[str, T], path: ModelPath) -> T | None:
    if not table:
        return None
    current = path
    while True:
        found = table.get(format_path(current))
        if found is not None:
            return found
        if not current:
            return None
        current = current[:-1]


def decode_text(data: bytes, source: str | None) -> str:
    """``data`` as text: UTF-8 (a BOM is dropped), line ends made ``\\n``.

    Raises :class:`~bcpipe.errors.SourceError` naming the line for binary data or
    bytes that are not UTF-8, so that every loader refuses them the same way.
    """
    from bcpipe.errors import SourceError

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        raise SourceError(
            source, "this text is in UTF-16, not UTF-8; save the file as UTF-8", line=1
        )
    if b"\x00" in data[:8192]:
        raise SourceError(source, "this is a binary file, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            source,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
