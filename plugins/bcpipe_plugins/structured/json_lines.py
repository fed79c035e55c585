"""The line of every value of a JSON text, by model path ("body[0].text").

Run after ``json.loads`` has accepted the text, so the walk may assume valid JSON. It
reads each value once (strings through the json module's own scanner): linear time.
"""

from __future__ import annotations

import bisect
import json.decoder
import re
from collections.abc import Callable
from typing import cast

__all__ = ["json_lines"]

# The json module's own string reader (typeshed does not declare it).
scanstring = cast(Callable[[str, int], tuple[str, int]], json.decoder.scanstring)  # type: ignore[attr-defined]
_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


class _Walk:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[str, int] = {}

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def skip(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, path: str | None) -> int:
        """Walk the value at ``pos``; returns where it ends."""
        pos = self.skip(pos)
        if path is not None:
            self.lines.setdefault(path, self.line(pos))
        char = self.text[pos]
        if char == "{":
            return self.members(pos + 1, path)
        if char == "[":
            return self.items(pos + 1, path)
        if char == '"':
            return scanstring(self.text, pos + 1)[1]
        match = _SCALAR.match(self.text, pos)
        return match.end() if match else pos + 1

    def members(self, pos: int, path: str | None) -> int:
        pos = self.skip(pos)
        while self.text[pos] != "}":
            key, end = scanstring(self.text, pos + 1)
            child = key if path is None else f"{path}.{key}"
            self.lines[child] = self.line(pos)  # the key's line, as for YAML
            pos = self.skip(end) + 1  # past ":"
            pos = self.skip(self.value(pos, child))
            if self.text[pos] == ",":
                pos = self.skip(pos + 1)
        return pos + 1

    def items(self, pos: int, path: str | None) -> int:
        pos = self.skip(pos)
        index = 0
        while self.text[pos] != "]":
            pos = self.skip(self.value(pos, f"{path or ''}[{index}]"))
            index += 1
            if self.text[pos] == ",":
                pos = self.skip(pos + 1)
        return pos + 1


def json_lines(text: str) -> dict[str, int]:
    """A map from model paths to 1-based lines of the valid JSON ``text``."""
    walk = _Walk(text)
    walk.value(0, None)
    return walk.lines
