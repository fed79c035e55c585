"""Laying a document out as plain text, so that the text reader reads it back.

Groups of lines in the decree's reading order, one blank line between groups, one
paragraph per line. Three things are written so that reading them back is
unambiguous:

- tables as rows "| a | b |", a separator row "| --- | --- |" under the heading
  rows, and "|" or "\\" inside a cell escaped with "\\";
- a draft that already has its number and full date gets a "DỰ THẢO" line (the
  blanks of "Số:      /BC-UBND" otherwise say "draft");
- a decision's enacting authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN …") is printed under
  the subject, and its enacting word ("QUYẾT ĐỊNH:") alone between the basis and the
  articles.
- footnotes as "[1] …" lines after the signature, their marks "[1]" in the words.
"""

from __future__ import annotations

from collections.abc import Sequence

from bcpipe import render
from bcpipe.model import Appendix, Block, Container, Document, Table
from bcpipe.model.document import LEGACY_ENACTING_AUTHORITY

__all__ = ["DRAFT_MARK", "ENACTING_AUTHORITY", "render_text"]

DRAFT_MARK = "DỰ THẢO"
#: Where the text reader once kept a decision's enacting authority
#: (``extensions["text"][ENACTING_AUTHORITY]``); the model moves it to
#: ``Document.enacting_authority`` on load.
ENACTING_AUTHORITY = LEGACY_ENACTING_AUTHORITY[1]


def _cell(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _table(table: Table) -> list[str]:
    lines = [table.caption] if table.caption else []
    for index, row in enumerate(table.rows):
        lines.append(_row(row))
        if index + 1 == table.header_rows:
            lines.append(_row(["---"] * max(len(row), 1)))
    return lines


def _blocks(blocks: Sequence[Block], out: list[list[str]]) -> None:
    for block in blocks:
        out.append(_table(block) if isinstance(block, Table) else render.block_lines(block))
        if isinstance(block, Container):
            _blocks(block.children, out)


def _appendix(appendix: Appendix, out: list[list[str]]) -> None:
    head = [render.appendix_label(appendix), appendix.title]
    if appendix.reference:
        head.append(appendix.reference)
    out.append(head)
    _blocks(appendix.body, out)


def _is_ambiguous_draft(document: Document) -> bool:
    return document.is_draft and document.number is not None and document.issue_date.is_complete


def render_text(document: Document) -> str:
    """The whole document as text: groups of lines separated by one blank line."""
    groups: list[list[str]] = [[document.motto.country, document.motto.tagline]]
    issuer = [document.issuer.parent] if document.issuer.parent else []
    groups.append([*issuer, document.issuer.name])
    header = [render.number_line(document)]
    type_line = render.type_line(document)
    subject = render.subject_line(document)
    if type_line is None and subject is not None:
        header.append(subject)
    header.append(render.place_date_line(document))
    groups.append(header)
    marks = [m.value for m in (document.marks.confidentiality, document.marks.urgency) if m]
    if document.marks.circulation:
        marks.append(document.marks.circulation)
    if _is_ambiguous_draft(document):
        marks.append(DRAFT_MARK)
    if marks:
        groups.append(marks)
    if type_line is not None:
        groups.append([type_line, *([subject] if subject else [])])
    authority = render.enacting_authority_line(document)
    if authority:
        groups.append([authority])
    groups.append(render.addressee_lines(document))
    marked = render.with_footnote_marks(document)
    _blocks(marked.basis, groups)
    enacting = render.enacting_word_line(document)
    if enacting:
        groups.append([enacting])
    _blocks(marked.body, groups)
    _blocks(marked.closing, groups)
    titles, name = render.signature_lines(document.signature)
    groups.append(titles)
    if name:
        groups.append([name])
    if document.recipients:
        groups.append(render.recipient_lines(document))
    typist = render.typist_line(document.marks)
    if typist:
        groups.append([typist])
    if document.contact:
        groups.append([document.contact])
    if document.footnotes:
        groups.append([render.footnote_line(note) for note in document.footnotes])
    for appendix in document.appendices:
        _appendix(appendix, groups)
    return "\n\n".join("\n".join(lines) for lines in groups if lines) + "\n"
