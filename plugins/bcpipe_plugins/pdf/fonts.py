"""The TrueType family a PDF is set in: registered with reportlab once per process.

reportlab's font registry is process-wide, and reading a TTF costs milliseconds, so a
family is registered once, under names derived from its files, and reused by every
document. Only embedded TrueType fonts are used: a base-14 font (Times-Roman) has no
Vietnamese letters, and a missing glyph would print as a box.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from bcpipe.errors import ExportError
from bcpipe_plugins.pdf.settings import FontFiles

__all__ = ["BUNDLED", "FontFamily", "SubsetFont", "check_glyphs", "font_family"]

FORMAT = "pdf"
_DIR = Path(__file__).resolve().parent / "fonts"

#: Liberation Serif 2.1.5 (SIL OFL 1.1), metric-compatible with Times New Roman.
BUNDLED = FontFiles(
    regular=str(_DIR / "LiberationSerif-Regular.ttf"),
    bold=str(_DIR / "LiberationSerif-Bold.ttf"),
    italic=str(_DIR / "LiberationSerif-Italic.ttf"),
    bold_italic=str(_DIR / "LiberationSerif-BoldItalic.ttf"),
)


@dataclass(frozen=True, slots=True)
class FontFamily:
    """Registered reportlab font names of one family, and what each file can print."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    files: Mapping[str, str]  # registered name -> file path
    glyphs: Mapping[str, frozenset[int]]  # registered name -> code points with a glyph


_families: dict[FontFiles, FontFamily] = {}
_lock = threading.Lock()


class SubsetFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's TTFont, with a fast path for the text it draws.

    reportlab turns every string it draws into subset codes character by character,
    in Python, giving each new character the next code. Here the new characters of a
    string get their codes first (in the order they appear: the same codes, given in
    the same order, as reportlab's own loop gives), then the whole string is encoded
    at once by a charmap codec (in C) made from the first subset's codes. A string
    that needs a later subset (over 256 characters) or has a character the font lacks
    goes reportlab's way.

    Widths are remembered per size and string: line breaking measures every word of
    every paragraph, and documents are written in the same few thousand syllables.
    """

    #: Widths remembered per size; the memory is emptied when it grows past this.
    WIDTHS_KEPT = 50_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[float, dict[Any, float]] = {}

    def stringWidth(  # noqa: N802  (reportlab's name)
        self, text: Any, size: float, encoding: str = "utf8"
    ) -> float:
        widths = self._widths.get(size)
        if widths is None:
            widths = self._widths[size] = {}
        width = widths.get(text)
        if width is None:
            if len(widths) >= self.WIDTHS_KEPT:
                widths.clear()
            width = widths[text] = super().stringWidth(text, size, encoding)
        return width

    def splitString(  # noqa: N802  (reportlab's name)
        self, text: Any, doc: Any, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        if text.__class__ is not str or not text:
            return super().splitString(text, doc, encoding)  # type: ignore[no-any-return]
        state = self.state.get(doc)
        if state is None:
            super().splitString("", doc, encoding)  # makes the document's state
            state = self.state[doc]
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ")  # reportlab draws a no-break space as a space
        codes = getattr(state, "_bcpipe_codes", None)
        if codes is not None:
            try:
                return [(0, codecs.charmap_encode(text, "strict", codes)[0])]
            except UnicodeEncodeError:
                pass  # new characters, or a code of a later subset
        assignments = state.assignments
        new = "".join(c for c in dict.fromkeys(text) if ord(c) not in assignments)
        if new:
            super().splitString(new, doc, encoding)  # assigns their codes, in order
        if new or codes is None:
            state._bcpipe_codes = codes = _first_subset(assignments)
            try:
                return [(0, codecs.charmap_encode(text, "strict", codes)[0])]
            except UnicodeEncodeError:
                pass
        return super().splitString(text, doc, encoding)  # type: ignore[no-any-return]


def _first_subset(assignments: Mapping[int, int]) -> Any:
    """A charmap codec's table: each character with a code under 256 to that byte."""
    table = ["\ufffe"] * 256  # "undefined" in a charmap table
    for char, code in assignments.items():
        if code < 256:
            table[code] = chr(char)
    return codecs.charmap_build("".join(table))


def _error(message: str) -> ExportError:
    return ExportError(FORMAT, FORMAT, message)


def _load(name: str, role: str, path: str) -> TTFont:
    file = Path(path).expanduser()
    where = f"font file {str(file)!r} ({role})"
    if not file.exists():
        raise _error(f"{where}: not found (check settings [pdf.fonts])")
    if not file.is_file():
        raise _error(f"{where}: is not a file (check settings [pdf.fonts])")
    try:
        return SubsetFont(name, str(file), asciiReadable=False)
    except TTFError as exc:
        raise _error(f"{where}: not a usable TrueType font: {exc}") from None
    except (OSError, ValueError, IndexError, KeyError) as exc:  # truncated or garbage files
        raise _error(f"{where}: cannot be read as a TrueType font: {exc}") from None


def font_family(files: FontFiles | None) -> FontFamily:
    """The family of ``files`` (None: the bundled one), registered on first use."""
    files = files or BUNDLED
    family = _families.get(files)
    if family is not None:
        return family
    with _lock:
        family = _families.get(files)
        if family is not None:
            return family
        key = hashlib.sha256("\0".join(files.by_role().values()).encode()).hexdigest()[:12]
        fonts = {
            role: _load(f"bcpipe-{key}-{role}", role, path)
            for role, path in files.by_role().items()
        }
        for font in fonts.values():
            pdfmetrics.registerFont(font)
        names = {role: font.fontName for role, font in fonts.items()}
        # Lets <b>/<i> inside a paragraph pick the family's faces.
        pdfmetrics.registerFontFamily(
            names["regular"],
            normal=names["regular"],
            bold=names["bold"],
            italic=names["italic"],
            boldItalic=names["bold_italic"],
        )
        family = FontFamily(
            regular=names["regular"],
            bold=names["bold"],
            italic=names["italic"],
            bold_italic=names["bold_italic"],
            files={font.fontName: files.by_role()[role] for role, font in fonts.items()},
            glyphs={font.fontName: frozenset(font.face.charToGlyph) for font in fonts.values()},
        )
        _families[files] = family
        return family


_uncovered: dict[frozenset[int], re.Pattern[str]] = {}


def _uncovered_pattern(covered: frozenset[int]) -> re.Pattern[str]:
    """A pattern matching any character that is neither covered nor white space."""
    pattern = _uncovered.get(covered)
    if pattern is None:
        ranges: list[str] = []
        points = sorted(covered)
        for index, point in enumerate(points):
            if index == 0 or point != points[index - 1] + 1:
                ranges.append(f"\\U{point:08x}")  # a run starts
            if index == len(points) - 1 or points[index + 1] != point + 1:
                ranges[-1] += f"-\\U{point:08x}"  # and ends
        pattern = _uncovered[covered] = re.compile(f"[^{''.join(ranges)}\\s]")
    return pattern


def check_glyphs(family: FontFamily, used: Mapping[str, Iterable[str]]) -> None:
    """Raise ExportError if a font lacks a glyph for a character set in it.

    ``used`` maps a registered font name to the characters printed in that font (a
    string, or any iterable of characters). White space is not drawn, so it needs no
    glyph.
    """
    for name, chars in used.items():
        covered = family.glyphs[name]
        # A document's text is long and nearly always fully covered: one scan says so.
        if isinstance(chars, str) and _uncovered_pattern(covered).search(chars) is None:
            continue
        missing = sorted({c for c in chars if ord(c) not in covered and not c.isspace()})
        if missing:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:8])
            more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            raise _error(
                f"font file {family.files[name]!r} has no glyph for {shown}{more}; "
                "configure a font with Vietnamese letters in settings [pdf.fonts]"
            )
