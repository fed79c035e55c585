"""A PDF page's words grouped into printed lines, and lines into segments.

PDFium gives the text layer as rectangles of text (a word or a run of words) with their
boxes. Rectangles that overlap vertically are one printed line. A line is cut into
segments where a wide gap separates its words: the header's two columns, the signature
beside "Nơi nhận". Letters printed twice to fake bold are read once, and page numbers
and running heads in the top and bottom margins are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bcpipe_plugins.pdf_reader.words import Word
from bcpipe_plugins.text.patterns import MOTTO, TAGLINE

__all__ = ["Line", "lines_of", "running_heads", "text_of"]

#: A gap this wide (pt) between words on one line separates two columns.
COLUMN_GAP = 18.0
#: In the header a narrower gap does: two long names can nearly touch
#: ("UBND THÀNH PHỐ HỒ CHÍ MINH" beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
HEADER_GAP = 7.0
#: The top and bottom share of a page where page numbers and running heads stand.
MARGIN_SHARE = 0.08
#: A header's motto or tagline: a letter attached with its own header repeats them at
#: the top of its page, which makes them no running head.
_HEADER = re.compile(f"{MOTTO}|{TAGLINE}")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
#: A footnote's mark: a number of one to three digits (or a star), set small and raised.
_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})\s*$")
#: The widest a line of marks alone is (pt): "12" set small is about 7 pt wide.
_MARK_WIDTH = 15.0
#: The gap (pt) under which a mark is glued to the word before it ("điều hành1").
_GLUED = 2.0


@dataclass(slots=True)
class Line:
    """One printed line: its words, left to right once :meth:`segments` is asked."""

    top: float
    bottom: float
    baseline: float
    words: list[Word] = field(default_factory=list)
    #: The mark raised at the line's start ("4"): the line opens footnote 4.
    note: str | None = None

    def segments(self, gap: float = COLUMN_GAP) -> list[list[Word]]:
        ordered = _without_overprint(self.words)
        out: list[list[Word]] = [[ordered[0]]]
        for word in ordered[1:]:
            if word.left - out[-1][-1].right > gap:
                out.append([word])
            else:
                out[-1].append(word)
        return out


def text_of(words: Sequence[Word]) -> str:
    return " ".join("".join(w.text for w in words).split())


def _without_overprint(words: list[Word]) -> list[Word]:
    """Words with the letters drawn twice dropped: fake bold, or a run drawn again from a
    few letters back, overlaps the rectangle before it and repeats its last letters
    ("L", "ãn", "ãnh " for "Lãnh"; "Hà Nộ", "Nộ"). The longest repeat is cut: two
    letters at least, or one where the rectangles overlap by a point or more."""
    out: list[Word] = []
    for word in sorted(words, key=lambda w: w.left):
        if out and word.left < out[-1].right and word.right > word.left:
            # The line so far: a repeat may reach back past the last rectangle's cut.
            previous = "".join(w.text for w in out[-3:]).rstrip()
            overlap = out[-1].right - word.left
            text = word.text
            cut = next(
                (
                    k
                    for k in range(len(text.rstrip()), 0, -1)
                    if previous.endswith(text[:k]) and (k >= 2 or overlap >= 1.0)
                ),
                0,
            )
            if cut:
                rest = text[cut:]
                if not rest.strip():
                    continue
                word = Word(
                    out[-1].right, word.bottom, word.right, word.top, rest, word.bold, word.baseline
                )
        out.append(word)
    return out


def _grouped(words: Iterable[Word]) -> list[Line]:
    """Words on one baseline are a line (boxes would not do: a dash's small box in the
    left column may fall within the band of a taller line of the right column)."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (-w.baseline, w.left)):
        tolerance = max(0.3 * (word.top - word.bottom), 1.0)
        near = [line for line in lines[-3:] if abs(line.baseline - word.baseline) <= tolerance]
        if near:
            line = min(near, key=lambda line: abs(line.baseline - word.baseline))
            line.words.append(word)
            line.top, line.bottom = max(line.top, word.top), min(line.bottom, word.bottom)
        else:
            lines.append(Line(word.top, word.bottom, word.baseline, [word]))
    return lines


def _raised(mark: Line, line: Line) -> bool:
    """``mark`` stands raised on ``line``: its foot between the line's baseline and top,
    over the line's words, just after them or just before them (a footnote's number)."""
    return (
        line.baseline < mark.bottom < line.top
        and min(w.left for w in line.words) - _MARK_WIDTH <= mark.words[0].left
        and mark.words[-1].right <= max(w.right for w in line.words) + _MARK_WIDTH
    )


def _marks_put_back(lines: list[Line]) -> list[Line]:
    """Footnote marks set raised (a superscript "4" after "QPPL") put back into the line
    they stand on, glued to the word before them as a text extraction gives them: their
    baseline is their own, so grouping by baselines made them a line apart, which read
    as a page number and broke the paragraph around it. A mark raised before a line's
    first word is the number of the footnote the line opens (``Line.note``)."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        words = sorted(line.words, key=lambda w: w.left)
        is_marks = words[-1].right - words[0].left <= _MARK_WIDTH and all(
            _MARK.match(w.text) for w in words
        )
        if not is_marks:
            out.append(line)
            continue
        below = lines[index + 1] if index + 1 < len(lines) else None
        target = below if below is not None and _raised(line, below) else None
        if target is None and out and _raised(line, out[-1]):
            target = out[-1]
        if target is None:
            out.append(line)
            continue
        if words[-1].right <= min(w.left for w in target.words) + _GLUED:
            # Raised before the line's first word: the line is a footnote's first.
            target.note = "".join(w.text for w in words).strip()
            continue
        for mark in words:
            before = [w for w in target.words if w.right <= mark.left + _GLUED]
            if before:
                word = max(before, key=lambda w: w.right)
                if mark.left - word.right < _GLUED and word.text.endswith(" "):
                    glued = Word(
                        word.left,
                        word.bottom,
                        word.right,
                        word.top,
                        word.text.rstrip(),
                        word.bold,
                        word.baseline,
                    )
                    target.words[target.words.index(word)] = glued
            target.words.append(mark)
    return out


def _in_margin(line: Line, height: float) -> bool:
    return line.top > height * (1 - MARGIN_SHARE) or line.bottom < height * MARGIN_SHARE


def lines_of(words: Sequence[Word], height: float, page: int, repeated: set[str]) -> list[Line]:
    """The printed lines of a page, top to bottom, without page numbers and running
    heads (``repeated``; page one's top is the document's header, never dropped)."""
    out = []
    for line in _marks_put_back(_grouped(words)):
        if _in_margin(line, height):
            text = text_of(sorted(line.words, key=lambda w: w.left))
            if _PAGE_NUMBER.match(text) or (page > 1 and text in repeated):
                continue
        out.append(line)
    return out


def running_heads(pages: Sequence[tuple[Sequence[Word], float]]) -> set[str]:
    """Texts standing in the top or bottom margin of more than one page."""
    seen: dict[str, int] = {}
    for words, height in pages:
        texts = {
            text_of(sorted(line.words, key=lambda w: w.left))
            for line in _grouped(words)
            if _in_margin(line, height)
        }
        for text in texts:
            seen[text] = seen.get(text, 0) + 1
    return {
        text
        for text, count in seen.items()
        if count > 1 and len(pages) > 1 and not _HEADER.search(text)
    }
