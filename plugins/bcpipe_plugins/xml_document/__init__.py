"""bcpipe XML: every field of the document model, in bcpipe's own namespace, and back.

The exporter ``xml`` writes ``<document xmlns="urn:bcpipe:document:1">``; the loader
``xml`` (files ending ``.xml``) reads it back, so that export → load gives an equal
document and export → load → export the same bytes. The format is described by the
XSD committed as ``schemas/bcpipe-document.xsd`` (:func:`document_xsd` gives its
bytes, :func:`document_xsd_schema` the compiled schema). Reading is safe against
hostile files: see :mod:`bcpipe_plugins.xml_document.safe`.
"""

from __future__ import annotations

from collections.abc import Iterable

import bcpipe
from bcpipe import Document, ExportContext, Exporter, LoadContext, Loaded, Loader
from bcpipe_plugins.xml_document.binding import NAMESPACE
from bcpipe_plugins.xml_document.reader import xml_to_data
from bcpipe_plugins.xml_document.safe import parse_untrusted
from bcpipe_plugins.xml_document.writer import document_to_xml
from bcpipe_plugins.xml_document.xsd import document_xsd, document_xsd_schema

__version__ = bcpipe.__version__

__all__ = [
    "NAMESPACE",
    "document_to_xml",
    "document_xsd",
    "document_xsd_schema",
    "export_xml",
    "load_xml",
]


@bcpipe.exporter("xml", media_type="application/xml", extension=".xml")
def export_xml(document: Document, ctx: ExportContext) -> bytes:
    """bcpipe XML (UTF-8): every field of the model, described by schemas/bcpipe-document.xsd."""
    return document_to_xml(document)


@bcpipe.loader("xml", suffixes=(".xml",))
def load_xml(data: bytes, ctx: LoadContext) -> Loaded:
    """bcpipe XML, as written by ``bcpipe export --to xml`` (DTDs and entities refused)."""
    value, lines = xml_to_data(parse_untrusted(data, ctx.source), ctx.source)
    return Loaded(ctx.document(value, lines=lines), lines=lines)


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_xml]


@bcpipe.hookimpl
def bcpipe_loaders() -> Iterable[Loader]:
    return [load_xml]
