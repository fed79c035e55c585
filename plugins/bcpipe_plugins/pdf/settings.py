"""The layout profile of the PDF exporter: margins, sizes, indent, spacing, fonts.

The defaults are the decree's (NĐ30 PL I; nd30-format.md §2-3): margins 20/20/30/15 mm,
the sizes of the decree's own illustration column, body 14 pt, first-line indent
1.27 cm, 6 pt between paragraphs, single line spacing. Every value may be overridden in
the pipeline settings' ``[pdf]`` table, but only within the range the decree allows, so
that a configured export is still a conformant document::

    [pdf]
    margin_left_mm = 35
    motto_size = 13

    [pdf.fonts]   # all four, TrueType (.ttf); relative paths are taken from the cwd
    regular = "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf"
    bold = "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold.ttf"
    italic = "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Italic.ttf"
    bold_italic = "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold_Italic.ttf"
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from bcpipe.errors import ExportError

__all__ = ["FontFiles", "PdfSettings", "settings_from"]

FORMAT = "pdf"


def _size(default: float, low: float, high: float, what: str) -> Any:
    return Field(default, ge=low, le=high, description=f"{what} (pt, {low:g}-{high:g})")


class _Frozen(BaseModel):
    # Frozen and hashable: a settings object is the key of the cached styles.
    model_config = ConfigDict(extra="forbid", frozen=True)


def _absolute(path: str) -> str:
    # Absolute at once, so that the font cache keyed by these paths never goes stale
    # when the working directory changes.
    return str(Path(path).expanduser().absolute())


FontPath = Annotated[str, Field(min_length=1), AfterValidator(_absolute)]


class FontFiles(_Frozen):
    """A TrueType family given as four files (all four are required)."""

    regular: FontPath
    bold: FontPath
    italic: FontPath
    bold_italic: FontPath

    def by_role(self) -> dict[str, str]:
        return {
            "regular": self.regular,
            "bold": self.bold,
            "italic": self.italic,
            "bold_italic": self.bold_italic,
        }


class PdfSettings(_Frozen):
    """The whole layout profile; the defaults are a conformant A4 document."""

    # PL I I.3: top 20-25, bottom 20-25, left 30-35, right 15-20 mm.
    margin_top_mm: float = Field(20, ge=20, le=25)
    margin_bottom_mm: float = Field(20, ge=20, le=25)
    margin_left_mm: float = Field(30, ge=30, le=35)
    margin_right_mm: float = Field(15, ge=15, le=20)

    # PL I II.1-9 and III (nd30-format.md §3); defaults from the decree's illustration.
    motto_size: float = _size(12, 12, 13, "Quốc hiệu")
    tagline_size: float = _size(13, 13, 14, "Tiêu ngữ")
    issuer_size: float = _size(12, 12, 13, "parent body and issuer")
    number_size: float = _size(13, 13, 13, '"Số:" line')
    date_size: float = _size(13, 13, 14, "place and date")
    type_size: float = _size(14, 13, 14, "type name")
    subject_size: float = _size(14, 13, 14, "subject")
    body_size: float = _size(14, 13, 14, "body, basis, closing, Kính gửi, appendix")
    signature_size: float = _size(14, 13, 14, "signature block")
    recipients_heading_size: float = _size(12, 12, 12, '"Nơi nhận:"')
    recipients_size: float = _size(11, 11, 11, "recipient lines, drafter line")
    mark_size: float = _size(13, 13, 14, "urgency, confidentiality, circulation marks")
    contact_size: float = _size(11, 11, 12, "contact footer")
    page_number_size: float = _size(14, 13, 14, "page numbers")
    table_size: float = _size(13, 10, 14, "table cells (not regulated)")

    # PL I II.6.e: indent 1 or 1.27 cm, >= 6 pt between paragraphs, single to 1.5 lines.
    first_line_indent_cm: float = Field(1.27, ge=1.0, le=1.27)
    paragraph_spacing_pt: float = Field(6, ge=6, le=18)
    line_spacing: float = Field(1.0, ge=1.0, le=1.5, description="in lines (1.0 = single)")

    # Not fixed by the decree: common practice.
    header_left_ratio: float = Field(
        0.4, ge=0.3, le=0.5, description="share of the text width for the left column"
    )
    short_rule_ratio: float = Field(
        0.4, ge=1 / 3, le=0.5, description="rule under issuer and subject, share of the text"
    )
    signature_space_mm: float = Field(25, ge=15, le=50, description="room for signature, seal")
    fonts: FontFiles | None = Field(None, description="TrueType family; None: Liberation Serif")


def settings_from(settings: Mapping[str, Any]) -> PdfSettings:
    """The ``[pdf]`` table of the pipeline settings as a profile; ExportError if invalid."""
    table = settings.get(FORMAT, {})
    if not isinstance(table, Mapping):
        raise ExportError(FORMAT, FORMAT, f"settings [pdf] must be a table, not {table!r}")
    try:
        return PdfSettings.model_validate(dict(table))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or '(table)'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ExportError(FORMAT, FORMAT, f"invalid settings [pdf]: {problems}") from None
