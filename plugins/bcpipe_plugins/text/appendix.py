"""Appendices (phụ lục, PL I III.1): after the signature, each on its own pages.

An appendix opens with "Phụ lục" (and its number when there are several), then its
title in capitals, then the "(Kèm theo … số … ngày … của …)" line, then its body,
read like the document's body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from bcpipe.textutil import fold
from bcpipe_plugins.text.blocks import Raw, scan_blocks
from bcpipe_plugins.text.classify import record_of
from bcpipe_plugins.text.fragments import join_header_fragments
from bcpipe_plugins.text.lines import Line, is_caps
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import APPENDIX, HEADER_ANCHOR, MOTTO_LINE, TAGLINE_LINE
from bcpipe_plugins.text.tree import build_tree

__all__ = ["attachment_start", "parse_appendices", "regulation_starts"]

#: The type lines of a text a decision issues and attaches ("Ban hành kèm theo Quyết
#: định này Quy chế …"), printed where an appendix prints "Phụ lục".
ATTACHED_TYPES = frozenset({"QUY CHẾ", "QUY ĐỊNH", "ĐIỀU LỆ", "QUY TRÌNH", "CHƯƠNG TRÌNH"})


def _is_reference(text: str) -> bool:
    """ "(Kèm theo Báo cáo số …)", "(Ban hành kèm theo Quyết định số …)"."""
    return text.startswith("(") and "kèm theo" in fold(text[:40])


def _next(lines: Sequence[Line], index: int) -> int:
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def regulation_starts(lines: Sequence[Line], start: int, end: int) -> list[int]:
    """Where a regulation attached to a decision begins: its type line alone ("QUY CHẾ"),
    with its "(Ban hành kèm theo …)" line among the next three lines with words (a type
    line alone could be a heading: the reference line tells)."""
    found = []
    for index in range(start, end):
        if lines[index].text not in ATTACHED_TYPES:
            continue
        ahead, seen = index + 1, 0
        while ahead < end and seen < 3:
            if lines[ahead].text:
                if _is_reference(lines[ahead].text):
                    found.append(index)
                    break
                seen += 1
            ahead += 1
    return found


def _regulation(lines: Sequence[Line], number: int, notes: Notes, dense: bool) -> dict[str, Any]:
    """A regulation attached to a decision: its type line, title, reference and body."""
    here = ("appendices", number)
    head = lines[0]
    notes.at(here, head.number)
    notes.at((*here, "type_name"), head.number)
    data: dict[str, Any] = {"type_name": head.text}
    return _titled(lines, _next(lines, 1), [], data, here, notes, dense)


def _appendix(lines: Sequence[Line], number: int, notes: Notes, dense: bool) -> dict[str, Any]:
    here = ("appendices", number)
    head = lines[0]
    match = APPENDIX.fullmatch(head.text)
    if match is None:
        return _regulation(lines, number, notes, dense)
    data: dict[str, Any] = {}
    notes.at(here, head.number)
    if match.group("number"):
        data["number"] = match.group("number")
        notes.at((*here, "number"), head.number)
    if match.group("title"):
        notes.at((*here, "title"), head.number)
        return _titled(lines, 1, [match.group("title")], data, here, notes, dense)
    return _titled(lines, _next(lines, 1), [], data, here, notes, dense)


def _own_anchor(text: str) -> bool:
    """An attached text's own number or date line ("Số: /BTP-BTTP", "Hà Nội, ngày …
    tháng 7 năm 2025"): its own, not a repeat of the document's."""
    match = HEADER_ANCHOR.search(text)
    return match is not None and match.lastgroup in ("number", "date", "sdate")


def _attached(lines: Sequence[Line], number: int, notes: Notes, dense: bool) -> dict[str, Any]:
    """A text attached without "Phụ lục" (a charter, a regulation, a letter sent with the
    document): its own header (issuer, motto) repeated above its title is skipped and
    reported; its own number and date (a letter's) open its body, where they stood."""
    here = ("appendices", number)
    # Its header is broken as the document's is ("Số:" / "/BTP-BTTP", "ngày" / "tháng …").
    lines = join_header_fragments(list(lines))
    index = _next(lines, 0)
    notes.at(here, lines[index].number)
    motto_seen = False
    own: list[Raw] = []
    # Read column by column (a PDF, a .docx), the issuer's column holds the letter's
    # "V/v …" subject, wrapped, above the motto: it is the title, not the header.
    subject: list[str] = []
    while index < len(lines):
        line = lines[index]
        text = line.text
        if not text:
            pass
        elif MOTTO_LINE.fullmatch(text) or TAGLINE_LINE.fullmatch(text):
            motto_seen = True
            notes.debris("repeated header", line.number)
        elif _own_anchor(text):
            own.append(Raw("paragraph", line.number, words=[text], last=line.number))
        elif not motto_seen and (
            text[:3] in _ABOUT or (subject and len(subject) <= _ABOUT_LINES and not is_caps(text))
        ):
            if not subject:
                notes.at((*here, "title"), line.number)
            subject.append(text)
        elif not motto_seen:  # the issuer's lines
            notes.debris("repeated header", line.number)
        else:
            break
        index += 1
    return _titled(lines, index, subject, {}, here, notes, dense, own)


def _titled(
    lines: Sequence[Line],
    index: int,
    title: list[str],
    data: dict[str, Any],
    here: tuple[str, int],
    notes: Notes,
    dense: bool,
    before: Sequence[Raw] = (),
) -> dict[str, Any]:
    """The appendix from its title on (``title`` holds it when the head line did; else
    it is the line at ``index``, unless that is already the reference line): the
    title's wrapped lines, the reference line and the body (``before`` opening it)."""
    if not title and index < len(lines) and not _is_reference(lines[index].text):
        title.append(lines[index].text)
        notes.at((*here, "title"), lines[index].number)
        index += 1
    # An attached letter's subject, "V/v …", wraps onto the lines under it.
    while (
        title
        and title[0][:3] in _ABOUT
        and len(title) <= _ABOUT_LINES
        and index < len(lines)
        and _title_goes_on(lines[index])
    ):
        title.append(lines[index].text)
        index += 1
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
    raws = [*before, *scan_blocks(lines[index:], notes, dense=dense)]
    data["body"] = build_tree(raws, (*here, "body"), notes)
    return data


#: "V/v" as a letter's subject opens ("về việc").
_ABOUT = frozenset({"V/v", "V/V", "v/v"})
#: The most lines a letter's subject wraps onto.
_ABOUT_LINES = 3


def _title_goes_on(line: Line) -> bool:
    """``line`` goes on with a letter's subject: words, up to a blank line, "Kính gửi" or
    a labelled or opening line."""
    record = record_of(line)
    return record.kind == "words" and not record.addressee and record.opener is None


def _only_header_above(lines: Sequence[Line]) -> bool:
    """True when ``lines`` (above a regulation's type line) are a repeated header:
    issuer lines in capitals and the motto, nothing else."""
    texts = [line.text for line in lines if line.text]
    return bool(texts) and all(is_caps(t) or TAGLINE_LINE.fullmatch(t) for t in texts)


def parse_appendices(lines: Sequence[Line], notes: Notes, *, dense: bool) -> list[dict[str, Any]]:
    """The appendices in ``lines``, which start with an appendix header."""
    headed = [i for i, line in enumerate(lines) if record_of(line).kind == "appendix"]
    regulations = regulation_starts(lines, 0, len(lines))
    if regulations and _only_header_above(lines[: regulations[0]]):
        # a text attached with its own header: its type line is its title
        regulations = regulations[1:]
    starts = sorted({*headed, *regulations})
    out: list[dict[str, Any]] = []
    if not any(line.text for line in lines):
        return out
    if not starts or starts[0] > 0:  # texts attached with their own header come first
        end = starts[0] if starts else len(lines)
        for first, last in pairwise([*_attachment_starts(lines, end), end]):
            out.append(_attached(lines[first:last], len(out), notes, dense))
    for start, end in pairwise([*starts, len(lines)]):
        out.append(_appendix(lines[start:end], len(out), notes, dense))
    return out


def _attachment_starts(lines: Sequence[Line], end: int) -> list[int]:
    """Where each text attached with its own header begins in ``lines[:end]`` (the first
    at 0): one more at each repeated motto after the first (letters sent together)."""
    starts = [0]
    mottos = [
        i for i in range(end) if lines[i].text[:1] in "Cc" and MOTTO_LINE.fullmatch(lines[i].text)
    ]
    for previous, _ in pairwise(mottos):
        start = attachment_start(lines, previous + 1, end)
        if start is not None and start > starts[-1]:
            starts.append(start)
    return starts


#: The number line of an attached text's header, or its pieces left apart by the
#: header's two columns: "Số: 12/BTP-BTTP", "Số:", "/BTP-BTTP".
_NUMBER_PIECE = re.compile(r"(?:Số|SỐ)\s{0,3}:?[\s\d.…]{0,20}(?:/\S{1,40})?|/\S{1,40}")


def attachment_start(lines: Sequence[Line], start: int, end: int) -> int | None:
    """Where a text attached with its own header begins, between ``start`` and ``end``:
    the issuer lines in capitals (at most three, its number line among them) above a
    repeated motto line. Read column by column (a .docx, a PDF), the issuer's column
    also holds its "V/v …" subject, wrapped, between the number and the motto."""
    for index in range(start, end):
        if MOTTO_LINE.fullmatch(lines[index].text) is None:
            continue
        first = index
        above = index - 1
        taken = 0
        subject: list[int] = []  # lines that are a "V/v …" subject's if one stands above
        while above >= start and taken < _ISSUER_LINES:
            text = lines[above].text
            if text.startswith(("V/v", "V/V")) and len(subject) < _SUBJECT_LINES:
                first = above
                subject = []
            elif text and not is_caps(text) and _NUMBER_PIECE.fullmatch(text) is None:
                if len(subject) == _SUBJECT_LINES:
                    break
                subject.append(above)
            elif text:
                if subject:
                    break
                first = above
                taken += 1
            above -= 1
        return first
    return None


#: The most lines of a wrapped "V/v …" subject under an attached text's number.
_SUBJECT_LINES = 3
#: The most issuer lines an attached text repeats above its motto.
_ISSUER_LINES = 3
