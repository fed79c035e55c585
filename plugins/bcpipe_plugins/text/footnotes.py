"""Footnotes: each note read under the signature, and its mark found in the words above.

A PDF's page-bottom notes and a crawled page's "[1] …" notes end up after the signature;
their marks stay in the body, glued to a word ("điều hành1", "tỉnh6)") or in brackets
("điều hành[1]", as bcpipe's text export writes them). Each note becomes a
:class:`~bcpipe.model.Footnote`: the mark is taken out of the words and its place kept
(the words' model path and the offset). Marks are looked for in reading order, each note's
after the previous note's, so that "1" finds the first "…1" after the text's start and "2"
the next "…2".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bcpipe.source import ModelPath, format_path
from bcpipe_plugins.text.notes import Notes

__all__ = ["place_footnotes"]

_Words = tuple[ModelPath, dict[str, Any], str]  # (block's path, block's data, field)
_MAX_PLACED = 100


def _words(blocks: list[Any], path: ModelPath) -> Iterator[_Words]:
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        here = (*path, index)
        for key in ("heading", "text"):
            if isinstance(block.get(key), str):
                yield here, block, key
        children = block.get("children")
        if isinstance(children, list):
            yield from _words(children, (*here, "children"))


def _mark(label: str) -> re.Pattern[str]:
    bracketed = re.escape(f"[{label}]")
    if label.isdigit():
        # Glued to a letter or a closing bracket, and no longer number: "hành1", "tỉnh6)".
        return re.compile(rf"{bracketed}|(?<=[^\W\d_])(?<!\[){label}(?!\d)")
    return re.compile(bracketed)


def place_footnotes(data: dict[str, Any], found: list[list[Any]], notes: Notes) -> list[Any]:
    """The footnotes ``found`` ([label, text, line]) as model data, their marks taken out
    of the words in ``data`` (basis, body, closing)."""
    words = [
        entry
        for part in ("basis", "body", "closing")
        for entry in _words(data.get(part, []), (part,))
    ]
    out: list[dict[str, Any]] = []
    at, after = 0, 0  # where the previous mark was found: the next one is looked for after it
    for number, (label, text, line) in enumerate(found):
        entry: dict[str, Any] = {"label": label, "text": text}
        pattern = _mark(label)
        # Each note's search may cross all the words: past this many notes (no real
        # document has them) the notes are kept unplaced, so that reading stays linear.
        searched = words if number < _MAX_PLACED else []
        for index in range(at, len(searched)):
            path, block, key = words[index]
            if block.get("citations"):  # a citation's words must stay as they are
                continue
            value: str = block[key]
            match = pattern.search(value, after if index == at else 0)
            if match is None:
                continue
            block[key] = value[: match.start()] + value[match.end() :]
            entry["path"] = format_path((*path, key))
            entry["offset"] = match.start()
            at, after = index, match.start()
            break
        notes.at(("footnotes", len(out)), line)
        out.append(entry)
    return out
