"""What the PDF reader takes from a page: boxes of text and boxes of drawn paths."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Box", "Word"]


@dataclass(frozen=True, slots=True)
class Box:
    """A box in PDF coordinates (origin bottom left), in points."""

    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True, slots=True)
class Word(Box):
    """A rectangle of text as PDFium gives it: a word or a run of words, and whether its
    font is bold (weight 600 or more)."""

    text: str
    bold: bool = False
