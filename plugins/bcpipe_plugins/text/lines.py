"""Source lines, cleaned of what text extraction leaves behind.

Text extracted from Word or PDF files carries non-breaking and zero-width spaces,
form feeds at page breaks, decomposed Vietnamese letters and tabs where a two-column
table (the header, the signature block) was flattened. Each :class:`Line` keeps its
1-based number, the line with its tabs (``raw``, for splitting columns) and the line
with white space collapsed (``text``, for reading words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import count, filterfalse, pairwise, repeat
from typing import Any, NamedTuple
from unicodedata import is_normalized

from bcpipe.textutil import nfc

__all__ = [
    "COLUMN_GAP",
    "DEBRIS_START",
    "Line",
    "columns",
    "debris_kind",
    "ends_sentence",
    "goes_on_after_hyphen",
    "goes_on_in_date",
    "is_caps",
    "is_caps_word",
    "joined_lines",
    "split_lines",
    "starts_lower",
    "worded",
]

# Spaces that are not U+0020 or a tab, page-break controls and invisible characters.
_ODD_CHARACTERS = str.maketrans(
    {
        **dict.fromkeys("\u00a0\u1680\u202f\u205f\u3000\u2028\u2029\x85\f\v\r", " "),
        **dict.fromkeys("\x1c\x1d\x1e\x1f", " "),
        **dict.fromkeys([chr(c) for c in range(0x2000, 0x200B)], " "),
        **dict.fromkeys("\ufeff\u200b\u200c\u200d\u2060\u00ad", None),
    }
)
#: Each odd character and what it becomes (a space, or nothing).
_ODD_PAIRS = tuple((chr(code), by or "") for code, by in _ODD_CHARACTERS.items())
_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in _ODD_CHARACTERS) + "]")
_SPACES = re.compile(r"[ \t]+")
#: Where a flattened two-column table leaves its gap: a tab, or three or more spaces.
COLUMN_GAP = re.compile(r"\t[\t ]*|[ ]{3,}")

# A page's number has no leading zero: "00", "04" alone on a line are a table's cells
# (counts as agencies write them), one per line in a converted Word table.
_PAGE_NUMBER = re.compile(
    r"(?:(?i:trang)\s{1,3})?[-–—]?\s{0,3}[1-9]\d{0,3}\s{0,3}(?:/\s{0,3}\d{1,4}\s{0,3})?[-–—]?"
)
_RULE_CHARS = "-_=─━—–~*.·•"
_RULE = re.compile(f"[{_RULE_CHARS}]{{3,}}")
_RULE_SPACE = _RULE_CHARS + " "


class Line(NamedTuple):
    """One source line: ``raw`` keeps tabs (columns), ``text`` has spaces collapsed.

    A named tuple, not a dataclass: a document has hundreds of lines and building
    tuples is several times faster.
    """

    number: int
    raw: str
    text: str
    page_break: bool = False  # a form feed stood on the line: a new page starts here
    #: What the line is read as (a :class:`~.classify.Record`), once classified.
    record: Any = None

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (already decoded, line ends ``\\n``), cleaned."""
    lines = text.split("\n")
    if not is_normalized("NFC", text):
        # Normalising the whole text costs as much as decomposing and recomposing every
        # letter of it; extracted texts mostly have a few decomposed lines (Word's
        # equations, a pasted name): those alone are normalised (005: 1.0 -> 0.1 ms).
        lines = [line if is_normalized("NFC", line) else nfc(line) for line in lines]
        text = "\n".join(lines)
    breaks: Iterable[bool]
    # Most files have no odd character, and then nothing to translate. Every odd
    # character is unprintable, so only unprintable lines (with tabs, mostly) are
    # searched for one: isprintable() costs a tenth of a search for this class.
    if not any(map(_ODD.search, filterfalse(str.isprintable, lines))):
        raws = list(map(str.strip, lines))
        breaks = repeat(False)
    else:  # the cleaning never makes or removes a line end: the text is cleaned at once
        raws = list(map(str.strip, _cleaned(text).split("\n")))
        breaks = ["\f" in line for line in lines]
    if "  " in text or "\t" in text:  # one search of the text, not two of each line
        words = [_SPACES.sub(" ", raw) if "  " in raw or "\t" in raw else raw for raw in raws]
    else:
        words = raws
    # tuple.__new__ builds the named tuples in C (Line's own __new__ is Python).
    return list(map(tuple.__new__, repeat(Line), zip(count(1), raws, words, breaks, repeat(None))))


def _cleaned(text: str) -> str:
    """``text`` with each odd character made a space or dropped.

    str.translate() with a table of characters beyond Latin-1 looks each character up in
    Python's dict: a page of Vietnamese took a millisecond. The odd characters a file
    has are few, so each is replaced where it is present (a search each, in C).
    """
    for odd, by in _ODD_PAIRS:
        if odd in text:
            text = text.replace(odd, by)
    return text


def columns(raw: str) -> list[str]:
    """The non-empty pieces of a line split at column gaps."""
    return [piece.strip() for piece in COLUMN_GAP.split(raw) if piece.strip()]


#: Debris starts with one of these: most lines start with a letter and are let go at once.
DEBRIS_START = frozenset("-_=─━—–~*.·•0123456789Tt")


def debris_kind(text: str) -> str | None:
    """ "page number" or "rule" when the line is layout debris, else None."""
    if text[:1] not in DEBRIS_START:
        return None
    if len(text) <= 20 and _PAGE_NUMBER.fullmatch(text):
        return "page number"
    # (A rule is made of rule characters and spaces only: lstrip() finds any other
    # character, in an item's second place usually, before the copy without spaces; the
    # first few characters are tried first, so that an item's words are not copied.)
    if (
        len(text) <= 200
        and not text[:4].lstrip(_RULE_SPACE)
        and not text.lstrip(_RULE_SPACE)
        and _RULE.fullmatch(text.replace(" ", ""))
    ):
        return "rule"
    return None


#: A line broken after a notation's or a range's hyphen ("… số 1621/STC-" / "GCS ngày …",
#: "2021-" / "2025"): a letter or digit, then the hyphen, at the line's end.
_BROKEN_AT_HYPHEN = re.compile(r"[A-Za-zĐđ0-9]-$")
#: What goes on such a line without a space: a capital or a digit.
_GOES_ON_AFTER_HYPHEN = re.compile(r"[A-ZĐ0-9]")


def goes_on_after_hyphen(previous: str, text: str) -> bool:
    """``previous`` broke after a notation's or a range's hyphen and ``text`` finishes it
    ("Kế hoạch số 59/KH-" / "UBND ngày …"; "giai đoạn 2021-" / "2025")."""
    return (
        previous[-1:] == "-"
        and _BROKEN_AT_HYPHEN.search(previous) is not None
        and _GOES_ON_AFTER_HYPHEN.match(text) is not None
    )


def joined_lines(lines: Sequence[str]) -> str:
    """Wrapped lines as one text: a space between two, none after a hyphen that broke a
    notation or a range ("KH-" / "UBND" → "KH-UBND"); "Độc lập -" keeps its space."""
    if len(lines) < 2 or not any(line.endswith("-") for line in lines[:-1]):
        return " ".join(lines)
    out = [lines[0]]
    for previous, line in pairwise(lines):
        out.append(line if goes_on_after_hyphen(previous, line) else " " + line)
    return "".join(out)


def is_caps(text: str) -> bool:
    """Written in capitals (and has letters): "ỦY BAN NHÂN DÂN", "PCVP-1"."""
    return text.isupper()


def is_caps_word(word: str) -> bool:
    """A word of two or more capitals: "TUY", "PHƯỚC" (not "Tuy", "1", "A")."""
    return len(word) > 1 and word.isupper()


def starts_lower(text: str) -> bool:
    """Starts with a lower-case letter: the rest of a sentence broken off above."""
    return text[:1].islower()


def ends_sentence(text: str) -> bool:
    """Ends with the punctuation that closes a sentence or a list entry."""
    return text[-1:] in {".", ";", ":", "!", "?", "…"}


#: The words of a date after which its number follows: "ngày 14 tháng 12 năm" / "2020".
_DATE_WORDS = frozenset({"ngày", "Ngày", "tháng", "năm"})


def goes_on_in_date(above: str, text: str) -> bool:
    """``text`` opens with the number of a date the line ``above`` broke off ("… Nghị
    định số 145/2020/NĐ-CP ngày 14 tháng 12 năm" / "2020 của Chính phủ …"): the same
    sentence, whatever the layout says about lines. (The words "tháng", "năm" after a
    number start in lower case: :func:`starts_lower` joins those.)"""
    return text[:1].isdigit() and above[above.rfind(" ") + 1 :] in _DATE_WORDS


def worded(
    lines: Sequence[Line], on_debris: Callable[[str, int], None], start: int = 0
) -> Iterator[tuple[int, Line]]:
    """(index, line) for each line with words from ``start`` on; each line of debris
    passed on the way goes to ``on_debris`` (its kind and line number), blank lines
    are passed over."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.blank:
            continue
        record = line.record
        kind = debris_kind(line.text) if record is None else record.debris
        if kind is not None:
            on_debris(kind, line.number)
            continue
        yield index, line
