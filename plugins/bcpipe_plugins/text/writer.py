"""Laying a document out as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from bcpipe import render
from bcpipe.model import Appendix, Block, Container, Document

__all__ = ["render_text"]


def _blocks(blocks: Sequence[Block], out: list[list[str]]) -> None:
    for block in blocks:
        out.append(render.block_lines(block))
        if isinstance(block, Container):
            _blocks(block.children, out)


def _appendix(appendix: Appendix, out: list[list[str]]) -> None:
    head = [render.appendix_label(appendix), appendix.title]
    if appendix.reference:
        head.append(appendix.reference)
    out.append(head)
    _blocks(appendix.body, out)


def render_text(document: Document) -> str:
    """The whole document as text: groups of lines separated by one blank line."""
    groups: list[list[str]] = [[document.motto.country, document.motto.tagline]]
    issuer = [document.issuer.parent] if document.issuer.parent else []
    groups.append([*issuer, document.issuer.name])
    header = [render.number_line(document)]
    type_line = render.type_line(document)
    if type_line is None:
        header.append(render.subject_line(document))
    header.append(render.place_date_line(document))
    groups.append(header)
    marks = [m.value for m in (document.marks.confidentiality, document.marks.urgency) if m]
    if document.marks.circulation:
        marks.append(document.marks.circulation)
    if marks:
        groups.append(marks)
    if type_line is not None:
        groups.append([type_line, render.subject_line(document)])
    if document.addressees:
        groups.append(render.addressee_lines(document))
    _blocks(document.basis, groups)
    _blocks(document.body, groups)
    _blocks(document.closing, groups)
    titles, name = render.signature_lines(document.signature)
    groups.append(titles)
    groups.append([name])
    if document.recipients:
        groups.append(render.recipient_lines(document))
    typist = render.typist_line(document.marks)
    if typist:
        groups.append([typist])
    if document.contact:
        groups.append([document.contact])
    for appendix in document.appendices:
        _appendix(appendix, groups)
    return "\n\n".join("\n".join(lines) for lines in groups if lines) + "\n"
