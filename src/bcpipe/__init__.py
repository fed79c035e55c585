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
from collections.abc import Mapping
from typing import Any

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
    "SettingsError",
    "Severity",
    "SourceError",
    "Transform",
    "TransformContext",
    "UnknownFormatError",
    "ValidationResult",
    "__version__",
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

    A mapping needs no plugins; a file is read by the loader plugins of a fresh
    :class:`Pipeline` built with ``options``. To load many files, build one pipeline
    and call :meth:`Pipeline.load`.
    """
    if isinstance(source, Mapping):
        from bcpipe.convert import document_from_data

        return document_from_data(source, source="<mapping>")
    return Pipeline(**options).load(source, kind=kind)
