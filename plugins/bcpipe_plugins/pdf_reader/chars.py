"""A page's words built from PDFium's characters, each with its box and weight.

Characters come in the order the page's content draws them. A word ends at a space (one
PDFium guesses counts where the gap is as wide as a space), at a jump to another
baseline, or where the next character goes back to the left:
text stamped later (an e-office system's number and date, drawn over the blanks of
"Số:      /BC-UBND") becomes words of its own, which the layout puts where they stand.
A character drawn again on itself (fake bold prints each letter twice, a little apart)
is read once.
"""

from __future__ import annotations

import ctypes
from typing import Any, NamedTuple

from bcpipe import SourceError
from bcpipe_plugins.pdf_reader.words import Word

__all__ = ["MAX_CHARS", "PageText", "page_words"]

#: A page of text has a few thousand characters; a hundred thousand is not a document.
MAX_CHARS = 100_000
#: Characters whose boxes start this near (pt) with the same letter are one, drawn twice.
OVERPRINT = 1.2
_SPACES = frozenset(" \u00a0\t\r\n")
#: Where PDFium guesses a space, a gap this share of the word's height is one (a word
#: space is about a quarter of an em; italic letters' kerning, which PDFium also takes
#: for spaces, a twentieth).
GAP = 0.15
#: A gap this share of the letters' height after a drawn space holds a missing letter
#: (the next letter starts right after a space's box, justified or not).
_MISSING_LETTER = 0.55
#: The longest font name read (a subset prefix and a PostScript name are far shorter).
_FONT_NAME = 128
#: The ForceBold flag of a PDF font descriptor (PDF 32000-1, table 123: bit 19).
_FORCE_BOLD = 1 << 18
#: PDFium marks a hyphen that breaks a word at a line end with U+0002; other control
#: characters (line ends among them: lines are rebuilt from positions) are dropped.
_CONTROLS = {2: "-"} | {code: None for code in (*range(32), 127) if code != 2}


class PageText(NamedTuple):
    """A page's words, how many letters it has and how many gaps a letter would fill.

    A gap is the room of a letter or more between a space the page draws and the next
    letter on its line, where the text starts again just after a space otherwise: a
    letter the page shows but its font maps to no character ("Sở ội vụ" for "Sở Nội
    vụ", 023), which every reader of the text layer misses.
    """

    words: list[Word]
    letters: int
    gaps: int


def page_words(textpage: Any, number: int, source: str | None) -> PageText:
    """The words of a PDFium text page (``pypdfium2.PdfTextPage``)."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count > MAX_CHARS:
        raise SourceError(
            source, f"page {number} has more than {MAX_CHARS} characters: not a document"
        )
    left, right, bottom, top, x, y = (ctypes.c_double() for _ in range(6))
    boxes = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    origin = (ctypes.byref(x), ctypes.byref(y))
    words: list[Word] = []
    letters: list[str] = []
    box: list[float] = []  # left, bottom, right, top of the word so far
    baseline = 0.0
    bold = False
    seen: set[tuple[str, int, int]] = set()
    counted = gaps = 0
    after_space: tuple[float, float] | None = None  # a drawn space's right edge and foot

    def close() -> None:
        if letters:
            text = "".join(letters).translate(_CONTROLS)
            if text.strip():
                words.append(Word(box[0], box[1], box[2], box[3], text + " ", bold, baseline))
            letters.clear()

    name = ctypes.create_string_buffer(_FONT_NAME)
    flags = ctypes.c_int()

    def is_bold(index: int) -> bool:
        # Many PDFs give a bold font weight 400: its name ("TimesNewRomanPS-BoldMT") or
        # its ForceBold flag says it.
        if pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600:
            return True
        pdfium_c.FPDFText_GetFontInfo(raw, index, name, _FONT_NAME, ctypes.byref(flags))
        return bool(flags.value & _FORCE_BOLD) or b"Bold" in name.value

    # Bound once: this loop makes five calls per character of every page.
    unicode_of, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    box_of, origin_of = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetCharOrigin
    size = 1.0  # the word's letter size: PDFium's font size omits the text matrix
    generated = False  # PDFium guessed a space since the last letter
    for index in range(count):
        char = chr(unicode_of(raw, index))
        if char in _SPACES:
            if is_generated(raw, index) == 1:
                generated = True  # judged at the next letter: italic kerning is no space
            else:
                close()
                if char == " " and box_of(raw, index, *boxes):
                    after_space = (right.value, bottom.value)
            continue
        if not (box_of(raw, index, *boxes) and origin_of(raw, index, *origin)):
            continue
        ox, oy = x.value, y.value
        key = (char, round(ox / OVERPRINT), round(oy / OVERPRINT))
        if key in seen:
            continue  # the same letter drawn again where it stands
        seen.add(key)
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        counted += 1
        if after_space is not None:
            height = y1 - y0
            space_right, space_foot = after_space
            if abs(y0 - space_foot) < height and x0 - space_right > _MISSING_LETTER * height:
                gaps += 1
            after_space = None
        if letters and (
            ox < box[2] - size * 0.3  # back to the left: drawn later, elsewhere
            or abs(oy - baseline) > size * 0.3  # another baseline
            or (generated and x0 - box[2] > GAP * (box[3] - box[1]))
        ):
            close()
        generated = False
        if not letters:
            box = [x0, y0, x1, y1]
            baseline = oy
            bold = is_bold(index)
            size = max(pdfium_c.FPDFText_GetFontSize(raw, index), y1 - y0, 1.0)
        else:
            if x0 < box[0]:
                box[0] = x0
            if y0 < box[1]:
                box[1] = y0
            if x1 > box[2]:
                box[2] = x1
            if y1 > box[3]:
                box[3] = y1
                size = max(size, y1 - y0)
        letters.append(char)
    close()
    return PageText(words, counted, gaps)
