"""The line of every key of a TOML text, by model path ("body[0].children[1].text").

Run after ``tomllib`` has accepted the text. tomllib gives no positions, so the text is
scanned once more: table headers (``[issue_date]``, ``[[body]]``,
``[[body.children]]``, each array of tables numbered as TOML appends to it), keys
(``month = 13``, dotted keys too), and the items of an array value, one by one. A
value inside an inline table has its table's line (its nearest ancestor's).
"""

from __future__ import annotations

import re

__all__ = ["toml_lines"]

_PART = r'[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = re.compile(rf"\s*((?:{_PART})(?:\s*\.\s*(?:{_PART}))*)\s*=")
_HEADER = re.compile(rf"\s*(\[\[?)\s*((?:{_PART})(?:\s*\.\s*(?:{_PART}))*)\s*\]\]?")
_PARTS = re.compile(_PART)


def _parts(key: str) -> list[str]:
    return [p[1:-1] if p[0] in "\"'" else p for p in _PARTS.findall(key)]


class _Scan:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[str, int] = {}
        self.appended: dict[str, int] = {}  # array-of-tables path -> tables so far
        self.line = 1
        self.pos = 0

    def resolve(self, parts: list[str], *, append: bool = False) -> str:
        """The model path of a header's keys: arrays of tables at their last table."""
        path = ""
        for index, part in enumerate(parts):
            path = f"{path}.{part}" if path else part
            last = index == len(parts) - 1
            if last and append:
                self.lines.setdefault(path, self.line)
                self.appended[path] = self.appended.get(path, 0) + 1
                path += f"[{self.appended[path] - 1}]"
            elif path in self.appended:
                path += f"[{self.appended[path] - 1}]"
        return path

    def run(self) -> dict[str, int]:
        table = ""
        text = self.text
        while self.pos < len(text):
            end = text.find("\n", self.pos)
            end = len(text) if end < 0 else end
            line = text[self.pos : end]
            header = _HEADER.match(line)
            key = _KEY.match(line)
            if header and not key:
                table = self.resolve(_parts(header.group(2)), append=header.group(1) == "[[")
                self.lines[table] = self.line
                self.advance(end)
            elif key:
                path = ".".join([table, *_parts(key.group(1))] if table else _parts(key.group(1)))
                self.lines[path] = self.line
                self.pos += key.end()
                self.value(path)
            else:
                self.advance(end)
        return self.lines

    def advance(self, end: int) -> None:
        self.pos = end + 1
        self.line += 1

    def value(self, path: str) -> None:
        """Skip the value at ``pos`` (strings, arrays, inline tables, over lines), noting
        the line of each item of an array; ends past the value's line."""
        text = self.text
        depth = 0
        index = -1  # the item of a top-level array being read
        expecting = False  # at depth 1 of an array: the next non-space char starts an item
        while self.pos < len(text):
            char = text[self.pos]
            if char == "\n":
                self.line += 1
                self.pos += 1
                if depth == 0:
                    return
                continue
            if char == "#":
                newline = text.find("\n", self.pos)
                self.pos = len(text) if newline < 0 else newline
                continue
            if depth == 1 and expecting and char not in " \t\r,]":
                index += 1
                self.lines.setdefault(f"{path}[{index}]", self.line)
                expecting = False
            if char in "\"'":
                self.string(char)
                continue
            if char in "[{":
                if depth == 0 and char == "[":
                    expecting = True
                depth += 1
            elif char in "]}":
                depth -= 1
            elif char == "," and depth == 1:
                expecting = True
            self.pos += 1

    def string(self, quote: str) -> None:
        text = self.text
        triple = text.startswith(quote * 3, self.pos)
        close = quote * 3 if triple else quote
        self.pos += len(close)
        while self.pos < len(text):
            if text.startswith(close, self.pos):
                self.pos += len(close)
                if triple:  # a multi-line string may end with up to two more quotes
                    while text.startswith(quote, self.pos):
                        self.pos += 1
                return
            char = text[self.pos]
            if char == "\\" and quote == '"':
                if text[self.pos + 1 : self.pos + 2] == "\n":
                    self.line += 1
                self.pos += 2
                continue
            if char == "\n":
                self.line += 1
            self.pos += 1


def toml_lines(text: str) -> dict[str, int]:
    """A map from model paths to 1-based lines of the valid TOML ``text``."""
    return _Scan(text).run()
