"""Reading an edXML package that arrived: safely, checked against the lenient input XSD.

The package comes from outside, so it is parsed as untrusted XML (no DTD, no entity, no
network; :mod:`bcpipe_plugins.xml_document.safe`), bounded in size before parsing, and
its attachments are decoded strictly (broken base64 is an error naming the attachment)
and unzipped within limits. Children are matched by namespace and local name, never by
prefix or position: writers differ in both (edxml.md §1-§2).
"""

from __future__ import annotations

import base64
import binascii
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from bcpipe import SourceError
from bcpipe_plugins.edxml.attachment import ZIP
from bcpipe_plugins.edxml.schema import NAMESPACE, edxml_input_xsd_schema
from bcpipe_plugins.edxml.settings import BUSINESS
from bcpipe_plugins.xml_document.safe import parse_untrusted

__all__ = [
    "MAX_PACKAGE",
    "MAX_UNZIPPED",
    "Business",
    "Organization",
    "Received",
    "ReceivedFile",
    "read_package",
]

_Q = "{" + NAMESPACE + "}"
#: A package bigger than this is refused before parsing (an attachment's base64 text
#: over 10 MB is refused by the parser's own safety limit in any case).
MAX_PACKAGE = 32 * 1024 * 1024
#: An attachment unzips to at most this many bytes (a ZIP bomb stops here).
MAX_UNZIPPED = 64 * 1024 * 1024
_KIND_BY_CODE = {code: kind for kind, (code, _) in BUSINESS.items()}


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    value = " ".join(element.text.split())
    return value or None


@dataclass(frozen=True, slots=True)
class Organization:
    """A From or To block as read."""

    code: str | None
    name: str | None
    in_charge: str | None
    address: str | None
    email: str | None
    telephone: str | None
    fax: str | None
    website: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Business:
    """What the package does (Bussiness): a new document, or a change to a sent one."""

    kind: str  # new, revocation, update, replacement; "unknown" for another code
    code: str | None
    reason: str | None
    document_id: str | None
    replaces: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    """One attachment: its names and its decoded bytes (unzipped when it says ZIP)."""

    content_id: str | None
    name: str
    content_type: str | None
    data: bytes
    zipped: bool
    line: int


class Received:
    """A parsed package: its MessageHeader (or MessageStatus), trace and attachments."""

    def __init__(self, root: etree._Element, source: str | None) -> None:
        self.root = root
        self.source = source
        header = root.find(f"{_Q}edXMLEnvelope/{_Q}edXMLHeader")
        assert header is not None  # the input XSD requires it
        message = header.find(_Q + "MessageHeader")
        if message is None:
            message = header.find(_Q + "MessageStatus")
        if message is None:
            raise SourceError(source, "the package has no MessageHeader", line=header.sourceline)
        self.header = message
        self.trace = header.find(_Q + "TraceHeaderList")

    @property
    def is_status(self) -> bool:
        """A status message answers a document (edxml.md §6): it carries a StatusCode."""
        return self.header.find(_Q + "StatusCode") is not None

    def element(self, path: str) -> etree._Element | None:
        """The first element at ``path`` ("Code/CodeNumber") under the MessageHeader."""
        return self.header.find("/".join(_Q + part for part in path.split("/")))

    def value(self, path: str) -> str | None:
        """The text at ``path``, spaces collapsed; None when absent or empty."""
        return _text(self.element(path))

    def values(self, path: str) -> list[str]:
        found = self.header.findall("/".join(_Q + part for part in path.split("/")))
        return [text for element in found if (text := _text(element)) is not None]

    def line(self, path: str) -> int | None:
        element = self.element(path)
        return element.sourceline if element is not None else None

    def organizations(self, tag: str) -> list[Organization]:
        return [self._organization(e) for e in self.header.findall(_Q + tag)]

    @staticmethod
    def _organization(element: etree._Element) -> Organization:
        def get(name: str) -> str | None:
            return _text(element.find(_Q + name))

        return Organization(
            get("OrganId"),
            get("OrganName"),
            get("OrganizationInCharge"),
            get("OrganAdd"),
            get("Email"),
            get("Telephone"),
            get("Fax"),
            get("Website"),
            element.sourceline or 0,
        )

    def business(self) -> Business | None:
        if self.trace is None:
            return None
        element = self.trace.find(_Q + "Bussiness")
        if element is None:
            return None
        code = _text(element.find(_Q + "BussinessDocType"))
        kind = _KIND_BY_CODE.get(int(code), "unknown") if code and code.isdigit() else "unknown"
        replaces = tuple(
            text
            for info in element.iterfind(f"{_Q}ReplacementInfoList/{_Q}ReplacementInfo")
            if (text := _text(info.find(_Q + "DocumentId"))) is not None
        )
        return Business(
            kind,
            code,
            _text(element.find(_Q + "BussinessDocReason")),
            _text(element.find(_Q + "DocumentId")),
            tuple(dict.fromkeys(replaces)),
            element.sourceline or 0,
        )

    def files(self) -> Iterator[ReceivedFile]:
        """The attachments in order, decoded; a broken one is a :class:`SourceError`."""
        for element in self.root.iterfind(f"{_Q}AttachmentEncoded/{_Q}Attachment"):
            yield self._file(element)

    def _file(self, element: etree._Element) -> ReceivedFile:
        line = element.sourceline or 0
        name = _text(element.find(_Q + "AttachmentName")) or _text(element.find(_Q + "Description"))
        if name is None:
            raise SourceError(self.source, "an attachment has no AttachmentName", line=line)
        label = repr(name)
        content_type = _text(element.find(_Q + "ContentType"))
        encoded = element.find(_Q + "ContentTransferEncoded")
        text = "".join((encoded.text or "").split()) if encoded is not None else ""
        if not text:
            raise SourceError(self.source, f"the attachment {label} has no content", line=line)
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise SourceError(
                self.source,
                f"the attachment {label} is not valid base64 (ContentTransferEncoded holds "
                "characters outside A-Z a-z 0-9 + / =, or is cut short)",
                line=encoded.sourceline if encoded is not None else line,
            ) from None
        zipped = (content_type or "").lower().startswith(ZIP) or data[:4] == b"PK\x03\x04"
        if zipped and not name.lower().endswith(".zip"):
            data = _unzipped(data, label, self.source, line)
        else:
            zipped = False
        return ReceivedFile(
            _text(element.find(_Q + "ContentId")), name, content_type, data, zipped, line
        )


def _unzipped(data: bytes, label: str, source: str | None, line: int) -> bytes:
    """The one file of a ZIP the SDK's way (the attachment keeps its own name)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) != 1:
                raise SourceError(
                    source,
                    f"the attachment {label} is a ZIP of {len(members)} files; one was expected",
                    line=line,
                )
            if members[0].file_size > MAX_UNZIPPED:
                raise SourceError(
                    source,
                    f"the attachment {label} unzips to {members[0].file_size} bytes, over the "
                    f"limit of {MAX_UNZIPPED}",
                    line=line,
                )
            with archive.open(members[0]) as member:
                content = member.read(MAX_UNZIPPED + 1)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise SourceError(
            source,
            f"the attachment {label} says it is a ZIP but cannot be unzipped: {exc}",
            line=line,
        ) from None
    if len(content) > MAX_UNZIPPED:  # the header lied about the size
        raise SourceError(
            source, f"the attachment {label} unzips to more than {MAX_UNZIPPED} bytes", line=line
        )
    return content


def read_package(data: bytes, source: str | None) -> Received:
    """The package in ``data``: safe parsing, size bounds, the lenient input XSD."""
    if len(data) > MAX_PACKAGE:
        raise SourceError(
            source,
            f"the package holds {len(data)} bytes, over the {MAX_PACKAGE} bcpipe reads "
            "(edXML carries documents, not archives)",
        )
    try:
        root = parse_untrusted(data, source)
    except SourceError as exc:
        if "safety limits" not in exc.message:
            raise
        raise SourceError(
            source,
            "an attachment is too big to read safely: its base64 text is over the 10 MB the "
            "XML parser allows one text (about 7.5 MB of file)",
            line=exc.line,
        ) from None
    if root.tag != _Q + "edXML":
        raise SourceError(
            source,
            f"not an edXML package: the root element is <{etree.QName(root).localname}> "
            f"in {etree.QName(root).namespace or 'no namespace'}; expected <edXML> in {NAMESPACE}",
            line=root.sourceline,
        )
    schema = edxml_input_xsd_schema()
    if not schema.validate(root):
        error = next(iter(schema.error_log))
        raise SourceError(
            source,
            "not a well-formed edXML package (QCVN 102:2016): " + error.message.replace(_Q, ""),
            line=error.line,
        )
    return Received(root, source)
