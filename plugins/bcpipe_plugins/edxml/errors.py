"""Why an edXML package cannot be made. Each is an :class:`~bcpipe.ExportError`."""

from __future__ import annotations

from bcpipe import ExportError

__all__ = ["EdxmlError", "MissingOrganIdError", "NotSendableError", "SettingsError"]

FORMAT = "edxml"


class EdxmlError(ExportError):
    """The document cannot be packaged as edXML; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(FORMAT, FORMAT, message)


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
