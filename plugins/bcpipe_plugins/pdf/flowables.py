"""The few drawing pieces reportlab does not have: the decree's rules, stamps, a
page-break guard that keeps headings with the lines after them, and the closing
paragraph's last lines kept with the signature block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Spacer

__all__ = ["Chunked", "KeepWithNext", "Stamp", "TailWithBlock", "rule"]

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


class TailWithBlock(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph, ``space``, then ``block`` (the closing and the signature), never apart.

    When the three do not fit in what is left of the page, they go to the next page
    together; when they are taller than a page (``page_height``), the paragraph is split
    so that at least its last ``lines`` lines go over with the block. The block is split
    only when it and those lines are taller than a whole page, where nothing else could
    print it, and then from the top of a page.

    reportlab's KeepTogether cannot do this: once its group is taller than a page it lets
    every part split where it falls, and the signer's name could land alone on the next
    page.
    """

    def __init__(
        self, paragraph: Any, space: float, block: Any, page_height: float, lines: int = 2
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.space = space
        self.block = block
        self.page_height = page_height
        self.lines = lines
        self._paragraph_height = self._block_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._paragraph_height = self.paragraph.wrap(avail_width, avail_height)[1]
        self._block_height = self.block.wrap(avail_width, avail_height)[1]
        self.width = avail_width
        self.height = self._paragraph_height + self.space + self._block_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        self.wrap(avail_width, avail_height)
        page = self.page_height - 1  # what fits a fresh page, with room for rounding
        if self.height <= page:
            return []  # all of it on the next page, the paragraph whole
        tail = min(self._paragraph_height, self.lines * self.paragraph.style.leading)
        if tail + self.space + self._block_height > page:
            # Too tall for any page: from the top of a fresh one, let the parts flow and
            # the block split in its row (far below the name, at the top of its cell).
            if avail_height < page:
                return []
            return [self.paragraph, Spacer(1, self.space), self.block]
        parts = self.paragraph.split(avail_width, min(avail_height, self._paragraph_height - tail))
        if len(parts) != 2:
            return []  # nothing of the paragraph fits here: all of it goes to the next page
        first, rest = parts
        return [first, TailWithBlock(rest, self.space, self.block, self.page_height, self.lines)]

    def getSpaceBefore(self) -> float:  # noqa: N802  # reportlab's names
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.block.getSpaceAfter())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # The paragraph first: the content stream keeps the reading order.
        self.paragraph.drawOn(canvas, x, y + self._block_height + self.space, _sW)
        self.block.drawOn(canvas, x, y, _sW)


class Chunked(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A long paragraph as consecutive chunks (see ``story.LONG_PARAGRAPH``).

    Measured and drawn as one; split, it hands its chunks to the page layout, which then
    places them one by one: each chunk's lines are broken once (at most twice when it
    falls across a page end), so laying out the paragraph takes time in proportion to
    its length.
    """

    def __init__(self, chunks: Sequence[Any]) -> None:
        super().__init__()
        self.chunks = list(chunks)
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = []
        for index, chunk in enumerate(self.chunks):
            before = chunk.getSpaceBefore() if index else 0
            self._heights.append(chunk.wrap(avail_width, avail_height)[1] + before)
        self.width = avail_width
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        # What fits here as one (the layout requires the first part to fit), then the
        # rest chunk by chunk.
        self.wrap(avail_width, avail_height)
        used = 0.0
        fit: list[Any] = []
        rest: list[Any] = []
        for index, (chunk, height) in enumerate(zip(self.chunks, self._heights, strict=True)):
            if used + height <= avail_height:
                fit.append(chunk)
                used += height
                continue
            room = avail_height - used - (chunk.getSpaceBefore() if index else 0)
            parts = chunk.split(avail_width, room) if room > 0 else []
            if len(parts) == 2:
                fit.append(parts[0])
                rest = [parts[1], *self.chunks[index + 1 :]]
            else:
                rest = self.chunks[index:]
            break
        if not fit:
            return []
        return [Chunked(fit), *rest]

    def getSpaceBefore(self) -> float:  # noqa: N802  # reportlab's names
        return float(self.chunks[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.chunks[-1].getSpaceAfter())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        top = y + self.height
        for chunk, height in zip(self.chunks, self._heights, strict=True):
            top -= height
            chunk.drawOn(canvas, x, top, _sW)
