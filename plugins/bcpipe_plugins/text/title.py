"""Under the header: the type name and subject, a decision's enacting authority, "Kính gửi".

The type line is the kind of document in capitals ("BÁO CÁO"); the subject follows,
possibly wrapped. A decision or resolution then prints who enacts it ("CHỦ TỊCH ỦY
BAN NHÂN DÂN HUYỆN TUY PHƯỚC"), kept in ``extensions["text"]["enacting_authority"]``
(the model has no field for it). Reports sent upward and official letters then
name their addressees: "Kính gửi: X." or "Kính gửi:" and "- X;" lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bcpipe import DocumentType
from bcpipe_plugins.text.classify import cable_heading, record_of
from bcpipe_plugins.text.header import Header
from bcpipe_plugins.text.lines import (
    Line,
    ends_sentence,
    goes_on_in_date,
    is_caps,
    starts_lower,
    worded,
)
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import ADDRESSEE, CABLE_HEADING, type_of_line

__all__ = ["TYPE_CODES", "Title", "parse_addressees", "parse_title", "skip"]

_ENACTING_TYPES = frozenset({DocumentType.QUYET_DINH, DocumentType.NGHI_QUYET})
#: Document types by the code their notations start with ("BC" → báo cáo).
TYPE_CODES = {t.abbreviation: t for t in DocumentType if t.abbreviation}


@dataclass(slots=True)
class Title:
    type: DocumentType | None = None
    type_line: int | None = None
    subject: list[str] = field(default_factory=list)
    subject_line: int | None = None
    authority: list[str] = field(default_factory=list)
    authority_line: int | None = None


def skip(lines: Sequence[Line], index: int, notes: Notes) -> int:
    """The index of the next line with words, noting the debris passed on the way."""
    return next((found for found, _ in worded(lines, notes.debris, index)), len(lines))


def _split_type(text: str) -> tuple[DocumentType, str] | None:
    """ "BÁO CÁO Kết quả …" (type and subject run together) → (type, "Kết quả …")."""
    words = text.split(" ")
    for size in (3, 2, 1):
        if len(words) > size and all(is_caps(w) for w in words[:size]):
            kind = type_of_line(" ".join(words[:size]))
            if kind is not None and not is_caps(words[size]):
                return kind, " ".join(words[size:])
    return None


def _lost_type_subject(header: Header, line: Line) -> bool:
    """The type line was lost, but the line under the date reads like a subject."""
    if header.subject_line is not None or not header.notation or header.date_line is None:
        return False
    text = line.text
    if header.notation.split("-")[0] not in TYPE_CODES or len(text) > 250:
        return False
    return _subject_starts(line) and not ends_sentence(text) and not is_caps(text)


def parse_title(
    lines: Sequence[Line], index: int, notes: Notes, dense: bool, header: Header
) -> tuple[Title, int]:
    title = Title()
    index = skip(lines, index, notes)
    if index >= len(lines):
        return title, index
    line = lines[index]
    kind = record_of(line).type
    run_together = None if kind is not None else _split_type(line.text)
    if kind is None and run_together is None:
        # A stray line above the type line ("Bản gửi qua mạng nội bộ" under the date):
        # kept with the header's unplaced lines, and the type line read where it is.
        ahead = strays_before(lines, index, notes, _is_type_line)
        if ahead is not None:
            header.unplaced.extend(ahead[0])
            index = ahead[1]
            line = lines[index]
            kind = record_of(line).type
            run_together = None if kind is not None else _split_type(line.text)
    if kind is None and run_together is None:
        if not _lost_type_subject(header, line):
            return title, index
        title.subject, title.subject_line = [line.text], line.number
        assert header.notation is not None
        if TYPE_CODES[header.notation.split("-")[0]] in _ENACTING_TYPES:
            return title, _enacting_authority(lines, index + 1, notes, title)
        return title, index + 1
    title.type_line = line.number
    if run_together is not None:
        kind, subject = run_together
        title.subject, title.subject_line = [subject], line.number
        index += 1
    else:
        under = index + 1
        index = skip(lines, under, notes)
        if (
            index < len(lines)
            and (
                _subject_starts(lines[index])
                # Right under the type line, a subject may open like a basis line: "KẾ
                # HOẠCH / Thực hiện Chương trình …", "BÁO CÁO / Triển khai …".
                or (index == under and _may_open_subject(lines, index))
            )
            # A giấy mời may have no subject: a sentence under its type line is its body's.
            and not (
                kind is not None and kind.subject_optional and ends_sentence(lines[index].text)
            )
        ):
            title.subject, title.subject_line = [lines[index].text], lines[index].number
            index += 1
    title.type = kind
    # A subject wraps onto the lines right under it.
    while title.subject and index < len(lines) and not lines[index].blank:
        text = lines[index].text
        if not _subject_starts(lines[index]) or record_of(lines[index]).debris is not None:
            break
        if not _wraps_onto(title.subject[-1], text, dense):
            if dense and not ends_sentence(title.subject[-1]):
                end = _finished_above(lines, index, kind)
                title.subject.extend(line.text for line in lines[index:end])
                index = end
            break
        title.subject.append(text)
        index += 1
    if kind in _ENACTING_TYPES:
        index = _enacting_authority(lines, index, notes, title)
    else:
        _cable_sender(lines, index, notes, title)
    return title, index


#: What an enacting authority's line opens with (it follows a decision's subject,
#: in capitals like a subject written in capitals).
_AUTHORITY_OPENERS = (
    "CHỦ TỊCH",
    "BỘ TRƯỞNG",
    "THỦ TƯỚNG",
    "HỘI ĐỒNG",
    "ỦY BAN",
    "UỶ BAN",
    "GIÁM ĐỐC",
    "TRƯỞNG BAN",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "HIỆU TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "BAN CHỈ ĐẠO",
)


#: Words a line of a subject cannot end with: the subject goes on below.
_DANGLING = frozenset({"CHO", "CỦA", "VỀ", "VÀ", "VIỆC", "TẠI", "TRONG", "VỚI", "CÁC", "THEO"})


def _dangles(text: str) -> bool:
    return text.endswith((",", "-")) or text.rsplit(" ", 1)[-1] in _DANGLING


def _wraps_onto(previous: str, text: str, dense: bool) -> bool:
    """``text`` goes on the subject whose last line is ``previous``."""
    if is_caps(text):
        # A subject in capitals wraps in capitals; an authority's line is no subject.
        return is_caps(previous) and (not text.startswith(_AUTHORITY_OPENERS) or _dangles(previous))
    if starts_lower(text) or goes_on_in_date(previous, text):
        return True
    if ends_sentence(previous) or is_caps(previous):
        return False
    # One paragraph per line: a line under the subject is the next paragraph (a
    # subject wrapped by the page and a stray line under it look alike).
    return not dense


#: How many lines a subject may still run on to in one-paragraph-per-line text.
_SUBJECT_RUN = 3
#: How many lines below the heading are looked at for a sentence wrapped at a line's end.
_WRAP_LOOK = 8


def _wrapped_below(lines: Sequence[Line], index: int) -> bool:
    """The text under ``lines[index]`` is wrapped at a printed line's width, though no
    blank line parts its paragraphs (a PDF's text): one of the next few lines goes on
    with a sentence, in lower case (not a point's "a)"). Text with truly one paragraph
    per line has none."""
    return any(
        starts_lower(line.text) and record_of(line).marker is None
        for line in lines[index + 1 : index + 1 + _WRAP_LOOK]
    )


def _finished_above(lines: Sequence[Line], index: int, kind: DocumentType | None) -> int:
    """Where a subject ends in one-paragraph-per-line text, from ``lines[index]`` on: after
    the lines of words right above what follows a subject in the decree (a decision's
    enacting authority, "Kính gửi", the rule under the subject), which are the subject's
    ("… Bình Thuận, Đắk" / "Nông (cũ) thành …" / "Kính gửi: …") when the text is wrapped
    at the line's width; ``index`` when none stands within a few lines (the body may
    follow the subject at once), or when the text has one paragraph per line (a line
    there is a stray one, such as "Bản gửi qua mạng nội bộ")."""
    end = index
    while end < len(lines) and end - index <= _SUBJECT_RUN:
        line = lines[end]
        record = record_of(line)
        text = line.text
        if end > index and (record.addressee or record.debris is not None):
            return end if _wrapped_below(lines, end) else index
        if is_caps(text):
            below = kind in _ENACTING_TYPES and text.startswith(_AUTHORITY_OPENERS)
            return end if below and end > index and _wrapped_below(lines, end) else index
        if line.blank or record.kind != "words" or record.opens_block or text[:1] == "(":
            return index
        if ends_sentence(text):
            return index
        end += 1
    return index


def _is_type_line(line: Line) -> bool:
    return record_of(line).type is not None or _split_type(line.text) is not None


#: How many stray lines may stand between two components of the heading.
STRAY_LIMIT = 2
#: A stray line is short: a longer one is a paragraph, which only the body has.
STRAY_LENGTH = 120


def _stray_line(line: Line) -> bool:
    """A line that may be stray in the heading: short, no label, not "Kính gửi"."""
    record = record_of(line)
    return len(line.text) <= STRAY_LENGTH and not record.opens_block and not record.addressee


def strays_before(
    lines: Sequence[Line], index: int, notes: Notes, wanted: Callable[[Line], bool]
) -> tuple[list[tuple[str, int]], int] | None:
    """(stray lines, index of the wanted line) when at most :data:`STRAY_LIMIT` short
    lines stand at ``index`` before a line for which ``wanted`` holds; else None.

    The look is bounded: the reader stays linear in its input.
    """
    strays: list[tuple[str, int]] = []
    while index < len(lines) and len(strays) < STRAY_LIMIT:
        line = lines[index]
        if not _stray_line(line):
            return None
        strays.append((line.text, line.number))
        index = skip(lines, index + 1, notes)
        if index < len(lines) and wanted(lines[index]):
            return strays, index
    return None


def _subject_starts(line: Line) -> bool:
    record = record_of(line)
    return not record.addressee and not record.opens_block


def _may_open_subject(lines: Sequence[Line], index: int) -> bool:
    """``lines[index]`` is not an addressee, a numbered or bulleted line, nor an article:
    only words, with no clause or sentence ended unless wrapped onto the next line (a
    subject is a phrase: "Thực hiện Chương trình … tháng 01/2026," above "Ủy ban nhân
    dân tỉnh tổ chức …" opens the body's first sentence, as in a Giấy mời with none)."""
    line = lines[index]
    record = record_of(line)
    if record.addressee or record.marker is not None or record.opener == "article":
        return False
    below = lines[index + 1].text if index + 1 < len(lines) else ""
    return line.text[-1:] not in _CLAUSE_ENDS or (line.text[-1:] == "," and starts_lower(below))


#: The marks that end a clause or a sentence, which a subject's line does not end with.
_CLAUSE_ENDS = frozenset(",;.")


def _is_addressee(line: Line) -> bool:
    return record_of(line).addressee


def _enacting_authority(lines: Sequence[Line], index: int, notes: Notes, title: Title) -> int:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC" under a decision's subject."""
    index = skip(lines, index, notes)
    while index < len(lines) and not lines[index].blank:
        text = lines[index].text
        named = record_of(lines[index]).type
        if text.endswith(":"):  # the enacting word, "QUYẾT ĐỊNH:"
            named = type_of_line(text.rstrip(":"))
        if not is_caps(text) or record_of(lines[index]).opens_block or named is not None:
            break
        if title.authority_line is None:
            title.authority_line = lines[index].number
        title.authority.append(text)
        index += 1
    return index


def _cable_sender(lines: Sequence[Line], index: int, notes: Notes, title: Title) -> None:
    """Who sends a công điện ("VĂN PHÒNG CHÍNH PHỦ" of "VĂN PHÒNG CHÍNH PHỦ điện:", the
    decree's authority that issues it) as its enacting authority; the line itself is
    left to :func:`parse_addressees`, as the heading of the addressees."""
    index = skip(lines, index, notes)
    if index >= len(lines) or not record_of(lines[index]).addressee:
        return
    match = cable_heading(lines[index].text)
    if match is not None and match.group("sender") is not None:
        title.authority, title.authority_line = [match.group("sender")], lines[index].number


def _heading(text: str) -> re.Match[str] | None:
    """ "Kính gửi: …" or a công điện's "… điện: …" (the words after it in ``rest``)."""
    return ADDRESSEE.match(text) or cable_heading(text)


_DASHES = "-–—•+"


def _entry_goes_on(above: str, line: Line) -> bool:
    """``line`` finishes the dashed addressee above, wrapped without a dash ("- Các Bộ:
    Công an, …," / "Tài chính, …;"); the words after "Kính gửi:" do not go on (the body
    follows them, whatever their last mark)."""
    record = record_of(line)
    if above[:1] not in _DASHES or record.kind != "words" or record.opens_block:
        return False
    text = line.text
    if above.endswith((",", "&", " và", " -")) or starts_lower(text):
        return True
    if ends_sentence(above):
        return False
    # The entry's end, with its mark: "- … Đài Tiếng nói" / "Việt Nam, Thông tấn xã Việt Nam;".
    return text.endswith((";", ",", "."))


def parse_addressees(
    lines: Sequence[Line], index: int, notes: Notes, strays: list[tuple[str, int]]
) -> tuple[list[tuple[str, int]], int]:
    """The addressees after "Kính gửi"; stray lines just above it go to ``strays``."""
    start = skip(lines, index, notes)
    if start >= len(lines):
        return [], index
    heading = _heading(lines[start].text) if record_of(lines[start]).addressee else None
    if heading is None:
        ahead = strays_before(lines, start, notes, _is_addressee)
        if ahead is None:
            return [], index
        strays.extend(ahead[0])
        start = ahead[1]
        heading = _heading(lines[start].text)
        assert heading is not None
    found: list[tuple[str, int]] = []
    rest = heading.group("rest").strip()
    if rest:
        found.append((rest, lines[start].number))
    index = start + 1
    # The entry ending in "." is the last. A công điện lists bodies only, never a body's
    # dashed item, under its sender: there an entry ending in "." by a slip ("… Việt Nam."
    # above "- Chủ tịch …") does not end the list; the next dashed line goes on with it.
    cable = heading.re is CABLE_HEADING
    while not (found and found[-1][0].endswith(".")) or (cable and found[-1][0][:1] in _DASHES):
        following = skip(lines, index, notes)
        if following >= len(lines):
            break
        line = lines[following]
        if line.text[:1] in _DASHES:
            found.append((line.text, line.number))
        elif found and _entry_goes_on(found[-1][0], line):
            found[-1] = (f"{found[-1][0]} {line.text}", found[-1][1])
        else:
            break
        index = following + 1
    names = [(name.lstrip("-–—•+ ").rstrip(";.,").strip(), line) for name, line in found]
    return [(name, line) for name, line in names if name], index
