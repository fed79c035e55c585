"""JSON export: the model itself, as the JSON Schema in ``schemas/`` describes it."""

from __future__ import annotations

from collections.abc import Iterable

import bcpipe
from bcpipe import Document, ExportContext, Exporter

__version__ = bcpipe.__version__


@bcpipe.exporter("json", media_type="application/json", extension=".json")
def export_json(document: Document, ctx: ExportContext) -> bytes:
    """The document model as JSON (UTF-8, indented, fields in model order)."""
    return document.model_dump_json(indent=2).encode("utf-8") + b"\n"


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_json]
