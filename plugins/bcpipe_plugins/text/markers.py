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

__all__ = ["OPENER_START", "Marker", "block_marker", "opener"]


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


def _marker(kind: str, label: str, words: str) -> Marker:
    # tuple.__new__ builds the named tuple in C (Marker(...) runs a Python __new__).
    return tuple.__new__(Marker, (kind, label, words))


def block_marker(text: str) -> Marker | None:
    """The marker opening ``text`` (white space collapsed), or None for plain words."""
    first = text[:1]
    if first.isdigit():
        match = CLAUSE.match(text)
        if match is None:
            return None
        if match.group("number") is not None:
            return _marker("clause", match.group("number"), match.group("rest"))
        return _marker("clause", match.group("bare"), match.group("bare_rest"))
    if first in "IVX":
        match = SECTION.match(text)
        return _marker("section", match.group("number"), match.group("rest")) if match else None
    if first in "Pp":
        match = PART.match(text)
        if match is None:
            return None
        number = match.group("number") or PART_ORDINALS[match.group("ordinal").lower()]
        return _marker("part", number, match.group("rest"))
    if first in "-+–—•∙·":
        match = ITEM.match(text)
        if match is None:
            return None
        return _marker("item", match.group("marker").translate(DASHES), match.group("rest"))
    if first in "Đđ":
        match = ARTICLE_PARTS.match(text)
        return _marker("article", match.group("number"), match.group("rest")) if match else None
    if first == "C":
        match = CHAPTER.match(text)
        return _marker("chapter", match.group("number"), match.group("rest")) if match else None
    if first == "M":
        match = DIVISION.match(text)
        if match is None:
            return None
        return _marker("regulation_section", match.group("number"), match.group("rest"))
    if first.islower():
        match = POINT.match(text)
        return _marker("point", match.group("letter"), match.group("rest")) if match else None
    return None


#: What the words opening an article, a basis or a closing line start with ("Điều",
#: "Căn cứ", "Thực hiện", "Xét", "Phúc đáp", "Trên đây", "Kính trình", "Rất mong" …).
OPENER_START = frozenset("ĐđCTPXKR")


def opener(text: str) -> str | None:
    """ "article" ("Điều 2."), "basis" ("Căn cứ …") or "closing" ("Trên đây …") when
    those words open ``text``, else None."""
    if ARTICLE.match(text) is not None:
        return "article"
    if BASIS_OPENER.match(text) is not None:
        return "basis"
    if CLOSING_OPENER.match(text) is not None:
        return "closing"
    return None
