"""The few drawing pieces reportlab does not have: the decree's rules, stamps and a
page-break guard that keeps headings with the lines after them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable

__all__ = ["KeepWithNext", "Stamp", "rule"]

RULE_THICKNESS = 0.6


def rule(width: float, *, before: float = 1.5, after: float = 0.0) -> Any:
    """A solid centred rule ``width`` points long (under issuer, tagline, subject)."""
    return HRFlowable(
        width=width,
        thickness=RULE_THICKNESS,
        lineCap="butt",
        color=black,
        spaceBefore=before,
        spaceAfter=after,
        hAlign="CENTER",
    )


class Stamp(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Text in a single-line rectangle: urgency, confidentiality, circulation marks."""

    def __init__(
        self, text: str, font: str, size: float, width: float, height: float, color: Color
    ) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.box_width = width
        self.box_height = height
        self.color = color
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.color)
        canvas.setFillColor(self.color)
        canvas.setLineWidth(0.8)
        canvas.rect(0, 0, self.box_width, self.box_height)
        canvas.setFont(self.font, self.size)
        # Cap height of a Times-like face is about 0.66 em: centre the capitals.
        canvas.drawCentredString(
            self.box_width / 2, (self.box_height - 0.66 * self.size) / 2, self.text
        )
        canvas.restoreState()


class KeepWithNext(CondPageBreak):  # type: ignore[misc]  # reportlab is untyped
    """Starts a new page unless ``flowables`` (a run of headings) and ``then`` points
    more (the first lines of what follows) fit in what is left of this one.

    Unlike reportlab's keepWithNext, which moves the whole next paragraph, this keeps
    a heading with the first lines only, as a word processor does, so a long paragraph
    after a heading does not leave half a page empty.
    """

    def __init__(self, flowables: Sequence[Any], then: float) -> None:
        super().__init__(0)
        self._flowables = list(flowables)
        self._then = then

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        needed = self._then
        for flowable in self._flowables:
            needed += flowable.wrap(avail_width, avail_height)[1] + flowable.getSpaceBefore()
        self.height = needed
        result: tuple[float, float] = super().wrap(avail_width, avail_height)
        return result
