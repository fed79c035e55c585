"""PDF export: the document on A4 pages laid out as Decree 30/2020/NĐ-CP prescribes.

Set in an embedded TrueType family (Liberation Serif, bundled, by default; any family
via settings ``[pdf.fonts]``), with the layout profile of :mod:`.settings`
(``[pdf]`` settings). The same document gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import bcpipe
from bcpipe import Document, ExportContext, Exporter
from bcpipe_plugins.pdf.settings import PdfSettings, settings_from

if TYPE_CHECKING:
    from bcpipe_plugins.pdf.writer import render_pdf

__all__ = ["PdfSettings", "export_pdf", "render_pdf"]

__version__ = bcpipe.__version__


def __getattr__(name: str) -> Any:
    # reportlab is imported when a PDF is first written, not whenever the plugin is
    # loaded (every ``bcpipe`` command loads it: 80 ms of a 0.5 s start).
    if name == "render_pdf":
        from bcpipe_plugins.pdf.writer import render_pdf

        return render_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@bcpipe.exporter("pdf", media_type="application/pdf", extension=".pdf")
def export_pdf(document: Document, ctx: ExportContext) -> bytes:
    """PDF (A4), laid out per NĐ30 PL I, fonts embedded."""
    from bcpipe_plugins.pdf.writer import render_pdf

    return render_pdf(document, settings_from(ctx.settings))


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_pdf]
