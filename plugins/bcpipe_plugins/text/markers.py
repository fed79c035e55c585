"""The label that opens a body line: "Phần I", "I.", "1.", "1.1.", "a)", "-", "+"."""

from __future__ import annotations

from typing import NamedTuple

from bcpipe_plugins.text.patterns import (
    ARTICLE,
    ARTICLE_PARTS,
    BASIS_OPENER,
    CHAPTER,
    CLAUSE,
    CLOSING_OPENER,
    DASHES,
    DIVISION,
    ITEM,
    PART,
    PART_ORDINALS,
    POINT,
    SECTION,
)

__all__ = ["Marker", "block_marker", "starts_block"]


class Marker(NamedTuple):
    """A line's label: the kind of block it opens, its number or bullet, and its words.

    A named tuple, not a frozen dataclass: one is made for most lines of a body, and a
    frozen dataclass sets each field through object.__setattr__.
    """

    kind: str  # part, chapter, regulation_section, section, article, clause, point, item
    label: str  # "I", "1.2", "a", "-" or "+"
    words: str  # the rest of the line (may be empty: the words follow on the next line)

    @property
    def depth(self) -> int:
        """Nesting of a clause number: "1" is 1, "1.2" is 2."""
        return self.label.count(".") + 1


def block_marker(text: str) -> Marker | None:
    """The marker opening ``text`` (white space collapsed), or None for plain words."""
    first = text[:1]
    if first.isdigit():
        match = CLAUSE.match(text)
        if match is None:
            return None
        if match.group("number") is not None:
            return Marker("clause", match.group("number"), match.group("rest"))
        return Marker("clause", match.group("bare"), match.group("bare_rest"))
    if first in "IVX":
        match = SECTION.match(text)
        return Marker("section", match.group("number"), match.group("rest")) if match else None
    if first in "Pp":
        match = PART.match(text)
        if match is None:
            return None
        number = match.group("number") or PART_ORDINALS[match.group("ordinal").lower()]
        return Marker("part", number, match.group("rest"))
    if first in "-+–—•∙·":
        match = ITEM.match(text)
        if match is None:
            return None
        return Marker("item", match.group("marker").translate(DASHES), match.group("rest"))
    if first in "Đđ":
        match = ARTICLE_PARTS.match(text)
        return Marker("article", match.group("number"), match.group("rest")) if match else None
    if first == "C":
        match = CHAPTER.match(text)
        return Marker("chapter", match.group("number"), match.group("rest")) if match else None
    if first == "M":
        match = DIVISION.match(text)
        if match is None:
            return None
        return Marker("regulation_section", match.group("number"), match.group("rest"))
    if first.islower():
        match = POINT.match(text)
        return Marker("point", match.group("letter"), match.group("rest")) if match else None
    return None


def starts_block(text: str) -> bool:
    """The line opens a block of the body: a marker, an article, or a basis line."""
    return (
        block_marker(text) is not None
        or BASIS_OPENER.match(text) is not None
        or ARTICLE.match(text) is not None
        or CLOSING_OPENER.match(text) is not None
    )
