"""Appendices (phụ lục, PL I III.1): after the signature, each on its own pages.

An appendix opens with "Phụ lục" (and its number when there are several), then its
title in capitals, then the "(Kèm theo … số … ngày … của …)" line, then its body,
read like the document's body.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from bcpipe.textutil import fold
from bcpipe_plugins.text.blocks import scan_blocks
from bcpipe_plugins.text.lines import Line, is_caps
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import APPENDIX, MOTTO_LINE, TAGLINE_LINE
from bcpipe_plugins.text.tree import build_tree

__all__ = ["attachment_start", "is_appendix_header", "parse_appendices"]


def is_appendix_header(line: Line) -> bool:
    """ "Phụ lục", "PHỤ LỤC II", "Phụ lục I. DANH SÁCH …" on a line of its own."""
    text = line.text
    if len(text) > 300 or text[:1] not in "Pp":
        return False
    match = APPENDIX.fullmatch(text)
    if match is None:
        return False
    title = match.group("title")
    return match.group("number") is not None or not title or is_caps(title)


def _is_reference(text: str) -> bool:
    """ "(Kèm theo Báo cáo số …)", "(Ban hành kèm theo Quyết định số …)"."""
    return text.startswith("(") and "kèm theo" in fold(text[:40])


def _next(lines: Sequence[Line], index: int) -> int:
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def _appendix(lines: Sequence[Line], number: int, notes: Notes, dense: bool) -> dict[str, Any]:
    here = ("appendices", number)
    head = lines[0]
    match = APPENDIX.fullmatch(head.text)
    assert match is not None
    data: dict[str, Any] = {}
    notes.at(here, head.number)
    if match.group("number"):
        data["number"] = match.group("number")
        notes.at((*here, "number"), head.number)
    title: list[str] = []
    index = 1
    if match.group("title"):
        title.append(match.group("title"))
        notes.at((*here, "title"), head.number)
    else:
        index = _next(lines, 1)
        if index < len(lines) and not _is_reference(lines[index].text):
            title.append(lines[index].text)
            notes.at((*here, "title"), lines[index].number)
            index += 1
    return _titled(lines, index, title, data, here, notes, dense)


def _attached(lines: Sequence[Line], number: int, notes: Notes, dense: bool) -> dict[str, Any]:
    """A text attached without "Phụ lục" (a charter, a regulation): its own header
    (issuer, motto) repeated above its title; the header is skipped and reported."""
    here = ("appendices", number)
    index = _next(lines, 0)
    notes.at(here, lines[index].number)
    motto_seen = False
    while index < len(lines) and (
        not motto_seen or lines[index].blank or TAGLINE_LINE.fullmatch(lines[index].text)
    ):
        line = lines[index]
        if line.text:
            motto_seen = motto_seen or MOTTO_LINE.fullmatch(line.text) is not None
            notes.debris("repeated header", line.number)
        index += 1
    index = _next(lines, index)
    title: list[str] = []
    if index < len(lines) and not _is_reference(lines[index].text):
        title.append(lines[index].text)
        notes.at((*here, "title"), lines[index].number)
        index += 1
    return _titled(lines, index, title, {}, here, notes, dense)


def _titled(
    lines: Sequence[Line],
    index: int,
    title: list[str],
    data: dict[str, Any],
    here: tuple[str, int],
    notes: Notes,
    dense: bool,
) -> dict[str, Any]:
    """The appendix from its title's first line on: the title's wrapped lines, the
    reference line and the body."""
    # A title in capitals may wrap onto the lines right under it.
    while (
        title
        and is_caps(title[0])
        and index < len(lines)
        and is_caps(lines[index].text)
        and not _is_reference(lines[index].text)
    ):
        title.append(lines[index].text)
        index += 1
    if title:
        data["title"] = " ".join(title)
    after = _next(lines, index)
    if after < len(lines) and _is_reference(lines[after].text):
        reference = [lines[after].text]
        notes.at((*here, "reference"), lines[after].number)
        after += 1
        while not reference[-1].endswith(")") and after < len(lines) and not lines[after].blank:
            reference.append(lines[after].text)
            after += 1
        data["reference"] = " ".join(reference)
        index = after
    raws = scan_blocks(lines[index:], notes, dense=dense)
    data["body"] = build_tree(raws, (*here, "body"), notes)
    return data


def parse_appendices(lines: Sequence[Line], notes: Notes, *, dense: bool) -> list[dict[str, Any]]:
    """The appendices in ``lines``, which start with an appendix header."""
    starts = [
        i
        for i, line in enumerate(lines)
        if (line.record.kind == "appendix" if line.record else is_appendix_header(line))
    ]
    out: list[dict[str, Any]] = []
    if not any(line.text for line in lines):
        return out
    if not starts or starts[0] > 0:  # a text attached with its own header comes first
        out.append(_attached(lines[: starts[0] if starts else len(lines)], 0, notes, dense))
    for start, end in pairwise([*starts, len(lines)]):
        out.append(_appendix(lines[start:end], len(out), notes, dense))
    return out


def attachment_start(lines: Sequence[Line], start: int, end: int) -> int | None:
    """Where a text attached with its own header begins, between ``start`` and ``end``:
    the issuer lines in capitals (at most three) above a repeated motto line."""
    for index in range(start, end):
        if MOTTO_LINE.fullmatch(lines[index].text) is None:
            continue
        first = index
        above = index - 1
        taken = 0
        while above >= start and taken < _ISSUER_LINES:
            text = lines[above].text
            if text and not is_caps(text):
                break
            if text:
                first = above
                taken += 1
            above -= 1
        return first
    return None


#: The most issuer lines an attached text repeats above its motto.
_ISSUER_LINES = 3
