"""A document as a .docx laid out per Decree 30 (NĐ30 PL I), for a clerk to edit and sign.

A4, the decree's margins, Times New Roman by name (the font Word has; sizes from the
PDF exporter's profile, ``[pdf]`` settings), the header and the signature as
borderless two-column tables, short rules under the issuer and the tagline, italic
place and date, bold type name and subject, justified body with a first-line indent,
"Nơi nhận" 12 pt bold italic over 11 pt lines, page numbers from page 2.

Every word comes from :mod:`bcpipe.render`, as in the text and PDF exports. The bytes
are deterministic: python-docx's zip is written again with fixed timestamps and the
core properties are fixed, so the same document gives the same file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bcpipe import ExportError, render
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
    Table,
)
from bcpipe.textutil import nfc
from bcpipe_plugins.docx.package import needs_extra
from bcpipe_plugins.docx.xml import W
from bcpipe_plugins.pdf.settings import PdfSettings, settings_from
from bcpipe_plugins.text.writer import DRAFT_MARK

__all__ = ["render_docx"]

FONT = "Times New Roman"
#: Core properties and zip entries carry this date, not the time of export.
FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise ExportError("docx", "docx", needs_extra("exporting to .docx")) from None
    return docx


class _Writer:
    def __init__(self, document: Document, profile: PdfSettings) -> None:
        docx = _docx()
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt

        self.doc_model = document
        self.profile = profile
        self.Pt, self.Mm = Pt, Mm
        self.out = docx.Document()
        section = self.out.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = Mm(profile.margin_top_mm)
        section.bottom_margin = Mm(profile.margin_bottom_mm)
        section.left_margin = Mm(profile.margin_left_mm)
        section.right_margin = Mm(profile.margin_right_mm)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        self.text_width_mm = 210 - profile.margin_left_mm - profile.margin_right_mm
        normal = self.out.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(profile.body_size)
        _east_asian(normal.element, FONT)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = profile.line_spacing
        self._page_numbers(section)

    # -- paragraphs ----------------------------------------------------------------

    def para(
        self,
        text: str,
        *,
        container: Any = None,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        indent: bool = False,
        after: float = 0,
        before: float = 0,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        target = container if container is not None else self.out
        paragraph = target.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        if indent:
            fmt.first_line_indent = self.Mm(self.profile.first_line_indent_cm * 10)
        fmt.space_after = self.Pt(after)
        fmt.space_before = self.Pt(before)
        if text:
            run = paragraph.add_run(nfc(text))
            run.bold = bold
            run.italic = italic
            if size is not None:
                run.font.size = self.Pt(size)
        return paragraph

    def rule(self, container: Any, width_mm: float, cell_mm: float) -> None:
        """A short centred rule: an empty 2 pt paragraph with a bottom border."""
        paragraph = self.para("", container=container, size=2)
        fmt = paragraph.paragraph_format
        side = max((cell_mm - width_mm) / 2, 0)
        fmt.left_indent = self.Mm(side)
        fmt.right_indent = self.Mm(side)
        props = paragraph._p.get_or_add_pPr()
        borders = props.makeelement(W + "pBdr", {})
        bottom = borders.makeelement(
            W + "bottom",
            {W + "val": "single", W + "sz": "6", W + "space": "1", W + "color": "000000"},
        )
        borders.append(bottom)
        props.append(borders)
        run_props = paragraph._p.makeelement(W + "rPr", {})
        run_props.append(run_props.makeelement(W + "sz", {W + "val": "4"}))
        props.append(run_props)

    def body_para(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        spacing = self.profile.paragraph_spacing_pt
        self.para(text, bold=bold, italic=italic, align="justify", indent=True, after=spacing)

    # -- header ----------------------------------------------------------------------

    def header(self) -> None:
        doc, p = self.doc_model, self.profile
        left_mm = self.text_width_mm * p.header_left_ratio
        right_mm = self.text_width_mm - left_mm
        table = self._layout_table(2, [left_mm, right_mm])
        issuer, motto = table.cell(0, 0), table.cell(0, 1)
        number, place = table.cell(1, 0), table.cell(1, 1)
        _clear(issuer, motto, number, place)
        if doc.issuer.parent:
            self.para(doc.issuer.parent, container=issuer, size=p.issuer_size, align="center")
        self.para(doc.issuer.name, container=issuer, size=p.issuer_size, bold=True, align="center")
        # PL I II.2-5: a third to a half of the line above (the longest line of a name
        # that wraps in its cell); 0.4 of it.
        self.rule(issuer, 0.4 * min(_width_mm(doc.issuer.name, p.issuer_size), left_mm), left_mm)
        self.para(doc.motto.country, container=motto, size=p.motto_size, bold=True, align="center")
        self.para(
            doc.motto.tagline, container=motto, size=p.tagline_size, bold=True, align="center"
        )
        self.rule(motto, _width_mm(doc.motto.tagline, p.tagline_size), right_mm)  # as long
        self.para(render.number_line(doc), container=number, size=p.number_size, align="center")
        subject = render.subject_line(doc)
        if render.type_line(doc) is None and subject:  # a công văn: "V/v …" (ô 5b)
            self.para(subject, container=number, size=12, align="center")
        self.para(
            render.place_date_line(doc),
            container=place,
            size=p.date_size,
            italic=True,
            align="center",
        )

    def marks(self) -> None:
        doc, p = self.doc_model, self.profile
        marks = [m.value for m in (doc.marks.confidentiality, doc.marks.urgency) if m]
        if doc.marks.circulation:
            marks.append(doc.marks.circulation)
        if doc.is_draft and doc.number is not None and doc.issue_date.is_complete:
            marks.append(DRAFT_MARK)
        for mark in marks:
            self.para(mark, size=p.mark_size, bold=True, align="left", before=6)

    def title(self) -> None:
        doc, p = self.doc_model, self.profile
        type_line = render.type_line(doc)
        if type_line is not None:
            self.para(type_line, size=p.type_size, bold=True, align="center", before=12)
            subject = render.subject_line(doc)
            if subject:
                self.para(subject, size=p.subject_size, bold=True, align="center")
            # The rule goes under the subject, or under the type name of a "giấy" without one.
            subject_mm = _width_mm(subject or type_line, p.subject_size)
            width = self.text_width_mm
            self.rule(None, 0.4 * min(subject_mm, width), width)
        authority = render.enacting_authority_line(doc)
        if authority:  # a decision's "CHỦ TỊCH ỦY BAN NHÂN DÂN …"
            self.para(
                authority,
                size=p.body_size,
                bold=True,
                align="center",
                before=6,
                after=6,
            )
        lines = render.addressee_lines(doc)
        if lines:
            self.para(lines[0], size=p.body_size, align="center", before=12, after=6)
            for line in lines[1:]:
                self.para(line, size=p.body_size, align="center")
        self.para("", size=6)

    # -- body ------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], *, italic: bool = False) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
                continue
            lines = render.block_lines(block)
            heading = isinstance(block, Part | Section | Chapter | RegulationSection) or (
                isinstance(block, Clause | Point | Article) and block.heading is not None
            )
            if isinstance(block, Part | Chapter | RegulationSection):
                for line in lines:
                    self.para(line, bold=True, align="center", after=6)
            else:
                for line in lines:
                    self.body_para(line, bold=heading, italic=italic and not heading)
            if isinstance(block, Container):
                self.blocks(block.children, italic=italic)

    def table(self, block: Table) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT

        if block.caption:
            self.para(block.caption, bold=True, align="center", after=6)
        width = max(len(row) for row in block.rows) or 1  # a table of empty rows
        table = self.out.add_table(rows=len(block.rows), cols=width)
        table.style = self.out.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        shares = [float(w) for w in block.widths] if block.widths else [100 / width] * width
        table.autofit = False
        for column, share in zip(table.columns, shares, strict=True):
            column.width = self.Mm(self.text_width_mm * share / 100)
            for cell in column.cells:
                cell.width = column.width
        for r, row in enumerate(block.rows):
            heading = r < block.header_rows
            if heading:
                props = table.rows[r]._tr.get_or_add_trPr()
                props.append(props.makeelement(W + "tblHeader", {}))
            for c in range(width):
                cell = table.cell(r, c)
                _clear(cell)
                text = row[c] if c < len(row) else ""
                self.para(
                    text,
                    container=cell,
                    size=self.profile.table_size,
                    bold=heading,
                    align="center" if heading else "left",
                )
        self.para("", size=6)

    # -- signature, recipients, appendices ---------------------------------------------

    def signature(self) -> None:
        doc, p = self.doc_model, self.profile
        left_mm = self.text_width_mm * 0.45
        last = self.out.paragraphs[-1] if self.out.paragraphs else None
        if last is not None:  # the closing sentence goes with the signature to its page
            last.paragraph_format.keep_with_next = True
        table = self._layout_table(1, [left_mm, self.text_width_mm - left_mm])
        # One block: the signature and "Nơi nhận" never split across two pages.
        row = table.rows[0]._tr.get_or_add_trPr()
        row.append(row.makeelement(W + "cantSplit", {}))
        recipients, signer = table.cell(0, 0), table.cell(0, 1)
        _clear(recipients, signer)
        titles, name = render.signature_lines(doc.signature)
        for index, line in enumerate(titles):
            self.para(
                line,
                container=signer,
                size=p.signature_size,
                bold=True,
                align="center",
                before=6 if index == 0 else 0,
            )
        self.para("", container=signer, size=p.signature_size, after=p.signature_space_mm * 2)
        self.para(name or "", container=signer, size=p.signature_size, bold=True, align="center")
        lines = render.recipient_lines(doc)
        if lines:
            self.para(
                lines[0],
                container=recipients,
                size=p.recipients_heading_size,
                bold=True,
                italic=True,
                before=6,
            )
            for line in lines[1:]:
                self.para(line, container=recipients, size=p.recipients_size)
        typist = render.typist_line(doc.marks)
        if typist:
            self.para(typist, container=recipients, size=p.recipients_size)
        if doc.contact:
            self.para(doc.contact, size=p.contact_size, before=12)

    def appendix(self, appendix: Appendix) -> None:
        from docx.enum.text import WD_BREAK

        breaker = self.para("")
        breaker.add_run().add_break(WD_BREAK.PAGE)
        self.para(render.appendix_label(appendix), bold=True, align="center")
        self.para(appendix.title, bold=True, align="center")
        if appendix.reference:
            self.para(appendix.reference, italic=True, align="center")
        self.para("", size=6)
        self.blocks(appendix.body)

    # -- helpers ---------------------------------------------------------------------

    def _layout_table(self, rows: int, widths_mm: Sequence[float]) -> Any:
        table = self.out.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        _borderless(table)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = self.Mm(width)
            for cell in column.cells:
                cell.width = self.Mm(width)
        return table

    def _page_numbers(self, section: Any) -> None:
        """A PAGE field centred in the top margin, on every page but the first."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = 1  # centre
        run = paragraph.add_run()
        run.font.size = self.Pt(self.profile.page_number_size)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind is not None:
                run._r.append(run._r.makeelement(W + "fldChar", {W + "fldCharType": kind}))
            else:
                instr = run._r.makeelement(W + "instrText", {})
                instr.text = text
                run._r.append(instr)

    def write(self) -> bytes:
        doc = self.doc_model
        self.header()
        self.marks()
        self.title()
        # Footnote marks "[1]" in the words and the notes after the signature, as the
        # text export writes them (the reader takes them back the same way).
        marked = render.with_footnote_marks(doc)
        self.blocks(marked.basis, italic=render.italic_basis(doc))
        enacting = render.enacting_word_line(doc)
        if enacting:  # "QUYẾT ĐỊNH:"
            self.para(enacting, bold=True, align="center", before=6, after=6)
        self.blocks(marked.body)
        self.blocks(marked.closing)
        self.signature()
        for note in doc.footnotes:
            self.para(render.footnote_line(note), size=self.profile.recipients_size)
        for appendix in doc.appendices:
            self.appendix(appendix)
        _cells_have_paragraphs(self.out)
        props = self.out.core_properties
        kind = render.type_line(doc) or "Công văn"
        props.title = nfc(f"{kind}: {doc.subject}" if doc.subject else kind)
        props.author = nfc(doc.issuer.name)
        props.last_modified_by = nfc(doc.issuer.name)
        props.created = FIXED_TIME
        props.modified = FIXED_TIME
        props.last_printed = FIXED_TIME
        props.revision = 1
        props.language = "vi-VN"
        props.comments = ""
        props.keywords = ""
        props.subject = ""
        props.category = ""
        buffer = io.BytesIO()
        self.out.save(buffer)
        return _fixed_zip(buffer.getvalue())


def _east_asian(style_element: Any, font: str) -> None:
    props = style_element.get_or_add_rPr()
    fonts = props.find(W + "rFonts")
    if fonts is None:
        fonts = props.makeelement(W + "rFonts", {})
        props.insert(0, fonts)
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(W + key, font)


def _borderless(table: Any) -> None:
    props = table._tbl.tblPr
    borders = props.makeelement(W + "tblBorders", {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(W + side, {W + "val": "nil"}))
    props.append(borders)


def _clear(*cells: Any) -> None:
    """Drop the empty paragraph a new cell starts with (text is added after it)."""
    for cell in cells:
        for paragraph in list(cell.paragraphs):
            if not paragraph.text:
                paragraph._p.getparent().remove(paragraph._p)


def _cells_have_paragraphs(document: Any) -> None:
    # A cell without a paragraph is invalid OOXML (Word refuses the file): a cell that
    # _clear emptied and nothing filled gets an empty one back.
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell._tc.find(W + "p") is None:
                    cell._tc.append(cell._tc.makeelement(W + "p", {}))


def _width_mm(text: str, size: float) -> float:
    """About the printed width of a bold line (a Times bold letter is half an em wide on
    average): the rules under the issuer, the tagline and the subject are measured on
    their lines (PL I II.1-5)."""
    return len(text) * size * 0.5 * 25.4 / 72


def _fixed_zip(data: bytes) -> bytes:
    """The package again, every entry dated ``ZIP_TIME``, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def render_docx(document: Document, settings: Mapping[str, Any]) -> bytes:
    """``document`` as .docx bytes; the ``[pdf]`` settings give sizes and margins."""
    return _Writer(document, settings_from(settings)).write()
