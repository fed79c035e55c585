"""A PDF page's words, with their positions, made into the lines the text reader reads.

PDFium gives the text layer as rectangles of text (a word or a run of words) with
their boxes. They are grouped into printed lines by vertical overlap, and a line is
cut into segments where a wide gap separates its words (the header's two columns, the
signature beside "Nơi nhận"). Runs of lines laid out in columns are read column by
column (issuer and number, then motto and date; the signature, then the recipients,
as in a .docx), and page numbers and running heads in the top and bottom margins are
dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bcpipe_plugins.extracted import PlacedLines, table_rows
from bcpipe_plugins.pdf_reader.tables import find_tables
from bcpipe_plugins.pdf_reader.words import Box, Word

__all__ = ["Flow", "page_lines", "running_heads"]

#: A gap this wide (pt) between words on one line separates two columns.
COLUMN_GAP = 18.0
#: The top and bottom share of a page where page numbers and running heads stand.
MARGIN_SHARE = 0.08
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận", re.IGNORECASE)
#: "Kính gửi" ends the header's columns, wherever it stands.
_ADDRESSEES = re.compile(r"^\s*Kính\s+gửi", re.IGNORECASE)


@dataclass(slots=True)
class _Line:
    top: float
    bottom: float
    words: list[Word] = field(default_factory=list)

    def segments(self) -> list[list[Word]]:
        ordered = _without_overprint(self.words)
        out: list[list[Word]] = [[ordered[0]]]
        for word in ordered[1:]:
            if word.left - out[-1][-1].right > COLUMN_GAP:
                out.append([word])
            else:
                out[-1].append(word)
        return out


def _text(words: Sequence[Word]) -> str:
    return " ".join("".join(w.text for w in words).split())


def _without_overprint(words: list[Word]) -> list[Word]:
    """Words with the letters drawn twice dropped: fake bold prints a run again a little
    to the right, and PDFium gives both ("người ời dân" for "người dân")."""
    out: list[Word] = []
    for word in sorted(words, key=lambda w: w.left):
        if out and word.left < out[-1].right and word.right > word.left:
            previous = out[-1]
            if previous.text.rstrip().endswith(word.text.strip()):
                continue
            share = min((previous.right - word.left) / (word.right - word.left), 1.0)
            text = word.text.rstrip()
            count = round(len(text) * share)
            if count and previous.text.rstrip().endswith(text[:count]):
                rest = word.text[count:]
                if not rest.strip():
                    continue
                word = Word(previous.right, word.bottom, word.right, word.top, rest)
        out.append(word)
    return out


def _lines(words: Iterable[Word]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (-w.top, w.left)):
        middle = (word.top + word.bottom) / 2
        for line in reversed(lines[-3:]):  # a word belongs to one of the last lines
            if line.bottom <= middle <= line.top:
                line.words.append(word)
                break
        else:
            lines.append(_Line(word.top, word.bottom, [word]))
    return lines


def _side(segment: Sequence[Word], alone: bool, text_left: float, text_right: float) -> str:
    """ "full" for a line across the page or centred on it, else "left" or "right"."""
    left, right = segment[0].left, segment[-1].right
    middle = (text_left + text_right) / 2
    centre = (left + right) / 2
    if alone and (right - left > 0.55 * (text_right - text_left) or abs(centre - middle) < 20):
        return "full"
    return "left" if centre < middle else "right"


@dataclass(slots=True)
class Flow:
    """The lines read so far, and whether the last one ran to the right margin (so
    that a line starting at the left margin below it continues its paragraph)."""

    out: PlacedLines = field(default_factory=PlacedLines)
    repeated: set[str] = field(default_factory=set)
    open_line: bool = False
    open_centred: bool = False


#: How near the margins (pt) a line must reach to be a wrapped line of a paragraph.
EDGE = 6.0
#: The widest first-line indent (pt): a line starting this near the margin is the body's.
INDENT = 45.0


#: A line ending a sentence, and one starting a sentence or a numbered or bulleted block:
#: together, a paragraph ends there even when the line ran to the right margin (a page
#: of one-line paragraphs shows no first-line indent).
_SENTENCE_END = re.compile(r"[.:;!?…]\)?\s*$")
_SENTENCE_START = re.compile(r"^\s*(?:[-+•–]|\d|[IVX]+\.|[a-zđ]\)|[A-ZÀ-Ỹ])")


def _new_sentence(previous: str, text: str) -> bool:
    return bool(_SENTENCE_END.search(previous) and _SENTENCE_START.match(text))


def _same_case(a: str, b: str) -> bool:
    return a.isupper() == b.isupper()


def page_lines(
    words: Sequence[Word], strokes: Sequence[Box], height: float, page: int, flow: Flow
) -> None:
    """Add the lines of one page to ``flow``, paragraphs' wrapped lines joined and
    tables (:mod:`.tables`) as rows where they stand."""
    out, repeated = flow.out, flow.repeated
    words = [w for w in words if w.text.strip()]
    tables = sorted(find_tables(words, strokes), key=lambda t: -t.top)
    if tables:
        words = [w for w in words if not any(t.holds(w) for t in tables)]
    lines = [line for line in _lines(words) if not _is_margin_debris(line, height, page, repeated)]
    if not lines and not tables:
        return
    boxes = [w for line in lines for w in line.words] + list(tables)
    text_left = min(b.left for b in boxes)
    text_right = max(b.right for b in boxes)
    run: list[tuple[str, str, str]] = []  # (side, text, place) of lines laid out in columns

    def flush() -> None:
        sides = {side for side, _, _ in run}
        if {"left", "right"} <= sides:
            columns = [[(t, p) for s, t, p in run if s == side] for side in ("left", "right")]
            # The signature before "Nơi nhận", whichever column each stands in.
            columns.sort(key=lambda column: any(_RECIPIENTS.match(t) for t, _ in column))
            for column in columns:
                for text, place in _unwrapped(column):
                    out.add(text, place)
                out.blank()
        else:
            for _, text, place in run:
                out.add(text, place)
        run.clear()

    def table_above(top: float) -> None:
        while tables and tables[0].top >= top:
            table = tables.pop(0)
            flush()
            out.blank()
            for text in table_rows(table.rows):
                out.add(text, f"page {page}, table")
            out.blank()
            flow.open_line = flow.open_centred = False

    for number, line in enumerate(lines, 1):
        place = f"page {page}, line {number}"
        table_above(line.top)
        segments = line.segments()
        alone = len(segments) == 1
        first = segments[0]
        left, right, words = first[0].left, first[-1].right, _text(first)
        middle = (text_left + text_right) / 2
        centred = alone and left > text_left + INDENT and abs((left + right) / 2 - middle) < EDGE
        joins = (
            alone
            and not run
            and bool(out.lines)
            and not _ADDRESSEES.match(words)
            and (
                (
                    flow.open_line
                    and left <= text_left + EDGE
                    and not _new_sentence(out.lines[-1], words)
                )
                or (flow.open_centred and centred and _same_case(out.lines[-1], words))
            )
        )
        # A line from the margin (or the first-line indent) to the right margin goes on
        # below; so does a centred line wider than half the text (a long subject).
        flow.open_line = alone and left <= text_left + INDENT and right >= text_right - EDGE
        flow.open_centred = centred and right - left > 0.5 * (text_right - text_left)
        if joins:
            out.lines[-1] = f"{out.lines[-1]} {words}"
            continue
        for segment in segments:
            side = _side(segment, alone, text_left, text_right)
            text = _text(segment)
            # Columns start where words stand on the right (the motto, the signature)
            # or at "Nơi nhận": a short line on the left before them is the body's.
            body = side == "left" and alone and not run and not _RECIPIENTS.match(text)
            if side == "full" or body or _ADDRESSEES.match(text):
                flush()
                out.add(text, place)
            elif run and run[-1][0] == side and run[-1][2] == place:
                # One column's words with a blank between ("Số:      /BC-SNV").
                run[-1] = (side, f"{run[-1][1]} {text}", place)
            else:
                run.append((side, text, place))
    table_above(float("-inf"))
    flush()


#: A header line ending so, or a line starting so, is one name wrapped in a narrow column
#: ("PHÒNG TÀI CHÍNH" / "- KẾ HOẠCH"; "SỞ NÔNG NGHIỆP VÀ" / "MÔI TRƯỜNG").
_WRAPPED_END = re.compile(r"(?:\s[-–]|\sVÀ|,)\s*$")
_ENTRY = re.compile(r"^\s*[-+•–]")
_WRAPPED_START = re.compile(r"^\s*(?:[-–]\s+\S|VÀ\s)")


def _unwrapped(column: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A column's lines, wrapped lines joined again: a name wrapped in capitals, and
    under "Nơi nhận" a line that does not start with a dash (a recipient too long for
    the narrow column)."""
    out: list[tuple[str, str]] = []
    recipients = False
    for text, place in column:
        if recipients and out and not _ENTRY.match(text):
            out[-1] = (f"{out[-1][0]} {text.strip()}", out[-1][1])
            continue
        recipients = recipients or bool(_RECIPIENTS.match(text))
        if out and text.isupper() and out[-1][0].isupper():
            previous = out[-1][0]
            if _WRAPPED_END.search(previous) or _WRAPPED_START.match(text):
                out[-1] = (f"{previous} {text.strip()}", out[-1][1])
                continue
        out.append((text, place))
    return out


def _is_margin_debris(line: _Line, height: float, page: int, repeated: set[str]) -> bool:
    in_margin = line.top > height * (1 - MARGIN_SHARE) or line.bottom < height * MARGIN_SHARE
    if not in_margin:
        return False
    text = _text(sorted(line.words, key=lambda w: w.left))
    # Page one's top is the document's header, whatever later pages repeat of it.
    return bool(_PAGE_NUMBER.match(text)) or (page > 1 and text in repeated)


def running_heads(pages: Sequence[tuple[Sequence[Word], float]]) -> set[str]:
    """Texts standing in the top or bottom margin of more than one page."""
    seen: dict[str, int] = {}
    for words, height in pages:
        texts = set()
        for line in _lines(w for w in words if w.text.strip()):
            if line.top > height * (1 - MARGIN_SHARE) or line.bottom < height * MARGIN_SHARE:
                texts.add(_text(sorted(line.words, key=lambda w: w.left)))
        for text in texts:
            seen[text] = seen.get(text, 0) + 1
    return {text for text, count in seen.items() if count > 1 and len(pages) > 1}
