"""A PDF's printed lines in the order the text reader reads them, paragraphs rejoined.

- **Columns.** A segment in the left or right half of the text, beside another or on
  its own line, belongs to a column. Columns start at a line with words on the right
  (the motto, the signature) or at "Nơi nhận". A run of such lines is read column by
  column, as in a .docx: issuer and number, then motto, place and date; the signature,
  then "Nơi nhận". A short line on the left before any column is the body's (the last
  line of a paragraph), and "Kính gửi" ends the header.
- **Wrapped lines.** A line that runs from the margin (or the first-line indent) to the
  right margin goes on below when the next line starts at the margin, unless one
  sentence ends and another begins there. A bold centred line wider than half the text
  (a long subject) goes on in the next bold centred line of the same case when no rule
  is drawn between them, and a blank line ends the title block. In the header, a
  bold capitals name wrapped in its narrow column is joined (the decree sets the issuer
  bold and its parent body regular), and so is a capitals line ending in "-", "VÀ" or
  ",", and a "V/v …" subject goes on to the end of its column. Under "Nơi nhận", a line
  without a dash continues the recipient above. "Kính gửi:" and the first addressee
  of a list on one printed line are two lines.
- **Tables** (:mod:`.tables`) come as rows where they stand.
- **Page one's footer** (the contact lines, ô 13, under a rule across the text at the
  foot of page 1) comes after "Nơi nhận", where the decree's reading puts it, not in
  the middle of a body that goes on to page 2.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bcpipe_plugins.extracted import PlacedLines, table_rows
from bcpipe_plugins.pdf_reader.layout import COLUMN_GAP, HEADER_GAP, Line, text_of
from bcpipe_plugins.pdf_reader.tables import THIN, Table
from bcpipe_plugins.pdf_reader.words import Box, Word
from bcpipe_plugins.text.lines import joined_lines

__all__ = ["Flow"]

#: How near the margins (pt) a line must reach to be a wrapped line of a paragraph.
EDGE = 6.0
#: The widest first-line indent (pt): a line starting this near the margin is the body's.
INDENT = 45.0
#: A line centred this near (pt) the middle of the text is centred.
CENTRE = 20.0
#: Footnotes stand in this lower share of a page.
NOTES_SHARE = 0.4
#: A footnote's lines are set smaller than the body's: below this share of the page's
#: typical line height (13-14 pt body, 10-12 pt notes).
NOTE_SIZE = 0.92
#: A rule this share of the text wide, under page one's last lines, is the footer's.
FOOTER_RULE = 0.9

_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận", re.IGNORECASE)
_ADDRESSEES = re.compile(r"^\s*Kính\s+gửi", re.IGNORECASE)
_ADDRESSEE_LIST = re.compile(r"^\s*(Kính\s+gửi\s*:)\s*[-+•–]\s", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*V/v\b", re.IGNORECASE)
_ENTRY = re.compile(r"^\s*[-+•–]")
_WRAPPED_END = re.compile(r"(?:\s[-–]|\sVÀ|,)\s*$")
_WRAPPED_START = re.compile(r"^\s*(?:[-–]\s+\S|VÀ\s)")
_SENTENCE_END = re.compile(r"[.:;!?…]\)?\s*$")
_SENTENCE_START = re.compile(r"^\s*(?:[-+•–]|\d|[IVX]+\.|[a-zđ]\)|[A-ZÀ-Ỹ])")


@dataclass(slots=True)
class _Piece:
    """A segment waiting in a run of column lines."""

    side: str
    text: str
    place: str
    bold: bool


@dataclass(slots=True)
class _Page:
    """A page's text box: the leftmost and rightmost words and tables; ``start`` and
    ``end`` are where its body lines start and where its justified lines end (a header
    line may stand out past either: the motto is wider than its column)."""

    left: float
    right: float
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2

    def side(self, segment: Sequence[Word], alone: bool) -> str:
        """ "full" for a line across the text or centred on it, else "left" or "right"."""
        left, right = segment[0].left, segment[-1].right
        centre = (left + right) / 2
        wide = right - left > 0.55 * (self.right - self.left)
        if alone and (wide or abs(centre - self.middle) < CENTRE):
            return "full"
        return "left" if centre < self.middle else "right"


#: The share of a page's lines at or under the body's size: headings may be larger,
#: and footnotes, smaller, may fill most of a page.
_BODY_RANK = 0.9


def _body_size(lines: Sequence[Line]) -> float:
    """The height of the page's body lines (0 for a page without lines)."""
    if not lines:
        return 0.0
    sizes = sorted(line.top - line.bottom for line in lines)
    return sizes[min(len(sizes) - 1, int(len(sizes) * _BODY_RANK))]


@dataclass(slots=True)
class Flow:
    """The lines read so far, page after page, and what the last line leaves open."""

    out: PlacedLines = field(default_factory=PlacedLines)
    open_line: bool = False  # ran to the right margin: the next line may go on with it
    open_centred: bool = False  # a wide centred line: the next centred one may go on
    after_title: bool = False  # the last line was centred (a title's)
    in_header: bool = True  # page one, before the header's columns have ended
    _run: list[_Piece] = field(default_factory=list)
    _footer: list[tuple[str, str]] = field(default_factory=list)  # page one's, held back
    _notes: list[tuple[str, str]] = field(default_factory=list)  # footnotes, held back
    _rules: list[Box] = field(default_factory=list)  # this page's horizontal rules
    _last_bottom: float = float("inf")  # the bottom of the last line read
    _paragraph: bool = False  # the last line added is a body paragraph's

    # -- columns ---------------------------------------------------------------------

    def _flush(self) -> None:
        run, out = self._run, self.out
        if run:
            self._paragraph = False
        if {"left", "right"} <= {piece.side for piece in run}:
            columns = [[p for p in run if p.side == side] for side in ("left", "right")]
            # The signature before "Nơi nhận", whichever column each stands in.
            columns.sort(key=lambda column: any(_RECIPIENTS.match(p.text) for p in column))
            for column in columns:
                for piece in self._unwrapped(column):
                    out.add(piece.text, piece.place)
                out.blank()
            self.in_header = False
            if any(_RECIPIENTS.match(piece.text) for piece in run):
                self._release_footer()
        else:
            for piece in run:
                out.add(piece.text, piece.place)
        run.clear()

    def _unwrapped(self, column: list[_Piece]) -> list[_Piece]:
        out: list[_Piece] = []
        recipients = subject = False
        for piece in column:
            if out and (
                (recipients and not _ENTRY.match(piece.text))
                or (self.in_header and subject and not piece.text.isupper())
                or (self.in_header and _wrapped_name(out[-1], piece))
            ):
                last = out[-1]
                out[-1] = _Piece(last.side, f"{last.text} {piece.text}", last.place, last.bold)
                continue
            recipients = recipients or bool(_RECIPIENTS.match(piece.text))
            # "V/v …" goes on while its lines are not capitals (an urgency mark is).
            subject = bool(_SUBJECT.match(piece.text))
            out.append(piece)
        return out

    # -- lines -----------------------------------------------------------------------

    def _table(self, table: Table, place: str) -> None:
        self._flush()  # no blank before: the line above may be the table's caption
        for text in table_rows(table.rows):
            self.out.add(text, place)
        self.out.blank()
        self.open_line = self.open_centred = False

    def _joins(self, page: _Page, line: Line, words: str, centred: bool, ruled: bool) -> bool:
        segment = line.segments()[0]
        if self._run or not self.out.lines or _ADDRESSEES.match(words):
            return False
        previous = self.out.lines[-1]
        if self.open_line and segment[0].left <= page.start + EDGE:
            return not (_SENTENCE_END.search(previous) and _SENTENCE_START.match(words))
        if (
            self._last_bottom < float("inf")  # not the page's first line
            and words[:1].islower()
            and not _SENTENCE_START.match(words)
            and not _SENTENCE_END.search(previous)
        ):
            # A sentence going on in lower case under a line that stopped short of the
            # right margin (text set ragged, or a subject's lines centred): the same
            # paragraph. Across a page break the text reader joins it, and says so.
            return True
        # A title goes on unless a rule is drawn between (the rule under the subject);
        # so does a centred "(Kèm theo …" whose bracket is still open.
        if (
            previous.count("(") > previous.count(")")
            and abs((line.words[0].left + line.words[-1].right) / 2 - page.middle) < CENTRE
        ):
            return True
        return self.open_centred and centred and not ruled and previous.isupper() == words.isupper()

    def _ruled(self, line: Line) -> bool:
        """A rule is drawn between the last line read and ``line``."""
        return any(line.top <= r.bottom <= self._last_bottom for r in self._rules)

    def _line(self, page: _Page, line: Line, place: str) -> None:
        segments = line.segments(HEADER_GAP if self.in_header else COLUMN_GAP)
        alone = len(segments) == 1
        first = segments[0]
        left, right, words = first[0].left, first[-1].right, text_of(first)
        # A title's line (type name, subject): bold, as the decree sets them, and about
        # as far from either margin (a body line may look centred, it is not bold).
        centred = (
            alone
            and all(w.bold for w in first)
            # Further in than a bold heading's indent, unless the title block goes on
            # (a long subject under the type name comes near the margins).
            and (left > page.left + INDENT or self.after_title)
            and abs((left + right) / 2 - page.middle) < CENTRE
        )
        ruled = self._ruled(line)
        joins = alone and self._joins(page, line, words, centred, ruled)
        label = _ADDRESSEE_LIST.match(words) if alone else None
        if label:  # "Kính gửi:" and the first "- …;" of a list on one printed line
            self._flush()
            self.in_header = False
            self.out.add(label.group(1), place)
            self.out.add(words[label.end(1) :].strip(), place)
            self.open_line = self.open_centred = self.after_title = False
            return
        # A centred line is a title, not a justified line, even where it is the widest.
        self.open_line = (
            alone and not centred and left <= page.left + INDENT and right >= page.end - EDGE
        )
        self.open_centred = centred and right - left > 0.5 * (page.right - page.left)
        self._last_bottom = line.bottom
        if joins:
            self.out.lines[-1] = joined_lines([self.out.lines[-1], words])
            return
        if (self.after_title and not centred) or (ruled and not self._run):
            self.out.blank()  # a title block ends here, or a rule parts two blocks
        self.after_title = centred
        for segment in segments:
            side = page.side(segment, alone)
            text = text_of(segment)
            bold = all(w.bold for w in segment)
            body = side == "left" and alone and not self._run and not _RECIPIENTS.match(text)
            if side == "full" or body or _ADDRESSEES.match(text):
                self._flush()
                if self._paragraph:
                    # Wrapped lines are joined: a line that goes on from none is a
                    # paragraph of its own, one blank line apart as the text export.
                    self.out.blank()
                self.out.add(text, place)
                self._paragraph = not centred
                if side == "full" or _ADDRESSEES.match(text):
                    self.in_header = False
            elif self._run and self._run[-1].side == side and self._run[-1].place == place:
                # One column's words with a blank between ("Số:      /BC-SNV").
                last = self._run[-1]
                self._run[-1] = _Piece(side, f"{last.text} {text}", place, last.bold and bold)
            else:
                self._run.append(_Piece(side, text, place, bold))

    def _release_footer(self) -> None:
        """Page one's footer and the footnotes so far, where the decree's reading puts
        them: after "Nơi nhận" (the text reader reads "[4] …" there as footnote 4)."""
        for text, place in [*self._footer, *self._notes]:
            self.out.add(text, place)
        self._footer.clear()
        self._notes.clear()

    def _hold_notes(self, lines: Sequence[Line], height: float, number: int) -> list[Line]:
        """The page's lines above its footnotes, which are held back as "[4] …" lines:
        from the first line in the page's lower part that opens a footnote (a raised
        number before its first word) to the page's end, each such line opening a note
        and the others going on with it; a longer note may open higher, when every line
        from it to the page's end is set small (001's note 2, most of its page). A note
        the last page left unfinished goes on in the small lines right above this
        page's first note (001's note 11)."""
        small = NOTE_SIZE * _body_size(lines)
        # small_from[i]: every line from i to the page's end is set small (one pass).
        small_from = [True] * (len(lines) + 1)
        for i in range(len(lines) - 1, -1, -1):
            small_from[i] = small_from[i + 1] and lines[i].top - lines[i].bottom < small
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if line.note and (line.top < height * NOTES_SHARE or small_from[i])
            ),
            len(lines),
        )
        if start < len(lines):  # (a page without a note of its own carries none over)
            start = self._carried_note(lines, start, height, small)
        for index, line in enumerate(lines[start:], start + 1):
            text = " ".join(text_of(segment) for segment in line.segments())
            place = f"page {number}, line {index}"
            if line.note:
                self._notes.append((f"[{line.note}] {text}", place))
            else:
                previous, first_place = self._notes[-1]
                # "… Quyết định số 117/QĐ-" / "UBND ngày …": no space after the hyphen.
                self._notes[-1] = (joined_lines([previous, text]), first_place)
        return list(lines[:start])

    def _carried_note(self, lines: Sequence[Line], start: int, height: float, small: float) -> int:
        """Where the rest of the last page's unfinished note begins on this page: the
        run of lines set ``small`` (smaller than the body's), in the lower part, right
        above ``start``; ``start`` itself when there is none."""
        if not self._notes or _SENTENCE_END.search(self._notes[-1][0]) or not lines:
            return start
        at = start
        while at > 0:
            line = lines[at - 1]
            if line.top >= height * NOTES_SHARE or line.top - line.bottom >= small:
                break
            words = text_of(line.words)
            if _RECIPIENTS.match(words) or _ENTRY.match(words):
                break  # "Nơi nhận" and its entries are set small too, and are no note
            at -= 1
        return at

    def page(
        self,
        number: int,
        lines: Sequence[Line],
        tables: Sequence[Table],
        strokes: Sequence[Box] = (),
        height: float = 0.0,
    ) -> None:
        """Add one page's lines and tables (tables' words already taken out of lines);
        ``strokes`` (drawn paths) show page one's footer rule; ``height`` (the page's)
        where its footnotes may stand (none are looked for without it)."""
        boxes = [w for line in lines for w in line.words] + list(tables)
        if not boxes:
            return
        left, right = min(b.left for b in boxes), max(b.right for b in boxes)
        page = _Page(left, right, *_body_margins(lines, left, right))
        lines = self._hold_notes(lines, height, number)
        if number == 1:
            lines = self._hold_footer(page, lines, tables, strokes)
        self._rules = [r for r in strokes if r.top - r.bottom <= THIN and r.right - r.left > EDGE]
        self._last_bottom = float("inf")
        pending = sorted(tables, key=lambda t: -t.top)
        for index, line in enumerate(lines, 1):
            while pending and pending[0].top >= line.top:
                self._table(pending.pop(0), f"page {number}, table")
            self._line(page, line, f"page {number}, line {index}")
        for table in pending:
            self._table(table, f"page {number}, table")
        self._flush()

    def _hold_footer(
        self, page: _Page, lines: Sequence[Line], tables: Sequence[Table], strokes: Sequence[Box]
    ) -> list[Line]:
        """Page one's lines without those under a footer rule, which are held back."""
        width = page.right - page.left
        rules = [
            s
            for s in strokes
            if s.top - s.bottom <= THIN
            and s.right - s.left >= FOOTER_RULE * width
            and not any(t.bottom - EDGE <= s.top and s.bottom <= t.top + EDGE for t in tables)
        ]
        if not rules or not lines:
            return list(lines)
        rule = min(rules, key=lambda s: s.bottom)
        count = sum(1 for line in lines if line.top <= rule.bottom)
        if count == 0 or count == len(lines):
            return list(lines)
        kept, below = list(lines[:-count]), lines[-count:]
        if any(line.top <= rule.bottom for line in kept):
            return list(lines)  # the rule is not under the page's last lines
        self._footer = [
            (" ".join(text_of(seg) for seg in line.segments()), f"page 1, footer line {index}")
            for index, line in enumerate(below, 1)
        ]
        return kept

    def finish(self) -> PlacedLines:
        self._flush()
        self._release_footer()
        return self.out


def _body_margins(lines: Sequence[Line], left: float, right: float) -> tuple[float, float]:
    """Where the body's lines start and end: the furthest that a line of one segment
    across more than half the text reaches. A header's lines stand in columns (the
    motto, wider than its column, may stand out past the body's right margin; the
    subject past its left); ``left`` and ``right`` on a page with no such line."""
    spans = []
    for line in lines:
        segments = line.segments()
        if len(segments) == 1:
            first, last = segments[0][0].left, segments[0][-1].right
            if last - first > (right - left) / 2:
                spans.append((first, last))
    if not spans:
        return left, right
    return min(first for first, _ in spans), max(last for _, last in spans)


def _wrapped_name(above: _Piece, piece: _Piece) -> bool:
    """``piece`` goes on with the header line ``above``: both capitals, and both bold
    (one name), or the break falls on a dash or "VÀ"."""
    if not (above.text.isupper() and piece.text.isupper()):
        return False
    if _RECIPIENTS.match(above.text) or piece.text.startswith("Số"):
        return False
    both_bold = above.bold and piece.bold
    return both_bold or bool(_WRAPPED_END.search(above.text) or _WRAPPED_START.match(piece.text))
