"""A .docx as the logical lines the text reader reads, each with its place.

- Body paragraphs one per line, Word's automatic numbering resolved to its label
  (:mod:`.numbering`), hidden and deleted text left out, textboxes read where they
  stand, a manual line break a line of its own; empty paragraphs and page breaks
  become group boundaries (blank lines).
- Layout tables (the header's and the signature's two columns, recognised by their
  words: motto, "Số:", "Nơi nhận", "TM."/"KT." …) are read column by column, each
  cell's lines together, "Nơi nhận" last: the order the decree's reading follows
  (issuer, number, motto, place and date; signature, then recipients). Paragraphs laid
  out in columns with tabs instead of a table are read the same way.
- Other tables (two columns and two rows at least) are data: rows of cells written as
  "| a | b |" with a separator under the heading rows, which the text reader reads back
  as a table.
- A footnote reference is its mark "[n]" where it stands, and the footnotes' texts are
  "[n] …" lines after the signature table (before the appendices), as the text export
  writes them.

Places: "paragraph N “its first words…”" (N counts the body's paragraphs, empty ones
too), "table T, row R, cell C", "footnote N".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bcpipe_plugins.docx.numbering import Numbering
from bcpipe_plugins.docx.package import Parts
from bcpipe_plugins.docx.xml import MC, W, attr
from bcpipe_plugins.extracted import PlacedLines, table_rows
from bcpipe_plugins.text.lines import ends_sentence, is_caps
from bcpipe_plugins.text.markers import block_marker

__all__ = ["extract_lines"]

_LAYOUT_WORDS = re.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s+HOÀ\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]|^\s*Số\s*:|Nơi\s+nhận"
    r"|^\s*(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S",
    re.MULTILINE | re.IGNORECASE,
)
_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận", re.IGNORECASE)
#: A label typed before a tab ("1.", "a)", "-", "II."): the tab is a space, not a column.
_LABEL = re.compile(r"^\s*(?:[IVXLCDM]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+–•])\s*$")
_TAB_RUN = re.compile(r"\t+")
#: How many words of a paragraph its place quotes.
SNIPPET = 6
_SKIP = frozenset(
    W + tag for tag in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText", "delInstrText")
) | {MC + "Fallback"}


@dataclass(slots=True)
class _Text:
    """A paragraph's words, its textboxes' lines and whether it breaks the page."""

    words: list[str] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)
    page_break: bool = False


class _Extractor:
    def __init__(self, parts: Parts) -> None:
        self.numbering = Numbering(parts.numbering)
        self.style_numbers = _style_numbers(parts.styles)
        self.footnote_numbers: dict[str, int] = {}
        self.footnotes = _footnotes(parts.footnotes)
        self.signed = False  # a signature table with "Nơi nhận" has been read
        self.tables = 0

    # -- paragraphs --------------------------------------------------------------

    def _walk(self, element: Any, out: _Text) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                props = child.find(W + "rPr")
                if props is not None and props.find(W + "vanish") is not None:
                    continue
                self._walk(child, out)
            elif tag == W + "t":
                out.words.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.words.append("\t")
            elif tag == W + "br":
                if attr(child, "type") == "page":
                    out.page_break = True
                out.words.append("\n")
            elif tag == W + "cr":
                out.words.append("\n")
            elif tag == W + "noBreakHyphen":
                out.words.append("-")
            elif tag == W + "footnoteReference":
                ref = attr(child, "id") or ""
                number = self.footnote_numbers.setdefault(ref, len(self.footnote_numbers) + 1)
                out.words.append(f"[{number}]")  # the mark as the text export writes it
            elif tag == W + "txbxContent":
                out.boxes.append(child)
            else:  # hyperlinks, insertions, fields, content controls, drawings …
                self._walk(child, out)

    def _label(self, p: Any) -> str | None:
        props = p.find(W + "pPr")
        num_id: str | None = None
        ilvl = 0
        if props is not None:
            num = props.find(W + "numPr")
            if num is not None:
                id_el, lvl_el = num.find(W + "numId"), num.find(W + "ilvl")
                num_id = attr(id_el, "val") if id_el is not None else None
                ilvl = int(attr(lvl_el, "val") or 0) if lvl_el is not None else 0
            if num_id is None:
                style = props.find(W + "pStyle")
                found = (
                    self.style_numbers.get(attr(style, "val") or "") if style is not None else None
                )
                if found is not None:
                    num_id, ilvl = found
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl)

    def paragraph(self, p: Any, place: str, out: PlacedLines, *, quoted: bool = False) -> None:
        """Add paragraph ``p``'s lines; ``quoted``: its place quotes its first words (Word
        numbers no paragraph, so "paragraph 12" alone is hard for a clerk to find)."""
        text = _Text()
        self._walk(p, text)
        props = p.find(W + "pPr")
        if props is not None and props.find(W + "pageBreakBefore") is not None:
            out.blank()
        for box in text.boxes:
            for inner in box.iterfind(W + "p"):
                self.paragraph(inner, place, out)
        words = "".join(text.words)
        if quoted:  # a paragraph of the body (not a cell's): its sentence goes on
            words = _soft_breaks_joined(words)
        if quoted and words.strip():
            first = words.split()
            place = f"{place} “{' '.join(first[:SNIPPET])}{'…' if len(first) > SNIPPET else ''}”"
        label = self._label(p) if words.strip() else None
        if not words.strip():
            out.blank()
        else:
            columns = _columns(words)
            if label and len(columns) == 1:
                out.add(f"{label} {columns[0].strip()}", place)
            else:
                for column in columns:
                    out.add(column, place)
        if text.page_break or (props is not None and props.find(W + "sectPr") is not None):
            out.blank()

    # -- tables --------------------------------------------------------------------

    def table(self, tbl: Any, out: PlacedLines, parent: str = "") -> None:
        self.tables += 1
        name = f"{parent}table {self.tables}"
        grid = [list(_cells(tr)) for tr in tbl.iterfind(W + "tr")]
        text = "\n".join(_plain(tc) for row in grid for _, tc in row)
        width = max((column + _span(tc) for row in grid for column, tc in row), default=0)
        # A one-column or one-row table frames words (a boxed subject), it holds no data.
        if _LAYOUT_WORDS.search(text) or width < 2 or len(grid) < 2:
            self._layout(grid, name, out)
        else:
            self._data(tbl, grid, name, out)
        out.blank()

    def _cell_lines(self, tc: Any, place: str) -> PlacedLines:
        lines = PlacedLines()
        for child in tc:
            if child.tag == W + "p":
                self.paragraph(child, place, lines)
            elif child.tag == W + "tbl":
                self.table(child, lines, parent=f"{place}, ")
            elif child.tag == W + "sdt":
                for inner in _block_children(child):
                    if inner.tag == W + "p":
                        self.paragraph(inner, place, lines)
        return lines

    def _layout(self, grid: list[list[tuple[int, Any]]], name: str, out: PlacedLines) -> None:
        columns: dict[int, PlacedLines] = {}
        for r, row in enumerate(grid, 1):
            for c, (column, tc) in enumerate(row, 1):
                if _continues_merge(tc):
                    continue
                lines = self._cell_lines(tc, f"{name}, row {r}, cell {c}")
                target = columns.setdefault(column, PlacedLines())
                target.extend(lines)
                target.blank()
        ordered = sorted(columns.items())
        # The signature before "Nơi nhận", whichever column each stands in.
        ordered.sort(key=lambda pair: any(_RECIPIENTS.match(line) for line in pair[1].lines))
        for _, lines in ordered:
            out.extend(lines)
            out.blank()
        if any(_RECIPIENTS.match(line) for _, lines in ordered for line in lines.lines):
            self.signed = True  # the footnotes go after this table

    def _data(
        self, tbl: Any, grid: list[list[tuple[int, Any]]], name: str, out: PlacedLines
    ) -> None:
        width = max((column + _span(tc) for row in grid for column, tc in row), default=0)
        heading_rows = 0
        for tr in tbl.iterfind(W + "tr"):
            props = tr.find(W + "trPr")
            if props is None or props.find(W + "tblHeader") is None:
                break
            heading_rows += 1
        heading_rows = max(heading_rows, 1)
        rows = []
        for r, row in enumerate(grid, 1):
            cells = [""] * width
            for column, tc in row:
                if not _continues_merge(tc):
                    lines = self._cell_lines(tc, f"{name}, row {r}")
                    cells[column] = " ".join(" ".join(lines.lines).split())
            rows.append(cells)
        widths = _widths(tbl, width)
        if widths is not None:
            out.widths[len(out.lines) + 1] = widths
        texts = table_rows(rows, heading_rows)
        # The separator row stands on the last heading row's place.
        places = [f"{name}, row {r}" for r in range(1, len(rows) + 1)]
        places.insert(heading_rows, places[heading_rows - 1])
        for text, place in zip(texts, places, strict=True):
            out.add(text, place)

    # -- the document ----------------------------------------------------------------

    def lines(self, body: Any) -> PlacedLines:
        out = PlacedLines()
        paragraphs = 0
        notes_at: int | None = None
        for child in _block_children(body):
            if child.tag == W + "p":
                paragraphs += 1
                self.paragraph(child, f"paragraph {paragraphs}", out, quoted=True)
            elif child.tag == W + "tbl":
                self.table(child, out)
                if self.signed and notes_at is None:
                    notes_at = len(out.lines)
        notes = PlacedLines()
        for ref, number in sorted(self.footnote_numbers.items(), key=lambda kv: kv[1]):
            text = " ".join(self.footnotes.get(ref, "").split())
            notes.add(f"[{number}] {text}", f"footnote {number}")
        if notes.lines:
            # After the signature and "Nơi nhận", before the appendices, as the text
            # export prints them (at the end when there is no signature table).
            notes.blank()
            out.blank()
            out.insert(len(out.lines) if notes_at is None else notes_at, notes)
        return out


def _block_children(element: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or cell, content controls opened."""
    for child in element:
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _block_children(content)
        elif child.tag in (W + "p", W + "tbl"):
            yield child


def _widths(tbl: Any, columns: int) -> list[int] | None:
    """The grid's column widths in percent (summing to 100); None when equal or unknown."""
    grid = tbl.find(W + "tblGrid")
    values = [attr(col, "w") for col in grid.iterfind(W + "gridCol")] if grid is not None else []
    twips = [int(v) for v in values if v and v.isdigit()]
    if len(twips) != columns or columns < 2 or min(twips) <= 0:
        return None
    shares = [max(round(100 * t / sum(twips)), 1) for t in twips]
    shares[shares.index(max(shares))] += 100 - sum(shares)
    return None if max(shares) - min(shares) <= 1 else shares


def _span(tc: Any) -> int:
    props = tc.find(W + "tcPr")
    span = props.find(W + "gridSpan") if props is not None else None
    value = attr(span, "val") if span is not None else None
    return int(value) if value and value.isdigit() else 1


def _continues_merge(tc: Any) -> bool:
    props = tc.find(W + "tcPr")
    merge = props.find(W + "vMerge") if props is not None else None
    return merge is not None and attr(merge, "val") in (None, "continue")


def _cells(tr: Any) -> Iterator[tuple[int, Any]]:
    """The cells of a row, each with the grid column it starts in."""
    column = 0
    props = tr.find(W + "trPr")
    before = props.find(W + "gridBefore") if props is not None else None
    value = attr(before, "val") if before is not None else None
    column += int(value) if value and value.isdigit() else 0
    for tc in tr.iterfind(W + "tc"):
        yield column, tc
        column += _span(tc)


def _plain(element: Any) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in element.iter(W + "p"))


def _soft_breaks_joined(words: str) -> str:
    """A body paragraph's text with the soft line breaks (``w:br``) that cut a sentence
    ("… đường lối của" / "Đảng, chính sách …", 028) joined with a space; the others
    kept, each a line of its own: after a sentence's end or a line in capitals (a type
    name, a title), before an entry or a label."""
    if "\n" not in words:
        return words
    parts = words.split("\n")
    out = [parts[0]]
    for part in parts[1:]:
        before = out[-1].strip()
        after = part.strip()
        goes_on = (
            before
            and after
            and not is_caps(before)
            and not ends_sentence(before)
            and block_marker(after) is None
        )
        if goes_on:
            out[-1] = f"{out[-1].rstrip()} {part.lstrip()}"
        else:
            out.append(part)
    return "\n".join(out)


def _columns(words: str) -> list[str]:
    """A paragraph's text, split where tabs lay it out in columns (not after a label)."""
    parts = [part for part in _TAB_RUN.split(words) if part.strip()]
    if len(parts) < 2:
        return [_TAB_RUN.sub(" ", words)]
    if _LABEL.match(parts[0]) and len(parts) == 2:
        return [f"{parts[0].strip()} {parts[1]}"]
    return parts


def _style_numbers(styles: Any | None) -> dict[str, tuple[str, int]]:
    """Styles that number their paragraphs (Heading 1 linked to a list), by style id."""
    if styles is None:
        return {}
    direct: dict[str, tuple[str | None, int]] = {}
    based: dict[str, str] = {}
    for style in styles.iterfind(W + "style"):
        sid = attr(style, "styleId") or ""
        base = style.find(W + "basedOn")
        if base is not None:
            based[sid] = attr(base, "val") or ""
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            id_el, lvl_el = num.find(W + "numId"), num.find(W + "ilvl")
            ilvl = attr(lvl_el, "val") if lvl_el is not None else None
            direct[sid] = (
                attr(id_el, "val") if id_el is not None else None,
                int(ilvl) if ilvl and ilvl.isdigit() else 0,
            )
    resolved: dict[str, tuple[str, int]] = {}
    for sid in {*direct, *based}:
        current, seen = sid, 0
        while current and current not in direct and seen < 20:  # a cycle ends the chain
            current, seen = based.get(current, ""), seen + 1
        found = direct.get(current)
        if found is not None and found[0]:
            resolved[sid] = (found[0], found[1])
    return resolved


def _footnotes(root: Any | None) -> dict[str, str]:
    if root is None:
        return {}
    out: dict[str, str] = {}
    for note in root.iterfind(W + "footnote"):
        if attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out[attr(note, "id") or ""] = " ".join(
            "".join(t.text or "" for t in p.iter(W + "t")) for p in note.iter(W + "p")
        )
    return out


def extract_lines(parts: Parts) -> PlacedLines:
    """The lines of a .docx's parts, with their places."""
    body = parts.document.find(W + "body")
    if body is None:
        return PlacedLines()
    return _Extractor(parts).lines(body)
