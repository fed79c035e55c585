"""The header zone: motto, issuer, number and notation, place and date, marks, "V/v".

The header of a decree document is a two-column table (PL I, Phần I, Mục IV). Text
extraction flattens it: the columns end up on one line separated by a tab or many
spaces, or run together with a single space, and the left column's lines
interleave with the right column's. The reader therefore does not trust line
boundaries here: it finds the header's *anchors* anywhere in a line (the motto,
the tagline, "Số: …/…", "…, ngày … tháng … năm …", "V/v") and treats the words
between them as pieces of the issuer, a mark, or the place.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bcpipe.textutil import fold
from bcpipe_plugins.text.classify import record_of
from bcpipe_plugins.text.lines import (
    Line,
    columns,
    debris_kind,
    ends_sentence,
    is_caps,
    starts_lower,
    worded,
)
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import DASHES, HEADER_ANCHOR, MARKS

__all__ = ["Header", "cited_anchor", "parse_header", "take_stamped_day"]

# Without any anchor, a header is at most this many lines (an issuer of three lines,
# a mark or two): a longer run of text is a body, or not a document at all.
_MAX_LINES_BEFORE_ANCHOR = 8
# No header runs longer than this, whatever it holds (it keeps hostile input cheap).
_MAX_LINES = 40


@dataclass(slots=True)
class Header:
    """What the header zone says; ``None`` where it says nothing."""

    country: tuple[str, int] | None = None
    tagline: tuple[str, int] | None = None
    issuer: list[tuple[str, int]] = field(default_factory=list)
    number: int | None = None
    notation: str | None = None
    number_line: int | None = None
    place: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    date_line: int | None = None
    marks: dict[str, tuple[str, int]] = field(default_factory=dict)
    draft_line: int | None = None
    subject: list[str] = field(default_factory=list)
    subject_line: int | None = None
    unplaced: list[tuple[str, int]] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        """The number line or the date line has been read."""
        return self.number_line is not None or self.date_line is not None

    @property
    def anchors(self) -> int:
        """How many of the header's components were found."""
        found = (self.country, self.tagline, self.number_line, self.date_line, self.subject_line)
        return sum(1 for value in found if value is not None)


# A token of a header line: an anchor match, the place before a date, or other words.
_Token = tuple[str, str, "re.Match[str] | None"]


def _place_split(piece: str) -> tuple[str, str]:
    """(words before the place, the place) of the words just before ", ngày …"."""
    words = piece.split(" ")
    start = len(words)
    while start > 0 and len(words) - start < 6:
        word = words[start - 1]
        if not (word[:1].isupper() or word[:1].isdigit()):
            break
        start -= 1
    # "Thành phố Hồ Chí Minh" keeps the kind of unit in its name (PL I II.4).
    if start >= 2 and fold(" ".join(words[start - 2 : start])) == "thành phố":
        start -= 2
    if start == len(words):
        return "", piece
    return " ".join(words[:start]), " ".join(words[start:])


def _pieces(words: str) -> list[str]:
    return [" ".join(piece.split()) for piece in columns(words)]


#: A notation just before a date: the date is a cited document's ("Công điện số
#: 131/CĐ-TTg ngày 11/12/2024" in a "V/v" line), not the document's own.
_CITED = re.compile(r"\d/\S{1,40}\s{0,3}$")
#: Words just before "SỐ …" without a colon: the number is part of a name ("ĐOÀN KIỂM
#: TRA THEO QĐ SỐ 2872/QĐ-SCT"), not the document's own "Số:".
_NAMED_NUMBER = re.compile(r"\w[ ]{1,2}$")


def cited_anchor(raw: str, position: int, match: re.Match[str]) -> bool:
    """``match`` is no anchor of this document's header but part of other words."""
    if match.group("date") or match.group("sdate"):
        return _CITED.search(raw, position, match.start()) is not None
    if match.group("number"):
        head = match.group(0)[:6]
        return ":" not in head and _NAMED_NUMBER.search(raw, position, match.start()) is not None
    return False


def _tokens(raw: str) -> Iterator[_Token]:
    position = 0
    for match in HEADER_ANCHOR.finditer(raw):
        if cited_anchor(raw, position, match):
            continue
        pieces = _pieces(raw[position : match.start()])
        place = ""
        if (match.group("date") or match.group("sdate")) and pieces:
            before, place = _place_split(pieces.pop().rstrip(" ,"))
            if before:
                pieces.append(before)
        for piece in pieces:
            yield "text", piece, None
        if place:
            yield "place", place, None
        yield "anchor", match.group(0), match
        position = match.end()
    for piece in _pieces(raw[position:]):
        yield "text", piece, None


def _ends_header(line: Line) -> bool:
    record = record_of(line)
    return record.type is not None or record.addressee or record.opens_block or len(line.text) > 300


# Words that open the name of a body, for issuer lines whose capitals were lost (Word's
# "All caps" is formatting: the extracted text has the letters as typed).
_BODY_WORDS = re.compile(
    r"(?i:ủy\s|uỷ\s|ubnd|hđnd|sở\s|phòng\s|ban\s|bộ\s|cục\s|chi\s+cục|tổng\s+cục|hội\s|"
    r"văn\s+phòng|trung\s+tâm|trường\s|công\s+an|đảng|mặt\s+trận|viện\s|kho\s+bạc|thanh\s+tra)"
)


# Lines in capitals above "Số:" that are not a body's name: the marks of a copy (PL I,
# Phần II, Mục V), kept as unplaced lines rather than taken for the issuer.
_NOT_ISSUER = frozenset(
    fold(text)
    for text in ("BẢN SAO", "SAO Y", "SAO Y BẢN CHÍNH", "TRÍCH SAO", "SAO LỤC", "BẢN CHÍNH")
)


def _issuer_like(piece: str) -> bool:
    # A body's name has no colon: "ĐT: 0256 …", "GHI CHÚ: …" are not issuers.
    if len(piece) > 120 or ends_sentence(piece) or ":" in piece or fold(piece) in _NOT_ISSUER:
        return False
    return is_caps(piece) or _BODY_WORDS.match(piece) is not None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


class _HeaderReader:
    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.header = Header()
        self.expect_subject = False
        self.subject_open_at = -1  # the line on which the V/v subject may go on

    def anchor(self, match: re.Match[str], line: int) -> None:
        h = self.header
        if match.group("motto") and h.country is None:
            h.country = (" ".join(match.group(0).split()), line)
        elif match.group("tagline") and h.tagline is None:
            parts = match.group(0).translate(DASHES).split("-")
            h.tagline = (" - ".join(" ".join(part.split()) for part in parts), line)
        elif match.group("number") and h.number_line is None:
            h.number = _int(match.group("num"))
            h.notation = match.group("notation").translate(DASHES).rstrip(".,;:") or None
            h.number_line = line
        elif (match.group("date") or match.group("sdate")) and h.date_line is None:
            if match.group("date"):
                day, month, year = match.group("day", "month", "year")
            else:
                day, month, year = match.group("sday", "smonth", "syear")
            h.day, h.month, h.year = _int(day), _int(month), _int(year)
            h.date_line = line
        elif match.group("vv") and h.subject_line is None:
            h.subject_line = line
            self.expect_subject = True
            self.subject_open_at = line + 1
        else:
            h.unplaced.append((" ".join(match.group(0).split()), line))

    def words(self, piece: str, line: int) -> None:
        h = self.header
        # A number alone reaches here only where the classifier kept it as words (see
        # .pages): a day stamped apart from its date line, not a page's number.
        debris = None if piece.isdigit() else debris_kind(piece)
        if debris is not None:  # the rule under the issuer, in the issuer's column
            self.notes.debris(debris, line)
            return
        if self.expect_subject:
            h.subject.append(piece)
            self.expect_subject = False
            return
        mark = MARKS.get(fold(piece))
        if mark is not None:
            name, text = mark
            if name == "draft":
                h.draft_line = line
            else:
                h.marks.setdefault(name, (text, line))
            return
        if not h.dated and _issuer_like(piece):
            h.issuer.append((piece, line))
            return
        h.unplaced.append((piece, line))

    def continues_subject(self, line: Line, pieces: list[str]) -> bool:
        """A line right under "V/v …" that carries on the subject (it wraps in its column)."""
        if self.header.subject_line is None or not pieces:
            return False
        if not (self.expect_subject or line.number == self.subject_open_at):
            return False
        if any(fold(p) in MARKS for p in pieces) or is_caps(line.text):
            return False
        return starts_lower(line.text) or not ends_sentence(line.text)

    def line(self, line: Line) -> bool:
        """Read one line; False when it is not part of the header (the body begins)."""
        h = self.header
        tokens = list(_tokens(line.raw))
        if not any(kind == "anchor" for kind, _, _ in tokens):
            pieces = [value for _, value, _ in tokens]
            if self.continues_subject(line, pieces):
                h.subject.extend(pieces)
                self.expect_subject = False
                self.subject_open_at = line.number + 1
                return True
            known = all(fold(p) in MARKS or debris_kind(p) for p in pieces)
            if h.dated and not known:
                return False
        for kind, value, match in tokens:
            if match is not None:
                self.anchor(match, line.number)
            elif kind == "place" and h.place is None:
                h.place = value
            elif kind == "place":
                h.unplaced.append((value, line.number))
            else:
                self.words(value, line.number)
        if self.subject_open_at <= line.number and not self.expect_subject:
            self.subject_open_at = -1
        return True


def parse_header(lines: Sequence[Line], notes: Notes) -> tuple[Header, int]:
    """Read the header from the top of ``lines``; returns it and the next line's index.

    Returns an empty header and the first line when no anchor shows up in the first
    few lines: then there is no header (a body, or not a document at all).
    """
    reader = _HeaderReader(notes)
    for seen, (index, line) in enumerate(worded(lines, notes.debris), 1):
        if _ends_header(line):
            return reader.header, index
        if seen > _MAX_LINES:
            return reader.header, index
        if reader.header.anchors == 0 and seen > _MAX_LINES_BEFORE_ANCHOR:
            first = next(i for i, line in enumerate(lines) if not line.blank)
            return Header(), first
        if not reader.line(line):
            if not _anchor_ahead(lines, index + 1, reader.header):
                return reader.header, index
            # A stray line among the header's lines ("Bản gửi qua mạng" between "Số:"
            # and the date): kept, and the header goes on.
            reader.header.unplaced.append((line.text, line.number))
    return reader.header, len(lines)


def _a_day(day: int, header: Header) -> bool:
    """``day`` is a day of the header's month (of its year, when given)."""
    assert header.month is not None
    try:
        datetime.date(header.year or 2000, header.month, day)  # 2000: a leap year
    except ValueError:
        return False
    return True


# How far from the date line a day stamped apart may stand (lines).
_STAMP_REACH = 2


def take_stamped_day(header: Header) -> None:
    """A date whose day is blank takes a day written apart, next to it: a signed PDF's
    day stamped lower than its line (002: "ngày tháng 11 năm 2025" and "05"), which the
    header or the title kept as a stray line."""
    if header.day is not None or header.date_line is None or header.month is None:
        return
    if header.number is None:
        return  # the number may be the one stamped apart: which is which, unknown
    for at, (text, line) in enumerate(header.unplaced):
        near = abs(line - header.date_line) <= _STAMP_REACH
        if near and text.isdigit() and len(text) <= 2 and _a_day(int(text), header):
            header.day = int(text)
            del header.unplaced[at]
            return


# How many lines past a line that fits no component the header may go on.
_LOOKAHEAD = 2
# A line of the header is short: a longer line with a date in it is a body's sentence.
_MAX_ANCHOR_LINE = 160


def _anchor_ahead(lines: Sequence[Line], start: int, header: Header) -> bool:
    """One of the next few lines holds a header component not yet found (bounded look)."""
    seen = 0
    for line in lines[start : start + 4 * _LOOKAHEAD + 4]:
        if line.blank or debris_kind(line.text) is not None:
            continue
        if _ends_header(line) or len(line.text) > _MAX_ANCHOR_LINE:
            return False
        for match in HEADER_ANCHOR.finditer(line.raw):
            if _missing(match, header):
                return True
        seen += 1
        if seen >= _LOOKAHEAD:
            return False
    return False


def _missing(match: re.Match[str], header: Header) -> bool:
    """The anchor ``match`` is of a component the header has not found yet."""
    if match.group("motto"):
        return header.country is None
    if match.group("tagline"):
        return header.tagline is None
    if match.group("number"):
        return header.number_line is None
    if match.group("vv"):
        return header.subject_line is None
    return header.date_line is None
