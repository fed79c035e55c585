"""Opening a .docx safely: what kind of file it really is, a bounded zip, its XML parts.

A .docx is a zip package of XML parts. The package is checked against the bounds below,
so that a zip bomb or a package of thousands of parts is refused at once with a clear
message, then the four parts the reader needs are found through the package's
relationships and parsed with lxml, resolving no entities. The reader does not need
python-docx (only the exporter does): it parsed every part of the package, which took
half the time of a read. Old binary Word files and password-protected .docx files (both are OLE
compound files, not zips) are told apart and refused with what to do.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

from bcpipe import SourceError

__all__ = ["EXTRA", "Parts", "check_package", "needs_extra", "read_parts", "refuse_doc"]

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


_SAFE = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@dataclass(frozen=True, slots=True)
class Parts:
    """The XML parts the reader needs, parsed: the document, and the numbering, styles
    and footnotes it refers to (None when it has none)."""

    document: Any
    numbering: Any | None
    styles: Any | None
    footnotes: Any | None


def _parse(data: bytes, name: str, source: str | None) -> Any:
    try:
        return etree.fromstring(data, _SAFE)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise SourceError(source, f"the Word document is damaged ({name}: {exc})") from None


def _read(package: zipfile.ZipFile, name: str, source: str | None) -> bytes:
    try:
        return package.read(name)
    except (KeyError, zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
        raise SourceError(source, f"the Word document is damaged ({name}: {exc})") from None


def _xml(package: zipfile.ZipFile, name: str, source: str | None) -> Any:
    return _parse(_read(package, name, source), name, source)


def _targets(package: zipfile.ZipFile, rels: str, base: str, source: str | None) -> dict[str, str]:
    """Relationship type (its last word) → part name, from the relationships part ``rels``."""
    if rels not in package.namelist():
        return {}
    out: dict[str, str] = {}
    for rel in _xml(package, rels, source).iter(_REL):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not kind.startswith(_TYPES):
            continue
        name = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        )
        out.setdefault(kind[len(_TYPES) :], name)
    return out


def read_parts(data: bytes, source: str | None) -> Parts:
    """The parts of a .docx, after :func:`check_package`; lxml only (no python-docx), with
    a parser that resolves no entities, loads no DTD and fetches nothing."""
    package = check_package(data, source)
    main = _targets(package, "_rels/.rels", "", source).get("officeDocument", "word/document.xml")
    if main not in package.namelist():
        raise SourceError(source, f"not a Word document (.docx): the package has no {main}")
    folder, name = posixpath.split(main)
    related = _targets(package, posixpath.join(folder, "_rels", name + ".rels"), folder, source)

    document = _read(package, main, source)

    def part(kind: str, needed: bool, mark: bytes = b"") -> Any | None:
        # A part the document does not use is not parsed (Word's styles part alone is
        # larger than many documents): numbering only for numbered paragraphs, styles
        # only when one of them numbers its paragraphs, footnotes only when referred to.
        target = related.get(kind)
        if not needed or target not in package.namelist():
            return None
        data = _read(package, target, source)
        return _parse(data, target, source) if mark in data else None

    return Parts(
        _parse(document, main, source),
        part("numbering", b"numPr" in document or b"pStyle" in document),
        part("styles", b"pStyle" in document, b"numPr"),
        part("footnotes", b"footnoteReference" in document),
    )
