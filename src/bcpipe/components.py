"""The components plugins contribute: rules, exporters, loaders and transforms.

A plugin's hooks return these objects (see :mod:`bcpipe.hookspecs`). Each is a small
frozen dataclass wrapping a function; the decorators :func:`rule`, :func:`exporter`,
:func:`loader` and :func:`transform` build them::

    @bcpipe.rule("xy-signer-name", NAME_TOO_SHORT)
    def signer_name(doc, ctx):
        name = doc.signature.name  # None in a draft not yet signed
        if name and len(name.split()) < 2:
            yield NAME_TOO_SHORT.at(("signature", "name"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bcpipe.convert import document_from_data
from bcpipe.doctypes import DocumentType
from bcpipe.findings import Check, Finding, Language
from bcpipe.model import Document

__all__ = [
    "ExportContext",
    "Exporter",
    "LoadContext",
    "Loaded",
    "Loader",
    "Rule",
    "RuleContext",
    "Transform",
    "TransformContext",
    "exporter",
    "loader",
    "rule",
    "transform",
]


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Given to every rule: the pipeline's settings and language."""

    settings: Mapping[str, Any]
    language: Language = "vi"


RuleFunc = Callable[[Document, RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A validation rule: a function yielding findings, and the checks it may report.

    ``types`` limits the rule to some document types (None: every type).
    """

    name: str
    checks: tuple[Check, ...]
    func: RuleFunc
    types: frozenset[DocumentType] | None = None
    description: str = ""

    def applies_to(self, document: Document) -> bool:
        return self.types is None or document.type in self.types

    def check(self, document: Document, ctx: RuleContext) -> Iterable[Finding]:
        return self.func(document, ctx)


def rule(
    name: str, *checks: Check, types: Iterable[DocumentType] | None = None
) -> Callable[[RuleFunc], Rule]:
    """Make a :class:`Rule` of a function ``(document, ctx) -> Iterable[Finding]``."""

    def wrap(func: RuleFunc) -> Rule:
        return Rule(
            name=name,
            checks=checks,
            func=func,
            types=frozenset(types) if types is not None else None,
            description=(func.__doc__ or "").strip().split("\n")[0],
        )

    return wrap


@dataclass(frozen=True, slots=True)
class ExportContext:
    """Given to every exporter: settings, and ``export`` to reuse another exporter."""

    settings: Mapping[str, Any]
    export: Callable[[Document, str], bytes]
    formats: frozenset[str] = frozenset()


ExportFunc = Callable[[Document, ExportContext], bytes]


@dataclass(frozen=True, slots=True)
class Exporter:
    """Turns a document into bytes of one format (``name``: "text", "pdf", …)."""

    name: str
    func: ExportFunc
    media_type: str = "application/octet-stream"
    extension: str = ""
    description: str = ""

    def export(self, document: Document, ctx: ExportContext) -> bytes:
        return self.func(document, ctx)


def exporter(
    name: str, *, media_type: str = "application/octet-stream", extension: str = ""
) -> Callable[[ExportFunc], Exporter]:
    """Make an :class:`Exporter` of a function ``(document, ctx) -> bytes``."""

    def wrap(func: ExportFunc) -> Exporter:
        doc = (func.__doc__ or "").strip().split("\n")[0]
        return Exporter(name, func, media_type, extension, doc)

    return wrap


@dataclass(slots=True)
class Loaded:
    """A loader's full answer: the document, its line map and what reading noticed.

    ``places`` (see :class:`bcpipe.source.SourceInfo`) say where model paths stand in a
    source without lines a clerk sees: a .docx paragraph or table cell, a PDF page;
    ``partial`` names the model paths the source gives only in part (see there).
    """

    document: Document
    lines: Mapping[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    places: Mapping[str, str] = field(default_factory=dict)
    partial: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LoadContext:
    """Given to every loader: the source's name (for messages), settings, ``load_file``.

    ``document(data, lines=...)`` turns parsed data into a :class:`Document`,
    raising :class:`bcpipe.errors.InvalidDocumentError` with field paths (and lines, when
    ``lines`` is given) if the data does not fit the model.
    """

    source: str | None
    settings: Mapping[str, Any]
    #: Reads another file (bytes, file name) with the loader its name's suffix picks: an
    #: envelope format (an edXML package) reads its attachment so. None outside a pipeline.
    load_file: Callable[[bytes, str], Document] | None = None

    def document(self, data: Any, *, lines: Mapping[str, int] | None = None) -> Document:
        return document_from_data(data, source=self.source, lines=lines)


LoadFunc = Callable[[bytes, LoadContext], "Document | Loaded"]


@dataclass(frozen=True, slots=True)
class Loader:
    """Reads one kind of file (``name``: "yaml", "text", …) into a document.

    ``suffixes`` are the file name endings it claims (".yaml", ".yml"). The function
    gets the raw bytes and raises :class:`bcpipe.errors.SourceError` (bad syntax) or
    :class:`bcpipe.errors.InvalidDocumentError` (does not fit the model). ``checks``
    declares the codes of the findings it may return in :class:`Loaded` (so that
    ``bcpipe rules`` lists them).
    """

    name: str
    suffixes: tuple[str, ...]
    func: LoadFunc
    description: str = ""
    checks: tuple[Check, ...] = ()

    def load(self, data: bytes, ctx: LoadContext) -> Document | Loaded:
        return self.func(data, ctx)


def loader(
    name: str, *, suffixes: Iterable[str], checks: Iterable[Check] = ()
) -> Callable[[LoadFunc], Loader]:
    """Make a :class:`Loader` of a function ``(data: bytes, ctx) -> Document | Loaded``."""

    def wrap(func: LoadFunc) -> Loader:
        doc = (func.__doc__ or "").strip().split("\n")[0]
        return Loader(name, tuple(s.lower() for s in suffixes), func, doc, tuple(checks))

    return wrap


@dataclass(frozen=True, slots=True)
class TransformContext:
    """Given to every transform: the pipeline's settings."""

    settings: Mapping[str, Any]


TransformFunc = Callable[[Document, TransformContext], "Document | None"]


@dataclass(frozen=True, slots=True)
class Transform:
    """Changes a document before validation and export; returns the new document.

    Transforms run by ascending ``priority`` (then in registration order). Bands:
    0-199 normalise, 200-499 enrich (e.g. recognise citations), 500+ derive. A
    transform must not change its input in place: return a copy, or None for "no
    change". It must be idempotent: documents may be prepared more than once.
    """

    name: str
    func: TransformFunc
    priority: int = 500
    description: str = ""

    def apply(self, document: Document, ctx: TransformContext) -> Document | None:
        return self.func(document, ctx)


def transform(name: str, *, priority: int = 500) -> Callable[[TransformFunc], Transform]:
    """Make a :class:`Transform` of a function ``(document, ctx) -> Document | None``."""

    def wrap(func: TransformFunc) -> Transform:
        doc = (func.__doc__ or "").strip().split("\n")[0]
        return Transform(name, func, priority, doc)

    return wrap
