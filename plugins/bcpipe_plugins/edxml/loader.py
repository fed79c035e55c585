"""The ``edxml`` loader: a document from a package that arrived.

The header gives what a package always carries (issuer, number, notation, place and
date, type, subject, signer, the "Nơi nhận" lines, marks, appendix titles); the first
attachment a registered loader can read (chosen by its file suffix through
``ctx.load_file``: text now, .docx and PDF when their loaders are installed) gives the
body and what else the printed document holds. The header wins where both speak, and
every disagreement is a finding; every field known from the header only is marked
(BC603). What the package does (a new document, or the update, replacement or
revocation of one already sent) is reported (BC606) and kept in
``extensions["edxml"]`` with the package's identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter

import bcpipe
from bcpipe import (
    BcpipeError,
    Check,
    Document,
    Finding,
    LoadContext,
    Loaded,
    Severity,
    SourceError,
    render,
)
from bcpipe.doctypes import DocumentType
from bcpipe.model import Archive, Authority, Recipient, Urgency
from bcpipe.names import body_words
from bcpipe.textutil import fold
from bcpipe_plugins.edxml.errors import EdxmlError
from bcpipe_plugins.edxml.fields import PRIORITY
from bcpipe_plugins.edxml.incoming import Received, read_package
from bcpipe_plugins.edxml.settings import DEFAULT_SPHERE, read_settings
from bcpipe_plugins.edxml.status import describe_status
from bcpipe_plugins.text.tail import recipient_data

__all__ = [
    "ATTACHMENT_NOT_READ",
    "BUSINESS_CHANGE",
    "HEADER_ONLY",
    "HEADER_VALUE",
    "MISMATCH",
    "load_edxml",
]

HEADER_ONLY = Check(
    "BC603",
    Severity.INFO,
    vi="{field}: lấy từ tiêu đề gói edXML, không đối chiếu được với văn bản đính kèm",
    en="{field}: taken from the edXML header only, not checked against the attached document",
)
MISMATCH = Check(
    "BC604",
    Severity.WARNING,
    vi='{field}: tiêu đề gói edXML ghi "{header}", văn bản đính kèm ghi "{attached}" '
    "(giữ giá trị của tiêu đề)",
    en='{field}: the edXML header says "{header}", the attached document "{attached}" '
    "(the header's value is kept)",
)
ATTACHMENT_NOT_READ = Check(
    "BC605",
    Severity.WARNING,
    vi="Không đọc được nội dung văn bản từ tệp đính kèm: {reason}; văn bản chỉ dựng từ "
    "tiêu đề gói, không có phần nội dung",
    en="The document's body could not be read from an attachment: {reason}; the document "
    "is built from the package header only, without its body",
)
BUSINESS_CHANGE = Check(
    "BC606",
    Severity.INFO,
    vi="Gói edXML {kind_vi} văn bản {target} ({reason})",
    en="This edXML package {kind_en} document {target} ({reason})",
)
HEADER_VALUE = Check(
    "BC607",
    Severity.WARNING,
    vi='{element} "{value}" trong tiêu đề gói edXML không đọc được: cần {expected}',
    en='{element} "{value}" in the edXML header cannot be read: expected {expected}',
)
CHECKS = (HEADER_ONLY, MISMATCH, ATTACHMENT_NOT_READ, BUSINESS_CHANGE, HEADER_VALUE)

_BUSINESS_WORDS = {
    "revocation": ("thu hồi", "revokes"),
    "update": ("cập nhật", "updates"),
    "replacement": ("thay thế", "replaces"),
    "unknown": ("(loại nghiệp vụ không rõ) về", "(of an unknown business kind) concerns"),
}
_PREFIX = re.compile(r"(?:^|\s)(" + "|".join(re.escape(a.value) for a in Authority) + r")\s")
_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_ABOUT = re.compile(r"^\s*(?:v/v|về việc)\s*", re.IGNORECASE)
#: Header fields, their model path and how a clerk names them.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("type", "type"),
    ("issuer", "issuer"),
    ("number", "number"),
    ("notation", "notation"),
    ("place", "place"),
    ("issue_date", "issue date"),
    ("subject", "subject"),
    ("signature", "signer"),
    ("recipients", "recipients (Nơi nhận)"),
    ("marks", "marks (urgency, circulation, typist, copies)"),
)
_LINES = {
    "type": "DocumentType",
    "issuer": "From",
    "number": "Code/CodeNumber",
    "notation": "Code/CodeNotation",
    "place": "PromulgationInfo/Place",
    "issue_date": "PromulgationInfo/PromulgationDate",
    "subject": "Subject",
    "signature": "SignerInfo",
    "recipients": "ToPlaces",
    "marks": "OtherInfo",
}


class _Reading:
    """The document data being assembled, its line map and findings."""

    def __init__(self, package: Received, settings: Mapping[str, Any]) -> None:
        self.package = package
        try:
            self.sphere = read_settings(settings).sphere
        except EdxmlError:  # malformed settings: the export says what is wrong with them
            self.sphere = DEFAULT_SPHERE
        self.findings: list[Finding] = []
        self.lines: dict[str, int] = {}

    def unreadable(self, path: str, element: str, value: str, expected: str) -> None:
        self.findings.append(
            HEADER_VALUE.at((path,), element=element, value=value, expected=expected)
        )

    def required(self, path: str) -> str:
        value = self.package.value(path)
        if value is None:
            raise SourceError(
                self.package.source,
                f"the package header has no {path}: a document cannot be read without it",
                line=self.package.header.sourceline,
            )
        return value


def signature_data(competence: str | None, position: str | None, name: str) -> dict[str, Any]:
    """SignerInfo back into a signature block: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" is two
    authority lines; a Position equal to the last of them was written for an omitted one."""
    authority: list[dict[str, str]] = []
    text = competence or ""
    starts = [m.start(1) for m in _PREFIX.finditer(text)]
    if starts and not text[: starts[0]].strip():
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(text)
            prefix, _, title = text[start:end].strip().partition(" ")
            if title.strip():
                authority.append({"prefix": prefix, "title": title.strip()})
    data: dict[str, Any] = {"authority": authority, "name": name}
    last = f"{authority[-1]['prefix']} {authority[-1]['title']}" if authority else None
    if position and position != last:
        data["position"] = position
    elif not authority and competence:
        data["position"] = competence
    return data


def _header_data(reading: _Reading) -> dict[str, Any]:
    package = reading.package
    sender = package.organizations("From")
    if not sender or not sender[0].name:
        raise SourceError(package.source, "the package header names no sender (From/OrganName)")
    type_name = reading.required("DocumentType/TypeName")
    kind = DocumentType.from_name(type_name)
    if kind is None:
        raise SourceError(
            package.source,
            f"DocumentType/TypeName {type_name!r} is not a kind of administrative document "
            "(NĐ30 Điều 7) bcpipe reads",
            line=package.line("DocumentType/TypeName"),
        )
    issuer: dict[str, Any] = {"name": sender[0].name}
    if sender[0].in_charge and fold(sender[0].in_charge) != fold(sender[0].name):
        issuer["parent"] = sender[0].in_charge
    data: dict[str, Any] = {
        "type": kind.value,
        "status": "issued",
        "issuer": issuer,
        "notation": reading.required("Code/CodeNotation"),
        "place": reading.required("PromulgationInfo/Place"),
        "subject": reading.required("Subject"),
    }
    if kind is DocumentType.CONG_VAN:  # the model holds a công văn's subject without "V/v"
        data["subject"] = _ABOUT.sub("", data["subject"]) or data["subject"]
    number = package.value("Code/CodeNumber")
    if number is not None:
        if number.isdigit() and int(number) >= 1:
            data["number"] = int(number)
        else:
            reading.unreadable("number", "Code/CodeNumber", number, "a whole number from 1")
    date = package.value("PromulgationInfo/PromulgationDate")
    match = _DATE.fullmatch(date or "")
    if match:
        year, month, day = (int(part) for part in match.groups())
        data["issue_date"] = {"day": day, "month": month, "year": year}
    elif date is not None:
        reading.unreadable("issue_date", "PromulgationDate", date, "a date yyyy/MM/dd")
    data["signature"] = signature_data(
        package.value("SignerInfo/Competence"),
        package.value("SignerInfo/Position"),
        reading.required("SignerInfo/FullName"),
    )
    data["recipients"] = [
        item for place in package.values("ToPlaces/Place") if (item := recipient_data(place))
    ]
    data["marks"] = _marks(reading)
    data["appendices"] = [{"title": t} for t in package.values("OtherInfo/Appendixes/Appendix")]
    return data


def _marks(reading: _Reading) -> dict[str, Any]:
    package = reading.package
    marks: dict[str, Any] = {}
    priority = package.value("OtherInfo/Priority")
    by_code = {code: urgency for urgency, code in PRIORITY.items()}
    if priority is not None:
        if priority.isdigit() and int(priority) in by_code:
            if (urgency := by_code[int(priority)]) is not None:
                marks["urgency"] = urgency.value
        elif priority == "4":  # hỏa tốc hẹn giờ: no mark of its own in NĐ30
            marks["urgency"] = Urgency.HOA_TOC.value
        else:
            reading.unreadable("marks", "OtherInfo/Priority", priority, "0 to 4")
    sphere = package.value("OtherInfo/SphereOfPromulgation")
    if sphere and fold(sphere) not in (fold(reading.sphere), fold(DEFAULT_SPHERE)):
        marks["circulation"] = sphere
    if typist := package.value("OtherInfo/TyperNotation"):
        marks["typist"] = typist
    copies = package.value("OtherInfo/PromulgationAmount")
    if copies is not None and copies.isdigit() and int(copies) >= 1:
        marks["copies"] = int(copies)
    return marks


def _package_data(package: Received) -> dict[str, Any]:
    """What the package itself says about the document, kept in extensions["edxml"]."""
    business = package.business()
    data: dict[str, Any] = {
        "document_id": package.value("DocumentId"),
        "sender": package.value("From/OrganId"),
        "receivers": [o.code for o in package.organizations("To") if o.code],
        "due_date": package.value("DueDate"),
        "steering_type": package.value("SteeringType"),
        "page_amount": package.value("OtherInfo/PageAmount"),
        "response_for": package.values("ResponseFor/DocumentId"),
    }
    if business is not None:
        data["business"] = business.kind
        data["concerns"] = business.document_id
        data["replaces"] = list(business.replaces)
    return {key: value for key, value in data.items() if value not in (None, [])}


def _business_findings(reading: _Reading) -> None:
    business = reading.package.business()
    if business is None or business.kind == "new":
        return
    targets = business.replaces if business.kind == "replacement" else ()
    target = ", ".join(targets) or business.document_id or reading.package.value("DocumentId")
    vi, en = _BUSINESS_WORDS[business.kind]
    reading.findings.append(
        BUSINESS_CHANGE.at(
            (),
            kind_vi=vi,
            kind_en=en,
            target=target or "?",
            reason=business.reason or f"BussinessDocType {business.code}",
        )
    )


def _attached(
    reading: _Reading, load_file: Callable[[bytes, str], Document] | None
) -> Document | None:
    """The first attachment a registered loader reads; why none could, as a finding."""
    reasons: list[str] = []
    for file in reading.package.files():
        if file.name.lower().endswith(".edxml"):
            reasons.append(f"{file.name!r} is itself an edXML package")
            continue
        if load_file is None:
            reasons.append("no pipeline to read attachments with")
            break
        try:
            return load_file(file.data, file.name)
        except BcpipeError as exc:
            reasons.append(str(exc))
    reading.findings.append(
        ATTACHMENT_NOT_READ.at((), reason="; ".join(reasons) or "the package has no attachment")
    )
    return None


_NOT_PRINTED = object()  # the attached document does not say: the field is header-only


_RECIPIENTS = TypeAdapter(list[Recipient])


def _texts(recipients: Sequence[Recipient]) -> list[str]:
    """The recipient lines as printed, without the "Lưu:" line (ToPlaces has none)."""
    return [render.recipient_text(r) for r in recipients if not isinstance(r, Archive)]


def _printed(field: str, attached: Document) -> Any:
    """The attached document's value of a header field, in the header data's shape."""
    if field == "type":
        return attached.type.value
    if field == "issuer":
        return {"name": attached.issuer.name}
    if field == "signature":
        name = attached.signature.name  # an attachment left unsigned prints no name
        return _NOT_PRINTED if name is None else {"name": name}
    if field == "issue_date":
        date = attached.issue_date
        return {"day": date.day, "month": date.month, "year": date.year}
    if field == "recipients":
        return _texts(attached.recipients) or _NOT_PRINTED
    if field == "marks":
        marks = attached.marks.model_dump(mode="json", exclude_none=True)
        marks.pop("copies", None)  # the header counts the copies when none is printed
        return marks
    value = getattr(attached, field)
    return _NOT_PRINTED if value is None else value


def _difference(field: str, header: Any, printed: Any) -> tuple[str, str] | None:
    """The two values as text when they differ (names word by word, case ignored)."""
    if field == "issuer":
        a, b = header["name"], printed["name"]
        return None if body_words(a) == body_words(b) else (a, b)
    if field == "signature":
        a, b = header["name"], printed["name"]
        return None if fold(a) == fold(b) else (a, b)
    if field == "recipients":
        a, b = "; ".join(_texts(_RECIPIENTS.validate_python(header))), "; ".join(printed)
        return None if fold(a) == fold(b) else (a, b)
    if field == "marks":
        said = {key: value for key, value in header.items() if key != "copies"}
        return None if said == printed else (str(said), str(printed))
    if field == "issue_date":
        return None if header == printed else (_date_text(header), _date_text(printed))
    return None if fold(str(header)) == fold(str(printed)) else (str(header), str(printed))


def _date_text(date: dict[str, Any]) -> str:
    return f"{date.get('day')}/{date.get('month')}/{date.get('year')}"


def _merge(reading: _Reading, data: dict[str, Any], attached: Document | None) -> dict[str, Any]:
    """The header's data over the attached document's; findings say what came whence."""
    recipients_agree = False
    for path, label in _FIELDS:
        if (line := reading.package.line(_LINES[path])) is not None:
            reading.lines[path] = line
        if path not in data:
            continue
        printed = _NOT_PRINTED if attached is None else _printed(path, attached)
        if printed is _NOT_PRINTED:
            reading.findings.append(HEADER_ONLY.at((path,), field=label))
        elif (differs := _difference(path, data[path], printed)) is not None:
            reading.findings.append(
                MISMATCH.at((path,), field=label, header=differs[0], attached=differs[1])
            )
        elif path == "recipients":
            recipients_agree = True
    if attached is None:
        return data
    merged = attached.model_dump(mode="json", exclude_none=True)
    merged.pop("extensions", None)
    if recipients_agree:  # the printed list is the same, and has its "Lưu:" line
        data.pop("recipients", None)
    if attached.appendices:  # with their bodies
        data.pop("appendices", None)
    for key in ("marks", "issuer"):  # the header's values over the printed ones
        data[key] = {**merged.get(key, {}), **data[key]}
    merged.update(data)
    return merged


@bcpipe.loader("edxml", suffixes=[".edxml"], checks=CHECKS)
def load_edxml(data: bytes, ctx: LoadContext) -> Loaded:
    """An edXML package (QCVN 102:2016) that arrived: its header, and its attachment's body."""
    package = read_package(data, ctx.source)
    if package.is_status:
        raise SourceError(
            ctx.source,
            f"an edXML status message, not a document ({describe_status(package).summary_en}); "
            "`bcpipe edxml show` reports it",
        )
    reading = _Reading(package, ctx.settings)
    header = _header_data(reading)
    _business_findings(reading)
    attached = _attached(reading, ctx.load_file)
    merged = _merge(reading, header, attached)
    merged["extensions"] = {"edxml": _package_data(package)}
    document = ctx.document(merged, lines=reading.lines)
    # ToPlaces never carries the "Lưu:" line: recipients from the header alone are partial.
    header_recipients = attached is None or "recipients" in header
    partial = (
        frozenset({"recipients"}) if header_recipients and "recipients" in merged else frozenset()
    )
    return Loaded(document, reading.lines, reading.findings, partial=partial)
