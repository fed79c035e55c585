"""The words of each component as the decree prints them, shared by every exporter.

Text, PDF and the other writers lay these lines out differently, but the words are
the same: "Số: 05/BC-UBND", "Tuy Phước, ngày 08 tháng 12 năm 2022", "KT. CHỦ TỊCH",
"- Lưu: VT, HC (2)." Keeping them here means one fix reaches every format.
"""

from __future__ import annotations

import re
from typing import Any

from bcpipe.doctypes import DocumentType
from bcpipe.model import (
    Appendix,
    Archive,
    Article,
    AsAbove,
    AsArticle,
    Block,
    Chapter,
    Clause,
    Document,
    Footnote,
    IssueDate,
    Item,
    Marks,
    NamedRecipient,
    Paragraph,
    Part,
    Point,
    Recipient,
    RegulationSection,
    Section,
    SignatureBlock,
    Table,
)

#: Types whose basis lines are the decree's italic "Căn cứ …" lines (PL I II.6.a); in
#: other documents (a report's "Thực hiện Công văn số …") the opening is body text.
ITALIC_BASIS = frozenset({DocumentType.NGHI_QUYET, DocumentType.QUYET_DINH})

__all__ = [
    "BLANK",
    "addressee_lines",
    "appendix_label",
    "block_label",
    "block_lines",
    "date_phrase",
    "day_text",
    "enacting_authority_line",
    "enacting_word_line",
    "footnote_line",
    "italic_basis",
    "month_text",
    "number_line",
    "place_date_line",
    "recipient_lines",
    "recipient_text",
    "signature_lines",
    "subject_line",
    "type_line",
    "typist_line",
    "with_footnote_marks",
]

#: What a clerk leaves for a number, a day or a month still to be filled in.
BLANK = "     "
AS_ABOVE = "Như trên"
AS_ARTICLE = "Như Điều"
RECIPIENTS_HEADING = "Nơi nhận:"
ADDRESSEE_HEADING = "Kính gửi:"


def day_text(day: int) -> str:
    """Days 1-9 take a leading zero: "05", "15" (PL I II.4)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero, the others none: "01", "02", "3", "12"."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_phrase(date: IssueDate, blank: str = BLANK) -> str:
    """ "ngày 08 tháng 12 năm 2022"; blank parts of a draft are left as ``blank``."""
    day = blank if date.day is None else f" {day_text(date.day)} "
    month = blank if date.month is None else f" {month_text(date.month)} "
    year = blank if date.year is None else f" {date.year}"
    return f"ngày{day}tháng{month}năm{year}"


def place_date_line(document: Document, blank: str = BLANK) -> str:
    """ "Tuy Phước, ngày 08 tháng 12 năm 2022" (ô 4)."""
    return f"{document.place}, {date_phrase(document.issue_date, blank)}"


def number_line(document: Document, blank: str = BLANK) -> str:
    """ "Số: 05/BC-UBND", "Số: 15/2010/QĐ-UBND" (ô 3); a draft's blank number is left as
    ``blank``."""
    number = blank if document.number is None else f"{document.number:02d}"
    separator = "" if document.number is None else " "
    year = "" if document.number_year is None else f"{document.number_year}/"
    return f"Số:{separator}{number}/{year}{document.notation}"


def type_line(document: Document) -> str | None:
    """The type name in capitals ("BÁO CÁO"); None for a công văn, which has none."""
    if document.type in (DocumentType.CONG_VAN, DocumentType.THU_CONG):
        return None
    return document.type.printed_name


def subject_line(document: Document) -> str | None:
    """The subject as printed: "V/v …" for a công văn (ô 5b), else the subject itself;
    None for a giấy mời (or another "giấy") that has none."""
    if document.subject is None:
        return None
    if document.type is DocumentType.CONG_VAN:
        return f"V/v {document.subject}"
    return document.subject


def enacting_word_line(document: Document) -> str | None:
    """ "QUYẾT ĐỊNH:" alone on its line above the articles; None when there is none."""
    return f"{document.enacting_word}:" if document.enacting_word else None


def _cable_sender(document: Document) -> str | None:
    """Who sends a công điện (its enacting authority): the heading of its addressees."""
    return document.enacting_authority if document.type is DocumentType.CONG_DIEN else None


def enacting_authority_line(document: Document) -> str | None:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN …" alone under the subject; None when there is none, and
    for a công điện, whose sender heads its addressees instead ("… điện:")."""
    return None if _cable_sender(document) else document.enacting_authority


def addressee_lines(document: Document) -> list[str]:
    """ "Kính gửi: X" for one addressee; for several, one "- X;" line each. A công điện's
    addressees are headed by who sends it: "VĂN PHÒNG CHÍNH PHỦ điện:", one "- X;" each."""
    names = document.addressees
    sender = _cable_sender(document)
    if sender:
        dashed = (f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names))
        return [f"{sender} điện:", *dashed]
    if not names:
        return []
    if len(names) == 1:
        return [f"{ADDRESSEE_HEADING} {names[0]}."]
    lines = [ADDRESSEE_HEADING]
    lines.extend(f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names))
    return lines


def block_label(block: Block) -> str | None:
    """The numbering printed before a block: "Phần I", "Chương I", "Mục 1", "Điều 5.",
    "I.", "1.", "a)", "-", or None."""
    if isinstance(block, Part):
        return f"Phần {block.number}" if block.number else None
    if isinstance(block, Chapter):
        return f"Chương {block.number}" if block.number else None
    if isinstance(block, RegulationSection):
        return f"Mục {block.number}" if block.number else None
    if isinstance(block, Article):
        return f"Điều {block.number}."
    if isinstance(block, Section | Clause):
        return f"{block.number}." if block.number else None
    if isinstance(block, Point):
        return f"{block.number})" if block.number else None
    if isinstance(block, Item):
        return block.marker
    return None


def _labelled(label: str | None, words: str) -> str:
    if label and words:
        return f"{label} {words}"
    return label or words


def block_lines(block: Block) -> list[str]:
    """The lines of one block itself (not its children), as printed in plain text."""
    if isinstance(block, Part | Chapter | RegulationSection):
        lines = [block_label(block) or ""] if block.number else []
        return [*lines, block.heading] if block.heading else lines
    if isinstance(block, Article):
        return [_labelled(block_label(block), block.heading or block.text or "")]
    if isinstance(block, Section):
        return [_labelled(block_label(block), block.heading or "")]
    if isinstance(block, Clause | Point):
        return [_labelled(block_label(block), block.heading or block.text or "")]
    if isinstance(block, Item | Paragraph):
        return [_labelled(block_label(block), block.text)]
    if isinstance(block, Table):
        rows = ["| " + " | ".join(cell for cell in row) + " |" for row in block.rows]
        return [block.caption, *rows] if block.caption else rows
    raise TypeError(f"unknown block {block!r}")


def appendix_label(appendix: Appendix) -> str:
    """ "Phụ lục I" above an appendix's title; "Phụ lục" alone when it has no number; an
    attached regulation's type name ("QUY CHẾ") instead."""
    if appendix.type_name:
        return appendix.type_name
    return f"Phụ lục {appendix.number}" if appendix.number else "Phụ lục"


def signature_lines(signature: SignatureBlock) -> tuple[list[str], str | None]:
    """The title lines (authority, position) and the signer's name (None: a draft not
    yet signed, printed with the name's place left blank)."""
    return signature.title_lines, signature.name


def recipient_text(recipient: Recipient) -> str:
    """One recipient line's words, without the dash and the end punctuation."""
    if isinstance(recipient, AsAbove):
        return AS_ABOVE
    if isinstance(recipient, AsArticle):
        note = f" ({recipient.note})" if recipient.note else ""
        return f"{AS_ARTICLE} {recipient.article}{note}"
    if isinstance(recipient, Archive):
        copies = f" ({recipient.copies})" if recipient.copies else ""
        return f"Lưu: {', '.join(recipient.holders)}{copies}"
    assert isinstance(recipient, NamedRecipient)
    return f"{recipient.name} ({recipient.note})" if recipient.note else recipient.name


def recipient_lines(document: Document) -> list[str]:
    """ "Nơi nhận:" then "- …;" lines, the last ending with "." (PL I II.9)."""
    if not document.recipients:
        return []
    last = len(document.recipients) - 1
    return [RECIPIENTS_HEADING] + [
        f"- {recipient_text(r)}{'.' if i == last else ';'}"
        for i, r in enumerate(document.recipients)
    ]


def typist_line(marks: Marks) -> str | None:
    """ô 12: drafter's initials and copies, "PL.(300)"; None when neither is given."""
    if marks.typist and marks.copies:
        return f"{marks.typist}.({marks.copies})"
    if marks.typist:
        return marks.typist
    if marks.copies:
        return f"({marks.copies})"
    return None


def footnote_line(footnote: Footnote) -> str:
    """ "[1] …": a footnote as printed after the signature (its mark in brackets)."""
    return f"[{footnote.label}] {footnote.text}"


_PATH_STEP = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def with_footnote_marks(document: Document) -> Document:
    """A copy of ``document`` whose words carry each footnote's mark "[1]" where it stands;
    ``document`` itself when it has no placed footnote."""
    placed = [note for note in document.footnotes if note.path is not None]
    if not placed:
        return document
    data = document.model_dump(mode="json")
    # From the last mark back, so that an earlier mark's offset still holds.
    for note in sorted(placed, key=lambda n: (n.path or "", n.offset or 0), reverse=True):
        steps = [
            int(index) if index else name for name, index in _PATH_STEP.findall(note.path or "")
        ]
        holder: Any = data
        try:
            for step in steps[:-1]:
                holder = holder[step]
            words = holder[steps[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # a path into nothing: the note is printed, its mark is not
        if not isinstance(words, str):
            continue
        at = min(note.offset or 0, len(words))
        holder[steps[-1]] = f"{words[:at]}[{note.label}]{words[at:]}"
    data.pop("footnotes", None)
    try:
        return Document.model_validate(data)
    except ValueError:  # a mark inside a citation's words: the words are printed unmarked
        return document


def italic_basis(document: Document) -> bool:
    """Whether the basis is printed in italics: an enacting document's "Căn cứ …" lines."""
    return document.type in ITALIC_BASIS or document.enacting_word is not None
