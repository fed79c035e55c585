"""Plain-text export: the document in the decree's reading order.

The layout is the canonical plain-text form of a document: one paragraph per line,
a blank line between blocks, header lines first. It is what agencies' Word files
become when their text is extracted, so the text reader can read it back.
"""

from __future__ import annotations

from collections.abc import Iterable

import bcpipe
from bcpipe import Document, ExportContext, Exporter
from bcpipe_plugins.text.writer import render_text

__version__ = bcpipe.__version__


@bcpipe.exporter("text", media_type="text/plain; charset=utf-8", extension=".txt")
def export_text(document: Document, ctx: ExportContext) -> bytes:
    """Plain text (UTF-8), in the decree's reading order."""
    return render_text(document).encode("utf-8")


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_text]
