"""Text taken out of a laid-out file (.docx, PDF), read by the text reader.

The .docx and PDF loaders do not parse documents themselves: they turn the file into
the logical lines the text reader knows (header cells in reading order, numbering
resolved to its visible label, tables as rows) and remember where each line stands
("paragraph 12", "table 1, row 2, cell 1", "page 3, line 7"). :func:`read_lines`
runs the text reader on those lines and moves its line map and findings onto the
places, so that a clerk is told where to look in the file, not in a text they never
saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bcpipe import InvalidDocumentError, LoadContext, Loaded, Location, SourceError
from bcpipe.errors import FieldProblem
from bcpipe.model import Table
from bcpipe.source import format_path
from bcpipe.walk import iter_blocks
from bcpipe_plugins.text.reader import read_text

__all__ = ["PlacedLines", "read_lines", "table_rows"]


@dataclass(slots=True)
class PlacedLines:
    """Lines of text, each with its place in the file ("" for a blank separator)."""

    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    #: Column widths (percent) of the tables whose first row is on a 1-based line.
    widths: dict[int, list[int]] = field(default_factory=dict)

    def add(self, text: str, place: str) -> None:
        # A line break inside a paragraph (Word's Shift+Enter) is a line of its own.
        for part in text.split("\n"):
            self.lines.append(part)
            self.places.append(place)

    def blank(self) -> None:
        """A group boundary; consecutive ones are kept as one."""
        if self.lines and self.lines[-1].strip():
            self.lines.append("")
            self.places.append("")

    def extend(self, other: PlacedLines) -> None:
        shift = len(self.lines)
        self.widths.update({line + shift: widths for line, widths in other.widths.items()})
        self.lines.extend(other.lines)
        self.places.extend(other.places)

    def insert(self, index: int, other: PlacedLines) -> None:
        """``other``'s lines put before line ``index`` (0-based) of these."""
        count = len(other.lines)
        moved = {(line + count if line > index else line): w for line, w in self.widths.items()}
        moved.update({line + index: w for line, w in other.widths.items()})
        self.widths = moved
        self.lines[index:index] = other.lines
        self.places[index:index] = other.places

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def place(self, line: int | None) -> str | None:
        """The place of 1-based ``line``, or of the nearest line above it that has one."""
        if line is None:
            return None
        index = min(line, len(self.places)) - 1
        while index >= 0:
            if self.places[index]:
                return self.places[index]
            index -= 1
        return None


def _row(cells: Sequence[str]) -> str:
    # As the text export writes a row: "|" and "\\" inside a cell escaped.
    escaped = (" ".join(c.replace("\\", "\\\\").replace("|", "\\|").split()) for c in cells)
    return "| " + " | ".join(escaped) + " |"


def table_rows(rows: Sequence[Sequence[str]], heading_rows: int = 1) -> list[str]:
    """A table as the text reader reads one: "| a | b |" rows, a separator under the
    heading rows, every row as wide as the widest."""
    width = max((len(row) for row in rows), default=0)
    out = []
    for index, row in enumerate(rows, 1):
        out.append(_row([*row, *[""] * (width - len(row))]))
        if index == heading_rows:
            out.append(_row(["---"] * width))
    return out


def _problem(problem: FieldProblem, lines: PlacedLines) -> FieldProblem:
    place = lines.place(problem.line)
    message = f"{problem.message} (at {place})" if place else problem.message
    return FieldProblem(problem.path, message, None)


def _set_widths(loaded: Loaded, widths: dict[int, list[int]]) -> None:
    """Give the tables the text reader built the widths their source had (text has none)."""
    for path, block in iter_blocks(loaded.document):
        if isinstance(block, Table):
            line = loaded.lines.get(format_path(path), 0)
            found = widths.get(line, widths.get(line + 1))  # the line above: a caption
            if found is not None and len(found) == max(len(row) for row in block.rows):
                block.widths = found


def read_lines(
    lines: PlacedLines, ctx: LoadContext, *, what: str, paragraphs: bool = False
) -> Loaded:
    """The document ``lines`` hold, read by the text reader, located by places.

    ``what`` names the file kind in errors ("Word document"); ``paragraphs``: each line
    is a whole paragraph (Word's), none a printed line to join. The loaded result has no
    line map (its lines are of a text the user never sees) but a place map instead.
    """
    try:
        loaded = read_text(lines.text(), ctx, place_of=lines.place, paragraphs=paragraphs)
    except SourceError as exc:
        place = lines.place(exc.line)
        where = f" (at {place})" if place else ""
        raise SourceError(ctx.source, f"{exc.message}{where} [read as a {what}]") from None
    except InvalidDocumentError as exc:
        raise InvalidDocumentError(ctx.source, [_problem(p, lines) for p in exc.problems]) from None
    if lines.widths:
        _set_widths(loaded, lines.widths)
    places = {path: lines.place(line) for path, line in loaded.lines.items()}
    findings = [
        replace(
            finding,
            location=Location(
                finding.location.path,
                None,
                finding.location.source,
                finding.location.place or lines.place(finding.location.line),
            ),
        )
        for finding in loaded.findings
    ]
    return Loaded(
        loaded.document,
        lines={},
        findings=findings,
        places={path: place for path, place in places.items() if place},
    )
