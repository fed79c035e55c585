"""The file an edXML package carries: the rendered PDF when a ``pdf`` exporter is
installed, else (by default) the plain-text export; optionally zipped (edxml.md §5)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from bcpipe import Document, ExportContext
from bcpipe_plugins.edxml.errors import EdxmlError
from bcpipe_plugins.edxml.settings import EdxmlSettings

__all__ = ["Attachment", "make_attachment", "pdf_page_count"]

_KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "text": ("text/plain; charset=utf-8", ".txt"),
}
# The page tree's root (/Type /Pages) holds the total in /Count; inner nodes hold less.
_PAGES = re.compile(rb"/Type\s*/Pages\b")
_COUNT = re.compile(rb"/Count\s+(\d+)")


@dataclass(frozen=True, slots=True)
class Attachment:
    """One attached file, ready to encode."""

    content_id: str
    name: str
    content_type: str
    data: bytes
    pages: int


def pdf_page_count(data: bytes) -> int:
    """The page count of a PDF, read from its page tree; 0 when it cannot be read (a PDF
    whose objects are compressed into object streams, or not a PDF at all)."""
    best = 0
    for match in _PAGES.finditer(data):
        start = data.rfind(b"obj", 0, match.start())
        end = data.find(b"endobj", match.end())
        window = data[max(start, 0) : end if end >= 0 else len(data)]
        for count in _COUNT.finditer(window):
            best = max(best, int(count.group(1)))
    return best


def _zipped(name: str, data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    # Fixed time stamp, system and permissions: the same file gives the same ZIP bytes.
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data)
    return buffer.getvalue()


def _kind(settings: EdxmlSettings, formats: frozenset[str]) -> str | None:
    wanted = settings.attachment
    if wanted == "none":
        return None
    if wanted == "auto":
        return next((kind for kind in ("pdf", "text") if kind in formats), None)
    if wanted not in formats:
        raise EdxmlError(
            f'[edxml] attachment = "{wanted}", but no {wanted!r} exporter is installed '
            f"(installed: {', '.join(sorted(formats)) or 'none'})"
        )
    return wanted


def make_attachment(
    document: Document, ctx: ExportContext, settings: EdxmlSettings, base_name: str
) -> Attachment | None:
    """The attachment for ``document``, named ``base_name`` ("15-BC-UBND") plus extension."""
    kind = _kind(settings, ctx.formats)
    if kind is None:
        return None
    data = ctx.export(document, kind)
    content_type, extension = _KINDS[kind]
    pages = pdf_page_count(data) if kind == "pdf" else 0
    name = base_name + extension
    if settings.zip:
        date = document.issue_date
        assert date.year is not None and date.month is not None and date.day is not None
        data = _zipped(name, data, (max(date.year, 1980), date.month, date.day, 0, 0, 0))
        content_type, name = "application/zip", base_name + ".zip"
    # RFC 2392: a cid URL is URL-encoded (the notation may hold "Đ").
    return Attachment("cid:" + quote(base_name, safe="-._"), name, content_type, data, pages)
