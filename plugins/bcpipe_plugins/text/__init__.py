"""Plain text: the exporter and the reader, inverse of each other.

The export is the canonical plain-text form of a document: the decree's reading
order, one paragraph per line, a blank line between blocks. The reader takes that
form back, and also the irregular text that agencies' Word and PDF files become
when their text is extracted (see :mod:`bcpipe_plugins.text.reader`).
"""

from __future__ import annotations

from collections.abc import Iterable

import bcpipe
from bcpipe import Document, ExportContext, Exporter, LoadContext, Loaded, Loader
from bcpipe.source import decode_text
from bcpipe_plugins.text.checks import READER_CHECKS
from bcpipe_plugins.text.reader import read_text
from bcpipe_plugins.text.writer import render_text

__version__ = bcpipe.__version__


@bcpipe.exporter("text", media_type="text/plain; charset=utf-8", extension=".txt")
def export_text(document: Document, ctx: ExportContext) -> bytes:
    """Plain text (UTF-8), in the decree's reading order."""
    return render_text(document).encode("utf-8")


@bcpipe.loader("text", suffixes=(".txt",), checks=READER_CHECKS)
def load_text(data: bytes, ctx: LoadContext) -> Loaded:
    """Plain text (UTF-8), as agencies' documents are extracted or exported by bcpipe."""
    return read_text(decode_text(data, ctx.source), ctx)


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_text]


@bcpipe.hookimpl
def bcpipe_loaders() -> Iterable[Loader]:
    return [load_text]
