"""Header rules (BC101-BC112): notation, issue date, draft or issued, place, motto, a
giấy mời's subject.

Decree 30/2020/NĐ-CP, PL I II.1-II.4 and Điều 15.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import bcpipe
from bcpipe import Check, Document, Finding, Rule, RuleContext, Severity
from bcpipe.doctypes import DocumentType
from bcpipe.model import MOTTO_COUNTRY, MOTTO_TAGLINE
from bcpipe.textutil import fold

__version__ = bcpipe.__version__

NOTATION_TYPE = Check(
    "BC101",
    Severity.ERROR,
    vi="Ký hiệu {notation} không khớp tên loại {type}: phải bắt đầu bằng {expected}",
    en="Notation {notation} does not match the type {type}: it must start with {expected}",
)
CONG_VAN_TYPE_CODE = Check(
    "BC102",
    Severity.WARNING,
    rule_set="strict",
    vi="Ký hiệu công văn {notation} bắt đầu bằng chữ viết tắt tên loại {code}; "
    "công văn ghi chữ viết tắt tên cơ quan trước",
    en="The official letter's notation {notation} starts with the type code {code}; "
    "a công văn's notation starts with the issuer's abbreviation",
)
NOTATION_FORM = Check(
    "BC103",
    Severity.ERROR,
    vi="Ký hiệu {notation} sai dạng: cần dạng <tên loại>-<cơ quan> như BC-UBND, không dấu cách",
    en="Notation {notation} is malformed: expected <type>-<issuer> such as BC-UBND, no spaces",
)
NOTATION_ISSUER = Check(
    "BC104",
    Severity.WARNING,
    rule_set="strict",
    vi="Ký hiệu {notation} không chứa chữ viết tắt tên cơ quan ban hành {abbreviation}",
    en="Notation {notation} does not carry the issuer's abbreviation {abbreviation}",
)
DATE_NOT_REAL = Check(
    "BC105",
    Severity.ERROR,
    vi="Ngày ban hành {day}/{month}/{year} không có thật",
    en="The issue date {day}/{month}/{year} does not exist",
)
ISSUED_WITHOUT_NUMBER = Check(
    "BC106",
    Severity.ERROR,
    vi="Văn bản đã ban hành phải có số",
    en="An issued document must have a number",
)
ISSUED_WITHOUT_DATE = Check(
    "BC107",
    Severity.ERROR,
    vi="Văn bản đã ban hành phải ghi đủ ngày, tháng, năm",
    en="An issued document must have a full date (day, month and year)",
)
DRAFT_LOOKS_ISSUED = Check(
    "BC108",
    Severity.INFO,
    vi="Dự thảo đã có số và ngày tháng đầy đủ; nếu đã ban hành, ghi trạng thái là issued",
    en="The draft already has a number and a full date; if it was issued, set status: issued",
)
NO_YEAR = Check(
    "BC109",
    Severity.WARNING,
    vi="Thiếu năm ban hành",
    en="The year of issue is missing",
)
PLACE_FORM = Check(
    "BC110",
    Severity.WARNING,
    rule_set="strict",
    vi='Địa danh "{place}" không ghi loại đơn vị hành chính: ghi "{expected}"',
    en='Place "{place}" should not start with the kind of administrative unit: write "{expected}"',
)
MOTTO_TEXT = Check(
    "BC111",
    Severity.WARNING,
    vi='Quốc hiệu, tiêu ngữ phải là "{expected}"',
    en='The national motto must read "{expected}"',
)
INVITATION_WITHOUT_SUBJECT = Check(
    "BC112",
    Severity.WARNING,
    vi="Giấy mời nên ghi trích yếu nội dung cuộc họp dưới tên loại",
    en="A giấy mời should name what the meeting is about (the subject) under its type name",
)

# A unit in brackets is how police and army units write theirs: "TTr-CAT(PC04)".
_NOTATION = re.compile(r"^[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)+(?:\([A-Za-zĐđ0-9]+\))?$")
_YEAR = re.compile(r"^(?:19|20)\d\d/")
# PL I II.4.a: "Tuy Phước", not "huyện Tuy Phước"; units named after a number or a
# person keep their kind ("Quận 1", "Thành phố Hồ Chí Minh").
_UNIT_WORD = re.compile(
    r"^(?:tỉnh|huyện|xã|phường|thị trấn|thị xã|quận|thành phố)\s+(?=[^\d\s])", re.I
)
_KEEPS_UNIT_WORD = re.compile(r"^(?:thành phố hồ chí minh|quận \d+)$", re.I)


def _notation_findings(doc: Document) -> Iterator[Finding]:
    # A legal normative document carries its year: "Số: 24/2025/NQ-HĐND".
    notation = _YEAR.sub("", doc.notation)
    if not _NOTATION.match(notation):
        yield NOTATION_FORM.at(("notation",), notation=notation)
        return
    groups = notation.split("-")
    expected = doc.type.abbreviation
    if expected is not None and groups[0] != expected:
        yield NOTATION_TYPE.at(
            ("notation",), notation=notation, type=doc.type.printed_name, expected=f"{expected}-"
        )
    if expected is None:
        codes = {t.abbreviation for t in DocumentType if t.abbreviation}
        if groups[0] in codes:
            yield CONG_VAN_TYPE_CODE.at(("notation",), notation=notation, code=groups[0])
    abbreviation = doc.issuer.abbreviation
    if abbreviation and abbreviation not in groups:
        yield NOTATION_ISSUER.at(("notation",), notation=notation, abbreviation=abbreviation)


def _date_findings(doc: Document) -> Iterator[Finding]:
    date = doc.issue_date
    month_invalid = date.month is not None and not 1 <= date.month <= 12
    if month_invalid or (date.is_complete and date.to_date() is None):
        day = "…" if date.day is None else date.day
        # The line to fix: the month's when there is no such month, else the day's.
        where = ("issue_date", "month" if month_invalid else "day")
        yield DATE_NOT_REAL.at(where, day=day, month=date.month, year=date.year or "…")
    if date.year is None:
        yield NO_YEAR.at(("issue_date",))


def _status_findings(doc: Document) -> Iterator[Finding]:
    if doc.is_draft:
        if doc.number is not None and doc.issue_date.is_complete:
            yield DRAFT_LOOKS_ISSUED.at(("status",))
        return
    if doc.number is None:
        yield ISSUED_WITHOUT_NUMBER.at(("number",))
    if not doc.issue_date.is_complete:
        yield ISSUED_WITHOUT_DATE.at(("issue_date",))


def _place_findings(doc: Document) -> Iterator[Finding]:
    if _UNIT_WORD.match(doc.place) and not _KEEPS_UNIT_WORD.match(doc.place):
        expected = _UNIT_WORD.sub("", doc.place)
        yield PLACE_FORM.at(("place",), place=doc.place, expected=expected)


def _same_words(written: str, expected: str) -> bool:
    """The same words in the same case; the old tone placement ("CỘNG HOÀ", "UỶ")
    is a spelling variant, not a defect."""
    if written == expected:
        return True
    cases = [c.isupper() for c in written] == [c.isupper() for c in expected]
    return cases and fold(written) == fold(expected)


def _motto_findings(doc: Document) -> Iterator[Finding]:
    if not _same_words(doc.motto.country, MOTTO_COUNTRY):
        yield MOTTO_TEXT.at(("motto", "country"), expected=MOTTO_COUNTRY)
    if not _same_words(doc.motto.tagline, MOTTO_TAGLINE):
        yield MOTTO_TEXT.at(("motto", "tagline"), expected=MOTTO_TAGLINE)


@bcpipe.rule(
    "header",
    NOTATION_TYPE,
    CONG_VAN_TYPE_CODE,
    NOTATION_FORM,
    NOTATION_ISSUER,
    DATE_NOT_REAL,
    ISSUED_WITHOUT_NUMBER,
    ISSUED_WITHOUT_DATE,
    DRAFT_LOOKS_ISSUED,
    NO_YEAR,
    PLACE_FORM,
    MOTTO_TEXT,
    INVITATION_WITHOUT_SUBJECT,
)
def header_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Notation agrees with the type; the date is real; drafts and issued documents."""
    yield from _notation_findings(doc)
    yield from _date_findings(doc)
    yield from _status_findings(doc)
    yield from _place_findings(doc)
    yield from _motto_findings(doc)
    # The decree's layout puts a subject under the type name (PL I II.5); agencies issue
    # giấy mời without one (037, 038): advice, not an error.
    if doc.subject is None and doc.type is DocumentType.GIAY_MOI:
        yield INVITATION_WITHOUT_SUBJECT.at(("type",))  # the line the subject should follow


@bcpipe.hookimpl
def bcpipe_rules() -> Iterable[Rule]:
    return [header_rule]
