"""Each line classified once: what it is read as, wherever it is read.

After the pre-passes (a website's chrome cut, run-together header lines split, broken
ones joined), :func:`classify_lines` gives every line a :class:`Record`: its layout debris
kind (page number, rule), the label that opens it in a body (:class:`~.markers.Marker`),
whether it opens the end of page one ("Nơi nhận:", "TM. …") and whether it heads an
appendix. The zones and the block scanner read these records instead of asking each
predicate again for the same line (they used to, several times per line).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from bcpipe_plugins.text.appendix import is_appendix_header
from bcpipe_plugins.text.lines import DEBRIS_START, Line, debris_kind
from bcpipe_plugins.text.markers import Marker, block_marker
from bcpipe_plugins.text.tail import is_tail_anchor

__all__ = ["BLANK", "WORDS", "Record", "classify", "classify_lines"]


class Record(NamedTuple):
    """What one line is: ``kind`` names it, the other fields say what was read from it.

    ``kind`` is "blank", "debris" (``debris`` says which), "appendix" (a "Phụ lục"
    heading), "tail" ("Nơi nhận:" or an authority line, ``tail`` is True), "marker" (a
    labelled body line, ``marker`` holds the label) or "words".
    """

    kind: str
    debris: str | None = None
    marker: Marker | None = None
    tail: bool = False


BLANK = Record("blank")
WORDS = Record("words")
#: What a line opening the end of page one starts with ("Nơi nhận", "TM.", "KT.", …).
TAIL_START = frozenset("NnTKQ")
#: What a labelled body line starts with (besides a lower-case point letter).
MARKER_START = frozenset("0123456789IVXPpĐđCM-+–—•∙·")


def classify(line: Line) -> Record:
    """The record of a line with words (called once per line by :func:`classify_lines`)."""
    text = line.text
    first = text[0]
    # Each predicate is asked only where its first character lets it answer yes: most
    # lines are words, and they are let go after a few set lookups.
    debris = debris_kind(text) if first in DEBRIS_START else None
    if debris is not None:
        return Record("debris", debris=debris)
    if first in "Pp" and is_appendix_header(line):
        return Record("appendix")
    raw = line.raw
    tail = (first in TAIL_START or "\t" in raw or "   " in raw) and is_tail_anchor(line)
    marker = block_marker(text) if first in MARKER_START or first.islower() else None
    if tail:
        return Record("tail", marker=marker, tail=True)
    return WORDS if marker is None else Record("marker", marker=marker)


def classify_lines(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with each one's record attached (``line.record``)."""
    # tuple.__new__ builds the named tuples in C (``_replace`` is Python, and slow).
    new = tuple.__new__
    return [
        new(Line, (line[0], line[1], line[2], line[3], classify(line) if line[2] else BLANK))
        for line in lines
    ]
