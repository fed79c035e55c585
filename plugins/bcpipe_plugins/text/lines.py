"""Source lines, cleaned of what text extraction leaves behind.

Text extracted from Word or PDF files carries non-breaking and zero-width spaces,
form feeds at page breaks, decomposed Vietnamese letters and tabs where a two-column
table (the header, the signature block) was flattened. Each :class:`Line` keeps its
1-based number, the line with its tabs (``raw``, for splitting columns) and the line
with white space collapsed (``text``, for reading words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bcpipe.textutil import nfc

__all__ = [
    "COLUMN_GAP",
    "Line",
    "columns",
    "debris_kind",
    "ends_sentence",
    "is_caps",
    "is_caps_word",
    "split_lines",
    "starts_lower",
]

# Spaces that are not U+0020, page-break controls and invisible characters.
_ODD_CHARACTERS = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2028": " ",
        "\u2029": " ",
        "\x85": " ",
        "\f": " ",
        "\v": " ",
        "\r": " ",
        "\ufeff": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\u00ad": None,
    }
)
_SPACES = re.compile(r"\s+")
#: Where a flattened two-column table leaves its gap: a tab, or three or more spaces.
COLUMN_GAP = re.compile(r"\t[\t ]*|[ ]{3,}")

_PAGE_NUMBER = re.compile(
    r"(?:(?i:trang)\s{1,3})?[-–—]?\s{0,3}\d{1,4}\s{0,3}(?:/\s{0,3}\d{1,4}\s{0,3})?[-–—]?"
)
_RULE = re.compile(r"[-_=─━—–~*.·•]{3,}")


@dataclass(frozen=True, slots=True)
class Line:
    """One source line: ``raw`` keeps tabs (columns), ``text`` has spaces collapsed."""

    number: int
    raw: str
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (already decoded, line ends ``\\n``), cleaned."""
    out: list[Line] = []
    for number, line in enumerate(nfc(text.translate(_ODD_CHARACTERS)).split("\n"), 1):
        raw = line.strip()
        out.append(Line(number, raw, _SPACES.sub(" ", raw) if raw else ""))
    return out


def columns(raw: str) -> list[str]:
    """The non-empty pieces of a line split at column gaps."""
    return [piece.strip() for piece in COLUMN_GAP.split(raw) if piece.strip()]


def debris_kind(text: str) -> str | None:
    """ "page number" or "rule" when the line is layout debris, else None."""
    if len(text) <= 20 and _PAGE_NUMBER.fullmatch(text):
        return "page number"
    if len(text) <= 200 and _RULE.fullmatch(text.replace(" ", "")):
        return "rule"
    return None


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
