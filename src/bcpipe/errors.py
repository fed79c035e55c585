"""Exceptions. Every one a user can meet says what went wrong, where, and what was expected."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "BatchError",
    "BcpipeError",
    "EdxmlError",
    "ExportError",
    "FieldProblem",
    "InvalidDocumentError",
    "MissingOrganIdError",
    "NotSendableError",
    "PluginError",
    "RuleSelectionError",
    "ServeSettingsError",
    "SettingsError",
    "SourceError",
    "UnknownFormatError",
]


class BcpipeError(Exception):
    """Base of bcpipe's errors; ``str(error)`` is a complete message for the user."""


class SourceError(BcpipeError):
    """A source cannot be read as a document: missing, binary, badly encoded, bad syntax."""

    def __init__(
        self,
        source: str | None,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.source = source
        self.message = message
        self.line = line
        self.column = column
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One reason the data does not fit the model."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path or "(top level)"
        return (
            f"line {self.line}, {where}: {self.message}"
            if self.line
            else f"{where}: {self.message}"
        )


class InvalidDocumentError(BcpipeError):
    """Data was read but does not fit the document model (wrong types, missing fields)."""

    def __init__(self, source: str | None, problems: Sequence[FieldProblem]) -> None:
        self.source = source
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{source or '<input>'}: not a valid document ({count} problem{'s' * (count != 1)})"
        super().__init__("\n  ".join([head + ":", *(str(p) for p in self.problems)]))


class UnknownFormatError(BcpipeError):
    """No loader or exporter is registered for the asked format."""

    def __init__(self, what: str, name: str, available: Iterable[str]) -> None:
        self.name = name
        known = ", ".join(sorted(available)) or "none"
        super().__init__(f"no {what} for {name!r} (available: {known})")


class ExportError(BcpipeError):
    """An exporter failed on a document; names the format and the plugin."""

    def __init__(self, fmt: str, plugin: str | None, message: str) -> None:
        self.format = fmt
        self.plugin = plugin
        super().__init__(f"export to {fmt!r} failed in plugin {plugin or '?'}: {message}")


class PluginError(BcpipeError):
    """A plugin could not be loaded or registered (only raised in strict mode)."""

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        super().__init__(f"plugin {plugin!r}: {message}")


class BatchError(BcpipeError):
    """A batch cannot start: no documents, an output folder inside an input folder, or
    worker processes that cannot start."""


class RuleSelectionError(BcpipeError):
    """A rule selection names a set, code or severity that does not exist."""


class ServeSettingsError(BcpipeError):
    """``bcpipe serve`` cannot start: a limit of the ``[serve]`` table or of ``--limit``
    is wrong."""


# The edXML exporter's errors live here, not in its plugin, so that a user catches them as
# ``bcpipe.MissingOrganIdError`` without importing a plugin's modules.
_EDXML = "edxml"


class EdxmlError(ExportError):
    """The document cannot be packaged as edXML; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(_EDXML, _EDXML, message)


class SettingsError(EdxmlError):
    """The ``[edxml]`` settings are malformed."""


class MissingOrganIdError(EdxmlError):
    """A body the package names has no OrganId in the settings (codes are never invented).

    ``body`` is the name as the document writes it; ``setting`` what to add.
    """

    def __init__(self, body: str, role: str, setting: str) -> None:
        self.body = body
        self.setting = setting
        super().__init__(
            f"no OrganId (electronic identifier, QĐ 20/2020/QĐ-TTg) for {body!r}, the {role}; "
            f"add {setting} to the settings (look the code up in the official list; "
            "bcpipe never invents one)"
        )


class NotSendableError(EdxmlError):
    """The document may not travel as edXML (a draft, or a state secret)."""
