"""PDF export: the document on A4 pages laid out as Decree 30/2020/NĐ-CP prescribes.

Set in an embedded TrueType family (Liberation Serif, bundled, by default; any family
via settings ``[pdf.fonts]``), with the layout profile of :mod:`.settings`
(``[pdf]`` settings). The same document gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

import bcpipe
from bcpipe import Document, ExportContext, Exporter
from bcpipe_plugins.pdf.settings import PdfSettings, settings_from
from bcpipe_plugins.pdf.writer import render_pdf

__all__ = ["PdfSettings", "export_pdf", "render_pdf"]

__version__ = bcpipe.__version__


@bcpipe.exporter("pdf", media_type="application/pdf", extension=".pdf")
def export_pdf(document: Document, ctx: ExportContext) -> bytes:
    """PDF (A4), laid out per NĐ30 PL I, fonts embedded."""
    return render_pdf(document, settings_from(ctx.settings))


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_pdf]
