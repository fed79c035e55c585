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
    """A word as the page draws it: its box, whether its font is bold (weight 600 or
    more) and its baseline (the y its letters stand on)."""

    text: str
    bold: bool = False
    baseline: float = 0.0
