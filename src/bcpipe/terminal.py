"""Text for a terminal: control characters shown, never obeyed.

A file name or a field can hold ESC and BEL (``\\x1b]0;PWNED\\x07`` retitles a
terminal window; other sequences move the cursor or rewrite what was printed). Human
output shows them as escapes (``\\x1b``) instead; machine output (JSON) escapes them
by its own rules.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

__all__ = ["EscapingStream", "printable"]

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional
# overrides and isolates that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


class EscapingStream:
    """A text stream that writes :func:`printable` text to ``stream``.

    The progress bar's carriage return (``\\r``) is the one control kept: it is ours.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        parts = text.split("\r")
        return self._stream.write("\r".join(printable(part) for part in parts))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, buffer, encoding, …
        return getattr(self._stream, name)
