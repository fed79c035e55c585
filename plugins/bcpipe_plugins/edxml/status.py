"""Status messages (edxml.md §6): answering a received document, and reading answers.

A status message is an edXML package whose MessageHeader holds ``From`` (the body
reporting), ``ResponseFor`` (the document it concerns), ``StaffInfo``, ``StatusCode``,
``Description`` and ``Timestamp``, in that order (the SDK's samples), and no body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bcpipe import SourceError
from bcpipe_plugins.edxml.errors import EdxmlError, MissingOrganIdError
from bcpipe_plugins.edxml.incoming import Received, read_package
from bcpipe_plugins.edxml.schema import edxml_input_xsd_schema, edxml_xsd_schema
from bcpipe_plugins.edxml.settings import TIMESTAMP, EdxmlSettings, Organ
from bcpipe_plugins.edxml.xmlbits import Q, el, new_root, organization, serialized, staff_info

__all__ = ["STATUS_CODES", "StatusReport", "describe_status", "status_package"]

#: StatusCode: (Vietnamese, English) meaning, as the exchange's implementations use them.
STATUS_CODES = {
    "01": ("Đã đến", "arrived"),
    "02": ("Từ chối tiếp nhận", "refused"),
    "03": ("Đã tiếp nhận", "accepted"),
    "04": ("Đã phân công", "assigned"),
    "05": ("Đang xử lý", "in progress"),
    "06": ("Hoàn thành", "completed"),
    "13": ("Đề nghị thu hồi", "recall requested"),
    "15": ("Đồng ý thu hồi", "recall accepted"),
    "16": ("Từ chối thu hồi", "recall refused"),
}


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Who reports which status of which document, and when."""

    code: str
    meaning_vi: str
    meaning_en: str
    description: str | None
    timestamp: str | None
    reporter_id: str | None
    reporter: str | None
    document_id: str | None
    document_code: str | None
    staff: str | None

    @property
    def summary_en(self) -> str:
        who = self.reporter or "?"
        if self.reporter_id:
            who += f" ({self.reporter_id})"
        what = self.document_code or self.document_id or "?"
        return (
            f"status {self.code} {self.meaning_en} from {who} about {what}"
            f" at {self.timestamp or '?'}"
        )

    def lines(self) -> list[str]:
        """The report as a clerk reads it, one fact a line."""
        return [
            f"Trạng thái / status: {self.code} {self.meaning_vi} ({self.meaning_en})",
            f"Đơn vị báo / from: {self.reporter or '?'} ({self.reporter_id or '?'})",
            f"Văn bản / document: {self.document_code or '?'} ({self.document_id or '?'})",
            f"Thời điểm / when: {self.timestamp or '?'}",
            f"Người xử lý / staff: {self.staff or '?'}",
            f"Mô tả / description: {self.description or ''}",
        ]


def describe_status(package: Received) -> StatusReport:
    """The report of a status message read with :func:`read_package`."""
    code = package.value("StatusCode") or "?"
    vi, en = STATUS_CODES.get(code, ("Mã trạng thái không rõ", "unknown status code"))
    staff = [package.value("StaffInfo/Staff"), package.value("StaffInfo/Department")]
    return StatusReport(
        code,
        vi,
        en,
        package.value("Description"),
        package.value("Timestamp"),
        package.value("From/OrganId"),
        package.value("From/OrganName"),
        package.value("ResponseFor/DocumentId"),
        package.value("ResponseFor/Code"),
        ", ".join(s for s in staff if s) or None,
    )


def _reporter(received: Received, settings: EdxmlSettings) -> Organ:
    """Our body: the [edxml] sender, else the package's receiver that has a code here;
    its name from [edxml.organs], else from the package's To block."""
    receivers = received.organizations("To")
    wanted = settings.sender
    if wanted is not None and (known := settings.by_code(wanted)) is not None:
        return known
    for block in receivers:
        if block.code and (wanted is None or block.code == wanted):
            organ = settings.by_code(block.code)
            if organ is not None:
                return organ
            if wanted is not None:
                return Organ(block.name or block.code, block.code, (), block.in_charge or "")
    codes = ", ".join(block.code or "?" for block in receivers) or "none"
    if wanted is not None:
        raise EdxmlError(
            f"[edxml] sender {wanted} is not among the package's receivers (To: {codes}) "
            "and has no name in [edxml.organs]: a status message must name its body"
        )
    raise MissingOrganIdError(
        f"the package's receivers (To: {codes})",
        "body answering with the status message",
        '[edxml] sender = "<OrganId>" or the body in [edxml.organs]',
    )


def status_package(
    received: bytes,
    code: str,
    settings: EdxmlSettings,
    *,
    timestamp: str = "now",
    description: str | None = None,
    source: str | None = None,
) -> bytes:
    """A status message answering the document package ``received`` with ``code``.

    ``timestamp`` is "yyyy/MM/dd HH:mm:ss" or "now" (the clock, read only then).
    """
    if code not in STATUS_CODES:
        raise EdxmlError(f"status code {code!r} is not one of {', '.join(STATUS_CODES)}")
    package = read_package(received, source)
    if package.is_status:
        raise SourceError(source, "is itself a status message: answer the document package")
    if timestamp == "now":  # opted into: the only use of the clock
        timestamp = dt.datetime.now().strftime("%Y/%m/%d %H:%M:%S")
    if not TIMESTAMP.fullmatch(timestamp):
        raise EdxmlError(f'timestamp must be "yyyy/MM/dd HH:mm:ss" or "now", not {timestamp!r}')
    reporter = _reporter(package, settings)
    root, header = new_root()
    message = el(header, "MessageHeader")
    contact = reporter.contact
    if settings.sender == reporter.code:
        contact = contact.filled_from(settings.contact)
    organization(message, "From", reporter.code, reporter.name, reporter.in_charge, contact)
    number, notation = package.value("Code/CodeNumber"), package.value("Code/CodeNotation")
    response = el(message, "ResponseFor")
    el(response, "OrganId", package.value("From/OrganId") or "")
    el(response, "Code", f"{number or ''}/{notation or ''}")
    el(response, "PromulgationDate", package.value("PromulgationInfo/PromulgationDate") or "")
    el(response, "DocumentId", package.value("DocumentId") or "")
    staff_info(message, settings.staff)
    el(message, "StatusCode", code)
    el(message, "Description", description or STATUS_CODES[code][0])
    el(message, "Timestamp", timestamp)
    for schema in (edxml_xsd_schema(), edxml_input_xsd_schema()):
        if not schema.validate(root):
            error = next(iter(schema.error_log))
            raise EdxmlError(
                "the status message would not be valid edXML: " + error.message.replace(Q, "")
            )
    return serialized(root)
