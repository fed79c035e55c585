"""The files an edXML package carries (edxml.md §5): the rendered PDF when a ``pdf``
exporter is installed, else (by default) the plain-text export; or the exports the
settings list (``attachment = ["pdf", "docx"]``) and files from disk (``files``, the
appendices). Zipped on request the SDK's way: each file keeps its own name
(``15-BC-UBND.pdf``) and says ``application/zip``, which is what makes receivers unzip."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bcpipe import Document, ExportContext
from bcpipe_plugins.edxml.errors import EdxmlError
from bcpipe_plugins.edxml.settings import EdxmlSettings

__all__ = ["CONTENT_TYPES", "ZIP", "Attachment", "make_attachments", "pdf_page_count"]

#: Media type by file suffix (a fixed table, not the machine's mimetypes: same bytes
#: everywhere); other suffixes are application/octet-stream.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xml": "application/xml",
    ".json": "application/json",
    ".zip": "application/zip",
}
ZIP = "application/zip"
#: The suffix of an export format's file where it differs from ".<format>".
_SUFFIXES = {"text": ".txt"}
#: One attached file at most this big (before base64): the package's XML text node that
#: holds it must stay under libxml2's 10 MB safety limit when read back.
MAX_FILE = 7 * 1024 * 1024
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


def _kinds(settings: EdxmlSettings, formats: frozenset[str]) -> list[str]:
    kinds: list[str] = []
    for wanted in settings.attachment:
        if wanted == "none":
            continue
        kind: str | None
        if wanted == "auto":
            kind = next((k for k in ("pdf", "text") if k in formats), None)
            if kind is None:
                continue
        elif wanted not in formats:
            raise EdxmlError(
                f'[edxml] attachment = "{wanted}", but no {wanted!r} exporter is installed '
                f"(installed: {', '.join(sorted(formats)) or 'none'})"
            )
        else:
            kind = wanted
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def _file(path: str) -> tuple[str, bytes]:
    try:
        return Path(path).name, Path(path).read_bytes()
    except OSError as exc:
        raise EdxmlError(
            f"[edxml] files: {path!r} cannot be read ({exc.strerror or exc})"
        ) from None


def make_attachments(
    document: Document, ctx: ExportContext, settings: EdxmlSettings, base_name: str
) -> list[Attachment]:
    """The files for ``document``; its exports are named ``base_name`` ("15-BC-UBND")
    plus the format's suffix, files from disk keep their names."""
    named = [
        (base_name + _SUFFIXES.get(kind, "." + kind), ctx.export(document, kind))
        for kind in _kinds(settings, ctx.formats)
    ]
    named.extend(_file(path) for path in settings.files)
    date = document.issue_date
    assert date.year is not None and date.month is not None and date.day is not None
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    files: list[Attachment] = []
    for index, (name, data) in enumerate(named):
        if len(data) > MAX_FILE:
            raise EdxmlError(
                f"the attachment {name!r} holds {len(data)} bytes, over the {MAX_FILE} an "
                "edXML package can carry safely (receivers parse its base64 as one XML text)"
            )
        suffix = Path(name).suffix.lower()
        content_type = CONTENT_TYPES.get(suffix, "application/octet-stream")
        pages = pdf_page_count(data) if suffix == ".pdf" else 0
        if settings.zip:
            data, content_type = _zipped(name, data, stamp), ZIP
        # RFC 2392: a cid URL is URL-encoded (the notation may hold "Đ").
        content_id = base_name if index == 0 else f"{base_name}-{index + 1}"
        files.append(
            Attachment("cid:" + quote(content_id, safe="-._"), name, content_type, data, pages)
        )
    if len({file.name for file in files}) < len(files):
        raise EdxmlError("two attachments have the same name: " + ", ".join(f.name for f in files))
    return files
