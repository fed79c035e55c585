"""Header lines broken into fragments by text extraction joined again, and header
lines run together split into their parts.

Pages crawled from legal-document websites put the whole header on one line: "ỦY BAN
NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do -
Hạnh phúc --------------- Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT
ĐỊNH V/V …". :func:`split_run_together` cuts such a line before the motto, the
tagline and "Số:", after the date, and after the type name that follows the date
(the parts keep the line's number; rules of dashes between them are dropped).

A PDF's header is a two-column table; ``pdftotext`` and Word's "save as text" break
its cells where the cell wrapped, and a blank line may fall between the pieces:
"Số: 329" / "/BC-UBND", "Số:" / "/QĐ-UBND" (a draft), "Bình Thuận, ngày" / "23
tháng" / "3 năm 2022". Each fragment is joined onto the line that it finishes (the
joined line keeps the first piece's number), before the header is read.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bcpipe.textutil import fold
from bcpipe_plugins.text.header import cited_anchor
from bcpipe_plugins.text.lines import Line
from bcpipe_plugins.text.patterns import HEADER_ANCHOR, TYPE_NAMES

__all__ = ["join_header_fragments", "split_run_together"]

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


#: A rule of dashes or underscores between two parts of a run-together header.
_RULE_RUN = re.compile(r"\s*[-_=]{3,}\s*")
#: The shortest line worth cutting (a header part alone is shorter).
_RUN_TOGETHER = 60


def _cuts(text: str) -> list[int]:
    """Where a run-together header line is cut: before the motto, the tagline and the
    number, after the date; none unless two of them stand on the line."""
    # Most long lines are the body's sentences: a header line has the motto, or "Số:".
    if "Số:" not in text and "SỐ:" not in text and "CỘNG H" not in text:
        return []
    cuts: list[int] = []
    found = 0
    for match in HEADER_ANCHOR.finditer(text):
        if cited_anchor(text, cuts[-1] if cuts else 0, match):
            continue  # "… THEO QĐ SỐ 2872/QĐ-SCT": a name's words, not the number line
        kind = match.lastgroup
        if kind in ("motto", "tagline", "number"):
            cuts.append(match.start())
            found += 1
        elif kind in ("date", "sdate"):
            cuts.append(match.end())
            found += 1
    return cuts if found >= 2 else []


def _type_split(text: str) -> list[str]:
    """ "QUYẾT ĐỊNH V/V …" → ["QUYẾT ĐỊNH", "V/V …"]: a type name opening a longer line."""
    folded = fold(text)
    for name in TYPE_NAMES:
        if folded.startswith(name + " ") and text[: len(name)].isupper():
            return [text[: len(name)], text[len(name) :].strip()]
    return [text]


def split_run_together(lines: list[Line]) -> list[Line]:
    """``lines`` with each run-together header line (in the first lines) cut into parts."""
    out: list[Line] = []
    for line in lines[:_HEAD]:
        text = line.text
        cuts = _cuts(text) if len(text) >= _RUN_TOGETHER else []
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *cuts, len(text)]
        parts: list[str] = []
        for start, end in pairwise(bounds):
            for piece in _RULE_RUN.split(text[start:end]):
                if piece.strip():
                    parts.append(piece.strip())
        if parts and end == len(text) and cuts[-1] < len(text):
            parts[-1:] = _type_split(parts[-1])
        out.extend(line._replace(raw=part, text=part) for part in parts)
    out.extend(lines[_HEAD:])
    return out
