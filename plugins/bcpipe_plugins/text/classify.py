"""Each line classified once: what it is read as, wherever it is read.

After the pre-passes (a website's chrome cut, run-together header lines split, broken
ones joined), :func:`classify_lines` gives every line a :class:`Record`: its layout debris
kind (page number, rule), the label that opens it in a body (:class:`~.markers.Marker`),
the words that open a basis, an article or the closing ("Căn cứ", "Điều 2.", "Trên
đây"), the document type it names ("BÁO CÁO"), whether it is "Kính gửi", whether it
opens the end of page one ("Nơi nhận:", "TM. …") and whether it heads an appendix. The
header, the title, the zones and the block scanner read these records instead of asking
each predicate again for the same line (they used to, several times per line).
"""

from __future__ import annotations

from collections.abc import Sequence
from re import Match
from typing import NamedTuple

from bcpipe import DocumentType
from bcpipe_plugins.text.lines import DEBRIS_START, Line, debris_kind, is_caps
from bcpipe_plugins.text.markers import OPENER_START, Marker, block_marker, opener
from bcpipe_plugins.text.pages import kept_numbers
from bcpipe_plugins.text.patterns import ADDRESSEE, APPENDIX, CABLE_HEADING, type_of_line
from bcpipe_plugins.text.tail import is_tail_anchor

__all__ = [
    "BLANK",
    "WORDS",
    "Record",
    "cable_heading",
    "classify",
    "classify_lines",
    "is_appendix_header",
    "record_of",
]


class Record(NamedTuple):
    """What one line is: ``kind`` names it, the other fields say what was read from it.

    ``kind`` is "blank", "debris" (``debris`` says which), "appendix" (a "Phụ lục"
    heading), "tail" ("Nơi nhận:" or an authority line, ``tail`` is True), "marker" (a
    labelled body line, ``marker`` holds the label) or "words". Whatever the kind,
    ``opener`` says which words open the line ("article": "Điều 2.", "basis": "Căn cứ
    …", "closing": "Trên đây …"), ``type`` the document type the line names by itself
    ("BÁO CÁO"), ``addressee`` whether it is "Kính gửi …" (or a công điện's "… điện:").
    """

    kind: str
    debris: str | None = None
    marker: Marker | None = None
    tail: bool = False
    opener: str | None = None
    type: DocumentType | None = None
    addressee: bool = False

    @property
    def opens_block(self) -> bool:
        """The line opens a block of the body: a label, an article, a basis or closing line."""
        return self.marker is not None or self.opener is not None


BLANK = Record("blank")
WORDS = Record("words")
#: The record of every line read as a page number by its form (one object: compared by
#: identity in :func:`classify_lines`).
_PAGE_NUMBER = Record("debris", debris="page number")
#: A type name is short ("CÔNG VĂN", "QUYẾT ĐỊNH", "THÔNG BÁO"): longer lines are no type.
_TYPE_LENGTH = 30
#: What a line opening the end of page one starts with ("Nơi nhận", "TM.", "KT.", …).
TAIL_START = frozenset("NnTKQ")
#: What a labelled body line starts with (besides a lower-case point letter).
MARKER_START = frozenset("0123456789IVXPpĐđCM-+–—•∙·")


def is_appendix_header(line: Line) -> bool:
    """ "Phụ lục", "PHỤ LỤC II", "Phụ lục I. DANH SÁCH …" on a line of its own."""
    text = line.text
    if len(text) > 300 or text[:1] not in "Pp":
        return False
    match = APPENDIX.fullmatch(text)
    if match is None:
        return False
    title = match.group("title")
    return match.group("number") is not None or not title or is_caps(title)


#: "điện" as it ends a công điện's heading ("… điện:") or opens it ("Điện: …").
_CABLE_WORDS = frozenset({"điện", "Điện", "ĐIỆN"})


def cable_heading(text: str) -> Match[str] | None:
    """A công điện's heading of its addressees ("VĂN PHÒNG CHÍNH PHỦ điện:", "Điện: …"):
    the match, its ``sender`` (None for "Điện:") and the first addressee (``rest``)."""
    if text[-5:-1] not in _CABLE_WORDS and text[:4] not in _CABLE_WORDS:
        return None
    match = CABLE_HEADING.fullmatch(text)
    if match is None:
        return None
    sender = match.group("sender")
    return match if sender is None or is_caps(sender) else None


def classify(line: Line) -> Record:
    """The record of a line with words (called once per line by :func:`classify_lines`)."""
    text = line.text
    first = text[0]
    if first == "-" and text[1:2] == " " and text[2:3].isalpha() and line.raw is text:
        # "- Words": the commonest line of a body (items, recipients), a dash, one space
        # and a letter, no column gap: no debris, no opener, no type, no tail, no
        # "Kính gửi", and its marker is what ITEM reads (white space is collapsed).
        item = tuple.__new__(Marker, ("item", "-", text[2:]))
        return tuple.__new__(Record, ("marker", None, item, False, None, None, False))
    # Each predicate is asked only where its first character lets it answer yes: most
    # lines are words, and they are let go after a few set lookups.
    debris = debris_kind(text) if first in DEBRIS_START else None
    if debris == "page number":
        return _PAGE_NUMBER
    if debris is not None:
        return Record("debris", debris=debris)
    if first in "Pp" and is_appendix_header(line):
        return Record("appendix")
    raw = line.raw
    # (``raw`` is ``text`` itself unless the line had a tab or a run of spaces to collapse:
    # only then may a column gap hold "Nơi nhận:" or "TM. …" further on.)
    gap = raw is not text and ("\t" in raw or "   " in raw)
    tail = (first in TAIL_START or gap) and is_tail_anchor(line)
    marker = block_marker(text) if first in MARKER_START or first.islower() else None
    opens = opener(text) if first in OPENER_START else None
    named = type_of_line(text) if marker is None and len(text) <= _TYPE_LENGTH else None
    addressee = (first in "Kk" and ADDRESSEE.match(text) is not None) or (
        # A công điện's "… điện:" heads its addressees as "Kính gửi:" does.
        (text[-1] == ":" or first in "Đđ") and cable_heading(text) is not None
    )
    kind = "tail" if tail else "words" if marker is None else "marker"
    if kind == "words" and opens is None and named is None and not addressee:
        return WORDS
    # tuple.__new__ builds the named tuple in C (its own __new__ is Python, and slower).
    return tuple.__new__(Record, (kind, None, marker, tail, opens, named, addressee))


def record_of(line: Line) -> Record:
    """The record of ``line``: the one attached, or (for lines that never went through
    :func:`classify_lines`, such as those a caller builds) one made now."""
    record = line.record
    if record is not None:
        return record  # type: ignore[no-any-return]
    return classify(line) if line.text else BLANK


def classify_lines(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with each one's record attached (``line.record``).

    A lone number that is no page's number by its place (a table's value, one cell per
    line) is words, not debris: see :mod:`.pages`.
    """
    # tuple.__new__ builds the named tuples in C (``_replace`` is Python, and slow).
    new = tuple.__new__
    classified = [
        new(Line, (line[0], line[1], line[2], line[3], classify(line) if line[2] else BLANK))
        for line in lines
    ]
    numbers = [i for i, line in enumerate(classified) if line[4] is _PAGE_NUMBER]
    for index in kept_numbers(classified, numbers) if numbers else ():
        line = classified[index]
        classified[index] = new(Line, (line[0], line[1], line[2], line[3], WORDS))
    return classified
