"""Do siblings number on without gaps: I, II, III; 1, 2, 3 (1.1, 1.2); a, b, c?"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bcpipe.model import Block, Clause, Point, Section
from bcpipe.source import ModelPath
from bcpipe.textutil import roman

__all__ = ["sequence_findings"]

# Points are lettered with the Vietnamese alphabet (PL I II.6): no f, j, w, z; đ after d.
POINT_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]


def _expected(kind: type, position: int, first: str | None) -> str:
    if kind is Section:
        return roman(position + 1)
    if kind is Point:
        return POINT_LETTERS[position] if position < len(POINT_LETTERS) else "?"
    # Clauses: "1", "2" … or, nested under "2.", "2.1", "2.2" …
    prefix = first.rsplit(".", 1)[0] + "." if first and "." in first else ""
    return f"{prefix}{position + 1}"


_KINDS = (Section, Clause, Point)


def sequence_findings(
    blocks: Sequence[Block], path: ModelPath
) -> Iterator[tuple[ModelPath, str, str]]:
    """(path, found, expected) for the first numbering gap of each kind among ``blocks``."""
    # One pass sorts the numbered blocks by kind: most lists hold none (items, paragraphs).
    numbered: dict[type, list[tuple[int, Section | Clause | Point]]] = {}
    for index, block in enumerate(blocks):
        if isinstance(block, _KINDS) and block.number:
            for kind in _KINDS:
                if isinstance(block, kind):
                    numbered.setdefault(kind, []).append((index, block))
    found: list[tuple[ModelPath, str, str]] = []
    for kind in _KINDS:
        group = numbered.get(kind)
        if not group:
            continue
        first = group[0][1].number
        for position, (index, block) in enumerate(group):
            expected = _expected(kind, position, first)
            if block.number != expected:
                found.append(((*path, index, "number"), str(block.number), expected))
                break
    return iter(found)
