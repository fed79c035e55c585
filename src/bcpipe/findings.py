"""Findings: what a rule reports, with a stable code, a severity, a place and a message.

Messages come in Vietnamese (for the clerk) and English (for developers). A
:class:`Check` declares one code and its message templates; a rule makes findings
with ``CHECK.at(path, **params)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from bcpipe.source import ModelPath, format_path

if TYPE_CHECKING:
    from bcpipe.model import Document

__all__ = [
    "RULE_SETS",
    "Check",
    "Finding",
    "Language",
    "Location",
    "Severity",
    "ValidationResult",
]

Language = Literal["vi", "en"]
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}\d{2,4}$")
#: The rule sets a check can be in (see :mod:`bcpipe.selection`): the default set,
#: the decree's letter beyond it, presentation.
RULE_SETS = ("recommended", "strict", "style")


class Severity(StrEnum):
    """How serious a finding is. Errors make ``bcpipe validate`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the document: a model path, and the source line when it is known.

    ``place`` is where the words stand in a source that has no lines a clerk sees (a
    .docx: "paragraph 12", "table 1, row 2, cell 1"; a PDF: "page 3, line 7").
    """

    path: ModelPath = ()
    line: int | None = None
    source: str | None = None
    place: str | None = None

    def __str__(self) -> str:
        where = format_path(self.path) or "(document)"
        if self.place is not None:
            return f"{where} ({self.place})"
        return f"{where} (line {self.line})" if self.line is not None else where

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": format_path(self.path),
            "line": self.line,
            "source": self.source,
            "place": self.place,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or remark) about a document.

    ``message`` is in the language the pipeline was set up with; ``message_vi`` and
    ``message_en`` are both always there. ``plugin`` and ``rule`` name who reported it.
    """

    code: str
    severity: Severity
    location: Location
    message_vi: str
    message_en: str
    plugin: str | None = None
    rule: str | None = None
    language: Language = "vi"

    @property
    def message(self) -> str:
        return self.message_vi if self.language == "vi" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "location": self.location.to_dict(),
            "plugin": self.plugin,
            "rule": self.rule,
        }

    def __str__(self) -> str:
        return f"{self.severity.value} {self.code} {self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class Check:
    """A code a rule can report, with its default severity and message templates.

    Templates are :meth:`str.format` strings filled from the keyword arguments of
    :meth:`at`::

        MISSING = Check("XY001", Severity.ERROR,
                        vi="Thiếu mục {name}", en="Section {name} is missing")
        yield MISSING.at(("body",), name="Đề xuất")

    ``rule_set`` says which rule set the code is in: ``recommended`` (reported by
    default), ``strict`` or ``style`` (reported when selected).
    """

    code: str
    severity: Severity
    vi: str
    en: str
    rule_set: str = "recommended"

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"finding code {self.code!r} is not of the form ABC123")
        if self.rule_set not in RULE_SETS:
            raise ValueError(
                f"rule set {self.rule_set!r} of {self.code} is not one of {', '.join(RULE_SETS)}"
            )

    def at(self, path: ModelPath | Location = (), /, **params: Any) -> Finding:
        """A finding of this check at ``path`` (a model path or a :class:`Location`)."""
        location = path if isinstance(path, Location) else Location(tuple(path))
        return Finding(
            code=self.code,
            severity=self.severity,
            location=location,
            message_vi=self.vi.format(**params),
            message_en=self.en.format(**params),
        )


@dataclass(slots=True)
class ValidationResult:
    """What :meth:`bcpipe.Pipeline.validate` returns: the document as validated, and findings."""

    document: Document
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and infos allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def codes(self) -> list[str]:
        """The codes found, in order, with repeats."""
        return [f.code for f in self.findings]

    def by_code(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.code, []).append(finding)
        return grouped

    def counts(self) -> Mapping[str, int]:
        """Number of findings per severity name."""
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.document.status.value,
            "ok": self.ok,
            "counts": dict(self.counts()),
            "findings": [f.to_dict() for f in self.findings],
        }
