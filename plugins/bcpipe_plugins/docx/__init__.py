"""Word documents (.docx): the reader and the exporter laid out per Decree 30.

The exporter needs the optional dependency python-docx (``pip install 'bcpipe[docx]'``);
without it the plugin still registers, and exporting says which extra to install. The
reader needs only lxml (:mod:`.package`).
The reader turns the document into lines (:mod:`.extract`) and reads them with the
text reader, locating what it reports by paragraph and table cell; the exporter
(:mod:`.writer`) lays the model out as the decree prescribes, deterministically.
Old binary .doc files are claimed only to say how to convert them.
"""

from __future__ import annotations

from collections.abc import Iterable

import bcpipe
from bcpipe import Document, ExportContext, Exporter, LoadContext, Loaded, Loader
from bcpipe_plugins.text.checks import READER_CHECKS

__version__ = bcpipe.__version__

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read_docx(data: bytes, ctx: LoadContext) -> Loaded:
    from bcpipe_plugins.docx.extract import extract_lines
    from bcpipe_plugins.docx.package import read_parts
    from bcpipe_plugins.extracted import read_lines

    lines = extract_lines(read_parts(data, ctx.source))
    return read_lines(lines, ctx, what="Word document", paragraphs=True)


@bcpipe.loader("docx", suffixes=(".docx",), checks=READER_CHECKS)
def load_docx(data: bytes, ctx: LoadContext) -> Loaded:
    """Word document (.docx): header and signature tables, numbering, tables, footnotes."""
    return _read_docx(data, ctx)


@bcpipe.loader("doc", suffixes=(".doc",))
def load_doc(data: bytes, ctx: LoadContext) -> Loaded:
    """Old binary Word (.doc): not read; the error says how to convert it to .docx."""
    from bcpipe_plugins.docx.package import refuse_doc

    if data.startswith(b"PK"):  # a .docx saved under the old suffix
        return _read_docx(data, ctx)
    raise refuse_doc(ctx.source, data)


@bcpipe.exporter("docx", media_type=MEDIA_TYPE, extension=".docx")
def export_docx(document: Document, ctx: ExportContext) -> bytes:
    """Word document (.docx) laid out per Decree 30, for a clerk to edit and sign."""
    from bcpipe_plugins.docx.writer import render_docx

    return render_docx(document, ctx.settings)


@bcpipe.hookimpl
def bcpipe_loaders() -> Iterable[Loader]:
    return [load_docx, load_doc]


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_docx]
