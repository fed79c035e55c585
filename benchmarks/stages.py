"""The work each benchmark stage does, once through bcpipe and once as the floor.

bcpipe: what a caller writes — ``Pipeline.load``, ``Pipeline.validate``,
``Pipeline.export`` — with the plugins found through their entry points.

The floor: the same work without the pipeline and plugin machinery: pydantic's
``Document.model_validate`` on the data PyYAML's C loader gives; the text reader,
the transform and the rule functions called directly; each exporter's own function
(which calls lxml or reportlab) called directly on a prebuilt, prepared model. The
difference is what the pipeline costs: plugin dispatch, contexts, source and line
bookkeeping, findings placed on lines, and preparing (recognising citations) again.

The export stages take the document as ``validate`` returned it, as a caller
exporting after validating does; ``validate`` takes the document as loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from bcpipe_plugins.citations import recognise_citations
from bcpipe_plugins.edxml import export_edxml, load_edxml
from bcpipe_plugins.pdf import PdfSettings, render_pdf
from bcpipe_plugins.text.reader import read_text
from bcpipe_plugins.text.writer import render_text
from bcpipe_plugins.xml_document import document_to_xml
from bcpipe_plugins.xml_document.reader import xml_to_data
from bcpipe_plugins.xml_document.safe import parse_untrusted
from corpus import SETTINGS, CorpusFile

import bcpipe
from bcpipe import Document, ExportContext, LoadContext, RuleContext, TransformContext
from bcpipe.source import decode_text

FORMATS = ("text", "xml", "edxml", "pdf")
STAGES = (
    "load yaml",
    "load text",
    "load xml",
    "load edxml",
    "validate",
    "load text + validate",
    *(f"export {fmt}" for fmt in FORMATS),
    "end to end",
)
Work = Callable[[], object]


class Stages:
    """The benchmark's work on a set of documents, built once (in each worker too)."""

    def __init__(self, files: list[CorpusFile]) -> None:
        self.pipeline = bcpipe.Pipeline(settings=SETTINGS)
        transforms = [
            name
            for info in self.pipeline.plugins()
            for name in info.components.get("transforms", [])
        ]
        # The floor calls the transforms itself: it must know all of them.
        assert transforms == [recognise_citations.name], transforms
        self.files = {file.name: file for file in files}
        self.loaded = {file.name: self.pipeline.load(file.yaml) for file in files}
        self.prepared = {
            name: self.pipeline.validate(doc).document for name, doc in self.loaded.items()
        }
        # Packages as a receiving agency gets them (the PDF attached: the header is read).
        self.packages = {
            name: self.pipeline.export(doc, "edxml") for name, doc in self.prepared.items()
        }
        self.pdf_settings = PdfSettings()
        self.rules = [rule for rule in self.pipeline.rules]
        self.formats = frozenset(self.pipeline.export_formats)

    # -- bcpipe -----------------------------------------------------------------------

    def bcpipe(self, stage: str, name: str) -> Work:
        pipeline, file = self.pipeline, self.files[name]
        loaded, prepared = self.loaded[name], self.prepared[name]
        if stage == "load yaml":
            return lambda: pipeline.load(file.yaml)
        if stage == "load text":
            return lambda: pipeline.load(file.text)
        if stage == "load xml":
            return lambda: pipeline.load(file.xml)
        if stage == "load edxml":
            package = self.packages[name]
            return lambda: pipeline.loads(package, kind="edxml", name=name)
        if stage == "validate":
            return lambda: pipeline.validate(loaded)
        if stage == "load text + validate":
            return lambda: pipeline.validate(pipeline.load(file.text))
        if stage.startswith("export "):
            fmt = stage.removeprefix("export ")
            return lambda: pipeline.export(prepared, fmt)
        if stage == "end to end":

            def end_to_end() -> None:
                result = pipeline.validate(pipeline.load(file.text))
                for fmt in FORMATS:
                    pipeline.export(result.document, fmt)

            return end_to_end
        raise ValueError(stage)

    # -- the floor --------------------------------------------------------------------

    def _export(self, document: Document, fmt: str) -> bytes:
        if fmt == "text":
            return render_text(document).encode("utf-8")
        if fmt == "xml":
            return document_to_xml(document)
        if fmt == "pdf":
            return render_pdf(document, self.pdf_settings)
        if fmt == "edxml":
            ctx = ExportContext(SETTINGS, self._export, self.formats)
            return export_edxml.func(document, ctx)
        raise ValueError(fmt)

    def _read_text(self, file: CorpusFile) -> Document:
        name = str(file.text)
        return read_text(decode_text(file.text.read_bytes(), name), LoadContext(name, {})).document

    def _validate(self, document: Document) -> tuple[Document, list[Any]]:
        prepared = recognise_citations.func(document, TransformContext(SETTINGS)) or document
        ctx = RuleContext(SETTINGS)
        findings = [
            finding
            for rule in self.rules
            if rule.applies_to(prepared)
            for finding in rule.func(prepared, ctx)
        ]
        return prepared, findings

    def floor(self, stage: str, name: str) -> Work:
        file = self.files[name]
        loaded, prepared = self.loaded[name], self.prepared[name]
        if stage == "load yaml":
            return lambda: Document.model_validate(
                yaml.load(file.yaml.read_bytes(), Loader=yaml.CSafeLoader)
            )
        if stage == "load text":
            return lambda: self._read_text(file)
        if stage == "load xml":
            return lambda: Document.model_validate(
                xml_to_data(parse_untrusted(file.xml.read_bytes(), None), None)[0]
            )
        if stage == "load edxml":
            package = self.packages[name]
            return lambda: load_edxml.func(package, LoadContext(name, SETTINGS))
        if stage == "validate":
            return lambda: self._validate(loaded)
        if stage == "load text + validate":
            return lambda: self._validate(self._read_text(file))
        if stage.startswith("export "):
            fmt = stage.removeprefix("export ")
            return lambda: self._export(prepared, fmt)
        if stage == "end to end":

            def end_to_end() -> None:
                document, _ = self._validate(self._read_text(file))
                for fmt in FORMATS:
                    self._export(document, fmt)

            return end_to_end
        raise ValueError(stage)
