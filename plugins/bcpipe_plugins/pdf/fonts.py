"""The TrueType family a PDF is set in: registered with reportlab once per process.

reportlab's font registry is process-wide, and reading a TTF costs milliseconds, so a
family is registered once, under names derived from its files, and reused by every
document. Only embedded TrueType fonts are used: a base-14 font (Times-Roman) has no
Vietnamese letters, and a missing glyph would print as a box.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from bcpipe.errors import ExportError
from bcpipe_plugins.pdf.settings import FontFiles

__all__ = ["BUNDLED", "FontFamily", "check_glyphs", "font_family"]

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
        return TTFont(name, str(file), asciiReadable=False)
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


def check_glyphs(family: FontFamily, used: Mapping[str, Iterable[str]]) -> None:
    """Raise ExportError if a font lacks a glyph for a character set in it.

    ``used`` maps a registered font name to the characters printed in that font.
    White space is not drawn, so it needs no glyph.
    """
    for name, chars in used.items():
        covered = family.glyphs[name]
        missing = sorted({c for c in chars if ord(c) not in covered and not c.isspace()})
        if missing:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:8])
            more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            raise _error(
                f"font file {family.files[name]!r} has no glyph for {shown}{more}; "
                "configure a font with Vietnamese letters in settings [pdf.fonts]"
            )
