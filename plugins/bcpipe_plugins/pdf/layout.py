"""The page geometry and paragraph styles of one profile, built once and reused.

Building a :class:`Layout` registers the font family (once per process) and makes
every ParagraphStyle; it is cached per :class:`PdfSettings`, so exporting many
documents costs no font loading and no style building after the first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from bcpipe_plugins.pdf.fonts import FontFamily, font_family
from bcpipe_plugins.pdf.settings import PdfSettings

__all__ = ["SINGLE", "Layout", "Styles", "layout_for"]

#: Single line spacing of Times New Roman and its metric clones, in ems (what a word
#: processor calls "single"): the font's ascent + descent + line gap.
SINGLE = 1.15


@dataclass(frozen=True, slots=True)
class Styles:
    """One ParagraphStyle per component (nd30-format.md §3, §7.2)."""

    parent: ParagraphStyle
    issuer: ParagraphStyle
    number: ParagraphStyle
    letter_subject: ParagraphStyle  # "V/v …" of a công văn
    country: ParagraphStyle
    tagline: ParagraphStyle
    place_date: ParagraphStyle
    mark: ParagraphStyle
    type_name: ParagraphStyle
    subject: ParagraphStyle
    addressee: ParagraphStyle  # one addressee: "Kính gửi: …" centred
    addressee_list: ParagraphStyle  # several: the words of the two-column list
    basis: ParagraphStyle
    basis_italic: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle  # section "I. …" and titled clause "1. …": bold
    centred_heading: ParagraphStyle  # "Phần I", its title, appendix label and title
    centred_italic: ParagraphStyle  # appendix reference "(Kèm theo …)"
    signature: ParagraphStyle
    recipients_heading: ParagraphStyle
    recipient: ParagraphStyle
    typist: ParagraphStyle
    contact: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle


@dataclass(frozen=True, slots=True)
class Layout:
    """Everything a document needs from its profile, in points."""

    settings: PdfSettings
    fonts: FontFamily
    styles: Styles
    page_width: float
    page_height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.page_width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.page_height - self.top - self.bottom

    @property
    def left_column(self) -> float:
        return self.frame_width * self.settings.header_left_ratio

    def width(self, text: str, style: ParagraphStyle) -> float:
        """The printed width of one line of ``text`` in ``style``'s font."""
        return float(stringWidth(text, style.fontName, style.fontSize))


def _styles(s: PdfSettings, fonts: FontFamily) -> Styles:
    def style(
        name: str,
        font: str,
        size: float,
        align: int = TA_CENTER,
        *,
        spacing: float = 1.0,
        **kw: float,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * SINGLE * spacing,
            alignment=align,
            # Widows and orphans are avoided (a lone line at a page's top or bottom).
            allowWidows=0,
            allowOrphans=0,
            **kw,
        )

    indent = s.first_line_indent_cm * cm
    gap = s.paragraph_spacing_pt
    text = {"spacing": s.line_spacing, "firstLineIndent": indent, "spaceBefore": gap}
    dash = stringWidth("- ", fonts.regular, s.recipients_size)
    return Styles(
        parent=style("parent", fonts.regular, s.issuer_size),
        issuer=style("issuer", fonts.bold, s.issuer_size),
        number=style("number", fonts.regular, s.number_size),
        letter_subject=style("letter_subject", fonts.regular, s.issuer_size, spaceBefore=6),
        country=style("country", fonts.bold, s.motto_size),
        tagline=style("tagline", fonts.bold, s.tagline_size),
        place_date=style("place_date", fonts.italic, s.date_size),
        mark=style("mark", fonts.bold, s.mark_size),
        type_name=style("type_name", fonts.bold, s.type_size, spaceBefore=gap),
        subject=style("subject", fonts.bold, s.subject_size),
        addressee=style("addressee", fonts.regular, s.body_size, spacing=s.line_spacing),
        addressee_list=style(
            "addressee_list", fonts.regular, s.body_size, TA_LEFT, spacing=s.line_spacing
        ),
        basis=style("basis", fonts.regular, s.body_size, TA_JUSTIFY, **text),
        basis_italic=style("basis_italic", fonts.italic, s.body_size, TA_JUSTIFY, **text),
        body=style("body", fonts.regular, s.body_size, TA_JUSTIFY, **text),
        heading=style("heading", fonts.bold, s.body_size, TA_JUSTIFY, **text),
        centred_heading=style(
            "centred_heading", fonts.bold, s.body_size, spacing=s.line_spacing, spaceBefore=gap
        ),
        centred_italic=style("centred_italic", fonts.italic, s.body_size, spacing=s.line_spacing),
        signature=style("signature", fonts.bold, s.signature_size),
        recipients_heading=style(
            "recipients_heading", fonts.bold_italic, s.recipients_heading_size, TA_LEFT
        ),
        # "- " hangs in the margin of its own wrapped lines.
        recipient=style(
            "recipient",
            fonts.regular,
            s.recipients_size,
            TA_LEFT,
            leftIndent=dash,
            firstLineIndent=-dash,
        ),
        typist=style("typist", fonts.regular, s.recipients_size, TA_LEFT, spaceBefore=gap),
        contact=style("contact", fonts.regular, s.contact_size),
        cell=style("cell", fonts.regular, s.table_size, TA_LEFT),
        head_cell=style("head_cell", fonts.bold, s.table_size),
    )


@functools.lru_cache(maxsize=16)
def layout_for(settings: PdfSettings) -> Layout:
    """The layout of ``settings`` (cached: one per distinct profile)."""
    fonts = font_family(settings.fonts)
    width, height = A4
    return Layout(
        settings=settings,
        fonts=fonts,
        styles=_styles(settings, fonts),
        page_width=width,
        page_height=height,
        left=settings.margin_left_mm * mm,
        right=settings.margin_right_mm * mm,
        top=settings.margin_top_mm * mm,
        bottom=settings.margin_bottom_mm * mm,
    )
