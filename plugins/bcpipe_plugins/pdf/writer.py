"""Laying the story out on A4 pages and writing deterministic PDF bytes."""

from __future__ import annotations

import io
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

import bcpipe
from bcpipe import render
from bcpipe.errors import ExportError
from bcpipe.model import Document
from bcpipe_plugins.pdf.flowables import RULE_THICKNESS
from bcpipe_plugins.pdf.fonts import check_glyphs
from bcpipe_plugins.pdf.layout import Layout, layout_for
from bcpipe_plugins.pdf.settings import PdfSettings
from bcpipe_plugins.pdf.story import StoryBuilder

__all__ = ["render_pdf"]

FORMAT = "pdf"
CREATOR = f"bcpipe {bcpipe.__version__}"
#: reportlab's own invariant-mode date, for documents without a complete issue date.
FIXED_DATE = "D:20000101000000+00'00'"
PAGE_DIGITS = "0123456789"


def _pdf_date(document: Document) -> str:
    """The metadata date: the issue date (midnight, Vietnam time) or a fixed one.

    Never the clock: the same document must give the same bytes.
    """
    date = document.issue_date.to_date()
    if date is None:
        return FIXED_DATE
    return f"D:{date:%Y%m%d}000000+07'00'"


#: zlib level 1, not zlib's default 6: on the sample it makes the export about 8% faster
#: for 4 KB more (68 KB instead of 64; uncompressed pages would make 121 KB).
#: benchmarks/bench.py measures levels 1, 6 and 9.
COMPRESSION_LEVEL = 1

# reportlab reads its stream filters (ASCII85 on or off, and the Flate filter) from
# process-wide globals when it writes the file, so they are set for the save alone,
# under a lock, and put back after.
_saving_lock = threading.Lock()


class _Flate(pdfdoc.PDFStreamFilterZCompress):  # type: ignore[misc]  # reportlab is untyped
    def __init__(self, level: int) -> None:
        self.level = level

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        return zlib.compress(data, self.level)


@contextmanager
def _saving(ascii85: bool, level: int) -> Iterator[None]:
    with _saving_lock:
        saved = rl_config.useA85, pdfdoc.PDFZCompress
        rl_config.useA85 = int(ascii85)
        pdfdoc.PDFZCompress = _Flate(level)
        try:
            yield
        finally:
            rl_config.useA85, pdfdoc.PDFZCompress = saved


class _Canvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas with a fixed date, saving its streams as asked."""

    def __init__(self, *args: Any, stamp: str, ascii85: bool, level: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setDateFormatter(lambda *_: stamp)
        self._bcpipe_saving = ascii85, level

    def save(self) -> None:
        with _saving(*self._bcpipe_saving):
            super().save()


def _canvas_maker(stamp: str, ascii85: bool, level: int) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> Any:
        return _Canvas(*args, stamp=stamp, ascii85=ascii85, level=level, **kwargs)

    return make


def _frame(layout: Layout, name: str, raise_bottom: float = 0.0) -> Frame:
    # No padding: the frame is the text area, exactly inside the decree's margins.
    return Frame(
        layout.left,
        layout.bottom + raise_bottom,
        layout.frame_width,
        layout.frame_height - raise_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )


def _page_number(layout: Layout) -> Callable[[Any, Any], None]:
    """Later pages: the number centred in the top margin (PL I I.7; not on page 1)."""
    settings = layout.settings
    x = layout.left + layout.frame_width / 2
    y = layout.page_height - layout.top / 2 - settings.page_number_size * 0.33

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(layout.fonts.regular, settings.page_number_size)
        canvas.drawCentredString(x, y, str(doc.page))
        canvas.restoreState()

    return draw


def _templates(layout: Layout, footer: Any) -> list[PageTemplate]:
    """Page 1 and the later pages (numbered).

    A contact footer (ô 13) stands at the foot of page 1 only, under a full-width rule;
    page 1's frame is shortened to make room for it.
    """
    first: dict[str, Any] = {}
    if footer is not None:
        height = footer.wrap(layout.frame_width, layout.frame_height)[1]
        rule_y = layout.bottom + height + 3

        def on_first(canvas: Any, doc: Any) -> None:
            canvas.saveState()
            canvas.setLineWidth(RULE_THICKNESS)
            canvas.line(layout.left, rule_y, layout.left + layout.frame_width, rule_y)
            canvas.restoreState()
            footer.drawOn(canvas, layout.left, layout.bottom)

        first = {"frames": [_frame(layout, "first", height + 6)], "onPage": on_first}
    return [
        PageTemplate(
            "first",
            **({"frames": [_frame(layout, "first")]} | first),
            autoNextPageTemplate="later",
        ),
        PageTemplate("later", [_frame(layout, "later")], onPage=_page_number(layout)),
    ]


#: The largest document laid out as PDF, in characters and in paragraphs (with table
#: rows and recipients): about 300 and 500 pages, laid out in under ten seconds on
#: one core. Past them the export fails at once, saying so (docs/limits.md).
MAX_PDF_TEXT = 1_000_000
MAX_PDF_PARAGRAPHS = 20_000


def _check_size(used: Mapping[str, list[str]]) -> None:
    text = sum(len(piece) for pieces in used.values() for piece in pieces)
    if text > MAX_PDF_TEXT:
        raise ExportError(
            FORMAT,
            FORMAT,
            f"the document has {text:,} characters of text; a PDF is laid out for at most "
            f"{MAX_PDF_TEXT:,} (about 300 pages; see docs/limits.md)",
        )
    count = sum(map(len, used.values()))  # every paragraph, line, cell and recipient
    if count > MAX_PDF_PARAGRAPHS:
        raise ExportError(
            FORMAT,
            FORMAT,
            f"the document has {count:,} paragraphs, table cells and recipients; a PDF is "
            f"laid out for at most {MAX_PDF_PARAGRAPHS:,} (see docs/limits.md)",
        )


def render_pdf(
    document: Document,
    settings: PdfSettings,
    *,
    page_compression: bool = True,
    ascii85: bool = False,
    compression_level: int = COMPRESSION_LEVEL,
) -> bytes:
    """The document as PDF bytes laid out per ``settings``.

    The defaults are the fastest settings that keep files small (measured by
    benchmarks/bench.py): pages Flate-compressed (half the size of uncompressed ones),
    and no ASCII85 on top (reportlab's default, which adds a quarter to every page
    stream and costs time), zlib's fastest level (see :data:`COMPRESSION_LEVEL`).
    Fonts are always embedded as subsets.
    """
    layout = layout_for(settings)
    builder = StoryBuilder(layout)
    story = builder.story(document)
    footer = builder.para(document.contact, layout.styles.contact) if document.contact else None
    _check_size(builder.used)
    builder.used[layout.fonts.regular].append(PAGE_DIGITS)
    check_glyphs(layout.fonts, {font: "".join(texts) for font, texts in builder.used.items()})

    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(layout.page_width, layout.page_height),
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        title=document.subject or document.type.printed_name,
        author=document.issuer.name,
        subject=render.type_line(document) or document.type.printed_name,
        creator=CREATOR,
        lang="vi",
        # Per document, not reportlab's global switch: fixed IDs and no clock.
        invariant=1,
        pageCompression=int(page_compression),
        # Else reportlab opens every page with Helvetica, a non-embedded base-14 font.
        initialFontName=layout.fonts.regular,
        initialFontSize=settings.body_size,
    )
    template.addPageTemplates(_templates(layout, footer))
    try:
        template.build(
            story, canvasmaker=_canvas_maker(_pdf_date(document), ascii85, compression_level)
        )
    except LayoutError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "layout failed"
        raise ExportError(
            FORMAT, FORMAT, f"the document cannot be laid out on A4 pages: {first_line}"
        ) from None
    return buffer.getvalue()
