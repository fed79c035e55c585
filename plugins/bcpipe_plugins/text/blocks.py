"""Body lines as a flat run of blocks: each labelled line opens one, words join it.

This pass decides what a line *is* (a section's title, a clause, an item, the rest
of a sentence broken by a page break, a table row); :mod:`.tree` then decides what
it belongs to. Lines arrive in one of two shapes:

- **spaced**: a blank line between paragraphs (the sample, and text exported by
  bcpipe). A line right under another without a label is the same paragraph,
  wrapped.
- **dense**: one paragraph per line, no blank lines (Word's "save as text"). A line
  without a label is a new paragraph, unless it starts in lower case.

Either way a line that starts in lower case after a blank line (or a page number)
finishes the sentence above it: the page broke it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bcpipe_plugins.text.classify import record_of
from bcpipe_plugins.text.lines import (
    Line,
    ends_sentence,
    goes_on_after_hyphen,
    goes_on_in_date,
    is_caps,
    joined_lines,
    starts_lower,
)
from bcpipe_plugins.text.markers import opener
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import SEPARATOR_CELL

__all__ = ["Raw", "is_dense", "pipe_cells", "scan_blocks", "wrap_width"]


@dataclass(slots=True)
class Raw:
    """One block as read: its kind, label, words and the lines it took."""

    kind: str  # part, section, clause, point, item, paragraph, article or table
    line: int
    label: str = ""
    words: list[str] = field(default_factory=list)
    last: int = 0
    awaiting: bool = False  # a label alone on its line: its words follow
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    tabbed: bool = False
    caption: str | None = None
    joins: list[tuple[int, int]] = field(default_factory=list)  # (previous line, line)
    #: What the words of its first line open with ("basis", "closing", "article"; see
    #: :class:`~.classify.Record`), and whether that line is "Kính gửi …".
    opener: str | None = None
    addressee: bool = False

    def opens(self) -> str | None:
        """What the block's words open with: its first line's opener, unless that line is
        short enough to have split the opening words ("Theo Công văn" / "số 12/…")."""
        if len(self.words) <= 1 or len(self.words[0]) > _LONGEST_OPENER:
            return self.opener
        return opener(self.text)

    @property
    def text(self) -> str:
        return joined_lines(self.words)


#: The longest words an opener is ("Theo Hướng dẫn số", "Điều 123a."), with room to spare.
_LONGEST_OPENER = 24


def pipe_cells(text: str) -> list[str] | None:
    """The cells of a table row "| a | b \\| c |" (backslash escapes), or None."""
    if len(text) < 2 or text[0] != "|" or text[-1] != "|":
        return None
    cells: list[str] = []
    buffer: list[str] = []
    escaped = False
    for char in text[1:]:
        if escaped:
            buffer.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(buffer).strip())
            buffer = []
        else:
            buffer.append(char)
    if escaped or buffer:  # the closing bar was escaped: words, not a row
        return None
    return cells


def _tab_cells(line: Line) -> list[str] | None:
    if "\t" not in line.raw:
        return None
    cells = [cell.strip() for cell in line.raw.split("\t")]
    return cells if len(cells) >= 2 else None


def _looks_labelled(text: str) -> bool:
    """A cheap stand-in for :func:`block_marker`, enough to count labelled lines."""
    first = text[:1]
    return first in _LABEL_STARTS or (first.isdigit() and "." in text[1:4]) or text[1:2] == ")"


_LABEL_STARTS = frozenset("-+–—•")


def is_dense(lines: Sequence[Line]) -> bool:
    """One paragraph per line: most labelled lines have no blank line above them."""
    labelled = spaced = 0
    previous_blank = True
    for line in lines:
        text = line.text
        if not text:  # blank
            previous_blank = True
            continue
        if _looks_labelled(text):
            labelled += 1
            spaced += previous_blank
        previous_blank = False
    return labelled >= 2 and spaced * 2 < labelled


#: The widest a printed line is, in characters (a PDF's text): Word's "save as text"
#: lines are whole paragraphs, far longer.
_PRINTED_WIDTH = 120
#: The share of lines that run to about the text's width when its lines are printed ones.
_FULL_SHARE = 0.25
#: A line this share of the width long ran to the margin: it was wrapped.
_WRAPPED = 0.8


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width (characters) a dense text's lines were wrapped at, when they are a
    PDF's printed lines (one paragraph over several lines, no blank line between
    paragraphs: ``pdftotext``'s output); None for one paragraph per line."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    if len(lengths) < 8:
        return None
    width = lengths[len(lengths) * 9 // 10]
    if width > _PRINTED_WIDTH:
        return None
    full = sum(1 for length in lengths if width * 0.85 <= length <= width * 1.1)
    return width if full >= _FULL_SHARE * len(lengths) else None


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"“'‘(["


def _sentence_goes_on(current: Raw, last: str, text: str) -> bool:
    """A basis or closing sentence ("Thực hiện ý kiến của Ban Tổ chức" / "Trung ương
    tại …") has not ended: the next line of words, capital or not, goes on with it."""
    return current.opener in ("basis", "closing") and not ends_sentence(last) and not is_caps(text)


class _Scanner:
    def __init__(self, notes: Notes, dense: bool, width: int | None = None) -> None:
        self.notes = notes
        self.dense = dense
        self.width = width  # a dense text's printed width: its full lines go on
        self.raws: list[Raw] = []
        self.gap = False  # a blank line or debris since the last line taken

    @property
    def current(self) -> Raw | None:
        return self.raws[-1] if self.raws else None

    def row(self, cells: list[str], line: Line, tabbed: bool) -> None:
        table = self.current
        if table is None or table.kind != "table" or table.tabbed != tabbed or self.gap:
            table = Raw("table", line.number, tabbed=tabbed, header_rows=1 if tabbed else 0)
            previous = self.current
            if (
                previous is not None
                and previous.kind == "paragraph"
                and len(previous.words) == 1
                and previous.last == line.number - 1
            ):
                self.raws.pop()
                table.caption, table.line = previous.text, previous.line
            self.raws.append(table)
        separator = all(SEPARATOR_CELL.fullmatch(cell) for cell in cells)
        if separator and not tabbed and table.rows and table.header_rows == 0:
            table.header_rows = len(table.rows)
        else:
            table.rows.append(cells)
        table.last = line.number

    def words(self, line: Line) -> None:
        text = line.text
        current = self.current
        record = record_of(line)
        opens = record.opener
        if current is not None and current.kind != "table" and opens is None:
            if current.awaiting:
                current.words.append(text)
                current.awaiting = False
                current.last = line.number
                return
            last = current.words[-1] if current.words else ""
            if (
                starts_lower(text)
                or goes_on_in_date(last, text)
                or goes_on_after_hyphen(last, text)
            ):
                if self.gap:
                    current.joins.append((current.last, line.number))
                current.words.append(text)
                current.last = line.number
                return
            heading = current.kind in ("part", "section")
            wrapped = (
                not self.dense
                or (heading and is_caps(text) and is_caps(current.text))
                or self._ran_on(current, text)
                or _sentence_goes_on(current, last, text)
            )
            if not self.gap and wrapped:
                current.words.append(text)
                current.last = line.number
                return
        kind = "article" if opens == "article" else "paragraph"
        self.raws.append(
            Raw(
                kind,
                line.number,
                words=[text],
                last=line.number,
                opener=opens,
                addressee=record.addressee,
            )
        )

    def _ran_on(self, current: Raw, text: str) -> bool:
        """In a printed text, ``current``'s last line ran to the margin and ``text``
        goes on with it: not a new sentence after one that ended."""
        if self.width is None or not current.words:
            return False
        last = current.words[-1]
        if len(last) < self.width * _WRAPPED:
            return False
        return not (ends_sentence(last) and _starts_sentence(text))

    def line(self, lines: Sequence[Line], index: int) -> None:
        line = lines[index]
        text = line.text
        cells = pipe_cells(text) if text[0] == "|" else None
        if cells is not None:
            self.row(cells, line, tabbed=False)
            return
        # (``raw`` is ``text`` itself when the line had no tab: nothing to search.)
        cells = _tab_cells(line) if line.raw is not text and "\t" in line.raw else None
        if cells is not None:
            current = self.current
            following = index + 1 < len(lines) and _tab_cells(lines[index + 1]) is not None
            continuing = current is not None and current.tabbed and not self.gap
            if following or continuing:
                self.row(cells, line, tabbed=True)
                return
        marker = record_of(line).marker
        current = self.current
        if marker is None or (
            # A number alone that a printed line wrapped onto ("… cấp xã là" / "1.376."):
            # the sentence's, not a clause's label.
            not marker.words
            and marker.kind != "item"
            and current is not None
            and current.kind != "table"
            and not self.gap
            and current.words
            and (
                self._ran_on(current, text)
                or (not self.dense and not ends_sentence(current.words[-1]))
            )
        ):
            self.words(line)
            return
        if marker.kind == "item" and not marker.words:
            self.notes.debris("empty entry", line.number)
            return
        self.raws.append(
            Raw(
                marker.kind,
                line.number,
                label=marker.label,
                words=[marker.words] if marker.words else [],
                last=line.number,
                awaiting=not marker.words,
            )
        )


#: The first cell of a table's heading row ("Số thứ tự"): a table extracted one cell per
#: line starts with it, its other headings follow, then row "1".
ROW_NUMBER_HEADS = frozenset({"STT", "TT", "Số TT", "SỐ TT"})
_MAX_COLUMNS = 12
_CELL_LENGTH = 80


def _row_number(line: Line, number: int) -> bool:
    return line.text.rstrip(".") == str(number)


def _next_worded(lines: Sequence[Line], index: int) -> int:
    while index < len(lines) and not lines[index].text:
        index += 1
    return index


def _row_ends(lines: Sequence[Line], index: int, number: int) -> bool:
    """A row ends at ``index``: the next row starts there, or the table plainly ends."""
    if index >= len(lines) or _row_number(lines[index], number):
        return True
    text = lines[index].text
    record = record_of(lines[index])
    if len(text) > _CELL_LENGTH or text.endswith("./.") or record.opener == "closing":
        return True
    marker = record.marker
    division = marker is not None and marker.kind in _DIVISIONS
    return division or record.kind in ("tail", "appendix")


#: Labels that open a division above a table's rows: its end when they follow a row.
_DIVISIONS = frozenset({"part", "chapter", "regulation_section", "section", "article"})


def cell_table(lines: Sequence[Line], start: int) -> tuple[Raw, int] | None:
    """A table extracted one cell per line, rebuilt from ``lines[start]`` ("STT"): the
    heading row shows the column count; rows follow while each starts with its number
    and the next row's number (or the table's end) follows its last cell. Returns the
    table and the index after it, or None (the lines then stay paragraphs)."""
    header = [lines[start].text]
    index = _next_worded(lines, start + 1)
    while index < len(lines) and not _row_number(lines[index], 1):
        text = lines[index].text
        if len(text) > _CELL_LENGTH or len(header) == _MAX_COLUMNS:
            return None
        header.append(text)
        index = _next_worded(lines, index + 1)
    width = len(header)
    rows: list[list[str]] = []
    end = index
    while width >= 2 and index < len(lines) and _row_number(lines[index], len(rows) + 1):
        cells = [lines[index].text.rstrip(".")]
        after = index + 1
        while len(cells) < width:
            after = _next_worded(lines, after)
            if after >= len(lines):
                break
            cells.append(lines[after].text)
            after += 1
        following = _next_worded(lines, after)
        if len(cells) < width or not _row_ends(lines, following, len(rows) + 2):
            break
        rows.append(cells)
        index = end = following
    if not rows:
        return None
    last = lines[end - 1].number if end > start else lines[start].number
    return Raw("table", lines[start].number, rows=[header, *rows], header_rows=1, last=last), end


def scan_blocks(
    lines: Sequence[Line], notes: Notes, *, dense: bool, width: int | None = None
) -> list[Raw]:
    """The blocks of ``lines`` in order, with words joined across wraps and page breaks.

    ``width``: the width a dense text was printed at (see :func:`wrap_width`), when the
    caller measured it on more lines than these."""
    if dense and width is None:
        width = wrap_width(lines)
    scanner = _Scanner(notes, dense, width if dense else None)
    skip_to = 0
    for index, line in enumerate(lines):
        if index < skip_to:  # taken into a table rebuilt from its cells
            continue
        text = line.text
        if not text:  # blank
            scanner.gap = True
            continue
        if text in ROW_NUMBER_HEADS:
            table = cell_table(lines, index)
            if table is not None:
                scanner.raws.append(table[0])
                skip_to = table[1]
                scanner.gap = True
                continue
        if line.page_break:
            scanner.gap = True
        kind = record_of(line).debris
        if kind is not None:
            notes.debris(kind, line.number)
            scanner.gap = True
            continue
        scanner.line(lines, index)
        scanner.gap = False
    return scanner.raws
