"""The values of an edXML MessageHeader, read off a document (edxml.md §2, §7, §8).

Words come from :mod:`bcpipe.render` (the recipient lines, the printed number), so the
package says what the printed document says.
"""

from __future__ import annotations

from bcpipe import Document, render
from bcpipe.model import (
    Archive,
    AsAbove,
    AsArticle,
    CalendarDate,
    Citation,
    IssueDate,
    Marks,
    NamedRecipient,
    SignatureBlock,
    Urgency,
)
from bcpipe.textutil import fold
from bcpipe_plugins.edxml.errors import NotSendableError

__all__ = [
    "answered_citations",
    "check_sendable",
    "code_parts",
    "competence",
    "copies",
    "edxml_date",
    "position",
    "priority",
    "to_places",
]

#: OtherInfo/Priority by urgency mark (4, "hỏa tốc hẹn giờ", has no mark in NĐ30).
PRIORITY = {None: 0, Urgency.KHAN: 1, Urgency.THUONG_KHAN: 2, Urgency.HOA_TOC: 3}
#: A basis paragraph opening with one of these answers the document it cites first.
ANSWERING = ("thực hiện", "phúc đáp", "trả lời", "theo đề nghị", "theo yêu cầu")


def check_sendable(document: Document) -> None:
    """Refuse a document that may not travel as edXML, saying every reason at once."""
    reasons = []
    if document.is_draft:
        reasons.append("it is a draft (status: draft); set status: issued when it is issued")
    if document.number is None:
        reasons.append("it has no number (Số)")
    if not document.issue_date.is_complete:
        reasons.append("its issue date is incomplete (day, month and year are needed)")
    elif document.issue_date.to_date() is None:
        reasons.append("its issue date does not exist")
    if document.subject is None:
        reasons.append("it has no subject (trích yếu), which edXML's Subject requires")
    if document.signature.name is None:
        reasons.append("it carries no signer's name (SignerInfo/FullName)")
    if reasons:
        what = "a draft" if document.is_draft else "the document"
        raise NotSendableError(f"{what} cannot be sent as edXML: " + "; ".join(reasons))
    if document.marks.confidentiality is not None:
        raise NotSendableError(
            f"the document is marked {document.marks.confidentiality.value}: state secrets may "
            "not travel through the document-exchange system (QĐ 28/2018/QĐ-TTg)"
        )


def edxml_date(date: IssueDate | CalendarDate) -> str:
    """``yyyy/MM/dd`` (a complete date)."""
    assert date.year is not None and date.month is not None and date.day is not None
    return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"


def code_parts(document: Document) -> tuple[str, str]:
    """CodeNumber and CodeNotation: "05" and "BC-UBND", the number as printed after "Số:"."""
    number, _, notation = document.code.partition("/")
    return number, notation


def competence(signature: SignatureBlock) -> str:
    """The authority lines joined by a space ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"); a head
    signing in his own right has none, and his position is his competence."""
    lines = [str(line) for line in signature.authority]
    return " ".join(lines) if lines else (signature.position or "")


def position(signature: SignatureBlock) -> str:
    """The signer's title; when omitted, the last authority line is it ("Q. CỤC TRƯỞNG")."""
    if signature.position:
        return signature.position
    return str(signature.authority[-1]) if signature.authority else ""


def to_places(document: Document) -> list[str]:
    """The lines of "Nơi nhận" as printed, without dash, end mark and the archive line."""
    return [render.recipient_text(r) for r in document.recipients if not isinstance(r, Archive)]


def priority(marks: Marks) -> int:
    return PRIORITY[marks.urgency]


def copies(document: Document) -> int:
    """PromulgationAmount: the copies mark (ô 12) when given, else the copies the recipient
    list sends: one per named body, one per addressee for "Như trên", one for "Như Điều
    N", the filed copies."""
    if document.marks.copies is not None:
        return document.marks.copies
    total = 0
    for recipient in document.recipients:
        if isinstance(recipient, NamedRecipient):
            total += 1
        elif isinstance(recipient, AsAbove):
            total += max(1, len(document.addressees))
        elif isinstance(recipient, AsArticle):  # the bodies of "Như Điều 3": one at least
            total += 1
        elif isinstance(recipient, Archive):
            total += recipient.copies or 1
    return total


def _answerable(citation: Citation) -> bool:
    # An administrative document with a number, notation and full date: a legal
    # normative one (year in its code) or a Party one is implemented, not answered.
    return (
        citation.number is not None
        and citation.notation is not None
        and citation.date is not None
        and citation.year is None
        and not citation.is_party
    )


def answered_citations(document: Document) -> list[Citation]:
    """The documents this one answers (ResponseFor): in each basis paragraph opening with
    "Thực hiện", "Phúc đáp", "Trả lời", "Theo đề nghị" or "Theo yêu cầu", the first
    administrative document it cites."""
    found: list[Citation] = []
    seen: set[tuple[str | None, str | None]] = set()
    for paragraph in document.basis:
        if not fold(paragraph.text).startswith(ANSWERING):
            continue
        cited = sorted(paragraph.citations, key=lambda c: paragraph.text.find(c.text))
        first = next((c for c in cited if _answerable(c)), None)
        if first is not None and (first.code, first.issuer) not in seen:
            seen.add((first.code, first.issuer))
            found.append(first)
    return found
