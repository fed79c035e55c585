"""PDFs with a text layer (e-office downloads, bcpipe's own export): the reader.

Needs the optional dependency pypdfium2 (``pip install 'bcpipe[pdf]'``), chosen over
pdfplumber by measurement: on the corpus's PDFs it reads words with their boxes about
15 times faster. The words are laid out into lines (:mod:`.layout`) and read by the
text reader; findings say "page P, line L". A scanned PDF (no text layer), a
password-protected or damaged one is refused with one clear message each.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import bcpipe
from bcpipe import Check, LoadContext, Loaded, Loader, Severity, SourceError
from bcpipe_plugins.pdf_reader.tables import MAX_STROKES
from bcpipe_plugins.text.checks import READER_CHECKS

__version__ = bcpipe.__version__

EXTRA = "pdf"
MAX_FILE = 50 * 1024 * 1024
MAX_PAGES = 500


def _page(page: Any, number: int, source: str | None) -> tuple[Any, list[Any], float]:
    """A page's text (:class:`~.chars.PageText`), the boxes of its drawn paths (for
    tables) and its height."""
    import pypdfium2.raw as pdfium_c

    from bcpipe_plugins.pdf_reader.chars import page_words
    from bcpipe_plugins.pdf_reader.words import Box

    textpage = page.get_textpage()
    try:
        text = page_words(textpage, number, source)
    finally:
        textpage.close()
    # Only as many drawn paths as a page of tables has (a drawing's thousands are not read).
    paths = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2)
    strokes = [Box(*path.get_bounds()) for path in itertools.islice(paths, MAX_STROKES + 1)]
    return text, strokes, float(page.get_size()[1])


def _flattened(pdf: Any, index: int) -> Any:
    """Page ``index`` with its annotations' appearances made page content: e-office
    systems stamp the number and date of a signed document as signature widgets, which
    a text page leaves out (pdftotext reads them)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    if pdfium_c.FPDFPage_GetAnnotCount(page.raw) == 0:
        return page
    if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) != pdfium_c.FLATTEN_SUCCESS:
        return page
    page.close()  # the flattened content shows in the page loaded again
    return pdf[index]


def _open(data: bytes, source: str | None) -> Any:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise SourceError(
            source,
            f"reading a PDF needs the optional dependency pypdfium2: pip install 'bcpipe[{EXTRA}]'",
        ) from None
    if len(data) > MAX_FILE:
        raise SourceError(source, f"the PDF is larger than {MAX_FILE // 2**20} MB")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SourceError(source, "not a PDF: the file does not start with %PDF")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise SourceError(
                source,
                "this PDF is protected by a password; save an unprotected copy to read it",
            ) from None
        raise SourceError(source, f"the PDF is damaged and cannot be read ({exc})") from None


#: Gaps where a letter is missing, per letter read, above which the text layer is
#: reported as losing letters (the corpus's PDFs: 0.6% at most, from blanks left for a
#: stamped number and date; 023, whose font maps some capitals to nothing: 4.6%).
MISSING_SHARE = 0.02
MISSING_LEAST = 5

LETTERS_MISSING = Check(
    "BC510",
    Severity.WARNING,
    vi="Lớp chữ của tệp PDF thiếu chữ mà trang in có ({gaps} chỗ, {share} số chữ; phông chữ "
    "không gắn mã Unicode): tìm kiếm, sao chép và hệ thống liên thông đọc sai văn bản; các "
    "phát hiện về tên, số, ký hiệu có thể không đúng, cần đối chiếu bản in",
    en="The PDF's text layer lacks letters its pages show ({gaps} places, {share} of the "
    "letters; a font without its Unicode map): search, copy and exchange systems read the "
    "text wrong, and findings about names, numbers and notations may be false: check them "
    "against the printed page",
)


@bcpipe.loader("pdf", suffixes=(".pdf",), checks=(*READER_CHECKS, LETTERS_MISSING))
def load_pdf(data: bytes, ctx: LoadContext) -> Loaded:
    """PDF with a text layer: columns told apart by position, page numbers dropped."""
    from bcpipe_plugins.extracted import read_lines
    from bcpipe_plugins.pdf_reader.flow import Flow
    from bcpipe_plugins.pdf_reader.layout import lines_of, running_heads
    from bcpipe_plugins.pdf_reader.tables import find_tables

    pdf = _open(data, ctx.source)
    try:
        if len(pdf) > MAX_PAGES:
            raise SourceError(ctx.source, f"the PDF has more than {MAX_PAGES} pages")
        pages = [_page(_flattened(pdf, index), index + 1, ctx.source) for index in range(len(pdf))]
    finally:
        pdf.close()
    if not any(word.text.strip() for text, _, _ in pages for word in text.words):
        raise SourceError(
            ctx.source,
            "this PDF has no text layer (a scanned image?); bcpipe reads PDFs with text: "
            "run OCR first (e.g. ocrmypdf -l vie in.pdf out.pdf) or give the .docx",
        )
    repeated = running_heads([(text.words, height) for text, _, height in pages])
    flow = Flow()
    for number, (text, strokes, height) in enumerate(pages, 1):
        words = [w for w in text.words if w.text.strip()]
        tables = find_tables(words, strokes)
        if tables:
            words = [w for w in words if not any(t.holds(w) for t in tables)]
        flow.page(number, lines_of(words, height, number, repeated), tables, strokes, height)
    loaded = read_lines(flow.finish(), ctx, what="PDF")
    letters = sum(text.letters for text, _, _ in pages)
    gaps = sum(text.gaps for text, _, _ in pages)
    if gaps >= MISSING_LEAST and gaps > MISSING_SHARE * letters:
        share = f"{gaps / letters:.1%}"
        loaded.findings.append(LETTERS_MISSING.at((), gaps=gaps, share=share))
    return loaded


@bcpipe.hookimpl
def bcpipe_loaders() -> Iterable[Loader]:
    return [load_pdf]
