"""Pages saved from legal-document websites: the site's chrome cut, its markup undone.

A document crawled from a site such as thuvienphapluat.vn arrives as the page's
text: a banner and a menu, a table of the site's own metadata ("Số hiệu:", "Loại
văn bản:" …), the document, then lists of related documents and notices. The
document itself carries the page's Markdown: ``**bold**`` and ``*italic*`` spans
that run over several lines (the page was wrapped at a fixed width), and ``|``
alone on a line where the header's two-column table had a cell border.

:func:`strip_site` keeps the document's lines (with their own numbers, so the line
map still points into the file), joins each emphasis span into one line, drops the
markup, and reports the chrome it skipped (BC509) so that nothing goes unseen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bcpipe_plugins.text.checks import SITE_SKIPPED
from bcpipe_plugins.text.lines import Line
from bcpipe_plugins.text.notes import Notes

__all__ = ["strip_site"]

#: A crawled page says one of these near its top (the site's banner or loading notice).
_SITE_MARKS = ("THƯ VIỆN PHÁP LUẬT", "Đang tải văn bản", "thuvienphapluat")
#: Where the site's metadata table ends and the document begins.
_LOADING = "Đang tải văn bản"
#: The site's own labels in its metadata table (each followed by its value).
_META_LABELS = frozenset(
    {
        "Số hiệu:",
        "Loại văn bản:",
        "Nơi ban hành:",
        "Người ký:",
        "Ngày ban hành:",
        "Ngày hiệu lực:",
        "Ngày công báo:",
        "Số công báo:",
        "Tình trạng:",
    }
)
#: Where the page goes on after the document (notices, related documents).
_AFTER = ("Văn bản này chưa cập nhật nội dung Tiếng Anh", "## ")
#: How far a page's banner may run before the document (lines).
_HEAD_LIMIT = 120
#: The most lines one emphasis span is joined over (an unclosed span stops there).
_SPAN_LIMIT = 12


#: An italic mark: an asterisk at a word's edge ("*(để báo cáo)", "năm 2025 *").
_ITALIC = re.compile(r"(?<!\S)\*|\*(?!\S)")


def _plain(text: str) -> str:
    """``text`` without the page's emphasis marks (an asterisk inside a word stays)."""
    return " ".join(_ITALIC.sub("", text.replace("**", "")).split())


def _is_site(lines: Sequence[Line]) -> bool:
    """The page's banner is there: there is chrome to cut."""
    head = "\n".join(line.text for line in lines[:_HEAD_LIMIT])
    return any(mark in head for mark in _SITE_MARKS)


def _is_markup(lines: Sequence[Line]) -> bool:
    """The page's markup is there: cell borders alone on a line, and bold spans."""
    head = [line.text for line in lines[:_HEAD_LIMIT]]
    return "|" in head and "**" in "\n".join(head)


def _start(lines: Sequence[Line]) -> int:
    """The index of the document's first line: after the site's metadata table."""
    loading = next(
        (i for i, line in enumerate(lines[:_HEAD_LIMIT]) if line.text.startswith(_LOADING)), None
    )
    if loading is None:  # no metadata table: the document starts at the top
        return 0
    index = loading + 1
    while index < len(lines):
        text = _plain(lines[index].text)
        if text in ("", "|", "#"):
            index += 1
        elif text in _META_LABELS:
            index += 1
            # The label's value: the next line with words that is no cell border.
            while index < len(lines) and lines[index].text in ("", "|"):
                index += 1
            index += 1
        else:
            break
    return index


def _end(lines: Sequence[Line], start: int) -> int:
    """The index after the document's last line."""
    for index in range(start, len(lines)):
        if lines[index].text.startswith(_AFTER):
            end = index
            # The site prints the document's name above its notice: chrome too.
            while end > start and _plain(lines[end - 1].text) in ("", "|"):
                end -= 1
            if end > start and not lines[end - 1].text.startswith(("*", "|", "-")):
                end -= 1
            while end > start and _plain(lines[end - 1].text) in ("", "|"):
                end -= 1
            return end
    return len(lines)


def _join_spans(lines: Sequence[Line]) -> list[list[Line]]:
    """The lines grouped so that each emphasis span opened on a line ends in its group."""
    groups: list[list[Line]] = []
    index = 0
    while index < len(lines):
        group = [lines[index]]
        text = lines[index].text
        bold_open = text.count("**") % 2 == 1
        rest = text.replace("**", "")
        italic_open = rest.startswith("*") and not (len(rest) > 1 and rest.endswith("*"))
        index += 1
        while (bold_open or italic_open) and index < len(lines) and len(group) < _SPAN_LIMIT:
            following = lines[index].text
            if not following or following == "|":
                break
            group.append(lines[index])
            index += 1
            if bold_open and following.count("**") % 2 == 1:
                bold_open = False
            if italic_open and following.replace("**", "").endswith("*"):
                italic_open = False
        groups.append(group)
    return groups


def strip_site(lines: list[Line], notes: Notes) -> list[Line]:
    """``lines`` themselves when they are no crawled page; else the document's lines."""
    if not _is_markup(lines):
        return lines
    site = _is_site(lines)
    start = _start(lines) if site else 0
    end = _end(lines, start) if site else len(lines)
    skipped = [line.number for line in (*lines[:start], *lines[end:]) if line.text]
    if skipped:
        notes.report(
            SITE_SKIPPED,
            (),
            skipped[0],
            count=len(skipped),
            first=skipped[0],
            last=skipped[-1],
        )
    kept: list[Line] = []
    for group in _join_spans(lines[start:end]):
        first = group[0]
        text = _plain(" ".join(line.text for line in group))
        if text in ("|", "#"):
            continue
        # "Số:" alone: its number is on the next line (the page wrapped the cell).
        if kept and kept[-1].text in ("Số:", "Số :") and text:
            previous = kept.pop()
            kept.append(previous._replace(raw=f"Số: {text}", text=f"Số: {text}"))
            continue
        kept.append(first._replace(raw=text, text=text))
    return kept
