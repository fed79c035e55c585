"""Which lone numbers are a page's number, and which are words of the document.

A line holding only a number ("12", "- 3 -", "Trang 4/10") is classified as a page
number by its form. In a Word table converted to text one cell per line, a value
("29", "100", "2.1") has the same form: skipped as layout debris, the table would lose
it. Page numbers also have a place, and that decides:

- where the text keeps its page breaks (form feeds: a PDF's text), a page's number
  stands at the page's edge: among the first two lines with words after a break, or
  the last one before it;
- elsewhere, a page's number stands apart (a blank line above and below it), or counts
  the pages with others from page 2 or 3 on: "2", "3", "4" … each at least a page's
  length below the one before. A count that starts at 1 (page one has no number), or
  whose numbers come closer than a page, counts a table's rows; one that starts
  further on counts a table's values ("11", "12", "13" far apart).

A number written as only a page's is ("- 3 -", "Trang 4", "4/10") is a page number
anywhere.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from bcpipe_plugins.text.lines import Line

__all__ = ["kept_numbers"]

#: Lines with words, after a page break or before one, where its number may stand.
_AFTER_BREAK = 2
_BEFORE_BREAK = 1
#: The fewest lines of a page: a table's row numbers ("1", "2", "3" a few lines apart)
#: do not count pages.
_PAGE_LINES = 15
#: Where a count of pages starts: page one has no number (a count from 1 counts a
#: table's rows), and a count from 11 is a table's values ("11", "12", "13").
_FIRST_PAGES = frozenset({2, 3})


def kept_numbers(lines: Sequence[Line], candidates: Sequence[int]) -> set[int]:
    """The indexes, among ``candidates`` (lines read as page numbers by their form),
    of those that are words of the document after all."""
    if any(line.page_break for line in lines):
        edges = _page_edges(lines)
        return {i for i in candidates if i not in edges and not _only_a_page(lines[i].text)}
    runs: list[tuple[int, list[int]]] = []  # (first value, the lines) of each count
    rows: set[int] = set()  # the runs whose numbers came closer than a page: a table's
    waiting: dict[int, int] = {}  # the value a run waits for -> the run's place in runs
    apart: set[int] = set()  # page numbers by their place, whatever their count
    for index in candidates:
        text = lines[index].text
        if _only_a_page(text):
            continue  # a page's number by its form
        if _blank(lines, index - 1) and _blank(lines, index + 1):
            apart.add(index)
        value = int(text)
        at = waiting.pop(value, None)
        if at is None:
            at = len(runs)
            runs.append((value, [index]))
        else:
            if index - runs[at][1][-1] < _PAGE_LINES:
                rows.add(at)
            runs[at][1].append(index)
        waiting[value + 1] = at
    kept: set[int] = set()
    for at, (first, run) in enumerate(runs):
        if at in rows or first not in _FIRST_PAGES or len(run) < 2:
            kept.update(index for index in run if index not in apart)
    return kept


def _blank(lines: Sequence[Line], index: int) -> bool:
    return not 0 <= index < len(lines) or not lines[index].text


def _only_a_page(text: str) -> bool:
    """Written as only a page number is: not a plain number ("- 3 -", "Trang 4", "4/10")."""
    return not text.isdigit()


def _page_edges(lines: Sequence[Line]) -> set[int]:
    """The indexes of the lines with words at each page's edge (the form feed may
    stand on a line of its own, or before a line's words)."""
    edges: set[int] = set()
    worded = [i for i, line in enumerate(lines) if line.text]
    for index, line in enumerate(lines):
        if line.page_break:
            at = bisect_left(worded, index)  # the break's line, or the next with words
            edges.update(worded[max(0, at - _BEFORE_BREAK) : at + _AFTER_BREAK])
    return edges
