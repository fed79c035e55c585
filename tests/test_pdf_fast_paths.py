"""The PDF exporter's fast paths give exactly what reportlab's own ways give."""

from __future__ import annotations

from typing import Any

from bcpipe_plugins.pdf import PdfSettings
from bcpipe_plugins.pdf.fonts import BUNDLED, FontFamily, SubsetFont, check_glyphs, font_family
from bcpipe_plugins.pdf.layout import layout_for
from bcpipe_plugins.pdf.paragraphs import Para, lines_paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from bcpipe import ExportError

# Vietnamese letters, ASCII, no-break and odd spaces, a character the font lacks
# (U+4E00) and enough distinct letters to fill a first subset (over 256 codes).
ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậắằẳẵặéèẻẽẹ.,;:-()/0123456789")
    + ["\u00a0", "\u2003", "\u4e00", "\t"]
    + [chr(c) for c in range(0x1EA0, 0x1EFA)]
    + [chr(c) for c in range(0x0400, 0x0460)]
)


class _Doc:
    """Stands for a PDF document: reportlab keys a font's per-document state by it."""


# Every Cyrillic and Vietnamese letter once: more characters than a subset holds.
MANY = "".join(
    chr(c) for c in [*range(0x0400, 0x0460), *range(0x1EA0, 0x1EFA), *range(0x0100, 0x0180)]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(ALPHABET, max_size=40), max_size=30),
    st.booleans(),
    st.integers(0, len(MANY)),
)
def test_subset_codes_are_reportlabs(texts: list[str], readable: bool, fill: int) -> None:
    texts = [MANY[:fill], *texts]
    plain = TTFont("plain", BUNDLED.regular, asciiReadable=readable)
    fast = SubsetFont("fast", BUNDLED.regular, asciiReadable=readable)
    plain_doc, fast_doc = _Doc(), _Doc()
    for text in ["Số", *texts] * 2:  # the second round finds every character known
        assert fast.splitString(text, fast_doc) == plain.splitString(text, plain_doc)
    assert fast.state[fast_doc].assignments == plain.state[plain_doc].assignments
    assert fast.state[fast_doc].subsets == plain.state[plain_doc].subsets


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=20), max_size=20), st.sampled_from([11, 13, 14.5]))
def test_widths_are_reportlabs(words: list[str], size: float) -> None:
    plain = TTFont("plain", BUNDLED.regular)
    fast = SubsetFont("fast", BUNDLED.regular)
    fast.WIDTHS_KEPT = 8  # the memory is emptied along the way, too
    for word in words * 2:
        assert fast.stringWidth(word, size) == plain.stringWidth(word, size)
        assert fast.stringWidth(word.encode(), size) == plain.stringWidth(word.encode(), size)


def _refusal(family: FontFamily, used: dict[str, Any]) -> str | None:
    try:
        check_glyphs(family, used)
    except ExportError as error:
        return str(error)
    return None


@settings(max_examples=60, deadline=None)
@given(st.text(ALPHABET, max_size=60))
def test_the_glyph_check_of_a_whole_text_is_that_of_its_characters(text: str) -> None:
    family = font_family(None)
    by_text = _refusal(family, {family.bold: text})
    assert by_text == _refusal(family, {family.bold: set(text)})
    assert (by_text is None) == all(
        ord(c) in family.glyphs[family.bold] or c.isspace() for c in text
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(ALPHABET | st.sampled_from(["&", "<", ">", " "]), max_size=25), max_size=4))
def test_lines_are_the_fragments_reportlabs_parser_makes(lines: list[str]) -> None:
    style = layout_for(PdfSettings()).styles.signature
    escaped = [
        line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines
    ]
    made = lines_paragraph(lines, style)
    parsed = Para("<br/>".join(escaped), style)
    assert [vars(frag) for frag in made.frags] == [vars(frag) for frag in parsed.frags]
