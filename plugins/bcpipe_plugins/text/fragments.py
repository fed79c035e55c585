"""Header lines broken into fragments by text extraction, joined again.

A PDF's header is a two-column table; ``pdftotext`` and Word's "save as text" break
its cells where the cell wrapped, and a blank line may fall between the pieces:
"Số: 329" / "/BC-UBND", "Số:" / "/QĐ-UBND" (a draft), "Bình Thuận, ngày" / "23
tháng" / "3 năm 2022". Each fragment is joined onto the line that it finishes (the
joined line keeps the first piece's number), before the header is read.
"""

from __future__ import annotations

import re

from bcpipe_plugins.text.lines import Line

__all__ = ["join_header_fragments"]

#: The header's lines are among the first this many of the text.
_HEAD = 40
#: A number line whose notation is on a later line: "Số: 329", "Số:".
_NUMBER_OPEN = re.compile(r"(?i:số)\s*:?\s*[\d.…]*")
#: A date line cut after "ngày" or "tháng" (with or without their figures).
_DATE_OPEN = re.compile(r".*,\s*ngày(?:\s+[\d.…]+)?|.*ngày(?:\s+[\d.…]+)?\s+tháng(?:\s+[\d.…]+)?")
#: What finishes a cut date: figures, "tháng …", "năm …".
_DATE_REST = re.compile(r"[\d.…]|tháng\b|năm\b")


def _notation_below(lines: list[Line], start: int, head: int) -> int | None:
    """Where the notation ("/GM-UBND") of a number line stands: on one of the next
    three lines with words, the other column's lines (the motto) falling between."""
    seen = 0
    for index in range(start, head):
        text = lines[index].text
        if not text:
            continue
        if text.startswith("/"):
            return index
        seen += 1
        if seen == 3:
            break
    return None


def join_header_fragments(lines: list[Line]) -> list[Line]:
    """``lines`` with the header's broken number and date lines joined."""
    head = min(len(lines), _HEAD)
    taken: set[int] = set()
    out: list[Line] = []
    for index in range(head):
        line = lines[index]
        if index in taken:
            continue
        if line.text and _NUMBER_OPEN.fullmatch(line.text):
            below = _notation_below(lines, index + 1, head)
            if below is not None:
                taken.add(below)
                text = line.text + lines[below].text
                line = line._replace(raw=text, text=text)
        after = index + 1
        while line.text and "ngày" in line.text and _DATE_OPEN.fullmatch(line.text):
            while after < head and not lines[after].text:
                after += 1
            if after >= head or _DATE_REST.match(lines[after].text) is None:
                break
            taken.add(after)
            text = f"{line.text} {lines[after].text}"
            line = line._replace(raw=text, text=text)
            after += 1
        out.append(line)
    out.extend(lines[head:])
    return out
