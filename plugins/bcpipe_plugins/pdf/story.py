"""A document as reportlab flowables, in the decree's reading order (nd30-format.md §1.1).

Every word comes from :mod:`bcpipe.render`; this module only decides where it goes and
in which style. Each string set in a paragraph is recorded per font (``used``) so that
the exporter can refuse a font that would print a missing-glyph box.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from bcpipe import render
from bcpipe.errors import ExportError
from bcpipe.model import (
    Appendix,
    Article,
    Block,
    Chapter,
    Clause,
    Container,
    Document,
    Part,
    Point,
    RegulationSection,
    Section,
)
from bcpipe.model import Table as TableBlock
from bcpipe.textutil import nfc
from bcpipe_plugins.pdf.balance import balanced_lines
from bcpipe_plugins.pdf.flowables import Chunked, KeepWithNext, Stamp, TailWithBlock, rule
from bcpipe_plugins.pdf.layout import Layout
from bcpipe_plugins.pdf.paragraphs import lines_paragraph, markup_paragraph, plain_paragraph

__all__ = ["StoryBuilder"]

Flowable = Any  # reportlab is untyped

#: Urgency stamps, width x height in mm (PL I III.2.b).
URGENCY_BOX = {"HỎA TỐC": (30, 8), "THƯỢNG KHẨN": (40, 8), "KHẨN": (20, 8)}
STAMP_HEIGHT = 8 * mm
STAMP_RED = Color(0.9, 0.0, 0.0)  # "bright red" ink (PL I III.2.b)
STAMP_BLACK = Color(0, 0, 0)


@functools.cache
def _cells(font: str) -> Any:
    """A borderless layout table. The font is the family's: reportlab's default cell
    font, Helvetica, would otherwise be named on every page (a base-14 font)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # the rules, narrower than the cells
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


#: Rows of one table flowable (see :meth:`StoryBuilder.table`).
TABLE_ROWS = 50


@functools.cache
def _grid(font: str) -> Any:
    """A table of the body: ruled cells."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("GRID", (0, 0), (-1, -1), 0.5, STAMP_BLACK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )


#: The longest text of a table cell (characters). A row is never split across pages,
#: so a cell must fit on one: a longer one cannot be laid out, and finding so would take
#: reportlab a new try on every page (minutes for 300,000 characters).
MAX_CELL = 5000


def _cell_length(cell: Any) -> int:
    if isinstance(cell, list | tuple):
        return sum(map(_cell_length, cell))
    if isinstance(cell, Chunked):
        return sum(map(_cell_length, cell.chunks))
    frags = getattr(cell, "frags", None)
    if frags is not None:
        return sum(len(getattr(frag, "text", "")) for frag in frags)
    return len(cell) if isinstance(cell, str) else 0


def _laid_table(rows: list[list[Any]], **options: Any) -> Any:
    """A reportlab Table of ``rows``; an ExportError for a cell too long for a page."""
    for row in rows:
        for cell in row:
            length = _cell_length(cell)
            if length > MAX_CELL:
                raise ExportError(
                    "pdf",
                    "pdf",
                    f"a table cell (or a header, signature or recipients column) of "
                    f"{length:,} characters cannot be laid out on one page (at most "
                    f"{MAX_CELL:,}; see docs/limits.md)",
                )
    return Table(rows, **options)


def _below(style: Any) -> float:
    """Space between a line of ``style`` and a rule under it, clear of descenders."""
    return float(style.fontSize) * 0.3


def _markup(text: str, keep_spaces: bool) -> str:
    """``text`` as reportlab paragraph markup: escaped, and blanks kept when asked.

    reportlab collapses runs of spaces; a draft's "Số:      /BC-UBND" must keep them,
    so they become no-break spaces.
    """
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if keep_spaces and "  " in text:
        text = text.replace(" ", "\u00a0")
    return text


#: Recipients printed beside the signature block; the rest follow under it (see
#: :meth:`StoryBuilder.more_recipients`).
RECIPIENTS_BESIDE = 40


@functools.cache
def _narrowed(style: Any, right: float) -> Any:
    """``style`` kept out of the right ``right`` points (the signature's column)."""
    return ParagraphStyle(f"{style.name}-left", parent=style, rightIndent=right)


#: A paragraph longer than this (characters) is laid out in chunks of about
#: :data:`CHUNK` characters (a page holds about 3,500): reportlab breaks the rest of a
#: paragraph into lines again on every page it splits it, which grows with the square
#: of its length (0.5 MB took 43 s, 1 MB over 280 s; issue 16).
LONG_PARAGRAPH = 6000
CHUNK = 3000


@functools.cache
def _continued(style: Any) -> Any:
    """``style`` for the chunks after the first: no indent, no space before, and the
    last line justified (the paragraph goes on in the next chunk)."""
    return ParagraphStyle(f"{style.name}-continued", parent=style, firstLineIndent=0, spaceBefore=0)


@functools.cache
def _continuing(style: Any) -> Any:
    """``style`` for the chunks before the last: no space after, the last line justified."""
    return ParagraphStyle(f"{style.name}-continuing", parent=style, spaceAfter=0, justifyLastLine=1)


def _chunks(text: str, style: Any) -> list[tuple[str, Any]]:
    """``text`` cut at spaces into pieces of about :data:`CHUNK` characters, each with
    its style (the first keeps the paragraph's indent, the last its ragged last line)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > CHUNK:
        cut = text.rfind(" ", start + CHUNK // 2, start + CHUNK)
        cut = start + CHUNK if cut == -1 else cut
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    out = []
    for index, piece in enumerate(pieces):
        st = style if index == 0 else _continued(style)
        if index < len(pieces) - 1:
            st = _continuing(st)
        out.append((piece, st))
    return out


class StoryBuilder:
    """Builds the flowables of one document (one builder per document)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.styles = layout.styles
        # The strings set in each font (joined and checked for glyphs at the end).
        self.used: defaultdict[str, list[str]] = defaultdict(list)

    # -- text -------------------------------------------------------------------------

    def para(self, text: str, style: Any, *, keep_spaces: bool = False) -> Flowable:
        text = nfc(text)
        self.used[style.fontName].append(text)
        if keep_spaces and "  " in text:
            return markup_paragraph(_markup(text, keep_spaces), style)
        if len(text) > LONG_PARAGRAPH:
            return Chunked([plain_paragraph(chunk, st) for chunk, st in _chunks(text, style)])
        return plain_paragraph(text, style)

    def labelled(self, label: str, words: str, style: Any) -> Flowable:
        """A paragraph whose label is bold and whose words are in ``style``: a decision's
        "**Điều 1.** Phê duyệt …" (PL I II.6.đ: "Điều" and its number bold)."""
        label, words = nfc(label), nfc(words)
        self.used[self.layout.fonts.bold].append(label)
        self.used[style.fontName].append(words)
        markup = f"<b>{_markup(label, False)}</b> {_markup(words, False)}"
        return markup_paragraph(markup, style)

    def lines(self, lines: Sequence[str], style: Any) -> Flowable:
        """One paragraph of given lines (a centred name broken where we chose)."""
        lines = [nfc(line) for line in lines]
        self.used[style.fontName].extend(lines)
        return lines_paragraph(lines, style)

    def stamp(self, text: str, width: float, color: Color) -> Flowable:
        font = self.styles.mark.fontName
        self.used[font].append(text)
        return Stamp(text, font, self.styles.mark.fontSize, width, STAMP_HEIGHT, color)

    # -- the document -----------------------------------------------------------------

    def story(self, document: Document) -> list[Flowable]:
        story: list[Flowable] = [self.header(document)]
        story.extend(self.circulation(document))
        story.extend(self.title(document))
        story.extend(self.addressees(document))
        flow: list[tuple[Flowable, bool]] = []
        basis = self.styles.basis_italic if render.italic_basis(document) else self.styles.basis
        marked = render.with_footnote_marks(document)  # "[1]" where each note's mark stands
        flow.extend((self.para(p.text, basis), False) for p in marked.basis)
        enacting = render.enacting_word_line(document)
        if enacting:  # "QUYẾT ĐỊNH:" centred bold, kept with the first article
            flow.append((self.para(enacting, self.styles.type_name), True))
        self.blocks(marked.body, flow)
        closing = [self.para(p.text, self.styles.body) for p in marked.closing]
        flow.extend((p, False) for p in closing[:-1])
        last = closing[-1:]
        if last and isinstance(last[0], Chunked):  # its last chunk stays with the signature
            flow.extend((chunk, False) for chunk in last[0].chunks[:-1])
            last = last[0].chunks[-1:]
        story.extend(self.keep_headings(flow))
        story.append(self.signature(document, last))
        story.extend(self.more_recipients(document))
        if document.footnotes:  # after the signature block, in the contact footer's size
            story.append(Spacer(1, 12))
            story.extend(
                self.para(render.footnote_line(note), self.styles.contact)
                for note in document.footnotes
            )
        for appendix in document.appendices:
            story.extend(self.appendix(appendix))
        return story

    def header(self, document: Document) -> Flowable:
        """ô 1-4 (and 5b, 10a, 10b): a borderless two-column table."""
        layout, st = self.layout, self.styles
        motto = document.motto
        motto_width = max(
            layout.width(motto.country, st.country), layout.width(motto.tagline, st.tagline)
        )
        right = max(layout.frame_width - layout.left_column, motto_width + 2)
        left = layout.frame_width - right

        issuer = document.issuer
        top_left: list[Flowable] = []
        if issuer.parent:
            parent = balanced_lines(issuer.parent, lambda s: layout.width(s, st.parent), left)
            top_left.append(self.lines(parent, st.parent))
        names = balanced_lines(issuer.name, lambda s: layout.width(s, st.issuer), left)
        top_left.append(self.lines(names, st.issuer))
        widest = max(layout.width(line, st.issuer) for line in names)
        top_left.append(rule(widest * layout.settings.short_rule_ratio, before=_below(st.issuer)))

        tagline_width = layout.width(motto.tagline, st.tagline)
        top_right = [
            self.para(motto.country, st.country),
            self.para(motto.tagline, st.tagline),
            rule(tagline_width, before=_below(st.tagline)),
        ]

        number_cell: list[Flowable] = [
            self.para(render.number_line(document), st.number, keep_spaces=True)
        ]
        letter_subject = render.subject_line(document)
        if render.type_line(document) is None and letter_subject:
            number_cell.append(self.para(letter_subject, st.letter_subject))
        for mark in (document.marks.confidentiality, document.marks.urgency):
            if mark is not None:
                width_mm, _ = URGENCY_BOX.get(mark.value, (0, 0))
                width = max(width_mm * mm, layout.width(mark.value, st.mark) + 6 * mm)
                number_cell.extend([Spacer(1, 6), self.stamp(mark.value, width, STAMP_RED)])
        date_cell = [self.para(render.place_date_line(document), st.place_date, keep_spaces=True)]

        table = _laid_table(
            [[top_left, top_right], [number_cell, date_cell]],
            colWidths=[left, right],
            hAlign="CENTER",
        )
        table.setStyle(_cells(self.layout.fonts.regular))
        # ô 3 and ô 4 stand on one line (PL I II.4.c), a little below the rules.
        table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, 1), 6)]))
        return table

    def circulation(self, document: Document) -> list[Flowable]:
        """ô 11: "LƯU HÀNH NỘI BỘ" in a box, centred above the type name."""
        text = document.marks.circulation
        if not text:
            return []
        width = self.layout.width(text, self.styles.mark) + 6 * mm
        return [Spacer(1, 12), self.stamp(text, width, STAMP_BLACK)]

    def title(self, document: Document) -> list[Flowable]:
        """ô 5a: type name and subject, centred, with the short rule under them."""
        type_line = render.type_line(document)
        if type_line is None:  # a công văn: its "V/v …" stands in the header
            return [Spacer(1, 12)]
        st = self.styles
        subject = render.subject_line(document)
        # The rule goes under the subject, or under the type name of a "giấy" without one.
        width = min(self.layout.width(subject or type_line, st.subject), self.layout.frame_width)
        title: list[Flowable] = [Spacer(1, 12), self.para(type_line, st.type_name)]
        if subject:
            title.append(self.para(subject, st.subject))
        below = _below(st.subject if subject else st.type_name)
        title.append(rule(width * self.layout.settings.short_rule_ratio, before=below, after=6))
        authority = render.enacting_authority_line(document)
        if authority:  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" centred bold
            title.extend([Spacer(1, 6), self.para(authority, st.type_name)])
        return title

    def addressees(self, document: Document) -> list[Flowable]:
        """ô 9a: "Kính gửi: …", the list's dashes aligned after the colon."""
        lines = render.addressee_lines(document)
        if not lines:
            return []
        if len(lines) == 1:
            return [Spacer(1, 6), self.para(lines[0], self.styles.addressee)]
        st = self.styles.addressee_list
        heading, names = lines[0], lines[1:]
        first = self.layout.width(heading + " ", st)
        widest = max(self.layout.width(name, st) for name in names)
        second = min(widest + 2, self.layout.frame_width - first)
        rows = [[self.para(heading, st), self.para(names[0], st)]]
        rows.extend(["", self.para(name, st)] for name in names[1:])
        table = _laid_table(rows, colWidths=[first, second], hAlign="CENTER")
        table.setStyle(_cells(self.layout.fonts.regular))
        return [Spacer(1, 6), table]

    # -- the body ---------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], out: list[tuple[Flowable, bool]]) -> None:
        """Append each block as (flowable, is_heading), children after their parent."""
        st = self.styles
        for block in blocks:
            if isinstance(block, TableBlock):
                out.extend(self.table(block))
                continue
            if isinstance(block, Article) and block.text is not None:
                # "Điều 1." bold, the article's sentence upright (PL I II.6.đ).
                out.append(
                    (self.labelled(render.block_label(block) or "", block.text, st.body), False)
                )
                self.blocks(block.children, out)
                continue
            if isinstance(block, Part | Chapter | RegulationSection):
                style, heading = st.centred_heading, True
            elif isinstance(block, Section | Article):  # an article: "Điều 5. Kinh phí …", bold
                style, heading = st.heading, True
            elif isinstance(block, Clause | Point) and block.heading is not None:
                # A titled khoản is bold; a titled điểm stays upright (PL I Mục V 6b).
                style, heading = (st.heading if isinstance(block, Clause) else st.body), True
            else:
                style, heading = st.body, False
            out.extend(
                (self.para(line, style), heading) for line in render.block_lines(block) if line
            )
            if isinstance(block, Container):
                self.blocks(block.children, out)

    def table(self, block: TableBlock) -> list[tuple[Flowable, bool]]:
        st = self.styles
        columns = max(len(row) for row in block.rows) or 1
        rows = [
            [
                self.para(cell, st.head_cell if r < block.header_rows else st.cell)
                for cell in [*row, *[""] * (columns - len(row))]
            ]
            for r, row in enumerate(block.rows)
        ]
        width = self.layout.frame_width / columns
        head, body = rows[: block.header_rows], rows[block.header_rows :]
        # reportlab measures the rest of a table again on every page it splits it (9,000
        # rows took 12 s): a long table is laid out as tables of TABLE_ROWS rows, one
        # under the other, each with the header rows (as a split table repeats them).
        pieces = [rows]
        if len(body) > TABLE_ROWS:
            pieces = [head + body[i : i + TABLE_ROWS] for i in range(0, len(body), TABLE_ROWS)]
        tables = []
        for index, piece in enumerate(pieces):
            table = _laid_table(
                piece,
                colWidths=[width] * columns,
                repeatRows=min(block.header_rows, len(piece) - 1),
                hAlign="CENTER",
                spaceBefore=0 if index else self.layout.settings.paragraph_spacing_pt,
            )
            table.setStyle(_grid(self.layout.fonts.regular))
            tables.append((table, False))
        caption = [(self.para(block.caption, st.centred_heading), True)] if block.caption else []
        return [*caption, *tables]

    def keep_headings(self, flow: list[tuple[Flowable, bool]]) -> list[Flowable]:
        """The flowables, each run of headings guarded so that it never ends a page."""
        body = self.styles.body
        then = body.spaceBefore + 2 * body.leading
        out: list[Flowable] = []
        run: list[Flowable] = []
        for flowable, heading in flow:
            if heading:
                run.append(flowable)
                continue
            if run:
                out.extend([KeepWithNext(run, then), *run])
                run = []
            out.append(flowable)
        if run:
            out.extend([KeepWithNext(run, then), *run])
        return out

    # -- signature, recipients, appendices ----------------------------------------------

    def signature(self, document: Document, closing: list[Flowable]) -> Flowable:
        """ô 7 on the right beside ô 9b on the left, kept with the last lines of the
        closing paragraph."""
        st, layout = self.styles, self.layout
        titles, name = render.signature_lines(document.signature)
        right: list[Flowable] = [self.lines(titles, st.signature)]
        right.append(Spacer(1, layout.settings.signature_space_mm * mm))
        if name:
            right.append(self.para(name, st.signature))

        recipients = render.recipient_lines(document)[: RECIPIENTS_BESIDE + 1]
        left: list[Flowable] = []
        if recipients:
            left.append(self.para(recipients[0], st.recipients_heading))
            left.extend(self.para(line, st.recipient) for line in recipients[1:])
        typist = render.typist_line(document.marks)
        if typist and len(document.recipients) <= RECIPIENTS_BESIDE:
            left.append(self.para(typist, st.typist))

        left_width = layout.left_column
        table = _laid_table(
            [[left or "", right]],
            colWidths=[left_width, layout.frame_width - left_width],
            splitInRow=1,  # only a list taller than a page is split (TailWithBlock first)
            hAlign="CENTER",
        )
        table.setStyle(_cells(self.layout.fonts.regular))
        gap = layout.settings.paragraph_spacing_pt * 2
        if not closing:
            return KeepTogether([Spacer(1, gap), table])
        return TailWithBlock(closing[-1], gap, table, layout.frame_height)

    def more_recipients(self, document: Document) -> list[Flowable]:
        """The recipients past the first :data:`RECIPIENTS_BESIDE`, in the left column
        under the signature block, one paragraph each (and the typist's line after them).

        In the block's table cell they would be measured again on every page the cell
        is split over (16,000 recipients took 24 s); as paragraphs they flow once.
        """
        lines = render.recipient_lines(document)[RECIPIENTS_BESIDE + 1 :]
        if not lines:
            return []
        st, layout = self.styles, self.layout
        right = layout.frame_width - layout.left_column
        style = _narrowed(st.recipient, right)
        out = [self.para(line, style) for line in lines]
        typist = render.typist_line(document.marks)
        if typist:
            out.append(self.para(typist, _narrowed(st.typist, right)))
        return out

    def appendix(self, appendix: Appendix) -> list[Flowable]:
        """Phụ lục: on a new page, label and title centred, then its body."""
        st = self.styles
        flow: list[tuple[Flowable, bool]] = [
            (self.para(render.appendix_label(appendix), st.centred_heading), True),
            (self.para(appendix.title, st.centred_heading), True),
        ]
        if appendix.reference:
            flow.append((self.para(appendix.reference, st.centred_italic), True))
        self.blocks(appendix.body, flow)
        return [PageBreak(), *self.keep_headings(flow)]
