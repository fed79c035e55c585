"""Tables in a PDF, found by their ruling lines.

A PDF has no tables, only words and drawn lines. A table's grid is thin horizontal and
vertical strokes that touch one another. Strokes that touch are grouped into one grid.
A grid with two rows and two columns at least is a table: its column edges are the
vertical strokes' x, its row edges the horizontal strokes' y. Each word goes into the
cell its centre falls in, and the table is given to the text reader as "| a | b |" rows
with a separator under the first, as the text export writes it. Boxes with one cell
(a stamp, a framed subject) are not tables; their words stay in the flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bcpipe_plugins.pdf_reader.words import Box, Word

__all__ = ["Table", "find_tables"]

#: A stroke at most this thick (pt) is a rule; a thicker path is a filled box.
THIN = 2.0
#: Strokes this near (pt) touch; edges this near are one edge.
TOUCH = 2.5
#: More strokes than this on one page is a drawing, not a document's tables.
MAX_STROKES = 2000


@dataclass(frozen=True, slots=True)
class Table:
    """A table found on a page: its box and its rows of cell texts, top row first."""

    left: float
    bottom: float
    right: float
    top: float
    rows: list[list[str]]

    def holds(self, word: Word) -> bool:
        x = (word.left + word.right) / 2
        y = (word.bottom + word.top) / 2
        return self.left <= x <= self.right and self.bottom <= y <= self.top


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > TOUCH:
            out.append(value)
    return out


def _groups(strokes: Sequence[Box]) -> list[list[Box]]:
    """Strokes in groups that touch (union-find over the pairs whose boxes meet)."""
    parent = list(range(len(strokes)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, a in enumerate(strokes):
        for j in range(i + 1, len(strokes)):
            b = strokes[j]
            if (
                a.left - TOUCH <= b.right
                and b.left - TOUCH <= a.right
                and a.bottom - TOUCH <= b.top
                and b.bottom - TOUCH <= a.top
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[Box]] = {}
    for index, stroke in enumerate(strokes):
        groups.setdefault(root(index), []).append(stroke)
    return list(groups.values())


def _cell_text(words: list[Word]) -> str:
    """A cell's words: its lines top to bottom, each line's words left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: -w.top):
        middle = (word.top + word.bottom) / 2
        if lines and lines[-1][0].bottom <= middle <= lines[-1][0].top:
            lines[-1].append(word)
        else:
            lines.append([word])
    text = " ".join("".join(w.text for w in sorted(line, key=lambda w: w.left)) for line in lines)
    return " ".join(text.split())


def find_tables(words: Sequence[Word], strokes: Sequence[Box]) -> list[Table]:
    """The tables drawn on a page (``strokes``: the boxes of its path objects)."""
    thin = [
        s
        for s in strokes
        if (s.top - s.bottom <= THIN and s.right - s.left > TOUCH)
        or (s.right - s.left <= THIN and s.top - s.bottom > TOUCH)
    ]
    if len(thin) > MAX_STROKES:
        return []
    tables = []
    for group in _groups(thin):
        columns = _edges([(s.left + s.right) / 2 for s in group if s.right - s.left <= THIN])
        rows = _edges([(s.top + s.bottom) / 2 for s in group if s.top - s.bottom <= THIN])
        if len(columns) < 3 or len(rows) < 3:
            continue
        rows.reverse()  # top first
        cells: list[list[list[Word]]] = [[[] for _ in columns[1:]] for _ in rows[1:]]
        box = Table(columns[0], rows[-1], columns[-1], rows[0], [])
        for word in words:
            if not box.holds(word):
                continue
            x, y = (word.left + word.right) / 2, (word.bottom + word.top) / 2
            c = next((i for i in range(len(columns) - 1) if x <= columns[i + 1]), -1)
            r = next((i for i in range(len(rows) - 1) if y >= rows[i + 1]), -1)
            cells[r][c].append(word)
        texts = [[_cell_text(cell) for cell in row] for row in cells]
        texts = [row for row in texts if any(row)]
        if texts:
            tables.append(Table(box.left, box.bottom, box.right, box.top, texts))
    return tables
