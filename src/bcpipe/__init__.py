"""bcpipe: Vietnamese administrative documents (Decree 30/2020/NĐ-CP) as data.

Load a report into a pydantic model, validate it with rule plugins, export it::

    import bcpipe

    doc = bcpipe.load("examples/bao-cao-ttdn-tuy-phuoc-2022.yaml")
    pipeline = bcpipe.Pipeline()
    for finding in pipeline.validate(doc).findings:
        print(finding.code, finding.severity, finding.location, finding.message)
    text = pipeline.export(doc, "text")
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any

from bcpipe.commands import Command, CommandContext, command
from bcpipe.components import (
    ExportContext,
    Exporter,
    LoadContext,
    Loaded,
    Loader,
    Rule,
    RuleContext,
    Transform,
    TransformContext,
    exporter,
    loader,
    rule,
    transform,
)
from bcpipe.doctypes import DocumentType
from bcpipe.errors import (
    BatchError,
    BcpipeError,
    EdxmlError,
    ExportError,
    FieldProblem,
    InvalidDocumentError,
    MissingOrganIdError,
    NotSendableError,
    PluginError,
    RuleSelectionError,
    ServeSettingsError,
    SettingsError,
    SourceError,
    UnknownFormatError,
)
from bcpipe.findings import Check, Finding, Location, Severity, ValidationResult
from bcpipe.hookspecs import hookimpl
from bcpipe.model import Document, DocumentStatus
from bcpipe.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "BatchError",
    "BcpipeError",
    "Check",
    "Command",
    "CommandContext",
    "Document",
    "DocumentStatus",
    "DocumentType",
    "EdxmlError",
    "ExportContext",
    "ExportError",
    "Exporter",
    "FieldProblem",
    "Finding",
    "InvalidDocumentError",
    "LoadContext",
    "Loaded",
    "Loader",
    "Location",
    "MissingOrganIdError",
    "NotSendableError",
    "Pipeline",
    "PluginError",
    "Rule",
    "RuleContext",
    "RuleSelectionError",
    "ServeSettingsError",
    "SettingsError",
    "Severity",
    "SourceError",
    "Transform",
    "TransformContext",
    "UnknownFormatError",
    "ValidationResult",
    "__version__",
    "command",
    "exporter",
    "hookimpl",
    "load",
    "loader",
    "rule",
    "transform",
]


def load(
    source: str | os.PathLike[str] | Mapping[str, Any], *, kind: str | None = None, **options: Any
) -> Document:
    """Load a document from a file (by suffix, or ``kind``) or from a mapping.

    A mapping needs no plugins. A file is read by the loader plugins of a
    :class:`Pipeline`: with ``options``, one built for this call; without, a default
    pipeline built on the first call and reused, so a loop over files costs what
    :meth:`Pipeline.load` costs. Loaders keep no state between documents, so sharing
    it is safe across threads too.
    """
    if isinstance(source, Mapping):
        from bcpipe.convert import document_from_data

        return document_from_data(source, source="<mapping>")
    pipeline = Pipeline(**options) if options else _default_pipeline()
    return pipeline.load(source, kind=kind)


_default_lock = threading.Lock()
_default: list[Pipeline] = []


def _default_pipeline() -> Pipeline:
    with _default_lock:
        if not _default:
            _default.append(Pipeline())
        return _default[0]
