"""Why an edXML package cannot be made. Each is an :class:`~bcpipe.ExportError`.

The classes are defined in :mod:`bcpipe.errors`, so that users catch them from ``bcpipe``.
"""

from __future__ import annotations

from bcpipe.errors import EdxmlError, MissingOrganIdError, NotSendableError, SettingsError

__all__ = ["FORMAT", "EdxmlError", "MissingOrganIdError", "NotSendableError", "SettingsError"]

FORMAT = "edxml"
