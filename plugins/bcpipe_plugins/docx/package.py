"""Opening a .docx safely: what kind of file it really is, and a bounded zip.

A .docx is a zip package of XML parts. Before python-docx opens it, the package is
checked against the bounds below, so that a zip bomb or a package of thousands of
parts is refused at once with a clear message; python-docx's own XML parser resolves
no entities. Old binary Word files and password-protected .docx files (both are OLE
compound files, not zips) are told apart and refused with what to do.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from bcpipe import SourceError

__all__ = ["EXTRA", "check_package", "needs_extra", "open_docx", "refuse_doc"]

EXTRA = "docx"
MAX_FILE = 50 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_MEMBER = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
#: Text XML compresses about 10:1; far more than 100:1 is a bomb, not a document.
MAX_RATIO = 100
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
CONVERT = "soffice --headless --convert-to docx FILE.doc"


def needs_extra(what: str) -> str:
    return f"{what} needs the optional dependency python-docx: pip install 'bcpipe[{EXTRA}]'"


def refuse_doc(source: str | None, data: bytes) -> SourceError:
    """The error for an OLE compound file: encrypted .docx or old binary .doc."""
    if _ENCRYPTED in data:
        return SourceError(
            source,
            "this Word document is protected by a password (encrypted); "
            "open it in Word, remove the password (File > Info > Protect Document) and save it",
        )
    return SourceError(
        source,
        "this is an old binary Word document (.doc), which bcpipe does not read; "
        f"convert it to .docx first, e.g. with LibreOffice: {CONVERT}",
    )


def check_package(data: bytes, source: str | None) -> zipfile.ZipFile:
    """``data`` as a zip within the bounds; SourceError naming what is wrong."""
    if data.startswith(_OLE):
        raise refuse_doc(source, data)
    if len(data) > MAX_FILE:
        raise SourceError(source, f"the file is larger than {MAX_FILE // 2**20} MB")
    if not data.startswith(b"PK"):
        raise SourceError(
            source, "not a Word document (.docx): the file is damaged or is not a zip package"
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise SourceError(source, f"the Word document is damaged (bad zip: {exc})") from None
    if len(members) > MAX_MEMBERS:
        raise SourceError(source, f"the .docx package has more than {MAX_MEMBERS} parts")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER or total > MAX_TOTAL:
            raise SourceError(
                source, f"the .docx part {member.filename} is too large ({member.file_size} bytes)"
            )
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > 2**20 and ratio > MAX_RATIO:
            raise SourceError(
                source,
                f"the .docx part {member.filename} expands {ratio} times: refused as a zip bomb",
            )
    if "word/document.xml" not in package.namelist():
        raise SourceError(
            source, "not a Word document (.docx): the package has no word/document.xml"
        )
    return package


def open_docx(data: bytes, source: str | None) -> Any:
    """The python-docx Document of ``data``, after :func:`check_package`."""
    try:
        import docx
    except ImportError:
        raise SourceError(source, needs_extra("reading a .docx")) from None
    check_package(data, source)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
        raise SourceError(
            source, f"the Word document is damaged ({type(exc).__name__}: {exc})"
        ) from None
