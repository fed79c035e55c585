"""Recognising citations of other documents in running text.

    Công văn số 1440/STTTT-TTBCXB ngày 08/12/2022 của Sở Thông tin và Truyền thông
    tỉnh Bình Định về việc báo cáo kết quả công tác thông tin đối ngoại …

:func:`find_citations` returns each citation with its exact words (``text``) and its
parts; :func:`find_mentions` returns every place where words *look* like a citation
("<kind> số <digits>…", "<kind> <digits>/<notation>"), so that a rule can report the
ones that could not be read.

Every pattern here is linear in the input: bounded repetitions, no nested quantifiers,
so that a hostile megabyte of text is read in time proportional to its size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from bcpipe.doctypes import CITABLE_TYPES, citable_type
from bcpipe.model import CalendarDate, Citation

__all__ = [
    "Mention",
    "find_citations",
    "find_mentions",
    "locate_citations",
    "parse_citation",
    "reads_at",
]


def _type_alternation(names: list[str]) -> str:
    # Longest first, so that "Thông tư liên tịch" wins over "Thông tư".
    parts = [
        r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True)
    ]
    return "(?i:" + "|".join(parts) + ")"


_NUMBERED = [name for name, t in CITABLE_TYPES.items() if not t.by_name]
_BY_NAME = [name for name, t in CITABLE_TYPES.items() if t.by_name]

_WORD = r"[A-Za-zĐđ0-9]{1,20}"
# A year is four digits and no more: "08/6/20210" (a typo) is no date of 2021.
_DATE = (
    r"ngày\s{1,5}(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)"
    r"|(?P<d2>\d{1,2})\s{1,5}tháng\s{1,5}(?P<m2>\d{1,2})\s{1,5}năm\s{1,5}(?P<y2>\d{4})(?!\d))"
)
# The lazy issuer and subject try their lookahead after every character; the cheap first
# lookahead (a character that can start the second, or the end) fails at once on letters,
# which halves the cost of reading a citation without changing what it matches.
_ISSUER = (
    r"của\s{1,5}(?P<issuer>[^,;.()\n]{1,200}?)"
    r"(?=[\s,;.()]|\Z)"
    r"(?=\s{1,5}(?:về|V/v|quy\s+định|hướng\s+dẫn|ban\s+hành|thực\s+hiện|triển\s+khai)\b|\s{0,5}[,;.()\n]|\s{0,5}$"
    # "… của Ban Thường vụ Tỉnh ủy và Kế hoạch số 24/KH-UBND …", "… của UBND tỉnh
    # thực hiện Nghị quyết …": the issuer ends where the next citation or clause begins.
    rf"|\s{{1,5}}và\s{{1,5}}(?:các\s{{1,5}})?(?:văn\s{{1,5}}bản|{_type_alternation(_NUMBERED)})\b)"
)
_SUBJECT = (
    r"(?:về(?:\s{1,5}việc)?|V/v)\s{1,5}(?P<subject>[^;\n]{1,400}?)"
    r"(?=[\s,;.]|\Z)"
    r"(?=\s{0,5}[,;]|\.(?:\s|$)|\s{0,5}$)"
)
# Each part may follow a comma ("… 1440/STTTT-TTBCXB, ngày 08/12/2022 của …"); a date
# after a comma only when the citation goes on (của, về, quy định, hướng dẫn, và + another
# kind) or ends there: in "Thực hiện Công văn số …, ngày 20/12/2022 UBND huyện đã …" (or
# "… – UBND huyện", "… và tiếp đó") the date is the sentence's, not the letter's.
_DATE_ENDS = (
    rf"(?=\s{{0,5}}(?i:của|về|V/v|quy\s{{1,5}}định|hướng\s{{1,5}}dẫn"
    rf"|và\s{{1,5}}(?:các\s{{1,5}})?(?:văn\s{{1,5}}bản|{_type_alternation(_NUMBERED)}))\b"
    r"|\s{0,5}ban\s{1,5}hành\s{1,5}[A-ZĐ]"  # "… ban hành Quy chế …", not "ban hành kế hoạch"
    r"|\s{0,5}\([^()\n]{0,40}\)\s{0,5}(?i:của|về)\b"  # "(bản sao) của UBND tỉnh"
    r"|\s{0,5}[,;.)]|\s{0,5}$)"
)
_TAIL = (
    rf"(?:(?P<comma>,)?\s{{1,5}}{_DATE}(?(comma){_DATE_ENDS}))?"
    rf"(?:,?\s{{1,5}}{_ISSUER})?(?:,?\s{{1,5}}{_SUBJECT})?"
)

# "số" may be left out ("Nghị định 30/2020/NĐ-CP"): the number and notation then say it.
# Numbers may carry a sub-number or a letter ("66.4/2025/NQ-CP", "05a/KH-UBND"); the
# National Assembly's notation has no type code ("69/2025/QH15").
_NUMBERED_HEAD = (
    rf"\b(?P<type>{_type_alternation(_NUMBERED)})\s{{1,5}}(?:số\s{{0,3}}:?\s{{0,3}})?"
    rf"(?:(?P<num>\d{{1,8}}(?:\.\d{{1,3}})?[a-zđ]?)/(?:(?P<year>\d{{4}})/)?"
    rf"(?P<notation>{_WORD}(?:-{_WORD}){{1,4}}|(?:UBTV)?QH\d{{1,2}})"
    rf"|(?P<pnum>\d{{1,8}})-(?P<pnotation>[A-Za-zĐđ]{{1,10}}/{_WORD}))"
    rf"(?![-/\w])"
)
_NUMBERED_RE = re.compile(_NUMBERED_HEAD + _TAIL)
# The kind, number and notation alone: whether a citation starts at a place.
_NUMBERED_HEAD_RE = re.compile(_NUMBERED_HEAD)
_BY_NAME_RE = re.compile(
    rf"\b(?P<type>{_type_alternation(_BY_NAME)})\s{{1,5}}"
    rf"(?P<title>[A-ZĐÀ-Ỹ][^,;.\n]{{0,150}}?)\s{{1,5}}{_DATE}"
)
# A loose match: the kind, "số", then something that starts like a number. Any such
# mention that _NUMBERED_RE cannot read is a citation a clerk mistyped. Trying the long
# list of kinds at every position is slow, so the scan looks for the rare "số <digit>"
# first and only then for a kind in the few words before it.
# (No leading \b: it would stop the regex engine from skipping ahead to the literal "số".)
_NUMBER_WORD = re.compile(r"số\s{0,3}:?\s{0,3}(?=[0-9/])")
# Without "số", only a number with a notation after a kind is a mention ("Kế hoạch
# 59/KH-UBND"): "Kế hoạch 1/3" is not one.
# The look-behind comes after the first digit ("not after a word character or a slash"):
# a pattern that starts with a digit lets the engine skip to the next digit.
_BARE_NOTATION = re.compile(r"\d(?<![\w/]\d)\d{0,7}/(?:\d{4}/)?(?=[A-ZĐ])")
_KIND_BEFORE = re.compile(rf"(?<!\w)(?P<type>{_type_alternation(_NUMBERED)})\s{{1,5}}$")
_WINDOW = 40  # longer than "Thông tư liên tịch" + spaces
_GENERIC = next(name for name, kind in CITABLE_TYPES.items() if kind.generic)
# After "Văn bản số": a number, then "/" or a Party notation ("35-NQ/TW"), perhaps
# mistyped with a space or a letter ("59 /UBND-VP", "59a/UBND-VP").
_NOTATION_NEXT = re.compile(r"\d{1,8}[A-Za-z]?\s{0,2}(?:/|-[A-ZĐ][A-Za-zĐđ]{0,9}/)")
# Without "số", the generic kind needs a notation with a hyphen ("Văn bản 59/UBND-VP").
_GENERIC_BARE = re.compile(r"[A-Za-zĐđ0-9]{1,20}-")


@dataclass(frozen=True, slots=True)
class Mention:
    """Words that look like a citation: where they start and the kind they name."""

    start: int
    end: int
    type_name: str


def _canonical_type(raw: str) -> str:
    kind = citable_type(" ".join(raw.split()))
    return kind.name if kind else raw


def _date(match: re.Match[str]) -> CalendarDate | None:
    day, month, year = match.group("d", "m", "y")
    if day is None:
        day, month, year = match.group("d2", "m2", "y2")
    if day is None or month is None or year is None:
        return None
    return CalendarDate(day=int(day), month=int(month), year=int(year))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip()
    return value or None


def _numbered(match: re.Match[str]) -> Citation:
    party = match.group("pnum") is not None
    year = match.group("year")
    return Citation(
        text=match.group(0).strip(),
        type_name=_canonical_type(match.group("type")),
        number=match.group("pnum") if party else match.group("num"),
        year=int(year) if year else None,
        notation=match.group("pnotation") if party else match.group("notation"),
        date=_date(match),
        issuer=_clean(match.group("issuer")),
        subject=_clean(match.group("subject")),
    )


def _by_name(match: re.Match[str]) -> Citation:
    return Citation(
        text=match.group(0).strip(),
        type_name=_canonical_type(match.group("type")),
        title=_clean(match.group("title")),
        date=_date(match),
    )


def _date_parts(match: re.Match[str]) -> tuple[int, int, int] | None:
    day, month, year = match.group("d", "m", "y")
    if day is None:
        day, month, year = match.group("d2", "m2", "y2")
    if day is None or month is None or year is None:
        return None
    return int(day), int(month), int(year)


def _reads_as(match: re.Match[str], numbered: bool, citation: Citation) -> bool:
    """Whether ``match`` reads exactly as ``citation`` says: then building its Citation
    would give one equal to ``citation`` (and could not fail), so it need not be built."""
    if citation.text != match.group(0).strip():
        return False
    if citation.type_name != _canonical_type(match.group("type")):
        return False
    date = citation.date
    parts = _date_parts(match)
    if (date is None) != (parts is None) or (
        date is not None and (date.day, date.month, date.year) != parts
    ):
        return False
    if not numbered:
        fields: tuple[Any, ...] = (None, None, None, None, None, _clean(match.group("title")))
    else:
        party = match.group("pnum") is not None
        year = match.group("year")
        fields = (
            match.group("pnum") if party else match.group("num"),
            int(year) if year else None,
            match.group("pnotation") if party else match.group("notation"),
            _clean(match.group("issuer")),
            _clean(match.group("subject")),
            None,
        )
    given = (
        citation.number,
        citation.year,
        citation.notation,
        citation.issuer,
        citation.subject,
        citation.title,
    )
    return given == fields


def _build(
    match: re.Match[str], numbered: bool, known: Mapping[str, Sequence[Citation]]
) -> Citation:
    """The citation of ``match``: one of ``known`` (by their words) if it reads exactly as
    that one."""
    for citation in known.get(match.group(0).strip(), ()):
        if _reads_as(match, numbered, citation):
            return citation
    return _numbered(match) if numbered else _by_name(match)


def find_mentions(text: str) -> list[Mention]:
    """Every "<kind> số <number…>" and "<kind> <number>/<notation>" in ``text``, readable
    or not, in order of appearance."""
    mentions: list[Mention] = []
    if "số" in text:
        for number in _NUMBER_WORD.finditer(text):
            if number.start() and text[number.start() - 1].isalnum():
                continue  # "số" inside a longer word
            mentions.extend(_kind_before(text, number, after_so=True))
    if "/" in text:
        bare = [m for number in _BARE_NOTATION.finditer(text) for m in _kind_before(text, number)]
        if bare:
            mentions = sorted(mentions + bare, key=lambda mention: mention.start)
    return mentions


def _kind_before(text: str, number: re.Match[str], after_so: bool = False) -> list[Mention]:
    """The mention whose number starts ``number``, if a kind stands just before it."""
    kind = _KIND_BEFORE.search(text, max(0, number.start() - _WINDOW), number.start())
    if kind is None:
        return []
    type_name = _canonical_type(kind.group("type"))
    # "văn bản số" is also "digital documents" ("có 1.100 văn bản số"): after "số", the
    # generic kind is a mention only when a notation follows ("Văn bản số 12/UBND-VP",
    # "… số 35-NQ/TW", or mistyped "… số 59 /UBND-VP").
    if type_name == _GENERIC:
        if after_so and _NOTATION_NEXT.match(text, number.end()) is None:
            return []
        if not after_so and _GENERIC_BARE.match(text, number.end()) is None:
            return []
    return [Mention(kind.start(), number.end(), type_name)]


def find_citations(text: str, *, known: Sequence[Citation] = ()) -> list[Citation]:
    """The citations in ``text``, in order of appearance.

    A citation inside another's subject ("về việc triển khai Kế hoạch số …") is found
    too: each mention is read from its own start. A citation that reads exactly as one
    of ``known`` (those a block already has) is given as that object, unbuilt: building
    a model costs more than reading the words.
    """
    return [citation for _, citation in locate_citations(text, known=known)]


def locate_citations(text: str, *, known: Sequence[Citation] = ()) -> list[tuple[int, Citation]]:
    """:func:`find_citations`, each citation with the offset where its words start."""
    found: list[tuple[int, Citation]] = []
    by_text: dict[str, list[Citation]] = {}  # looked up per match: a dict, not a scan
    for citation in known:
        by_text.setdefault(citation.text, []).append(citation)
    if "số" in text or "/" in text:  # most paragraphs cite nothing: no mention
        for mention in find_mentions(text):
            match = _NUMBERED_RE.match(text, mention.start)
            if match:
                found.append((match.start(), _build(match, True, by_text)))
    # Luật, Pháp lệnh; always with a date ("ngày", never in capitals in the pattern).
    if "ngày" in text and ("uật" in text or "UẬT" in text or "háp" in text or "HÁP" in text):
        for match in _BY_NAME_RE.finditer(text):
            found.append((match.start(), _build(match, False, by_text)))
    if len(found) > 1:
        found.sort(key=itemgetter(0))
    return found


def reads_at(text: str, start: int) -> bool:
    """Whether a numbered citation can be read from ``start`` of ``text`` (a mention
    there is readable)."""
    return _NUMBERED_HEAD_RE.match(text, start) is not None


def parse_citation(text: str, *, like: Citation | None = None) -> Citation | None:
    """``text`` read as exactly one citation, or None if it is not one.

    When the words read exactly as ``like`` says, ``like`` itself is returned (an equal
    citation, without building a model): a rule comparing a citation with its words
    pays for the reading only.
    """
    stripped = text.strip()
    patterns: tuple[tuple[re.Pattern[str], bool], ...] = (
        (_NUMBERED_RE, True),
        (_BY_NAME_RE, False),
    )
    for pattern, numbered in patterns:
        match = pattern.fullmatch(stripped)
        if match:
            return _build(match, numbered, {} if like is None else {like.text: (like,)})
    return None
