"""The checks on citations (BC201-BC211)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import bcpipe
from bcpipe import Check, Document, Finding, RuleContext, Severity
from bcpipe.citations import find_mentions, parse_citation, reads_at
from bcpipe.doctypes import DocumentType, citable_type
from bcpipe.model import Citation, TextBlock
from bcpipe.source import ModelPath
from bcpipe.walk import iter_text_blocks

__all__ = ["citations_rule"]

UNREADABLE = Check(
    "BC201",
    Severity.WARNING,
    vi='Không đọc được văn bản được viện dẫn "{words}": cần dạng "<tên loại> số <số>/<ký hiệu> '
    'ngày <dd/mm/yyyy> của <cơ quan> về …"',
    en='Cannot read the cited document "{words}": expected "<type> số <number>/<notation> '
    'ngày <dd/mm/yyyy> của <issuer> về …"',
)
DATE_NOT_REAL = Check(
    "BC202",
    Severity.ERROR,
    vi="{citation}: ngày {date} không có thật",
    en="{citation}: the date {date} does not exist",
)
TYPE_CODE_MISMATCH = Check(
    "BC203",
    Severity.WARNING,
    vi='{citation}: ký hiệu "{code}" không khớp tên loại "{type}" (cần "{expected}")',
    en='{citation}: the notation code "{code}" does not match the type "{type}" '
    '(expected "{expected}")',
)
CITED_AFTER = Check(
    "BC204",
    Severity.ERROR,
    vi="{citation}: văn bản được viện dẫn có ngày {date}, sau ngày của văn bản này ({own})",
    en="{citation}: the cited document is dated {date}, after this document ({own})",
)
NO_DATE = Check(
    "BC205",
    Severity.WARNING,
    rule_set="strict",
    vi="{citation}: lần viện dẫn đầu tiên phải ghi ngày ban hành",
    en="{citation}: the first citation must give the issue date",
)
NO_SUBJECT = Check(
    "BC206",
    Severity.WARNING,
    rule_set="strict",
    vi='{citation}: lần viện dẫn đầu tiên phải ghi trích yếu ("về việc …")',
    en='{citation}: the first citation must give the subject ("về việc …")',
)
ISSUER_OMITTED = Check(
    "BC207",
    Severity.WARNING,
    rule_set="strict",
    vi="{citation}: không ghi cơ quan ban hành, mà ký hiệu cho thấy không phải cơ quan này",
    en="{citation}: the issuer is omitted, but the notation shows another issuer than this one",
)
DATES_DISAGREE = Check(
    "BC208",
    Severity.WARNING,
    vi="{citation} được viện dẫn với hai ngày khác nhau: {first} và {second}",
    en="{citation} is cited with two different dates: {first} and {second}",
)
DATE_UNREADABLE = Check(
    "BC209",
    Severity.WARNING,
    vi='{citation}: không đọc được ngày "{words}" (cần dd/mm/yyyy hoặc "ngày … tháng … năm …")',
    en='{citation}: cannot read the date "{words}" (expected dd/mm/yyyy or "ngày … tháng … năm …")',
)
YEAR_MISMATCH = Check(
    "BC210",
    Severity.WARNING,
    vi="{citation}: năm trong số ký hiệu ({year}) khác năm ban hành ({date_year})",
    en="{citation}: the year in the code ({year}) differs from the year of issue ({date_year})",
)
FIELDS_DISAGREE = Check(
    "BC211",
    Severity.ERROR,
    vi='Dữ liệu viện dẫn không khớp lời văn "{words}": {field} là "{given}" '
    'nhưng văn bản ghi "{written}"',
    en='Citation data disagrees with its words "{words}": {field} is "{given}" '
    'but the text says "{written}"',
)

_DATE_AFTER = re.compile(r"\s{1,5}ngày\s{0,5}(?P<words>[^\s,;]{0,20}(?:\s{1,3}[^\s,;]{1,10}){0,4})")
_COMPARED = ("type_name", "number", "year", "notation", "date", "issuer")
# Party documents use their own table of codes (Hướng dẫn 36-HD/VPTW): Quy định is "QĐi";
# the Politburo's and Secretariat's Quy định are numbered "178-QĐ/TW" all the same.
_PARTY_CODES = {"Quy định": ("QĐi", "QĐ")}
# A joint document adds to its kind's code: "Kế hoạch số 107/KHPH-CA-GD" (phối hợp),
# "Thông tư liên tịch … TTLT", "Nghị quyết liên tịch … NQLT".
_JOINT_SUFFIXES = ("PH", "LT")
_TYPE_CODES = frozenset(t.abbreviation for t in DocumentType if t.abbreviation)


def _label(citation: Citation) -> str:
    return f"{citation.type_name} {citation.code}" if citation.code else citation.text[:60]


def _date_text(citation: Citation) -> str:
    d = citation.date
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""


def _expected_codes(citation: Citation) -> tuple[str, ...] | None:
    kind = citable_type(citation.type_name)
    if kind is None or kind.by_name:
        return None
    if citation.is_party and citation.type_name in _PARTY_CODES:
        return kind.abbreviations + _PARTY_CODES[citation.type_name]
    return kind.abbreviations


def _matches_kind(code: str, expected: tuple[str, ...]) -> bool:
    return code in expected or any(code == e + s for e in expected for s in _JOINT_SUFFIXES)


def _is_generic(citation: Citation) -> bool:
    kind = citable_type(citation.type_name)
    return kind is not None and kind.generic


def _own_issuer_code(doc: Document) -> str | None:
    if doc.issuer.abbreviation:
        return doc.issuer.abbreviation
    groups = doc.notation.split("-")
    return groups[1] if doc.type.abbreviation and len(groups) > 1 else groups[0]


def _citation_issuer_code(citation: Citation, own: str | None) -> str | None:
    if citation.notation is None or citation.is_party or citation.year is not None:
        return None
    groups = citation.notation.split("-")
    if groups[0] == own and own not in (_expected_codes(citation) or ()):
        return own  # "Công văn số 1234/CT-TTHT" from the Cục Thuế (CT) itself; not a
        # "Chỉ thị số 05/CT-UBND", whose CT is the kind's own code
    # A kind with a code, or a notation that starts with one ("Văn bản số 59/KH-UBND"
    # names a plan; a công văn's "59/KH-UBND" is a BC203 of its own).
    typed = bool(_expected_codes(citation)) or (len(groups) > 1 and groups[0] in _TYPE_CODES)
    if typed:
        return groups[1] if len(groups) > 1 else None
    return groups[0]


def _block_findings(doc: Document, path: ModelPath, block: TextBlock) -> Iterator[Finding]:
    words = block.cited_text()
    # Where each citation's words stand: looked for on from the last one's (citations
    # come in the order of their words), so a block citing thousands stays linear.
    placed: list[tuple[Citation, int]] = []
    starts: set[int] = set()
    cursor = 0
    for citation in block.citations:
        at = words.find(citation.text, cursor)
        if at < 0:
            at = words.find(citation.text)
        if at >= 0:
            cursor = at + 1  # the same words again are the next citation's
            starts.add(at)
        placed.append((citation, at + len(citation.text) if at >= 0 else len(words)))
    yield from _unreadable(path, words, starts)
    for citation, end in placed:
        yield from _citation_findings(doc, path, citation, words, end)


def _unreadable(path: ModelPath, words: str, starts: set[int]) -> Iterator[Finding]:
    """BC201 for each mention in ``words`` that cannot be read. A mention is read when a
    citation's words start there (``starts``), or one the recogniser reads at that very
    place (one bounded match per mention)."""
    for mention in find_mentions(words):
        start = mention.start
        if start not in starts and not reads_at(words, start):
            end = words.find(" ", mention.end + 1)
            shown = words[start : end if end > 0 else len(words)]
            yield UNREADABLE.at(path, words=shown)


def _citation_findings(
    doc: Document, path: ModelPath, citation: Citation, words: str, end: int
) -> Iterator[Finding]:
    """The findings on one citation; ``end`` is where its words end in ``words``."""
    label = _label(citation)
    parsed = parse_citation(citation.text, like=citation)
    if parsed is None:
        yield UNREADABLE.at(path, words=citation.text[:80])
    else:
        for field in _COMPARED:
            written, given = getattr(parsed, field), getattr(citation, field)
            if written is not None and given != written:
                yield FIELDS_DISAGREE.at(
                    path, words=citation.text[:80], field=field, given=given, written=written
                )
                break
    if citation.date is None:
        match = _DATE_AFTER.match(words, end)
        # "ngày" ending the text is no date to read (a citation without one: BC205).
        if match and match.group("words").strip():
            yield DATE_UNREADABLE.at(path, citation=label, words=match.group("words").strip())
    else:
        real = citation.date.to_date()
        if real is None:
            yield DATE_NOT_REAL.at(path, citation=label, date=_date_text(citation))
        else:
            latest = doc.issue_date.latest_possible()
            if latest is not None and real > latest:
                own = doc.issue_date.to_date()
                own_text = own.strftime("%d/%m/%Y") if own else f"năm {doc.issue_date.year}"
                yield CITED_AFTER.at(path, citation=label, date=_date_text(citation), own=own_text)
        if citation.year is not None and citation.year != citation.date.year:
            yield YEAR_MISMATCH.at(
                path, citation=label, year=citation.year, date_year=citation.date.year
            )
    expected = _expected_codes(citation)
    code = citation.type_code
    if expected and code is not None and not _matches_kind(code, expected):
        yield TYPE_CODE_MISMATCH.at(
            path, citation=label, code=code, type=citation.type_name, expected=" / ".join(expected)
        )
    if (
        expected == ()
        and code is not None
        and not citation.is_party
        and code in _TYPE_CODES
        and not _is_generic(citation)  # "Văn bản số 59/KH-UBND" names a plan: any code will do
    ):
        yield TYPE_CODE_MISMATCH.at(
            path,
            citation=label,
            code=code,
            type=citation.type_name,
            expected="<cơ quan>-<đơn vị>",
        )


def _first_citation_findings(
    doc: Document, blocks: list[tuple[ModelPath, TextBlock]]
) -> Iterator[Finding]:
    """Completeness of first citations, and consistency of repeated ones."""
    first: dict[str, Citation] = {}
    own = _own_issuer_code(doc)
    for path, block in blocks:
        for citation in block.citations:
            key = citation.code
            if key is None:
                continue
            label = _label(citation)
            if key not in first:
                first[key] = citation
                if citation.date is None:
                    yield NO_DATE.at(path, citation=label)
                if citation.subject is None:
                    yield NO_SUBJECT.at(path, citation=label)
                issuer_code = _citation_issuer_code(citation, own)
                if citation.issuer is None and issuer_code and own and issuer_code != own:
                    yield ISSUER_OMITTED.at(path, citation=label)
                continue
            earlier = first[key]
            if earlier.date and citation.date and earlier.date != citation.date:
                yield DATES_DISAGREE.at(
                    path, citation=label, first=_date_text(earlier), second=_date_text(citation)
                )


@bcpipe.rule(
    "citations",
    UNREADABLE,
    DATE_NOT_REAL,
    TYPE_CODE_MISMATCH,
    CITED_AFTER,
    NO_DATE,
    NO_SUBJECT,
    ISSUER_OMITTED,
    DATES_DISAGREE,
    DATE_UNREADABLE,
    YEAR_MISMATCH,
    FIELDS_DISAGREE,
)
def citations_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Every cited document is readable, real, consistent and not dated after this one."""
    blocks = list(iter_text_blocks(doc))
    for path, block in blocks:
        # Most blocks neither cite nor mention (no "số", no "/"): skip them cheaply.
        words = block.cited_text()
        if block.citations or "số" in words or "/" in words:
            yield from _block_findings(doc, path, block)
    yield from _first_citation_findings(doc, blocks)
    # A footnote cites documents too ("Nghị quyết số 57/NQ/TW" in 001's note 2): its
    # words hold no structured citations, but a mention that cannot be read is said.
    for index, note in enumerate(doc.footnotes):
        if "số" in note.text or "/" in note.text:
            yield from _unreadable(("footnotes", index, "text"), note.text, set())
